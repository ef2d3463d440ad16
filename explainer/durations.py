"""How long each scene runs, measured by a dry run and remembered until its code changes."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from pathlib import Path

from scenes.catalog import SceneEntry

CACHE_FILE = Path(__file__).resolve().parent.parent / "media" / "cache" / "durations.json"


def _fingerprint(entry: SceneEntry) -> str:
    """Changes whenever the scene's module, the strings or the language changes."""
    module = inspect.getmodule(entry.load())
    digest = hashlib.sha256(Path(module.__file__).read_bytes())
    digest.update(os.environ.get("EXPLAINER_LANG", "en").encode())
    digest.update(os.environ.get("EXPLAINER_PARAMS", "").encode())
    return digest.hexdigest()[:16]


def measure(entry: SceneEntry) -> float:
    """Run the scene with animations skipped and nothing written; return its length in seconds."""
    from manim import tempconfig

    settings = {"dry_run": True, "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none",
                "pixel_width": 64, "pixel_height": 36, "frame_rate": 5}
    with tempconfig(settings):
        scene = entry.load()(skip_animations=True)
        scene.render()
        return float(scene.renderer.time)


def scene_duration(entry: SceneEntry, cache_file: Path = CACHE_FILE) -> float:
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
