"""The chapter half of bench_render.py: building the whole chapter, timed per part from
render_many's log and the chapter markers, and the table of parts (see bench_render's docstring)."""

from __future__ import annotations

import contextlib
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

CHAPTER_GOAL = 1.0   # chapter render time / chapter video time


def load_average() -> float:
    return os.getloadavg()[0]


def video_facts(path: Path) -> tuple[float, int]:
    """(duration in seconds, number of frames) of a video, read with PyAV."""
    import av

    from explainer.chapter import video_duration

    with av.open(str(path)) as container:
        frames = container.streams.video[0].frames
    if not frames:
        from explainer.chapter import frame_count

        frames = frame_count(path)
    return video_duration(path), int(frames)


_LOG_LINE = re.compile(r"^\[\d+/\d+\] (\S+)\s+([\d.]+) s$")
_DONE_LINE = re.compile(r"^rendered \d+ scene\(s\) in ([\d.]+) s$")


def chapter_parts(video: Path) -> list[tuple[str, float]]:
    """(marker title, seconds) of every part of a chapter video, from its chapter markers."""
    import av

    with av.open(str(video)) as container:
        return [(c["metadata"].get("title", ""), float((c["end"] - c["start"]) * c["time_base"]))
                for c in container.chapters()]


@contextlib.contextmanager
def _variant_environment(variant: str):
    """The process environment for a chapter variant: "after" (as is), "before" (manim's own
    paths), "cold" (an empty trajectory cache beside the usual typeset cache)."""
    from explainer.settings import typeset_cache
    from manim_engine.fast_paths import SLOW_PATHS_ENV

    saved = {name: os.environ.get(name) for name in (SLOW_PATHS_ENV, "EXPLAINER_CACHE_DIR")}
    with tempfile.TemporaryDirectory(prefix="bench-cold-cache-") as cold:
        if variant == "before":
            os.environ[SLOW_PATHS_ENV] = "1"
        elif variant == "cold":
            os.symlink(typeset_cache(), Path(cold) / "typeset")
            os.environ["EXPLAINER_CACHE_DIR"] = cold
        try:
            yield
        finally:
            for name, value in saved.items():
                os.environ.pop(name, None) if value is None else os.environ.__setitem__(name, value)


def bench_chapter(repeat: int, n_jobs: int, out_dir: Path, quality: str = "l", voice: bool = False,
                  variant: str = "after", scene_names: list[str] | None = None) -> dict:
    """Build the chapter ``repeat`` times (only ``scene_names``, if given); the median build, and
    per part the median child time."""
    from explainer.chapter import build_chapter

    runs = []
    for _ in range(repeat):
        lines: list[str] = []
        load_before = load_average()
        start = time.perf_counter()
        with _variant_environment(variant):
            video = build_chapter(out_dir, quality, "en", n_jobs=n_jobs, voice=voice, log=lines.append,
                                  scene_names=scene_names)
        wall = time.perf_counter() - start
        seconds, frames = video_facts(video)
        renders = [(m.group(1), float(m.group(2))) for m in map(_LOG_LINE.match, lines) if m]
        rendered = next((float(m.group(1)) for m in map(_DONE_LINE.match, lines) if m), wall)
        runs.append({"wall_s": wall, "video_s": seconds, "frames": frames, "load_before": load_before,
                     "load_after": load_average(), "renders": renders, "render_many_s": rendered,
                     "join_s": wall - rendered, "parts": chapter_parts(video)})
        print(f"  chapter -q {quality} {variant}: {wall:.1f} s for {seconds:.1f} s of video "
              f"(join {wall - rendered:.1f} s; load {load_before:.1f} -> {load_average():.1f})", flush=True)
    wall = statistics.median(r["wall_s"] for r in runs)
    first = runs[0]
    # Parts in story order: marker i is job i; the log names a job by scene (or title-<section>).
    times = {name: statistics.median(dict(r["renders"])[name] for r in runs) for name, _ in first["renders"]}
    from explainer.chapter import chapter_jobs

    jobs, _ = chapter_jobs(out_dir, quality, "en", scene_names=scene_names)
    parts = [{"part": job.title or job.scene, "video_s": length, "render_s": times.get(job.title or job.scene),
              "realtime_x": (times.get(job.title or job.scene) or 0.0) / length if length else None}
             for job, (_, length) in zip(jobs, first["parts"])]
    result = {"quality": quality, "variant": variant, "voice": voice, "n_jobs": n_jobs, "render_s": wall,
              "video_s": first["video_s"], "frames": first["frames"], "realtime_x": wall / first["video_s"],
              "join_s": statistics.median(r["join_s"] for r in runs),
              "meets_goal": wall / first["video_s"] <= CHAPTER_GOAL, "parts": parts, "runs": runs}
    print(format_chapters([result]), flush=True)  # now, in case a later build is cut short
    return result


def format_chapters(chapters: list[dict]) -> str:
    """One table: a row per part (child wall time over its length) and one per chapter build."""
    heads = [f"-q {c['quality']} {c['variant']}" for c in chapters]
    lines = ["| part | video s | " + " | ".join(f"{h}: render s | × real time" for h in heads) + " |",
             "|---|---:|" + "---:|---:|" * len(chapters)]
    for i, part in enumerate(chapters[0]["parts"]):
        cells = []
        for c in chapters:
            p = c["parts"][i] if i < len(c["parts"]) else {}
            cells.append(f"{p['render_s']:.1f} | {p['realtime_x']:.2f}" if p.get("render_s") else " | ")
        lines.append(f"| {part['part']} | {part['video_s']:.1f} | " + " | ".join(cells) + " |")
    lines.append("| join | | " + " | ".join(f"{c['join_s']:.1f} | " for c in chapters) + " |")
    lines.append("| **chapter** | | " + " | ".join(
        f"**{c['render_s']:.1f}** ({c['video_s']:.1f} s video) | **{c['realtime_x']:.2f}**"
        f"{'' if c['meets_goal'] else ' ✗'}" for c in chapters) + " |")
    return "\n".join(lines)
