"""Nothing is used before it is defined: each term of the chapter first appears (on screen or in the
narration, en or zh) in the scene that defines it (docs/storyboard.md's terms table), or later.

Every scene is built once (dry run, tiny frames) while the string table records which strings it
looks up; the terms are then searched in those strings' English and Chinese texts.
"""

import re

import pytest

import scenes.strings as strings
from scenes.catalog import SCENES
from tests.scene_checks import build_scene

NAMES = [entry.name for entry in SCENES]

#: (term, English pattern, Chinese pattern, the scene that defines it). Patterns are case-insensitive.
TERMS = [
    ("MSE / MAE", r"\bMSE|\bMAE", r"MSE|MAE|均方误差|平均绝对误差", "LossDefinition"),
    ("error surface", r"error surface", r"误差(曲面|表面)", "ErrorSurface"),
    ("gradient", r"gradient", r"梯度", "TangentStep"),
    ("learning rate", r"learning rate|η", r"学习率|η", "TangentStep"),
    ("local minimum", r"local minim", r"局部最小", "TangentStep"),
    ("θ", r"θ|\btheta\b", r"θ", "GradientDescent"),
    ("hyperparameter", r"hyperparameter", r"超参数", "LearningRates"),
    ("model bias", r"model bias", r"模型偏差", "ModelBias"),
    ("hard sigmoid", r"hard sigmoid", r"hard sigmoid", "PiecewiseAsHardSigmoids"),
    ("sigmoid", r"(?<!hard )sigmoid", r"(?<!hard )sigmoid", "SigmoidKnobs"),
    ("batch", r"\bbatch", r"批量|批次", "BatchesEpochs"),
    ("epoch", r"epoch", r"回合|轮次", "BatchesEpochs"),
    ("ReLU", r"relu", r"relu", "ReluPairHardSigmoid"),
    ("activation function", r"activation", r"激活", "ReluPairHardSigmoid"),
    ("hidden layer", r"\blayers?\b|hidden", r"隐藏层|层", "LayersStacking"),
    ("neuron, deep learning", r"neuron|neural|deep learning", r"神经|深度学习", "LayersStacking"),
    ("unseen data", r"unseen", r"未见", "ForwardPass"),
    ("forward pass", r"forward pass", r"前向传播", "ForwardPass"),
    ("overfitting", r"overfit", r"过拟合", "DepthTable"),
    ("validation, early stopping", r"validation|early stop", r"验证|早停|提前停止", "Overfitting"),
    ("momentum, AdaGrad, RMSProp, Adam", r"momentum|adagrad|rmsprop|\badam\b", r"动量|adagrad|rmsprop|adam",
     "OptimizerRace"),
]

#: Strings that announce what comes next (a preview names a term and says it is still to come).
PREVIEWS = {"hyper.later", "ParametersVsHyperparameters.say.2", "network.matrix.optimiser"}


class _Recording(dict):
    """The string table, noting every key looked up."""

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)


@pytest.fixture(scope="module")
def keys_by_scene():
    table = _Recording(strings.STRINGS)
    original = strings.STRINGS
    strings.STRINGS = table
    used = {}
    try:
        for entry in SCENES:
            table.used = set()
            build_scene(entry.load(), pixel_width=64, pixel_height=36)
            used[entry.name] = set(table.used)
    finally:
        strings.STRINGS = original
    return used


def test_every_scene_looks_up_its_strings(keys_by_scene):
    assert all(keys_by_scene[name] for name in NAMES), [n for n in NAMES if not keys_by_scene[n]]


@pytest.mark.parametrize("term, en, zh, defined_in", TERMS, ids=[t[0] for t in TERMS])
def test_no_term_before_the_scene_that_defines_it(keys_by_scene, term, en, zh, defined_in):
    early = []
    for scene in NAMES[: NAMES.index(defined_in)]:
        for key in sorted(keys_by_scene[scene] - PREVIEWS):
            entry = strings.STRINGS[key]
            if re.search(en, entry["en"], re.I) or re.search(zh, entry["zh"], re.I):
                early.append(f"{scene}: {key}: {entry['en']!r}")
    assert not early, f"{term!r} is defined in {defined_in} but used before it:\n" + "\n".join(early)
