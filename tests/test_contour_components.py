"""Contours, colour scale and path components: geometry checked against known answers."""

import numpy as np
import pytest
from manim import Axes, Text

from scenes.components.contour import ContourMap, LossColourScale, format_level
from scenes.components.isolines import isolines, sublevel_loops
from scenes.components.path import TrajectoryPath, clip_segment
from scenes.components.step_readout import StepReadout

XS = YS = np.linspace(-1.0, 1.0, 41)
BOWL = 1.0 + XS[None, :] ** 2 + YS[:, None] ** 2  # grid[j, i] at (XS[i], YS[j])


def shoelace(loop: np.ndarray) -> float:
    return 0.5 * float(np.sum(loop[:-1, 0] * loop[1:, 1] - loop[1:, 0] * loop[:-1, 1]))


def test_isoline_of_a_bowl_is_a_closed_circle():
    (ring,) = isolines(XS, YS, BOWL, 1.5)
    assert np.allclose(ring[0], ring[-1])
    assert np.allclose(np.hypot(ring[:, 0], ring[:, 1]), np.sqrt(0.5), atol=2e-3)


def test_open_isolines_end_on_the_border():
    tilted = XS[None, :] + 0.3 * YS[:, None]  # straight lines x + 0.3 y = c
    (line,) = isolines(XS, YS, tilted, 0.2)
    assert np.allclose(line[:, 0] + 0.3 * line[:, 1], 0.2)
    assert {round(line[0, 1], 9), round(line[-1, 1], 9)} == {-1.0, 1.0}


def test_sublevel_loops_cover_the_region_with_holes_subtracted():
    radius = np.hypot(XS[None, :], YS[:, None])
    ring_valley = (radius - 0.5) ** 2  # below 0.04 on the ring 0.3 < r < 0.7
    loops = sublevel_loops(XS, YS, ring_valley, 0.04)
    assert len(loops) == 2
    assert sum(shoelace(loop) for loop in loops) == pytest.approx(np.pi * (0.7**2 - 0.3**2), rel=0.01)
    # a region touching the border is closed along the border
    (half,) = sublevel_loops(XS, YS, XS[None, :] + 0 * YS[:, None], 0.0)
    assert shoelace(half) == pytest.approx(2.0, rel=1e-9)


def test_isolines_refuse_bad_grids():
    with pytest.raises(ValueError, match="shape"):
        isolines(XS, YS, BOWL[:-1], 1.5)
    with pytest.raises(ValueError, match="finite"):
        isolines(XS, YS, np.where(BOWL > 2.9, np.inf, BOWL), 1.5)


def test_colour_scale_runs_blue_to_red_on_log_loss():
    scale = LossColourScale(0.5, 8.0)
    assert scale.fraction(2.0) == pytest.approx(0.5)
    low, high = scale.rgb_at_fraction(0.0), scale.rgb_at_fraction(1.0)
    assert low[2] > low[0] and high[0] > high[2]  # blue low, red high
    edges = scale.band_edges()
    assert edges[0] == pytest.approx(0.5) and edges[-1] == pytest.approx(8.0)
    assert scale.band(edges[3] * 1.0001) == 3 and scale.band(8.0) == scale.n_bands - 1
    assert all(0.5 < v < 8.0 for v in scale.levels(5)) and format_level(0.398) == "0.398"
    with pytest.raises(ValueError, match="low"):
        LossColourScale(0.0, 1.0)


def test_contour_lines_lie_on_their_level_and_labels_inside_the_map():
    axes = Axes(x_range=[-1, 1, 0.5], y_range=[-1, 1, 0.5], x_length=4, y_length=4)
    cmap = ContourMap(axes, XS, YS, BOWL, n_levels=4)
    assert set(cmap.line_levels) == set(cmap.levels) and len(cmap.levels) >= 3
    for line, level in zip(cmap.lines, cmap.line_levels):
        r2 = np.sum(line.data_points**2, axis=1)
        assert np.allclose(1.0 + r2, level, atol=3e-3)
    x0, y0 = axes.c2p(-1, -1)[:2]
    x1, y1 = axes.c2p(1, 1)[:2]
    for label in cmap.labels:
        assert x0 < label.get_left()[0] and label.get_right()[0] < x1
        assert y0 < label.get_bottom()[1] and label.get_top()[1] < y1


def test_clip_segment_and_a_path_leaving_the_box():
    assert clip_segment(np.array([0.0, 0.0]), np.array([2.0, 0.0]), (-1, -1, 1, 1)) == (0.0, 0.5)
    assert clip_segment(np.array([2.0, 2.0]), np.array([3.0, 2.0]), (-1, -1, 1, 1)) is None
    axes = Axes(x_range=[-1, 1, 1], y_range=[-1, 1, 1])
    points = np.array([[0.0, 0.0], [0.5, 0.0], [-0.8, 0.0], [1.6, 0.0], [-2.0, 0.0]])
    path = TrajectoryPath(axes, points)
    assert path.exit_step == 3
    assert np.allclose(path.visible_runs(3)[-1][-1], [1.0, 0.0])  # clipped where it leaves
    runs = path.visible_runs(4)  # the last step crosses the whole box again: a second, separate run
    assert len(runs) == 2 and np.allclose(runs[1], [[1.0, 0.0], [-1.0, 0.0]])
    path.show_until(1.5)
    assert np.allclose(path.head.get_center(), axes.c2p(-0.15, 0.0))
    with pytest.raises(ValueError, match="finite"):
        TrajectoryPath(axes, np.array([[0.0, 0.0], [np.inf, 0.0]]))


def test_step_readout_swaps_numbers_per_step():
    readout = StepReadout(Text("L ="), [1.5, 0.75, 0.5], digits=2)
    assert readout.show(2).number.text == "0.50"
    assert readout.show(7).number.text == "0.50"  # clipped to the last recorded step
    assert readout.show(0).number.text == "1.50" and len(readout.submobjects) == 2


def test_loss_surface_maps_its_grid_in_one_pass_to_manims_points(monkeypatch):
    """LossSurface maps all grid points at once; manim's Surface maps them one by one (with its
    handle scaling): the faces' points are the same numbers, and later apply_function calls are manim's."""
    from manim import ThreeDAxes
    from manim.mobject.three_d.three_dimensions import Surface

    from scenes.components.contour import LossSurface

    w, b = np.linspace(0.2, 1.5, 40), np.linspace(-80, 140, 36)
    W, B = np.meshgrid(w, b)
    loss = 3000 + 50_000 * (W - 0.85) ** 2 + 2 * (B - 20) ** 2
    axes = ThreeDAxes(x_range=(0.2, 1.5, 0.1), y_range=(-80, 140, 20), z_range=(0, 60_000, 10_000))

    def faces():
        surface = LossSurface(axes, w, b, loss, LossColourScale.for_grid(loss), resolution=12)
        return surface, np.stack([face.points for face in surface])

    fast_surface, fast = faces()
    monkeypatch.setattr(LossSurface, "apply_function", Surface.apply_function)
    _, manims = faces()
    assert fast.shape == manims.shape == (144, 16, 3)
    assert np.ptp(fast[..., 2]) > 1  # a real surface, not a flat grid
    np.testing.assert_array_equal(fast, manims)
    monkeypatch.undo()
    before = np.stack([face.points for face in fast_surface])
    fast_surface.apply_function(lambda p: p + np.array([1.0, 0.0, 0.0]))
    moved = np.stack([face.points for face in fast_surface])
    np.testing.assert_allclose(moved[..., 0], before[..., 0] + 1.0, atol=1e-9)
