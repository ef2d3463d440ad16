"""Everything this project does to manim 0.21.0 and manim-slides 5.7.0 beyond their public API.

``install()`` (explicit, idempotent; ``scenes.base`` calls it, so scenes rendered with the
plain ``manim`` command get it too) checks the pinned versions and patches manim's typeset caches:

1. Resolution-independent Text layout. ``Text`` lays its SVG out on a page
   ``config.pixel_width`` pixels wide, so a long title wraps onto two lines at a small
   resolution (tests, previews) but not at 1080p; the SVG is cached under a hash that
   leaves the width out, so whichever resolution rendered a sentence first decided its
   layout for every later render. Every Text is laid out on one fixed, wide page instead
   (explicit newlines still break lines).

2. Safe sharing between processes. ``--jobs N`` renders scenes in parallel processes that
   share one typeset cache (its ``texts`` and ``Tex`` folders). manim writes those files in
   place, so one process could read another's half-written SVG (seen: "ParseError: no element
   found") or run LaTeX on a half-written .tex. Text SVGs are now written to a temporary name
   and renamed into place, and TeX compilation holds an exclusive file lock.

3. Private scratch files when reading an SVG. ``SVGMobject.generate_mobject`` writes a
   modified copy of the cached SVG beside it as ``<name>_.svg``, parses it and deletes it:
   two processes typesetting the same formula at once write, read and delete the same scratch
   file (seen: "FileNotFoundError: ..._.svg" in a ``--jobs 2`` render). The copy gets a name
   of its own per process and thread instead; the rest of the method is upstream's, unchanged.

The rest are private names the components and the slides read, gathered here so that each is
spelled once:

4. ``font_size_made_with``, ``decimal_string``, ``typeset_decimal_char``: the private helpers
   of ``Text`` / ``DecimalNumber`` that ``components.glyph_number`` composes numbers with.
5. ``OPACITY_ARRAYS``: VMobject's colour arrays, whose alpha column ``components.quick_fade``
   scales in place instead of copying the mobject.
6. ``slide_class``: manim-slides reads the background through ``Slide._background_color``,
   which expects a ManimColor; ``ExplainerScene`` sets a hex string.

``tests/test_manim_compat.py`` checks, for each, that upstream still has the shape patched or
read here, so an upgrade fails there, by name, before it breaks a render.
"""

from __future__ import annotations

import fcntl
import functools
import os
import threading
from importlib import metadata
from pathlib import Path

#: The versions every workaround here was written against (pyproject.toml pins the same).
PINNED = {"manim": "0.21.0", "manim-slides": "5.7.0"}

# Wide and tall enough that no on-screen sentence wraps; independent of the render size.
LAYOUT_WIDTH, LAYOUT_HEIGHT = 3840, 2160

#: VMobject's colour arrays (one RGBA row per colour; column 3 is the alpha Cairo draws with).
OPACITY_ARRAYS = ("fill_rgbas", "stroke_rgbas", "background_stroke_rgbas")


class UpstreamVersionError(RuntimeError):
    """manim or manim-slides is not the version these workarounds were written for."""


def check_versions(installed=metadata.version) -> None:
    """Raise UpstreamVersionError unless the pinned manim and manim-slides are installed."""
    for package, wanted in PINNED.items():
        try:
            found = installed(package)
        except metadata.PackageNotFoundError:
            found = None
        if found != wanted:
            raise UpstreamVersionError(
                f"{package} {found or '(not installed)'} is installed, but scenes/manim_compat.py works "
                f"around {package}=={wanted}; install the pinned versions (`make venv`, or "
                f"pip install -e .), or port the workarounds and their tests (tests/test_manim_compat.py)"
            )


def install() -> None:
    """Check the pinned versions and install the typeset-cache fixes 1, 2 and 3 (idempotent)."""
    import manimpango
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject

    check_versions()
    if not getattr(manimpango.text2svg, "patched_by_explainer", False):
        manimpango.text2svg = _text_on_fixed_page(manimpango.text2svg)
    if not getattr(tex_mobject.tex_to_svg_file, "patched_by_explainer", False):
        tex_mobject.tex_to_svg_file = _tex_under_lock(tex_mobject.tex_to_svg_file)
    if not getattr(SVGMobject.generate_mobject, "patched_by_explainer", False):
        SVGMobject.generate_mobject = _generate_mobject_privately


def installed() -> bool:
    """Whether ``install()`` has patched this process."""
    import manimpango
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject

    return all(getattr(f, "patched_by_explainer", False)
               for f in (manimpango.text2svg, tex_mobject.tex_to_svg_file, SVGMobject.generate_mobject))


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
        from manim import config

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


def _generate_mobject_privately(self):
    """``SVGMobject.generate_mobject`` of manim 0.21.0 with a scratch file of its own (fix 3)."""
    from xml.etree import ElementTree as ET

    import svgelements as se
    from manim import RIGHT

    file_path = self.get_file_path()
    element_tree = ET.parse(file_path)
    new_tree = self.modify_xml_tree(element_tree)
    # Upstream: file_path.with_name(f"{file_path.stem}_{file_path.suffix}"), shared by every process.
    modified_file_path = file_path.with_name(f".{file_path.stem}.{os.getpid()}.{threading.get_ident()}_.svg")
    new_tree.write(modified_file_path)
    try:
        svg = se.SVG.parse(modified_file_path)
    finally:
        modified_file_path.unlink()

    mobjects, mobject_dict = self.get_mobjects_from(svg)
    self.add(*mobjects)
    self.id_to_vgroup_dict = mobject_dict
    self.flip(RIGHT)  # Flip y
    return self


_generate_mobject_privately.patched_by_explainer = True


# ------------------------------------------------------------------ private names read (4, 6)
def font_size_made_with(mobject) -> float:
    """The font size a ``Text`` or ``DecimalNumber`` was typeset at (before any scaling)."""
    return mobject._font_size


def decimal_string(number, value: float) -> str:
    """The characters ``number`` (a DecimalNumber) would show for ``value``, in its format."""
    return number._get_num_string(value)


def typeset_decimal_char(number, char: str):
    """One character typeset the way ``number`` (a DecimalNumber) typesets each of its characters."""
    return number._string_to_mob(char)


def slide_class(scene_class: type) -> type:
    """The scene with ``manim_slides.Slide`` in front: each ``self.pause()`` ends a slide."""
    from manim import ManimColor
    from manim_slides import Slide

    def background(self) -> str:
        # ExplainerScene.setup sets the camera's colour as a hex string; manim-slides wants a colour.
        return ManimColor(self.renderer.camera.background_color).to_hex()

    # Reversed videos are only for manim-slides' own player; HTML and PPTX never use them.
    return type(scene_class.__name__, (Slide, scene_class),
                {"skip_reversing": True, "_background_color": property(background)})
