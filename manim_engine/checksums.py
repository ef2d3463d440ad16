"""Checksums of typeset SVGs: a sidecar per SVG, so a cached file is used only when it is the one made.

Manim (and manimpango) reuse any SVG of the right name in the ``texts`` and ``Tex`` folders; a file
whose bytes were changed after it was made (a bad disk, a stray edit, a planted file) would be drawn,
or make every later render fail. ``record(svg)`` keeps the SHA-256 and size of an SVG just made in
``<typeset>/checksums/<folder>/<name>.sha256`` (beside, not inside, manim's folders: manim deletes
every file but .tex and .svg in ``Tex``), written by rename; ``verified(svg)`` says whether an SVG
still has exactly those bytes. An SVG without a sidecar (made before this existed) is unverified and
typeset again once. ``manim_engine.compat`` checks every typeset SVG with these before manim reads it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

PREFIX = "sha256"


def sidecar(svg: Path) -> Path:
    """Where the checksum of ``svg`` (``<typeset>/<folder>/<name>.svg``) is kept."""
    svg = Path(svg)
    return svg.parent.parent / "checksums" / svg.parent.name / f"{svg.stem}.sha256"


def _line(data: bytes) -> str:
    return f"{PREFIX} {hashlib.sha256(data).hexdigest()} {len(data)}\n"


def record(svg: Path, data: bytes | None = None) -> None:
    """Keep the checksum of ``data`` (default: ``svg``'s bytes now) as ``svg``'s; by rename, best effort."""
    svg = Path(svg)
    target = sidecar(svg)
    partial = target.with_name(f".{target.stem}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        text = _line(svg.read_bytes() if data is None else data)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text)
        os.replace(partial, target)
    except OSError:  # a read-only cache: the SVG is checked again (and typeset again) next time
        pass
    finally:
        partial.unlink(missing_ok=True)


def verified(svg: Path) -> bool:
    """Whether ``svg`` holds exactly the bytes its sidecar describes (False when either is missing)."""
    try:
        expected = sidecar(svg).read_text(encoding="ascii")
        data = Path(svg).read_bytes()
    except (OSError, UnicodeDecodeError):
        return False
    return expected == _line(data)
