"""The `explainer` command, run for real: tiny renders, subtitles, key frames, a chapter, and its errors."""

import json

import av
import numpy as np
import pytest
from PIL import Image

from explainer.chapter import build_chapter, read_srt, video_duration
from explainer.cli import main
from explainer.settings import TYPESET_CACHE
from explainer.subtitles import MAX_CUE_CHARS
from scenes.catalog import SCENES
from scenes.relu.relu_pair import ReluPairHardSigmoid
from scenes.strings import STRINGS
from tests.scene_checks import build_scene

TINY = ["--resolution", "128x72", "--fps", "5"]


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """A cache folder of the test's own; its typeset cache (SVGs named by their content, the same
    for everyone) is the checkout's warm one, so renders do not re-run LaTeX."""
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(tmp_path / "cache"))
    TYPESET_CACHE.mkdir(parents=True, exist_ok=True)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "typeset").symlink_to(TYPESET_CACHE, target_is_directory=True)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_scene_in_story_order(capsys):
    code, out, _ = run(capsys, "list", "--no-durations")
    assert code == 0
    lines = out.strip().splitlines()
    assert [line.split()[1] for line in lines] == [entry.name for entry in SCENES]


def test_list_params_shows_defaults_and_ranges(capsys):
    code, out, _ = run(capsys, "list", "--params", "SectionTitle")
    assert code == 0 and "number = 1" in out and "(1 .. 99)" in out


def test_render_writes_a_video_and_subtitles_that_fit_it(tmp_path, capsys):
    code, out, _ = run(capsys, "render", "ReluPairHardSigmoid", "-o", str(tmp_path), *TINY)
    assert code == 0
    video, srt = tmp_path / "ReluPairHardSigmoid.mp4", tmp_path / "ReluPairHardSigmoid.srt"
    assert str(video) in out and str(srt) in out
    with av.open(str(video)) as container:
        assert (container.streams.video[0].width, container.streams.video[0].height) == (128, 72)
    cues = read_srt(srt)
    assert len(cues) >= 2
    duration = video_duration(video)
    assert all(0 <= a < b <= duration + 0.05 for a, b, _ in cues)
    assert cues[-1][1] == pytest.approx(duration, abs=0.25)  # narration runs to the end
    # Its lines of up to 207 characters come as cues of about two lines, one after another.
    assert max(len(text) for *_, text in cues) <= MAX_CUE_CHARS["en"]
    assert all(b[0] >= a[1] - 0.001 for a, b in zip(cues, cues[1:]))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_png_format_writes_one_key_frame_per_pause(tmp_path, capsys):
    code, out, _ = run(capsys, "render", "ReluPairHardSigmoid", "--format", "png", "-o", str(tmp_path), *TINY)
    assert code == 0
    frames = sorted(tmp_path.glob("ReluPairHardSigmoid_*.png"))
    pauses = build_scene(ReluPairHardSigmoid).pause_times
    # one per pause, plus the final frame unless the scene ends on its last pause
    assert len(pauses) >= 3 and len(frames) in (len(pauses), len(pauses) + 1)
    images = [np.asarray(Image.open(f)) for f in frames]
    assert all(not np.array_equal(a, b) for a, b in zip(images, images[1:]))
    assert images[-1].shape == (72, 128, 3) and images[-1].std() > 5  # not a blank frame


def test_gif_format_writes_a_looping_gif_with_the_pauses_merged(tmp_path, capsys):
    code, out, _ = run(capsys, "render", "ReluPairHardSigmoid", "--format", "gif", "-o", str(tmp_path), *TINY)
    assert code == 0
    gif = Image.open(tmp_path / "ReluPairHardSigmoid.gif")
    assert gif.size == (128, 72) and gif.info.get("loop") == 0
    frames = gif.n_frames
    duration = sum(gif.seek(i) or gif.info["duration"] for i in range(frames)) / 1000
    scene = build_scene(ReluPairHardSigmoid)
    video_length = scene.renderer.time
    # At 5 fps each animation lasts a whole number of frames: up to one frame (0.2 s) longer each.
    assert video_length - 0.01 <= duration <= video_length + scene.renderer.num_plays * 0.2
    assert frames < video_length * 5  # identical frames (the pauses) were merged


def test_chapter_joins_title_cards_and_scenes_with_markers(tmp_path):
    video = build_chapter(tmp_path, scene_names=["ReluPairHardSigmoid"], n_jobs=2, log=lambda *_: None,
                          resolution=(128, 72), frame_rate=5)
    with av.open(str(video)) as container:
        chapters = container.chapters()
        total = float(container.duration / av.time_base)
    titles = [STRINGS["section.relu"]["en"], STRINGS["relu_pair.title"]["en"]]  # the scene's on-screen title
    assert [c["metadata"]["title"] for c in chapters] == titles
    assert chapters[1]["start"] > 0
    cues = read_srt(video.with_suffix(".srt"))
    title_end = chapters[1]["start"] * chapters[1]["time_base"]
    assert cues and cues[0][0] == pytest.approx(float(title_end), abs=0.25)  # shifted past the title card
    assert cues[-1][1] <= total + 0.05


@pytest.mark.parametrize(
    "argv, message",
    [
        (["render", "Relu"], "did you mean ReluPairHardSigmoid"),
        (["render", "ReluPairHardSigmoid", "-q", "x"], "unknown quality 'x'"),
        (["render", "ReluPairHardSigmoid", "--lang", "fr"], "unknown language 'fr'"),
        (["render", "ReluPairHardSigmoid", "--format", "avi"], "unknown format 'avi'"),
        (["render"], "--all"),
        (["render", "SectionTitle", "--set", "colour=red"], "unknown parameter colour"),
        (["render", "SectionTitle", "--set", "number=500"], "number must lie in"),
        (["render", "SectionTitle", "--set", "number"], "KEY=VALUE"),
        (["render", "ReluFitTraining", "--set", "n_relus=0"], "n_relus must lie in [1, 64]"),
        (["render", "ReluFitTraining", "--set", "optimizer=lbfgs"], "optimizer must be one of"),
        (["slides", "ReluFitTraining", "--set", "layers=3"], "unknown parameter layers"),
        (["render", "ReluPairHardSigmoid", "--resolution", "big"], "--resolution"),
    ],
)
def test_bad_command_lines_name_the_fix(argv, message, capsys, tmp_path):
    code, _, err = run(capsys, *argv, "-o", str(tmp_path / "out")) if len(argv) > 1 else run(capsys, *argv)
    assert code == 2 and message in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_set_reaches_the_scene_checked_and_typed(monkeypatch):
    from explainer.cli_checks import params_for
    from explainer.render import RenderJob
    from scenes.catalog import find
    from scenes.params import PARAMS_ENV

    params = params_for([find("ReluFitTraining"), find("LearningRates")], {"n_relus": "4", "lr_good": "0.2"})
    assert params == {"ReluFitTraining": {"n_relus": 4}, "LearningRates": {"lr_good": 0.2}}
    env = RenderJob("ReluFitTraining", "out", params=params["ReluFitTraining"]).environment()
    monkeypatch.setenv(PARAMS_ENV, env[PARAMS_ENV])
    scene = find("ReluFitTraining").load()()
    default_lr = next(p.default for p in find("ReluFitTraining").load().PARAMS if p.name == "lr")
    assert scene.param("n_relus") == 4 and scene.param("lr") == default_lr


def test_an_unwritable_output_folder_is_refused_before_any_work(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "render", "ReluPairHardSigmoid", "-o", str(blocker / "out"))
    assert code == 2 and "cannot write to output folder" in err and "-o DIR" in err


def test_missing_tex_and_fonts_name_the_debian_package(tmp_path, capsys, monkeypatch):
    import shutil

    import manimpango

    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda tool: None if tool == "latex" else real_which(tool))
    code, _, err = run(capsys, "render", "ReluPairHardSigmoid", "-o", str(tmp_path))
    assert code == 2 and "apt-get install" in err and "texlive-latex-base" in err
    monkeypatch.setattr(shutil, "which", real_which)
    monkeypatch.setattr(manimpango, "list_fonts", lambda: ["DejaVu Sans"])
    code, _, err = run(capsys, "render", "ReluPairHardSigmoid", "--lang", "zh", "-o", str(tmp_path))
    assert code == 2 and "fonts-noto-cjk" in err


def test_a_failing_scene_leaves_nothing_half_written(tmp_path):
    from explainer.render import RenderError, RenderJob, render_many

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RenderError, match="SectionTitle"):
        render_many([RenderJob("SectionTitle", str(out), params={"section": "no-such-section"},
                               resolution=(128, 72), frame_rate=5)], log=lambda *_: None)
    assert list(out.iterdir()) == []


def test_train_prints_a_summary_and_then_reads_the_cache(tmp_path, capsys):
    config = {"data": {"source": "synthetic_piecewise", "n": 60, "seed": 1}, "model": {"hidden": [4]},
              "optimizer": {"name": "adam", "lr": 0.05}, "epochs": 30}
    path = tmp_path / "run.json"
    path.write_text(json.dumps(config))
    code, out, _ = run(capsys, "train", str(path))
    assert code == 0 and "steps recorded: 30" in out
    first, last = (float(v) for v in out.split("train loss:")[1].split("\n")[0].split("->"))
    assert last < first
    code, out, _ = run(capsys, "cache", "info")
    assert code == 0 and "entries: 1" in out
    code, out, _ = run(capsys, "cache", "clear")
    assert code == 0 and "removed 1" in out
    code, out, _ = run(capsys, "train", "{not json")
    assert code == 2


def test_table_prints_our_numbers_beside_the_books_and_caches_them(capsys, tmp_path):
    code, out, _ = run(capsys, "table", "--data", "seattle", "--reduced")
    assert code == 0
    assert "REDUCED grid" in out and "book: train" in out
    linear = [line for line in out.splitlines() if line.startswith("linear, 1 day")]
    assert len(linear) == 1 and "0.48" in linear[0] and "0.58" in linear[0]  # the book's row beside ours
    ours_train = float(linear[0].split("|")[1].split("±")[0])
    assert 0.5 < ours_train < 10  # a real MAE in °C, not a placeholder
    assert list((tmp_path / "cache" / "experiments").glob("seattle*.json"))  # cached for the next run
    code, again, _ = run(capsys, "table", "--data", "seattle", "--reduced")
    assert code == 0 and again == out
    code, _, err = run(capsys, "table", "--data", "paris")
    assert code == 2 and "paris" in err
