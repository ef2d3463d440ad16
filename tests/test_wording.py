"""One word for one thing across every string of the chapter (screen and narration), and section
cards that only use terms already defined.

- zh: a corner of a piecewise linear curve is 转折点 (拐点 is an inflection point); the unit of the
  bike data is 人/小时 (not 人次/小时, not 人每小时); questions end with a full-width ？; the book's
  terms: 回合 (epoch), 误差表面, 激活函数, 权重, 偏置 (偏差 only in 模型偏差), 学习率, 超参数, 早停,
  隐藏层 (the study note's), 修正线性单元, 灵活性; no calques (训练小时, 每晚一小时, 的人/小时).
- en: the unit is riders/h (one spelling), and "1 riders" is never written.
"""

import re

import pytest

from scenes.catalog import SCENES, SECTIONS
from scenes.strings import STRINGS
from tests.test_terms_order import TERMS

WRONG_ZH = [
    (r"(?<!转)(拐点|折点)", "a corner of a piecewise linear curve is 转折点"),
    (r"人次", "the unit is 人/小时 (每小时 N 人 in running speech)"),
    (r"人每小时", "write 人/小时 on screen, 每小时 N 人 in running speech"),
    (r"（人/小时）²", "MSE's unit is (人/小时)², as on every axis"),
    (r"\?", "a Chinese question ends with the full-width ？"),
    # the book's terms
    (r"轮次|轮数|个轮\b", "an epoch is a 回合"),
    (r"误差曲面", "the error surface is 误差表面"),
    (r"激励函数", "an activation function is 激活函数"),
    (r"权值", "a weight is 权重"),
    (r"(?<!模型)偏差", "a bias (b) is 偏置; 偏差 only in 模型偏差 (model bias)"),
    (r"学习速率", "the learning rate is 学习率"),
    (r"超参(?!数)", "a hyperparameter is 超参数"),
    (r"提前停止", "early stopping is 早停 (before it is defined, plain words: 提前停下, 中途不停)"),
    (r"隐含层", "a hidden layer is 隐藏层, as in the study note"),
    (r"整流线性|线性整流", "ReLU is the 修正线性单元"),
    (r"弹性", "a more flexible function has more 灵活性 (the book's and the study note's word)"),
    # calques of the English
    (r"训练小时", "an hour of the training data: 训练数据里的小时, 训练数据中的 N 个小时"),
    (r"每晚(一|1|\s)*小时", "w is the rise per hour later in the day: 时刻每往后 1 小时 (每晚 reads 'every night')"),
    (r"的人/小时", "name the quantity, then its unit: 前 7 小时的骑行人数（人/小时）"),
]
WRONG_EN = [
    (r"riders?/(hour|hr)\b|riders per h\b", "the unit is written riders/h"),
    (r"(?<![\d.,])1 riders\b", "1 rider/h (singular)"),
]


@pytest.mark.parametrize("lang, rules", [("zh", WRONG_ZH), ("en", WRONG_EN)])
def test_one_name_for_each_unit_and_corner(lang, rules):
    found = [f"{key}: {text!r}: {why}" for key, entry in STRINGS.items() for pattern, why in rules
             for text in [entry[lang]] if re.search(pattern, text)]
    assert not found, "\n".join(found)


def test_the_scan_catches_the_old_wording():
    old = ["每 2 小时一个拐点", "多一层可以多出折点", "人次/小时", "b 是 20.9 人每小时", "有多差?", "（人次/小时）²",
           "20 个轮次", "误差曲面", "权值", "偏差 b", "学习速率"]
    assert all(any(re.search(p, line) for p, _ in WRONG_ZH) for line in old)
    assert not any(re.search(p, "两个转折点；每小时 20.9 人；(人/小时)²；有多差？") for p, _ in WRONG_ZH)
    assert not any(re.search(p, "20 个回合；误差表面；权重 w、偏置 b；模型偏差；学习率；超参数") for p, _ in WRONG_ZH)
    calques = ["2011 年的 5211 个训练小时", "每晚一小时，直线升高", "更有弹性的函数", "前 7 小时的人/小时",
               "不提前停止", "两个隐含层", "整流线性单元"]
    assert all(any(re.search(p, line) for p, _ in WRONG_ZH) for line in calques)
    book = ["2011 年训练数据中的 5,211 个小时", "时刻每往后 1 小时，直线升高", "更有灵活性的函数",
            "前 7 小时的骑行人数（人/小时）", "早停", "中途不停", "两个隐藏层", "修正线性单元", "每晚八点"]
    assert not any(re.search(p, line) for p, _ in WRONG_ZH for line in book)
    assert re.search(WRONG_EN[0][0], "b (riders/hour)") and re.search(WRONG_EN[1][0], "|y − ŷ| = 1 riders/h")
    assert not any(re.search(p, "21 riders/h, 0.1 rider/h") for p, _ in WRONG_EN)


#: Terms a section's card may name although the section defines them: the card announces its subject.
ANNOUNCED_BY_CARD = {"relu": {"ReLU"}, "deep": {"hidden layer", "neuron, deep learning"}}


@pytest.mark.parametrize("section", SECTIONS)
def test_section_cards_use_only_terms_defined_before_them(section):
    defined_before = {e.name for e in SCENES[: next(i for i, e in enumerate(SCENES) if e.section == section)]}
    cards = [STRINGS[f"section.{section}"], STRINGS[f"section.{section}.step"]]
    early = [f"{term!r} (defined in {defined_in}) on the card {card['en']!r} / {card['zh']!r}"
             for term, en, zh, defined_in in TERMS if defined_in not in defined_before
             and term not in ANNOUNCED_BY_CARD.get(section, set())
             for card in cards if re.search(en, card["en"], re.I) or re.search(zh, card["zh"], re.I)]
    assert not early, "\n".join(early)


def test_the_notebooks_use_the_same_words():
    """The learner's notebooks (their source, every cell) follow the same rules as the scenes' strings."""
    from notebooks.source.build import CELLS

    found = [f"cell {i} ({lang}): {pattern!r}: {why}" for i, cell in enumerate(CELLS)
             for lang, rules in (("zh", WRONG_ZH), ("en", WRONG_EN)) for pattern, why in rules
             if re.search(pattern, cell.source(lang))]
    assert not found, "\n".join(found)
