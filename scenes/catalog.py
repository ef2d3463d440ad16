"""The scenes in story order: where each lives and what it shows. The CLI reads this list.

Add a scene here when you add its file: (Class name, module, one-line description).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class SceneEntry:
    name: str
    module: str
    description: str
    section: str  # one of SECTIONS

    def load(self):
        """Import the scene class."""
        return getattr(importlib.import_module(self.module), self.name)


#: Section keys in story order; titles are the strings ``section.<key>`` and the step of the
#: three steps of machine learning each section is in, ``section.<key>.step``. The chapter's plan,
#: scene by scene, is docs/storyboard.md.
SECTIONS = ("three_steps", "piecewise", "relu", "deep", "optimisers")

SCENES: list[SceneEntry] = [
    # 1. The three steps on the linear model y = b + w x1, and its model bias.
    SceneEntry("LinearModel", "scenes.three_steps.linear_model",
               "Step 1: the three steps; riders per hour; y = b + w x1 with unknown weight w and bias b; two guesses.",
               "three_steps"),
    SceneEntry("LossDefinition", "scenes.three_steps.loss",
               "Step 2: a guess's outputs y vs the labels y-hat, each error e_n as a bar; L = (1/N) sum e_n, MAE and "
               "MSE.",
               "three_steps"),
    SceneEntry("ErrorSurface", "scenes.three_steps.surface",
               "Step 2 as a picture: L(w, b) in riders/h as a contour map and in 3D; the guesses and the lowest point.",
               "three_steps"),
    SceneEntry("TangentStep", "scenes.three_steps.tangent",
               "Step 3 in one parameter: the tangent at w0, one step of eta*slope each way (sign rule); slope 0 only "
               "at the bottom.",
               "three_steps"),
    SceneEntry("GradientDescent", "scenes.three_steps.gradient_descent",
               "Step 3 for theta = (w, b): random start, g = grad L, theta1 = theta0 - eta g, until the gradient is "
               "small.",
               "three_steps"),
    SceneEntry("LearningRates", "scenes.three_steps.descent",
               "eta is a hyperparameter: too small creeps, good settles, too large overshoots off the map; long "
               "valley.",
               "three_steps"),
    SceneEntry("ModelBias", "scenes.three_steps.model_bias",
               "Riders by hour of day vs the best line y = b + w x1: it misses the peaks (model bias); a curve with "
               "corners.",
               "three_steps"),
    # 2. Step 1 again: a more flexible function (piecewise linear curves, sigmoids, the matrix form).
    SceneEntry("PiecewiseAsHardSigmoids", "scenes.piecewise.hard_sigmoids",
               "Red curve = constant (its flat start) + blue hard sigmoids, corner to corner; "
               "more corners ≈ any smooth curve.",
               "piecewise"),
    SceneEntry("SigmoidKnobs", "scenes.piecewise.sigmoid",
               "sigma(z) = 1/(1+e^-z); c*sigma(b + w x1): w, b, c live; best fit's gap vs w; "
               "red curve = b + sum c_i sigma(...).",
               "piecewise"),
    SceneEntry("MatrixForm", "scenes.piecewise.network",
               "Figure 1.14: r_i written out, r_i = b_i + sum_j w_ij x_j (weights, biases), "
               "r = b + Wx, a = sigma(r), y = b + c^T a; numbers; theta.",
               "piecewise"),
    SceneEntry("BatchesEpochs", "scenes.piecewise.batches",
               "Steps 2-3 for theta: shuffle N hours, batches of B, each batch's L^k and one update; N/B per epoch.",
               "piecewise"),
    SceneEntry("ParametersVsHyperparameters", "scenes.piecewise.hyperparameters",
               "theta (counted from MatrixForm's model) is learned; eta, B, epochs, sigmoids (the scenes' values) "
               "are chosen.",
               "piecewise"),
    # 3. Step 1 again: ReLU, another way to make a hard sigmoid (then: both are activation functions).
    SceneEntry("ReluPairHardSigmoid", "scenes.relu.relu_pair",
               "Each ReLU a deformed max(0, x) (b shifts, c scales/flips); two make a hard sigmoid (11-1 = 10); "
               "activation functions.",
               "relu"),
    SceneEntry("ReluFitTraining", "scenes.relu.relu_fit",
               "8 ReLUs trained by gradient descent on hour of day -> riders/h (MSE in (riders/h)^2); then 2..32 "
               "ReLUs.",
               "relu"),
    SceneEntry("LocalMinima", "scenes.relu.local_minima",
               "2 ReLUs trained from two random starts: both stop at gradient ~ 0, at different losses; "
               "the higher is a local minimum.",
               "relu"),
    # 4. Step 1 again: layers (deep learning), and overfitting.
    SceneEntry("LayersStacking", "scenes.deep.depth",
               "1 to 4 hidden layers: a' = sigma(b' + W' a); exact linear pieces per depth and per neuron; old/new "
               "names.",
               "deep"),
    SceneEntry("ForwardPass", "scenes.deep.forward_pass",
               "Unseen hours through a trained ReLU network: activations as discs, real weights, output y vs label ŷ "
               "(riders/h).",
               "deep"),
    SceneEntry("DepthTable", "scenes.deep.depth_table",
               "The book's experiment rerun: more hours, ReLUs, layers; train vs unseen; overfitting only beyond the "
               "seed spread.",
               "deep"),
    SceneEntry("Overfitting", "scenes.deep.overfitting",
               "Training vs unseen loss over epochs of a deep net with no early stopping (Seattle), then early "
               "stopping.",
               "deep"),
    # 5. Step 3 again: optimisers beyond plain gradient descent.
    SceneEntry("OptimizerRace", "scenes.optimisers.race",
               "GD, momentum, AdaGrad, RMSProp, Adam, each at its best swept eta: the long valley, a network's plane.",
               "optimisers"),
]


#: Scenes that are not part of the story but are rendered by the tools (chapter title cards).
HELPER_SCENES: list[SceneEntry] = [
    SceneEntry("SectionTitle", "scenes.title_card", "The card that opens a section of the chapter video.", ""),
]


def scene_class(name: str) -> type:
    """The scene class called ``name`` (imported on demand): how one part of the lesson reads another's settings."""
    return find(name).load()


def find(name: str) -> SceneEntry:
    """The entry called ``name``; an unknown name suggests the closest ones."""
    for entry in [*SCENES, *HELPER_SCENES]:
        if entry.name.lower() == name.lower():
            return entry
    import difflib

    names = [e.name for e in SCENES]
    close = ([n for n in names if name.lower() in n.lower()][:3]
             or difflib.get_close_matches(name, names, n=3, cutoff=0.4))
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"unknown scene {name!r}{hint} (`explainer list` shows them all)")
