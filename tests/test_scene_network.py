"""MatrixForm: the trained numbers on screen, the path, theta, layout, key frames."""

import numpy as np
import pytest

from mathcore.cache import get_or_train, model_for, training_data
from scenes.network import MatrixForm, fmt
from scenes.strings import t
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


def on_screen(labels) -> list[str]:
    return [text for text, _ in labels]


def squeezed(sentence: str) -> str:
    """Text mobjects report their string without spaces."""
    return sentence.replace(" ", "")


@pytest.fixture(scope="module")
def matrix_scene():
    return build_scene(MatrixForm, capture_frames=True)


def trained(config):
    model = model_for(config)
    model.set_theta(get_or_train(config).final_theta)
    return model


def test_matrices_hold_the_numbers_mathcore_trained(matrix_scene):
    config = matrix_scene.config()
    assert config["data"] == {"source": "windows", "name": "bikeshare", "k": 3}
    assert config["model"]["hidden"] == [3] and config["model"]["activation"] == "sigmoid"
    p = trained(config).params
    equations = on_screen(matrix_scene.pause_labels[1])
    for value in [*p["W1"].ravel(), *p["b1"], *p["c"], p["b"][0]]:
        assert fmt(value) in equations
    # the model is better than predicting the mean: it really was trained
    data = training_data(config)
    model = trained(config)
    assert np.mean((model.forward(data.X) - data.y) ** 2) < 0.5 * np.var(data.y)


def test_theta_is_mathcores_theta_in_order(matrix_scene):
    model = trained(matrix_scene.config())
    assert [e.tex_string for e in matrix_scene.theta_entries] == [fmt(v) for v in model.theta]
    assert len(matrix_scene.theta_entries) == model.n_params == 3 * 3 + 3 + 3 + 1
    # top to bottom
    ys = [e.get_y() for e in matrix_scene.theta_entries]
    assert all(a > b for a, b in zip(ys, ys[1:]))


def test_the_highlighted_path_is_the_strongest(matrix_scene):
    p = trained(matrix_scene.config()).params
    strength = np.abs(p["c"][:, None] * p["W1"])
    j, i = matrix_scene.path
    assert strength[i, j] == strength.max()
    sentence = t("network.matrix.path", j=chr(0x2080 + j + 1))
    assert squeezed(sentence) in on_screen(matrix_scene.pause_labels[2])


def test_matrix_form_layout_and_key_frames(matrix_scene):
    assert len(matrix_scene.pause_times) == 4
    assert_every_pause_is_clean(matrix_scene)
    for i in (1, 3):
        assert_matches_control(matrix_scene.pause_frames[i], f"network_matrix_{i}")
