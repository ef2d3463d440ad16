"""Piecewise linear curves, hard sigmoids and ReLUs, converted exactly (LeeDL ch. 1, sec. 3-5).

Three ways to write the same function of one input x1:

- ``PiecewiseLinear``: knots (x, y) joined by straight lines and continued outside the
  knots with ``left_slope`` / ``right_slope`` (the book's red curve).
- ``HardSigmoidSum``: a constant plus hard sigmoids (the book's blue curves).
- ``ReluSum``: ``constant + sum_i c_i * max(0, b_i + w_i * x1)``.

The three forms live in ``mathcore.curves``; this module converts between them. The
conversions are exact up to floating point rounding: they never fit anything, and the
knot values of a rebuilt curve are summed with ``math.fsum`` so that rounding does not
pile up. ``mathcore.sigmoid_fit`` (re-exported here) compares a sigmoid
``c * sigmoid(b + w x1)`` with a hard sigmoid, and samples smooth curves to show that
more corners give less error.
"""

from __future__ import annotations

import math

import numpy as np

from mathcore.curves import HardSigmoidSum, PiecewiseLinear, ReluSum
from mathcore.sigmoid_fit import (  # noqa: F401  (re-exported: part of this module's API)
    best_sigmoid_for_hard_sigmoid,
    best_sigmoid_steepness,
    max_abs_error,
    max_sigmoid_error,
    sample_smooth_curve_knots,
)
from mathcore.validation import check_finite_float, check_ordered

__all__ = [
    "HardSigmoidSum", "PiecewiseLinear", "ReluSum", "best_sigmoid_for_hard_sigmoid",
    "best_sigmoid_steepness", "curve_to_hard_sigmoids", "curve_to_minimal_relus",
    "hard_sigmoid_to_relu_pair", "hard_sigmoids_to_curve", "hard_sigmoids_to_relus",
    "max_abs_error", "max_sigmoid_error", "relu_pair_to_hard_sigmoid", "relus_to_curve",
    "sample_smooth_curve_knots",
]


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
        check_ordered(("lo", "hi"), lo, hi)
    extra = [check_finite_float(name, v) for name, v in (("lo", lo), ("hi", hi)) if v is not None]
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
    start, end = check_ordered(("start", "end"), start, end)
    slope = check_finite_float("height", height) / (end - start)
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
