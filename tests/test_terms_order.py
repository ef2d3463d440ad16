"""Nothing is used before it is defined: each term of the chapter first appears (on screen or in the
narration, en or zh) in the scene that defines it (docs/storyboard.md's terms table), or later, and
that scene does use it. No string names a part of the chapter by its number ("part 5", 第 5 部分,
第一部分): the only place a part's number is on screen is that part's own title card.

Every scene is built once (dry run, tiny frames) while the string table records which strings it
looks up; the terms are then searched in those strings' English and Chinese texts, scene by scene
in chapter order.
"""

import re

import pytest

import scenes.strings as strings
from scenes.catalog import SCENES, SECTIONS, scene_class
from tests.chapter_record import chapter_record, record_scenes

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
    # validation data is the part held back from training; early stopping stops on its loss
    ("validation", r"validat|held.back", r"验证|留出", "Overfitting"),
    ("early stopping", r"early stop|stop(?:ped|s)? early", r"早停|提前停止|提前停", "Overfitting"),
    # every optimiser by its name (SGD is not named in this chapter: its row keeps it from coming early)
    ("SGD", r"\bSGD\b|stochastic gradient", r"SGD|随机梯度下降", "OptimizerRace"),
    ("momentum", r"momentum", r"动量", "OptimizerRace"),
    ("AdaGrad", r"adagrad", r"adagrad", "OptimizerRace"),
    ("RMSProp", r"rmsprop", r"rmsprop", "OptimizerRace"),
    ("Adam", r"\badam\b", r"adam", "OptimizerRace"),
]

#: Terms no scene defines by name (kept out of the chapter before their scene, but not required in it).
NOT_NAMED = {"SGD"}

#: Strings that announce what comes next (a preview names a term and says it is still to come).
PREVIEWS = {"hyper.later", "ParametersVsHyperparameters.say.2"}

#: Abbreviations whose full name comes with them where they are first used (en, zh), on screen and in narration.
FULL_NAMES = [
    ("MAE", r"\bMAE\b|mean absolute error", r"MAE|平均绝对误差", "mean absolute error", "平均绝对误差"),
    ("MSE", r"\bMSE\b|mean squared error", r"MSE|均方误差", "mean squared error", "均方误差"),
    ("ReLU", r"relu", r"relu", "rectified linear unit", "修正线性单元"),
]

#: A part of the chapter named by its number: "part 5", "part {part}", "the first part", 第 5 部分, 第一部分.
PART_NUMBER = {
    "en": r"\bparts?\s*(?:\d+\b|\{\w*\}|(?:one|two|three|four|five)\b)"
          r"|\b(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+part\b",
    "zh": r"第\s*(?:\d+|\{\w*\}|[一二三四五六七八九十]+)\s*(?:个)?部分",
}
#: The strings that put a part's number on screen: the title card of that part ("Chapter 1 · part 3").
NUMBER_ON_SCREEN = {"section.chapter"}


@pytest.fixture(scope="module")
def keys_by_scene():
    return _chapter_keys()


def _uses(keys, en: str, zh: str, lang: str | None = None) -> list[str]:
    """The keys among ``keys`` whose English text matches ``en`` or whose Chinese text matches ``zh``
    (only the one language's, if ``lang`` is given)."""
    return [key for key in sorted(keys) if (lang != "zh" and re.search(en, _words(key, "en"), re.I))
            or (lang != "en" and re.search(zh, _words(key, "zh"), re.I))]


def _words(key: str, lang: str) -> str:
    """A sentence without its {placeholders} (a field named {relus} says no word)."""
    return re.sub(r"\{[^{}]*\}", "", strings.STRINGS[key][lang])


def test_every_scene_looks_up_its_strings(keys_by_scene):
    assert all(keys_by_scene[name] for name in NAMES), [n for n in NAMES if not keys_by_scene[n]]


@pytest.mark.parametrize("term, en, zh, defined_in", TERMS, ids=[t[0] for t in TERMS])
def test_no_term_before_the_scene_that_defines_it(keys_by_scene, term, en, zh, defined_in):
    early = [f"{scene}: {key}: {strings.STRINGS[key]['en']!r} / {strings.STRINGS[key]['zh']!r}"
             for scene in NAMES[: NAMES.index(defined_in)] for key in _uses(keys_by_scene[scene] - PREVIEWS, en, zh)]
    assert not early, f"{term!r} is defined in {defined_in} but used before it:\n" + "\n".join(early)


@pytest.mark.parametrize("term, en, zh, defined_in", [t for t in TERMS if t[0] not in NOT_NAMED],
                         ids=[t[0] for t in TERMS if t[0] not in NOT_NAMED])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_scene_that_defines_a_term_uses_it(keys_by_scene, term, en, zh, defined_in, lang):
    assert _uses(keys_by_scene[defined_in], en, zh, lang), f"{defined_in} defines {term!r} but never says it ({lang})"


def _narration(key: str) -> bool:
    return ".say." in key


@pytest.mark.parametrize("short, en, zh, full_en, full_zh", FULL_NAMES, ids=[f[0] for f in FULL_NAMES])
def test_an_abbreviation_comes_with_its_full_name_where_it_is_first_used(keys_by_scene, short, en, zh, full_en,
                                                                          full_zh):
    first = next(name for name in NAMES if _uses(keys_by_scene[name] - PREVIEWS, en, zh))
    keys = keys_by_scene[first] - PREVIEWS
    missing = [f"{part} ({lang}) lacks {full!r}" for part, chosen in (("on screen", False), ("narration", True))
               for lang, full in (("en", full_en), ("zh", full_zh))
               if not any(full.lower() in strings.STRINGS[key][lang].lower()
                          for key in keys if _narration(key) == chosen)]
    assert not missing, f"{short} is first used in {first}, where: " + "; ".join(missing)


@pytest.mark.parametrize("short, en, zh, full_en, full_zh", FULL_NAMES, ids=[f[0] for f in FULL_NAMES])
def test_a_card_that_names_an_abbreviation_before_its_scene_gives_the_full_name(short, en, zh, full_en, full_zh):
    first = next(i for i, name in enumerate(NAMES) if _uses(_chapter_keys()[name] - PREVIEWS, en, zh))
    # a card is its title and its step line, on screen together
    cards = {section: {lang: "\n".join(strings.STRINGS[f"section.{section}{tail}"][lang] for tail in ("", ".step"))
                       for lang in ("en", "zh")}
             for section in SECTIONS if next(i for i, e in enumerate(SCENES) if e.section == section) <= first}
    early = [f"{section} ({lang}): {card[lang]!r}" for section, card in cards.items() for lang, pattern, full in
             (("en", en, full_en), ("zh", zh, full_zh)) if re.search(pattern, card[lang], re.I)
             and full.lower() not in card[lang].lower()]
    assert not early, f"a title card says {short} before its scene, without its full name:\n" + "\n".join(early)


def _chapter_keys() -> dict[str, set[str]]:
    return {name: record.keys for name, record in chapter_record().items()}


def test_no_part_is_named_by_a_number_that_is_not_on_screen():
    """Single scenes, slides and most of the chapter video show no part number: a string may say
    "part N" only where it puts that number on screen itself (the part's title card)."""
    named = [f"{key} ({lang}): {entry[lang]!r}" for key, entry in strings.STRINGS.items() if key not in NUMBER_ON_SCREEN
             for lang in ("en", "zh") if re.search(PART_NUMBER[lang], entry[lang], re.I)]
    assert not named, "a part named by its number, which is not on screen; name it by its card's title:\n" + "\n".join(
        named)


def test_the_part_numbers_allowed_are_the_title_cards_own():
    used = record_scenes({"SectionTitle": scene_class("SectionTitle")})["SectionTitle"].keys
    assert NUMBER_ON_SCREEN <= used
    assert all(re.search(PART_NUMBER[lang], strings.STRINGS[key][lang], re.I)
               for key in NUMBER_ON_SCREEN for lang in ("en", "zh"))


def test_the_part_number_scan_catches_the_old_wording():
    old_en = ["trained with Adam, an optimiser shown in part {part}", "not the MSE of the first part",
              "so not the first part's MSE line", "see part 5"]
    old_zh = ["第 {part} 部分会讲到", "不是第一部分的 MSE", "第 5 部分", "第二部分"]
    assert all(re.search(PART_NUMBER["en"], line, re.I) for line in old_en)
    assert all(re.search(PART_NUMBER["zh"], line) for line in old_zh)
    fine_en = ["each part's loss appears with its curve", "the days are split into parts",
               "the chapter's last part, Beyond plain gradient descent"]
    fine_zh = ["日子按时间切成几部分", "每一部分的损失", "第 3 层", "第 {k} 个回合"]
    assert not any(re.search(PART_NUMBER["en"], line, re.I) for line in fine_en)
    assert not any(re.search(PART_NUMBER["zh"], line) for line in fine_zh)
