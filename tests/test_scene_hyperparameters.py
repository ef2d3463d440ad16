"""ParametersVsHyperparameters: θ counted from MatrixForm's model; every hyperparameter value read from its scene."""

import pytest

from mathcore.cache import model_for
from scenes.batches import BatchesEpochs
from scenes.depth import LayersStacking
from scenes.descent import LearningRates
from scenes.hyperparameters import ParametersVsHyperparameters, matrix_form_config, parameter_blocks
from scenes.network import MatrixForm
from scenes.relu_fit import ReluFitTraining
from scenes.theme import LANG_ENV
from tests.scene_checks import assert_every_pause_is_clean, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(ParametersVsHyperparameters)


def default(scene_class, name):
    (param,) = [p for p in scene_class.PARAMS if p.name == name]
    return param.default


def _on_screen(scene) -> str:
    return " ".join(text for text, _ in scene.pause_labels[-1]).replace(" ", "")


def test_theta_is_every_parameter_of_matrix_forms_model():
    config = matrix_form_config()
    assert config["model"]["hidden"] == [MatrixForm.N_SIGMOIDS] and config["data"]["k"] == MatrixForm.N_INPUTS
    n, h = MatrixForm.N_INPUTS, MatrixForm.N_SIGMOIDS
    blocks = parameter_blocks()
    assert [(name, size) for name, _, size in blocks] == [("W1", n * h), ("b1", h), ("c", h), ("b", 1)]
    assert sum(size for *_, size in blocks) == model_for(config).n_params == n * h + 2 * h + 1


def test_the_count_on_screen_is_the_models(scene):
    shown = _on_screen(scene)
    n_params = model_for(matrix_form_config()).n_params
    assert f"\\theta_{{{n_params}}}]^T" in shown and f"{n_params}unknowns" in shown


def test_every_hyperparameter_shown_is_the_value_its_scene_uses(scene):
    shown = _on_screen(scene)
    rates = ",".join(f"{default(LearningRates, f'lr_{r}'):g}" for r in ("small", "good", "large"))
    assert f"η:{rates}compared" in shown
    assert f"B:{default(BatchesEpochs, 'batch_size')}ofN={default(BatchesEpochs, 'n')}hours" in shown
    assert f"epochs:{default(BatchesEpochs, 'epochs')}" in shown
    assert f"sigmoids:{MatrixForm.N_SIGMOIDS}" in shown
    assert f"{default(ReluFitTraining, 'n_relus')}ReLUs" in shown
    assert f"upto{default(LayersStacking, 'max_layers')}layers" in shown


def test_narration_is_filled_from_the_same_numbers(scene):
    lines = [scene.narration_line(key) for key, _, _ in scene.narration]
    assert len(lines) == 3 and all("{" not in line for line in lines)
    assert f"{model_for(matrix_form_config()).n_params} numbers" in lines[0]


def test_layout_is_clean_in_both_languages(scene, monkeypatch):
    assert_every_pause_is_clean(scene)
    monkeypatch.setenv(LANG_ENV, "zh")
    zh = build_scene(ParametersVsHyperparameters)
    assert "超参数" in _on_screen(zh) and "回合数" in _on_screen(zh)
    assert_every_pause_is_clean(zh)
