"""MatrixForm: the trained numbers on screen, the path, theta, layout, key frames."""

import numpy as np
import pytest

from mathcore.cache import training_data
from mathcore.data import load
from scenes.piecewise.network import MatrixForm
from scenes.strings import t
from scenes.trained_networks import fmt, trained_model
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene, on_screen, squeezed


@pytest.fixture(scope="module")
def matrix_scene():
    return build_scene(MatrixForm, capture_frames=True)



def test_matrices_hold_the_numbers_mathcore_trained(matrix_scene):
    config = matrix_scene.config()
    assert config["data"] == {"source": "windows", "name": "bikeshare", "k": 3}
    assert config["model"]["hidden"] == [3] and config["model"]["activation"] == "sigmoid"
    p = trained_model(config)[0].params
    equations = on_screen(matrix_scene.pause_labels[3])
    for value in [*p["W1"].ravel(), *p["b1"], *p["c"], p["b"][0]]:
        assert fmt(value) in equations
    # the model is better than predicting the mean: it really was trained
    data = training_data(config)
    model = trained_model(config)[0]
    assert np.mean((model.forward(data.X) - data.y) ** 2) < 0.5 * np.var(data.y)


def test_theta_is_mathcores_theta_in_order(matrix_scene):
    model = trained_model(matrix_scene.config())[0]
    assert [e.tex_string for e in matrix_scene.theta_entries] == [fmt(v) for v in model.theta]
    assert len(matrix_scene.theta_entries) == model.n_params == 3 * 3 + 3 + 3 + 1
    # top to bottom
    ys = [e.get_y() for e in matrix_scene.theta_entries]
    assert all(a > b for a, b in zip(ys, ys[1:]))


def test_the_highlighted_path_is_the_strongest(matrix_scene):
    p = trained_model(matrix_scene.config())[0].params
    strength = np.abs(p["c"][:, None] * p["W1"])
    j, i = matrix_scene.path
    assert strength[i, j] == strength.max()
    sentence = t("network.matrix.path", j=chr(0x2080 + j + 1))
    assert squeezed(sentence) in on_screen(matrix_scene.pause_labels[4])


def test_the_edge_colours_are_explained_from_the_start(matrix_scene):
    assert squeezed(t("network.matrix.edges")).replace("\n", "") in on_screen(matrix_scene.pause_labels[0])


def test_element_and_sum_forms_come_before_the_matrix_form(matrix_scene):
    """r_i written out, then r_i = b_i + sum_j w_ij x_j, with the names weight and bias; then r = b + W x."""
    first, second = on_screen(matrix_scene.pause_labels[1]), on_screen(matrix_scene.pause_labels[2])
    n = h = 3
    for i in range(1, h + 1):
        row = rf"r_{i} = b_{i} + " + " + ".join(f"w_{{{i}{j}}}\\,x_{j}" for j in range(1, n + 1))
        assert row in first and row not in second
    assert r"r_i = b_i + \sum_j w_{ij}\,x_j" in first
    assert squeezed(t("network.matrix.weight")) in first and squeezed(t("network.matrix.bias")) in first
    assert r"r = b + W x" not in first and r"r = b + W x" in second  # the matrix form comes after
    assert "w_{23}" in second  # the matrix form, first with symbols ...
    assert not any(fmt(v) in second for v in matrix_scene.model.params["W1"].ravel() if abs(v) > 0.05)


def test_the_numbers_are_said_to_be_standardised_with_the_conversion(matrix_scene):
    """The model is trained on standardised riders: the screen says so and shows mean and std once."""
    data = training_data(matrix_scene.config())
    mean, std = matrix_scene.standardisation
    assert (mean, std) == (data.meta["mean"], data.meta["std"])
    series = load(matrix_scene.config()["data"]["name"])
    riders = series.values[np.searchsorted(series.time, data.meta["t_train"])]
    assert np.allclose(mean + std * data.y, riders)  # riders/h = mean + std * y, as the screen says
    shown = " ".join(on_screen(matrix_scene.pause_labels[3]))
    assert f"(riders/h−{mean:.0f})/{std:.0f}" in shown and f"riders/h={mean:.0f}+{std:.0f}·y" in shown
    assert "real numbers" not in " ".join(text for labels in matrix_scene.pause_labels for text, _ in labels)
    assert f"{mean:.0f}" in matrix_scene.narration_line("MatrixForm.say.3")
    assert str(len(matrix_scene.theta_values)) in matrix_scene.narration_line("MatrixForm.say.5")


def test_the_optimiser_that_trained_it_is_said_with_the_part_that_shows_it(matrix_scene):
    """The model is trained with Adam (its run config), which only OptimizerRace shows: the screen says "an
    improved gradient descent", without the name, and points to the last part by its card's title (no part
    number is on screen); the --set help of lr names Adam and OptimizerRace."""
    from scenes.catalog import SCENES, SECTIONS

    assert matrix_scene.config()["optimizer"]["name"] == "adam"
    race = next(entry for entry in SCENES if entry.name == "OptimizerRace")
    assert matrix_scene.optimiser_part == race.section == SECTIONS[-1]   # the chapter's last part
    assert [e.name for e in SCENES].index("MatrixForm") < [e.name for e in SCENES].index("OptimizerRace")
    shown = on_screen(matrix_scene.pause_labels[3])
    line = squeezed(t("network.matrix.optimiser", part=t(f"section.{race.section}")))
    assert line in shown and squeezed(t(f"section.{race.section}")) in line
    assert not any("Adam" in text for text in shown)
    help_text = next(p.help for p in MatrixForm.PARAMS if p.name == "lr")
    assert "Adam" in help_text and "OptimizerRace" in help_text


def test_matrix_form_layout_and_key_frames(matrix_scene):
    assert len(matrix_scene.pause_times) == 6
    assert_every_pause_is_clean(matrix_scene)
    for i in (1, 3, 5):  # the element and sum forms, the trained numbers, theta
        assert_matches_control(matrix_scene.pause_frames[i], f"network_matrix_{i}")


def test_no_empty_row_where_a_sigma_r_was(matrix_scene):
    before, after = matrix_scene.row_gaps
    assert after == pytest.approx(before, abs=1e-6)  # y = b + cᵀa sits one row gap under r = b + W x
