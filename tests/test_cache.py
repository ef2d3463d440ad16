"""mathcore.cache: bit-identical round trips, no retraining, damaged entries, keys, bad configs."""

import dataclasses
import json
import os
import warnings

import numpy as np
import pytest

import mathcore
from mathcore import cache, runner
from mathcore.cache import CacheWarning, ConfigError
from mathcore.optim import make_optimizer
from mathcore.train import DivergenceError, fit

TINY = {
    "data": {"source": "synthetic_piecewise", "n": 40, "seed": 1},
    "model": {"hidden": [3]},
    "optimizer": {"name": "adam", "lr": 0.05},
    "epochs": 3,
    "batch_size": 8,
}
WITH_VAL = {
    "data": {"source": "windows", "k": 2},
    "model": {"hidden": [2], "activation": "sigmoid", "seed": 4},
    "optimizer": {"name": "momentum", "lr": 0.05},
    "epochs": 6,
    "batch_size": 2048,
    "record_every": 2,
    "patience": 1,
}


@pytest.fixture(autouse=True)
def _fresh_memory():
    cache._MEMORY.clear()
    yield
    cache._MEMORY.clear()


def _assert_identical(a, b):
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes(), f.name
        elif f.name == "batch_indices":
            assert len(x) == len(y)
            for p, q in zip(x, y):
                assert p.dtype == q.dtype and p.tobytes() == q.tobytes()
        else:
            assert type(x) is type(y) and x == y, f.name


def _direct_fit(config):
    cfg = cache.normalise_config(config)
    d = cache.training_data(cfg)
    kwargs = {"patience": cfg["patience"]} if cfg["patience"] is not None else {}
    return fit(cache.model_for(cfg), d.X, d.y, loss=cfg["loss"],
               optimizer=make_optimizer(cfg["optimizer"]), epochs=cfg["epochs"],
               batch_size=cfg["batch_size"], seed=cfg["seed"], X_val=d.X_val, y_val=d.y_val,
               record_every=cfg["record_every"], on_divergence=cfg["on_divergence"], **kwargs)


@pytest.mark.parametrize("config", [TINY, WITH_VAL, {**TINY, "batch_size": None, "loss": "mae"}])
def test_round_trip_is_bit_identical_to_a_direct_fit(tmp_path, config):
    trained = cache.get_or_train(config, cache_dir=tmp_path)
    _assert_identical(trained, _direct_fit(config))
    cache._MEMORY.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = cache.get_or_train(config, cache_dir=tmp_path)
    assert loaded is not trained
    _assert_identical(loaded, trained)
    sidecar = json.loads(cache.entry_paths(config, tmp_path)[1].read_text())
    assert sidecar["config"] == cache.normalise_config(config)
    assert sidecar["mathcore_version"] == mathcore.__version__


def test_validation_and_early_stopping_fields_survive(tmp_path):
    trajectory = cache.get_or_train(WITH_VAL, cache_dir=tmp_path)
    assert trajectory.val_loss is not None and len(trajectory.val_loss) == len(trajectory.thetas)
    assert trajectory.step_number.tolist()[:2] == [2, 4]
    assert trajectory.config["patience"] == 1 and trajectory.best_step is not None
    assert trajectory.thetas.flags.writeable is False  # shared object: read-only


def test_never_trains_twice(tmp_path, monkeypatch):
    calls = []

    def counting_fit(*args, **kwargs):
        calls.append(1)
        return fit(*args, **kwargs)

    monkeypatch.setattr(runner, "fit", counting_fit)  # where get_or_train trains
    first = cache.get_or_train(TINY, cache_dir=tmp_path)
    assert cache.get_or_train(TINY, cache_dir=tmp_path) is first  # in memory
    cache._MEMORY.clear()
    spelled_out = {**cache.normalise_config(TINY)}
    _assert_identical(cache.get_or_train(spelled_out, cache_dir=tmp_path), first)  # from disk
    assert len(calls) == 1


def _damage_truncate(npz, side):
    npz.write_bytes(npz.read_bytes()[:-100])


def _damage_garbage(npz, side):
    npz.write_bytes(b"this is not a zip file" * 50)


def _damage_hash(npz, side):
    meta = json.loads(side.read_text())
    meta["npz_sha256"] = "0" * 64
    side.write_text(json.dumps(meta))


def _damage_version(npz, side):
    meta = json.loads(side.read_text())
    meta["mathcore_version"] = "0.0.0-old"
    side.write_text(json.dumps(meta))


def _damage_config(npz, side):
    meta = json.loads(side.read_text())
    meta["config"]["epochs"] = 999
    side.write_text(json.dumps(meta))


def _damage_sidecar_json(npz, side):
    side.write_text("{not json")


def _damage_no_sidecar(npz, side):
    side.unlink()


def _damage_missing_array(npz, side):
    """A valid npz (with a matching hash) that lacks an array: caught by decoding."""
    import hashlib
    import io

    with np.load(npz) as z:
        arrays = {k: z[k] for k in z.files if k != "a0"}
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    npz.write_bytes(buf.getvalue())
    meta = json.loads(side.read_text())
    meta["npz_sha256"] = hashlib.sha256(buf.getvalue()).hexdigest()
    side.write_text(json.dumps(meta))


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_garbage, _damage_hash,
                                    _damage_version, _damage_config, _damage_sidecar_json,
                                    _damage_no_sidecar, _damage_missing_array])
def test_a_damaged_entry_warns_names_the_file_and_is_recomputed(tmp_path, damage):
    good = cache.get_or_train(TINY, cache_dir=tmp_path)
    npz, side = cache.entry_paths(TINY, tmp_path)
    damage(npz, side)
    cache._MEMORY.clear()
    with pytest.warns(CacheWarning, match=npz.stem) as record:
        again = cache.get_or_train(TINY, cache_dir=tmp_path)
    assert "recomputing" in str(record[0].message)
    _assert_identical(again, good)
    cache._MEMORY.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the entry was rewritten and is whole again
        _assert_identical(cache.get_or_train(TINY, cache_dir=tmp_path), good)


def test_config_key_follows_every_result_changing_field(monkeypatch):
    base = {**TINY, "data": {"source": "windows", "k": 1}}
    changes = [
        ("data", {"source": "windows", "k": 2}),
        ("data", {"source": "windows", "k": 1, "val_fraction": 0.3}),
        ("data", {"source": "windows", "k": 1, "name": "seattle"}),
        ("data", {"source": "relation"}),
        ("data", {"source": "relation", "kind": "lag1"}),
        ("data", {"source": "synthetic_piecewise", "noise": 0.2}),
        ("data", {"source": "synthetic_linear", "w": [0.5, 1.0]}),
        ("model", {"hidden": [4]}),
        ("model", {"hidden": [3, 3]}),
        ("model", {"hidden": [3], "activation": "sigmoid"}),
        ("model", {"hidden": [3], "seed": 1}),
        ("init", [0.1] * 10),
        ("loss", "mae"),
        ("optimizer", {"name": "gd", "lr": 0.05}),
        ("optimizer", {"name": "adam", "lr": 0.06}),
        ("optimizer", {"name": "adam", "lr": 0.05, "beta1": 0.8}),
        ("epochs", 4),
        ("batch_size", 9),
        ("batch_size", None),
        ("seed", 1),
        ("record_every", 2),
        ("on_divergence", "record"),
        ("patience", 5),
    ]
    keys = [cache.config_key(base)] + [cache.config_key({**base, k: v}) for k, v in changes]
    assert len(set(keys)) == len(keys)
    assert all(len(k) == 20 and int(k, 16) >= 0 for k in keys)
    defaults = {**base, "model": {"hidden": [3], "activation": "relu", "seed": 0}, "init": None,
                "loss": "mse",
                "optimizer": {"name": "adam", "lr": 0.05, "beta1": 0.9, "beta2": 0.999,
                              "eps": 1e-8},
                "data": {"source": "windows", "name": "bikeshare", "k": 1, "val_fraction": 0.2},
                "seed": 0, "record_every": 1, "on_divergence": "raise", "patience": None,
                "epochs": 3}
    assert cache.config_key(defaults) == keys[0]
    assert cache.config_key({**base, "model": {"hidden": (3,)}}) == keys[0]  # tuple == list
    monkeypatch.setattr(mathcore, "__version__", "99.0")
    assert cache.config_key(base) != keys[0]


@pytest.mark.parametrize("bad, match", [
    ({**TINY, "epoch": 3}, r"unknown key 'epoch'; did you mean 'epochs'"),
    ({k: v for k, v in TINY.items() if k != "epochs"}, r"required key\(s\) \['epochs'\]"),
    ({**TINY, "data": {"source": "csv"}}, r"\['source'\].*choose one of 'windows'"),
    ({**TINY, "data": {"source": "windows", "k": 0}}, r"\['data'\]\['k'\].*>= 1"),
    ({**TINY, "data": {"source": "relation", "knd": "cycle"}}, r"did you mean 'kind'"),
    ({**TINY, "model": {"hidden": 8}}, r"\['hidden'\] must be a list of widths"),
    ({**TINY, "model": {"hidden": [3], "activation": "tanh"}}, r"activation.*'relu', 'sigmoid'"),
    ({**TINY, "optimizer": {"name": "sgd", "lr": 0.1}}, r"\['optimizer'\].*'gd'"),
    ({**TINY, "optimizer": {"name": "adam", "lr": -1}}, r"\['optimizer'\].*lr"),
    ({**TINY, "optimizer": {"name": "gd", "lr": 0.1, "beta": 0.9}}, r"\['optimizer'\].*beta"),
    ({**TINY, "init": [1.0, 2.0]}, r"\['init'\].*10 finite numbers"),
    ({**TINY, "init": [float("nan")] * 10}, r"\['init'\]"),
    ({**TINY, "epochs": True}, r"\['epochs'\]"),
    ({**TINY, "seed": -1}, r"\['seed'\] must be an integer >= 0"),
    ({**TINY, "on_divergence": "ignore"}, r"on_divergence.*'raise', 'record'"),
    ({**TINY, "patience": 3}, r"\['patience'\].*needs validation data"),
    ("not a dict", r"config must be a dict"),
])
def test_bad_configs_raise_naming_the_key(bad, match):
    with pytest.raises(ConfigError, match=match):
        cache.normalise_config(bad)
    assert issubclass(ConfigError, ValueError)


def test_env_var_chooses_the_folder_and_info_and_clear(tmp_path, monkeypatch):
    folder = tmp_path / "elsewhere"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    assert cache.resolve_cache_dir() == folder.resolve()
    cache.get_or_train(TINY)
    key = cache.config_key(TINY)
    # nothing but the entry: no temporary files left behind
    assert sorted(p.name for p in folder.iterdir()) == [f"{key}.json", f"{key}.npz"]
    info = cache.cache_info()
    assert info.count == 1 and info.path == folder.resolve()
    assert info.bytes == sum(p.stat().st_size for p in folder.iterdir())
    (folder / "notes.txt").write_text("not ours")
    assert cache.clear_cache() == 1
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert cache.cache_info().count == 0
    monkeypatch.delenv(cache.ENV_VAR)
    assert cache.resolve_cache_dir() == cache.REPO_ROOT / "media" / "cache" / "trajectories"


def test_a_failed_write_leaves_nothing_behind_and_still_returns(tmp_path, monkeypatch):
    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", broken_replace)
    with pytest.warns(CacheWarning, match="could not save"):
        trajectory = cache.get_or_train(TINY, cache_dir=tmp_path)
    assert trajectory.n_steps == 3 * 5
    assert os.listdir(tmp_path) == []


def test_divergence_is_not_cached_unless_recorded(tmp_path):
    wild = {"data": {"source": "synthetic_linear", "n": 20, "b": 1e6},
            "optimizer": {"name": "gd", "lr": 50.0}, "epochs": 300}
    with pytest.raises(DivergenceError):
        cache.get_or_train(wild, cache_dir=tmp_path)
    assert cache.cache_info(tmp_path).count == 0
    recorded = cache.get_or_train({**wild, "on_divergence": "record"}, cache_dir=tmp_path)
    cache._MEMORY.clear()
    again = cache.get_or_train({**wild, "on_divergence": "record"}, cache_dir=tmp_path)
    assert recorded.diverged_at is not None and again.diverged_at == recorded.diverged_at
    _assert_identical(again, recorded)


def test_training_data_model_for_and_progress(tmp_path, capsys):
    d = cache.training_data(WITH_VAL)
    assert d.X.shape[1] == 2 and d.X_val.shape[1] == 2 and d.X_unseen.shape == (len(d.y_unseen), 2)
    assert d.meta["unit"] == "riders/hour" and d.meta["std"] > 0 and not d.X.flags.writeable
    relation = cache.training_data({**TINY, "data": {"source": "relation", "n": 50}})
    assert relation.X.shape == (50, 1) and relation.X_val is None
    assert relation.meta["x_label"] == "hour of day"
    start = np.linspace(-1, 1, 10)
    model = cache.model_for({**TINY, "init": start.tolist()})
    assert model.n_inputs == 1 and model.hidden == (3,) and np.array_equal(model.theta, start)
    seen = []
    trajectory = cache.get_or_train({**TINY, "init": start.tolist()}, cache_dir=tmp_path,
                                    progress=lambda done, total: seen.append((done, total)))
    assert np.array_equal(trajectory.thetas[0], start)
    assert seen[-1] == (15, 15) and len(seen) == 15
    cache.get_or_train({**TINY, "seed": 5}, cache_dir=tmp_path, progress=True)
    assert "15/15 steps" in capsys.readouterr().err
