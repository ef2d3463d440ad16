"""Trajectories on disk, keyed by their run config: train once, then always load.

Scenes never train inside ``construct``; they call::

    from mathcore.cache import get_or_train, training_data
    trajectory = get_or_train(config)        # loads, or trains once and saves
    points = training_data(config)           # the data points to draw

A config is a plain dict (documented in ``mathcore.runspec``) or a ``RunSpec``. Each
entry is two files in the cache folder:

- ``<key>.npz``: every Trajectory field (``mathcore.npz_tree``, loaded without pickle);
- ``<key>.json``: the canonical config, the mathcore version, the format version,
  the BLAS that trained it (``mathcore.numerics``) and the sha256 of the npz bytes.

The key covers the BLAS library and kernels, since their rounding reaches a trained
model's last digits; training runs on one BLAS thread, so the thread count does not.

Both are written with ``mathcore.storage.atomic_write``, the npz first and the sidecar
last, so a reader sees a whole entry or none. A corrupt, truncated or mismatched entry
is reported with a ``CacheWarning`` naming the file and is recomputed. The folder is
``$EXPLAINER_CACHE_DIR`` or, by default, ``<repo>/media/cache/trajectories``.
Returned trajectories are shared: their arrays are read-only.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import re
import time
import warnings
from pathlib import Path
from typing import NamedTuple

import mathcore
from mathcore import npz_tree, numerics, runner
from mathcore.progress import ProgressMode
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
from mathcore.runspec import RunSpec
from mathcore.storage import (
    CACHE_ENV_VAR,
    DEFAULT_CACHE_ROOT,
    REPO_ROOT,  # noqa: F401  (re-exported)
    atomic_write,
    env_cache_dir,
)
from mathcore.train import Trajectory

__all__ = [
    "CacheInfo", "CacheWarning", "ConfigError", "RunSpec", "TrainingData", "cache_info", "clear_cache",
    "config_key", "entry_paths", "get_or_train", "model_for", "normalise_config",
    "resolve_cache_dir", "training_data",
]

ENV_VAR = CACHE_ENV_VAR  # the name, as before; mathcore.storage reads it
DEFAULT_CACHE_DIR = DEFAULT_CACHE_ROOT / "trajectories"

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
    return env_cache_dir() or DEFAULT_CACHE_DIR


def entry_paths(config: dict | RunSpec, cache_dir: str | os.PathLike | None = None) -> tuple[Path, Path]:
    """The (npz, sidecar json) paths of ``config``'s entry (they may not exist yet)."""
    folder, key = resolve_cache_dir(cache_dir), config_key(config)
    return folder / f"{key}.npz", folder / f"{key}.json"


def get_or_train(
    config: dict | RunSpec,
    cache_dir: str | os.PathLike | None = None,
    progress: ProgressMode = None,
) -> Trajectory:
    """The trajectory of ``config``: from memory, else from disk, else trained once and saved.

    ``progress``: None shows a progress line on stderr once training has taken more than
    2 s, True shows it from the start, False never; a callable gets ``(steps_done,
    total_steps)`` after each step. A DivergenceError (with ``on_divergence="raise"``) or
    a bad config propagates; nothing is cached then. If the folder cannot be written, a
    CacheWarning says so and the trained trajectory is still returned.
    """
    spec = RunSpec.from_dict(config)
    key, folder = spec.key(), resolve_cache_dir(cache_dir)
    memo_key = (str(folder), key)
    if memo_key in _MEMORY:
        return _MEMORY[memo_key]
    trajectory = _load(folder, key, spec)
    if trajectory is None:
        start = time.monotonic()
        trajectory = runner.train(spec, progress)
        try:
            _save(folder, key, spec, trajectory, time.monotonic() - start)
        except (OSError, TypeError) as exc:
            warnings.warn(f"trajectory cache: could not save {key} in {folder}: {exc}",
                          CacheWarning, stacklevel=2)
    for f in dataclasses.fields(trajectory):
        npz_tree.freeze(getattr(trajectory, f.name))
    _MEMORY[memo_key] = trajectory
    return trajectory


def cache_info(cache_dir: str | os.PathLike | None = None) -> CacheInfo:
    """How many whole entries the folder holds (sidecar and npz checked: damaged ones are not
    counted), the size in bytes of all the cache's own files (symlinks are not followed), and
    the folder. An unreadable folder raises its OSError."""
    folder = resolve_cache_dir(cache_dir)
    if not folder.is_dir():
        return CacheInfo(0, 0, folder)
    own = [p for p in folder.iterdir() if _ENTRY.match(p.name) or _TEMP.match(p.name)]
    count = sum(1 for p in own if p.suffix == ".npz" and not p.name.startswith(".") and _whole_entry(folder, p.stem))
    size = sum(p.lstat().st_size for p in own)
    return CacheInfo(count, size, folder)


def _whole_entry(folder: Path, key: str) -> bool:
    """Whether ``key``'s sidecar is this version's and the npz beside it is the one it describes."""
    npz_path, json_path = folder / f"{key}.npz", folder / f"{key}.json"
    if npz_path.is_symlink() or not npz_path.is_file() or json_path.is_symlink() or not json_path.is_file():
        return False
    try:
        sidecar = json.loads(json_path.read_text(encoding="utf-8"))
        data = npz_path.read_bytes()
    except (OSError, ValueError):
        return False
    return (isinstance(sidecar, dict) and _stale_sidecar(sidecar, key) is None
            and sidecar.get("npz_sha256") == hashlib.sha256(data).hexdigest())


def _stale_sidecar(sidecar: dict, key: str) -> str | None:
    """Why a sidecar does not describe this version's entry ``key``, or None when it does."""
    checks = [
        ("format", FORMAT_VERSION, "cache format"),
        ("key", key, "key"),
        ("mathcore_version", mathcore.__version__, "mathcore version"),
    ]
    for field, expected, what in checks:
        if sidecar.get(field) != expected:
            return f"{what} {sidecar.get(field)!r} differs from {expected!r}"
    return None


def clear_cache(cache_dir: str | os.PathLike | None = None) -> int:
    """Delete the cache's own files (entries and stray temporaries) and forget them in memory.

    Other files in the folder are left alone. Everything is checked first: a read-only folder,
    or a folder named like an entry, raises OSError and nothing is removed; a file that still
    cannot be removed is named in the OSError. Returns the number of npz files removed.
    """
    folder = resolve_cache_dir(cache_dir)
    for memo_key in [k for k in _MEMORY if k[0] == str(folder)]:
        del _MEMORY[memo_key]
    if not folder.is_dir():
        return 0
    own = sorted(p for p in folder.iterdir() if _ENTRY.match(p.name) or _TEMP.match(p.name))
    folders = [p.name for p in own if p.is_dir() and not p.is_symlink()]
    if folders:
        raise OSError(errno.EISDIR, f"{folder} holds folder(s) named like cache entries ({', '.join(folders)}); "
                                    "nothing was removed: move them away, then clear again")
    if own and not os.access(folder, os.W_OK | os.X_OK):
        raise OSError(errno.EACCES, f"{folder} is read-only, so its {len(own)} cache file(s) cannot be removed; "
                                    "nothing was removed (fix its permissions, or clear another EXPLAINER_CACHE_DIR)")
    removed, stayed = 0, []
    for p in own:
        try:
            p.unlink(missing_ok=True)
        except OSError as exc:
            stayed.append(f"{p.name} ({exc.strerror or exc})")
            continue
        removed += p.suffix == ".npz" and not p.name.startswith(".")
    if stayed:
        raise OSError(errno.EIO, f"removed {len(own) - len(stayed)} of {len(own)} cache files in {folder}; "
                                 f"these stayed: {', '.join(stayed)}")
    return removed


# ------------------------------------------------------------------------ the entry files


def _save(folder: Path, key: str, spec: RunSpec, trajectory: Trajectory, seconds: float) -> None:
    data = npz_tree.pack({f.name: getattr(trajectory, f.name) for f in dataclasses.fields(trajectory)})
    sidecar = {
        "format": FORMAT_VERSION,
        "key": key,
        "mathcore_version": mathcore.__version__,
        "npz_sha256": hashlib.sha256(data).hexdigest(),
        "npz_bytes": len(data),
        "config": spec.to_dict(),
        "numerics": numerics.blas_fingerprint(),  # in the key too: for people reading the folder
        "train_seconds": round(seconds, 3),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    atomic_write(folder / f"{key}.npz", data)
    atomic_write(folder / f"{key}.json", json.dumps(sidecar, indent=1) + "\n")


def _warn(path: Path, reason: str) -> None:
    warnings.warn(f"trajectory cache: {path}: {reason}; recomputing it", CacheWarning, stacklevel=4)


def _load(folder: Path, key: str, spec: RunSpec) -> Trajectory | None:
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
    stale = _stale_sidecar(sidecar, key)
    if stale:
        _warn(json_path, stale)
        return None
    try:
        same_config = canonical_json(sidecar.get("config")) == canonical_json(spec.to_dict())
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
    n_params = spec.new_model().n_params
    try:
        trajectory = Trajectory(**npz_tree.unpack(data))
        thetas = trajectory.thetas
        if thetas.ndim != 2 or thetas.shape[1] != n_params or len(trajectory.train_loss) != len(thetas):
            raise ValueError(f"thetas of shape {thetas.shape} do not fit {n_params} params")
    except Exception as exc:  # noqa: BLE001 - any damage means "recompute", never a crash
        _warn(npz_path, f"unreadable trajectory ({type(exc).__name__}: {exc})")
        return None
    return trajectory
