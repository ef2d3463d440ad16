"""TangentStep: the slice, slope and step are the lesson model's (riders/hour); the sign rule; the bottom."""

import numpy as np
import pytest

from mathcore.studies.lesson import one_hour_linear_model
from mathcore.surface import error_surface
from scenes.strings import t
from scenes.three_steps.tangent import TangentStep
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(TangentStep, capture_frames=True)


def squash(s: str) -> str:
    return "".join(s.split())


def test_the_slice_is_the_error_surface_at_b_star_in_riders_per_hour(scene):
    lesson = one_hour_linear_model()
    assert scene.b_fixed == lesson.best.b
    row = error_surface(lesson.x1, lesson.label, scene.w, [scene.b_fixed], loss="mse")[0]
    assert np.array_equal(scene.L, row)
    drawn = np.asarray(scene.curve.get_anchors())
    assert np.allclose(drawn[0], scene.axes.c2p(scene.w[0], row[0]))
    assert np.allclose(drawn[-1], scene.axes.c2p(scene.w[-1], row[-1]))


def test_slope_step_and_sign_rule(scene):
    lesson = one_hour_linear_model()
    for key, sign in (("tangent.positive", 1), ("tangent.negative", -1)):
        w0, slope, w1 = scene.steps[key]
        h = 1e-4  # the slope agrees with the slice's own finite difference around w0
        ends = error_surface(lesson.x1, lesson.label, [w0 - h, w0 + h], [scene.b_fixed], loss="mse")[0]
        assert slope == pytest.approx((ends[1] - ends[0]) / (2 * h), rel=1e-6)
        assert np.sign(slope) == sign and w1 == pytest.approx(w0 - scene.lr * slope)
        assert np.sign(w1 - w0) == -sign  # positive slope: w gets smaller
        assert lesson.loss(w1, scene.b_fixed) < lesson.loss(w0, scene.b_fixed)  # the step went downhill
    texts = [s for labels in scene.pause_labels for s, _ in labels]
    w0, slope, w1 = scene.steps["tangent.positive"]
    assert any(f"{w1:.3f}" in s and f"{slope:,.0f}" in s for s in texts)


def test_the_slope_is_zero_only_at_the_bottom_of_this_bowl(scene):
    lesson = one_hour_linear_model()
    # L(w) = mean((b* + w x1 - y_hat)^2) has second derivative 2 mean(x1^2) > 0: one minimum, at w*.
    assert 2 * np.mean(lesson.x1**2) > 0
    assert abs(scene.bottom_slope) < 1e-6 * abs(scene.steps["tangent.positive"][1])
    assert np.all(np.diff(np.sign(np.diff(scene.L))) >= 0)  # the sampled slice only turns upward once
    shown = [s for s, _ in scene.pause_labels[-1]]
    assert squash(t("tangent.bottom", w=f"{lesson.best.w:.3f}")) in shown


def test_nothing_on_screen_calls_a_point_global_or_a_line_slice_minimum(scene):
    texts = " ".join(s for labels in scene.pause_labels for s, _ in labels).lower()
    assert "global" not in texts and "全局" not in texts


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 4
    assert_every_pause_is_clean(scene)


def test_key_frames_match_control_images(scene):
    for i in (1, 3):
        assert_matches_control(scene.pause_frames[i], f"surface_tangent_{i}")


def test_eta_is_named_and_its_size_explained_by_the_computed_bound(scene):
    """η is labelled on screen; "above η = bound each step lands further from the bottom" holds for this slice."""
    from mathcore.studies.lesson import largest_stable_rate

    lesson = one_hour_linear_model()
    bound = largest_stable_rate(lesson, "original", b_fixed=True)
    assert scene.stable_bound == bound and scene.lr < bound
    texts = [s for s, _ in scene.pause_labels[1]]
    assert squash(t("tangent.eta", lr=f"{scene.lr:.5f}")) in texts
    shown_bound = np.format_float_positional(bound, precision=2, fractional=False, trim="-")
    assert squash(t("tangent.eta_why", bound=shown_bound)) in texts
    # the slice is a parabola with curvature 2·mean(x1²): one step multiplies w − w*(b) by 1 − η·curvature
    curvature = 2 * np.mean(lesson.x1 ** 2)
    assert abs(1 - 1.01 * bound * curvature) > 1 > abs(1 - 0.99 * bound * curvature)


def test_each_tangent_stays_inside_the_plot_box(scene):
    (w_low, w_high), top = scene.axes.x_range[:2], scene.axes.y_range[1]
    for tangent in scene.tangents:
        for end in (tangent.get_start(), tangent.get_end()):
            w, loss = scene.axes.p2c(end)
            assert w_low - 1e-9 <= w <= w_high + 1e-9 and 0 <= loss <= top
