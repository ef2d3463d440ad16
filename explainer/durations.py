"""How long each scene runs, measured by a dry run and remembered until its code changes."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from pathlib import Path

from explainer.runner import dry_run
from explainer.settings import DURATIONS_CACHE, LANG_ENV, PARAMS_ENV, VOICE_ENV
from scenes.catalog import SceneEntry


def _fingerprint(entry: SceneEntry) -> str:
    """Changes whenever the scene's module, the strings, the language or the voice changes."""
    module = inspect.getmodule(entry.load())
    digest = hashlib.sha256(Path(module.__file__).read_bytes())
    digest.update(os.environ.get(LANG_ENV, "en").encode())
    digest.update(os.environ.get(PARAMS_ENV, "").encode())
    digest.update(os.environ.get(VOICE_ENV, "").encode())
    return digest.hexdigest()[:16]


def measure(entry: SceneEntry) -> float:
    """Run the scene with animations skipped and nothing written; return its length in seconds."""
    scene = dry_run(entry.load(), pixel_width=64, pixel_height=36, frame_rate=5)
    return float(scene.renderer.time)


def scene_duration(entry: SceneEntry, cache_file: Path = DURATIONS_CACHE) -> float:
    """The scene's duration, from the cache when its code has not changed since it was measured."""
    try:
        known = json.loads(cache_file.read_text())
    except (OSError, ValueError):
        known = {}
    key = f"{entry.name}:{_fingerprint(entry)}"
    if key not in known:
        known[key] = measure(entry)
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(".partial")
        partial.write_text(json.dumps(known, indent=1))
        os.replace(partial, cache_file)
    return float(known[key])
