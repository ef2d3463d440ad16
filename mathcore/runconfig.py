"""Run configs: a plain JSON-able dict that says everything a training run depends on.

``mathcore.cache`` keys trajectories by these configs; scenes use the same config
to get the data points (``training_data``) and the untrained model (``model_for``).
A config, with every default spelled out::

    {
      "data": {"source": "windows", "name": "bikeshare", "k": 1, "val_fraction": 0.2},
      "model": {"hidden": [8], "activation": "relu", "seed": 0},
      "init": None,                    # or an explicit start theta, a list of P floats
      "loss": "mse",
      "optimizer": {"name": "gd", "lr": 0.1},
      "epochs": 100,
      "batch_size": None,              # None = full batch
      "seed": 0,
      "record_every": 1,
      "on_divergence": "raise",
      "patience": None,                # early stopping, if mathcore.train.fit supports it
    }

Only ``data``, ``optimizer`` and ``epochs`` are required. Data sources:

- ``windows``: ``mathcore.data.windows(k, name, val_fraction)``; trains on
  ``X_train``/``y_train`` and validates on ``X_val``/``y_val`` (when non-empty).
- ``relation``: ``mathcore.data.one_feature_relation(name, kind, n, seed)``.
- ``synthetic_piecewise``: ``mathcore.data.synthetic_piecewise(n, seed, noise)``.
- ``synthetic_linear``: ``mathcore.data.synthetic_linear(n, w, b, noise, seed)``.

``n_inputs`` of the model follows from the data (k for windows, len(w) for
synthetic_linear, 1 otherwise).
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import inspect
import json
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

import mathcore
from mathcore import data as _data
from mathcore.models import MLP
from mathcore.optim import make_optimizer
from mathcore.train import fit
from mathcore.validation import (
    check_choice,
    check_positive_int,
    check_unit_interval,
)

#: Bumped when the meaning of a config or the cache file layout changes.
FORMAT_VERSION = 1
KEY_LENGTH = 20

_TOP_DEFAULTS: dict[str, Any] = {
    "model": None,  # filled by _normalise_model
    "init": None,
    "loss": "mse",
    "batch_size": None,
    "seed": 0,
    "record_every": 1,
    "on_divergence": "raise",
    "patience": None,
}
_REQUIRED = ("data", "optimizer", "epochs")
_MODEL_DEFAULTS = {"hidden": [], "activation": "relu", "seed": 0}
_DATA_DEFAULTS: dict[str, dict[str, Any]] = {
    "windows": {"name": "bikeshare", "k": 1, "val_fraction": 0.2},
    "relation": {"name": "bikeshare", "kind": "cycle", "n": 200, "seed": 0},
    "synthetic_piecewise": {"n": 200, "seed": 0, "noise": 0.1},
    "synthetic_linear": {"n": 100, "w": [0.97], "b": 0.1, "noise": 0.1, "seed": 0},
}


class ConfigError(ValueError):
    """A run config is malformed; the message names the key and the fix."""


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


# ----------------------------------------------------------------------------- checks


def _where(path: tuple[str, ...]) -> str:
    return "config" + "".join(f"[{p!r}]" for p in path)


def _checked(path: tuple[str, ...], check: Callable, *args: Any) -> Any:
    """Run a mathcore.validation check; re-raise its error as ConfigError naming the key."""
    try:
        return check(*args)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{_where(path)}: {exc}") from None


def _reject_unknown(path: tuple[str, ...], given: dict, allowed: tuple[str, ...]) -> None:
    for key in given:
        if key not in allowed:
            near = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise ConfigError(
                f"{_where(path)} has an unknown key {key!r}; {hint}"
                f"allowed keys: {', '.join(allowed)}"
            )


def _as_dict(path: tuple[str, ...], value: object, example: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{_where(path)} must be a dict such as {example}, got {value!r}")
    return value


def _seed(path: tuple[str, ...], value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise ConfigError(f"{_where(path)} must be an integer >= 0 (a random seed), got {value!r}")
    return int(value)


def _finite(path: tuple[str, ...], value: object, minimum: float | None = None) -> float:
    ok = not isinstance(value, bool) and isinstance(value, numbers.Real)
    ok = ok and np.isfinite(float(value))
    if not ok or (minimum is not None and float(value) < minimum):
        bound = "" if minimum is None else f" >= {minimum:g}"
        raise ConfigError(f"{_where(path)} must be a finite number{bound}, got {value!r}")
    return float(value)


def _normalise_data(value: object) -> dict:
    d = _as_dict(("data",), value, "{'source': 'windows', 'k': 1}")
    source = d.get("source")
    if source not in _DATA_DEFAULTS:
        raise ConfigError(
            f"{_where(('data', 'source'))} is {source!r}; "
            f"choose one of {', '.join(map(repr, _DATA_DEFAULTS))}"
        )
    defaults = _DATA_DEFAULTS[source]
    _reject_unknown(("data",), d, ("source", *defaults))
    given = {k: v for k, v in d.items() if k != "source"}
    out = {"source": source, **copy.deepcopy(defaults), **given}
    p = lambda key: ("data", key)  # noqa: E731
    if "name" in out:
        out["name"] = _checked(p("name"), check_choice, "data set name", out["name"],
                               _data.DATASETS)
    if source == "windows":
        out["k"] = _checked(p("k"), check_positive_int, "k", out["k"])
        out["val_fraction"] = _checked(p("val_fraction"), check_unit_interval, "val_fraction",
                                       out["val_fraction"])
    else:
        out["n"] = _checked(p("n"), check_positive_int, "n", out["n"])
        out["seed"] = _seed(p("seed"), out["seed"])
    if source == "relation":
        out["kind"] = _checked(p("kind"), check_choice, "kind", out["kind"], ("cycle", "lag1"))
    if "noise" in out:
        out["noise"] = _finite(p("noise"), out["noise"], minimum=0.0)
    if source == "synthetic_linear":
        w = out["w"]
        w = list(w) if isinstance(w, (list, tuple, np.ndarray)) else [w]
        if not w:
            raise ConfigError(f"{_where(p('w'))} must hold at least one weight, e.g. [0.97]")
        out["w"] = [_finite(p("w"), v) for v in w]
        out["b"] = _finite(p("b"), out["b"])
    return out


def _n_inputs(data: dict) -> int:
    if data["source"] == "windows":
        return data["k"]
    if data["source"] == "synthetic_linear":
        return len(data["w"])
    return 1


def _normalise_model(value: object) -> dict:
    m = _as_dict(("model",), {} if value is None else value,
                 "{'hidden': [8], 'activation': 'relu', 'seed': 0}")
    _reject_unknown(("model",), m, tuple(_MODEL_DEFAULTS))
    out = {**copy.deepcopy(_MODEL_DEFAULTS), **m}
    hidden = out["hidden"]
    if not isinstance(hidden, (list, tuple)):
        raise ConfigError(f"{_where(('model', 'hidden'))} must be a list of widths such as [8] "
                          f"([] for the linear model), got {hidden!r}")
    out["hidden"] = [_checked(("model", "hidden"), check_positive_int, f"hidden width {i + 1}", h)
                     for i, h in enumerate(hidden)]
    out["activation"] = _checked(("model", "activation"), check_choice, "activation",
                                 out["activation"], ("relu", "sigmoid"))
    out["seed"] = _seed(("model", "seed"), out["seed"])
    return out


def _normalise_optimizer(value: object) -> dict:
    o = _as_dict(("optimizer",), value, "{'name': 'adam', 'lr': 0.01}")
    try:
        return make_optimizer(o).config()
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{_where(('optimizer',))}: {exc}") from None


def _fit_supports(name: str) -> bool:
    return name in inspect.signature(fit).parameters


def normalise_config(config: dict) -> dict:
    """Check ``config``, fill every default and return a new canonical dict.

    Raises ``ConfigError`` (a ValueError) naming the offending key and the fix.
    ``normalise_config(normalise_config(c)) == normalise_config(c)``.
    """
    cfg = _as_dict((), config, "{'data': {...}, 'optimizer': {...}, 'epochs': 100}")
    _reject_unknown((), cfg, (*_REQUIRED, *_TOP_DEFAULTS))
    missing = [k for k in _REQUIRED if k not in cfg]
    if missing:
        raise ConfigError(f"config lacks the required key(s) {missing}; e.g. "
                          "{'data': {'source': 'windows', 'k': 1}, "
                          "'optimizer': {'name': 'gd', 'lr': 0.1}, 'epochs': 100}")
    out: dict[str, Any] = {}
    out["data"] = _normalise_data(cfg["data"])
    out["model"] = _normalise_model(cfg.get("model"))
    n_params = MLP(_n_inputs(out["data"]), out["model"]["hidden"]).n_params
    init = cfg.get("init")
    if init is not None:
        try:
            arr = np.asarray(init, dtype=np.float64)
        except (TypeError, ValueError):
            arr = np.array([np.nan])
        if arr.ndim != 1 or not np.all(np.isfinite(arr)) or len(arr) != n_params:
            raise ConfigError(
                f"{_where(('init',))} must be None or a list of {n_params} finite numbers "
                f"(this model's n_params, in theta order), got {init!r}"
            )
        init = [float(v) for v in arr]
    out["init"] = init
    out["loss"] = _checked(("loss",), check_choice, "loss", cfg.get("loss", "mse"), ("mse", "mae"))
    out["optimizer"] = _normalise_optimizer(cfg["optimizer"])
    out["epochs"] = _checked(("epochs",), check_positive_int, "epochs", cfg["epochs"])
    batch = cfg.get("batch_size")
    out["batch_size"] = None if batch is None else _checked(
        ("batch_size",), check_positive_int, "batch_size (None = full batch)", batch)
    out["seed"] = _seed(("seed",), cfg.get("seed", 0))
    out["record_every"] = _checked(("record_every",), check_positive_int, "record_every",
                                   cfg.get("record_every", 1))
    out["on_divergence"] = _checked(("on_divergence",), check_choice, "on_divergence",
                                    cfg.get("on_divergence", "raise"), ("raise", "record"))
    patience = cfg.get("patience")
    if patience is not None:
        patience = _checked(("patience",), check_positive_int, "patience", patience)
        if not _fit_supports("patience"):
            raise ConfigError(
                f"{_where(('patience',))} = {patience}, but this mathcore.train.fit has no "
                "early stopping (no 'patience' argument); remove the key or set it to None"
            )
        if out["data"]["source"] != "windows" or out["data"]["val_fraction"] == 0:
            raise ConfigError(
                f"{_where(('patience',))} = {patience} needs validation data, which only "
                "{'source': 'windows', 'val_fraction': > 0} provides; use such data "
                "or patience=None"
            )
    out["patience"] = patience
    return out


# ------------------------------------------------------------------------------- keys

_DIGESTS: dict[str, str] = {}


def _data_digest(data: dict) -> str | None:
    """sha256 of the shipped series a real-data config reads (so edited CSVs miss the cache)."""
    name = data.get("name")
    if data["source"] not in ("windows", "relation"):
        return None
    if name not in _DIGESTS:
        series = _data.load(name)
        h = hashlib.sha256(series.time.tobytes())
        h.update(series.values.tobytes())
        _DIGESTS[name] = h.hexdigest()
    return _DIGESTS[name]


def canonical_json(value: object) -> str:
    """Deterministic JSON: sorted keys, no spaces, floats as shortest round-trip repr."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False)


def config_key(config: dict) -> str:
    """A 20-hex-digit sha256 of everything that changes the run's result.

    That is the whole normalised config, the mathcore version, the cache format and,
    for real data, a digest of the shipped series. Spelling out a default does not
    change the key.
    """
    cfg = normalise_config(config)
    payload = {
        "config": cfg,
        "mathcore": mathcore.__version__,
        "format": FORMAT_VERSION,
        "data_digest": _data_digest(cfg["data"]),
    }
    return hashlib.sha256(canonical_json(payload).encode()).hexdigest()[:KEY_LENGTH]


# ----------------------------------------------------------------------- data, model

_DATA_MEMO: dict[str, TrainingData] = {}


def _frozen(a: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return None
    a = np.array(a, dtype=np.float64)  # a private copy
    a.setflags(write=False)
    return a


def _load_training_data(d: dict) -> TrainingData:
    src = d["source"]
    if src == "windows":
        w = _data.windows(d["k"], d["name"], d["val_fraction"])
        has_val = len(w.y_val) > 0
        meta = {"source": src, "name": w.name, "k": w.k, "unit": w.unit, "mean": w.mean,
                "std": w.std, "val_fraction": w.val_fraction, "t_train": _frozen(w.t_train),
                "t_val": _frozen(w.t_val), "t_unseen": _frozen(w.t_unseen),
                "x_label": f"{w.unit}, previous {d['k']}", "y_label": f"{w.unit} now"}
        X_val, y_val = (_frozen(w.X_val), _frozen(w.y_val)) if has_val else (None, None)
        return TrainingData(_frozen(w.X_train), _frozen(w.y_train), X_val, y_val,
                            _frozen(w.X_unseen), _frozen(w.y_unseen), meta)
    if src == "relation":
        r = _data.one_feature_relation(d["name"], d["kind"], d["n"], d["seed"])
        meta = {"source": src, "name": r.name, "kind": r.kind, "unit": r.unit, "x_label": r.x_label,
                "y_label": r.y_label, "x_mean": r.x_mean, "x_std": r.x_std, "mean": r.y_mean,
                "std": r.y_std, "y_mean": r.y_mean, "y_std": r.y_std}
        return TrainingData(_frozen(r.x[:, None]), _frozen(r.y), meta=meta)
    if src == "synthetic_piecewise":
        s = _data.synthetic_piecewise(d["n"], d["seed"], d["noise"])
        meta = {"source": src, "x_knots": _frozen(s.x_knots), "y_knots": _frozen(s.y_knots),
                "noise": d["noise"], "x_label": "x", "y_label": "y"}
        return TrainingData(_frozen(s.x[:, None]), _frozen(s.y), meta=meta)
    s = _data.synthetic_linear(d["n"], np.array(d["w"]), d["b"], d["noise"], d["seed"])
    meta = {"source": src, "w": _frozen(s.w), "b": s.b, "noise": d["noise"],
            "x_label": "x", "y_label": "y"}
    return TrainingData(_frozen(s.X), _frozen(s.y), meta=meta)


def training_data(config: dict) -> TrainingData:
    """The (read-only) arrays the run of ``config`` trains on; memoised per data config."""
    d = normalise_config(config)["data"]
    memo_key = canonical_json(d)
    if memo_key not in _DATA_MEMO:
        _DATA_MEMO[memo_key] = _load_training_data(d)
    return _DATA_MEMO[memo_key]


def model_for(config: dict) -> MLP:
    """A new, untrained model for ``config``: the right n_inputs, theta = ``init`` if given."""
    cfg = normalise_config(config)
    m = cfg["model"]
    model = MLP(_n_inputs(cfg["data"]), tuple(m["hidden"]), m["activation"], m["seed"])
    if cfg["init"] is not None:
        model.set_theta(np.array(cfg["init"]))
    return model
