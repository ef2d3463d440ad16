"""Subtitles a learner can read: in a silent render every narrated stretch stays up for at least its
reading time, and the subtitles carry written text (formulas, ŷ, x₁, 55 %) while only the voice gets
the spoken spelling. Every scene is built once per language (dry run, tiny frames).
"""

import re

import pytest

import speech
from scenes.base import ExplainerScene
from scenes.catalog import SCENES
from scenes.strings import READING_BREATH, reading_seconds, tidy_chinese_spacing
from tests.scene_checks import build_scene

LANGS = ("en", "zh")


def _recording(scene_class: type) -> type:
    """``scene_class`` noting each narration line as it is filled in (same narration keys)."""

    class Recording(scene_class):
        NARRATION = scene_class.NARRATION or scene_class.__name__

        def narration_line(self, key):
            line = super().narration_line(key)
            self.filled_lines = {**getattr(self, "filled_lines", {}), key: line}
            return line

    return Recording


@pytest.fixture(scope="module", params=LANGS)
def subtitles(request):
    """(lang, [(scene, key, line, start, end)]) of every stretch of every scene, silent, and
    {scene: every text on screen at its pauses}."""
    lang = request.param
    with pytest.MonkeyPatch.context() as env:
        env.setenv("EXPLAINER_LANG", lang)
        env.setenv(speech.VOICE_ENV, "0")
        cues, screens = [], {}
        for entry in SCENES:
            scene = build_scene(_recording(entry.load()), pixel_width=64, pixel_height=36)
            cues += [(entry.name, key, scene.filled_lines[key], start, end) for key, start, end in scene.narration]
            screens[entry.name] = {text for labels in scene.pause_labels for text, _ in labels}
    return lang, cues, screens


def test_reading_time_counts_characters_at_the_languages_rate():
    assert reading_seconds("x" * 30, "en") == pytest.approx(2 + READING_BREATH)
    assert reading_seconds("一二 三四五六", "zh") == pytest.approx(1 + READING_BREATH)  # spaces are not read


def test_every_silent_stretch_stays_up_for_its_reading_time(subtitles):
    lang, cues, _ = subtitles
    assert {name for name, *_ in cues} == {entry.name for entry in SCENES}  # every scene has subtitles
    short = [f"{name} {key}: {end - start:.1f} s < {reading_seconds(line, lang):.1f} s for {len(line)} characters"
             for name, key, line, start, end in cues if end - start < reading_seconds(line, lang) - 1e-6]
    assert not short, "\n".join(short)


def test_a_silent_pause_waits_for_a_long_line_holding_its_picture(monkeypatch):
    """The extra time goes into the pause: the stretch is as long as its line needs, and no longer
    when the animation already takes longer."""
    monkeypatch.setenv(speech.VOICE_ENV, "0")
    monkeypatch.setenv("EXPLAINER_LANG", "en")
    line = "A line long enough that two seconds of animation are too short to read it aloud. " * 2

    class Reading(ExplainerScene):
        def narration_line(self, key):
            return line if key.endswith(".0") else "Short."

        def construct(self):
            self.wait(2)
            self.pause(0.2)
            self.wait(3)
            self.pause(0.2)

    from scenes import strings
    monkeypatch.setitem(strings.STRINGS, "Reading.say.0", {"en": "x", "zh": "x"})
    monkeypatch.setitem(strings.STRINGS, "Reading.say.1", {"en": "x", "zh": "x"})
    scene = build_scene(Reading)
    assert scene.pause_times[0] == pytest.approx(reading_seconds(line, "en"), abs=0.05)
    assert scene.pause_times[1] - scene.pause_times[0] == pytest.approx(3.2, abs=0.05)


#: Spellings made for the voice that a subtitle must not show (the screen's way in brackets).
SPOKEN_SPELLINGS = {
    "zh": [(r"y hat", "ŷ"), (r"百分之", "55%"), (r"等于 ?[a-z] ?加", "y = b + w·x₁"), (r"\bx ?[1一]", "x₁"),
           (r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff，。：；！？、])|(?<=[，。：；！？、]) +", "no space")],
    "en": [(r"\by hat\b", "ŷ"), (r"\bequals\b", "y = b + w x₁"), (r"\b[a-zA-Z] plus [a-zA-Z]\b", "b + w x₁"),
           (r"\bx one\b", "x₁"), (r"\b[a-zA-Zθ] star\b", "w* = 0.846"), (r"\btranspose\b", "cᵀa"),
           (r"\bsigma of\b", "σ(r)"), (r"\bmax of\b", "max(0, x)"), (r"\b[a-zA-Z] prime\b", "a′"),
           (r"\btheta\b", "θ"), (r"\beta\b", "η"), (r"\bw (zero|one)\b", "w⁰")],
}


def test_subtitles_carry_written_text_not_the_voices_spelling(subtitles):
    lang, cues, _ = subtitles
    found = [f"{name} {key}: {pattern!r} in {line!r} (write {fix})" for name, key, line, _, _ in cues
             for pattern, fix in SPOKEN_SPELLINGS[lang] if re.search(pattern, line)]
    assert not found, "\n".join(found)


def test_the_scan_catches_formulas_spelt_for_the_ear():
    spelt = ["Keep the model y equals b plus w x one", "w star is 0.846 and b star is 20.9", "c transpose a",
             "a equals sigma of r", "max of zero and x minus 2", "a prime", "one update of theta",
             "The learning rate eta is", "At w zero, the tangent"]
    written = ["Keep the model y = b + w x₁", "w* = 0.846 and b* = 20.9", "y = b + cᵀa", "a = σ(r)", "max(0, x − 2)",
               "a′ = ReLU(b′ + W′ a)", "one update of θ", "The learning rate η is", "At w⁰, the tangent",
               "the red curve is b plus their sum", "we start at 3 stars"]
    assert all(any(re.search(p, line) for p, _ in SPOKEN_SPELLINGS["en"]) for line in spelt)
    assert not [line for line in written if any(re.search(p, line) for p, _ in SPOKEN_SPELLINGS["en"])]


def test_only_the_voice_gets_the_spoken_spelling():
    zh = speech.SERVICES["zh"]()
    spoken = zh.speakable("标签 ŷ；y = b + w·x₁；直线的 55%，不到 1.5%")
    assert "ŷ" not in spoken and "y hat" in spoken
    assert "y 等于 b 加 w 乘 x一" in spoken
    assert "百分之55" in spoken and "百分之1.5" in spoken and "%" not in spoken


def test_chinese_spacing_is_tidied_only_between_chinese_characters():
    tidied = tidy_chinese_spacing("动量 和 Adam；动量 的损失最低，梯度下降 最高")
    assert tidied == "动量和 Adam；动量的损失最低，梯度下降最高"
    assert tidy_chinese_spacing("更低：\n12,959".replace("\n", " ")) == "更低：12,959"
    assert tidy_chinese_spacing("起点 1 和起点 2") == "起点 1 和起点 2"


def test_units_on_screen_and_in_subtitles_have_one_name(subtitles):
    """The screen texts and subtitles as filled in (units may come from the data's description)."""
    from tests.test_wording import WRONG_EN, WRONG_ZH

    lang, cues, screens = subtitles
    rules = [(p, why) for p, why in (WRONG_EN if lang == "en" else WRONG_ZH) if p != r"\?"]
    shown = [(name, text) for name, texts in screens.items() for text in texts]
    shown += [(name, line) for name, _, line, _, _ in cues]
    found = sorted({f"{name}: {text!r}: {why}" for name, text in shown for p, why in rules if re.search(p, text)})
    assert not found, "\n".join(found)
