"""Smooth curves against piecewise linear ones (LeeDL ch. 1, sec. 4): the sigmoid closest
to a hard sigmoid, and smooth curves sampled with more and more corners.

Unlike ``mathcore.piecewise`` (exact), these fit: Nelder-Mead for the sigmoid, dense
grids for the largest error.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
from scipy.optimize import minimize, minimize_scalar
from scipy.special import expit

from mathcore.curves import PiecewiseLinear
from mathcore.validation import (
    check_finite_float,
    check_ordered,
    check_positive_float,
    check_positive_int,
)

# --- sigmoid versus hard sigmoid --------------------------------------------------------------


def _best_sigmoid(start: object, end: object, height: object, w: object) -> tuple[float, ...]:
    """``(c, b, largest error)`` of the best ``c * sigmoid(b + w x)``; checks the arguments."""
    start, end = check_ordered(("start", "end"), start, end)
    height, w = check_finite_float("height", height), check_positive_float("w", w)
    return _fit_sigmoid(start, end, height, w)


# A fit is a pure function of four numbers and a scene asks for the same ones more than once
# (the fit and its error; every ramp's steepness): each is optimised once per process.
@functools.lru_cache(maxsize=1024)
def _fit_sigmoid(start: float, end: float, height: float, w: float) -> tuple[float, float, float]:
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
    start, end = check_ordered(("start", "end"), start, end)
    return math.exp(_unit_ramp_best_log_steepness()) / (end - start)


@functools.lru_cache(maxsize=1)
def _unit_ramp_best_log_steepness() -> float:
    """log w of the best steepness for the ramp from 0 to 1 (every ramp's, scaled by its width)."""
    result = minimize_scalar(
        lambda s: _best_sigmoid(0.0, 1.0, 1.0, math.exp(s))[2],
        bounds=(0.0, 3.0),
        method="bounded",
        options={"xatol": 1e-4},
    )
    return float(result.x)


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
    lo, hi = check_ordered(("lo", "hi"), lo, hi)
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
    lo, hi = check_ordered(("lo", "hi"), lo, hi)
    n_grid = check_positive_int("n_grid", n_grid)
    inside = curve.x[(curve.x >= lo) & (curve.x <= hi)]
    grid = np.unique(np.concatenate([np.linspace(lo, hi, max(n_grid, 2)), inside]))
    return float(np.max(np.abs(_evaluate(f, grid) - curve(grid))))
