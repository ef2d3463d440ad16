"""`explainer`: list, render, chapter, slides, table, train and cache, from one command.

Thin adapters over explainer.render, explainer.chapter, explainer.slides, mathcore.experiments
and mathcore.cache. Every error names the fix and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
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
from explainer.settings import DEFAULT_OUT, LANGUAGES, QUALITIES
from scenes.catalog import SCENES, SceneEntry, find


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
        return 0
    from explainer.durations import scene_duration

    for number, entry in enumerate(SCENES, start=1):
        duration = "" if args.no_durations else f"{scene_duration(entry):5.1f} s"
        print(f"{number:2d}. {entry.name:<24} {duration:>8}  {entry.description}")
    return 0


def _preview(args) -> dict:
    """--resolution WxH (and its frame rate) for quick previews."""
    if not getattr(args, "resolution", None):
        return {}
    try:
        width, height = (int(v) for v in args.resolution.lower().split("x"))
        assert width >= 16 and height >= 16 and width % 2 == 0 and height % 2 == 0
    except (ValueError, AssertionError):
        raise UsageError(f"--resolution must look like 320x180 (even numbers >= 16), got {args.resolution!r}") from None
    return {"resolution": (width, height), "frame_rate": args.fps}


def _render_setup(args):
    check_choices(args.quality, getattr(args, "format", "mp4"), args.lang)
    out_dir = check_output_dir(Path(args.output))
    check_system(args.lang)
    if getattr(args, "voice", False):
        check_voice(args.lang)
    return out_dir


def cmd_render(args) -> int:
    if args.voice and args.format != "mp4":
        raise UsageError(f"--voice needs --format mp4: a {args.format} has no sound (drop --voice)")
    entries = selected_entries(args.names, args.all)
    params = params_for(entries, parse_sets(args.set))
    out_dir = _render_setup(args)
    jobs = [RenderJob(e.name, str(out_dir), args.quality, args.format, args.lang, params[e.name],
                      voice=args.voice, **_preview(args))
            for e in entries]
    for path in render_many(jobs, n_jobs=args.jobs):
        print(path)
    return 0


def cmd_chapter(args) -> int:
    from explainer.chapter import build_chapter

    params = params_for(list(SCENES), parse_sets(args.set))
    out_dir = _render_setup(args)
    video = build_chapter(out_dir, args.quality, args.lang, args.jobs, params, voice=args.voice, **_preview(args))
    print(f"chapter video: {video.resolve()}")
    print(f"subtitles:     {video.resolve().with_suffix('.srt')}")
    print(f"narration:     {'spoken, in the video (AAC)' if args.voice else 'none (--no-voice)'}")
    return 0


def cmd_slides(args) -> int:
    from explainer.slides import build_slides

    entries = selected_entries(args.names, args.all or not args.names)
    params = params_for(entries, parse_sets(args.set))
    out_dir = _render_setup(args)
    preview = _preview(args)
    path = build_slides([e.name for e in entries], to=args.to, out_dir=out_dir, quality=args.quality,
                        lang=args.lang, params=params, resolution=preview.get("resolution"),
                        frame_rate=preview.get("frame_rate"))
    print(f"slides: {path}")
    return 0


def cmd_table(args) -> int:
    from mathcore.experiments import load_or_run

    table = load_or_run(args.data, reduced=args.reduced)
    print(table.format_table())
    return 0


def cmd_train(args) -> int:
    from mathcore.cache import get_or_train

    source = Path(args.config)
    try:
        config = json.loads(source.read_text() if source.exists() else args.config)
    except json.JSONDecodeError as exc:
        raise UsageError(f"CONFIG must be a JSON file or a JSON object, and {args.config!r} is neither ({exc})")
    trajectory = get_or_train(config, progress=True)
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
            p.add_argument("--resolution", metavar="WxH", help="custom frame size for quick previews, e.g. 320x180")
            p.add_argument("--fps", type=int, default=15, help="frame rate with --resolution (default 15)")

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
    rendering(slides, formats=False)
    slides.set_defaults(run=cmd_slides)

    table = commands.add_parser("table", help="the book's experiment table, rerun on real data")
    table.add_argument("--data", default="bikeshare", help="bikeshare|seattle")
    table.add_argument("--reduced", action="store_true", help="the small, fast grid")
    table.set_defaults(run=cmd_table)

    train = commands.add_parser("train", help="train one run config (JSON file or text) and summarise it")
    train.add_argument("config")
    train.set_defaults(run=cmd_train)

    cache = commands.add_parser("cache", help="the trajectory cache")
    cache.add_argument("action", choices=("info", "clear"))
    cache.set_defaults(run=cmd_cache)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (UsageError, RenderError, RuntimeError) as exc:  # RuntimeError: SlidesError
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, TypeError) as exc:  # bad configs and parameters from mathcore
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
