"""Model inputs from the shipped real series (``mathcore.series``), and synthetic data.

``windows(k)`` builds the book's model input: column ``j`` of ``X`` is the value
``j + 1`` steps before the target (``x1`` = the previous hour/day). A window is
kept only if all ``k`` previous time steps exist, so no window crosses a gap.
Features and target are standardised with ONE scalar mean/std, taken from the
targets of the fitting part (``y_train``) only.

``one_feature_relation`` gives real one-feature points for ReLU fits, and
``synthetic_piecewise`` / ``synthetic_linear`` data with a known answer. The series
themselves (``load``, ``DATASETS``, ``Series``) are re-exported from ``mathcore.series``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from mathcore.series import DATASETS, Series, check_name, load  # noqa: F401  (re-exported)
from mathcore.validation import (
    check_choice,
    check_finite_float,
    check_positive_int,
    check_unit_interval,
    refuse_complex,
)


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


def _why_unusable(name: str, run: np.ndarray, mask: np.ndarray, k: int, val_fraction: float,
                  path: str | Path | None) -> str:
    """Why ``windows(k, name, val_fraction)`` has too few rows, and which of k and val_fraction to lower."""
    kmax = max_usable_k(name, val_fraction, path)
    reason = (f"k={k} leaves too few rows in {name!r} (windows never cross a gap, and the fitting, validation "
              f"and unseen parts each need a row)")
    if kmax >= 1:
        return f"{reason}; the largest usable k is {kmax}: lower k"
    if _usable(run, mask, k, 0.0):  # no k works with this validation share: it leaves too few fitting rows
        n_fit, n_val, _ = _split_counts(run, mask, k, val_fraction)
        n_period = n_fit + n_val
        largest = math.floor((n_period - 2) / n_period * 1e4) / 1e4  # keeps >= 2 fitting rows (for the std)
        return (f"val_fraction={val_fraction:g} leaves {n_fit} of the {n_period} training-period rows of {name!r} "
                f"(k={k}) for fitting, and the standardisation needs 2; lower val_fraction to at most "
                f"{largest:g} (the default is 0.2)")
    return (f"{reason}, and val_fraction={val_fraction:g} leaves too few fitting rows for any k; lower "
            f"val_fraction and k (with the default val_fraction 0.2, k can be up to {max_usable_k(name, 0.2, path)})")


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
    name = check_name(name)
    k = check_positive_int("k", k)
    val_fraction = check_unit_interval("val_fraction", val_fraction)
    series = load(name, path)
    run, mask = _runs(series.time), series.is_train_target
    if not _usable(run, mask, k, val_fraction):
        raise ValueError(_why_unusable(name, run, mask, k, val_fraction, path))
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
    name = check_name(name)
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


def synthetic_piecewise(n: int = 200, seed: int = 0, noise: float = 0.1) -> SyntheticPiecewise:
    """``n`` sorted x ~ U[-3, 3] and y = a fixed piecewise linear curve + N(0, noise²).

    The true curve is ``np.interp(x, x_knots, y_knots)`` with 6 fixed knots
    (4 interior corners, one flat piece). Deterministic per ``seed``.
    """
    n = check_positive_int("n", n)
    noise = check_finite_float("noise", noise, minimum=0.0)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(_TRUE_X_KNOTS[0], _TRUE_X_KNOTS[-1], size=n))
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused just below, with its cause
        y = np.interp(x, _TRUE_X_KNOTS, _TRUE_Y_KNOTS) + noise * rng.standard_normal(n)
    _check_overflow(y, f"noise = {noise:g}", "use a smaller noise, such as 0.1")
    return SyntheticPiecewise(x, y, _TRUE_X_KNOTS.copy(), _TRUE_Y_KNOTS.copy())


def _check_overflow(y: np.ndarray, cause: str, fix: str) -> None:
    """Refuse values that overflowed float64 (a finite but enormous noise, w or b): name the cause and the fix."""
    if not np.all(np.isfinite(y)):
        bad = int(np.size(y) - np.count_nonzero(np.isfinite(y)))
        raise ValueError(f"{cause} is too large: {bad} of the {np.size(y)} y values overflow float64 "
                         f"(about ±1.8e308) to inf; {fix}")


def synthetic_linear(
    n: int = 100, w: float | np.ndarray = 0.97, b: float = 0.1, noise: float = 0.1, seed: int = 0
) -> SyntheticLinear:
    """``X`` ~ N(0, 1) of shape (n, len(w)) and ``y = b + X @ w + N(0, noise²)``.

    Defaults echo the book's one-day fit (w* = 0.97, b* = 0.1). Deterministic per ``seed``.
    """
    n = check_positive_int("n", n)
    noise = check_finite_float("noise", noise, minimum=0.0)
    refuse_complex("w", w)
    w_arr = np.atleast_1d(np.asarray(w, dtype=np.float64))
    if w_arr.ndim != 1 or len(w_arr) == 0 or not np.all(np.isfinite(w_arr)):
        raise ValueError(f"w must be a finite number or 1-D array of numbers, got {w!r}")
    b = check_finite_float("b", b)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, len(w_arr)))
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused just below, with its cause
        line = float(b) + X @ w_arr
        y = line + noise * rng.standard_normal(n)
    _check_overflow(line, f"w (largest |w| = {np.max(np.abs(w_arr)):g}) or b = {b:g}",
                    "use smaller weights w and bias b")
    _check_overflow(y, f"noise = {noise:g}", "use a smaller noise, such as 0.1")
    return SyntheticLinear(X, y, w_arr, float(b))
