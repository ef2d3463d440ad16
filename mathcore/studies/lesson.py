"""The chapter's one-hour linear model, in one place: riders this hour from riders the hour before.

The three steps of machine learning are taught on this model (CHAPTER.md §1-2, §7-8):

1. the function ``y = b + w x₁``: ``x₁`` = riders in the previous hour, ``y`` = the model's
   output for this hour (riders/hour); ``w`` (weight) and ``b`` (bias) are unknown;
2. the loss ``L(w, b) = (1/N) Σ e_n`` over the N training hours, with the label ``ŷ`` the
   riders really counted: MAE ``e = |y − ŷ|`` or MSE ``e = (y − ŷ)²``;
3. optimisation: ``(w*, b*) = argmin L``.

The lesson optimises **MSE** (smooth: its gradient is defined everywhere, and it is zero
only at the minimum). The best line is therefore the least-squares line (closed form),
and gradient descent on MSE converges to it; ``LinearLesson.best`` holds w*, b* in
riders/hour and L* (MSE, and the MAE of that line) in the data's units.

Gradient descent runs on *standardised* riders, ``x̃ = (x − μ)/σ`` and ``ỹ = (y − μ)/σ``
with ONE μ, σ (the training labels' mean and standard deviation, ``mathcore.data.windows``):
in riders/hour the loss is thousands of times steeper along w than along b, so no single
learning rate suits both (``curvature_ratio``). The conversion back is::

    w = w̃,   b = μ (1 − w̃) + σ b̃,   L_MSE = σ² L̃_MSE,   L_MAE = σ L̃_MAE.

Scenes LinearModel, LossDefinition, ErrorSurface, TangentStep and GradientDescent all read
their numbers from here, so the same model shows the same numbers everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.data import DATASETS, load, windows
from mathcore.losses import mae, mse
from mathcore.surface import least_squares_line
from mathcore.validation import check_choice, check_positive_float, check_positive_int

#: Two lines a learner might guess before any training, (w, b) in riders/hour:
#: "the same as last hour" and a flatter line that never predicts fewer than 60 riders.
GUESSES: tuple[tuple[float, float], ...] = ((1.0, 0.0), (0.6, 60.0))
#: Gradient descent stops when ‖∇L̃(θ)‖ (standardised MSE) falls below this ...
GRADIENT_TOLERANCE = 1e-4
#: ... or when this many updates have been made.
UPDATE_BUDGET = 100
#: The learning rate of the lesson's gradient descent (standardised units).
LEARNING_RATE = 0.1
#: The seed of the random start θ⁰ and the box it is drawn from (standardised w̃, b̃).
START_SEED = 3
START_BOX = ((-1.0, 2.5), (-1.5, 1.5))


@dataclass(frozen=True)
class Line:
    """One choice of (w, b) in riders/hour, and its losses over the N training hours."""

    w: float
    b: float                # riders/hour
    mse: float              # (riders/hour)²
    mae: float              # riders/hour


def _line(x1: np.ndarray, label: np.ndarray, w: float, b: float) -> Line:
    y = b + w * x1
    return Line(float(w), float(b), mse(y, label), mae(y, label))


@dataclass(frozen=True, eq=False)
class LinearLesson:
    """The data (riders/hour), the standardisation, the guesses and the best line.

    ``x1[n]``: riders in the hour before training hour n; ``label[n]`` (ŷ): riders counted in
    hour n; ``time[n]``: hours since 2011-01-01 00:00. ``mean``/``std`` are μ and σ.
    """

    name: str
    unit: str
    x1: np.ndarray
    label: np.ndarray
    time: np.ndarray
    mean: float
    std: float
    guesses: tuple[Line, ...]
    best: Line

    @property
    def n(self) -> int:
        return len(self.label)

    def output(self, w: float, b: float, x1: object | None = None) -> np.ndarray:
        """The model's output y = b + w x₁ (riders/hour), on the training hours or on ``x1``."""
        x = self.x1 if x1 is None else np.asarray(x1, dtype=np.float64)
        return b + w * x

    def line(self, w: float, b: float) -> Line:
        """(w, b) with its MSE and MAE over every training hour, in riders/hour units."""
        return _line(self.x1, self.label, w, b)

    def loss(self, w: float, b: float, kind: str = "mse") -> float:
        check_choice("loss", kind, ("mse", "mae"))
        return getattr(self.line(w, b), kind)

    def gradient(self, w: float, b: float) -> np.ndarray:
        """(∂L/∂w, ∂L/∂b) of the MSE in riders/hour units: 2·mean(e·x₁), 2·mean(e), e = y − ŷ."""
        e = self.output(w, b) - self.label
        return np.array([2.0 * float(np.mean(e * self.x1)), 2.0 * float(np.mean(e))])

    # ---------------------------------------------------------------- standardised units
    def to_original(self, w_std: float, b_std: float) -> tuple[float, float]:
        """(w̃, b̃) -> (w, b): w = w̃, b = μ (1 − w̃) + σ b̃."""
        return float(w_std), float(self.mean * (1.0 - w_std) + self.std * b_std)

    def to_standardised(self, w: float, b: float) -> tuple[float, float]:
        """(w, b) -> (w̃, b̃): w̃ = w, b̃ = (b − μ (1 − w)) / σ."""
        return float(w), float((b - self.mean * (1.0 - w)) / self.std)

    def mse_to_original(self, loss_std: object) -> float | np.ndarray:
        """A standardised MSE in (riders/hour)²: σ² L̃."""
        out = np.asarray(loss_std, dtype=np.float64) * self.std**2
        return float(out) if out.ndim == 0 else out


def curvature_ratio(lesson: LinearLesson, units: str) -> float:
    """Largest over smallest curvature of the MSE bowl (Hessian eigenvalues) in ``units``.

    In riders/hour the Hessian is 2·[[mean x₁², mean x₁], [mean x₁, 1]]; standardised,
    x₁ is replaced by x̃₁. A ratio near 1 is a round bowl; a large one, a narrow valley
    where a learning rate small enough for the steep direction crawls along the flat one.
    """
    eig = _curvatures(lesson, units)
    return float(eig[-1] / eig[0])


def largest_stable_rate(lesson: LinearLesson, units: str, b_fixed: bool = False) -> float:
    """The learning rate above which plain gradient descent on the MSE blows up, in ``units``.

    On a quadratic bowl a step of η multiplies the distance to the bottom along each
    curvature direction by (1 − η·curvature); that grows once η > 2 / (largest curvature).
    With ``b_fixed`` the walk is along w alone (TangentStep's slice): the curvature is
    d²L/dw² = 2·mean(x₁²), so the bound is 1 / mean(x₁²). The bound depends on the units
    x₁ and L are counted in, which is why the good η of one unit system is not another's.
    """
    if b_fixed:
        x = _feature(lesson, units)
        return float(1.0 / np.mean(x * x))
    return float(2.0 / _curvatures(lesson, units)[-1])


def _feature(lesson: LinearLesson, units: str) -> np.ndarray:
    check_choice("units", units, ("original", "standardised"))
    return lesson.x1 if units == "original" else (lesson.x1 - lesson.mean) / lesson.std


def _curvatures(lesson: LinearLesson, units: str) -> np.ndarray:
    """The Hessian eigenvalues of L(w, b), smallest first: 2·[[mean x₁², mean x₁], [mean x₁, 1]]."""
    x = _feature(lesson, units)
    hessian = 2.0 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    return np.linalg.eigvalsh(hessian)


@lru_cache(maxsize=4)
def one_hour_linear_model(name: str = "bikeshare") -> LinearLesson:
    """The lesson's data and lines: the N training hours of ``windows(1, name)`` in original units.

    The best line is the least-squares fit (the MSE minimiser), computed in riders/hour.
    """
    name = check_choice("data set name", name, DATASETS)
    win = windows(1, name)
    x1, label = win.unstandardise(win.X_train[:, 0]), win.unstandardise(win.y_train)
    for array in (x1, label):
        array.setflags(write=False)
    w_star, b_star = least_squares_line(x1, label)
    return LinearLesson(name=name, unit=win.unit, x1=x1, label=label, time=win.t_train, mean=win.mean,
                        std=win.std, guesses=tuple(_line(x1, label, w, b) for w, b in GUESSES),
                        best=_line(x1, label, w_star, b_star))


def hour_of_day(lesson: LinearLesson) -> np.ndarray:
    """The hour of the day (0-23) of each training hour's label."""
    series = load(lesson.name)
    return series.hour[np.searchsorted(series.time, lesson.time)].astype(int)


# ------------------------------------------------------------------------------ step 3


@dataclass(frozen=True, eq=False)
class Descent:
    """Gradient descent on the standardised MSE, θ = (w̃, b̃), cut where it stopped.

    ``thetas[s]`` is θ^s (row 0 = θ⁰), ``gradients[s]`` = ∇L̃(θ^s), ``losses[s]`` = L̃(θ^s);
    θ^{s+1} = θ^s − η ∇L̃(θ^s). It stops at the first θ^s with ‖∇L̃‖ < ``tolerance``
    (``stopped_by = "gradient"``), else after ``budget`` updates (``"budget"``).
    """

    thetas: np.ndarray
    gradients: np.ndarray
    losses: np.ndarray
    lr: float
    tolerance: float
    budget: int
    stopped_by: str
    config: dict

    @property
    def n_updates(self) -> int:
        return len(self.thetas) - 1


def random_start(seed: int = START_SEED) -> tuple[float, float]:
    """θ⁰ = (w̃⁰, b̃⁰) drawn uniformly from ``START_BOX`` with ``seed`` (standardised units)."""
    rng = np.random.default_rng(seed)
    (w_low, w_high), (b_low, b_high) = START_BOX
    return float(rng.uniform(w_low, w_high)), float(rng.uniform(b_low, b_high))


def descent_config(lr: float, budget: int, start: tuple[float, float], name: str = "bikeshare") -> dict:
    """The run config (``mathcore.runconfig``) of full-batch gradient descent on the standardised MSE."""
    return {"data": {"source": "windows", "name": name, "k": 1}, "model": {"hidden": []},
            "init": [float(start[0]), float(start[1])], "loss": "mse",
            "optimizer": {"name": "gd", "lr": float(lr)}, "epochs": int(budget), "batch_size": None,
            "seed": 0, "on_divergence": "raise"}


def gradient_descent(lr: float = LEARNING_RATE, tolerance: float = GRADIENT_TOLERANCE, budget: int = UPDATE_BUDGET,
                     seed: int = START_SEED, name: str = "bikeshare") -> Descent:
    """The lesson's recorded descent (``mathcore.cache``), cut at the first small gradient."""
    lr, tolerance = check_positive_float("lr", lr), check_positive_float("tolerance", tolerance)
    budget = check_positive_int("budget", budget)
    config = descent_config(lr, budget, random_start(seed), name)
    trajectory = get_or_train(config)
    data, model = training_data(config), model_for(config)
    gradients, losses = [], []
    for theta in trajectory.thetas:
        model.set_theta(np.asarray(theta, dtype=float))
        loss, grad = model.loss_and_grad(data.X, data.y, "mse")
        gradients.append(grad)
        losses.append(loss)
        if np.linalg.norm(grad) < tolerance:
            break
    n = len(gradients)
    stopped_by = "gradient" if np.linalg.norm(gradients[-1]) < tolerance else "budget"
    return Descent(thetas=np.array(trajectory.thetas[:n]), gradients=np.array(gradients), losses=np.array(losses),
                   lr=lr, tolerance=tolerance, budget=budget, stopped_by=stopped_by, config=config)
