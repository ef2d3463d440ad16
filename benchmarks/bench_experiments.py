"""Wall time of the full experiment grid (``mathcore.studies.experiments.run_grid``), the book's table rerun.

    .venv/bin/python benchmarks/bench_experiments.py                  # bike-share, 3 seeds
    .venv/bin/python benchmarks/bench_experiments.py --threads 1      # OpenBLAS single-threaded
    .venv/bin/python benchmarks/bench_experiments.py --write-cache    # also fill the scenes' cache

The budget is 10 minutes for the bike-share grid (10 distinct configurations -- the
"1 layer of 100 ReLU" row reuses "100 ReLU" -- times 3 seeds) on a 2-core machine.
The script prints the time per row (summed over seeds), the total wall and CPU time,
the BLAS thread count and the load average, since on a shared machine a busy neighbour
makes multi-threaded OpenBLAS spin and can slow small matrix products tenfold.

``--threads N`` sets OPENBLAS_NUM_THREADS / OMP_NUM_THREADS before numpy is imported.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

BUDGET_S = 600.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="bikeshare", choices=("bikeshare", "seattle"))
    parser.add_argument("--seeds", type=int, default=3, help="seeds 0..N-1 (default 3)")
    parser.add_argument("--threads", type=int, default=None,
                        help="BLAS threads (sets OPENBLAS_NUM_THREADS before numpy loads)")
    parser.add_argument("--reduced", action="store_true", help="time the reduced grid instead")
    parser.add_argument("--write-cache", action="store_true",
                        help="store the table where load_or_run() looks (default seeds only)")
    parser.add_argument("--json", metavar="PATH", help="write the timings as JSON")
    args = parser.parse_args(argv)
    if args.seeds < 1:
        parser.error(f"--seeds must be >= 1, got {args.seeds}")
    if args.threads is not None:
        if args.threads < 1:
            parser.error(f"--threads must be >= 1, got {args.threads}")
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
            os.environ[var] = str(args.threads)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import numpy as np  # noqa: F401  (after the thread variables are set)

    from mathcore.studies import experiments as ex

    seeds = tuple(range(args.seeds))
    load_before = os.getloadavg()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    table = ex.run_grid(args.data, reduced=args.reduced, seeds=seeds, progress=True)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    load_after = os.getloadavg()

    threads = os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS") or "default"
    print(f"\n{table.label}{' (reduced)' if args.reduced else ''}: {len(seeds)} seeds, "
          f"{os.cpu_count()} CPUs, BLAS threads {threads}, "
          f"load average {load_before[0]:.1f} before / {load_after[0]:.1f} after")
    print(f"{'row':<24}{'seconds (all seeds)':>20}{'epochs':>10}")
    per_row = {}
    for r in table.rows:
        if r.same_run_as:
            continue
        per_row[r.label] = sum(r.seconds)
        print(f"{table.display_label(r):<24}{per_row[r.label]:>20.1f}{sum(r.epochs_run):>10d}")
    verdict = "within" if wall <= BUDGET_S else "OVER"
    print(f"total: {wall:.1f} s wall, {cpu:.1f} s CPU -- {verdict} the {BUDGET_S:.0f} s budget")

    if args.write_cache:
        if list(seeds) == ex.protocol(args.data, args.reduced)["seeds"]:
            path = table.write_json(ex.cache_path(args.data, args.reduced))
            print(f"cache written: {path}")
        else:
            print("not cached: only the default seeds are cached", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "data": args.data, "reduced": args.reduced, "seeds": list(seeds), "blas_threads": threads,
            "cpus": os.cpu_count(), "load_before": load_before, "load_after": load_after,
            "wall_s": wall, "cpu_s": cpu, "per_row_s": per_row, "budget_s": BUDGET_S,
        }, indent=1) + "\n")
    return 0 if wall <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
