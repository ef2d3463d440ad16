"""SigmoidKnobs: the knobs' curves, mathcore's best fits and gaps on screen, layout, key frames."""

import numpy as np
import pytest

from mathcore.activations import sigmoid
from mathcore.piecewise import best_sigmoid_steepness, curve_to_hard_sigmoids, max_abs_error, max_sigmoid_error
from scenes.piecewise.sigmoid import RAMP_END, RAMP_HEIGHT, RAMP_START, W_HIGH, W_LOW, SigmoidKnobs, best_fits
from scenes.red_curve import RED_CURVE
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(SigmoidKnobs, capture_frames=True)


def test_best_fits_are_mathcores_and_the_gap_falls_then_rises():
    ws, _, _, gaps, best = best_fits(RAMP_START, RAMP_END, RAMP_HEIGHT)
    assert ws[0] == pytest.approx(W_LOW) and ws[-1] == pytest.approx(W_HIGH)
    assert ws[best] == pytest.approx(best_sigmoid_steepness(RAMP_START, RAMP_END))
    assert gaps[best] == pytest.approx(max_sigmoid_error(RAMP_START, RAMP_END, RAMP_HEIGHT, ws[best]))
    assert np.all(np.diff(gaps[: best + 1]) < 0), "the gap shrinks while w grows towards the best steepness"
    assert np.all(np.diff(gaps[best:]) > 0), "past the best steepness the gap grows again"


def test_the_gap_readings_at_the_pauses_shrink_then_grow(scene):
    (w0, g0), (w1, g1), (w2, g2) = scene.gap_readings
    assert w0 < w1 < w2 and g1 < g0 and g2 > g1
    for w, g in scene.gap_readings:
        assert g == pytest.approx(100 * max_sigmoid_error(RAMP_START, RAMP_END, RAMP_HEIGHT, w) / RAMP_HEIGHT)
    assert scene.gap_readout.number.get_value() == pytest.approx(g2)
    texts = " ".join(text for labels in scene.pause_labels for text, _ in labels)  # Text drops spaces
    assert f"{g1:.1f}%" in texts and f"w={w1:.2f}" in texts  # the best w and its gap, in the caption


def test_curves_are_exact(scene):
    axes = scene.hard_curve.axes
    for x, y in ((RAMP_START, 0.0), (RAMP_END, RAMP_HEIGHT)):  # the hard sigmoid's corners
        assert np.min(np.linalg.norm(scene.hard_curve.points - axes.c2p(x, y), axis=1)) < 1e-9
    # the sigmoid at the end shows the knobs' values: its points lie on c * sigmoid(b + w x)
    w, b, c = (scene.knobs[k].get_value() for k in ("w", "b", "c"))
    xy = np.array([axes.p2c(p)[:2] for p in scene.soft_curve.get_start_anchors()[::7]])
    assert np.allclose(xy[:, 1], c * sigmoid(b + w * xy[:, 0]), atol=1e-6)


def test_sigma_is_written_out_from_the_first_pause(scene):
    texts = [text for text, _ in scene.pause_labels[0]]
    assert r"\sigma(z) = \frac{1}{1 + e^{-z}}" in texts and r"y = c\,\sigma(b + w\,x_1)" in texts


def test_the_red_curve_as_b_plus_a_sum_of_sigmoids(scene):
    """y = b + sum_i c_i sigma(b_i + w_i x1): one sigmoid per hard sigmoid, b the constant, the gap shown."""
    approx, hs = scene.sigmoid_sum, curve_to_hard_sigmoids(RED_CURVE)
    assert len(approx) == len(hs) and approx.b == hs.constant
    assert scene.sum_gap == pytest.approx(max_abs_error(approx, RED_CURVE, 0.0, 8.0))
    assert scene.sum_gap < 0.1 * np.ptp(RED_CURVE.y)  # close to the red curve: under 10% of its range
    texts = [text for text, _ in scene.pause_labels[-1]]
    assert any(f"{scene.sum_gap:.2f}" in text for text in texts)
    for i, (c, b, w) in enumerate(zip(approx.c, approx.b_i, approx.w), start=1):
        assert any(f"c_{i} = {c:.2f}" in text and f"w_{i} = {w:.2f}" in text for text in texts)
    axes = scene.sum_curve.axes
    xy = np.array([axes.p2c(p)[:2] for p in scene.sum_curve.get_start_anchors()[::9]])
    expected = approx.b + sum(c * sigmoid(b + w * xy[:, 0]) for c, b, w in zip(approx.c, approx.b_i, approx.w))
    assert np.allclose(xy[:, 1], expected, atol=1e-6)
    assert f"{scene.sum_gap:.2f}" in scene.narration_line("SigmoidKnobs.say.7")


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 8
    assert_every_pause_is_clean(scene)
    # one narration line (en and zh, in the strings table) for the stretch before each pause
    assert [key for key, _, _ in scene.narration][:8] == [f"SigmoidKnobs.say.{i}" for i in range(8)]


def test_key_frames_match_control_images(scene):
    for i in (1, 5, 6, 7):  # the w sweep, the best fit, past it, the red curve as a sum of sigmoids
        assert_matches_control(scene.pause_frames[i], f"sigmoid_{i}")
