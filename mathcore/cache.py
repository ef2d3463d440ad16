"""Trajectories on disk, keyed by their run config: train once, then always load.

Scenes never train inside ``construct``; they call::

    from mathcore.cache import get_or_train, training_data
    trajectory = get_or_train(config)        # loads, or trains once and saves
    points = training_data(config)           # the data points to draw

(the config format is documented in ``mathcore.runconfig``; its names are
re-exported here). Each entry is two files in the cache folder:

- ``<key>.npz``: every Trajectory field (numpy's format, loaded with
  ``allow_pickle=False``); lists of index arrays are stored flat with offsets;
- ``<key>.json``: the normalised config, the mathcore version, the format version
  and the sha256 of the npz bytes.

Writes are atomic (a temporary file in the same folder, then ``os.replace``; the
npz first, the sidecar last), so a reader sees a whole entry or none. A corrupt,
truncated or mismatched entry is reported with a ``CacheWarning`` naming the file
and is recomputed. The folder is ``$EXPLAINER_CACHE_DIR`` or, by default,
``<repo>/media/cache/trajectories``. Returned trajectories are shared: their
arrays are read-only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import math
import os
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Callable, NamedTuple

import numpy as np

import mathcore
from mathcore.optim import Optimizer, make_optimizer
from mathcore.runconfig import (  # noqa: F401  (re-exported: the cache's public API)
    FORMAT_VERSION,
    ConfigError,
    TrainingData,
    canonical_json,
    config_key,
    model_for,
    normalise_config,
    training_data,
)
from mathcore.train import Trajectory, fit

__all__ = [
    "CacheInfo", "CacheWarning", "ConfigError", "TrainingData", "cache_info", "clear_cache",
    "config_key", "entry_paths", "get_or_train", "model_for", "normalise_config",
    "resolve_cache_dir", "training_data",
]

ENV_VAR = "EXPLAINER_CACHE_DIR"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE_DIR = REPO_ROOT / "media" / "cache" / "trajectories"
PROGRESS_AFTER_S = 2.0

_ENTRY = re.compile(r"^[0-9a-f]{20}\.(npz|json)$")
_TEMP = re.compile(r"^\.[0-9a-f]{20}\.(npz|json)\..*\.tmp$")
_MEMORY: dict[tuple[str, str], Trajectory] = {}


class CacheWarning(UserWarning):
    """A cache entry could not be used (it is recomputed) or could not be written."""


class CacheInfo(NamedTuple):
    count: int  # complete entries (npz + sidecar)
    bytes: int  # all cache files together
    path: Path


def resolve_cache_dir(cache_dir: str | os.PathLike | None = None) -> Path:
    """The folder in use: the argument, else ``$EXPLAINER_CACHE_DIR``, else the default."""
    if cache_dir is not None:
        return Path(cache_dir).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser().resolve() if env else DEFAULT_CACHE_DIR


def entry_paths(config: dict, cache_dir: str | os.PathLike | None = None) -> tuple[Path, Path]:
    """The (npz, sidecar json) paths of ``config``'s entry (they may not exist yet)."""
    folder, key = resolve_cache_dir(cache_dir), config_key(config)
    return folder / f"{key}.npz", folder / f"{key}.json"


# ---------------------------------------------------------------------------- encoding


def _encode(value: Any, arrays: dict[str, np.ndarray]) -> dict:
    """Describe ``value`` as JSON, moving arrays into ``arrays`` (names a0, a1, ...)."""
    if isinstance(value, np.generic):  # before float: np.float64 is a float subclass
        return {"scalar": value.item(), "dtype": value.dtype.str}
    if value is None or isinstance(value, (bool, int, float, str)):
        return {"json": value}
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise TypeError("object arrays cannot be stored without pickle")
        name = f"a{len(arrays)}"
        arrays[name] = value
        return {"array": name}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("only dicts with string keys can be stored")
        return {"dict": {k: _encode(v, arrays) for k, v in value.items()}}
    if isinstance(value, list) and value and all(
        isinstance(a, np.ndarray) and a.ndim == 1 and a.dtype.kind in "iu" for a in value
    ):
        return _encode_index_arrays(value, arrays)
    if isinstance(value, (list, tuple)):
        return {"list": [_encode(v, arrays) for v in value], "tuple": isinstance(value, tuple)}
    raise TypeError(f"cannot store a {type(value).__name__} in the trajectory cache")


def _encode_index_arrays(parts: list[np.ndarray], arrays: dict[str, np.ndarray]) -> dict:
    """Ragged integer arrays (batch indices): distinct ones concatenated, plus offsets and a map."""
    distinct: list[np.ndarray] = []
    by_digest: dict[bytes, list[int]] = {}
    which = np.empty(len(parts), dtype=np.int64)
    for i, a in enumerate(parts):
        digest = hashlib.sha256(a.tobytes()).digest()
        same = [j for j in by_digest.get(digest, ()) if np.array_equal(distinct[j], a)]
        if same:
            which[i] = same[0]
        else:
            by_digest.setdefault(digest, []).append(len(distinct))
            which[i] = len(distinct)
            distinct.append(a)
    dtype = np.result_type(*parts)
    flat = np.concatenate(distinct)
    lo, hi = (int(flat.min()), int(flat.max())) if flat.size else (0, 0)
    small = np.result_type(np.min_scalar_type(lo), np.min_scalar_type(hi))  # compact, exact
    offsets = np.cumsum([0] + [len(a) for a in distinct], dtype=np.int64)
    names = [f"a{len(arrays) + i}" for i in range(3)]
    arrays.update(zip(names, (flat.astype(small), offsets, which)))
    return {"index_arrays": names, "dtype": np.dtype(dtype).str}


def _decode(spec: dict, arrays: dict[str, np.ndarray]) -> Any:
    if "json" in spec:
        return spec["json"]
    if "scalar" in spec:
        return np.dtype(spec["dtype"]).type(spec["scalar"])
    if "array" in spec:
        a = arrays[spec["array"]]
        a.setflags(write=False)
        return a
    if "dict" in spec:
        return {k: _decode(v, arrays) for k, v in spec["dict"].items()}
    if "list" in spec:
        items = [_decode(v, arrays) for v in spec["list"]]
        return tuple(items) if spec["tuple"] else items
    flat_name, offsets_name, which_name = spec["index_arrays"]
    flat = arrays[flat_name].astype(np.dtype(spec["dtype"]))
    flat.setflags(write=False)
    offsets, which = arrays[offsets_name], arrays[which_name]
    distinct = [flat[offsets[j] : offsets[j + 1]] for j in range(len(offsets) - 1)]
    return [distinct[j] for j in which]


def _freeze(trajectory: Trajectory) -> Trajectory:
    """Make the trajectory's arrays read-only (it is shared through the in-memory cache)."""
    def walk(v: Any) -> None:
        if isinstance(v, np.ndarray):
            v.setflags(write=False)
        elif isinstance(v, dict):
            for item in v.values():
                walk(item)
        elif isinstance(v, (list, tuple)):
            for item in v:
                walk(item)
    for f in dataclasses.fields(trajectory):
        walk(getattr(trajectory, f.name))
    return trajectory


# ------------------------------------------------------------------------ disk access


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _save(folder: Path, key: str, cfg: dict, trajectory: Trajectory, seconds: float) -> None:
    arrays: dict[str, np.ndarray] = {}
    layout = {f.name: _encode(getattr(trajectory, f.name), arrays)
              for f in dataclasses.fields(trajectory)}
    arrays["layout"] = np.array(json.dumps(layout))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    data = buffer.getvalue()
    sidecar = {
        "format": FORMAT_VERSION,
        "key": key,
        "mathcore_version": mathcore.__version__,
        "npz_sha256": hashlib.sha256(data).hexdigest(),
        "npz_bytes": len(data),
        "config": cfg,
        "train_seconds": round(seconds, 3),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    folder.mkdir(parents=True, exist_ok=True)
    _atomic_write(folder / f"{key}.npz", data)
    _atomic_write(folder / f"{key}.json", (json.dumps(sidecar, indent=1) + "\n").encode())


def _warn(path: Path, reason: str) -> None:
    warnings.warn(f"trajectory cache: {path}: {reason}; recomputing it", CacheWarning, stacklevel=4)


def _load(folder: Path, key: str, cfg: dict, n_params: int) -> Trajectory | None:
    """The stored trajectory, or None (after a CacheWarning if an entry exists but is unusable)."""
    npz_path, json_path = folder / f"{key}.npz", folder / f"{key}.json"
    if not npz_path.exists() and not json_path.exists():
        return None
    try:
        sidecar = json.loads(json_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _warn(npz_path, "its sidecar .json is missing (an interrupted write?)")
        return None
    except (OSError, ValueError) as exc:
        _warn(json_path, f"unreadable sidecar ({exc})")
        return None
    if not isinstance(sidecar, dict):
        _warn(json_path, "the sidecar is not a JSON object")
        return None
    checks = [
        ("format", FORMAT_VERSION, "cache format"),
        ("key", key, "key"),
        ("mathcore_version", mathcore.__version__, "mathcore version"),
    ]
    for field, expected, what in checks:
        if sidecar.get(field) != expected:
            _warn(json_path, f"{what} {sidecar.get(field)!r} differs from {expected!r}")
            return None
    try:
        same_config = canonical_json(sidecar.get("config")) == canonical_json(cfg)
    except (TypeError, ValueError):
        same_config = False
    if not same_config:
        _warn(json_path, "its stored config differs from the requested one")
        return None
    try:
        data = npz_path.read_bytes()
    except OSError as exc:
        _warn(npz_path, f"unreadable ({exc})")
        return None
    if hashlib.sha256(data).hexdigest() != sidecar.get("npz_sha256"):
        _warn(npz_path, "content hash mismatch (truncated or modified file)")
        return None
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        layout = json.loads(str(arrays.pop("layout")))
        values = {name: _decode(spec, arrays) for name, spec in layout.items()}
        trajectory = Trajectory(**values)
        thetas = trajectory.thetas
        if thetas.ndim != 2 or thetas.shape[1] != n_params or len(trajectory.train_loss) != len(
            thetas
        ):
            raise ValueError(f"thetas of shape {thetas.shape} do not fit {n_params} params")
    except Exception as exc:  # noqa: BLE001 - any damage means "recompute", never a crash
        _warn(npz_path, f"unreadable trajectory ({type(exc).__name__}: {exc})")
        return None
    return trajectory


# --------------------------------------------------------------------------- training


class _Progress:
    """A one-line progress report on stderr, shown once a training has run for a while."""

    def __init__(self, label: str, total: int, mode: bool | None | Callable[[int, int], None]):
        self.label, self.total, self.mode = label, max(total, 1), mode
        self.done, self.start = 0, time.monotonic()
        self.last_print = -math.inf
        self.shown = False
        self.tty = sys.stderr.isatty()

    def tick(self) -> None:
        self.done += 1
        if callable(self.mode):
            self.mode(self.done, self.total)
            return
        if self.mode is False:
            return
        now = time.monotonic()
        elapsed = now - self.start
        if (self.mode is None and elapsed < PROGRESS_AFTER_S) or now - self.last_print < (
            0.25 if self.tty else 10.0
        ):
            return
        self.last_print = now
        self._print(elapsed, final=False)

    def _print(self, elapsed: float, final: bool) -> None:
        frac = min(self.done / self.total, 1.0)
        bar = "#" * int(24 * frac) + "." * (24 - int(24 * frac))
        left = "" if final or frac == 0 else f", ~{elapsed / frac - elapsed:.0f} s left"
        line = (f"training {self.label} [{bar}] {frac:4.0%} {self.done}/{self.total} steps, "
                f"{elapsed:.1f} s{left}")
        end = "\n" if final or not self.tty else ""
        sys.stderr.write(("\r" if self.tty else "") + line + end)
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self._print(time.monotonic() - self.start, final=True)


class _CountingOptimizer(Optimizer):
    """Wraps an optimiser and reports each step; the updates are the wrapped one's, unchanged."""

    def __init__(self, inner: Optimizer, on_step: Callable[[], None]) -> None:  # noqa: D107
        self.inner, self.on_step = inner, on_step  # no super().__init__: no state of our own
        self.name = inner.name

    def __getattr__(self, name: str) -> Any:
        if "inner" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.__dict__["inner"], name)

    def hyperparameters(self) -> dict[str, float]:
        return self.inner.hyperparameters()

    def config(self) -> dict:
        return self.inner.config()

    def fresh(self) -> "_CountingOptimizer":
        return _CountingOptimizer(self.inner.fresh(), self.on_step)

    def reset(self) -> None:
        self.inner.reset()

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        self.on_step()
        return self.inner.step(theta, grad)


def _train(cfg: dict, progress: bool | None | Callable[[int, int], None]) -> Trajectory:
    data = training_data(cfg)
    model = model_for(cfg)
    n = len(data.y)
    batch = n if cfg["batch_size"] is None else min(cfg["batch_size"], n)
    m, o = cfg["model"], cfg["optimizer"]
    label = (f"{cfg['data']['source']} hidden={m['hidden']} {o['name']} lr={o['lr']:g} "
             f"epochs={cfg['epochs']}")
    reporter = _Progress(label, cfg["epochs"] * math.ceil(n / batch), progress)
    kwargs: dict[str, Any] = {}
    if cfg["patience"] is not None:
        kwargs["patience"] = cfg["patience"]
    trajectory = fit(
        model, data.X, data.y,
        loss=cfg["loss"],
        optimizer=_CountingOptimizer(make_optimizer(o), reporter.tick),
        epochs=cfg["epochs"],
        batch_size=cfg["batch_size"],
        seed=cfg["seed"],
        X_val=data.X_val,
        y_val=data.y_val,
        record_every=cfg["record_every"],
        on_divergence=cfg["on_divergence"],
        **kwargs,
    )
    reporter.finish()
    return trajectory


def get_or_train(
    config: dict,
    cache_dir: str | os.PathLike | None = None,
    progress: bool | None | Callable[[int, int], None] = None,
) -> Trajectory:
    """The trajectory of ``config``: from memory, else from disk, else trained once and saved.

    ``progress``: None shows a progress line on stderr once training has taken more than
    2 s, True shows it from the start, False never; a callable gets ``(steps_done,
    total_steps)`` after each step. A DivergenceError (with ``on_divergence="raise"``) or
    a bad config propagates; nothing is cached then. If the folder cannot be written, a
    CacheWarning says so and the trained trajectory is still returned.
    """
    cfg = normalise_config(config)
    key = config_key(cfg)
    folder = resolve_cache_dir(cache_dir)
    memo_key = (str(folder), key)
    if memo_key in _MEMORY:
        return _MEMORY[memo_key]
    n_params = model_for(cfg).n_params
    trajectory = _load(folder, key, cfg, n_params)
    if trajectory is None:
        start = time.monotonic()
        trajectory = _train(cfg, progress)
        try:
            _save(folder, key, cfg, trajectory, time.monotonic() - start)
        except (OSError, TypeError) as exc:
            warnings.warn(f"trajectory cache: could not save {key} in {folder}: {exc}",
                          CacheWarning, stacklevel=2)
    _MEMORY[memo_key] = _freeze(trajectory)
    return trajectory


def cache_info(cache_dir: str | os.PathLike | None = None) -> CacheInfo:
    """How many complete entries the folder holds, their total size in bytes, and the folder."""
    folder = resolve_cache_dir(cache_dir)
    if not folder.is_dir():
        return CacheInfo(0, 0, folder)
    names = {p.name for p in folder.iterdir() if _ENTRY.match(p.name) or _TEMP.match(p.name)}
    count = sum(1 for n in names if n.endswith(".npz") and n[:-4] + ".json" in names)
    size = sum((folder / n).stat().st_size for n in names if (folder / n).exists())
    return CacheInfo(count, size, folder)


def clear_cache(cache_dir: str | os.PathLike | None = None) -> int:
    """Delete the cache's own files (entries and stray temporaries) and forget them in memory.

    Other files in the folder are left alone. Returns the number of npz files removed.
    """
    folder = resolve_cache_dir(cache_dir)
    for memo_key in [k for k in _MEMORY if k[0] == str(folder)]:
        del _MEMORY[memo_key]
    removed = 0
    if folder.is_dir():
        for p in folder.iterdir():
            if _ENTRY.match(p.name) or _TEMP.match(p.name):
                p.unlink(missing_ok=True)
                removed += p.name.endswith(".npz") and not p.name.startswith(".")
    return removed
