"""Piecewise linear curves, hard sigmoids and ReLUs, converted exactly (LeeDL ch. 1, sec. 3-5).

Three ways to write the same function of one input x1:

- ``PiecewiseLinear``: knots (x, y) joined by straight lines and continued outside the
  knots with ``left_slope`` / ``right_slope`` (the book's red curve).
- ``HardSigmoidSum``: a constant plus hard sigmoids (the book's blue curves).
- ``ReluSum``: ``constant + sum_i c_i * max(0, b_i + w_i * x1)``.

The conversions are exact up to floating point rounding: they never fit anything, and
the knot values of a rebuilt curve are summed with ``math.fsum`` so that rounding does
not pile up. The last section compares a sigmoid ``c * sigmoid(b + w x1)`` with a hard
sigmoid, and samples smooth curves to show that more corners give less error.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize, minimize_scalar
from scipy.special import expit

from mathcore.validation import (
    as_finite_array,
    check_finite_float,
    check_positive_float,
    check_positive_int,
)

_finite_float = check_finite_float  # one definition, in mathcore.validation


def _frozen_vector(name: str, value: object) -> np.ndarray:
    """A read-only float64 1-D copy of ``value`` with only finite entries."""
    array = as_finite_array(name, value, ndim=1)
    array.setflags(write=False)
    return array


def _ordered(names: tuple[str, str], low: object, high: object) -> tuple[float, float]:
    """Both as finite floats, or raise unless ``low < high``."""
    low, high = _finite_float(names[0], low), _finite_float(names[1], high)
    if low >= high:
        raise ValueError(
            f"{names[0]} must be smaller than {names[1]}, got {names[0]} = {low}, "
            f"{names[1]} = {high}"
        )
    return low, high


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
        object.__setattr__(self, "left_slope", _finite_float("left_slope", self.left_slope))
        object.__setattr__(self, "right_slope", _finite_float("right_slope", self.right_slope))

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
        object.__setattr__(self, "constant", _finite_float("constant", self.constant))

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
        object.__setattr__(self, "constant", _finite_float("constant", self.constant))

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


# --- conversions ---------------------------------------------------------------------------


def curve_to_hard_sigmoids(curve: PiecewiseLinear) -> HardSigmoidSum:
    """Write a flat-ended curve as a constant plus hard sigmoids, as in the book's figure.

    The constant is the curve's value at its first knot (where it starts). Hard sigmoid
    ``i`` ramps from knot ``i`` to knot ``i + 1`` with height ``y[i + 1] - y[i]``: the
    first one ends at the first corner and each further corner adds one more, so
    ``len(x) - 1`` hard sigmoids in all (a flat piece gives one of height 0).
    """
    if not curve.flat_ends:
        raise ValueError(
            "curve_to_hard_sigmoids needs a curve that is flat at both ends, got "
            f"left_slope = {curve.left_slope}, right_slope = {curve.right_slope}; hard "
            "sigmoids are flat outside their ramps, so use curve_to_minimal_relus instead"
        )
    return HardSigmoidSum(float(curve.y[0]), curve.x[:-1], curve.x[1:], np.diff(curve.y))


def _knots(points: np.ndarray, lo: float | None, hi: float | None) -> np.ndarray:
    """Sorted unique ``points`` plus ``lo`` / ``hi``, padded to at least two knots."""
    if lo is not None and hi is not None:
        _ordered(("lo", "hi"), lo, hi)
    extra = [_finite_float(name, v) for name, v in (("lo", lo), ("hi", hi)) if v is not None]
    knots = np.unique(np.concatenate([points, extra]))
    if len(knots) == 0:
        return np.array([0.0, 1.0])
    if len(knots) == 1:
        return np.array([knots[0], knots[0] + 1.0])
    return knots


def hard_sigmoids_to_curve(
    hs: HardSigmoidSum, lo: float | None = None, hi: float | None = None
) -> PiecewiseLinear:
    """The flat-ended curve equal to ``hs`` everywhere.

    Its knots are all starts and ends (sorted, merged), plus ``lo`` and ``hi`` when given
    (handy to reach the edges of a plot). Without any breakpoint the curve is the constant
    on the knots ``[0, 1]`` (or on ``lo`` / ``hi``).
    """
    knots = _knots(hs.breakpoints, lo, hi)
    values = [math.fsum([hs.constant, *row]) for row in hs.terms(knots)]
    return PiecewiseLinear(knots, np.array(values))


def hard_sigmoid_to_relu_pair(start: float, end: float, height: float) -> ReluSum:
    """The two ReLUs that make one hard sigmoid, as in the book.

    ``height * clip((x - start) / (end - start), 0, 1)`` equals
    ``c * max(0, x - start) - c * max(0, x - end)`` with ``c = height / (end - start)``:
    the first ReLU rises from ``start`` and the second cancels its rise past ``end``.
    In the book form both have ``w = 1``, ``b = -start`` and ``b = -end``.
    """
    start, end = _ordered(("start", "end"), start, end)
    slope = _finite_float("height", height) / (end - start)
    return ReluSum(0.0, c=[slope, -slope], b=[-start, -end], w=[1.0, 1.0])


def relu_pair_to_hard_sigmoid(pair: ReluSum) -> tuple[float, float, float]:
    """``(start, end, height)`` of a pair like ``hard_sigmoid_to_relu_pair``'s, else ValueError."""
    corners = -pair.b / pair.w if len(pair) == 2 and np.all(pair.w > 0) else np.zeros(2)
    first, second = np.argsort(corners, kind="stable")
    slopes = pair.c * pair.w
    if (
        pair.constant != 0.0
        or corners[first] == corners[second]
        or not np.isclose(slopes[first], -slopes[second], rtol=1e-12, atol=0.0)
    ):
        raise ValueError(
            "pair must be 2 ReLUs with w > 0, constant 0, different corners and slopes c*w "
            f"that cancel, got {pair}"
        )
    start, end = float(corners[first]), float(corners[second])
    return start, end, float(slopes[first] * (end - start))


def hard_sigmoids_to_relus(hs: HardSigmoidSum) -> ReluSum:
    """Two ReLUs per hard sigmoid: ReLUs ``2i`` and ``2i + 1`` make hard sigmoid ``i``."""
    pairs = [
        hard_sigmoid_to_relu_pair(*sig) for sig in zip(hs.starts, hs.ends, hs.heights, strict=True)
    ]
    c, b, w = ([p.c for p in pairs], [p.b for p in pairs], [p.w for p in pairs])
    flat = [np.concatenate(part) if part else np.empty(0) for part in (c, b, w)]
    return ReluSum(hs.constant, *flat)


def _jumps_for(targets: np.ndarray, exact_zero: np.ndarray) -> np.ndarray:
    """Coefficients whose running ``fsum`` hits each target, so rounding cannot pile up."""
    c = np.zeros_like(targets)
    for k, target in enumerate(targets):
        if not exact_zero[k]:
            c[k] = target - math.fsum(c[:k])
    return c


def curve_to_minimal_relus(curve: PiecewiseLinear) -> ReluSum:
    """The fewest ReLUs for a curve: one per knot where the slope changes.

    The ReLU at knot ``x_k`` has ``w = 1``, ``b = -x_k`` and ``c`` = the change of slope
    there, and the constant is ``y[0]``. A nonzero ``left_slope`` needs one more ReLU
    ``max(0, x_0 - x)`` facing left, unless ``right_slope`` is 0: then every ReLU faces
    left (``w = -1``) and the constant is ``y[-1]``. (A straight line costs two ReLUs.)
    ReLUs with ``c == 0`` are left out.
    """
    inner = curve.slopes
    before = np.concatenate([[curve.left_slope], inner])  # slope left of each knot
    after = np.concatenate([inner, [curve.right_slope]])  # slope right of each knot
    bends = after != before
    if curve.right_slope == 0.0 and curve.left_slope != 0.0:
        # slope left of knot k = -(c_k + ... + c_last)
        c = _jumps_for(-before[::-1], ~bends[::-1])[::-1]
        constant, b, w = float(curve.y[-1]), curve.x.copy(), -np.ones_like(c)
    else:
        # slope right of knot k = c_0 + ... + c_k; the ReLU at x_0 carries all of after[0]
        c = _jumps_for(after, ~np.concatenate([[after[0] != 0.0], bends[1:]]))
        constant, b, w = float(curve.y[0]), -curve.x, np.ones_like(c)
        if curve.left_slope != 0.0:
            c, b, w = (
                np.append(c, -curve.left_slope),
                np.append(b, curve.x[0]),
                np.append(w, -1.0),
            )
    keep = c != 0.0
    return ReluSum(constant, c[keep], b[keep], w[keep])


def relus_to_curve(
    rs: ReluSum, lo: float | None = None, hi: float | None = None
) -> PiecewiseLinear:
    """The curve equal to ``rs`` everywhere, end slopes included.

    Knots sit at the corners ``-b_i / w_i`` (plus ``lo`` / ``hi`` when given). A ReLU with
    ``w_i == 0`` is the constant ``c_i * max(0, b_i)``. Slopes and knot values are summed
    with ``math.fsum`` from the knot where the ReLUs are smallest, so a ReLU pair whose
    slopes cancel adds no rounding past its second corner.
    """
    bends = rs.w != 0
    constant = math.fsum([rs.constant, *(rs.c[~bends] * np.maximum(0.0, rs.b[~bends]))])
    c, b, w = rs.c[bends], rs.b[bends], rs.w[bends]
    corners = -b / w
    knots = _knots(corners, lo, hi)
    slope = c * w
    left_terms, right_terms = slope[w < 0], slope[w > 0]
    # Walking right, a ReLU adds c * |w| to the slope at its corner.
    at_knot = np.searchsorted(knots, corners)
    order = np.argsort(at_knot, kind="stable")
    walk = np.concatenate([left_terms, (c * np.abs(w))[order]])
    ends = len(left_terms) + np.searchsorted(at_knot[order], np.arange(len(knots) - 1), "right")
    piece_slopes = np.array([math.fsum(walk[:end]) for end in ends])
    rises = piece_slopes * np.diff(knots)
    # Start from the knot where the ReLUs add up to the least, then walk both ways.
    sizes = [np.abs(c * np.maximum(0.0, b + w * k)).sum() for k in knots]
    r = int(np.argmin(sizes))
    at_r = math.fsum([constant, *(c * np.maximum(0.0, b + w * knots[r]))])
    values = [
        math.fsum([at_r, *rises[r:k]]) if k >= r else math.fsum([at_r, *(-rises[k:r])])
        for k in range(len(knots))
    ]
    return PiecewiseLinear(knots, np.array(values), math.fsum(left_terms), math.fsum(right_terms))


# --- sigmoid versus hard sigmoid --------------------------------------------------------------


def _best_sigmoid(start: object, end: object, height: object, w: object) -> tuple[float, ...]:
    """``(c, b, largest error)`` of the best ``c * sigmoid(b + w x)``; checks the arguments."""
    start, end = _ordered(("start", "end"), start, end)
    height, w = _finite_float("height", height), check_positive_float("w", w)
    middle, width = 0.5 * (start + end), end - start
    if height == 0.0:
        return 0.0, -w * middle, 0.0
    # A dense grid over the ramp, near both corners and the middle, and 40/w into both tails.
    tail, near = width + 40.0 / w, min(width, 10.0 / w)
    parts = [np.linspace(start - tail, end + tail, 4001), [start, end]]
    parts += [np.linspace(x - near, x + near, 1001) for x in (start, middle, end)]
    grid = np.unique(np.concatenate(parts))
    hard = height * np.clip((grid - start) / width, 0.0, 1.0)

    def unpack(p: np.ndarray) -> tuple[float, float]:
        # p = (relative change of c, shift of the middle in ramp widths): well scaled.
        return height * (1.0 + p[0]), -w * (middle + p[1] * width)

    def worst(p: np.ndarray) -> float:
        c, b = unpack(p)
        return float(np.max(np.abs(c * expit(b + w * grid) - hard)))

    p = np.zeros(2)  # the symmetric guess c = height, b = -w * middle
    for _ in range(2):  # a restart lets Nelder-Mead escape a collapsed simplex
        options = {"xatol": 1e-10, "fatol": 1e-14 * abs(height), "maxiter": 4000}
        options["initial_simplex"] = p + np.array([[0.0, 0.0], [0.05, 0.0], [0.0, 0.05]])
        p = minimize(worst, p, method="Nelder-Mead", options=options).x
    return (*unpack(p), worst(p))


def best_sigmoid_for_hard_sigmoid(
    start: float, end: float, height: float, w: float
) -> tuple[float, float]:
    """The ``(c, b)`` of the ``c * sigmoid(b + w x)`` closest to the hard sigmoid.

    Closest means the smallest largest error on a dense grid, for the given steepness
    ``w > 0``. Nelder-Mead starts from the symmetric guess ``c = height``,
    ``b = -w * (start + end) / 2``. The fit depends on ``w * (end - start)`` only.
    """
    c, b, _ = _best_sigmoid(start, end, height, w)
    return c, b


def max_sigmoid_error(start: float, end: float, height: float, w: float) -> float:
    """The largest gap between the hard sigmoid and its best sigmoid of steepness ``w``.

    It depends on ``w * (end - start)`` only. It shrinks as ``w`` grows up to
    ``best_sigmoid_steepness`` (about ``5.65 / (end - start)``, error about 5.6% of
    ``|height|``), then grows again towards ``|height| / 3`` as the sigmoid sharpens into
    a step (the best step is ``2/3`` of the height, a third of the way up the ramp).
    """
    return _best_sigmoid(start, end, height, w)[2]


def best_sigmoid_steepness(start: float, end: float) -> float:
    """The steepness ``w`` whose best sigmoid is closest to the hard sigmoid (any height)."""
    start, end = _ordered(("start", "end"), start, end)
    result = minimize_scalar(
        lambda s: _best_sigmoid(0.0, 1.0, 1.0, math.exp(s))[2],
        bounds=(0.0, 3.0),
        method="bounded",
        options={"xatol": 1e-4},
    )
    return math.exp(result.x) / (end - start)


# --- smooth curves --------------------------------------------------------------------------


def _evaluate(f: Callable[[np.ndarray], object], x: np.ndarray) -> np.ndarray:
    """``f`` at ``x``, vectorised when ``f`` allows it, point by point otherwise."""
    try:
        y = np.asarray(f(x), dtype=np.float64)
    except (TypeError, ValueError):
        y = None
    if y is None or y.shape != x.shape:
        y = np.array([float(f(v)) for v in x])
    if not np.all(np.isfinite(y)):
        raise ValueError("f returned NaN or inf on [lo, hi]; pick a range where f is finite")
    return y


def sample_smooth_curve_knots(
    f: Callable[[np.ndarray], object], lo: float, hi: float, n_pieces: int
) -> PiecewiseLinear:
    """Interpolate ``f`` with ``n_pieces`` equal straight pieces on ``[lo, hi]``.

    The curve is flat outside ``[lo, hi]``, so it converts to hard sigmoids.
    """
    lo, hi = _ordered(("lo", "hi"), lo, hi)
    n_pieces = check_positive_int("n_pieces", n_pieces)
    x = np.linspace(lo, hi, n_pieces + 1)
    return PiecewiseLinear(x, _evaluate(f, x))


def max_abs_error(
    f: Callable[[np.ndarray], object],
    curve: PiecewiseLinear,
    lo: float,
    hi: float,
    n_grid: int = 4001,
) -> float:
    """``max |f - curve|`` on ``n_grid`` even points of ``[lo, hi]`` plus the knots in it."""
    lo, hi = _ordered(("lo", "hi"), lo, hi)
    n_grid = check_positive_int("n_grid", n_grid)
    inside = curve.x[(curve.x >= lo) & (curve.x <= hi)]
    grid = np.unique(np.concatenate([np.linspace(lo, hi, max(n_grid, 2)), inside]))
    return float(np.max(np.abs(_evaluate(f, grid) - curve(grid))))
