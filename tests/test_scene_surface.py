"""ErrorSurface: the map is mathcore's surface, the path is the recorded one, 2D and 3D share colours."""

import numpy as np
import pytest

from mathcore.cache import training_data
from mathcore.surface import error_surface
from scenes.surface import ErrorSurface
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(ErrorSurface, capture_frames=True)


def test_the_map_is_mathcores_error_surface(scene):
    td = training_data(scene.config_gd)
    grid = scene.surface
    expected = error_surface(td.X[:, 0], td.y, grid.w, grid.b, loss="mae")
    assert np.array_equal(scene.contours.loss, expected)


def test_the_minimum_marker_sits_at_the_grids_argmin(scene):
    grid = scene.surface
    j, i = np.unravel_index(np.argmin(grid.loss), grid.loss.shape)
    w_marker, b_marker = scene.axes.p2c(scene.minimum.marker.get_center())
    cell_w, cell_b = grid.cell
    assert abs(w_marker - grid.w[i]) < cell_w and abs(b_marker - grid.b[j]) < cell_b
    # and gradient descent ended in that cell's neighbourhood too (a different computation)
    w_star, b_star = scene.trajectory.final_theta
    assert abs(w_star - grid.w[i]) <= cell_w and abs(b_star - grid.b[j]) <= cell_b


def test_the_path_is_the_recorded_trajectory(scene):
    tr, path, axes = scene.trajectory, scene.path, scene.axes
    runs = path.visible_runs(tr.n_steps)
    assert len(runs) == 1 and np.allclose(runs[0], tr.thetas)
    anchors = np.asarray(path.line.get_anchors())
    corners = anchors[np.concatenate([[True], np.any(np.abs(np.diff(anchors, axis=0)) > 1e-12, axis=1)])]
    assert np.allclose(corners, np.asarray(axes.c2p(tr.thetas[:, 0], tr.thetas[:, 1])).T)
    assert path.exit_step is None


def test_each_arrow_is_minus_the_gradient_and_each_step_eta_times_it(scene):
    tr, lr = scene.trajectory, scene.config_gd["optimizer"]["lr"]
    assert len(scene.arrows) == tr.n_steps
    for s, arrow in enumerate(scene.arrows):
        assert np.allclose(tr.thetas[s + 1] - tr.thetas[s], lr * arrow.vector, atol=1e-12)
        start, end = scene.axes.p2c(arrow.get_start()), scene.axes.p2c(arrow.get_end())
        assert np.allclose(np.subtract(end, start), arrow.vector, atol=1e-6)


def test_the_final_values_come_from_the_trajectory(scene):
    w_star, b_star = scene.trajectory.final_theta
    shown = [text for text, _ in scene.pause_labels[-1]]
    assert any(f"{w_star:.3f}" in s and f"{b_star:.3f}" in s for s in shown)
    assert any(f"{scene.trajectory.train_loss[-1]:.3f}" in s for s in shown)


def test_surface_and_map_share_one_colour_scale(scene):
    scale = scene.contours.colour_scale
    assert scene.surface3d.colour_scale is scale
    for face in scene.surface3d:
        assert face.get_fill_color().to_hex() == scale.colour(face.centre_loss).to_hex()
    # the map's band k has the colour of losses inside band k
    for band in scene.contours.bands:
        inside = scale.value_at((band.band_index + 0.5) / scale.n_bands)
        assert band.get_fill_color().to_hex() == scale.colour(inside).to_hex()


def test_the_lifted_path_is_at_the_recorded_loss(scene):
    lifted = scene.lifted_path
    assert np.allclose(lifted.data_points[:, 2], scene.trajectory.train_loss)


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 3
    assert_every_pause_is_clean(scene)


def test_key_frames_match_control_images(scene):
    for i in (0, 1, 2):  # the map, the 3D surface, the finished descent
        assert_matches_control(scene.pause_frames[i], f"surface_{i}")
