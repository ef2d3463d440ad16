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


#: Section keys in story order; titles are the strings ``section.<key>``.
SECTIONS = ("piecewise", "sigmoid_relu", "deep", "loss", "optimisation")

SCENES: list[SceneEntry] = [
    SceneEntry("PiecewiseAsHardSigmoids", "scenes.piecewise",
               "A red piecewise linear curve = constant + blue hard sigmoids; more corners fit smooth curves.",
               "piecewise"),
    SceneEntry("SigmoidKnobs", "scenes.sigmoid",
               "c*sigmoid(b + w x) beside a hard sigmoid: w, b, c live; the best fit's gap as w grows.",
               "sigmoid_relu"),
    SceneEntry("MatrixForm", "scenes.network",
               "Figure 1.14 with trained numbers: r = b + Wx, a = sigma(r), y = b + c^T a; one path; all into theta.",
               "sigmoid_relu"),
    SceneEntry("ReluPairHardSigmoid", "scenes.relu_pair", "Two ReLUs add up to one hard sigmoid (11+(-1)=10).",
               "sigmoid_relu"),
    SceneEntry("ReluFitTraining", "scenes.relu_fit",
               "8 ReLUs trained on hour of day -> riders, from the recorded run; then 2..32 ReLUs' final losses.",
               "sigmoid_relu"),
    SceneEntry("LayersStacking", "scenes.depth",
               "1 to 4 hidden layers: the diagram grows, exact linear pieces multiply; neuron -> deep learning.",
               "deep"),
    SceneEntry("ForwardPass", "scenes.network",
               "Unseen hours through a trained ReLU network: fills by activation, real weights, prediction vs truth.",
               "deep"),
    SceneEntry("DepthTable", "scenes.depth_table",
               "The book's experiment rerun: days, ReLUs, layers; training vs unseen; overfitting only if real.",
               "deep"),
    SceneEntry("LossDefinition", "scenes.loss",
               "Real hours, predictions vs truth, each error e_n as a bar; L = (1/N) sum e_n as MAE and MSE.",
               "loss"),
    SceneEntry("ErrorSurface", "scenes.surface",
               "L(w, b) of the one-hour model: contour map, the same colours in 3D, the recorded GD path to (w*, b*).",
               "loss"),
    SceneEntry("TangentStep", "scenes.tangent",
               "The tangent at w0, one step of eta*slope each way (sign rule); a ReLU network's local minima.",
               "optimisation"),
    SceneEntry("LearningRates", "scenes.descent",
               "Too small, good, too large: three recorded GD paths; the large one leaves the map and diverges.",
               "optimisation"),
    SceneEntry("BatchesEpochs", "scenes.batches",
               "Shuffle N real hours, batches of B, each batch's loss L^k and one update; N/B per epoch; paths.",
               "optimisation"),
    SceneEntry("OptimizerRace", "scenes.race",
               "GD, momentum, AdaGrad, RMSProp, Adam from one start: the real surface, then a deep net's PCA plane.",
               "optimisation"),
]


#: Scenes that are not part of the story but are rendered by the tools (chapter title cards).
HELPER_SCENES: list[SceneEntry] = [
    SceneEntry("SectionTitle", "scenes.title_card", "The card that opens a section of the chapter video.", ""),
]


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
