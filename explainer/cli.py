"""`explainer`: list, render, chapter, slides, table, train and cache, from one command.

Thin adapters over explainer.render, explainer.chapter, explainer.slides, mathcore.studies.experiments
and mathcore.cache. Every option and parameter is checked before any render starts.

Exit status: 0 done; 2 a problem with the input or the machine, said in one line naming the
fix (a bad option, parameter or config, training that diverges, a missing tool or file, a
folder that cannot be read or written); 130 interrupted (Ctrl-C); 1 a bug in the explainer,
shown with its traceback. ``EXPLAINER_DEBUG=1`` shows the traceback of every error.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import traceback
from pathlib import Path

from explainer.render import (
    FORMATS,
    RenderError,
    RenderJob,
    check_choices,
    check_output_dir,
    check_system,
    check_voice,
    render_many,
)
from explainer.settings import (
    DEBUG_ENV,
    DEFAULT_OUT,
    FPS_BOUNDS,
    LANGUAGES,
    PREVIEW_FPS,
    QUALITIES,
    RESOLUTION_BOUNDS,
)
from explainer.slides import SlidesError
from manim_engine.compat import UpstreamVersionError
from mathcore.data import DATASETS
from mathcore.runconfig import ConfigError
from mathcore.train import DivergenceError
from scenes.catalog import SCENES, SceneEntry, find
from speech import VoiceNotInstalled

#: Exit statuses (the module docstring and the README say what each means).
EXIT_OK, EXIT_BUG, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A mistake on the command line; the message says how to fix it."""


# ------------------------------------------------------------------ hyperparameters
def parse_sets(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        if "=" not in pair:
            raise UsageError(f"--set needs KEY=VALUE, got {pair!r} (e.g. --set lr=0.05)")
        key, value = pair.split("=", 1)
        values[key.strip()] = value.strip()
    return values


def params_for(entries: list[SceneEntry], raw: dict[str, str]) -> dict[str, dict]:
    """Check every --set against the scenes' declared PARAMS; return each scene's checked overrides."""
    declared = {entry.name: {p.name: p for p in entry.load().PARAMS} for entry in entries}
    unknown = [key for key in raw if not any(key in params for params in declared.values())]
    if unknown:
        known = sorted({name for params in declared.values() for name in params})
        raise UsageError(f"unknown parameter {', '.join(unknown)} for {', '.join(declared)}; "
                         f"known: {', '.join(known) or 'none'} (see `explainer list --params NAME`)")
    result = {}
    for scene, params in declared.items():
        try:
            result[scene] = {key: params[key].parse(value) for key, value in raw.items() if key in params}
        except ValueError as exc:
            raise UsageError(f"{scene}: {exc}") from None
    return result


def check_scenes_run(entries: list[SceneEntry], params: dict[str, dict], lang: str) -> None:
    """Dry-run every scene whose parameters were changed, before any render starts.

    Ranges cannot describe everything: a free-form value (layers="abc") is parsed only by the
    scene, and a learning rate inside its range can still make training diverge. Defaults are
    tested, so only scenes with overrides are tried (a few seconds each; their training is cached
    for the render).
    """
    from explainer.runner import check_overrides

    for entry in entries:
        overrides = params.get(entry.name)
        if not overrides:
            continue
        given = " ".join(f"--set {key}={value}" for key, value in overrides.items())
        try:
            check_overrides(entry.load(), lang, overrides)
        except DivergenceError as exc:
            raise UsageError(f"{entry.name}: training diverges with {given} ({exc.args[0].split(';')[0]}); "
                             "choose a smaller learning rate") from None
        except ValueError as exc:  # ConfigError too: a value the scene cannot use
            raise UsageError(f"{entry.name}: {exc} (with {given})") from None


def selected_entries(names: list[str], all_scenes: bool) -> list[SceneEntry]:
    if all_scenes == bool(names):
        raise UsageError("name one or more scenes, or pass --all (see `explainer list`)")
    if all_scenes:
        return list(SCENES)
    try:
        return [find(name) for name in names]
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None


# ------------------------------------------------------------------ commands
def cmd_list(args) -> int:
    if args.params:
        try:
            entry = find(args.params)
        except KeyError as exc:
            raise UsageError(exc.args[0]) from None
        params = entry.load().PARAMS
        print(f"{entry.name}: {entry.description}")
        if not params:
            print("  (no parameters)")
        for param in params:
            print(f"  {param.describe()}")
        for name, values in getattr(entry.load(), "VARIANTS", {}).items():
            print(f"  variants in class (explainer slides --variants): {name} = {', '.join(map(str, values))}")
        return 0
    from explainer.durations import scene_duration

    for number, entry in enumerate(SCENES, start=1):
        duration = "" if args.no_durations else f"{scene_duration(entry):5.1f} s"
        print(f"{number:2d}. {entry.name:<24} {duration:>8}  {entry.description}")
    return 0


def frame_options(args) -> dict:
    """--resolution WxH and --fps, checked against their documented bounds: the jobs' resolution
    and frame_rate ({} keeps the quality's own). --fps alone changes only the frame rate."""
    options = {}
    if args.resolution is not None:
        (min_w, min_h), (max_w, max_h) = RESOLUTION_BOUNDS
        try:
            width, height = (int(v) for v in args.resolution.lower().split("x"))
        except ValueError:
            width = height = 0
        if not (min_w <= width <= max_w and min_h <= height <= max_h and width % 2 == height % 2 == 0):
            raise UsageError(f"--resolution must look like 320x180: even numbers from {min_w}x{min_h} "
                             f"to {max_w}x{max_h}, got {args.resolution!r}")
        options = {"resolution": (width, height), "frame_rate": PREVIEW_FPS}
    if args.fps is not None:
        low, high = FPS_BOUNDS
        if not low <= args.fps <= high:
            raise UsageError(f"--fps must be a whole number from {low} to {high}, got {args.fps}")
        options["frame_rate"] = args.fps
    return options


def checked_jobs(jobs: int, n_tasks: int) -> int:
    """--jobs: at least 1; more than the CPU cores only fight over them, so it is capped, with a word."""
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}")
    cores = os.cpu_count() or 1
    if jobs > cores:
        print(f"note: --jobs {jobs} is more than this machine's {cores} CPU core(s); using {cores}",
              file=sys.stderr)
    return max(1, min(jobs, cores, n_tasks))


def output_folder(args) -> Path:
    """-o, checked (not created: that happens only once every other check has passed)."""
    if not args.output.strip():
        raise UsageError(f"-o needs a folder name, got {args.output!r} (default {DEFAULT_OUT})")
    return Path(args.output)


def _render_setup(args, entries: list[SceneEntry]) -> tuple[Path, dict, dict]:
    """Every check a render needs, cheapest first, before anything is created or started.

    Returns the output folder (created last), the frame options and each scene's parameters.
    """
    check_choices(args.quality, getattr(args, "format", "mp4"), args.lang)
    out = output_folder(args)
    frames = frame_options(args)
    params = params_for(entries, parse_sets(args.set))
    check_system(args.lang)
    if getattr(args, "voice", False):
        check_voice(args.lang)
    check_scenes_run(entries, params, args.lang)
    return check_output_dir(out), frames, params


def cmd_render(args) -> int:
    if args.voice and args.format != "mp4":
        raise UsageError(f"--voice needs --format mp4: a {args.format} has no sound (drop --voice)")
    entries = selected_entries(args.names, args.all)
    n_jobs = checked_jobs(args.jobs, len(entries))
    out_dir, frames, params = _render_setup(args, entries)
    jobs = [RenderJob(e.name, str(out_dir), args.quality, args.format, args.lang, params[e.name],
                      voice=args.voice, **frames)
            for e in entries]
    for path in render_many(jobs, n_jobs=n_jobs):
        print(path)
    return 0


def cmd_chapter(args) -> int:
    from explainer.chapter import build_chapter

    n_jobs = checked_jobs(args.jobs, len(SCENES))
    out_dir, frames, params = _render_setup(args, list(SCENES))
    video = build_chapter(out_dir, args.quality, args.lang, n_jobs, params, voice=args.voice, **frames)
    print(f"chapter video: {video.resolve()}")
    print(f"subtitles:     {video.resolve().with_suffix('.srt')}")
    print(f"narration:     {'spoken, in the video (AAC)' if args.voice else 'none (--no-voice)'}")
    return 0


def cmd_slides(args) -> int:
    from explainer.slides import build_slides

    entries = selected_entries(args.names, args.all or not args.names)
    n_jobs = checked_jobs(args.jobs, args.jobs)  # the variants' renders (their pool never outgrows their number)
    if args.variants:
        check_variant_request(args, entries)
    out_dir, frames, params = _render_setup(args, entries)
    path = build_slides([e.name for e in entries], to=args.to, out_dir=out_dir, quality=args.quality,
                        lang=args.lang, params=params, resolution=frames.get("resolution"),
                        frame_rate=frames.get("frame_rate"), variants=args.variants, jobs=n_jobs)
    print(f"slides: {path}")
    return 0


def check_variant_request(args, entries: list[SceneEntry]) -> None:
    """--variants: say which runs will be added, or why none will be, before anything is created.

    With --set, every variant is dry-run too (as the deck's own run is): another parameter's value
    can make a variant's training diverge.
    """
    from explainer.variants import variants_to_render

    if args.to != "html":
        print(f"note: --variants switches videos in the HTML deck only; the {args.to} gets each scene's own "
              "run (use --to html for the switcher)", file=sys.stderr)
        return
    params = params_for(entries, parse_sets(args.set))
    todo = variants_to_render(entries, params)
    if not todo:
        declaring = [e.name for e in SCENES if getattr(e.load(), "VARIANTS", None)]
        raise UsageError(f"--variants: none of {', '.join(e.name for e in entries)} declares variants; "
                         f"scenes that do: {', '.join(declaring)}")
    for variant in todo:
        if params.get(variant.scene):
            try:
                check_scenes_run([find(variant.scene)], {variant.scene: variant.params(params[variant.scene])},
                                 args.lang)
            except UsageError as exc:
                raise UsageError(f"--variants: the run with {variant.param}={variant.value}: {exc}") from None
    print(f"variants: {len(todo)} extra run(s): "
          + "; ".join(f"{v.scene} {v.param}={v.value}" for v in todo), file=sys.stderr)


def cmd_table(args) -> int:
    from mathcore.studies.experiments import load_or_run

    table = load_or_run(args.data, reduced=args.reduced)
    print(table.format_table())
    return 0


def read_config(text: str) -> dict:
    """CONFIG as given to `explainer train`: a JSON object, or the path of a file holding one."""
    if not text.strip():
        raise UsageError("CONFIG is empty; give a JSON file or a JSON object such as "
                         "'{\"data\": {\"source\": \"windows\", \"k\": 1}, \"optimizer\": "
                         "{\"name\": \"gd\", \"lr\": 0.1}, \"epochs\": 100}'")
    looks_like_json = text.lstrip().startswith(("{", "["))
    if not looks_like_json:
        source = Path(text)
        if not source.exists():
            raise UsageError(f"config file {text} does not exist; give an existing JSON file or a JSON object")
        if source.is_dir():
            raise UsageError(f"config file {text} is a folder; give a JSON file or a JSON object")
        text = source.read_text(encoding="utf-8")  # an OSError (unreadable) is reported by main
    try:
        config = json.loads(text)
    except json.JSONDecodeError as exc:
        where = "CONFIG" if looks_like_json else f"config file {source}"
        raise UsageError(f"{where} is not valid JSON ({exc})") from None
    if not isinstance(config, dict):
        raise UsageError(f"CONFIG must be a JSON object {{...}}, got a {type(config).__name__}")
    return config


#: The most memory a run's recorded trajectory may take (`explainer train` refuses larger runs).
MAX_TRAJECTORY_BYTES = 4 * 1024**3


def check_run_size(config: dict) -> None:
    """Refuse a run whose recorded trajectory would not fit in memory (a typo'd epochs=10**9)."""
    from mathcore.cache import model_for, normalise_config, training_data

    cfg = normalise_config(config)
    n = len(training_data(cfg).y)
    batch = n if cfg["batch_size"] is None else min(cfg["batch_size"], n)
    steps = cfg["epochs"] * math.ceil(n / batch)
    # each recorded step: theta (a numpy array, ~100 bytes of its own), six list entries (~50 bytes
    # each) and, for mini-batches, its rows' indices
    per_record = 8 * model_for(cfg).n_params + 400 + (8 * batch if batch < n else 0)
    size = (steps // cfg["record_every"] + 1) * per_record
    if size > MAX_TRAJECTORY_BYTES:
        raise UsageError(f"this run would record {steps:,} steps, about {size / 1024**3:,.0f} GiB (the limit is "
                         f"{MAX_TRAJECTORY_BYTES / 1024**3:.0f} GiB); lower \"epochs\" or raise \"record_every\"")


def cmd_train(args) -> int:
    from mathcore.cache import get_or_train

    config = read_config(args.config)
    check_run_size(config)
    try:
        trajectory = get_or_train(config, progress=True)
    except DivergenceError as exc:
        raise UsageError(f"{exc.args[0].split(';')[0]}; lower the learning rate, or add "
                         "\"on_divergence\": \"record\" to the config to keep the path up to there") from None
    losses = trajectory.train_loss
    print(f"steps recorded: {trajectory.n_steps}")
    print(f"train loss:     {losses[0]:.6g} -> {losses[-1]:.6g}")
    if trajectory.val_loss is not None:
        print(f"val loss:       {trajectory.val_loss[0]:.6g} -> {trajectory.val_loss[-1]:.6g}")
    if trajectory.diverged_at is not None:
        print(f"diverged at step {trajectory.diverged_at}")
    print(f"parameters:     {trajectory.thetas.shape[1]}")
    return 0


def cmd_cache(args) -> int:
    from mathcore.cache import cache_info, clear_cache

    if args.action == "info":
        info = cache_info()
        print(f"folder:  {info.path}")
        print(f"entries: {info.count}")
        print(f"size:    {info.bytes / 1e6:.1f} MB")
    else:
        removed = clear_cache()
        print(f"removed {removed} cached trajectories from {cache_info().path}")
    return 0


# ------------------------------------------------------------------ parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    listing = commands.add_parser("list", help="the scenes in story order, with durations")
    listing.add_argument("--params", metavar="NAME", help="show one scene's hyperparameters")
    listing.add_argument("--no-durations", action="store_true", help="skip measuring durations")
    listing.set_defaults(run=cmd_list)

    def rendering(p, formats=True):
        p.add_argument("-q", dest="quality", default="l", help=f"quality: {'|'.join(QUALITIES)} (default l)")
        if formats:
            p.add_argument("--format", default="mp4", help=f"{'|'.join(FORMATS)} (png = key frames)")
        p.add_argument("--lang", default="en", help=f"{'|'.join(LANGUAGES)} (default en)")
        p.add_argument("-o", dest="output", default=str(DEFAULT_OUT), help=f"output folder (default {DEFAULT_OUT})")
        p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                       help="override a scene hyperparameter (repeatable)")
        if formats is not None:
            (min_w, min_h), (max_w, max_h) = RESOLUTION_BOUNDS
            p.add_argument("--resolution", metavar="WxH",
                           help=f"custom frame size for quick previews, e.g. 320x180 (even, {min_w}x{min_h} to "
                                f"{max_w}x{max_h}; {PREVIEW_FPS} frames/s unless --fps)")
            p.add_argument("--fps", type=int, metavar="N",
                           help=f"frame rate, {FPS_BOUNDS[0]} to {FPS_BOUNDS[1]} (default: the quality's own)")

    render = commands.add_parser("render", help="render scenes to mp4, gif or key-frame png")
    render.add_argument("names", nargs="*", metavar="NAME")
    render.add_argument("--all", action="store_true", help="every scene")
    render.add_argument("--jobs", type=int, default=1, help="parallel processes (default 1)")
    render.add_argument("--voice", action=argparse.BooleanOptionalAction, default=False,
                        help="speak the narration (mp4 only; it sets the pace; default: silent, faster)")
    rendering(render)
    render.set_defaults(run=cmd_render)

    chapter = commands.add_parser("chapter", help="every scene joined into one video, with markers and subtitles")
    chapter.add_argument("--jobs", type=int, default=1, help="parallel processes (default 1)")
    chapter.add_argument("--voice", action=argparse.BooleanOptionalAction, default=True,
                         help="speak the narration, which sets the pace (default: voiced)")
    rendering(chapter, formats=False)
    chapter.set_defaults(run=cmd_chapter)

    slides = commands.add_parser("slides", help="lecture slides (each pause a slide)")
    slides.add_argument("names", nargs="*", metavar="NAME", help="scenes (default: all)")
    slides.add_argument("--all", action="store_true")
    slides.add_argument("--to", choices=("html", "pptx"), default="html")
    slides.add_argument("--variants", action="store_true",
                        help="HTML: also render the scenes' declared variants and add a switcher to their slides")
    slides.add_argument("--jobs", type=int, default=1, help="parallel processes for the variants (default 1)")
    rendering(slides, formats=False)
    slides.set_defaults(run=cmd_slides)

    table = commands.add_parser("table", help="the book's experiment table, rerun on real data")
    table.add_argument("--data", default="bikeshare", choices=DATASETS, help="|".join(DATASETS))
    table.add_argument("--reduced", action="store_true", help="the small, fast grid")
    table.set_defaults(run=cmd_table)

    train = commands.add_parser("train", help="train one run config (JSON file or text) and summarise it")
    train.add_argument("config")
    train.set_defaults(run=cmd_train)

    cache = commands.add_parser("cache", help="the trajectory cache")
    cache.add_argument("action", choices=("info", "clear"))
    cache.set_defaults(run=cmd_cache)
    return parser


# ------------------------------------------------------------------ errors
#: Failures a user can cause or fix: each becomes one line on stderr and EXIT_ERROR. Anything
#: else is a bug and keeps its traceback.
EXPECTED = (UsageError, RenderError, SlidesError, ConfigError, DivergenceError, VoiceNotInstalled,
            UpstreamVersionError, OSError)


def error_line(exc: BaseException) -> str:
    """The one line a user sees for an expected failure."""
    if isinstance(exc, OSError):
        if exc.filename is not None:
            return f"cannot use {exc.filename}: {exc.strerror or exc}; check that it exists and its permissions"
        return exc.strerror or str(exc)  # our own OSErrors carry a whole sentence
    return str(exc)


def main(argv: list[str] | None = None) -> int:
    """Run one command; expected failures become one line and EXIT_ERROR (see the module docstring)."""
    debug = os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse printed its usage error (status 2) or --help (0)
        return exc.code
    try:
        return args.run(args)
    except KeyboardInterrupt:
        if debug:
            traceback.print_exc()
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except EXPECTED as exc:
        if debug:
            traceback.print_exc()
        print(f"error: {error_line(exc)}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
