"""PiecewiseAsHardSigmoids: the blue pieces stack exactly into the red curve; more pieces, less error."""

import itertools

import numpy as np
import pytest

from mathcore.piecewise import curve_to_hard_sigmoids, max_abs_error
from scenes.piecewise.hard_sigmoids import (
    PIECE_COUNTS,
    RED_CURVE,
    SMOOTH_HI,
    SMOOTH_LO,
    X_RANGE,
    PiecewiseAsHardSigmoids,
    smooth_target,
)
from scenes.strings import t
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(PiecewiseAsHardSigmoids, capture_frames=True)


def _passes_through(curve, points) -> bool:
    """Every data point (x, y) is a vertex of the drawn polyline (exact kinks, not sampled)."""
    anchors = np.asarray(curve.points)
    return all(np.min(np.linalg.norm(anchors - curve.axes.c2p(x, y), axis=1)) < 1e-9 for x, y in points)


def test_one_panel_per_hard_sigmoid_and_the_stack_is_the_red_curve(scene):
    hs = curve_to_hard_sigmoids(RED_CURVE)
    assert len(scene.panels) == len(hs) == len(RED_CURVE.x) - 1
    assert hs.constant == RED_CURVE.y[0]  # the constant is where the red curve starts
    assert _passes_through(scene.stacked, zip(RED_CURVE.x, RED_CURVE.y))
    # between the corners the stacked curve is the red one: check its vertices against RED_CURVE
    xy = np.array([scene.stacked.axes.p2c(p)[:2] for p in scene.stacked.get_start_anchors()])
    assert np.allclose(xy[:, 1], RED_CURVE(xy[:, 0]), atol=1e-9)


def test_the_words_about_the_first_ramp_match_the_drawn_curve(scene):
    """The drawn red curve starts flat, so the first ramp starts at the first corner, not at the start."""
    hs = curve_to_hard_sigmoids(RED_CURVE)
    assert X_RANGE[0] < RED_CURVE.x[0] and RED_CURVE(X_RANGE[0]) == RED_CURVE.y[0]  # flat from the plot's start
    assert RED_CURVE.slopes[0] != 0  # ... up to the first corner, where it bends
    assert (hs.starts[0], hs.ends[0]) == (RED_CURVE.x[0], RED_CURVE.x[1])  # ramp 1: corner 1 to corner 2
    assert hs.constant == RED_CURVE(X_RANGE[0])  # the constant is the curve's value where the plot starts
    texts = [text for text, _ in scene.pause_labels[1]]
    assert t("piecewise.first").replace(" ", "") in texts  # Text drops spaces
    assert "from corner 1 to corner 2" in t("piecewise.first")
    # the corners are numbered on screen, each number right beside its corner
    axes = scene.stacked.axes
    for k, (x, y) in enumerate(zip(RED_CURVE.x, RED_CURVE.y)):
        corner = axes.c2p(x, y)[:2]
        near = [box for text, box in scene.pause_labels[1] if text == str(k + 1)
                and np.linalg.norm((box[:2] + box[2:]) / 2 - corner) < 0.45]
        assert len(near) == 1, f"corner {k + 1} has no number beside it"


def test_narration_says_the_numbers_drawn(scene):
    errors = [max_abs_error(smooth_target, curve, SMOOTH_LO, SMOOTH_HI) for curve, _ in scene.approximations]
    last = scene.narration_line("PiecewiseAsHardSigmoids.say.4")
    assert f"{errors[0]:.3f}" in last and f"{errors[-1]:.3f}" in last and str(PIECE_COUNTS[-1]) in last
    first = scene.narration_line("PiecewiseAsHardSigmoids.say.1")
    assert f"{curve_to_hard_sigmoids(RED_CURVE).constant:g}" in first


def test_more_pieces_give_smaller_errors_shown_from_mathcore(scene):
    assert [len(curve.x) - 1 for curve, _ in scene.approximations] == list(PIECE_COUNTS)
    errors = [max_abs_error(smooth_target, curve, SMOOTH_LO, SMOOTH_HI) for curve, _ in scene.approximations]
    assert all(a > b for a, b in itertools.pairwise(errors))
    texts = [text for text, _ in scene.pause_labels[-1]]
    for error in errors:
        assert f"{error:.3f}" in texts
    for curve, drawn in scene.approximations:
        assert _passes_through(drawn, zip(curve.x, curve.y))


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 5
    assert_every_pause_is_clean(scene)
    # one narration line (en and zh, in the strings table) for the stretch before each pause
    assert [key for key, _, _ in scene.narration][:5] == [f"PiecewiseAsHardSigmoids.say.{i}" for i in range(5)]


def test_key_frames_match_control_images(scene):
    for i in (1, 2, 4):  # the first hard sigmoid, the full stack, 16 pieces
        assert_matches_control(scene.pause_frames[i], f"piecewise_{i}")


def test_each_side_panel_marks_its_zero_line_and_its_height(scene):
    """The small panels can be read: 0 and the piece's height on the y axis, x numbered under the last."""
    hs = curve_to_hard_sigmoids(RED_CURVE)
    for i, panel in enumerate(scene.panels):
        axes, y_marks, x_numbers = panel[0], panel[3], panel[4]
        assert [mark[1].text for mark in y_marks] == ["0", f"{hs.heights[i]:.1f}"]
        for mark, value in zip(y_marks, (0.0, hs.heights[i])):
            assert mark[1].get_center()[1] == pytest.approx(axes.c2p(0, value)[1], abs=1e-6)
        assert [n.text for n in x_numbers] == (["2", "4", "6", "8"] if i == len(hs) - 1 else [])
        for n in x_numbers:
            assert n.get_center()[0] == pytest.approx(axes.c2p(float(n.text), 0)[0], abs=1e-6)


def test_the_two_piece_line_is_drawn_while_its_words_are_said(scene):
    """PiecewiseAsHardSigmoids.say.3 ("approximated by 2 straight pieces"): the line is up for most of it."""
    (start, end), = [(a, b) for key, a, b in scene.narration if key == "PiecewiseAsHardSigmoids.say.3"]
    assert scene.first_approximation_at - start < 0.5 * (end - start)
