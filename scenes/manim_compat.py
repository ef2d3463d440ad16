"""Two fixes to manim 0.21's text caches, installed for their effect by ``scenes.base``.

1. Resolution-independent Text layout. ``Text`` lays its SVG out on a page
   ``config.pixel_width`` pixels wide, so a long title wraps onto two lines at a small
   resolution (tests, previews) but not at 1080p; the SVG is cached under a hash that
   leaves the width out, so whichever resolution rendered a sentence first decided its
   layout for every later render. Every Text is laid out on one fixed, wide page instead
   (explicit newlines still break lines).

2. Safe sharing between processes. ``--jobs N`` renders scenes in parallel processes that
   share ``media/texts`` and ``media/Tex``. manim writes those files in place, so one
   process could read another's half-written SVG (seen: "ParseError: no element found")
   or run LaTeX on a half-written .tex. Text SVGs are now written to a temporary name and
   renamed into place, and TeX compilation holds an exclusive file lock.
"""

from __future__ import annotations

import fcntl
import functools
import os
from pathlib import Path

import manimpango
from manim import config
from manim.mobject.text import tex_mobject

# Wide and tall enough that no on-screen sentence wraps; independent of the render size.
LAYOUT_WIDTH, LAYOUT_HEIGHT = 3840, 2160


def _text_on_fixed_page(text2svg):
    @functools.wraps(text2svg)
    def text2svg_fixed(settings, size, line_spacing, disable_liga, file_name,
                       start_x, start_y, width, height, orig_text):
        final = Path(file_name)
        partial = final.with_name(f".{final.stem}.{os.getpid()}.partial.svg")
        text2svg(settings, size, line_spacing, disable_liga, str(partial),
                 start_x, start_y, LAYOUT_WIDTH, LAYOUT_HEIGHT, orig_text)
        os.replace(partial, final)  # readers see the whole SVG or none
        return str(final)

    text2svg_fixed.patched_by_explainer = True
    return text2svg_fixed


def _tex_under_lock(tex_to_svg_file):
    @functools.wraps(tex_to_svg_file)
    def tex_to_svg_file_locked(*args, **kwargs):
        # The lock lives beside the TeX folder: manim deletes every non-SVG file inside it.
        folder = Path(config.get_dir("tex_dir")).parent
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".tex-compile.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                return tex_to_svg_file(*args, **kwargs)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    tex_to_svg_file_locked.patched_by_explainer = True
    return tex_to_svg_file_locked


def install() -> None:
    """Install both fixes once (idempotent)."""
    if not getattr(manimpango.text2svg, "patched_by_explainer", False):
        manimpango.text2svg = _text_on_fixed_page(manimpango.text2svg)
    if not getattr(tex_mobject.tex_to_svg_file, "patched_by_explainer", False):
        tex_mobject.tex_to_svg_file = _tex_under_lock(tex_mobject.tex_to_svg_file)


install()
