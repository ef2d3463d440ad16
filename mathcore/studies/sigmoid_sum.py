"""A curve as a constant plus sigmoids (CHAPTER.md §4): ``y = b + sum_i c_i sigmoid(b_i + w_i x1)``.

Each hard sigmoid of a flat-ended piecewise linear curve (``curve_to_hard_sigmoids``) is
replaced by the sigmoid closest to it (``best_sigmoid_for_hard_sigmoid`` at that piece's
``best_sigmoid_steepness``); the constant ``b`` stays. The result approximates the curve;
``max_abs_error`` measures how well.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.activations import sigmoid
from mathcore.piecewise import (
    PiecewiseLinear,
    best_sigmoid_for_hard_sigmoid,
    best_sigmoid_steepness,
    curve_to_hard_sigmoids,
)
from mathcore.validation import as_finite_array, check_finite_float


@dataclass(frozen=True, eq=False)
class SigmoidSum:
    """``b + sum_i c_i * sigmoid(b_i + w_i x)``: the book's one-feature sigmoid model."""

    b: float
    c: np.ndarray
    b_i: np.ndarray
    w: np.ndarray

    def __post_init__(self) -> None:
        vectors = {name: as_finite_array(name, getattr(self, name), ndim=1) for name in ("c", "b_i", "w")}
        if len({len(v) for v in vectors.values()}) != 1:
            raise ValueError(f"c, b_i and w must have the same length, got {[len(v) for v in vectors.values()]}")
        for name, vector in vectors.items():
            vector.setflags(write=False)
            object.__setattr__(self, name, vector)
        object.__setattr__(self, "b", check_finite_float("b", self.b))

    def __len__(self) -> int:
        return len(self.c)

    def terms(self, x: object) -> np.ndarray:
        """Each ``c_i * sigmoid(b_i + w_i x)`` on its own: shape ``np.shape(x) + (len(self),)``."""
        t = np.asarray(x, dtype=np.float64)[..., None]
        return self.c * sigmoid(self.b_i + self.w * t)

    def __call__(self, x: object) -> np.ndarray:
        """``b`` plus all sigmoids at ``x`` (any shape)."""
        return self.b + self.terms(x).sum(axis=-1)


def curve_to_sigmoids(curve: PiecewiseLinear) -> SigmoidSum:
    """The curve's constant plus, for each of its hard sigmoids, the closest sigmoid."""
    hs = curve_to_hard_sigmoids(curve)
    w = np.array([best_sigmoid_steepness(s, e) for s, e in zip(hs.starts, hs.ends, strict=True)])
    fits = np.array([best_sigmoid_for_hard_sigmoid(s, e, h, wi)
                     for s, e, h, wi in zip(hs.starts, hs.ends, hs.heights, w, strict=True)])
    return SigmoidSum(hs.constant, fits[:, 0], fits[:, 1], w)
