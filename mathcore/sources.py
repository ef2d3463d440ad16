"""Where a run's data comes from: ONE table, ``SOURCES``, one entry per kind of data.

Each entry is a frozen dataclass (its fields are the config keys, with defaults and
checks) that says how many inputs the model gets, which shipped series it reads (so
the cache key can include that file's digest), whether it has validation data, and how
to load its arrays. To add a data source, write one such class and add it to
``SOURCES``; the run config, its checks, its cache key and ``training_data`` follow.

- ``windows``: ``mathcore.data.windows(k, name, val_fraction)``; trains on
  ``X_train``/``y_train`` and validates on ``X_val``/``y_val`` (when non-empty).
- ``relation``: ``mathcore.data.one_feature_relation(name, kind, n, seed)``.
- ``synthetic_piecewise``: ``mathcore.data.synthetic_piecewise(n, seed, noise)``.
- ``synthetic_linear``: ``mathcore.data.synthetic_linear(n, w, b, noise, seed)``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from mathcore import data as _data
from mathcore.spec_fields import (
    ConfigError,
    Path,
    after_key,
    as_dict,
    build,
    checked,
    fields_as_dict,
    key_is_subject,
    where,
)
from mathcore.validation import (
    check_choice,
    check_finite_float,
    check_positive_int,
    check_seed,
    check_unit_interval,
)


@dataclass(frozen=True, eq=False)
class TrainingData:
    """The arrays a run trains on. ``X_*`` are (N, n_inputs); ``y_*`` are (N,).

    ``X_val``/``y_val`` and ``X_unseen``/``y_unseen`` are None where the source has
    none. ``meta`` holds what scenes need to label the data (e.g. ``unit``, ``mean``,
    ``std``, ``x_label``, the time stamps ``t_train``). Arrays are read-only.
    """

    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray | None = None
    y_val: np.ndarray | None = None
    X_unseen: np.ndarray | None = None
    y_unseen: np.ndarray | None = None
    meta: dict = field(default_factory=dict)

    @property
    def n_inputs(self) -> int:
        return int(self.X.shape[1])


def _frozen(a: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return None
    a = np.array(a, dtype=np.float64)  # a private copy
    a.setflags(write=False)
    return a


# The checks of the fields that several sources share.
_NAME = after_key(check_choice, "data set name", _data.DATASETS)
_N = after_key(check_positive_int)
_SEED = key_is_subject(check_seed)
_NOISE = key_is_subject(check_finite_float, minimum=0.0)


def _weights(path: Path, value: object) -> tuple[float, ...]:
    w = list(value) if isinstance(value, (list, tuple, np.ndarray)) else [value]
    if not w:
        raise ConfigError(f"{where(path)} must hold at least one weight, e.g. [0.97]")
    return tuple(key_is_subject(check_finite_float)(path, v) for v in w)


@dataclass(frozen=True)
class DataSpec:
    """What every data source says about itself (subclasses add their fields)."""

    source: ClassVar[str]

    @property
    def n_inputs(self) -> int:
        """The model's number of inputs."""
        return 1

    @property
    def series(self) -> str | None:
        """The shipped series this data is read from (None for synthetic data)."""
        return None

    @property
    def has_validation(self) -> bool:
        return False

    def max_rows(self) -> int | None:
        """At most how many rows (training and validation together) ``load`` makes, known before loading
        (the run's memory is estimated with it); None when the source cannot say."""
        return None

    def load(self) -> TrainingData:
        raise NotImplementedError

    def to_dict(self) -> dict:
        return {"source": self.source, **fields_as_dict(self)}

    def digest(self) -> str | None:
        """sha256 of the shipped series read (so an edited CSV misses the cache); None if synthetic."""
        if self.series is None:
            return None
        if self.series not in _DIGESTS:
            series = _data.load(self.series)
            h = hashlib.sha256(series.time.tobytes())
            h.update(series.values.tobytes())
            _DIGESTS[self.series] = h.hexdigest()
        return _DIGESTS[self.series]


_DIGESTS: dict[str, str] = {}


@dataclass(frozen=True)
class WindowsData(DataSpec):
    """Previous-k values of a shipped series -> the value now (the book's model input)."""

    source: ClassVar[str] = "windows"
    name: str = checked("bikeshare", _NAME)
    k: int = checked(1, _N)
    val_fraction: float = checked(0.2, after_key(check_unit_interval))

    n_inputs = property(lambda self: self.k)
    series = property(lambda self: self.name)
    has_validation = property(lambda self: self.val_fraction > 0)

    def max_rows(self) -> int:
        return max(len(_data.load(self.name).values) - self.k, 0)  # each row needs its k previous values

    def load(self) -> TrainingData:
        w = _data.windows(self.k, self.name, self.val_fraction)
        has_val = len(w.y_val) > 0
        meta = {"source": self.source, "name": w.name, "k": w.k, "unit": w.unit, "mean": w.mean,
                "std": w.std, "val_fraction": w.val_fraction, "t_train": _frozen(w.t_train),
                "t_val": _frozen(w.t_val), "t_unseen": _frozen(w.t_unseen),
                "x_label": f"{w.unit}, previous {self.k}", "y_label": f"{w.unit} now"}
        X_val, y_val = (_frozen(w.X_val), _frozen(w.y_val)) if has_val else (None, None)
        return TrainingData(_frozen(w.X_train), _frozen(w.y_train), X_val, y_val,
                            _frozen(w.X_unseen), _frozen(w.y_unseen), meta)


@dataclass(frozen=True)
class RelationData(DataSpec):
    """Real one-feature points (hour of day, or the previous value) -> the value now."""

    source: ClassVar[str] = "relation"
    name: str = checked("bikeshare", _NAME)
    kind: str = checked("cycle", after_key(check_choice, "kind", ("cycle", "lag1")))
    n: int = checked(200, _N)
    seed: int = checked(0, _SEED)

    series = property(lambda self: self.name)

    def max_rows(self) -> int:
        return min(self.n, len(_data.load(self.name).values))

    def load(self) -> TrainingData:
        r = _data.one_feature_relation(self.name, self.kind, self.n, self.seed)
        meta = {"source": self.source, "name": r.name, "kind": r.kind, "unit": r.unit,
                "x_label": r.x_label, "y_label": r.y_label, "x_mean": r.x_mean, "x_std": r.x_std,
                "mean": r.y_mean, "std": r.y_std, "y_mean": r.y_mean, "y_std": r.y_std}
        return TrainingData(_frozen(r.x[:, None]), _frozen(r.y), meta=meta)


@dataclass(frozen=True)
class SyntheticPiecewiseData(DataSpec):
    """Noisy samples of a known piecewise linear curve."""

    source: ClassVar[str] = "synthetic_piecewise"
    n: int = checked(200, _N)
    seed: int = checked(0, _SEED)
    noise: float = checked(0.1, _NOISE)

    def max_rows(self) -> int:
        return self.n

    def load(self) -> TrainingData:
        s = _data.synthetic_piecewise(self.n, self.seed, self.noise)
        meta = {"source": self.source, "x_knots": _frozen(s.x_knots), "y_knots": _frozen(s.y_knots),
                "noise": self.noise, "x_label": "x", "y_label": "y"}
        return TrainingData(_frozen(s.x[:, None]), _frozen(s.y), meta=meta)


@dataclass(frozen=True)
class SyntheticLinearData(DataSpec):
    """Samples of y = b + X w + noise, X standard normal."""

    source: ClassVar[str] = "synthetic_linear"
    n: int = checked(100, _N)
    w: tuple[float, ...] = checked((0.97,), _weights)
    b: float = checked(0.1, key_is_subject(check_finite_float))
    noise: float = checked(0.1, _NOISE)
    seed: int = checked(0, _SEED)

    n_inputs = property(lambda self: len(self.w))

    def max_rows(self) -> int:
        return self.n

    def load(self) -> TrainingData:
        s = _data.synthetic_linear(self.n, np.array(self.w), self.b, self.noise, self.seed)
        meta = {"source": self.source, "w": _frozen(s.w), "b": s.b, "noise": self.noise,
                "x_label": "x", "y_label": "y"}
        return TrainingData(_frozen(s.X), _frozen(s.y), meta=meta)


#: Every data source, by the name a config gives as ``data["source"]``.
SOURCES: dict[str, type[DataSpec]] = {
    cls.source: cls for cls in (WindowsData, RelationData, SyntheticPiecewiseData, SyntheticLinearData)
}


def data_spec_from_dict(value: object) -> DataSpec:
    """The data spec of ``config["data"]``; ConfigError names a bad key or value."""
    d = as_dict(("data",), value, "{'source': 'windows', 'k': 1}")
    source = d.get("source")
    if source not in SOURCES:
        raise ConfigError(
            f"{where(('data', 'source'))} is {source!r}; "
            f"choose one of {', '.join(map(repr, SOURCES))}"
        )
    given: dict[str, Any] = {k: v for k, v in d.items() if k != "source"}
    return build(SOURCES[source], ("data",), given, also_allowed=("source",))


_MEMO: dict[DataSpec, TrainingData] = {}


def load_training_data(spec: DataSpec) -> TrainingData:
    """The (read-only) arrays of ``spec``, loaded once per process.

    Data its values cannot make (a k or val_fraction that leaves no rows, a noise that overflows)
    is a ConfigError naming ``config['data']`` and the fix.
    """
    if spec not in _MEMO:
        try:
            _MEMO[spec] = spec.load()
        except ConfigError:
            raise
        except ValueError as exc:
            raise ConfigError(f"{where(('data',))}: {exc}") from None
    return _MEMO[spec]
