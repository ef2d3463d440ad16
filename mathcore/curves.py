"""Three ways to write a piecewise linear function of one input x1 (LeeDL ch. 1, sec. 3-5).

- ``PiecewiseLinear``: knots (x, y) joined by straight lines and continued outside the
  knots with ``left_slope`` / ``right_slope`` (the book's red curve).
- ``HardSigmoidSum``: a constant plus hard sigmoids (the book's blue curves).
- ``ReluSum``: ``constant + sum_i c_i * max(0, b_i + w_i * x1)``.

``mathcore.piecewise`` converts between them exactly. Arrays are read-only copies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.validation import (
    as_finite_array,
    check_finite_float,
)


def _frozen_vector(name: str, value: object) -> np.ndarray:
    """A read-only float64 1-D copy of ``value`` with only finite entries."""
    array = as_finite_array(name, value, ndim=1)
    array.setflags(write=False)
    return array


def _set_vectors(obj: object, names: tuple[str, ...]) -> tuple[np.ndarray, ...]:
    """Freeze the named array fields of a dataclass; they must all have the same length."""
    arrays = tuple(_frozen_vector(name, getattr(obj, name)) for name in names)
    for name, array in zip(names, arrays, strict=True):
        if len(array) != len(arrays[0]):
            raise ValueError(
                f"len({name}) = {len(array)} but len({names[0]}) = {len(arrays[0])}; "
                "they must match"
            )
        object.__setattr__(obj, name, array)
    return arrays


@dataclass(frozen=True, eq=False)
class PiecewiseLinear:
    """A continuous piecewise linear curve (the red curve).

    ``x`` are the knots (strictly increasing, at least two) and ``y`` the values there.
    Left of ``x[0]`` and right of ``x[-1]`` the curve goes on as a straight line with
    slope ``left_slope`` / ``right_slope`` (flat by default).
    """

    x: np.ndarray
    y: np.ndarray
    left_slope: float = 0.0
    right_slope: float = 0.0

    def __post_init__(self) -> None:
        x, _ = _set_vectors(self, ("x", "y"))
        if len(x) < 2:
            raise ValueError(f"x needs at least 2 knots, got {len(x)}")
        steps = np.diff(x)
        if np.any(steps <= 0):
            i = int(np.argmax(steps <= 0))
            raise ValueError(
                f"x must be strictly increasing, but x[{i}] = {x[i]} >= x[{i + 1}] = {x[i + 1]}"
            )
        object.__setattr__(self, "left_slope", check_finite_float("left_slope", self.left_slope))
        object.__setattr__(self, "right_slope", check_finite_float("right_slope", self.right_slope))

    @property
    def breakpoints(self) -> np.ndarray:
        """The knots' x values, where the slope may change."""
        return self.x

    @property
    def slopes(self) -> np.ndarray:
        """The slope of each of the ``len(x) - 1`` pieces between knots."""
        return np.diff(self.y) / np.diff(self.x)

    @property
    def flat_ends(self) -> bool:
        """True when the curve is flat left of its first knot and right of its last."""
        return self.left_slope == 0.0 and self.right_slope == 0.0

    def __call__(self, x: object) -> np.ndarray:
        """Evaluate the curve exactly at ``x`` (any shape)."""
        t = np.asarray(x, dtype=np.float64)
        out = np.interp(t, self.x, self.y)
        if self.left_slope != 0.0:
            out = np.where(t < self.x[0], self.y[0] + self.left_slope * (t - self.x[0]), out)
        if self.right_slope != 0.0:
            out = np.where(t > self.x[-1], self.y[-1] + self.right_slope * (t - self.x[-1]), out)
        return out


@dataclass(frozen=True, eq=False)
class HardSigmoidSum:
    """``constant + sum_i heights_i * clip((x - starts_i) / (ends_i - starts_i), 0, 1)``.

    Each hard sigmoid is flat at 0, ramps up (or down, for a negative height) between
    its start and end, and is flat at its height after that.
    """

    constant: float
    starts: np.ndarray
    ends: np.ndarray
    heights: np.ndarray

    def __post_init__(self) -> None:
        starts, ends, _ = _set_vectors(self, ("starts", "ends", "heights"))
        if np.any(ends <= starts):
            i = int(np.argmax(ends <= starts))
            raise ValueError(
                f"each hard sigmoid needs starts < ends, but starts[{i}] = {starts[i]} "
                f">= ends[{i}] = {ends[i]}"
            )
        object.__setattr__(self, "constant", check_finite_float("constant", self.constant))

    def __len__(self) -> int:
        return len(self.heights)

    @property
    def breakpoints(self) -> np.ndarray:
        """All starts and ends, sorted, without repeats."""
        return np.unique(np.concatenate([self.starts, self.ends]))

    def terms(self, x: object) -> np.ndarray:
        """Each hard sigmoid on its own: shape ``np.shape(x) + (len(self),)``."""
        t = np.asarray(x, dtype=np.float64)[..., None]
        ramp = (t - self.starts) / (self.ends - self.starts)
        return self.heights * np.clip(ramp, 0.0, 1.0)

    def __call__(self, x: object) -> np.ndarray:
        """Evaluate the constant plus all hard sigmoids at ``x`` (any shape)."""
        return self.constant + self.terms(x).sum(axis=-1)


@dataclass(frozen=True, eq=False)
class ReluSum:
    """``constant + sum_i c_i * max(0, b_i + w_i * x)``, the book's ReLU form in one input."""

    constant: float
    c: np.ndarray
    b: np.ndarray
    w: np.ndarray

    def __post_init__(self) -> None:
        _set_vectors(self, ("c", "b", "w"))
        object.__setattr__(self, "constant", check_finite_float("constant", self.constant))

    def __len__(self) -> int:
        return len(self.c)

    @property
    def breakpoints(self) -> np.ndarray:
        """The corners ``-b_i / w_i`` of the ReLUs with ``w_i != 0``, sorted, no repeats."""
        bends = self.w != 0
        return np.unique(-self.b[bends] / self.w[bends])

    def terms(self, x: object) -> np.ndarray:
        """Each ReLU ``c_i * max(0, b_i + w_i x)`` on its own: shape ``np.shape(x) + (n,)``."""
        t = np.asarray(x, dtype=np.float64)[..., None]
        return self.c * np.maximum(0.0, self.b + self.w * t)

    def __call__(self, x: object) -> np.ndarray:
        """Evaluate the constant plus all ReLUs at ``x`` (any shape)."""
        return self.constant + self.terms(x).sum(axis=-1)
