"""Running scenes: in a child process (videos, key frames, slides) or as an in-process dry run.

manim's config is global to a process, so every render runs in a fresh child,
``python -m explainer.runner TASK '<job json>'``, which also makes ``--jobs N`` real
parallelism. A task is a function ``job dict -> list of paths`` (see TASKS); the child prints
its result as JSON on its last line of output. Each child runs in a process group of its own and
dies with its parent (``explainer.stopping``): a stop signal reaches everything it started, and
nothing renders on once the command is gone.

A dry run (``dry_run``) runs a scene's ``construct`` with every animation skipped and nothing
written: how durations are measured, key frames are captured and tests inspect a scene.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from explainer import stopping
from explainer.settings import (
    BLAS_THREAD_ENVS,
    LANG_ENV,
    MEDIA_DIR,
    PARAMS_ENV,
    QUALITIES,
    REPO_ROOT,
    VOICE_ENV,
    typeset_cache,
)

#: Task name -> "module:function" run in the child; the function takes the job dict.
TASKS = {
    "video": "explainer.render:render_job",
    "slides": "explainer.slides:render_slides_job",
}

#: The settings every dry run uses unless told otherwise.
DRY_RUN = {"dry_run": True, "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"}


class ChildError(RuntimeError):
    """A child render failed; the message ends with the last lines it printed."""


def scene_environment(lang: str, params: dict | None = None, single_threaded: bool = False,
                      voice: bool = False) -> dict[str, str]:
    """The environment a scene's child process runs with: its language, hyperparameters and
    whether it speaks its narration (always set, so an EXPLAINER_VOICE of the caller's never leaks in)."""
    env = dict(os.environ)
    env[LANG_ENV] = lang
    env[PARAMS_ENV] = json.dumps(params or {})
    env[VOICE_ENV] = "1" if voice else "0"
    if single_threaded:
        for variable in BLAS_THREAD_ENVS:
            env.setdefault(variable, "1")
    # A child may run in another folder (slides build in one); keep the project importable.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def typeset_dirs(media_dir: Path) -> dict[str, str]:
    """manim's tex_dir/text_dir: the shared ``typeset_cache()``, or ``media_dir``'s own if that is read-only."""
    shared = typeset_cache()
    if not os.access(_existing_parent(shared), os.W_OK):
        shared = Path(media_dir)
    return {"tex_dir": str(shared / "Tex"), "text_dir": str(shared / "texts")}


def _existing_parent(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def manim_settings(quality: str, media_dir: Path, resolution: tuple[int, int] | None = None,
                   frame_rate: int | None = None) -> dict:
    """manim config for a render: quality (or a preview size), media folder, the shared typeset cache."""
    settings = {
        "quality": QUALITIES[quality],
        "media_dir": str(media_dir),
        **typeset_dirs(media_dir),
        "disable_caching": True,
        "verbosity": "WARNING",
        "progress_bar": "none",
    }
    if resolution is not None:
        settings["pixel_width"], settings["pixel_height"] = (int(v) for v in resolution)
    if frame_rate is not None:
        settings["frame_rate"] = int(frame_rate)
    return settings


def dry_run(scene_class: type, *, capture_frames: bool = False, **settings):
    """Run ``construct`` with every animation skipped and nothing written; return the scene.

    ``settings`` override manim's config for the run (e.g. ``pixel_width=64``); the scene keeps
    its pause times, on-screen labels and narration, and with ``capture_frames`` a frame per pause.
    Typeset text and formulas come from the shared cache, wherever the run was started.
    """
    from manim import tempconfig

    from manim_engine import compat as manim_compat

    manim_compat.install()
    with tempconfig({**DRY_RUN, **typeset_dirs(MEDIA_DIR), **settings}):
        scene = scene_class(skip_animations=True)
        scene.capture_pause_frames = capture_frames
        scene.render()
    return scene


def check_overrides(scene_class: type, lang: str, params: dict) -> None:
    """Dry-run ``scene_class`` here with ``params`` as its overrides (silent, in ``lang``).

    Raises whatever the scene would raise in its render: a free-form value it cannot parse, a
    training that diverges. Trained runs land in the trajectory cache, so the render reuses them.
    """
    with temporary_environment({LANG_ENV: lang, PARAMS_ENV: json.dumps(params), VOICE_ENV: "0"}):
        dry_run(scene_class, pixel_width=64, pixel_height=36, frame_rate=5)


@contextlib.contextmanager
def temporary_environment(values: dict[str, str]):
    """Set ``values`` in os.environ for the block, then put every one back as it was."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def child_command(task: str, job: dict) -> list[str]:
    """The command line that runs ``task`` on ``job`` in a fresh Python."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; one of {', '.join(TASKS)}")
    return [sys.executable, "-m", "explainer.runner", task, json.dumps(job)]


def run_in_child(task: str, job: dict, env: dict[str, str], cwd: Path | None = None,
                 command: list[str] | None = None, children: stopping.Children | None = None) -> list[Path]:
    """Run ``task`` on ``job`` in a child process; return the paths it reports or raise ChildError.

    The child runs in a process group of its own, tracked by ``children`` (default: the
    process's own, ``stopping.CHILDREN``), so a stop signal reaches it and whatever it started,
    and nothing of it outlives this call. ``command`` replaces the usual ``python -m
    explainer.runner`` line (the render benchmark runs its own entry point, which registers a
    scene of its own first).
    """
    children = children or stopping.CHILDREN
    proc = children.start(command or child_command(task, job), env=env, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = proc.communicate()
    except BaseException:  # stopped while waiting here: the child goes too
        stopping.terminate(proc)
        raise
    finally:
        children.discard(proc)
    if proc.returncode is not None and proc.returncode < 0:
        stopping.kill_group(proc)  # whatever it started and left behind
    if proc.returncode != 0:
        tail = "\n".join((stderr.strip() or stdout.strip()).splitlines()[-15:])
        if proc.returncode < 0:
            tail = f"{tail}\n(the child process was killed by {signal.Signals(-proc.returncode).name})".strip()
        raise ChildError(tail)
    return [Path(p) for p in json.loads(stdout.strip().splitlines()[-1])]


def child_main(argv: list[str]) -> int:
    """The child's entry point: ``TASK '<job json>'``; prints the written paths as JSON.

    A stop signal (passed on by the parent, or the parent's death) unwinds the task, so its
    ``finally`` blocks remove its scratch files, and ends the child with ``128 + signal``.
    """
    stopping.watch_parent()
    stopping.install(child=True)
    stopping.begin_run()
    task, job = argv[0], json.loads(argv[1])
    if task not in TASKS:
        raise SystemExit(f"unknown task {task!r}; one of {', '.join(TASKS)}")
    try:
        from manim_engine import compat as manim_compat

        manim_compat.install()
        module, function = TASKS[task].split(":")
        paths = getattr(importlib.import_module(module), function)(job)
    except stopping.Stopped as exc:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(stopping.exit_status(exc.signum))  # not waiting for encoder threads that were stopped mid-frame
    print(json.dumps([str(p) for p in paths]))
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
