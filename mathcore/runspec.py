"""A training run, specified: frozen, typed, checked, and keyed for the cache.

``RunSpec.from_dict(config)`` checks a plain config dict, fills every default and
returns the spec; ``spec.to_dict()`` is the canonical dict (JSON-ready), and
``spec.key()`` the cache key. A config, with every default spelled out::

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
      "patience": None,                # early stopping on the validation loss
    }

Only ``data``, ``optimizer`` and ``epochs`` are required. The data sources and their
keys are in ``mathcore.sources.SOURCES``; the model's ``n_inputs`` follows from the data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

import mathcore
from mathcore import numerics
from mathcore.models import MLP, parameter_layout
from mathcore.optim import Optimizer, make_optimizer
from mathcore.sources import DataSpec, TrainingData, data_spec_from_dict, load_training_data
from mathcore.spec_fields import (
    ConfigError,
    after_key,
    as_dict,
    build,
    checked,
    fields_as_dict,
    key_is_subject,
    reject_unknown,
    where,
)
from mathcore.validation import check_choice, check_positive_int, check_seed

#: Bumped when the meaning of a config or the cache file layout changes.
FORMAT_VERSION = 1
KEY_LENGTH = 20


def canonical_json(value: object) -> str:
    """Deterministic JSON: sorted keys, no spaces, floats as shortest round-trip repr."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _hidden(path: tuple[str, ...], value: object) -> tuple[int, ...]:
    if not isinstance(value, (list, tuple)):
        raise ConfigError(f"{where(path)} must be a list of widths such as [8] "
                          f"([] for the linear model), got {value!r}")
    return tuple(after_key(check_positive_int, f"hidden width {i + 1}")(path, h) for i, h in enumerate(value))


@dataclass(frozen=True)
class ModelSpec:
    """The network: hidden widths (() = the linear model), activation, initialisation seed."""

    hidden: tuple[int, ...] = checked((), _hidden)
    activation: str = checked("relu", after_key(check_choice, "activation", ("relu", "sigmoid")))
    seed: int = checked(0, key_is_subject(check_seed))

    @classmethod
    def from_dict(cls, value: object) -> "ModelSpec":
        given = as_dict(("model",), {} if value is None else value,
                        "{'hidden': [8], 'activation': 'relu', 'seed': 0}")
        return build(cls, ("model",), given)

    def to_dict(self) -> dict:
        return fields_as_dict(self)


@dataclass(frozen=True)
class OptimizerSpec:
    """An optimiser's name and its (complete) hyperparameters, as ``Optimizer.config()`` gives them."""

    name: str
    settings: tuple[tuple[str, float], ...]

    @classmethod
    def from_dict(cls, value: object) -> "OptimizerSpec":
        given = as_dict(("optimizer",), value, "{'name': 'adam', 'lr': 0.01}")
        try:
            config = make_optimizer(given).config()
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where(('optimizer',))}: {exc}") from None
        name = config.pop("name")
        return cls(name, tuple(config.items()))

    def to_dict(self) -> dict:
        return {"name": self.name, **dict(self.settings)}

    def make(self) -> Optimizer:
        """A new optimiser (no state)."""
        return make_optimizer(self.to_dict())


_REQUIRED = ("data", "optimizer", "epochs")
_OPTIONAL = ("model", "init", "loss", "batch_size", "seed", "record_every", "on_divergence", "patience")
_CHECKS = {
    "loss": after_key(check_choice, "loss", ("mse", "mae")),
    "epochs": after_key(check_positive_int),
    "batch_size": after_key(check_positive_int, "batch_size (None = full batch)"),
    "seed": key_is_subject(check_seed),
    "record_every": after_key(check_positive_int),
    "on_divergence": after_key(check_choice, "on_divergence", ("raise", "record")),
    "patience": after_key(check_positive_int),
}


@dataclass(frozen=True)
class RunSpec:
    """Everything a training run depends on (see the module docstring for the dict form)."""

    data: DataSpec
    optimizer: OptimizerSpec
    epochs: int
    model: ModelSpec = ModelSpec()
    init: tuple[float, ...] | None = None
    loss: str = "mse"
    batch_size: int | None = None
    seed: int = 0
    record_every: int = 1
    on_divergence: str = "raise"
    patience: int | None = None

    @classmethod
    def from_dict(cls, config: object) -> "RunSpec":
        """Check ``config`` and fill its defaults; ConfigError (a ValueError) names the key and the fix.

        A RunSpec is returned as it is.
        """
        if isinstance(config, RunSpec):
            return config
        cfg = as_dict((), config, "{'data': {...}, 'optimizer': {...}, 'epochs': 100}")
        reject_unknown((), cfg, (*_REQUIRED, *_OPTIONAL))
        missing = [k for k in _REQUIRED if k not in cfg]
        if missing:
            raise ConfigError(f"config lacks the required key(s) {missing}; e.g. "
                              "{'data': {'source': 'windows', 'k': 1}, "
                              "'optimizer': {'name': 'gd', 'lr': 0.1}, 'epochs': 100}")
        data = data_spec_from_dict(cfg["data"])
        model = ModelSpec.from_dict(cfg.get("model"))
        init = _init(cfg.get("init"), data, model)

        def get(name: str) -> Any:  # given or default, checked; batch_size and patience may be None
            value = cfg.get(name, _DEFAULTS[name])
            return None if value is None and name in ("batch_size", "patience") else _CHECKS[name]((name,), value)

        loss = get("loss")
        optimizer = OptimizerSpec.from_dict(cfg["optimizer"])
        spec = cls(data, optimizer, get("epochs"), model, init, loss, get("batch_size"), get("seed"),
                   get("record_every"), get("on_divergence"), get("patience"))
        if spec.patience is not None and not data.has_validation:
            raise ConfigError(
                f"{where(('patience',))} = {spec.patience} needs validation data, which only "
                "{'source': 'windows', 'val_fraction': > 0} provides; use such data "
                "or patience=None"
            )
        return spec

    def to_dict(self) -> dict:
        """The canonical config dict (every default spelled out, JSON-ready)."""
        return {
            "data": self.data.to_dict(),
            "model": self.model.to_dict(),
            "init": None if self.init is None else list(self.init),
            "loss": self.loss,
            "optimizer": self.optimizer.to_dict(),
            "epochs": self.epochs,
            "batch_size": self.batch_size,
            "seed": self.seed,
            "record_every": self.record_every,
            "on_divergence": self.on_divergence,
            "patience": self.patience,
        }

    def key(self) -> str:
        """A 20-hex-digit sha256 of everything that changes the run's result.

        That is the whole canonical config, the mathcore version, the cache format, for
        real data a digest of the shipped series, and the BLAS library and kernels that
        numpy calls (``mathcore.numerics.blas_fingerprint``: their rounding reaches the last
        digits of a trained model). Spelling out a default does not change the key.
        """
        payload = {
            "config": self.to_dict(),
            "mathcore": mathcore.__version__,
            "format": FORMAT_VERSION,
            "data_digest": self.data.digest(),
            "numerics": numerics.blas_fingerprint(),
        }
        return hashlib.sha256(canonical_json(payload).encode()).hexdigest()[:KEY_LENGTH]

    def training_data(self) -> TrainingData:
        """The (read-only) arrays this run trains on; loaded once per process."""
        return load_training_data(self.data)

    def new_model(self) -> MLP:
        """A new, untrained model: the data's n_inputs, theta = ``init`` if given."""
        m = self.model
        model = MLP(self.data.n_inputs, m.hidden, m.activation, m.seed)
        if self.init is not None:
            model.set_theta(np.array(self.init))
        return model


def _init(value: object, data: DataSpec, model: ModelSpec) -> tuple[float, ...] | None:
    if value is None:
        return None
    n_params = sum(int(np.prod(shape)) for _, shape, _ in parameter_layout(data.n_inputs, model.hidden))
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        arr = np.array([np.nan])
    if arr.ndim != 1 or not np.all(np.isfinite(arr)) or len(arr) != n_params:
        raise ConfigError(
            f"{where(('init',))} must be None or a list of {n_params} finite numbers "
            f"(this model's n_params, in theta order), got {value!r}"
        )
    return tuple(float(v) for v in arr)


_DEFAULTS = {f.name: f.default for f in fields(RunSpec)}
