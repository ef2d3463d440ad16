"""Where mathcore keeps files, and how it writes them: one place for both.

- ``REPO_ROOT``: the checkout (``assets/data`` and ``media/cache`` live under it).
- ``CACHE_ENV_VAR`` (``EXPLAINER_CACHE_DIR``): a folder for the caches instead of
  ``<repo>/media/cache``; ``env_cache_dir()`` reads it (None when unset), ``cache_root_problem()``
  says why it cannot be used (a file where the folder should be).
- ``atomic_write``: a temporary file in the same folder, flushed to disk, then
  ``os.replace``: a reader sees the old file or the whole new one, never a part.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "assets" / "data"
DEFAULT_CACHE_ROOT = REPO_ROOT / "media" / "cache"
CACHE_ENV_VAR = "EXPLAINER_CACHE_DIR"


def env_cache_dir() -> Path | None:
    """``$EXPLAINER_CACHE_DIR`` as an absolute path, or None when it is unset or empty."""
    value = os.environ.get(CACHE_ENV_VAR)
    return Path(value).expanduser().resolve() if value else None


def file_in_the_way(folder: Path) -> Path | None:
    """The file (or other non-folder) standing where ``folder``, or the nearest folder above it that
    exists, should be: nothing can be created in it. None when the folder is or can be made."""
    existing = Path(folder)
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    return None if existing.is_dir() else existing


def cache_root_problem() -> str | None:
    """Why ``$EXPLAINER_CACHE_DIR`` cannot be the caches' folder (it, or the nearest existing folder
    above it, is a file), with the fix; None when it is unset or usable."""
    root = env_cache_dir()
    blocker = None if root is None else file_in_the_way(root)
    if blocker is None:
        return None
    where = "is a file" if blocker == root else f"lies inside {blocker}, which is a file"
    return (f"{CACHE_ENV_VAR}={os.environ[CACHE_ENV_VAR]} {where}, not a folder; point {CACHE_ENV_VAR} at a "
            f"folder (it is created if missing) or unset it")


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically, creating its folder; mode 0o644."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
