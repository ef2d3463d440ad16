"""Render speed: every scene against a floor scene at 480p15, and the whole chapter at 480p15 and 1080p60.

    .venv/bin/python benchmarks/bench_render.py                      # 480p: all scenes (3 repeats), chapter once
    .venv/bin/python benchmarks/bench_render.py -q l -q h --before   # both qualities, with manim's own paths too
    .venv/bin/python benchmarks/bench_render.py -q h --no-scenes --cold   # the 1080p60 chapter, warm and cold
    .venv/bin/python benchmarks/bench_render.py -q l -q h --before --before-chapter-q l --cold --cold-q h
                                                                     # issue 14's report: everything in one run
    .venv/bin/python benchmarks/bench_render.py --scene TangentStep --repeat 1 --no-chapter

What is timed:

* each scene, at ``-q l`` (854 x 480, 15 frames a second): the wall time of its child render
  (``python -m explainer.runner video '<job json>'``, the command ``explainer.render.render_many``
  runs, process start and ``import manim`` included), divided by the video's duration read back
  with PyAV; silent (the voice sets a scene's pace, so voiced and silent lengths differ);
* a floor for each scene: ``FloorScene`` below (only Axes on screen, redrawn every frame, for
  as long as the scene's video) rendered through the same ``render_here`` in its own child.
  A scene's cost per frame over the floor's cost per frame says what its own content costs;
* with ``--before``, each scene also with ``EXPLAINER_SLOW_PATHS=1`` (manim's own encoding, 3D
  shading and families: ``manim_engine/fast_paths.py``), so one run gives the before/after table;
* the chapter, at every ``-q`` given (``l``, ``h`` = 1920 x 1080, 60 frames a second):
  ``explainer.chapter.build_chapter(..., n_jobs=--jobs)``, voiced unless ``--no-voice`` (title
  cards, every scene, the join), wall time over the chapter video's length; per part, the wall
  time of its child (from ``render_many``'s log) over the part's length (from the chapter
  markers), and the join's time. ``--before`` adds a build with ``EXPLAINER_SLOW_PATHS=1``
  (the re-encoding join too); ``--cold`` a build with an empty trajectory cache (a fresh
  ``EXPLAINER_CACHE_DIR`` whose ``typeset`` folder is the usual one: training is timed, LaTeX is not).

Before anything is timed every scene is run once, untimed, as a dry run
(``explainer.durations.measure``): that trains and caches any trajectory a scene needs, and
typesets its text and formulas into the cache renders use (``explainer.settings.TYPESET_CACHE``),
so no timing includes training or LaTeX: the numbers are those of any render after the first.
Scene, before and floor renders alternate, each ``--repeat`` times, and medians are reported, with
the 1-minute load average around each run (the machine is shared).
Goals (issue 14): the voiced chapter at 1080p60 <= 1.0x real time on 2 cores with --jobs 2; no
scene over 2x the floor per frame at 480p15.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from chapter_timing import (  # noqa: E402  (beside this script)
    CHAPTER_GOAL,
    bench_chapter,
    format_chapters,
    load_average,
    video_facts,
)
from manim import DOWN, LEFT, Axes  # noqa: E402

from scenes import theme  # noqa: E402
from scenes.base import ExplainerScene  # noqa: E402
from scenes.params import Param  # noqa: E402

FLOOR_GOAL = 2.0     # scene cost per frame / floor cost per frame
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "bench_render.json"


class FloorScene(ExplainerScene):
    """The cheapest honest scene: labelled axes, redrawn every frame, for ``seconds``."""

    PARAMS = (Param("seconds", 10.0, "how long the axes stay on screen", low=0.5, high=3600.0),)

    def construct(self) -> None:
        axes = Axes(
            x_range=(-3.0, 15.0, 3.0), y_range=(-6.0, 15.0, 3.0), x_length=7.4, y_length=5.6,
            axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 20,
                         "decimal_number_config": {"num_decimal_places": 0}},
        ).to_corner(DOWN + LEFT, buff=0.45)
        # A time-based updater that changes nothing: manim then redraws every frame (as while
        # something animates) instead of freezing one still frame for the whole wait.
        axes.add_updater(lambda mobject, dt: None)
        self.add(axes)
        self.wait(float(self.param("seconds")))


def _register_floor() -> None:
    """Let ``scenes.catalog.find('FloorScene')`` find the floor (only inside benchmark processes)."""
    from scenes import catalog

    if not any(e.name == "FloorScene" for e in catalog.HELPER_SCENES):
        module = __name__ if __name__ != "__main__" else "__main__"
        catalog.HELPER_SCENES.append(catalog.SceneEntry("FloorScene", module, "benchmark floor", ""))


def time_child(job, floor: bool = False, slow: bool = False) -> dict:
    """Render one job in a child process exactly as render_many does; time it; read the video back.
    ``slow``: with manim's own paths (``EXPLAINER_SLOW_PATHS=1``)."""
    from explainer.runner import ChildError, run_in_child
    from manim_engine.fast_paths import SLOW_PATHS_ENV

    # The floor runs through this file, which registers FloorScene before the usual child entry.
    command = ([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(asdict(job))]
               if floor else None)
    load_before = load_average()
    start = time.perf_counter()
    try:
        env = {**job.environment(), SLOW_PATHS_ENV: "1" if slow else "0"}
        paths = run_in_child("video", asdict(job), env, cwd=ROOT, command=command)
    except ChildError as exc:
        raise RuntimeError(f"rendering {job.scene} failed:\n{exc}") from None
    wall = time.perf_counter() - start
    video = next(p for p in paths if p.suffix == ".mp4")
    seconds, frames = video_facts(video)
    for path in paths:
        path.unlink()
    return {"wall_s": wall, "video_s": seconds, "frames": frames, "load_before": load_before,
            "load_after": load_average()}


def warm_up(entries, cached: bool = False) -> dict[str, float]:
    """One untimed dry run per scene: trajectories get trained and cached here, not while timing.
    ``cached``: a scene's length from ``explainer list``'s cache when its code has not changed (no
    dry run then: only for caches known to be warm)."""
    from manim import tempconfig

    from explainer.durations import measure, scene_duration
    from explainer.runner import typeset_dirs

    if cached:
        measure = scene_duration  # noqa: F811  (measures, as above, only what the cache lacks)

    lengths = {}
    for entry in entries:
        start = time.perf_counter()
        # A private media folder: manim's Text SVG files in ./media are shared with every other
        # process rendering in this checkout, and reading one while it is being written fails.
        # Typeset text and formulas go where renders look for them (explainer.settings.TYPESET_CACHE),
        # so the timed renders find them cached, as every render after a scene's first one does.
        try:
            with tempfile.TemporaryDirectory(prefix="bench-warm-") as media, \
                    tempconfig({"media_dir": media, **typeset_dirs(Path(media))}):
                lengths[entry.name] = measure(entry)
        except Exception as exc:  # a scene being edited elsewhere: time the others, say which was left out
            print(f"  LEFT OUT {entry.name}: its dry run failed ({type(exc).__name__}: {exc})", flush=True)
            continue
        print(f"  warm {entry.name:<26} {lengths[entry.name]:6.1f} s of video  "
              f"(dry run {time.perf_counter() - start:5.1f} s)", flush=True)
    return lengths


def bench_startup(repeat: int, out_dir: Path) -> float:
    """Median wall time of a 0.5 s floor: process start, imports, setup and file handling."""
    from explainer.render import RenderJob

    runs = [time_child(RenderJob("FloorScene", str(out_dir), "l", params={"seconds": 0.5}), floor=True)
            for _ in range(repeat)]
    return statistics.median(r["wall_s"] for r in runs)


def bench_scenes(entries, lengths: dict[str, float], repeat: int, out_dir: Path, startup: float,
                 before: bool = False) -> list[dict]:
    from explainer.render import RenderJob

    rows = []
    for entry in entries:
        scene_runs, floor_runs, before_runs = [], [], []
        floor_seconds = round(lengths[entry.name], 3)
        for _ in range(repeat):  # alternate, so a burst of load hits all sides alike
            scene_runs.append(time_child(RenderJob(entry.name, str(out_dir), "l")))
            if before:
                before_runs.append(time_child(RenderJob(entry.name, str(out_dir), "l"), slow=True))
            floor_runs.append(time_child(RenderJob("FloorScene", str(out_dir), "l",
                                                   params={"seconds": floor_seconds}), floor=True))
        row = summarise(entry.name, scene_runs, floor_runs, startup)
        if before:
            before_wall = statistics.median(r["wall_s"] for r in before_runs)
            row.update(before_render_s=before_wall, before_runs=before_runs,
                       before_floor_x=before_wall / row["frames"] / (row["floor_ms_per_frame"] / 1000))
        rows.append(row)
        print(format_row(row), flush=True)
    return rows


def summarise(name: str, scene_runs: list[dict], floor_runs: list[dict], startup: float) -> dict:
    med = lambda runs, key: statistics.median(r[key] for r in runs)  # noqa: E731
    wall, video, frames = med(scene_runs, "wall_s"), scene_runs[0]["video_s"], scene_runs[0]["frames"]
    floor_wall, floor_frames = med(floor_runs, "wall_s"), floor_runs[0]["frames"]
    per_frame, floor_per_frame = wall / frames, floor_wall / floor_frames
    return {
        "scene": name, "video_s": video, "frames": frames, "render_s": wall, "realtime_x": wall / video,
        "ms_per_frame": 1000 * per_frame, "floor_render_s": floor_wall, "floor_frames": floor_frames,
        "floor_ms_per_frame": 1000 * floor_per_frame, "floor_x": per_frame / floor_per_frame,
        "meets_goal": per_frame / floor_per_frame <= FLOOR_GOAL,
        # The same ratio with the fixed start-up cost (a 0.5 s floor's wall time) taken off both sides.
        "net_floor_x": max(wall - startup, 0.0) / frames / (max(floor_wall - startup, 1e-3) / floor_frames),
        "load": statistics.median(r["load_before"] for r in scene_runs + floor_runs),
        "runs": scene_runs, "floor_runs": floor_runs,
    }


HEADER = ("| scene | video s | frames | before: render s | × floor | render s | × real time | ms/frame "
          "| floor ms/frame | × floor | × floor net of start-up | load |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def format_row(row: dict) -> str:
    mark = "" if row["meets_goal"] else " ✗"
    before = (f"{row['before_render_s']:.1f} | {row['before_floor_x']:.2f}" if "before_render_s" in row
              else " | ")
    return (f"| {row['scene']} | {row['video_s']:.1f} | {row['frames']} | {before} | {row['render_s']:.1f} | "
            f"{row['realtime_x']:.2f} | {row['ms_per_frame']:.1f} | {row['floor_ms_per_frame']:.1f} | "
            f"{row['floor_x']:.2f}{mark} | {row['net_floor_x']:.2f} | {row['load']:.1f} |")


class _StopHere(Exception):
    pass


def _frame_ms(scene, frames: int) -> float:
    """CPU ms per frame (this process, encoder threads included) that a render spends on ``scene``
    as it stands: draw it (update_frame), copy the frame out (get_frame) and encode it as the
    partial movies are encoded (the installed ``_encode_and_write_frame`` and x264 options)."""
    import io
    from types import SimpleNamespace

    import av
    from manim import config
    from manim.scene.scene_file_writer import _PartialMovieEncodeJob

    from manim_engine import fast_paths

    container = av.open(io.BytesIO(), "w", format="mp4")
    options = {"crf": "23", **(fast_paths.X264_OPTIONS if fast_paths.installed() else {})}
    stream = container.add_stream("libx264", rate=int(config.frame_rate), options=options)
    stream.pix_fmt, stream.width, stream.height = "yuv420p", config.pixel_width, config.pixel_height
    job = SimpleNamespace(stream=stream, container=container)
    scene.renderer.update_frame(scene)
    start = time.process_time()
    for _ in range(frames):
        scene.renderer.update_frame(scene)
        _PartialMovieEncodeJob._encode_and_write_frame(job, scene.renderer.get_frame(), 1)
    for packet in stream.encode():
        container.mux(packet)
    elapsed = time.process_time() - start
    container.close()
    return 1000 * elapsed / frames


def bench_surface_frames(sizes=((854, 480), (1920, 1080)), frames: int = 30) -> list[dict]:
    """ErrorSurface's 3D view (stopped at its pause with the camera tilted: the lit surface, axes,
    names, title and colour bar) drawn frame after frame, fast and with manim's own paths, against
    the floor's frame (labelled Axes), in this process (CPU time: steadier than wall time on a
    shared machine). The ratio is what one 3D frame costs over one floor frame, encoded alike."""
    from manim import tempconfig

    from explainer.runner import DRY_RUN, typeset_dirs
    from explainer.settings import MEDIA_DIR
    from manim_engine import fast_paths
    from scenes.three_steps.surface import ErrorSurface

    class SurfaceView(ErrorSurface):
        def pause(self, *args, **kwargs):
            if self.renderer.camera.get_phi() > 0:  # the first pause in 3D
                raise _StopHere
            return super().pause(*args, **kwargs)

    rows = []
    for width, height in sizes:
        with tempconfig({**DRY_RUN, **typeset_dirs(MEDIA_DIR), "pixel_width": width, "pixel_height": height}):
            view = SurfaceView(skip_animations=True)
            try:
                view.render()
                raise RuntimeError("ErrorSurface never paused with the camera tilted: update bench_surface_frames")
            except _StopHere:
                pass
            floor = FloorScene(skip_animations=True)
            floor.render()
            fast, floor_ms = _frame_ms(view, frames), _frame_ms(floor, frames)
            fast_paths.uninstall()
            try:
                slow = _frame_ms(view, frames)
            finally:
                fast_paths.install()
        rows.append({"size": f"{width}x{height}", "faces": len(view.surface3d), "fast_ms": fast, "slow_ms": slow,
                     "floor_ms": floor_ms, "fast_floor_x": fast / floor_ms, "slow_floor_x": slow / floor_ms})
        print(f"  ErrorSurface 3D frame {width}x{height}: {slow:.1f} -> {fast:.1f} ms "
              f"(floor {floor_ms:.1f} ms: {slow / floor_ms:.1f}x -> {fast / floor_ms:.1f}x)", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", action="append", metavar="NAME",
                        help="only this scene (repeatable; the chapter then has only these)")
    parser.add_argument("--repeat", type=int, default=3, help="renders of each scene and its floor (median)")
    parser.add_argument("--chapter-repeat", type=int, default=1, help="chapter builds (median)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel renders for the chapter (default 2)")
    parser.add_argument("-q", dest="qualities", action="append", choices=("l", "h"),
                        help="chapter quality (repeatable; default l); scenes are timed at l")
    parser.add_argument("--voice", action=argparse.BooleanOptionalAction, default=True,
                        help="voiced chapter (default) or silent")
    parser.add_argument("--before", action="store_true",
                        help="also time manim's own paths (EXPLAINER_SLOW_PATHS=1), scenes and chapters")
    parser.add_argument("--cached-durations", action="store_true",
                        help="scene lengths from explainer list's cache, no warm-up dry runs (caches warm)")
    parser.add_argument("--before-chapter-q", action="append", choices=("l", "h"), metavar="Q",
                        help="with --before, build the before chapter only at these qualities (default: all)")
    parser.add_argument("--cold", action="store_true", help="also build each chapter with an empty trajectory cache")
    parser.add_argument("--cold-q", action="append", choices=("l", "h"), metavar="Q",
                        help="with --cold, build the cold chapter only at these qualities (default: all)")
    parser.add_argument("--no-chapter", action="store_true", help="skip the chapter")
    parser.add_argument("--no-surface", action="store_true", help="skip the ErrorSurface 3D-frame comparison")
    parser.add_argument("--no-scenes", action="store_true", help="only the chapter")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"results file (default {DEFAULT_JSON})")
    parser.add_argument("--child", metavar="JOB", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child is not None:  # a floor render: register the floor, then the usual child entry point
        _register_floor()
        from explainer.runner import child_main

        sys.exit(child_main(["video", args.child]))
    if args.repeat < 1 or args.chapter_repeat < 1:
        parser.error("--repeat and --chapter-repeat must be at least 1")

    from scenes.catalog import SCENES, find

    entries = [find(name) for name in args.scene] if args.scene else list(SCENES)
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()}")
    print("warming the trajectory cache (one untimed dry run per scene):", flush=True)
    lengths = warm_up(entries, cached=args.cached_durations)
    left_out = [e.name for e in entries if e.name not in lengths]
    if left_out:
        entries = [e for e in entries if e.name in lengths]
        args.scene = [e.name for e in entries]  # the chapter too, without the scenes that failed
    results: dict = {"left_out": left_out,
                     "quality": "l (854x480, 15 fps)", "cores": os.cpu_count(), "repeat": args.repeat,
                     "started": time.strftime("%Y-%m-%d %H:%M:%S"), "load_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        if not args.no_scenes:
            print(f"\nscenes ({args.repeat} renders each, alternating with the floor; medians):\n{HEADER}",
                  flush=True)
            results["startup_s"] = bench_startup(args.repeat, Path(tmp))
            print(f"start-up (a 0.5 s floor, median of {args.repeat}): {results['startup_s']:.2f} s", flush=True)
            results["scenes"] = bench_scenes(entries, lengths, args.repeat, Path(tmp), results["startup_s"],
                                             before=args.before)
        if not args.no_surface:
            print("\nErrorSurface's 3D frames (CPU per frame, this process):", flush=True)
            results["surface_frames"] = bench_surface_frames()
        if not args.no_chapter:
            print(f"\nchapter (build_chapter, n_jobs={args.jobs}, {'voiced' if args.voice else 'silent'}):",
                  flush=True)
            def variants(quality: str) -> list[str]:
                before = args.before and quality in (args.before_chapter_q or ["l", "h"])
                cold = args.cold and quality in (args.cold_q or ["l", "h"])
                return ["after"] + (["before"] if before else []) + (["cold"] if cold else [])

            results["chapters"] = [bench_chapter(args.chapter_repeat, args.jobs, Path(tmp), quality, args.voice,
                                                 variant, args.scene)
                                   for quality in (args.qualities or ["l"]) for variant in variants(quality)]
    results["load_end"] = os.getloadavg()

    print("\n" + HEADER)
    for row in results.get("scenes", []):
        print(format_row(row))
    if results.get("chapters"):
        print("\n" + format_chapters(results["chapters"]))
    print(f"\ngoals: chapter <= {CHAPTER_GOAL}x real time; scene <= {FLOOR_GOAL}x the floor per frame "
          f"(✗ marks a miss). load average start {results['load_start'][0]:.1f}, "
          f"end {results['load_end'][0]:.1f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1))
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
