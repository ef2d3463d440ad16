"""How long each scene runs, measured by a dry run and remembered until its code changes."""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import json
import math
import os
from pathlib import Path

from explainer.runner import dry_run
from explainer.settings import LANG_ENV, PARAMS_ENV, VOICE_ENV, durations_cache
from mathcore.storage import atomic_write
from scenes.catalog import SceneEntry


def _fingerprint(entry: SceneEntry) -> str:
    """Changes whenever the scene's module, the base scene (pause timing), the strings (a silent
    pause lasts as long as its line takes to read), the language or the voice changes."""
    module = inspect.getmodule(entry.load())
    digest = hashlib.sha256(Path(module.__file__).read_bytes())
    strings = Path(importlib.util.find_spec("scenes.strings").origin).parent
    for shared in (Path(importlib.util.find_spec("scenes.base").origin), *sorted(strings.glob("*.py"))):
        digest.update(shared.read_bytes())
    digest.update(os.environ.get(LANG_ENV, "en").encode())
    digest.update(os.environ.get(PARAMS_ENV, "").encode())
    digest.update(os.environ.get(VOICE_ENV, "").encode())
    return digest.hexdigest()[:16]


def measure(entry: SceneEntry) -> float:
    """Run the scene with animations skipped and nothing written; return its length in seconds."""
    scene = dry_run(entry.load(), pixel_width=64, pixel_height=36, frame_rate=5)
    return float(scene.renderer.time)


def scene_duration(entry: SceneEntry, cache_file: Path | None = None) -> float:
    """The scene's duration, from the cache when its code has not changed since it was measured.

    The cache (``durations_cache()`` unless ``cache_file``) is one JSON object; a damaged file or
    entry is measured again, and each write replaces the whole file atomically, so processes
    measuring at once never see half a file (the last writer's set of entries wins).
    """
    cache_file = Path(cache_file) if cache_file is not None else durations_cache()
    known = _read_durations(cache_file)
    key = f"{entry.name}:{_fingerprint(entry)}"
    if key not in known:
        known = {**_read_durations(cache_file), key: measure(entry)}  # others may have written meanwhile
        atomic_write(cache_file, json.dumps(known, indent=1))
    return known[key]


def _read_durations(cache_file: Path) -> dict[str, float]:
    """The file's entries that are durations (finite numbers >= 0); {} for a missing or damaged file."""
    try:
        known = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(known, dict):
        return {}
    return {key: float(value) for key, value in known.items()
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0}
