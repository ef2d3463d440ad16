"""Results of ``mathcore.studies.experiments``: the table, its JSON form, its cache, its printout.

Kept apart from the training code so that scenes can read a cached table without
anything else. ``ExperimentTable.to_json()`` / ``from_json()`` round-trip exactly;
``load_or_run_with`` reads the cache or recomputes (with a warning) and writes it
atomically.
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from mathcore.storage import DEFAULT_CACHE_ROOT, atomic_write, env_cache_dir
from mathcore.validation import check_choice

FORMAT = "mathcore.studies.experiments/1"


def _stats(values: list[float]) -> tuple[float, float | None]:
    """Mean and sample std (ddof=1); the std is None for a single value."""
    arr = np.asarray(values, dtype=np.float64)
    return float(arr.mean()), (float(arr.std(ddof=1)) if len(arr) > 1 else None)


@dataclass
class RowResult:
    """One row of our table: the model, per-seed MAEs (original units), and the book's."""

    label: str
    group: str
    k: int
    hidden: list[int]
    book_label: str
    book_train: float
    book_unseen: float
    same_run_as: str | None
    seeds: list[int]
    train_mae: list[float]   # per seed, fitting part of the training period
    val_mae: list[float]     # per seed, validation part (used for early stopping)
    unseen_mae: list[float]  # per seed, the unseen period
    epochs_run: list[int]
    best_epoch: list[int]
    seconds: list[float]

    train_mae_mean = property(lambda self: _stats(self.train_mae)[0])
    train_mae_std = property(lambda self: _stats(self.train_mae)[1])
    val_mae_mean = property(lambda self: _stats(self.val_mae)[0])
    val_mae_std = property(lambda self: _stats(self.val_mae)[1])
    unseen_mae_mean = property(lambda self: _stats(self.unseen_mae)[0])
    unseen_mae_std = property(lambda self: _stats(self.unseen_mae)[1])

    def to_dict(self) -> dict:
        d = asdict(self)
        for part in ("train", "val", "unseen"):  # for readers outside Python; ignored on load
            d[f"{part}_mae_mean"], d[f"{part}_mae_std"] = _stats(d[f"{part}_mae"])
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "RowResult":
        if not isinstance(d, dict):
            raise TypeError(f"a row must be an object, got {type(d).__name__}")
        row = cls(**{name: d[name] for name in cls.__dataclass_fields__})
        n = len(row.seeds)
        for name in ("train_mae", "val_mae", "unseen_mae", "epochs_run", "best_epoch", "seconds"):
            values = getattr(row, name)
            if not isinstance(values, list) or len(values) != n:
                raise ValueError(f"row {row.label!r}: {name} must be a list of {n} values (one per seed)")
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                       for v in values):
                raise ValueError(f"row {row.label!r}: {name} holds a non-number or non-finite value")
        if n == 0:
            raise ValueError(f"row {row.label!r} has no seeds")
        row.hidden = [int(h) for h in row.hidden]
        return row


@dataclass
class ExperimentTable:
    """Our rerun of the book's table on one data set; ``rows`` in the book's order."""

    name: str
    unit: str
    step: str  # "hour" or "day": what k counts
    label: str
    reduced: bool
    protocol: dict
    rows: list[RowResult]
    seconds: float = 0.0
    meta: dict = field(default_factory=lambda: {"numpy": np.__version__})

    def row(self, label: str) -> RowResult:
        """The row with this label (see ``GRID``)."""
        for r in self.rows:
            if r.label == label:
                return r
        raise KeyError(f"no row {label!r}; rows are {[r.label for r in self.rows]}")

    def group(self, group: str) -> list[RowResult]:
        """Rows of one group ("days", "relus", "layers") in order of growing capacity."""
        check_choice("group", group, ("days", "relus", "layers"))
        return [r for r in self.rows if r.group == group]

    # ------------------------------------------------------------------ JSON
    def to_json(self) -> str:
        d = {"format": FORMAT, **{k: v for k, v in asdict(self).items() if k != "rows"}}
        d["rows"] = [r.to_dict() for r in self.rows]
        return json.dumps(d, indent=1, allow_nan=False, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> "ExperimentTable":
        """Parse ``to_json`` output; anything else raises ValueError saying what is wrong."""
        try:
            d = json.loads(text)
            if not isinstance(d, dict) or d.get("format") != FORMAT:
                raise ValueError(f"the 'format' field is not {FORMAT!r}")
            rows = d["rows"]
            if not isinstance(rows, list) or not rows:
                raise ValueError("'rows' must be a non-empty list")
            if not isinstance(d["protocol"], dict):
                raise ValueError("'protocol' must be an object")
            return cls(
                name=str(d["name"]), unit=str(d["unit"]), step=str(d["step"]), label=str(d["label"]),
                reduced=bool(d["reduced"]), protocol=d["protocol"],
                rows=[RowResult.from_dict(r) for r in rows], seconds=float(d["seconds"]),
                meta=dict(d.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            what = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise ValueError(f"not a valid experiment table JSON: {what}") from None

    def write_json(self, path: str | Path) -> Path:
        """Write ``to_json()`` to ``path`` atomically (a temporary file, then rename)."""
        return atomic_write(Path(path), self.to_json())

    @classmethod
    def read_json(cls, path: str | Path) -> "ExperimentTable":
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    # ------------------------------------------------------------------ printout
    def display_label(self, r: RowResult) -> str:
        """'linear, 7 hours', '100 ReLU', '3 layers of 100 ReLU' (the widths actually run)."""
        return display_label(r.group, r.k, r.hidden, self.step)

    def format_table(self) -> str:
        """Our MAEs (mean ± std over seeds, original units) beside the book's (k views)."""
        p = self.protocol
        n = len(self.rows[0].seeds)
        head = [
            f"{self.label}{' (REDUCED grid)' if self.reduced else ''}",
            f"ours: MAE in {self.unit}, mean ± std over {n} seed{'s' if n > 1 else ''}; "
            "train = the fitting part (first 80% of the training period)",
            f"trained on {p['loss'].upper()}: Adam(lr={p['optimizer']['lr']:g}), batch {p['batch_size']}, "
            f"<= {p['max_epochs']} epochs, best-validation checkpoint "
            f"(patience {p['early_stopping']['patience_epochs']} epochs)",
            "book: a channel's daily views, MAE in thousands (k)",
        ]
        cols = ["model", "ours: train", "ours: unseen", "book: train", "book: unseen", "epochs"]
        body = []
        for r in self.rows:
            lo, hi = min(r.epochs_run), max(r.epochs_run)
            epochs = f"{lo}-{hi}" if lo != hi else str(lo)
            body.append([
                self.display_label(r) + (" *" if r.same_run_as else ""),
                _pm(r.train_mae_mean, r.train_mae_std), _pm(r.unseen_mae_mean, r.unseen_mae_std),
                f"{r.book_train:.2f}",
                f"{r.book_unseen:.2f}" + (" (overfit)" if r.book_label == "4 layers" else ""),
                epochs,
            ])
        widths = [max(len(c), *(len(b[i]) for b in body)) for i, c in enumerate(cols)]
        line = lambda cells: " | ".join(c.ljust(wd) if i == 0 else c.rjust(wd)  # noqa: E731
                                        for i, (c, wd) in enumerate(zip(cells, widths)))
        out = head + ["", line(cols), "-+-".join("-" * wd for wd in widths)] + [line(b) for b in body]
        for r in self.rows:
            if r.same_run_as:
                same = self.display_label(self.row(r.same_run_as))
                out.append(f"* the same configuration as '{same}': trained once, shown in both rows")
        return "\n".join(out)


def display_label(group: str, k: int, hidden: Sequence[int], step: str) -> str:
    """A row's name with the data's time step and the widths actually trained."""
    if group == "days":
        return f"linear, {k} {step}{'s' if k > 1 else ''}"
    if group == "relus":
        return f"{hidden[0]} ReLU"
    return f"{len(hidden)} layer{'s' if len(hidden) > 1 else ''} of {hidden[0]} ReLU"


def _pm(mean: float, std: float | None) -> str:
    """mean ± std to 3 significant digits of the mean."""
    decimals = max(0, 2 - math.floor(math.log10(abs(mean)))) if mean else 2
    return f"{mean:.{decimals}f}" + ("" if std is None else f" ± {std:.{decimals}f}")


@dataclass(frozen=True)
class OneDayFit:
    """The one-feature linear model y = b + w x1 (least squares), as the book reports w*, b*, L."""

    name: str
    unit: str
    step: str
    n: int
    w: float                      # unit-free: the same on standardised and original data
    b: float                      # standardised units
    b_original: float             # original units (riders/hour or °C)
    train_mae: float              # original units
    train_mae_standardised: float

    def describe(self) -> str:
        return (
            f"one-{self.step} linear model y = b + w x1, least squares on {self.n} fitting rows:\n"
            f"  w* = {self.w:.2f}, b* = {self.b_original:.3g} {self.unit}, L = {self.train_mae:.3g} "
            f"{self.unit} (MAE)   "
            f"[standardised: b* = {self.b:.3f}, L = {self.train_mae_standardised:.3f}]\n"
            "  book (daily views): w* = 0.97, b* = 0.1k, L = 0.48k"
        )


# ---------------------------------------------------------------------- cache
def cache_dir() -> Path:
    """$EXPLAINER_CACHE_DIR/experiments if set, else <repo>/media/cache/experiments."""
    return (env_cache_dir() or DEFAULT_CACHE_ROOT) / "experiments"


def cache_path(name: str = "bikeshare", reduced: bool = False) -> Path:
    """Where ``load_or_run(name, reduced)`` keeps its JSON."""
    return cache_dir() / f"{name}{'-reduced' if reduced else ''}.json"


def load_or_run_with(path: Path, expected_protocol: dict, compute: Callable[[], ExperimentTable],
                     rerun: bool = False) -> ExperimentTable:
    """Return the table cached at ``path`` if its protocol is ``expected_protocol``; else compute it."""
    if path.exists() and not rerun:
        try:
            table = ExperimentTable.read_json(path)
        except (OSError, ValueError) as exc:
            warnings.warn(f"experiment cache {path} is unreadable ({exc}); recomputing", stacklevel=3)
        else:
            if table.protocol == expected_protocol:
                return table
            warnings.warn(f"experiment cache {path} was made with another protocol or version; "
                          "recomputing", stacklevel=3)
    table = compute()
    table.write_json(path)
    return table
