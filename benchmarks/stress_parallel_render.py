"""Stress test by hand: several `explainer render` commands at once, sharing every cache.

    .venv/bin/python benchmarks/stress_parallel_render.py                 # 4 renders at once, 3 rounds
    .venv/bin/python benchmarks/stress_parallel_render.py --rounds 5 --warm

Each round starts ``--renders`` CLI processes together (``python -m explainer.cli render ...``,
tiny frames), each rendering an overlapping set of scenes into its own output folder, all with
the same ``EXPLAINER_CACHE_DIR``: a fresh, empty one per round (so they race to typeset the same
text and formulas and to train the same runs) unless ``--warm`` keeps one for every round. After
each round every render must have exited 0, every video must decode to the end, every typeset
SVG in the cache must be whole, no scratch file may be left, and every trajectory entry must
verify. Exit status 1 on any failure. Minutes per round on 2 cores; not part of the test suite
(tests/test_typeset_cache.py is its fast version).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import av  # noqa: E402

from manim_engine.compat import whole_svg  # noqa: E402
from mathcore.cache import cache_info  # noqa: E402

SCENES = ["ReluPairHardSigmoid", "TangentStep", "LossDefinition", "PiecewiseAsHardSigmoids"]
FRAME = ["--resolution", "160x90", "--fps", "5"]


def scene_sets(scenes: list[str], renders: int) -> list[list[str]]:
    """Overlapping sets: render i takes scenes i and i+1 (wrapping), so each scene is in two renders."""
    return [[scenes[i % len(scenes)], scenes[(i + 1) % len(scenes)]] for i in range(renders)]


def check_video(path: Path) -> str | None:
    """None if ``path`` is a video that decodes to its end with at least one frame, else why not."""
    if not path.is_file():
        return f"{path} is missing"
    try:
        with av.open(str(path)) as container:
            frames = sum(1 for _ in container.decode(video=0))
    except Exception as exc:  # noqa: BLE001 - any decoding failure is what we are looking for
        return f"{path} does not decode: {type(exc).__name__}: {exc}"
    return None if frames > 0 else f"{path} has no frames"


def check_caches(cache: Path) -> list[str]:
    svgs = sorted((cache / "typeset").rglob("*.svg"))
    problems = [f"damaged typeset file {svg}" for svg in svgs if not whole_svg(svg)]
    problems += [f"scratch file left: {p}" for p in sorted(cache.rglob(".*"))
                 if p.is_file() and p.name != ".tex-compile.lock"]
    trajectories = list(cache.glob("*.npz"))
    verified = cache_info(cache).count
    if verified != len(trajectories):
        problems.append(f"{len(trajectories) - verified} of {len(trajectories)} trajectory entries do not verify")
    return problems


def run_round(number: int, cache: Path, work: Path, sets: list[list[str]]) -> list[str]:
    env = {**os.environ, "EXPLAINER_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    processes = []
    for i, names in enumerate(sets):
        out = work / f"round{number}" / f"render{i}"
        command = [sys.executable, "-m", "explainer.cli", "render", *names, "-o", str(out), *FRAME]
        processes.append((names, out, subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                                       stderr=subprocess.PIPE, text=True)))
    problems = []
    for names, out, process in processes:
        _, err = process.communicate()
        if process.returncode != 0:
            problems.append(f"render of {' '.join(names)} exited {process.returncode}:\n{err.strip()[-1500:]}")
            continue
        problems += [p for p in (check_video(out / f"{name}.mp4") for name in names) if p]
    problems += check_caches(cache)
    print(f"round {number}: {len(sets)} renders at once, {time.perf_counter() - started:.0f} s, "
          f"{'OK' if not problems else f'{len(problems)} problem(s)'}", flush=True)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=4, help="renders started together (default 4)")
    parser.add_argument("--rounds", type=int, default=3, help="how many times (default 3)")
    parser.add_argument("--scenes", nargs="+", default=SCENES, metavar="NAME", help="scenes to spread over them")
    parser.add_argument("--warm", action="store_true", help="one cache for every round (default: a fresh one each)")
    args = parser.parse_args(argv)
    if args.renders < 1 or args.rounds < 1 or len(args.scenes) < 2:
        parser.error("--renders and --rounds must be at least 1, and --scenes needs two or more scenes")
    sets = scene_sets(args.scenes, args.renders)
    failures = []
    with tempfile.TemporaryDirectory(prefix="stress-render-") as scratch:
        work = Path(scratch)
        for number in range(1, args.rounds + 1):
            cache = work / ("cache" if args.warm else f"cache{number}")
            failures += run_round(number, cache, work, sets)
    for problem in failures:
        print(f"FAIL: {problem}", file=sys.stderr)
    print(f"{'all outputs valid' if not failures else f'{len(failures)} failure(s)'} "
          f"({args.rounds} round(s) of {args.renders} renders)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
