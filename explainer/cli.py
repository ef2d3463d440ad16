"""`explainer`: list, render, chapter, slides, table, train and cache, from one command.

Thin adapters over explainer.render, explainer.chapter, explainer.slides, mathcore.studies.experiments
and mathcore.cache. Every option and parameter is checked before any render starts
(``explainer.cli_checks``); the run commands live in ``explainer.cli_train``.

Exit status: 0 done; 2 a problem with the input or the machine, said in one line naming the
fix (a bad option, parameter or config, training that diverges, a missing tool or file, a
folder that cannot be read or written); 130, 143, 129 stopped by SIGINT (Ctrl-C), SIGTERM or
SIGHUP (``explainer.stopping``: its child renders stopped too, nothing written); 1 a bug in the
explainer, shown with its traceback. ``EXPLAINER_DEBUG=1`` shows the traceback of every error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import traceback

from explainer import stopping

if __name__ == "__main__" or stopping.started_as_command():
    # Before the heavy imports below (numpy, manim: ~0.6 s), so a signal while they load is one line too.
    stopping.install()

from explainer.cli_checks import (
    check_environment,
    check_variant_request,
    checked_jobs,
    output_folder,
    render_setup,
    selected_entries,
)
from explainer.cli_train import cmd_cache, cmd_table, cmd_train
from explainer.errors import SlidesError, UsageError
from explainer.render import FORMATS, RenderError, RenderJob, render_many
from explainer.settings import (
    DEBUG_ENV,
    DEFAULT_OUT,
    FPS_BOUNDS,
    LANGUAGES,
    PREVIEW_FPS,
    QUALITIES,
    RESOLUTION_BOUNDS,
)
from manim_engine.compat import UpstreamVersionError
from mathcore.data import DATASETS
from mathcore.memory import TooLargeError
from mathcore.runconfig import ConfigError
from mathcore.train import DivergenceError
from scenes.catalog import SCENES, find
from speech import DEFAULT_ENGINE, ENGINES, VoiceNotInstalled

#: Exit statuses (the module docstring and the README say what each means).
EXIT_OK, EXIT_BUG, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


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


def cmd_render(args) -> int:
    if args.voice and args.format != "mp4":
        raise UsageError(f"--voice needs --format mp4: a {args.format} has no sound (drop --voice)")
    entries = selected_entries(args.names, args.all)
    n_jobs = checked_jobs(args.jobs, len(entries))
    out_dir, frames, params = render_setup(args, entries)
    jobs = [RenderJob(e.name, str(out_dir), args.quality, args.format, args.lang, params[e.name],
                      voice=args.voice, **frames)
            for e in entries]
    for path in render_many(jobs, n_jobs=n_jobs):
        print(path)
    return 0


def cmd_chapter(args) -> int:
    from explainer.chapter import build_chapter, chapter_lock

    # Another chapter writing into an existing -o is refused before the checks (seconds of loading
    # every scene); into a new folder, build_chapter takes the lock once the folder is made.
    out = output_folder(args)
    early = chapter_lock(out) if out.is_dir() and os.access(out, os.W_OK) else None
    with early or contextlib.nullcontext():
        n_jobs = checked_jobs(args.jobs, len(SCENES))
        out_dir, frames, params = render_setup(args, list(SCENES))
        video = build_chapter(out_dir, args.quality, args.lang, n_jobs, params, voice=args.voice, lock=early is None,
                              **frames)
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
    out_dir, frames, params = render_setup(args, entries)
    path = build_slides([e.name for e in entries], to=args.to, out_dir=out_dir, quality=args.quality,
                        lang=args.lang, params=params, resolution=frames.get("resolution"),
                        frame_rate=frames.get("frame_rate"), variants=args.variants, jobs=n_jobs)
    print(f"slides: {path}")
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

    def voice_engine(p):
        p.add_argument("--voice-engine", choices=tuple(ENGINES), metavar="ENGINE",
                       help=f"{'|'.join(ENGINES)}: who speaks (default {DEFAULT_ENGINE}, both languages; "
                            "piper speaks English only, espeak-ng Chinese only)")

    render = commands.add_parser("render", help="render scenes to mp4, gif or key-frame png")
    render.add_argument("names", nargs="*", metavar="NAME")
    render.add_argument("--all", action="store_true", help="every scene")
    render.add_argument("--jobs", type=int, default=1, help="parallel processes (default 1)")
    render.add_argument("--voice", action=argparse.BooleanOptionalAction, default=False,
                        help="speak the narration (mp4 only; it sets the pace; default: silent, faster)")
    voice_engine(render)
    rendering(render)
    render.set_defaults(run=cmd_render)

    chapter = commands.add_parser("chapter", help="every scene joined into one video, with markers and subtitles")
    chapter.add_argument("--jobs", type=int, default=1, help="parallel processes (default 1)")
    chapter.add_argument("--voice", action=argparse.BooleanOptionalAction, default=True,
                         help="speak the narration, which sets the pace (default: voiced)")
    voice_engine(chapter)
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
EXPECTED = (UsageError, RenderError, SlidesError, ConfigError, TooLargeError, DivergenceError, VoiceNotInstalled,
            UpstreamVersionError, OSError)


def error_line(exc: BaseException) -> str:
    """The one line a user sees for an expected failure."""
    if isinstance(exc, OSError):
        if exc.filename is not None:
            return f"cannot use {exc.filename}: {exc.strerror or exc}; check that it exists and its permissions"
        return exc.strerror or str(exc)  # our own OSErrors carry a whole sentence
    return str(exc)


def refuse_extra_arguments(parser: argparse.ArgumentParser, args, extra: list[str]) -> None:
    """Arguments no option takes: a KEY=VALUE after another one's --set gets the fix (each needs its own
    --set); anything else argparse's own usage error. Exits with status 2 either way."""
    pairs = [word for word in extra if "=" in word and not word.startswith("-")]
    if pairs and hasattr(args, "set"):
        fix = " ".join(f"--set {pair}" for pair in pairs)
        print(f"error: {' '.join(pairs)}: each --set takes one KEY=VALUE, so write {fix} "
              f"(here: {' '.join(f'--set {pair}' for pair in args.set)} {fix})", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)
    parser.error(f"unrecognized arguments: {' '.join(extra)}")


def main(argv: list[str] | None = None) -> int:
    """Run one command; expected failures become one line and EXIT_ERROR (see the module docstring)."""
    debug = os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            refuse_extra_arguments(parser, args, extra)
    except SystemExit as exc:  # argparse printed its usage error (status 2) or --help (0)
        return exc.code
    command = stopping.installed()  # by the entry point: this process is the command
    own_handlers = stopping.install() if not command and _main_thread() else None
    stopping.begin_run()
    try:
        check_environment()
        return args.run(args)
    except KeyboardInterrupt as exc:  # Ctrl-C, or stopping.Stopped for SIGTERM and SIGHUP
        signum = getattr(exc, "signum", signal.SIGINT)
        stopping.stop_all(signum)  # (already done for a signal this process handled)
        stopping.CHILDREN.reap()  # none of them outlives the command
        if debug:
            traceback.print_exc()
        print(stopping.stop_line(signum, getattr(args, "output", None), stopping.STATE.written), file=sys.stderr)
        if command:  # everything is cleaned up: skip the interpreter's teardown (~1.3 s once manim is imported)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(stopping.exit_status(signum))
        return stopping.exit_status(signum)
    except EXPECTED as exc:
        if debug:
            traceback.print_exc()
        print(f"error: {error_line(exc)}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if own_handlers is not None:  # called from another program (a test): give it its handlers back
            stopping.restore(own_handlers)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":
    sys.exit(main())
