"""TangentStep: the slice, slope and step are mathcore's; the sign rule holds; minima are the slice's own."""

import numpy as np
import pytest

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.losses import mae
from mathcore.surface import error_surface
from scenes.tangent import TangentStep, line_slice, local_minima, network_config
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(TangentStep, capture_frames=True)


def test_the_slice_is_the_error_surface_at_the_descents_b(scene):
    td = training_data(scene.config)
    assert scene.b_fixed == get_or_train(scene.config).final_theta[1]
    row = error_surface(td.X[:, 0], td.y, scene.w, [scene.b_fixed], loss="mae")[0]
    assert np.array_equal(scene.L, row)
    drawn = np.asarray(scene.curve.get_anchors())
    assert np.allclose(drawn[0], scene.axes.c2p(scene.w[0], row[0]))
    assert np.allclose(drawn[-1], scene.axes.c2p(scene.w[-1], row[-1]))


def test_slope_step_and_sign_rule(scene):
    for key, sign in (("tangent.positive", 1), ("tangent.negative", -1)):
        w0, slope, w1 = scene.steps[key]
        # the slope agrees with the slice's own finite difference around w0
        h = 1e-4
        td = training_data(scene.config)
        ends = error_surface(td.X[:, 0], td.y, [w0 - h, w0 + h], [scene.b_fixed], loss="mae")[0]
        assert slope == pytest.approx((ends[1] - ends[0]) / (2 * h), abs=2e-3)
        assert np.sign(slope) == sign and w1 == pytest.approx(w0 - scene.lr * slope)
        assert np.sign(w1 - w0) == -sign  # positive slope: w gets smaller
    texts = [t for labels in scene.pause_labels for t, _ in labels]
    w0, slope, w1 = scene.steps["tangent.positive"]
    assert any(f"{w1:.3f}" in t and f"{slope:.3f}" in t for t in texts)


def test_the_line_slice_passes_through_both_trained_networks():
    alpha, loss, beta = line_slice(8, 1, 2, span=1.0, resolution=3)
    assert alpha.tolist() == [-1.0, 0.0, 1.0] and beta == 0.0
    td = training_data(network_config(8, 1))
    for a, seed in ((0, 1), (2, 2)):
        model = model_for(network_config(8, seed))
        model.set_theta(get_or_train(network_config(8, seed)).final_theta)
        assert loss[a] == pytest.approx(mae(model.forward(td.X), td.y), rel=1e-9)


def test_minima_are_found_on_the_computed_slice(scene):
    alpha, loss = scene.slice_alpha, scene.slice_loss
    assert scene.global_index == int(np.argmin(loss)) and scene.global_index in scene.minima
    locals_only = [i for i in scene.minima if i != scene.global_index]
    assert locals_only, "the slice shows no local minimum besides the global one"
    assert all(loss[i] > loss[scene.global_index] for i in locals_only)
    assert local_minima(np.array([3.0, 1.0, 2.0, 0.5, 4.0])) == [1, 3]
    for mark in scene.minimum_marks:
        dot = mark[0]
        assert np.allclose(dot.get_center(), scene.net_axes.c2p(alpha[dot.index], loss[dot.index]))


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 4
    assert_every_pause_is_clean(scene)


def test_key_frames_match_control_images(scene):
    for i in (1, 3):
        assert_matches_control(scene.pause_frames[i], f"surface_tangent_{i}")
