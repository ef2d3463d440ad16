"""The one-hour linear model's MSE with riders counted in hundreds: a long, narrow bowl.

The model is the lesson's ``y = b + w x₁`` on the real Capital Bikeshare hours
(``mathcore.studies.lesson.one_hour_linear_model``: x₁ = riders in the previous hour, y = riders
now). Standardised (as the lesson's gradient descent runs it) its MSE surface is a nearly
round bowl, on which a learning rate that is too large just bounces straight through the
middle. Counting riders in hundreds instead (x₁ = 1.5 means 150 riders/h)
leaves x₁ uncentred, so the bowl is long and narrow: its curvature across the valley is
about ten times the curvature along it. There a too-large step overshoots *across* the
valley, and every overshoot can be seen.

The same model in every unit: w is a pure number (riders per rider), the same here as in
riders/h or standardised; b here is in hundreds of riders/h (b = 0.21 means 21 riders/h);
the MSE is in (100 riders/h)², so L = 0.48 means 4800 (riders/h)² (``in_riders``,
``loss_in_riders``). The minimum is the lesson's least-squares line, w*, b*, L* the same.

Runs here are full-batch, 2 parameters, a few thousand rows: a few milliseconds each, so
they are computed on demand (memoised per process), not stored in ``mathcore.cache``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from mathcore.models import Linear
from mathcore.optim import make_optimizer
from mathcore.studies.lesson import one_hour_linear_model
from mathcore.studies.rate_sweep import RateSweep, sweep
from mathcore.surface import error_surface, least_squares_line
from mathcore.train import Trajectory, fit

#: Riders per unit of x₁, y and b in this module.
RIDERS_PER_UNIT = 100.0
#: "Near the minimum": the loss is at most this fraction above the lowest loss L*.
NEAR_MINIMUM = 0.01


@dataclass(frozen=True, eq=False)
class LongBowl:
    """The data (in hundreds of riders/h), the least-squares minimum and the bowl's curvatures.

    ``curvatures`` are the eigenvalues of the Hessian of L(w, b), smallest first, and
    ``directions[:, i]`` the matching unit vectors in (w, b). Plain gradient descent is
    stable exactly when ``lr < 2 / curvatures[-1]`` (``largest_stable_rate``).
    """

    x: np.ndarray
    y: np.ndarray
    w_star: float
    b_star: float
    loss_star: float
    curvatures: np.ndarray
    directions: np.ndarray

    @property
    def largest_stable_rate(self) -> float:
        return float(2.0 / self.curvatures[-1])

    def loss(self, w: float, b: float) -> float:
        """MSE of y = b + w x₁, in (100 riders/h)²."""
        return float(np.mean((b + w * self.x - self.y) ** 2))

    def gradient(self, w: float, b: float) -> np.ndarray:
        """(dL/dw, dL/db) at (w, b)."""
        e = b + w * self.x - self.y
        return np.array([2.0 * np.mean(e * self.x), 2.0 * np.mean(e)])

    def loss_grid(self, w_grid: np.ndarray, b_grid: np.ndarray) -> np.ndarray:
        """L on a grid: ``[j, i]`` at ``(w_grid[i], b_grid[j])``."""
        return error_surface(self.x, self.y, w_grid, b_grid, loss="mse")

    def is_near_minimum(self, loss_value: float) -> bool:
        """Whether ``loss_value`` is within ``NEAR_MINIMUM`` (1 %) of the lowest loss L*."""
        return bool(loss_value <= (1.0 + NEAR_MINIMUM) * self.loss_star)


def in_riders(b: object) -> float | np.ndarray:
    """A bias (or x₁, y) in hundreds of riders/h -> riders/h."""
    out = np.asarray(b, dtype=np.float64) * RIDERS_PER_UNIT
    return float(out) if out.ndim == 0 else out


def loss_in_riders(loss_value: object) -> float | np.ndarray:
    """An MSE in (100 riders/h)² -> (riders/h)²."""
    out = np.asarray(loss_value, dtype=np.float64) * RIDERS_PER_UNIT**2
    return float(out) if out.ndim == 0 else out


@lru_cache(maxsize=2)
def long_bowl(name: str = "bikeshare") -> LongBowl:
    """The bowl of ``name``'s one-hour linear model (riders counted in hundreds)."""
    lesson = one_hour_linear_model(name)
    x, y = lesson.x1 / RIDERS_PER_UNIT, lesson.label / RIDERS_PER_UNIT
    for a in (x, y):
        a.setflags(write=False)
    w_star, b_star = least_squares_line(x, y)
    hessian = 2.0 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    curvatures, directions = np.linalg.eigh(hessian)
    loss_star = float(np.mean((b_star + w_star * x - y) ** 2))
    return LongBowl(x, y, w_star, b_star, loss_star, curvatures, directions)


@lru_cache(maxsize=256)
def descend(optimizer: str, lr: float, init: tuple[float, float], steps: int,
            name: str = "bikeshare") -> Trajectory:
    """``steps`` full-batch updates of ``optimizer`` (a ``mathcore.optim`` name) from ``init`` = (w⁰, b⁰).

    A run whose loss or theta stops being finite ends there (``diverged_at``), keeping the
    path so far. ``thetas[:, 0]`` is w, ``thetas[:, 1]`` is b (mathcore's c and b).
    """
    if len(init) != 2 or not np.all(np.isfinite(init)):
        raise ValueError(f"init must be a finite (w0, b0) pair, got {init!r}")
    bowl = long_bowl(name)
    model = Linear(1)
    model.set_theta(np.asarray(init, dtype=float))
    run = fit(model, bowl.x[:, None], bowl.y, loss="mse", optimizer=make_optimizer({"name": optimizer, "lr": lr}),
              epochs=steps, on_divergence="record")
    for a in (run.thetas, run.train_loss):
        a.setflags(write=False)
    return run


def sweep_rates(optimizer: str, rates: Sequence[float], init: tuple[float, float], steps: int,
                name: str = "bikeshare") -> RateSweep:
    """Run ``optimizer`` at every rate in ``rates`` on the bowl; its loss after ``steps`` updates each."""
    return sweep(optimizer, rates, steps, lambda lr: descend(optimizer, lr, tuple(init), steps, name))


def first_step_outside(thetas: np.ndarray, w_range: Sequence[float], b_range: Sequence[float]) -> int | None:
    """The first step s at which thetas[s] = (w, b) lies outside the window, or None."""
    thetas = np.asarray(thetas, dtype=float)
    outside = ((thetas[:, 0] < w_range[0]) | (thetas[:, 0] > w_range[1])
               | (thetas[:, 1] < b_range[0]) | (thetas[:, 1] > b_range[1]))
    hits = np.flatnonzero(outside)
    return int(hits[0]) if len(hits) else None
