"""Typeset SVGs read once: the shapes manim builds from a Text or MathTex SVG, kept between renders.

Every ``Text(...)`` parses its SVG again with svgelements and turns each path into a mobject
(upstream's in-process cache skips Text, and each render is a new process): 20-50 ms for a
sentence, a second or more for a scene with many labels, every render. ``generate_mobject``
here keeps what ``get_mobjects_from`` returns under a hash of the SVG's bytes and everything
else the result depends on (the class, ``svg_default``, ``path_string_config``, the renderer,
manim's version, this format), in ``parsed/`` beside manim's ``texts`` and ``Tex`` folders, and in
memory. Only SVGs inside those two folders are kept (manim names them by what they show).

An entry is plain data that cannot run code when read (``manim_engine.shape_store``): one file
``<key>.shapes`` holding a magic line, a JSON header line (format, key, size and sha256 of the
payload) and the payload: zlib-compressed, the length of a JSON graph describing the shapes, the
graph, then their arrays' raw bytes.
Before use the header and the payload's checksum are verified and the shapes rebuilt from the
data; anything that fails (damaged, cut short, another format or key, planted) is parsed again
and replaced. Entries of earlier versions (``*.pickle``) are never read; the first entry a
process writes into a folder deletes them. Written by rename (readers see all of one or none).
The shapes are the same objects upstream builds, except that a path's svgelements source
(``path_obj``, read only while the shape is built) is not kept.
``manim_engine.fast_paths`` installs this (``EXPLAINER_SLOW_PATHS=1`` parses every time);
``tests/test_render_speed.py`` compares cached shapes with freshly parsed ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import zlib
from pathlib import Path

from manim_engine import shape_store

#: Bump when what is stored changes (2: zlib-compressed pickles; 3: plain data, verified).
FORMAT = 3
MAGIC = b"explainer parsed SVG shapes\n"
SUFFIX = ".shapes"
#: The most an entry's payload may expand to (a sentence takes ~60 KB; a planted one may not take the memory).
MAX_EXPANDED = 64 * 2**20
_IN_MEMORY: dict[str, tuple[dict, bytes]] = {}
_SWEPT: set[Path] = set()


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
    entry = folder / f"{key}{SUFFIX}"
    stored = _IN_MEMORY.get(key) or read_entry(entry, key)
    parsed = _rebuild(stored)
    if parsed is None:
        parsed = manim_compat.parse_svg_privately(self)
        stored = _plain(*parsed)
        if stored is not None:
            _write(entry, entry_bytes(key, *stored))
    if stored is not None:
        _IN_MEMORY[key] = stored
    return manim_compat.assemble_svg_mobject(self, *parsed)


# manim_compat.install() leaves a generate_mobject with this mark in place (this one also reads
# through manim_compat's private scratch file).
generate_mobject.patched_by_explainer = True


def entry_bytes(key: str, graph: dict, blob: bytes) -> bytes:
    """The file of one entry: magic line, JSON header line, compressed payload."""
    graph_json = json.dumps(graph, separators=(",", ":"), allow_nan=True).encode()
    payload = zlib.compress(b"%d\n" % len(graph_json) + graph_json + blob, 1)
    header = {"format": FORMAT, "key": key, "payload_bytes": len(payload),
              "payload_sha256": hashlib.sha256(payload).hexdigest()}
    return MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + payload


def read_entry(path: Path, key: str) -> tuple[dict, bytes] | None:
    """The graph and array bytes in ``path`` when it is a whole entry of this format for ``key``, else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        if not data.startswith(MAGIC):
            return None
        end = data.index(b"\n", len(MAGIC), len(MAGIC) + 4096)
        header = json.loads(data[len(MAGIC):end])
        payload = data[end + 1:]
        if (not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key
                or header.get("payload_bytes") != len(payload)
                or header.get("payload_sha256") != hashlib.sha256(payload).hexdigest()):
            return None
        inflate = zlib.decompressobj()
        raw = inflate.decompress(payload, MAX_EXPANDED)
        if inflate.unconsumed_tail or not inflate.eof:
            return None
        line = raw.index(b"\n", 0, 20)
        split = line + 1 + int(raw[:line])
        graph = json.loads(raw[line + 1:split])
        return (graph, raw[split:]) if isinstance(graph, dict) and split <= len(raw) else None
    except (ValueError, RecursionError, zlib.error):
        return None


def _plain(mobjects: list, groups: dict) -> tuple[dict, bytes] | None:
    """The shapes as plain data, without their svgelements sources; None if something cannot be kept."""
    kept = [m.__dict__.pop("path_obj", None) for m in mobjects]
    try:
        return shape_store.encode(mobjects, groups)
    except TypeError:  # a shape this format does not describe: parse that SVG every time
        return None
    finally:
        for mobject, path_obj in zip(mobjects, kept):
            if path_obj is not None:
                mobject.path_obj = path_obj


def _rebuild(stored: tuple[dict, bytes] | None) -> tuple[list, dict] | None:
    if stored is None:
        return None
    try:
        mobjects, groups = shape_store.decode(*stored)
    except ValueError:  # inconsistent (planted, or a bug): parse again
        return None
    for mobject in mobjects:
        if type(mobject).__name__ == "VMobjectFromSVGPath":
            mobject.path_obj = None
    return mobjects, groups


def _write(path: Path, data: bytes) -> None:
    """Write by rename; a folder that cannot be written to just keeps nothing."""
    partial = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
        _sweep_old_entries(path.parent)
    except OSError:
        pass
    finally:
        partial.unlink(missing_ok=True)


def _sweep_old_entries(folder: Path) -> None:
    """Delete the pickled entries of format 2 and earlier (never read), once per folder and process."""
    if folder in _SWEPT:
        return
    _SWEPT.add(folder)
    for old in folder.glob("*.pickle"):
        old.unlink(missing_ok=True)
