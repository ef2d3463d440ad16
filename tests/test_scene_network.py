"""MatrixForm and ForwardPass: the trained numbers on screen, neuron counts, fills, layout, key frames."""

import numpy as np
import pytest
from manim import ManimColor

from mathcore.cache import get_or_train, model_for, training_data
from scenes import theme
from scenes.network import ForwardPass, MatrixForm, fmt, series_value
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


@pytest.fixture(scope="module")
def forward_scene():
    return build_scene(ForwardPass, capture_frames=True)


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


def test_forward_pass_draws_every_neuron_with_real_weights(forward_scene):
    config = forward_scene.config()
    model = trained(config)
    diagram = forward_scene.diagram
    assert diagram.widths == [7, 6, 4, 1] == [config["data"]["k"], *model.hidden, 1]
    assert [len(column) for column in diagram.neurons] == diagram.widths
    W2 = model.params["W2"]
    for (i, j), line in diagram.edge_of[1].items():
        assert line.get_stroke_color() == ManimColor(theme.POSITIVE if W2[i, j] > 0 else theme.NEGATIVE)


def test_forward_pass_fills_and_predictions_come_from_the_model(forward_scene):
    config = forward_scene.config()
    model = trained(config)
    data = training_data(config)
    row = forward_scene.rows[-1]
    trace = model.trace(data.X_unseen)
    # the fills left on screen are the last example's activations / the layer's largest over the unseen period
    for layer, values in enumerate(trace, start=1):
        expected = values["a"][row] / values["a"].max()
        np.testing.assert_allclose(forward_scene.diagram.fill_levels[layer], expected)
    # each example's prediction and true value, in riders, at its pause
    unit = t("network.unit.bikeshare")
    y_hat = model.forward(data.X_unseen)
    for pause, row in enumerate(forward_scene.rows, start=1):
        texts = on_screen(forward_scene.pause_labels[pause])
        prediction = fmt(series_value(data.meta, y_hat[row]), 0)
        truth = fmt(series_value(data.meta, data.y_unseen[row]), 0)
        assert squeezed(t("network.forward.prediction", value=prediction, unit=unit)) in texts
        assert squeezed(t("network.forward.truth", value=truth, unit=unit)) in texts
    mae = np.mean(np.abs(y_hat - data.y_unseen)) * data.meta["std"]
    assert forward_scene.unseen_mae == pytest.approx(mae)


def test_forward_pass_examples_are_the_chosen_unseen_hours(forward_scene):
    from mathcore.data import load

    series = load("bikeshare")
    t_unseen = training_data(forward_scene.config()).meta["t_unseen"]
    hours = series.hour[np.searchsorted(series.time, t_unseen[forward_scene.rows])]
    assert hours.tolist() == [8, 17, 3]
    assert np.all(t_unseen[forward_scene.rows] >= series.split_time)


def test_forward_pass_layout_and_key_frame(forward_scene):
    assert len(forward_scene.pause_times) == 5
    assert_every_pause_is_clean(forward_scene)
    assert_matches_control(forward_scene.pause_frames[2], "network_forward_2")
