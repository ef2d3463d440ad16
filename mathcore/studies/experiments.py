"""The book's experiment (CHAPTER.md §9), rerun on a shipped real series.

The book predicts tomorrow's views from the previous k days with linear models
(k = 1, 7, 28, 56), one layer of 10/100/1000 ReLUs, and 1-4 layers of 100 ReLUs,
and reports the MAE on the training years and on the unseen year. ``run_grid``
trains the same grid here, several seeds per row, under one fixed protocol
(``protocol()``), and ``ExperimentTable.format_table`` prints ours beside the book's.

Protocol choices that are ours, not the book's (all recorded in ``protocol()``):

- Every row uses the same targets: those with a full 56-step history
  (``windows(56)``); model k reads the first k columns. So the rows differ only by
  the model, not by which hours are predicted (``windows(k)`` would keep more
  night-time hours for small k, which are easier).
- Trained on MAE (the book's loss) with Adam, mini-batches, at most ``max_epochs``
  epochs; the validation MAE (last 20% of the training period) is evaluated once per
  epoch, training stops after ``patience`` epochs without a new best, and the model
  kept is the best-validation checkpoint. The unseen period is never looked at.
- "train" MAE is on the fitting part (the first 80% of the training period, the rows
  gradient descent saw); validation MAE is stored too. All MAEs are in original units.
- "1 layer of 100 ReLU" is the same configuration as "100 ReLU": it is trained once
  and shown in both rows (``same_run_as``).

Run ``python -m mathcore.studies.experiments --help`` for the command line.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mathcore import numerics
from mathcore.data import DATASETS, Windows, load, windows
from mathcore.models import MLP
from mathcore.optim import Adam
from mathcore.studies.experiments_io import (
    ExperimentTable,
    OneDayFit,
    RowResult,
    cache_path,
    display_label,
    load_or_run_with,
)
from mathcore.train import fit
from mathcore.validation import check_choice, check_seeds

__all__ = [
    "EXPERIMENT_VERSION", "GRID", "GridRow", "ExperimentTable", "RowResult", "OneDayFit",
    "protocol", "run_grid", "load_or_run", "cache_path", "one_day_linear_fit", "main",
]

EXPERIMENT_VERSION = 1
DEFAULT_SEEDS: tuple[int, ...] = (0, 1, 2)
MAX_K = 56


@dataclass(frozen=True)
class GridRow:
    """One row of the book's table: the model, and the book's MAEs (k views)."""

    label: str
    group: str  # "days" (linear, k inputs), "relus" (one layer, width) or "layers" (depth)
    k: int
    hidden: tuple[int, ...]
    book_label: str
    book_train: float
    book_unseen: float
    same_run_as: str | None = None  # label of an identical configuration trained once


GRID: list[GridRow] = [
    GridRow("linear, k=1", "days", 1, (), "linear, 1 day", 0.48, 0.58),
    GridRow("linear, k=7", "days", 7, (), "linear, 7 days", 0.38, 0.49),
    GridRow("linear, k=28", "days", 28, (), "linear, 28 days", 0.33, 0.46),
    GridRow("linear, k=56", "days", 56, (), "linear, 56 days", 0.32, 0.46),
    GridRow("10 ReLU", "relus", 56, (10,), "10 ReLU (56 days)", 0.32, 0.45),
    GridRow("100 ReLU", "relus", 56, (100,), "100 ReLU", 0.28, 0.43),
    GridRow("1000 ReLU", "relus", 56, (1000,), "1000 ReLU", 0.27, 0.43),
    GridRow("1 layer of 100 ReLU", "layers", 56, (100,), "1 layer of 100 ReLU", 0.28, 0.43,
            same_run_as="100 ReLU"),
    GridRow("2 layers of 100 ReLU", "layers", 56, (100, 100), "2 layers", 0.18, 0.39),
    GridRow("3 layers of 100 ReLU", "layers", 56, (100, 100, 100), "3 layers", 0.14, 0.38),
    GridRow("4 layers of 100 ReLU", "layers", 56, (100, 100, 100, 100), "4 layers", 0.10, 0.44),
]

# The full protocol, and the small one for tests (narrower nets, fewer epochs and seeds).
_SETTINGS = {
    False: {"lr": 1e-3, "batch_size": 64, "max_epochs": 300, "patience": 20, "widths": {}},
    True: {"lr": 3e-3, "batch_size": 64, "max_epochs": 40, "patience": 8,
           "widths": {10: 4, 100: 16, 1000: 64}},
}
REDUCED_SEEDS: tuple[int, ...] = (0, 1)


def _hidden(row: GridRow, reduced: bool) -> tuple[int, ...]:
    widths = _SETTINGS[reduced]["widths"]
    return tuple(widths.get(h, h) for h in row.hidden)


def protocol(
    name: str = "bikeshare", reduced: bool = False, seeds: Sequence[int] | None = None
) -> dict:
    """Everything that fixes the numbers of a grid run (the cache is valid only if it matches)."""
    name = check_choice("data set name", name, DATASETS)
    if not isinstance(reduced, bool):
        raise TypeError(f"reduced must be True or False, got {reduced!r}")
    if seeds is None:
        seeds = REDUCED_SEEDS if reduced else DEFAULT_SEEDS
    seeds = check_seeds("seeds", seeds)
    s = _SETTINGS[reduced]
    return {
        "version": EXPERIMENT_VERSION,
        "data": name,
        "reduced": reduced,
        "rows": f"targets with a full {MAX_K}-step history (windows({MAX_K})); "
                "model k reads columns 1..k",
        "standardise": f"one scalar mean/std from the fitting targets of windows({MAX_K})",
        "loss": "mae",
        "optimizer": Adam(s["lr"]).config(),
        "batch_size": s["batch_size"],
        "max_epochs": s["max_epochs"],
        "early_stopping": {
            "on": "validation MAE, the last 20% (by time) of the training period",
            "evaluated": "once per epoch",
            "patience_epochs": s["patience"],
            "checkpoint": "best validation epoch (epoch 0 = the initial model counts)",
        },
        "init": "PyTorch nn.Linear default, U(-1/sqrt(fan_in), 1/sqrt(fan_in)); model seed = run seed",
        "shuffle_seed": "= run seed",
        "seeds": list(seeds),
        "train_mae_on": "the fitting part (first 80% of the training period)",
        "std": "sample std over seeds (ddof=1); null for one seed",
        "duplicate_row": "'1 layer of 100 ReLU' is trained once, as '100 ReLU', and shown in both rows",
        "grid": [[r.label, r.group, r.k, list(_hidden(r, reduced))] for r in GRID],
        "numerics": numerics.blas_fingerprint(),  # the BLAS's rounding moves the last digits (mathcore.numerics)
    }


def _run_one(w: Windows, k: int, hidden: tuple[int, ...], seed: int, proto: dict) -> dict:
    """Train one model under ``proto``; MAEs of its best-validation checkpoint, original units."""
    X_fit, X_val, X_unseen = w.X_train[:, :k], w.X_val[:, :k], w.X_unseen[:, :k]
    batch = proto["batch_size"]
    model = MLP(k, hidden, activation="relu", seed=seed)
    start = time.perf_counter()
    trajectory = fit(
        model, X_fit, w.y_train, loss=proto["loss"], optimizer=Adam(proto["optimizer"]["lr"]),
        epochs=proto["max_epochs"], batch_size=batch, seed=seed, X_val=X_val, y_val=w.y_val,
        record_every=math.ceil(len(X_fit) / batch),
        patience=proto["early_stopping"]["patience_epochs"],
    )
    model.set_theta(trajectory.best_theta)

    def mae(X: np.ndarray, y: np.ndarray) -> float:
        return float(w.to_original_units(np.mean(np.abs(model.forward(X) - y))))

    return {
        "train": mae(X_fit, w.y_train), "val": mae(X_val, w.y_val),
        "unseen": mae(X_unseen, w.y_unseen),
        "epochs": int(trajectory.n_steps), "best_epoch": int(trajectory.best_step),
        "seconds": time.perf_counter() - start,
    }


def run_grid(
    name: str = "bikeshare",
    reduced: bool = False,
    seeds: Sequence[int] | None = None,
    progress: bool = True,
) -> ExperimentTable:
    """Train every row of ``GRID`` on data set ``name`` for each seed; return the table.

    ``seeds=None`` means (0, 1, 2), or (0, 1) when ``reduced``. ``reduced=True`` is the
    small version for tests (widths 10/100/1000 -> 4/16/64, at most 40 epochs).
    Progress (one line per run) goes to stderr.
    """
    proto = protocol(name, reduced, seeds)
    seeds = tuple(proto["seeds"])
    w = windows(MAX_K, name)
    series = load(name)
    results: dict[str, list[dict]] = {}
    n_runs = sum(r.same_run_as is None for r in GRID) * len(seeds)
    t0, done = time.perf_counter(), 0
    for row in GRID:
        if row.same_run_as is not None:
            continue
        hidden = _hidden(row, reduced)
        results[row.label] = []
        for seed in seeds:
            r = _run_one(w, row.k, hidden, seed, proto)
            results[row.label].append(r)
            done += 1
            if progress:
                what = display_label(row.group, row.k, hidden, series.step)
                print(f"[{done:2d}/{n_runs}] {name} {what:<21} seed {seed}: "
                      f"{r['epochs']:3d} epochs (best {r['best_epoch']:3d}), MAE train "
                      f"{r['train']:.3g} unseen {r['unseen']:.3g} {w.unit}; {r['seconds']:.1f} s "
                      f"(elapsed {time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    rows = []
    for row in GRID:
        runs = results[row.same_run_as or row.label]
        rows.append(RowResult(
            label=row.label, group=row.group, k=row.k, hidden=list(_hidden(row, reduced)),
            book_label=row.book_label, book_train=row.book_train, book_unseen=row.book_unseen,
            same_run_as=row.same_run_as, seeds=list(seeds),
            train_mae=[r["train"] for r in runs], val_mae=[r["val"] for r in runs],
            unseen_mae=[r["unseen"] for r in runs], epochs_run=[r["epochs"] for r in runs],
            best_epoch=[r["best_epoch"] for r in runs], seconds=[r["seconds"] for r in runs],
        ))
    return ExperimentTable(
        name=name, unit=w.unit, step=series.step, label=series.label, reduced=reduced,
        protocol=proto, rows=rows, seconds=time.perf_counter() - t0,
    )


def load_or_run(name: str = "bikeshare", reduced: bool = False, progress: bool = True,
                rerun: bool = False) -> ExperimentTable:
    """The cached table (default seeds) if valid, else ``run_grid`` and cache it atomically.

    The cache is ``<repo>/media/cache/experiments/<name>[-reduced].json`` or, if
    ``$EXPLAINER_CACHE_DIR`` is set, ``$EXPLAINER_CACHE_DIR/experiments/...``. A corrupt
    file or one with another protocol/version is recomputed with a warning.
    """
    expected = protocol(name, reduced)
    return load_or_run_with(
        cache_path(name, reduced), expected,
        lambda: run_grid(name, reduced, progress=progress), rerun=rerun,
    )


def one_day_linear_fit(name: str = "bikeshare") -> OneDayFit:
    """The one-feature model y = b + w x1 by least squares (closed form), like the book's w*, b*.

    Fitted on the fitting rows of ``windows(1, name)`` (every target whose previous
    hour/day exists), standardised; also given in original units
    (``b_original`` in riders/hour or °C; ``w`` is unit-free, the same in both).
    ``train_mae`` is the MAE of that fit on the same rows, in original units.
    """
    name = check_choice("data set name", name, DATASETS)
    w = windows(1, name)
    A = np.column_stack([w.X_train[:, 0], np.ones(len(w.X_train))])
    (slope, intercept), *_ = np.linalg.lstsq(A, w.y_train, rcond=None)
    mae_std = float(np.mean(np.abs(A @ np.array([slope, intercept]) - w.y_train)))
    # y_orig = mean + std*(b + w*(x_orig - mean)/std) = [mean*(1 - w) + std*b] + w*x_orig
    return OneDayFit(
        name=name, unit=w.unit, step=load(name).step, n=len(w.y_train),
        w=float(slope), b=float(intercept), b_original=float(w.mean * (1 - slope) + w.std * intercept),
        train_mae=float(w.to_original_units(mae_std)), train_mae_standardised=mae_std,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print our table beside the book's, and the one-step linear fit."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m mathcore.studies.experiments",
        description="Rerun the book's experiment grid (CHAPTER.md §9) on a shipped series.",
    )
    parser.add_argument("--data", choices=DATASETS, default="bikeshare")
    parser.add_argument("--reduced", action="store_true", help="small, fast grid (for tests)")
    parser.add_argument("--seeds", type=int, default=None, metavar="N",
                        help="seeds 0..N-1 (default 3, reduced 2); a non-default N is not cached")
    parser.add_argument("--json", metavar="PATH", help="also write the table as JSON to PATH")
    parser.add_argument("--rerun", action="store_true", help="ignore the cache and train again")
    parser.add_argument("--quiet", action="store_true", help="no per-run progress lines")
    args = parser.parse_args(argv)
    if args.seeds is not None and args.seeds < 1:
        parser.error(f"--seeds must be >= 1, got {args.seeds}")

    default_n = len(REDUCED_SEEDS if args.reduced else DEFAULT_SEEDS)
    if args.seeds is None or args.seeds == default_n:
        table = load_or_run(args.data, args.reduced, progress=not args.quiet, rerun=args.rerun)
        print(f"(cache: {cache_path(args.data, args.reduced)})", file=sys.stderr)
    else:
        table = run_grid(args.data, args.reduced, seeds=tuple(range(args.seeds)),
                         progress=not args.quiet)
    print(table.format_table())
    print()
    print(one_day_linear_fit(args.data).describe())
    if args.json:
        table.write_json(args.json)
        print(f"(JSON written to {args.json})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
