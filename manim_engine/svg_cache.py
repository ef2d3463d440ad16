"""Typeset SVGs read once: the shapes manim builds from a Text or MathTex SVG, kept between renders.

Every ``Text(...)`` parses its SVG again with svgelements and turns each path into a mobject
(upstream's in-process cache skips Text, and each render is a new process): 20-50 ms for a
sentence, a second or more for a scene with many labels, every render. ``generate_mobject``
here keeps what ``get_mobjects_from`` returns, pickled, under a hash of the SVG's bytes and
everything else the result depends on (the class, ``svg_default``, ``path_string_config``, the
renderer, manim's version), compressed, in ``parsed/`` beside manim's ``texts`` and ``Tex`` folders, and in
memory. Only SVGs inside those two folders are kept (manim names them by what they show).

The entries are written by rename (readers see all of one or none), and one that cannot be read
back is parsed again and replaced. The shapes are the same objects upstream builds, except that
a path's svgelements source (``path_obj``, read only while the shape is built) is not kept.
``manim_engine.fast_paths`` installs this (``EXPLAINER_SLOW_PATHS=1`` parses every time);
``tests/test_render_speed.py`` compares cached shapes with freshly parsed ones.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
import zlib
from pathlib import Path

#: Bump when what is stored changes (2: zlib-compressed, ~8x smaller for 0.1 ms a read).
FORMAT = 2
_IN_MEMORY: dict[str, bytes] = {}


def cache_folder(file_path: Path) -> Path | None:
    """Where parsed shapes of ``file_path`` are kept, or None for an SVG outside manim's typeset folders."""
    from manim import config

    folder = Path(file_path).resolve().parent
    for kind in ("text_dir", "tex_dir"):
        if folder == Path(config.get_dir(kind)).resolve():
            return folder.parent / "parsed"
    return None


def entry_key(svg_mobject, svg_bytes: bytes) -> str:
    """A name for the shapes ``svg_mobject`` builds from these bytes."""
    from importlib import metadata

    from manim import config

    settings = (FORMAT, metadata.version("manim"), type(svg_mobject).__module__, type(svg_mobject).__qualname__,
                sorted((k, repr(v)) for k, v in svg_mobject.svg_default.items()),
                sorted((k, repr(v)) for k, v in svg_mobject.path_string_config.items()), str(config.renderer))
    return hashlib.sha256(repr(settings).encode() + b"\0" + svg_bytes).hexdigest()[:40]


def generate_mobject(self):
    """``SVGMobject.generate_mobject``: the shapes from the cache when it has them, else parsed and kept."""
    from manim_engine import compat as manim_compat

    file_path = Path(self.get_file_path())
    folder = cache_folder(file_path)
    if folder is None:
        return manim_compat.generate_mobject_privately(self)
    key = entry_key(self, file_path.read_bytes())
    entry = folder / f"{key}.pickle"
    data = _IN_MEMORY.get(key) or _read(entry)
    parsed = _unpickle(data)
    if parsed is None:
        parsed = manim_compat.parse_svg_privately(self)
        data = _pickle(*parsed)
        _write(entry, data)
    _IN_MEMORY[key] = data
    return manim_compat.assemble_svg_mobject(self, *parsed)


# manim_compat.install() leaves a generate_mobject with this mark in place (this one also reads
# through manim_compat's private scratch file).
generate_mobject.patched_by_explainer = True


def _pickle(mobjects: list, groups: dict) -> bytes:
    kept = [m.__dict__.pop("path_obj", None) for m in mobjects]
    try:
        return zlib.compress(pickle.dumps((mobjects, groups), protocol=pickle.HIGHEST_PROTOCOL), 1)
    finally:
        for mobject, path_obj in zip(mobjects, kept):
            if path_obj is not None:
                mobject.path_obj = path_obj


def _unpickle(data: bytes | None) -> tuple[list, dict] | None:
    if not data:
        return None
    try:
        mobjects, groups = pickle.loads(zlib.decompress(data))
    except Exception:  # damaged or from another version: parse again
        return None
    for mobject in mobjects:
        if type(mobject).__name__ == "VMobjectFromSVGPath":
            mobject.path_obj = None
    return mobjects, groups


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write(path: Path, data: bytes) -> None:
    """Write by rename; a folder that cannot be written to just keeps nothing."""
    partial = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        pass
    finally:
        partial.unlink(missing_ok=True)
