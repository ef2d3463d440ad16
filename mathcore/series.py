"""The shipped real series: one table (``_SPECS``), their CSV parsing, and ``load(name)``.

Two real series ship in ``assets/data`` (origin, licence and sha256 in
``assets/data/SOURCE.md``):

- ``"bikeshare"`` (default): Capital Bikeshare riders per hour, Washington DC, 2011
  (UCI Bike Sharing, as redistributed in ISLP). 8,645 hourly rows; 115 of the
  8,760 hours of 2011 are missing. ``time`` = hours since 2011-01-01 00:00.
  Training targets: January-September; unseen targets: October-December.
- ``"seattle"``: daily maximum temperature in Seattle, 2012-2015 (NOAA, as shipped
  in vega-datasets), 1,461 days. ``time`` = days since 2012-01-01. Training
  targets: 2012-2014; unseen targets: 2015.

Adding a series is one ``_Spec`` entry (file, columns, row parser, unit, split date).
``mathcore.data`` builds the model inputs from these series.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from mathcore.storage import DATA_DIR
from mathcore.validation import check_choice

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


#: The shipped series by name; adding one is one entry in ``_SPECS`` (and its CSV).
DATASETS: tuple[str, ...] = tuple(_SPECS)


def check_name(name: object) -> str:
    """``name`` if it is a shipped series, else a ValueError listing them."""
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
    name = check_name(name)
    p = Path(path) if path is not None else DATA_DIR / _SPECS[name].file
    p = p.resolve()
    if not p.is_file():
        raise FileNotFoundError(
            f"data file for {name!r} not found: {p} (the CSVs ship in assets/data; see SOURCE.md)"
        )
    st = p.stat()
    return _load_cached(name, str(p), st.st_mtime_ns, st.st_size)
