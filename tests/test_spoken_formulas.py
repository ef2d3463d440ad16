"""The English subtitles write formulas as the screen does (y = b + w x₁, w* = 0.846); only the English
voice is given them spelt out, and it says what the lines said when they were written for the ear."""

import pytest

from scenes.strings import STRINGS
from speech.engines import EspeakService, PiperService, _piper_engine

#: (narration line, the formula as its subtitle writes it, what the voice says for it).
WRITTEN_AND_SAID = [
    ("LinearModel.say.2", "y = b + w x₁.", "y equals b plus w x one."),
    ("ModelBias.say.0", "y = b + w x₁, but let x₁ be", "y equals b plus w x one, but let x one be"),
    ("TangentStep.say.1", "At w⁰, the tangent", "At w zero, the tangent"),
    ("ErrorSurface.say.2", "w* = {w}, b* = {b} riders", "w star equals {w}, b star equals {b} riders"),
    ("GradientDescent.say.1", "θ¹ = θ⁰ − η g, the learning rate",
     "theta one equals theta zero minus eta g, the learning rate"),
    ("GradientDescent.say.4", "w* = {w} and b* = {b} riders", "w star equals {w} and b star equals {b} riders"),
    ("LearningRates.say.0", "The learning rate η is", "The learning rate eta is"),
    ("SigmoidKnobs.say.0", "y = c σ(b + w x₁), where σ(z) = 1 / (1 + e⁻ᶻ).",
     "y equals c sigma of b plus w x one, where sigma of z equals 1 over 1 plus e to the minus z."),
    ("MatrixForm.say.1", "rᵢ = bᵢ + Σⱼ wᵢⱼ xⱼ.", "r i equals b i plus the sum over j of w i j x j."),
    ("MatrixForm.say.2", "r = b + W x, a = σ(r), and y = b + cᵀa.",
     "r equals b plus W x, a equals sigma of r, and y equals b plus c transpose a."),
    ("MatrixForm.say.5", "one column: θ.", "one column: theta."),
    ("ParametersVsHyperparameters.say.1", "the learning rate η, {lr};", "the learning rate eta, {lr};"),
    ("ReluPairHardSigmoid.say.0", "a deformed max(0, x):", "a deformed max of 0 and x:"),
    ("ReluPairHardSigmoid.say.1", "max(0, x − {first}), with its kink at {first}; and −max(0, x − {second}),",
     "max of 0 and x minus {first}, with its kink at {first}; and minus max of 0 and x minus {second},"),
    ("LayersStacking.say.1", "a′ = ReLU(b′ + W′ a).", "a prime equals ReLU of b prime plus W prime a."),
]


def test_numbers_and_units_are_said_whole():
    """The phonemiser keeps punctuation, and cut "12,959" into "twelve, nine hundred ..." and "0.846" into
    "zero. eight hundred ...": thousands lose their commas, decimals are said digit by digit."""
    service = PiperService()
    assert service.speakable("12,959 against 20,000 and 0.846, 1e-05, 2.5e-4; +5 pieces in (riders/h)², 1 rider/h") == (
        "12959 against 20000 and 0 point 8 4 6, 1 times ten to the minus 5, 2 point 5 times ten to the minus 4; "
        "plus 5 pieces in riders per hour squared, 1 rider per hour")
    assert service.speakable("in Washington, 2011. Then 1, 2, 3.") == "in Washington, 2011. Then 1, 2, 3."
    assert service.speakable("rises by 0.41 to 0.49 °C") == "rises by 0 point 4 1 to 0 point 4 9 degrees"


def test_the_phonemiser_keeps_a_spoken_number_in_one_piece():
    _, phonemizer = _piper_engine()
    spoken = PiperService().speakable("12,959 and 0.846")
    phonemes = phonemizer.phonemize([spoken], strip=True)[0]
    assert "," not in phonemes and "." not in phonemes, phonemes
    assert len(phonemizer.phonemize([PiperService().speakable("0.846")], strip=True)[0].split()) == 5  # 0 point 8 4 6


#: (narration line, the formula as its Chinese subtitle writes it, what the Chinese voice says for it).
WRITTEN_AND_SAID_ZH = [
    ("ErrorSurface.say.2", "w* = {w}，b* = {b} 人/小时", "w 星 等于 {w}，b 星 等于 {b} 人每小时"),
    ("GradientDescent.say.1", "θ¹ = θ⁰ − η g", "西塔一 等于 西塔零 减 伊塔 g"),
    ("SigmoidKnobs.say.0", "σ(z) = 1 / (1 + e⁻ᶻ)", "西格玛(z) 等于 1 除以 (1 加 e 的负 z 次方)"),
    ("MatrixForm.say.1", "rᵢ = bᵢ + Σⱼ wᵢⱼ xⱼ", "r i 等于 b i 加 对 j 求和 w i j x j"),
]


FORMULAS = [("en", *row) for row in WRITTEN_AND_SAID] + [("zh", *row) for row in WRITTEN_AND_SAID_ZH]


@pytest.mark.parametrize("lang, key, written, said", FORMULAS, ids=[f"{lang}-{key}" for lang, key, *_ in FORMULAS])
def test_the_subtitle_writes_the_formula_and_the_voice_spells_it_out(lang, key, written, said):
    line = STRINGS[key][lang]
    assert written in line, f"{key} ({lang}): the subtitle should write {written!r}: {line!r}"
    service = PiperService() if lang == "en" else EspeakService()
    assert said in service.speakable(line)
