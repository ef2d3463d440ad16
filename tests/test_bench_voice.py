"""benchmarks/voice_scoring.py: the voice benchmark's error rates on hand examples whose answer is known
by definition (edits over the reference's length), and the normalisation that makes the same words
written two ways count as the same. Needs neither a voice nor the recogniser; the Chinese scoring needs
the benchmark's opencc and pypinyin (``pip install -e '.[bench-voice]'``) and is skipped without them."""

import importlib.util

import pytest

from benchmarks.voice_scoring import (
    chinese_number,
    chinese_syllables,
    chinese_tokens,
    edit_distance,
    english_number,
    english_words,
    error_rate,
    overall,
    score_line,
)

needs_chinese = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in ("opencc", "pypinyin")),
    reason="the Chinese scoring needs opencc-python-reimplemented and pypinyin: pip install -e '.[bench-voice]'")


def test_edit_distance_counts_substitutions_deletions_and_insertions():
    assert edit_distance(list("abc"), list("abc")) == 0
    assert edit_distance(list("abc"), list("axc")) == 1  # one substitution
    assert edit_distance(list("abc"), list("ac")) == 1  # one deletion
    assert edit_distance(list("abc"), list("abxc")) == 1  # one insertion
    assert edit_distance(list("kitten"), list("sitting")) == 3  # the textbook example
    assert edit_distance([], list("ab")) == 2 and edit_distance(list("ab"), []) == 2


def test_error_rate_is_edits_over_the_references_length():
    assert error_rate("a b c d".split(), "a x c d".split()) == pytest.approx(1 / 4)
    assert error_rate("a b".split(), []) == 1.0  # nothing heard: every word missed
    assert error_rate(["a"], "a b c".split()) == 2.0  # insertions can take it past 1
    with pytest.raises(ValueError, match="empty reference"):
        error_rate([], ["a"])


def test_wer_on_a_sentence():
    scores = score_line("en", "Take two ReLUs, and add them.", "take to relus and add them")
    assert scores["wer"] == {"length": 6, "errors": 1, "rate": pytest.approx(1 / 6)}


def test_english_numbers_case_and_punctuation_are_written_one_way():
    assert english_number(12959) == "twelve thousand nine hundred fifty nine"
    assert english_number(90) == "ninety" and english_number(1_000_000) == "one million"
    assert english_words("12,959 riders.") == english_words("Twelve thousand, nine hundred and fifty-nine riders")
    assert english_words("0.846") == "zero point eight four six".split()
    assert english_words("0 point 8 4 6") == english_words("0.846")  # the voice's spelling of a decimal
    assert english_words("55%") == "fifty five percent".split()
    assert english_words("x1 and the 2nd") == "x one and the second".split()
    assert english_words("y equals b plus wx1") == "y equals b plus w x one".split()  # Whisper's formula
    assert english_words("Step 1's guesses") == english_words("Step one's guesses") == ["step", "ones", "guesses"]
    assert english_words("The w's: standardised colours") == english_words("the ws standardized colors")
    assert score_line("en", "riders minus 512.5", "Riders minus five hundred twelve point five.")["wer"]["errors"] == 0


def test_chinese_numbers_are_read_as_numerals():
    assert [chinese_number(n) for n in (10, 15, 105, 1005, 12959, 100000, 200010)] == [
        "十", "十五", "一百零五", "一千零五", "一万二千九百五十九", "十万", "二十万零一十"]


@needs_chinese
def test_chinese_numbers_are_written_one_way():
    assert chinese_tokens("共 12,959 个") == chinese_tokens("共一万二千九百五十九个")
    assert chinese_tokens("0.5") == list("零点五")
    assert chinese_tokens("百分之55") == chinese_tokens("55%")
    assert chinese_tokens("两个") == chinese_tokens("2个")


@needs_chinese
def test_cer_counts_characters_and_latin_words_as_tokens():
    assert chinese_tokens("三个 Sigmoid，再送到输出 y。") == ["三", "个", "sigmoid", "再", "送", "到", "输", "出", "y"]
    assert chinese_tokens("這是參數") == chinese_tokens("这是参数")  # a traditional transcript reads as simplified
    scores = score_line("zh", "梯度下降", "梯度")
    assert scores["cer"] == {"length": 4, "errors": 2, "rate": 0.5}


@needs_chinese
def test_syllable_error_forgives_homophones_not_other_sounds():
    assert chinese_syllables("未知参数 ReLU") == ["wei", "zhi", "can", "shu", "relu"]
    homophones = score_line("zh", "未知参数", "位置参数")  # the recogniser's spelling, the same sounds
    assert homophones["cer"]["rate"] == 0.5 and homophones["syllable_error"]["rate"] == 0.0
    other = score_line("zh", "未知参数", "未知餐具")  # can shu -> can ju: one syllable differs
    assert other["syllable_error"]["rate"] == pytest.approx(1 / 4)
    assert chinese_syllables("银行行长") == ["yin", "hang", "hang", "zhang"]  # read in its words


def test_overall_rates_weigh_lines_by_their_length():
    lines = [score_line("en", "a b c d", "a b c d"), score_line("en", "a b", "a x")]
    assert overall("en", lines) == {"wer": pytest.approx(1 / 6)}  # not the mean of 0 and 1/2
    with pytest.raises(ValueError, match="no scoring for language"):
        score_line("fr", "a", "a")
