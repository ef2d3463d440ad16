"""Error surface L(w, b) on a 400 x 400 grid: mathcore.surface against a per-point loop.

    .venv/bin/python benchmarks/bench_surface.py              # a few seconds
    .venv/bin/python benchmarks/bench_surface.py --loop-rows 4  # quicker, rougher loop estimate

Data: the bike-share training rows of ``mathcore.data.windows(1)`` (x = riders one hour
before, y = riders now, both standardised). The vectorised surface is timed in full
(median of ``--repeat`` runs). The loop reference (``error_surface_loop``: one numpy pass
over all rows per grid point) is timed on the first ``--loop-rows`` rows of b only, i.e.
``loop_rows x 400`` grid points, and EXTRAPOLATED linearly to the whole grid (its cost
per grid point is constant). On that subset the two must agree to rtol 1e-12.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import numpy as np

from mathcore import data
from mathcore.surface import error_surface, error_surface_loop

GRID = 400


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop-rows", type=int, default=10, help="b rows the loop is timed on")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the vectorised surface")
    args = parser.parse_args()

    w = data.windows(1)
    x, y = w.X_train[:, 0], w.y_train
    w_grid = np.linspace(-0.5, 2.0, GRID)
    b_grid = np.linspace(-1.5, 1.5, GRID)
    sub = b_grid[: args.loop_rows]
    scale = GRID / len(sub)

    print(f"N = {len(x):,} rows, grid {GRID} x {GRID} = {GRID * GRID:,} points, "
          f"numpy {np.__version__}, {platform.processor() or platform.machine()}")
    print(f"loop timed on {len(sub)} x {GRID} = {len(sub) * GRID:,} points, "
          f"extrapolated x{scale:g}\n")
    print("| loss | vectorised (full grid) | per-point loop (extrapolated) | speed-up "
          "| max rel. diff |")
    print("|------|-----------------------:|------------------------------:|---------:"
          "|--------------:|")
    for loss in ("mse", "mae"):
        fast = _median_time(lambda: error_surface(x, y, w_grid, b_grid, loss), args.repeat)
        start = time.perf_counter()
        reference = error_surface_loop(x, y, w_grid, sub, loss)
        slow = (time.perf_counter() - start) * scale
        vectorised = error_surface(x, y, w_grid, b_grid, loss)[: len(sub)]
        diff = float(np.max(np.abs(vectorised - reference) / np.abs(reference)))
        assert diff < 1e-12, f"{loss}: vectorised and loop differ by {diff:.2e}"
        print(f"| {loss.upper()} | {fast * 1e3:,.1f} ms | {slow:,.1f} s | {slow / fast:,.0f}x "
              f"| {diff:.1e} |")


if __name__ == "__main__":
    main()
