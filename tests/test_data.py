"""Tests for mathcore.data: the shipped series, windows, splits and bad inputs."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import pytest

from mathcore import data

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
BIKE_HEADER = (
    '"season","mnth","day","hr","holiday","weekday","workingday","weathersit","temp",'
    '"atemp","hum","windspeed","casual","registered","bikers"'
)


def _bike_line(day: int, hr: int, bikers: object) -> str:
    return f'1,"Jan",{day},"{hr}",0,6,0,"clear",0.24,0.2879,0.81,0,3,13,{bikers}'


# ----------------------------------------------------------------------------- shipped files


def test_shipped_files_match_source_md():
    source = (ROOT / "assets" / "data" / "SOURCE.md").read_text(encoding="utf-8")
    for name in ("bikeshare.csv", "seattle-weather.csv"):
        digest = hashlib.sha256((ROOT / "assets" / "data" / name).read_bytes()).hexdigest()
        assert digest in source, name


def test_bikeshare_facts():
    s = data.load()
    assert s.name == "bikeshare" and s.unit == "riders/hour"
    assert len(s.time) == len(s.values) == 8645
    assert s.n_missing == 115
    assert 8760 - len(s.time) == 115
    assert np.all(np.diff(s.time) >= 1) and s.time[0] == 0 and s.time[-1] == 8759
    assert s.values.dtype == np.float64 and s.values.min() == 1 and s.values.max() == 651
    assert s.dates[0] == "2011-01-01 00:00" and s.dates[-1] == "2011-12-31 23:00"
    assert np.array_equal(s.time, (s.day_of_year - 1) * 24 + s.hour)
    with pytest.raises(ValueError):
        s.values[0] = 0.0  # read-only


def test_bikeshare_month_column_agrees_with_derived_dates():
    with open(ROOT / "assets" / "data" / "bikeshare.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    s = data.load()
    mnth = np.array([MONTHS.index(r["mnth"]) + 1 for r in rows])
    assert np.array_equal(mnth, s.month)
    assert np.array_equal(np.array([float(r["bikers"]) for r in rows]), s.values)


def test_seattle_facts():
    s = data.load("seattle")
    assert len(s.time) == 1461 and s.n_missing == 0 and s.unit == "°C"
    assert s.dates[0] == "2012-01-01" and s.dates[-1] == "2015-12-31"
    assert np.array_equal(s.time, np.arange(1461))
    assert s.values[0] == 12.8 and s.values.min() == -1.6 and s.values.max() == 35.6


def test_train_target_mask_is_the_calendar_split():
    b = data.load("bikeshare")
    assert np.array_equal(b.is_train_target, b.month <= 9)
    z = data.load("seattle")
    assert np.array_equal(z.is_train_target, z.year <= 2014)


# ----------------------------------------------------------------------------- windows


@pytest.mark.parametrize("name", data.DATASETS)
@pytest.mark.parametrize("k", [1, 7, 28, 56])
def test_windows_follow_real_time(name, k):
    s = data.load(name)
    w = data.windows(k, name)
    value_at = dict(zip(s.time.tolist(), s.values.tolist()))
    for X, y, t in ((w.X_train, w.y_train, w.t_train), (w.X_val, w.y_val, w.t_val),
                    (w.X_unseen, w.y_unseen, w.t_unseen)):
        assert X.shape == (len(y), k) and t.shape == y.shape
        assert X.dtype == y.dtype == np.float64
        lag_times = t[:, None] - np.arange(1, k + 1)[None, :]
        # every lag exists: no window crosses a gap ...
        assert all(tt in value_at for tt in np.unique(lag_times).tolist())
        # ... and column j really is the value j + 1 steps before the target
        raw = np.vectorize(value_at.__getitem__)(lag_times)
        np.testing.assert_allclose(w.unstandardise(X), raw, rtol=0, atol=1e-9)
        target = [value_at[tt] for tt in t.tolist()]
        np.testing.assert_allclose(w.unstandardise(y), target, rtol=0, atol=1e-9)
    # every target whose previous k steps exist is used, exactly once
    have = set(s.time.tolist())
    expected = [tt for tt in s.time.tolist() if all(tt - j in have for j in range(1, k + 1))]
    all_t = np.concatenate([w.t_train, w.t_val, w.t_unseen])
    assert all_t.tolist() == expected


def test_bikeshare_windows_skip_gaps():
    # 2011-01-02 05:00 (t = 29) is missing: the target at 06:00 (t = 30) has no k=1 row
    s = data.load()
    assert 29 not in s.time and 30 in s.time
    w = data.windows(1)
    assert 30 not in w.t_train and 31 in w.t_train


@pytest.mark.parametrize("k", [1, 7, 28, 56])
def test_split_by_month_and_chronology(k):
    s = data.load()
    w = data.windows(k)
    month = dict(zip(s.time.tolist(), s.month.tolist()))
    assert max(month[t] for t in w.t_train_full.tolist()) == 9
    assert min(month[t] for t in w.t_unseen.tolist()) == 10
    assert w.t_train.max() < w.t_val.min()  # validation is the last part of the training period
    assert np.array_equal(w.t_train_full, np.concatenate([w.t_train, w.t_val]))
    np.testing.assert_array_equal(w.X_train_full, np.vstack([w.X_train, w.X_val]))
    n = len(w.y_train_full)
    assert len(w.y_val) == round(0.2 * n)


def test_seattle_split_by_year_and_next_day_target():
    s = data.load("seattle")
    w = data.windows(1, "seattle")
    year = dict(zip(s.time.tolist(), s.year.tolist()))
    assert {year[t] for t in w.t_train_full.tolist()} == {2012, 2013, 2014}
    assert {year[t] for t in w.t_unseen.tolist()} == {2015}
    assert len(w.y_unseen) == 365 and len(w.y_train_full) == 1095  # 2012-01-01 has no yesterday
    # the first unseen target (2015-01-01) is predicted from 2014-12-31
    assert s.dates[int(w.t_unseen[0])] == "2015-01-01"
    assert w.unstandardise(w.X_unseen[0, 0]) == pytest.approx(s.values[int(w.t_unseen[0]) - 1])


def test_known_sizes():
    sizes = {k: (len(w.y_train), len(w.y_val), len(w.y_unseen))
             for k in (1, 7, 28, 56) for w in [data.windows(k)]}
    assert sizes == {1: (5109, 1277, 2198), 7: (4845, 1211, 2168),
                     28: (4071, 1018, 2069), 56: (3594, 899, 1965)}
    sizes = {k: (len(w.y_train), len(w.y_val), len(w.y_unseen))
             for k in (1, 7, 28, 56) for w in [data.windows(k, "seattle")]}
    assert sizes == {1: (876, 219, 365), 7: (871, 218, 365),
                     28: (854, 214, 365), 56: (832, 208, 365)}


@pytest.mark.parametrize("name", data.DATASETS)
def test_standardisation_uses_fitting_targets_only(name):
    s = data.load(name)
    w = data.windows(7, name)
    raw_train = w.unstandardise(w.y_train)
    assert w.mean == pytest.approx(raw_train.mean()) and w.std == pytest.approx(raw_train.std())
    assert abs(w.y_train.mean()) < 1e-12 and w.y_train.std() == pytest.approx(1.0)
    # the unseen and validation targets are not forced to mean 0 / std 1
    assert abs(w.y_unseen.mean()) > 0.01 and abs(w.y_val.mean()) > 0.01
    # the unseen period's values would give other statistics
    assert w.mean != pytest.approx(s.values[~s.is_train_target].mean(), rel=1e-3)
    # same scalar for features and target: x1 of the row after t is the target at t
    i = np.flatnonzero(np.diff(w.t_train) == 1)[0]
    assert w.X_train[i + 1, 0] == w.y_train[i]


def test_val_fraction_zero_and_other():
    w = data.windows(3, val_fraction=0.0)
    assert w.X_val.shape == (0, 3) and len(w.y_train) == len(w.y_train_full)
    w5 = data.windows(3, val_fraction=0.5)
    assert abs(len(w5.y_val) - len(w5.y_train)) <= 1


def test_to_original_units():
    w = data.windows(1)
    assert w.to_original_units(0.5) == pytest.approx(0.5 * w.std)
    assert w.to_original_units(0.5, loss="mae") == pytest.approx(0.5 * w.std)
    assert w.to_original_units(0.5, loss="mse") == pytest.approx(0.5 * w.std**2)
    assert isinstance(w.to_original_units(0.5), float)
    np.testing.assert_allclose(w.to_original_units(np.array([1.0, 2.0])), [w.std, 2 * w.std])
    # a real MAE computed both ways agrees
    pred = w.X_unseen[:, 0]  # "same as one hour ago"
    mae_std = np.mean(np.abs(pred - w.y_unseen))
    mae_raw = np.mean(np.abs(w.unstandardise(pred) - w.unstandardise(w.y_unseen)))
    assert w.to_original_units(mae_std, "mae") == pytest.approx(mae_raw)
    mse_std = np.mean((pred - w.y_unseen) ** 2)
    mse_raw = np.mean((w.unstandardise(pred) - w.unstandardise(w.y_unseen)) ** 2)
    assert w.to_original_units(mse_std, "mse") == pytest.approx(mse_raw)
    np.testing.assert_allclose(w.standardise(w.unstandardise(w.y_val)), w.y_val)
    with pytest.raises(ValueError, match="loss"):
        w.to_original_units(0.5, loss="huber")
    with pytest.raises(ValueError, match="loss_value"):
        w.to_original_units(-1.0)
    with pytest.raises(ValueError, match="loss_value"):
        w.to_original_units(float("nan"))


def test_one_feature_relation():
    r = data.one_feature_relation()
    assert len(r.x) == len(r.y) == 200 and np.all(np.diff(r.x) >= 0)
    hours = np.round(r.x * r.x_std + r.x_mean)
    assert set(hours.tolist()) <= set(range(24)) and r.x_label == "hour of day"
    r2 = data.one_feature_relation()
    np.testing.assert_array_equal(r.x, r2.x)
    np.testing.assert_array_equal(r.y, r2.y)
    assert not np.array_equal(r.y, data.one_feature_relation(seed=1).y)
    w = data.windows(1)
    assert set(r.y.tolist()) <= set(w.y_train.tolist())  # training rows only
    lag = data.one_feature_relation("seattle", kind="lag1", n=50)
    assert len(lag.x) == 50 and np.corrcoef(lag.x, lag.y)[0, 1] > 0.8
    with pytest.raises(ValueError, match="kind"):
        data.one_feature_relation(kind="weekday")


# ----------------------------------------------------------------------------- bad inputs


def test_unknown_name_lists_the_names():
    for call in (lambda: data.load("iris"), lambda: data.windows(1, "iris")):
        with pytest.raises(ValueError, match="'bikeshare', 'seattle'"):
            call()


@pytest.mark.parametrize("k", [0, -3])
def test_nonpositive_k(k):
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        data.windows(k)


@pytest.mark.parametrize("k", [1.5, "7", True, None])
def test_non_int_k(k):
    with pytest.raises(TypeError, match="k must be an integer"):
        data.windows(k)


def test_k_too_large_names_max_usable_k():
    kmax = data.max_usable_k("seattle")
    # k = 1093 leaves the training targets 2014-12-29..31: two to fit (a std needs two),
    # one to validate
    assert kmax == 1093
    data.windows(kmax, "seattle")
    with pytest.raises(ValueError, match=f"largest usable k is {kmax}"):
        data.windows(kmax + 1, "seattle")
    bk = data.max_usable_k("bikeshare")
    data.windows(bk)
    with pytest.raises(ValueError, match=f"largest usable k is {bk}"):
        data.windows(10_000)


def test_bad_val_fraction():
    with pytest.raises(ValueError, match="val_fraction"):
        data.windows(1, val_fraction=1.0)


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(FileNotFoundError, match="nope.csv"):
        data.load("bikeshare", path=missing)
    with pytest.raises(FileNotFoundError, match="nope.csv"):
        data.windows(1, path=missing)


def _write(tmp_path, lines, name="bad.csv"):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_non_numeric_bikers_names_file_and_line(tmp_path):
    lines = [BIKE_HEADER] + [_bike_line(1, h, 10 + h) for h in range(20)]
    lines[16] = _bike_line(1, 15, "lots")  # file line 17
    p = _write(tmp_path, lines)
    with pytest.raises(ValueError, match=r"bad\.csv: line 17: column 'bikers' value 'lots'"):
        data.load(path=p)


@pytest.mark.parametrize(
    "bad, pattern",
    [
        (_bike_line(1, 24, 5), r"line 4: column 'hr' value 24"),
        (_bike_line(0, 3, 5), r"line 4: column 'day' value 0"),
        (_bike_line(1, 3, -5), r"line 4: column 'bikers' value -5"),
        (_bike_line(1, 3, "nan"), r"line 4: column 'bikers' value 'nan' is not finite"),
        (_bike_line(1, "2.5", 5), r"line 4: column 'hr' value '2.5' is not an integer"),
        (_bike_line(1, 1, 5), r"line 4: time 2011-01-01 01:00 is not after line 3"),
        ('1,"Jan",1,"3"', r"line 4: 4 fields, expected 15"),
    ],
)
def test_malformed_bikeshare_rows(tmp_path, bad, pattern):
    p = _write(tmp_path, [BIKE_HEADER, _bike_line(1, 0, 5), _bike_line(1, 1, 6), bad])
    with pytest.raises(ValueError, match=r"bad\.csv: " + pattern):
        data.load(path=p)


def test_missing_column_empty_file_and_seattle_dates(tmp_path):
    p = _write(tmp_path, ["day,hr,riders", "1,0,3"])
    pattern = r"bad\.csv: line 1: header lacks column\(s\) \['bikers'\]"
    with pytest.raises(ValueError, match=pattern):
        data.load(path=p)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match=r"empty\.csv.*empty"):
        data.load(path=empty)
    header_only = _write(tmp_path, [BIKE_HEADER], "header.csv")
    with pytest.raises(ValueError, match=r"header\.csv: no data rows"):
        data.load(path=header_only)
    p = _write(tmp_path, ["date,temp_max", "2012/01/01,3.0", "2012/13/01,4.0"], "sea.csv")
    with pytest.raises(ValueError, match=r"sea\.csv: line 3: column 'date' value '2012/13/01'"):
        data.load("seattle", path=p)
    p = _write(tmp_path, ["date,temp_max", "2012/01/01,3.0", "2012/01/02,warm"], "sea2.csv")
    with pytest.raises(ValueError, match=r"sea2\.csv: line 3: column 'temp_max' value 'warm'"):
        data.load("seattle", path=p)


def test_small_custom_file_windows_and_gap(tmp_path):
    # 2014-12-25 .. 2015-01-03 with 2014-12-31 missing; values 1, 2, 3, ...
    days = [f"2014/12/{d}" for d in range(25, 31)] + [f"2015/01/0{d}" for d in range(1, 4)]
    lines = ["date,temp_max"] + [f"{d},{i + 1}.0" for i, d in enumerate(days)]
    p = _write(tmp_path, lines, "s.csv")
    s = data.load("seattle", path=p)
    assert s.n_missing == 1 and s.time[0] == 365 + 366 + 365 - 7
    w = data.windows(1, "seattle", val_fraction=0.5, path=p)
    assert w.unstandardise(w.y_train).tolist() == [2.0, 3.0, 4.0]
    assert w.unstandardise(w.y_val).tolist() == [5.0, 6.0]
    assert w.unstandardise(w.y_unseen).tolist() == [8.0, 9.0]  # 2015-01-01 has no yesterday
    assert w.mean == pytest.approx(3.0)
    assert data.max_usable_k("seattle", 0.5, path=p) == 2
    with pytest.raises(ValueError, match="largest usable k is 2"):
        data.windows(3, "seattle", val_fraction=0.5, path=p)


# ----------------------------------------------------------------------------- synthetic


def test_synthetic_piecewise():
    a = data.synthetic_piecewise(n=300, seed=3, noise=0.1)
    b = data.synthetic_piecewise(n=300, seed=3, noise=0.1)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a.y, data.synthetic_piecewise(n=300, seed=4).y)
    x, y, xk, yk = a
    assert x.shape == y.shape == (300,) and np.all(np.diff(x) >= 0)
    assert xk[0] <= x.min() and x.max() <= xk[-1] and len(xk) == len(yk) >= 3
    resid = y - np.interp(x, xk, yk)
    assert abs(resid.std() - 0.1) < 0.02
    clean = data.synthetic_piecewise(n=50, seed=0, noise=0.0)
    np.testing.assert_allclose(clean.y, np.interp(clean.x, clean.x_knots, clean.y_knots))
    with pytest.raises(ValueError, match="noise"):
        data.synthetic_piecewise(noise=-1.0)
    with pytest.raises(ValueError, match="n must be"):
        data.synthetic_piecewise(n=0)


def test_synthetic_linear():
    X, y, w, b = data.synthetic_linear(n=2000, w=0.97, b=0.1, noise=0.05, seed=1)
    assert X.shape == (2000, 1) and y.shape == (2000,)
    A = np.column_stack([np.ones(len(X)), X])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    assert coef[0] == pytest.approx(0.1, abs=0.01) and coef[1] == pytest.approx(0.97, abs=0.01)
    again = data.synthetic_linear(n=2000, w=0.97, b=0.1, noise=0.05, seed=1)
    np.testing.assert_array_equal(y, again.y)
    multi = data.synthetic_linear(n=10, w=[1.0, -2.0, 0.5], b=0.0, noise=0.0, seed=0)
    np.testing.assert_allclose(multi.y, multi.X @ np.array([1.0, -2.0, 0.5]))
    with pytest.raises(ValueError, match="w must be"):
        data.synthetic_linear(w=[[1.0]])
