"""GradientDescent: every number is the recorded descent's; the update rule, the stop rule and the end hold."""

import numpy as np
import pytest
from manim import DL, UR

from mathcore.studies.lesson import curvature_ratio, gradient_descent, one_hour_linear_model
from scenes.number_format import number_text
from scenes.strings import t
from scenes.three_steps.gradient_descent import GradientDescent, pair
from tests.scene_checks import assert_every_pause_is_clean, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(GradientDescent)


def texts(scene, pause):
    return [text for text, _ in scene.pause_labels[pause]]


def squash(s: str) -> str:
    return "".join(s.split())  # manim keeps a Text's string without whitespace


def test_the_descent_is_the_lessons(scene):
    d = gradient_descent()
    assert np.array_equal(scene.descent.thetas, d.thetas) and scene.descent.stopped_by == "gradient"
    assert np.allclose(scene.path.data_points, d.thetas)


def test_the_first_updates_on_screen_are_theta_minus_eta_g(scene):
    d = scene.descent
    for s in range(2):
        shown = " ".join(texts(scene, 1 + s))
        assert squash(pair(d.thetas[s])) in shown and squash(pair(d.gradients[s])) in shown
        assert squash(pair(d.thetas[s + 1])) in shown
        assert np.allclose(d.thetas[s + 1], d.thetas[s] - d.lr * d.gradients[s])
        arrow = scene.arrows[s]
        start, end = scene.axes.p2c(arrow.get_start()), scene.axes.p2c(arrow.get_end())
        assert np.allclose(np.subtract(end, start), -d.gradients[s], atol=1e-6)
    # "a shorter step, because the slope is gentler" (narration of the second update)
    assert np.linalg.norm(d.gradients[1]) < np.linalg.norm(d.gradients[0])


def test_the_stop_message_names_the_update_and_the_gradient_below_the_tolerance(scene):
    d = scene.descent
    norm = np.linalg.norm(d.gradients[-1])
    assert norm < d.tolerance and all(np.linalg.norm(g) >= d.tolerance for g in d.gradients[:-1])
    expected = squash(t("gd.stopped_gradient", n=d.n_updates, norm=f"{norm:.6f}", tol=f"{d.tolerance:g}"))
    assert expected in texts(scene, 3)


def test_the_end_in_riders_per_hour_is_the_best_line_of_every_scene(scene):
    lesson = one_hour_linear_model()
    w, b, loss = scene.end_in_riders
    assert f"{w:.3f}" == f"{lesson.best.w:.3f}" and f"{b:.1f}" == f"{lesson.best.b:.1f}"
    assert f"{loss:.0f}" == f"{lesson.best.mse:.0f}"
    shown = texts(scene, 4)
    assert squash(t("gd.w_star", w=f"{lesson.best.w:.3f}")) in shown
    assert squash(t("gd.b_star", b=f"{lesson.best.b:.1f}")) in shown
    assert squash(t("gd.l_star", loss=number_text(lesson.best.mse))) in shown


def test_the_reason_for_standardised_units_is_the_computed_curvature_ratio(scene):
    ratio = curvature_ratio(one_hour_linear_model(), "original")
    assert ratio > 1000 and curvature_ratio(one_hour_linear_model(), "standardised") < 1.01
    assert squash(t("gd.why_units", ratio=f"{ratio:,.0f}")) in texts(scene, 0)


def test_the_map_is_the_standardised_mse_surface(scene):
    from mathcore.cache import training_data
    from mathcore.surface import error_surface

    td = training_data(scene.descent.config)
    assert np.allclose(scene.contours.loss, error_surface(td.X[:, 0], td.y, scene.grid.w, scene.grid.b, loss="mse"))


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 5
    assert_every_pause_is_clean(scene)


def test_the_standardisation_is_this_models_training_riders_named_s_not_sigma(scene):
    """μ and s on screen are the mean and standard deviation of this model's N training hours; σ is the sigmoid."""
    lesson = one_hour_linear_model()
    assert lesson.mean == pytest.approx(np.mean(lesson.label)) and lesson.std == pytest.approx(np.std(lesson.label))
    note = t("gd.units", mean=f"{lesson.mean:.1f}", std=f"{lesson.std:.1f}", n=f"{lesson.n:,}")
    assert squash(note) in texts(scene, 0)
    assert f"{lesson.n:,}" in note and "σ" not in note and "σ" not in t("gd.back_formula")


def test_contour_labels_keep_off_the_arrows(scene):
    """The arrow −g of each written-out update must not cover a contour label (the old arrowhead sat on "2.5")."""
    boxes = [(label.get_corner(DL), label.get_corner(UR)) for label in scene.contours.labels]
    for arrow in scene.arrows:
        for point in np.linspace(arrow.get_start(), arrow.get_end(), 30):
            for low, high in boxes:
                assert not (low[0] - 0.05 <= point[0] <= high[0] + 0.05 and low[1] - 0.05 <= point[1] <= high[1] + 0.05)
