"""Run specs (mathcore.runspec) and the data-source table (mathcore.sources)."""

import dataclasses
from typing import ClassVar

import numpy as np
import pytest

from mathcore import cache, numerics, sources
from mathcore.runspec import ModelSpec, OptimizerSpec, RunSpec
from mathcore.sources import SOURCES, DataSpec, TrainingData, WindowsData
from mathcore.spec_fields import ConfigError, after_key, checked
from mathcore.validation import check_positive_int

# Keys of existing runs: the same configs must keep them, or every cached trajectory would be
# trained again. (A new mathcore version changes them all, and so does another BLAS: the keys are
# pinned under this one, OpenBLAS 0.3.31 with its Haswell kernels, the machine's part of the key.)
PINNED_BLAS = {"blas": [{"library": "openblas", "version": "0.3.31.188.0", "kernels": "Haswell"}], "threads": 1}
PINNED_KEYS = [
    ({"data": {"source": "relation", "name": "bikeshare", "kind": "cycle", "n": 200, "seed": 0},
      "model": {"hidden": [8, 8], "activation": "relu", "seed": 0}, "loss": "mae",
      "optimizer": {"name": "gd", "lr": 0.1}, "epochs": 300}, "f9e0d0fc3c4e47f4d234"),
    ({"data": {"source": "windows", "name": "bikeshare", "k": 1}, "model": {"hidden": []},
      "init": [-0.5, 1.1], "loss": "mae", "optimizer": {"name": "gd", "lr": 0.3}, "epochs": 40,
      "batch_size": None, "seed": 0, "on_divergence": "raise"}, "c8e59b8b6b7120948ccd"),
    ({"data": {"source": "synthetic_piecewise", "n": 30, "seed": 2, "noise": 0}, "model": {"hidden": [4]},
      "optimizer": {"name": "rmsprop", "lr": 0.01, "alpha": 0.9}, "epochs": 1}, "ddb92defbed6054c4999"),
    ({"data": {"source": "synthetic_linear"}, "optimizer": {"name": "adam", "lr": 0.001, "beta1": 0.8},
      "epochs": 10, "batch_size": 5}, "26079d6a4482aaf784bf"),
]


@pytest.mark.parametrize("config, key", PINNED_KEYS)
def test_keys_of_existing_runs_are_unchanged(config, key, monkeypatch):
    monkeypatch.setattr(numerics, "blas_fingerprint", lambda: PINNED_BLAS)
    assert RunSpec.from_dict(config).key() == key == cache.config_key(config)


@pytest.mark.parametrize("config", [c for c, _ in PINNED_KEYS] + [
    {"data": {"source": "windows", "k": 3, "val_fraction": 0.1}, "model": {"hidden": (4, 2), "seed": 3},
     "optimizer": {"name": "momentum", "lr": 0.05}, "epochs": 2, "patience": 2, "record_every": 5},
    {"data": {"source": "synthetic_linear", "w": (1.0, np.float64(-2.0)), "b": 1}, "init": [0.0, 1.0, 2.0],
     "optimizer": {"name": "adagrad", "lr": 1}, "epochs": np.int64(4), "seed": np.int64(7)},
])
def test_from_dict_to_dict_round_trips_and_the_key_is_stable(config):
    spec = RunSpec.from_dict(config)
    assert RunSpec.from_dict(spec.to_dict()) == spec
    assert RunSpec.from_dict(spec) is spec
    assert spec.to_dict() == cache.normalise_config(config) == cache.normalise_config(spec)
    assert spec.key() == RunSpec.from_dict(spec.to_dict()).key() == cache.config_key(spec)
    assert hash(spec) == hash(RunSpec.from_dict(config))  # frozen: usable as a dict key
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.epochs = 5
    assert type(spec.to_dict()["model"]["hidden"]) is list and type(spec.model.hidden) is tuple


def test_the_parts_are_typed():
    spec = RunSpec.from_dict({"data": {"source": "windows", "k": 2}, "model": {"hidden": [3]},
                              "optimizer": {"name": "adam", "lr": 0.01}, "epochs": 2})
    assert spec.data == WindowsData(name="bikeshare", k=2, val_fraction=0.2)
    assert spec.model == ModelSpec(hidden=(3,), activation="relu", seed=0)
    assert spec.optimizer == OptimizerSpec("adam", (("lr", 0.01), ("beta1", 0.9), ("beta2", 0.999),
                                                     ("eps", 1e-8)))
    assert spec.optimizer.make().config() == spec.optimizer.to_dict()
    model = spec.new_model()
    assert model.n_inputs == 2 and model.hidden == (3,)


@pytest.mark.parametrize("source", list(SOURCES))
def test_every_data_source_in_the_table_loads_with_its_defaults(source):
    spec = sources.data_spec_from_dict({"source": source})
    assert type(spec) is SOURCES[source] and spec.source == source
    assert spec.to_dict()["source"] == source
    assert sources.data_spec_from_dict(spec.to_dict()) == spec
    data = cache.training_data({"data": {"source": source}, "optimizer": {"name": "gd", "lr": 0.1}, "epochs": 1})
    assert data.X.shape == (len(data.y), spec.n_inputs)
    assert (data.X_val is not None) == spec.has_validation
    assert (spec.digest() is not None) == (spec.series is not None)
    assert not data.X.flags.writeable


def test_unknown_sources_and_keys_name_the_table():
    with pytest.raises(ConfigError, match="choose one of " + ", ".join(map(repr, SOURCES))):
        sources.data_spec_from_dict({"source": "csv"})
    with pytest.raises(ConfigError, match=r"unknown key 'n'; .*allowed keys: source, name, k, val_fraction"):
        sources.data_spec_from_dict({"source": "windows", "n": 3})


@dataclasses.dataclass(frozen=True)
class _Ramp(DataSpec):
    """A test source: y = x on n points."""

    source: ClassVar[str] = "ramp"
    n: int = checked(5, after_key(check_positive_int))

    def load(self) -> TrainingData:
        x = np.linspace(0.0, 1.0, self.n)
        return TrainingData(x[:, None], x.copy(), meta={"source": self.source})


def test_a_new_data_source_is_one_entry_in_the_table(monkeypatch, tmp_path):
    monkeypatch.setitem(SOURCES, "ramp", _Ramp)
    config = {"data": {"source": "ramp", "n": 4}, "optimizer": {"name": "gd", "lr": 0.1}, "epochs": 2}
    assert cache.normalise_config(config)["data"] == {"source": "ramp", "n": 4}
    with pytest.raises(ConfigError, match=r"config\['data'\]\['n'\]: n must be an integer >= 1"):
        cache.normalise_config({**config, "data": {"source": "ramp", "n": 0}})
    trajectory = cache.get_or_train(config, cache_dir=tmp_path, progress=False)
    assert trajectory.thetas.shape == (3, 2) and cache.training_data(config).X.shape == (4, 1)
