"""What a player shows from the delivered files: subtitle cues of about two lines (a long narration
line cut at sentence ends, timed along its span), chapter markers named by the scenes' on-screen
titles in the chapter's language, and tracks tagged with that language."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from explainer.chapter import SCENE_TITLES, Part, chapter_jobs, scene_title, write_joined_subtitles
from explainer.subtitles import MAX_CUE_CHARS, read_srt, split_long_cues, split_text, write_srt
from explainer.track_language import ISO_639_2, iso_639_2, tag_text_tracks
from scenes.catalog import SCENES, find
from scenes.strings import STRINGS

# A narration line as long as the longest the chapter had (283 characters, review 2 item 1).
LONG_EN = ("So gradient descent stops where the gradient is near zero, and where depends on the random start. "
           "Start 2 passes the same check, so both stops are local minima. The previous scene's two ReLUs, from "
           "another start, reached 9,532: lower than both. So neither stop is the global minimum.")
LONG_ZH = ("所以，梯度下降停在梯度接近零的地方；停在哪里，取决于随机的起点。"
           "起点 2 也通过同样的检查，所以两个停止点都是局部最小值。"
           "上一节的两个 ReLU 从另一个起点出发，损失降到了 9,532，比两者都低。所以两个停止点都不是全局最小值。")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|(?<=[。！？])", text) if s.strip()]


@pytest.mark.parametrize("lang, line", [("en", LONG_EN), ("zh", LONG_ZH)])
def test_a_long_cue_is_cut_at_sentence_ends_within_two_lines(lang, line):
    limit = MAX_CUE_CHARS[lang]
    parts = split_text(line, limit)
    assert len(parts) >= len(line) // limit + 1 and all(len(p) <= limit for p in parts)
    assert ("" if lang == "zh" else " ").join(parts) == line  # nothing lost, nothing added
    # Every sentence within the limit lies whole in one part: sentences are cut only when too long.
    whole = [s for s in _sentences(line) if len(s) <= limit]
    assert whole and all(any(s in p for p in parts) for s in whole)


def test_a_sentence_too_long_for_one_cue_is_cut_at_a_clause_mark():
    sentence = ("Small batches are noisy: after 94 of their 200 updates, the loss on all hours went up instead "
                "of down.")
    parts = split_text(sentence, MAX_CUE_CHARS["en"])
    assert len(parts) == 2 and " ".join(parts) == sentence
    assert parts[0].endswith((",", ":")) and len(parts[0]) > 30  # at a clause mark, the halves near even
    words = "no mark at all in this one long run of words that goes on well past the limit"
    parts = split_text(words, 20)
    assert " ".join(parts) == words and all(len(p) <= 20 for p in parts)  # then between words


def test_numbers_and_short_lines_are_never_cut():
    assert split_text("w* = 0.846, b* = 20.9 and 12,959 riders.", 84) == ["w* = 0.846, b* = 20.9 and 12,959 riders."]
    assert split_text(" ".join(["The first 20.5 riders/h."] * 6), 30) == ["The first 20.5 riders/h."] * 6


@pytest.mark.parametrize("lang, line", [("en", LONG_EN), ("zh", LONG_ZH)])
def test_split_cues_follow_each_other_over_the_original_span(lang, line):
    short = (3.0, 6.5, "A short line stays one cue.")
    cues = split_long_cues([short, (6.5, 21.7, line), (21.7, 23.0, "短句。")], lang)
    assert cues[0] == short and cues[-1] == (21.7, 23.0, "短句。")
    parts = cues[1:-1]
    assert len(parts) >= 3 and [text for *_, text in parts] == split_text(line, MAX_CUE_CHARS[lang])
    assert parts[0][0] == 6.5 and parts[-1][1] == 21.7
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))  # contiguous: no gap, no overlap
    seconds_per_char = [(b - a) / len(text) for a, b, text in parts]
    assert np.allclose(seconds_per_char, (21.7 - 6.5) / sum(len(t) for *_, t in parts))


def test_an_unknown_language_is_refused_by_name():
    with pytest.raises(ValueError, match="MAX_CUE_CHARS"):
        split_long_cues([(0.0, 1.0, "x")], "fr")
    with pytest.raises(ValueError, match="ISO_639_2"):
        iso_639_2("fr")


def test_the_joined_subtitles_are_split_and_shifted(tmp_path):
    """The chapter's .srt: each part's cues moved past the parts before it, long ones cut."""
    first, second = tmp_path / "a.srt", tmp_path / "b.srt"
    write_srt([(0.0, 2.0, "Short.")], first)
    write_srt([(1.0, 16.0, LONG_EN)], second)
    target = tmp_path / "chapter.srt"
    write_joined_subtitles([Part(tmp_path / "a.mp4", "A", first), Part(tmp_path / "t.mp4", "T"),
                            Part(tmp_path / "b.mp4", "B", second)], [2.5, 3.0, 20.0], target, "en")
    cues = read_srt(target)
    assert cues[0] == (0.0, 2.0, "Short.")
    assert [text for *_, text in cues[1:]] == split_text(LONG_EN, MAX_CUE_CHARS["en"])
    assert cues[1][0] == pytest.approx(6.5) and cues[-1][1] == pytest.approx(21.5)
    assert all(a[1] == b[0] for a, b in zip(cues[1:], cues[2:]))


def test_every_scene_has_a_marker_title_it_draws():
    """Each scene's marker is named by a title string in both languages that its own module puts on screen."""
    assert set(SCENE_TITLES) == {entry.name for entry in SCENES}
    for entry in SCENES:
        source = Path(__import__(entry.module, fromlist=["_"]).__file__).read_text(encoding="utf-8")
        title = SCENE_TITLES[entry.name]
        key = title if isinstance(title, str) else title({p.name: p.default for p in entry.load().PARAMS})[0]
        assert f'"{key}"' in source and key in STRINGS, f"{entry.name}: {key}"
        for lang in ("en", "zh"):
            assert scene_title(entry, lang) and scene_title(entry, lang) != entry.name


def test_marker_titles_are_in_the_chapters_language_and_follow_the_parameters():
    entry = find("TangentStep")
    assert scene_title(entry, "en") == "One step of gradient descent" == STRINGS["tangent.title"]["en"]
    assert scene_title(entry, "zh") == "梯度下降的一步"
    relu_fit = find("ReluFitTraining")
    assert scene_title(relu_fit, "en", {"n_relus": 16}) == STRINGS["relu_fit.title"]["en"].format(n=16)
    assert scene_title(find("ForwardPass"), "zh", {"dataset": "seattle"}) == STRINGS["forward.title_day"]["zh"]
    _, titles = chapter_jobs(Path("out"), "l", "zh", scene_names=["LinearModel", "TangentStep"])
    assert titles == [STRINGS["section.three_steps"]["zh"], STRINGS["linear.title"]["zh"], "梯度下降的一步"]


def _tiny_video_with_chapters(path: Path) -> None:
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for i in range(4):
            frame = av.VideoFrame.from_ndarray(np.full((32, 32, 3), 40 * i, np.uint8), format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 10)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
        out.set_chapters([{"id": 1, "start": 0, "end": 4, "time_base": Fraction(1, 10),
                           "metadata": {"title": "梯度下降的一步"}}])


@pytest.mark.parametrize("lang", sorted(ISO_639_2))
def test_the_chapter_name_track_is_tagged_with_the_language(tmp_path, lang):
    video = tmp_path / "v.mp4"
    _tiny_video_with_chapters(video)
    with av.open(str(video)) as container:
        (text,) = [s for s in container.streams if s.type != "video"]
        assert text.metadata["language"] == "eng"  # what the muxer leaves, whatever the language
    assert tag_text_tracks(video, lang) == 1
    with av.open(str(video)) as container:
        languages = {s.type: s.metadata.get("language") for s in container.streams}
        assert languages == {"video": "und", "data": ISO_639_2[lang]}
        assert [c["metadata"]["title"] for c in container.chapters()] == ["梯度下降的一步"]
        assert sum(1 for _ in container.decode(video=0)) == 4  # the file still plays
