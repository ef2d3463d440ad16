"""Local minima, shown honestly: one small ReLU network trained twice from two random starts.

Both runs are plain full-batch gradient descent on the MSE of hour of day -> riders
(``one_feature_relation(kind="cycle")``, standardised). Each stops where the gradient
vanishes (‖∇L(θ)‖ below ``GRADIENT_TOLERANCE``), but at different losses. The higher one
is checked to be a local minimum numerically: no random nearby θ (``PROBES`` directions at
several radii) has a lower loss. Nothing here claims a global minimum: the lower run is
only "lower than the other", never "the best".

This is a data source for a scene about local minima (after ReLU is introduced); it is
not drawn by the three-steps scenes, whose linear model has a single minimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mathcore.cache import get_or_train, model_for, training_data

GRADIENT_TOLERANCE = 1e-4
PROBES = 400
RADII = (1e-4, 1e-3, 1e-2)
DATA = {"source": "relation", "name": "bikeshare", "kind": "cycle", "n": 200, "seed": 0}


def run_config(hidden: int, seed: int, epochs: int = 20_000, lr: float = 0.1) -> dict:
    """Full-batch gradient descent on the MSE of a one-hidden-layer ReLU network (recorded every 1000 steps)."""
    return {"data": DATA, "model": {"hidden": [int(hidden)], "activation": "relu", "seed": int(seed)},
            "loss": "mse", "optimizer": {"name": "gd", "lr": float(lr)}, "epochs": int(epochs),
            "record_every": 1000}


@dataclass(frozen=True, eq=False)
class StoppedRun:
    """Where one run stopped: θ, its loss (standardised and in (riders/hour)²) and ‖∇L(θ)‖."""

    seed: int
    theta: np.ndarray
    loss: float
    loss_riders: float
    gradient_norm: float
    config: dict

    @property
    def stopped(self) -> bool:
        return self.gradient_norm < GRADIENT_TOLERANCE


def stopped_run(hidden: int, seed: int) -> StoppedRun:
    """The run of ``run_config(hidden, seed)`` (trained once, then cached) at its last step."""
    config = run_config(hidden, seed)
    theta = np.array(get_or_train(config).final_theta)
    data, model = training_data(config), model_for(config)
    model.set_theta(theta)
    loss, grad = model.loss_and_grad(data.X, data.y, "mse")
    return StoppedRun(seed=seed, theta=theta, loss=float(loss), loss_riders=float(loss) * _y_std() ** 2,
                      gradient_norm=float(np.linalg.norm(grad)), config=config)


@lru_cache(maxsize=1)
def _y_std() -> float:
    """σ of the riders (riders/hour): a standardised MSE times σ² is in (riders/hour)²."""
    from mathcore.data import one_feature_relation

    return one_feature_relation(DATA["name"], DATA["kind"], DATA["n"], DATA["seed"]).y_std


def lowest_nearby_loss(run: StoppedRun, probes: int = PROBES, radii: tuple[float, ...] = RADII,
                       seed: int = 0) -> float:
    """The lowest loss at ``probes`` random θ + r·u (unit u) for each radius r: a local-minimum check."""
    data, model = training_data(run.config), model_for(run.config)
    rng = np.random.default_rng(seed)
    lowest = np.inf
    for radius in radii:
        for _ in range(probes):
            u = rng.standard_normal(run.theta.shape)
            model.set_theta(run.theta + radius * u / np.linalg.norm(u))
            lowest = min(lowest, float(model.loss_and_grad(data.X, data.y, "mse")[0]))
    return lowest


@lru_cache(maxsize=4)
def two_starts(hidden: int = 2, seeds: tuple[int, int] = (1, 2)) -> tuple[StoppedRun, StoppedRun]:
    """The two runs, higher loss first."""
    runs = sorted((stopped_run(hidden, s) for s in seeds), key=lambda r: -r.loss)
    return runs[0], runs[1]


#: Updates recorded one by one at the start of each run (where the loss falls); the rest every 1000.
FIRST_UPDATES = 1000


@dataclass(frozen=True, eq=False)
class RecordedPath:
    """A run's path for drawing: θ and its loss (standardised MSE) after each listed update count.

    Every update up to ``FIRST_UPDATES``, then every 1000th to the end (row 0 = the random start).
    """

    steps: np.ndarray    # update counts, increasing, 0 first
    thetas: np.ndarray   # (len(steps), P)
    losses: np.ndarray   # standardised MSE at each θ


def first_updates_config(run: StoppedRun, updates: int = FIRST_UPDATES) -> dict:
    """The same run (same data, start, learning rate) cut at ``updates`` updates, every update recorded.

    Full-batch gradient descent is deterministic, so this is the start of the very same path.
    """
    return {**run.config, "epochs": int(updates), "record_every": 1}


def recorded_path(run: StoppedRun, updates: int = FIRST_UPDATES) -> RecordedPath:
    """Every update of the first ``updates`` (their own cached run), then the long run's rows beyond."""
    first = get_or_train(first_updates_config(run, updates))
    whole = get_or_train(run.config)
    later = whole.step_number > updates  # step_number[s-1] is the update count of row s
    rows = np.concatenate([[False], later])
    return RecordedPath(steps=np.concatenate([[0], first.step_number, whole.step_number[later]]),
                        thetas=np.concatenate([first.thetas, whole.thetas[rows]]),
                        losses=np.concatenate([first.train_loss, whole.train_loss[rows]]))


def points_each_relu_is_on(run: StoppedRun, theta: np.ndarray | None = None) -> np.ndarray:
    """For each ReLU, at how many training points it is non-zero (b_i + w_i x > 0) at ``theta`` (default: the stop).

    0 means the ReLU is 0 at every point: the loss does not depend on its w_i, b_i, c_i there,
    so their gradient is exactly 0 and gradient descent never moves them.
    """
    data, model = training_data(run.config), model_for(run.config)
    p = model.unflatten(run.theta if theta is None else np.asarray(theta))
    pre = data.X @ p["W1"].T + p["b1"]  # (N, hidden): b_i + w_i x for every point
    return (pre > 0).sum(axis=0)


def updates_until_small_gradient(run: StoppedRun, tolerance: float = GRADIENT_TOLERANCE,
                                 updates: int = FIRST_UPDATES) -> int:
    """The stopping rule "repeat until ‖∇L(θᵏ)‖ < tolerance": the first k (of the first ``updates``) where it holds."""
    norms = get_or_train(first_updates_config(run, updates)).grad_norm  # norms[k] = ‖∇L(θᵏ)‖, used by update k+1
    below = np.flatnonzero(norms < tolerance)
    if below.size == 0:
        raise ValueError(f"the gradient stays above {tolerance:g} for the first {updates} updates; "
                         "record more updates (updates=...) or use a larger tolerance")
    return int(below[0])
