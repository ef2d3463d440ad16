"""Choosing a learning rate by a small sweep: try each rate, keep the one with the lowest loss.

The rule a lecturer can state on screen: "each optimiser with its best η from this list: the
one with the lowest training loss after K updates". A run that diverged before K updates
counts as an infinite loss. Runs come from a callable, so the same rule serves recorded
runs (``mathcore.cache.get_or_train``) and runs computed on demand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from mathcore.train import Trajectory

#: A 1-2-5 series of learning rates, 0.001 to 5: the sweep the scenes state on screen.
RATE_GRID: tuple[float, ...] = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0)


def loss_after(run: Trajectory, steps: int) -> float:
    """The training loss after ``steps`` updates, or infinity if the run diverged before."""
    if run.diverged_at is not None or run.n_steps < steps or not np.isfinite(run.train_loss[steps]):
        return float("inf")
    return float(run.train_loss[steps])


@dataclass(frozen=True)
class RateSweep:
    """Each learning rate tried, its loss after ``steps`` updates, and the best of them."""

    optimizer: str
    rates: tuple[float, ...]
    losses: tuple[float, ...]
    steps: int

    @property
    def best_rate(self) -> float:
        """The rate with the lowest loss after ``steps`` (the smaller rate on a tie)."""
        if not np.isfinite(min(self.losses)):
            raise ValueError(f"every rate tried diverged for {self.optimizer}; try smaller rates")
        return self.rates[int(np.argmin(self.losses))]

    @property
    def best_loss(self) -> float:
        return float(min(self.losses))


def sweep(optimizer: str, rates: Sequence[float], steps: int, run_at: Callable[[float], Trajectory]) -> RateSweep:
    """``run_at(rate)`` for every rate in ``rates`` (sorted), each scored by its loss after ``steps``."""
    rates = tuple(sorted(float(r) for r in rates))
    if not rates:
        raise ValueError("rates is empty; give at least one learning rate to try, e.g. (0.01, 0.1, 1.0)")
    if steps < 1:
        raise ValueError(f"steps must be at least 1, got {steps}")
    return RateSweep(optimizer, rates, tuple(loss_after(run_at(r), steps) for r in rates), steps)
