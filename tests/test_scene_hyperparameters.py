"""ParametersVsHyperparameters: one model on both sides, BatchesEpochs'; θ counted from it; every value read
from the scene that uses it."""

import numpy as np
import pytest

from mathcore.cache import model_for
from scenes.deep.depth import LayersStacking
from scenes.piecewise.batches import BatchesEpochs
from scenes.piecewise.hyperparameters import ParametersVsHyperparameters, model_config, parameter_blocks
from scenes.relu.relu_fit import ReluFitTraining
from scenes.theme import LANG_ENV
from scenes.three_steps.descent import LearningRates
from scenes.three_steps.gradient_descent import GradientDescent
from scenes.three_steps.tangent import TangentStep
from tests.scene_checks import assert_every_pause_is_clean, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(ParametersVsHyperparameters)


def default(scene_class, name):
    (param,) = [p for p in scene_class.PARAMS if p.name == name]
    return param.default


def _on_screen(scene) -> str:
    return " ".join(text for text, _ in scene.pause_labels[-1]).replace(" ", "")


def test_theta_is_every_parameter_of_the_batches_model(scene):
    """The model counted is the one BatchesEpochs trained with the B, N, η and epochs shown beside it."""
    batches = build_scene(BatchesEpochs)
    assert model_config() == batches.mini_config
    h = default(BatchesEpochs, "sigmoids")
    blocks = parameter_blocks()
    assert [(name, shape) for name, shape, _ in blocks] == [("W1", (h, 1)), ("b1", (h,)), ("c", (h,)), ("b", (1,))]
    assert sum(size for *_, size in blocks) == model_for(model_config()).n_params == 3 * h + 1
    assert f"{h}sigmoids" in _on_screen(scene) and "1input" in _on_screen(scene)


def test_the_count_on_screen_is_the_models(scene):
    shown = _on_screen(scene)
    n_params = model_for(model_config()).n_params
    assert f"\\theta_{{{n_params}}}]^T" in shown and f"{n_params}unknowns" in shown


def test_every_hyperparameter_shown_is_the_value_the_batches_scene_used(scene):
    shown = _on_screen(scene)
    assert f"η:{default(BatchesEpochs, 'lr'):g}" in shown
    assert f"B:{default(BatchesEpochs, 'batch_size')}ofN={default(BatchesEpochs, 'n')}hours" in shown
    assert f"epochs:{default(BatchesEpochs, 'epochs')}" in shown
    assert f"sigmoids:{default(BatchesEpochs, 'sigmoids')}" in shown
    # the other η are examples from the scenes before, in story order, each once
    rates = [default(TangentStep, "lr"), default(GradientDescent, "lr"),
             *(default(LearningRates, f"lr_{r}") for r in ("small", "good", "large"))]
    listed = ",".join(np.format_float_positional(rate, trim="-") for rate in dict.fromkeys(rates))
    assert listed.startswith("0.00001,")
    assert f"forexample{listed})" in shown
    # the next sections' choices, said to be still to come
    assert f"({default(ReluFitTraining, 'n_relus')}ofthem)" in shown and "stilltocome" in shown
    assert "ReLU" not in shown  # not yet introduced (ReluPairHardSigmoid comes later)
    assert f"(upto{default(LayersStacking, 'max_layers')})" in shown


def test_narration_is_filled_from_the_same_numbers(scene):
    lines = [scene.narration_line(key) for key, _, _ in scene.narration]
    assert len(lines) == 3 and all("{" not in line for line in lines)
    assert f"{model_for(model_config()).n_params} numbers" in lines[0]
    lr, batch = default(BatchesEpochs, "lr"), default(BatchesEpochs, "batch_size")
    assert f"η, {lr:g}; the batch size B, {batch}" in lines[1]
    assert lines[2].startswith("Still to come")


def test_layout_is_clean_in_both_languages(scene, monkeypatch):
    assert_every_pause_is_clean(scene)
    monkeypatch.setenv(LANG_ENV, "zh")
    zh = build_scene(ParametersVsHyperparameters)
    assert "超参数" in _on_screen(zh) and "回合数" in _on_screen(zh) and "批量与回合" in _on_screen(zh)
    assert_every_pause_is_clean(zh)
