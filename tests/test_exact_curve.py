"""scenes.components.curves: a polyline stays one run while inside the band, so its kinks are
drawn as joins (not two butt-capped ends), and runs end exactly on the band's edge."""

import numpy as np
from manim import Axes

from scenes.components.curves import ExactCurve, clip_to_band


def test_a_polyline_inside_the_band_is_one_run_through_every_knot():
    xs = np.array([0.0, 0.1, 0.7, 1.3, 2.9, 24.0])
    ys = np.array([5.0, 812.3, 0.3, 333.3, 17.0, 5.0])
    (run,) = clip_to_band(xs, ys, 0.0, 900.0)
    np.testing.assert_array_equal(run, np.column_stack([xs, ys]))


def test_runs_leave_and_reenter_the_band_on_its_edge():
    xs = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    ys = np.array([1.0, 3.0, 1.0, -1.0, 1.0])
    runs = clip_to_band(xs, ys, 0.0, 2.0)
    assert len(runs) == 3
    np.testing.assert_allclose(runs[0], [[0, 1], [0.5, 2]])
    np.testing.assert_allclose(runs[1], [[1.5, 2], [2, 1], [2.5, 0]])
    np.testing.assert_allclose(runs[2], [[3.5, 0], [4, 1]])


def test_an_exact_curve_inside_its_axes_is_one_subpath():
    axes = Axes(x_range=(0, 24, 4), y_range=(0, 900, 300))
    curve = ExactCurve(axes, [3.3, 7.1, 17.9], lambda x: np.interp(x, [0, 3.3, 7.1, 17.9, 24], [50, 50, 700, 120, 120]))
    assert len(curve.get_subpaths()) == 1
