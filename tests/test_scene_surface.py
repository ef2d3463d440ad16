"""ErrorSurface: the map is the lesson model's MSE in riders/hour; guesses and lowest point are mathcore's."""

import numpy as np
import pytest

from mathcore.studies.lesson import one_hour_linear_model
from mathcore.surface import error_surface
from scenes.number_format import number_text
from scenes.strings import t
from scenes.three_steps.surface import ErrorSurface
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(ErrorSurface, capture_frames=True)


def squash(s: str) -> str:
    return "".join(s.split())


def test_the_map_is_the_error_surface_in_riders_per_hour(scene):
    lesson = one_hour_linear_model()
    expected = error_surface(lesson.x1, lesson.label, scene.w, scene.b, loss="mse")
    assert np.array_equal(scene.contours.loss, expected)
    assert scene.w[0] < lesson.best.w < scene.w[-1] and scene.b[0] < lesson.best.b < scene.b[-1]


def test_the_guesses_sit_at_step_1s_guesses_with_their_losses(scene):
    lesson = one_hour_linear_model()
    shown = [text for text, _ in scene.pause_labels[0]]
    for n, (dot, line) in enumerate(zip(scene.guesses[0], lesson.guesses), start=1):  # LinearModel's guess 1, 2
        assert np.allclose(scene.axes.p2c(dot.get_center()), (line.w, line.b))
        assert squash(t("surface.guess", n=n, w=f"{line.w:g}", b=f"{line.b:g}", loss=number_text(line.mse))) in shown
        assert line.mse > lesson.best.mse


def test_the_lowest_point_is_the_least_squares_line_and_the_grids_lowest_cell(scene):
    lesson = one_hour_linear_model()
    assert np.allclose(scene.axes.p2c(scene.final_ring.get_center()), (lesson.best.w, lesson.best.b))
    j, i = np.unravel_index(np.argmin(scene.loss), scene.loss.shape)
    assert abs(scene.w[i] - lesson.best.w) <= scene.w[1] - scene.w[0]
    assert abs(scene.b[j] - lesson.best.b) <= scene.b[1] - scene.b[0]
    assert scene.loss.min() >= lesson.best.mse  # nothing on the grid is lower than the minimum
    shown = [text for text, _ in scene.pause_labels[-1]]
    assert squash(t("surface.final", w=f"{lesson.best.w:.3f}", b=f"{lesson.best.b:.1f}")) in shown
    assert squash(t("surface.final_loss", loss=number_text(lesson.best.mse))) in shown


def test_surface_and_map_share_one_colour_scale(scene):
    scale = scene.contours.colour_scale
    assert scene.surface3d.colour_scale is scale
    for face in scene.surface3d:
        assert face.get_fill_color().to_hex() == scale.colour(face.centre_loss).to_hex()
    for band in scene.contours.bands:
        inside = scale.value_at((band.band_index + 0.5) / scale.n_bands)
        assert band.get_fill_color().to_hex() == scale.colour(inside).to_hex()


def test_the_3d_axes_are_named_w_b_and_L(scene):
    assert [name.tex_string for name in scene.axis_names_3d] == ["w", "b", "L"]


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 3
    assert_every_pause_is_clean(scene)


def test_key_frames_match_control_images(scene):
    for i in (0, 1, 2):  # the map with the guesses, the 3D surface, the lowest point
        assert_matches_control(scene.pause_frames[i], f"surface_{i}")
