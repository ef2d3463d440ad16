"""Exact piecewise linear curves: polylines through the true breakpoints, clipped to axes.

``axes.plot`` samples a function, so a ReLU kink that falls between samples is drawn
rounded. These helpers draw straight segments between the exact knots instead.
"""

from __future__ import annotations

import numpy as np
from manim import Axes, VMobject


def polyline_points(knots_x: np.ndarray, curve, x_min: float, x_max: float) -> tuple[np.ndarray, np.ndarray]:
    """The knots inside [x_min, x_max] plus the curve's values at both ends, in order."""
    knots_x = np.asarray(knots_x, dtype=float)
    inside = (knots_x > x_min) & (knots_x < x_max)
    xs = np.concatenate([[x_min], knots_x[inside], [x_max]])
    ys = np.asarray(curve(xs), dtype=float)
    return xs, ys


def clip_to_band(xs: np.ndarray, ys: np.ndarray, y_min: float, y_max: float) -> list[np.ndarray]:
    """Cut a polyline where it leaves the band y_min <= y <= y_max.

    Returns the visible runs, each an (n, 2) array of points. Crossing points are exact,
    so a clipped curve ends on the edge of the axes, never past it.
    """
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for x0, y0, x1, y1 in zip(xs[:-1], ys[:-1], xs[1:], ys[1:]):
        # The parameter range t in [0, 1] where y0 + t (y1 - y0) stays inside the band.
        if y1 == y0:
            t_in, t_out = (0.0, 1.0) if y_min <= y0 <= y_max else (1.0, 0.0)
        else:
            t_a, t_b = (y_min - y0) / (y1 - y0), (y_max - y0) / (y1 - y0)
            t_in, t_out = max(0.0, min(t_a, t_b)), min(1.0, max(t_a, t_b))
        if t_in > t_out:
            continue
        # The knots themselves where the segment is inside (x0 + 1.0 * (x1 - x0) need not be x1, and
        # a run must continue exactly where the last segment ended, or the kink is drawn as two ends).
        start = (x0, y0) if t_in == 0.0 else (x0 + t_in * (x1 - x0), y0 + t_in * (y1 - y0))
        end = (x1, y1) if t_out == 1.0 else (x0 + t_out * (x1 - x0), y0 + t_out * (y1 - y0))
        if current and (t_in > 0.0 or current[-1] != start):
            runs.append(current)
            current = []
        if not current:
            current = [start]
        current.append(end)
        if t_out < 1.0:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [np.array(run) for run in runs if len(run) > 1]


class ExactCurve(VMobject):
    """A piecewise linear curve drawn through its exact knots, clipped to the axes.

    ``curve`` is any callable x -> y that is linear between ``knots_x`` (for example a
    ``mathcore.piecewise.PiecewiseLinear``). Call ``update_curve`` to move it in place
    (cheap enough to run every frame).

    >>> from manim import Axes
    >>> from mathcore.piecewise import PiecewiseLinear
    >>> axes = Axes(x_range=[0, 4], y_range=[0, 2])
    >>> red = PiecewiseLinear([0, 1, 3], [0, 2, 1])
    >>> line = ExactCurve(axes, red.x, red)
    """

    def __init__(self, axes: Axes, knots_x, curve, **style) -> None:
        super().__init__(**style)
        self.axes = axes
        self.update_curve(knots_x, curve)

    def __deepcopy__(self, memo):
        # A copy is drawn on the same axes: share them instead of copying the whole Axes
        # (every animation copies its mobjects, so this keeps Create/Transform cheap).
        memo[id(self.axes)] = self.axes
        return super().__deepcopy__(memo)

    def update_curve(self, knots_x, curve) -> "ExactCurve":
        x_min, x_max = self.axes.x_range[:2]
        y_min, y_max = self.axes.y_range[:2]
        xs, ys = polyline_points(knots_x, curve, x_min, x_max)
        self.data_runs = clip_to_band(xs, ys, y_min, y_max)
        self.clear_points()
        for run in self.data_runs:
            points = np.asarray(self.axes.c2p(run[:, 0], run[:, 1])).T  # c2p gives (3, n)
            self.start_new_path(points[0])
            self.add_points_as_corners(points[1:])
        return self
