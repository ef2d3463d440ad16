"""The command line's checks: every option, parameter and scene request, checked before any render starts.

``render_setup`` runs them cheapest first and creates the output folder last, so a refused
command leaves nothing behind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from explainer.errors import UsageError
from explainer.render import check_choices, check_output_dir, check_system, check_voice
from explainer.settings import DEFAULT_OUT, FPS_BOUNDS, PREVIEW_FPS, RESOLUTION_BOUNDS
from mathcore.storage import cache_root_problem
from mathcore.train import DivergenceError
from scenes.catalog import SCENES, SceneEntry, find


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


def check_environment() -> None:
    """The environment every command relies on: a ``$EXPLAINER_CACHE_DIR`` that can be a folder."""
    problem = cache_root_problem()
    if problem is not None:
        raise UsageError(problem)


def selected_entries(names: list[str], all_scenes: bool) -> list[SceneEntry]:
    pairs = [name for name in names if "=" in name]
    if pairs:
        raise UsageError(f"{', '.join(pairs)} is not a scene: to change a parameter write "
                         f"{' '.join(f'--set {pair}' for pair in pairs)} (one --set for each)")
    if all_scenes == bool(names):
        raise UsageError("name one or more scenes, or pass --all (see `explainer list`)")
    if all_scenes:
        return list(SCENES)
    try:
        return [find(name) for name in names]
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None


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


def select_voice_engine(engine: str | None, lang: str) -> None:
    """--voice-engine: written to the setting every scene's process reads (EXPLAINER_VOICE_ENGINE),
    after checking that the engine speaks ``lang``; without it the setting (default kokoro) stays."""
    import speech

    try:
        if engine is not None:
            speech.service_class(lang, engine)
            os.environ[speech.ENGINE_ENV] = engine
        else:
            speech.service_class(lang)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def render_setup(args, entries: list[SceneEntry]) -> tuple[Path, dict, dict]:
    """Every check a render needs, cheapest first, before anything is created or started.

    Returns the output folder (created last), the frame options and each scene's parameters.
    """
    check_choices(args.quality, getattr(args, "format", "mp4"), args.lang)
    out = output_folder(args)
    frames = frame_options(args)
    params = params_for(entries, parse_sets(args.set))
    check_system(args.lang)
    if getattr(args, "voice", False):
        select_voice_engine(getattr(args, "voice_engine", None), args.lang)
        check_voice(args.lang)
    check_scenes_run(entries, params, args.lang)
    return check_output_dir(out), frames, params


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
