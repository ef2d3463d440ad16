"""The shipped real series and previous-k windows (numpy and the csv module only).

Two real series ship in ``assets/data`` (origin, licence and sha256 in
``assets/data/SOURCE.md``):

- ``"bikeshare"`` (default): Capital Bikeshare riders per hour, Washington DC, 2011
  (UCI Bike Sharing, as redistributed in ISLP). 8,645 hourly rows; 115 of the
  8,760 hours of 2011 are missing. ``time`` = hours since 2011-01-01 00:00.
  Training targets: January-September; unseen targets: October-December.
- ``"seattle"``: daily maximum temperature in Seattle, 2012-2015 (NOAA, as shipped
  in vega-datasets), 1,461 days. ``time`` = days since 2012-01-01. Training
  targets: 2012-2014; unseen targets: 2015.

``windows(k)`` builds the book's model input: column ``j`` of ``X`` is the value
``j + 1`` steps before the target (``x1`` = the previous hour/day). A window is
kept only if all ``k`` previous time steps exist, so no window crosses a gap.
Features and target are standardised with ONE scalar mean/std, taken from the
targets of the fitting part (``y_train``) only.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import numbers
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NamedTuple

import numpy as np

from mathcore.storage import DATA_DIR
from mathcore.validation import check_choice, check_positive_int, check_unit_interval

DATASETS: tuple[str, ...] = ("bikeshare", "seattle")

_BIKE_START = _dt.datetime(2011, 1, 1)  # the ISLP file holds 2011 only (UCI yr = 0)


@dataclass(frozen=True, eq=False)
class Series:
    """One real series on an absolute integer time grid (gaps stay visible).

    ``time`` holds hours since 2011-01-01 00:00 (bikeshare) or days since
    2012-01-01 (seattle), as float64, strictly increasing. ``is_train_target``
    marks the points in the training period; ``split_time`` is the first time of
    the unseen period. Arrays are read-only.
    """

    name: str
    time: np.ndarray
    values: np.ndarray
    unit: str
    label: str
    step: str  # "hour" or "day"
    split_time: float
    is_train_target: np.ndarray
    dates: np.ndarray  # ISO strings, "2011-01-01 00:00" or "2012-01-01"
    year: np.ndarray
    month: np.ndarray  # 1..12
    day_of_year: np.ndarray  # 1..366
    hour: np.ndarray  # 0..23 (all 0 for daily data)

    @property
    def n_missing(self) -> int:
        """Number of time steps missing between the first and the last point."""
        return int(self.time[-1] - self.time[0] + 1 - len(self.time))


@dataclass(frozen=True, eq=False)
class Windows:
    """Previous-k windows, standardised, split chronologically.

    ``X_*[:, j]`` is the standardised value ``j + 1`` steps before the target at
    ``t_*``. Training period = targets before the split; its last ``val_fraction``
    (by time) is ``*_val`` for early stopping, the rest ``*_train``; ``*_train_full``
    is both. ``mean``/``std`` come from the original-unit ``y_train`` only.
    """

    name: str
    k: int
    unit: str
    mean: float
    std: float
    val_fraction: float
    X_train: np.ndarray
    y_train: np.ndarray
    t_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    t_val: np.ndarray
    X_unseen: np.ndarray
    y_unseen: np.ndarray
    t_unseen: np.ndarray
    X_train_full: np.ndarray
    y_train_full: np.ndarray
    t_train_full: np.ndarray

    def standardise(self, v: object) -> np.ndarray:
        """Original units -> standardised: ``(v - mean) / std``."""
        return (np.asarray(v, dtype=np.float64) - self.mean) / self.std

    def unstandardise(self, y: object) -> np.ndarray:
        """Standardised -> original units: ``y * std + mean``."""
        return np.asarray(y, dtype=np.float64) * self.std + self.mean

    def to_original_units(self, loss_value: object, loss: str = "mae") -> float | np.ndarray:
        """Convert a loss on standardised data to original units.

        MAE (and RMSE) scale by ``std``, MSE by ``std**2``. Accepts a number or
        an array (e.g. a loss curve); returns the same kind.
        """
        check_choice("loss", loss, ("mae", "mse", "rmse"))
        try:
            arr = np.asarray(loss_value, dtype=np.float64)
        except (TypeError, ValueError):
            arr = np.array(np.nan)
        if isinstance(loss_value, bool) or not np.all(np.isfinite(arr)) or np.any(arr < 0):
            raise ValueError(f"loss_value must be finite and >= 0, got {loss_value!r}")
        out = arr * (self.std**2 if loss == "mse" else self.std)
        return float(out) if out.ndim == 0 else out


class SyntheticPiecewise(NamedTuple):
    """Noisy samples of a known piecewise linear curve (``np.interp`` through the knots)."""

    x: np.ndarray
    y: np.ndarray
    x_knots: np.ndarray
    y_knots: np.ndarray


class SyntheticLinear(NamedTuple):
    """Samples of ``y = b + X @ w + noise``, ``X`` standard normal."""

    X: np.ndarray
    y: np.ndarray
    w: np.ndarray
    b: float


@dataclass(frozen=True, eq=False)
class Relation:
    """Real one-feature points for ReLU-fit scenes, sorted by ``x``.

    ``x`` is standardised with ``x_mean``/``x_std``; ``y`` with the ``windows(1)``
    mean/std (``y_mean``/``y_std``, original unit ``unit``).
    """

    name: str
    kind: str
    x: np.ndarray
    y: np.ndarray
    x_label: str
    y_label: str
    x_mean: float
    x_std: float
    y_mean: float
    y_std: float
    unit: str


# --------------------------------------------------------------------------- parsing


def _fail(path: Path, line: int, msg: str) -> ValueError:
    return ValueError(f"{path}: line {line}: {msg}")


def _read_rows(path: Path, required: tuple[str, ...]):
    """Yield (line_number, {column: text}) for each data row; check the header."""
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise ValueError(f"{path}: the file is empty (expected a header line)")
            header = [h.strip() for h in header]
            missing = [c for c in required if c not in header]
            if missing:
                raise _fail(path, 1, f"header lacks column(s) {missing}; found {header}")
            idx = {c: header.index(c) for c in required}
            for row in reader:
                if not row or all(not f.strip() for f in row):
                    continue
                if len(row) != len(header):
                    raise _fail(path, reader.line_num, f"{len(row)} fields, expected {len(header)}")
                yield reader.line_num, {c: row[i].strip() for c, i in idx.items()}
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc})") from None
    except csv.Error as exc:
        raise ValueError(f"{path}: malformed CSV: {exc}") from None


def _number(path: Path, line: int, col: str, text: str, integer: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _fail(path, line, f"column {col!r} value {text!r} is not a number") from None
    if not np.isfinite(value):
        raise _fail(path, line, f"column {col!r} value {text!r} is not finite")
    if integer and value != int(value):
        raise _fail(path, line, f"column {col!r} value {text!r} is not an integer")
    return value


def _bikeshare_row(path: Path, line: int, rec: dict[str, str]) -> tuple[_dt.datetime, float]:
    day = int(_number(path, line, "day", rec["day"], integer=True))
    hr = int(_number(path, line, "hr", rec["hr"], integer=True))
    bikers = _number(path, line, "bikers", rec["bikers"])
    if not 1 <= day <= 365:
        raise _fail(path, line, f"column 'day' value {day} is outside 1..365 (2011)")
    if not 0 <= hr <= 23:
        raise _fail(path, line, f"column 'hr' value {hr} is outside 0..23")
    if bikers < 0:
        raise _fail(path, line, f"column 'bikers' value {bikers} is negative")
    return _BIKE_START + _dt.timedelta(days=day - 1, hours=hr), bikers


def _seattle_row(path: Path, line: int, rec: dict[str, str]) -> tuple[_dt.datetime, float]:
    try:
        stamp = _dt.datetime.strptime(rec["date"].replace("-", "/"), "%Y/%m/%d")
    except ValueError:
        msg = f"column 'date' value {rec['date']!r} is not a YYYY/MM/DD date"
        raise _fail(path, line, msg) from None
    return stamp, _number(path, line, "temp_max", rec["temp_max"])


def _parse(path: Path, spec: _Spec) -> tuple[list[_dt.datetime], list[float]]:
    """Read ``path`` into time stamps and values; times must strictly increase."""
    stamps: list[_dt.datetime] = []
    values: list[float] = []
    last_line = 0
    for line, rec in _read_rows(path, spec.columns):
        stamp, value = spec.row(path, line, rec)
        if stamps and stamp <= stamps[-1]:
            raise _fail(path, line, f"time {stamp:%Y-%m-%d %H:%M} is not after line {last_line}'s")
        last_line = line
        stamps.append(stamp)
        values.append(value)
    return stamps, values


@dataclass(frozen=True)
class _Spec:
    file: str
    columns: tuple[str, ...]
    row: Callable[[Path, int, dict[str, str]], tuple[_dt.datetime, float]]
    unit: str
    label: str
    step: str  # "hour" or "day"
    epoch: _dt.datetime
    split: _dt.datetime  # first target time of the unseen period


_SPECS: dict[str, _Spec] = {
    "bikeshare": _Spec(
        "bikeshare.csv", ("day", "hr", "bikers"), _bikeshare_row, "riders/hour",
        "Capital Bikeshare riders per hour, Washington DC, 2011", "hour",
        _BIKE_START, _dt.datetime(2011, 10, 1),
    ),
    "seattle": _Spec(
        "seattle-weather.csv", ("date", "temp_max"), _seattle_row, "°C",
        "Seattle daily maximum temperature, 2012-2015", "day",
        _dt.datetime(2012, 1, 1), _dt.datetime(2015, 1, 1),
    ),
}


def _check_name(name: object) -> str:
    return check_choice("data set name", name, DATASETS)


def _frozen(values: list, dtype) -> np.ndarray:
    arr = np.asarray(values, dtype=dtype)
    arr.setflags(write=False)
    return arr


@functools.lru_cache(maxsize=16)
def _load_cached(name: str, path: str, mtime_ns: int, size: int) -> Series:
    spec = _SPECS[name]
    stamps, values = _parse(Path(path), spec)
    if not stamps:
        raise ValueError(f"{path}: no data rows after the header")
    step = _dt.timedelta(**{spec.step + "s": 1})
    time = _frozen([(s - spec.epoch) // step for s in stamps], np.float64)
    split = float((spec.split - spec.epoch) // step)
    fmt = "%Y-%m-%d %H:%M" if spec.step == "hour" else "%Y-%m-%d"
    return Series(
        name=name, time=time, values=_frozen(values, np.float64), unit=spec.unit,
        label=spec.label, step=spec.step, split_time=split,
        is_train_target=_frozen(time < split, bool),
        dates=_frozen([s.strftime(fmt) for s in stamps], str),
        year=_frozen([s.year for s in stamps], np.int64),
        month=_frozen([s.month for s in stamps], np.int64),
        day_of_year=_frozen([s.timetuple().tm_yday for s in stamps], np.int64),
        hour=_frozen([s.hour for s in stamps], np.int64),
    )


def load(name: str = "bikeshare", path: str | Path | None = None) -> Series:
    """Parse a shipped series (or the CSV at ``path`` in the same format).

    Raises ``ValueError`` for an unknown name (listing the names) or a malformed
    file (naming the file and line), ``FileNotFoundError`` for a missing file.
    """
    name = _check_name(name)
    p = Path(path) if path is not None else DATA_DIR / _SPECS[name].file
    p = p.resolve()
    if not p.is_file():
        raise FileNotFoundError(
            f"data file for {name!r} not found: {p} (the CSVs ship in assets/data; see SOURCE.md)"
        )
    st = p.stat()
    return _load_cached(name, str(p), st.st_mtime_ns, st.st_size)


# --------------------------------------------------------------------------- windows


def _runs(time: np.ndarray) -> np.ndarray:
    """run[i] = how many consecutive time steps directly before time[i] are present."""
    idx = np.arange(len(time))
    starts = np.where(np.r_[True, np.diff(time) != 1], idx, 0)  # first index of each gapless run
    return idx - np.maximum.accumulate(starts)


def _split_counts(run: np.ndarray, train_mask: np.ndarray, k: int, val_fraction: float) -> tuple:
    ok = run >= k
    n_period = int(np.count_nonzero(ok & train_mask))
    n_val = int(round(val_fraction * n_period))
    if val_fraction > 0 and n_period >= 2:
        n_val = min(max(n_val, 1), n_period - 1)
    return n_period - n_val, n_val, int(np.count_nonzero(ok & ~train_mask))


def _usable(run: np.ndarray, train_mask: np.ndarray, k: int, val_fraction: float) -> bool:
    n_fit, n_val, n_unseen = _split_counts(run, train_mask, k, val_fraction)
    return n_fit >= 2 and n_unseen >= 1 and (n_val >= 1 or val_fraction == 0)


def max_usable_k(
    name: str = "bikeshare", val_fraction: float = 0.2, path: str | Path | None = None
) -> int:
    """The largest ``k`` leaving >= 2 fitting rows (for the std), >= 1 validation and unseen row."""
    val_fraction = check_unit_interval("val_fraction", val_fraction)
    series = load(name, path)
    run, mask = _runs(series.time), series.is_train_target
    lo, hi = 0, int(run.max())  # _usable is monotone in k: fewer windows as k grows
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if _usable(run, mask, mid, val_fraction) else (lo, mid - 1)
    return lo


def windows(
    k: int, name: str = "bikeshare", val_fraction: float = 0.2, path: str | Path | None = None
) -> Windows:
    """Previous-``k`` windows of a series, standardised, split by target time.

    A target at time ``t`` gets a row only if ``t-1, ..., t-k`` are all present.
    ``X[:, j]`` is the value at ``t - (j + 1)``. Training-period targets
    (bikeshare: Jan-Sep; seattle: 2012-2014) are cut chronologically: the last
    ``round(val_fraction * n)`` rows are ``*_val``, the rest ``*_train``. Unseen
    targets (Oct-Dec / 2015) may use lagged values from the training period, as in
    the book. ``mean``/``std`` are from ``y_train`` (original units) only.
    """
    name = _check_name(name)
    k = check_positive_int("k", k)
    val_fraction = check_unit_interval("val_fraction", val_fraction)
    series = load(name, path)
    run, mask = _runs(series.time), series.is_train_target
    if not _usable(run, mask, k, val_fraction):
        kmax = max_usable_k(name, val_fraction, path)
        raise ValueError(
            f"k={k} leaves too few rows in {name!r} (windows never cross a gap, and the fitting, "
            f"validation and unseen parts each need a row); the largest usable k is {kmax}"
        )
    rows = np.flatnonzero(run >= k)
    lags = rows[:, None] - np.arange(1, k + 1)[None, :]
    X_raw, y_raw, t = series.values[lags], series.values[rows], series.time[rows]
    in_train = mask[rows]
    n_fit, n_val, _ = _split_counts(run, mask, k, val_fraction)
    tr = np.flatnonzero(in_train)
    fit, val, unseen = tr[:n_fit], tr[n_fit:], np.flatnonzero(~in_train)
    mean = float(np.mean(y_raw[fit]))
    std = float(np.std(y_raw[fit]))
    if not std > 0:
        raise ValueError(f"the fitting targets of {name!r} are constant; cannot standardise")
    Xs, ys = (X_raw - mean) / std, (y_raw - mean) / std
    return Windows(
        name=name, k=k, unit=series.unit, mean=mean, std=std, val_fraction=val_fraction,
        X_train=Xs[fit], y_train=ys[fit], t_train=t[fit],
        X_val=Xs[val], y_val=ys[val], t_val=t[val],
        X_unseen=Xs[unseen], y_unseen=ys[unseen], t_unseen=t[unseen],
        X_train_full=Xs[tr], y_train_full=ys[tr], t_train_full=t[tr],
    )


def one_feature_relation(
    name: str = "bikeshare", kind: str = "cycle", n: int = 200, seed: int = 0
) -> Relation:
    """Real (x, y) points for one-feature ReLU fits, from the fitting rows of ``windows(1)``.

    ``kind="cycle"``: x = hour of day (bikeshare) or day of year (seattle) of the
    target, y = the value then (a strongly bent curve). ``kind="lag1"``: x = the
    previous hour's/day's value, y = the value now (nearly a line). Up to ``n``
    rows are drawn without replacement by ``seed``, then sorted by x. Only training
    rows are used, so the unseen period stays unseen.
    """
    name = _check_name(name)
    check_choice("kind", kind, ("cycle", "lag1"))
    n = check_positive_int("n", n)
    w = windows(1, name)
    series = load(name)
    rng = np.random.default_rng(seed)
    pick = np.sort(rng.choice(len(w.y_train), size=min(n, len(w.y_train)), replace=False))
    y = w.y_train[pick]
    step = series.step
    if kind == "lag1":
        x = w.X_train[pick, 0]
        x_mean, x_std, x_label = w.mean, w.std, f"{w.unit} one {step} before"
    else:
        idx = np.searchsorted(series.time, w.t_train)
        pos = (series.hour if step == "hour" else series.day_of_year)[idx].astype(np.float64)
        x_mean, x_std = float(pos.mean()), float(pos.std())
        x = (pos[pick] - x_mean) / x_std
        x_label = "hour of day" if step == "hour" else "day of year"
    order = np.argsort(x, kind="stable")
    return Relation(
        name=name, kind=kind, x=x[order], y=y[order], x_label=x_label, y_label=f"{w.unit} now",
        x_mean=x_mean, x_std=x_std, y_mean=w.mean, y_std=w.std, unit=w.unit,
    )


# --------------------------------------------------------------------------- synthetic

_TRUE_X_KNOTS = np.array([-3.0, -1.5, 0.0, 1.0, 2.0, 3.0])
_TRUE_Y_KNOTS = np.array([1.0, -0.5, 0.5, 0.5, 2.0, 1.0])


def _check_noise(noise: object) -> float:
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not 0 <= noise < np.inf:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    return float(noise)


def synthetic_piecewise(n: int = 200, seed: int = 0, noise: float = 0.1) -> SyntheticPiecewise:
    """``n`` sorted x ~ U[-3, 3] and y = a fixed piecewise linear curve + N(0, noise²).

    The true curve is ``np.interp(x, x_knots, y_knots)`` with 6 fixed knots
    (4 interior corners, one flat piece). Deterministic per ``seed``.
    """
    n = check_positive_int("n", n)
    noise = _check_noise(noise)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(_TRUE_X_KNOTS[0], _TRUE_X_KNOTS[-1], size=n))
    y = np.interp(x, _TRUE_X_KNOTS, _TRUE_Y_KNOTS) + noise * rng.standard_normal(n)
    return SyntheticPiecewise(x, y, _TRUE_X_KNOTS.copy(), _TRUE_Y_KNOTS.copy())


def synthetic_linear(
    n: int = 100, w: float | np.ndarray = 0.97, b: float = 0.1, noise: float = 0.1, seed: int = 0
) -> SyntheticLinear:
    """``X`` ~ N(0, 1) of shape (n, len(w)) and ``y = b + X @ w + N(0, noise²)``.

    Defaults echo the book's one-day fit (w* = 0.97, b* = 0.1). Deterministic per ``seed``.
    """
    n = check_positive_int("n", n)
    noise = _check_noise(noise)
    w_arr = np.atleast_1d(np.asarray(w, dtype=np.float64))
    if w_arr.ndim != 1 or len(w_arr) == 0 or not np.all(np.isfinite(w_arr)):
        raise ValueError(f"w must be a finite number or 1-D array of numbers, got {w!r}")
    if isinstance(b, bool) or not isinstance(b, numbers.Real) or not np.isfinite(b):
        raise ValueError(f"b must be a finite number, got {b!r}")
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, len(w_arr)))
    y = float(b) + X @ w_arr + noise * rng.standard_normal(n)
    return SyntheticLinear(X, y, w_arr, float(b))
