"""Everything this project does to manim 0.21.0 and manim-slides 5.7.0 beyond their public API.

``install()`` (explicit, idempotent; ``scenes.base`` calls it, so scenes rendered with the
plain ``manim`` command get it too) checks the pinned versions and patches manim's typeset caches:

1. Resolution-independent Text layout. ``Text`` lays its SVG out on a page
   ``config.pixel_width`` pixels wide, so a long title wraps onto two lines at a small
   resolution (tests, previews) but not at 1080p; the SVG is cached under a hash that
   leaves the width out, so whichever resolution rendered a sentence first decided its
   layout for every later render. Every Text is laid out on one fixed, wide page instead
   (explicit newlines still break lines).

2. Safe sharing between processes. Renders (``--jobs N``, or several commands at once) share
   one typeset cache (its ``texts`` and ``Tex`` folders), and manim and manimpango write those
   files in place, so one process could read another's half-written SVG (seen: "ParseError: no
   element found", then a 0-byte SVG that broke every later render) or run LaTeX on a
   half-written .tex. Now:

   - a Text SVG is written to a private name, given manimpango's last edit there
     (``PangoUtils.remove_last_M``, which upstream runs on the shared file, opening it "w", on
     every ``Text(...)`` even when cached) and renamed into place: readers see all of it or none;
   - ``remove_last_M`` itself writes only when the file still needs the edit, and then by
     rename: on our cached SVGs it never writes;
   - TeX compilation holds an exclusive file lock;
   - an entry is used only when it is the one made: a .tex only when its bytes are exactly what
     manim would write for the expression, an SVG (Text or TeX) only when its bytes match the
     SHA-256 kept beside it when it was made (``manim_engine.checksums``); any other (empty, cut
     short, garbage, edited, made before checksums) is typeset again instead of being trusted:
     a TeX entry under the lock (with any .dvi a killed compilation left), a Text SVG in a
     private folder and renamed over the old one.

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
import re
import threading
from importlib import metadata
from pathlib import Path

from manim_engine import checksums

#: The versions every workaround here was written against (pyproject.toml pins the same).
PINNED = {"manim": "0.21.0", "manim-slides": "5.7.0"}

# Wide and tall enough that no on-screen sentence wraps; independent of the render size.
LAYOUT_WIDTH, LAYOUT_HEIGHT = 3840, 2160

#: VMobject's colour arrays (one RGBA row per colour; column 3 is the alpha Cairo draws with).
OPACITY_ARRAYS = ("fill_rgbas", "stroke_rgbas", "background_stroke_rgbas")


#: manimpango's ``PangoUtils.remove_last_M`` edit (0.6.x), applied to a private file here;
#: tests/test_manim_compat.py checks upstream still makes exactly this one.
LAST_MOVE_PATTERN, LAST_MOVE_REPLACEMENT = r'Z M [^A-Za-z]*? "\/>', 'Z "/>'


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
                f"{package} {found or '(not installed)'} is installed, but manim_engine/compat.py works "
                f"around {package}=={wanted}; install the pinned versions (`make venv`, or "
                f"pip install -e .), or port the workarounds and their tests (tests/test_manim_compat.py)"
            )


def install() -> None:
    """Check the pinned versions and install the typeset-cache fixes 1, 2 and 3 (idempotent)."""
    import manimpango
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject, text_mobject

    check_versions()
    if not getattr(manimpango.text2svg, "patched_by_explainer", False):
        manimpango.text2svg = _text_on_fixed_page(manimpango.text2svg)
    if not getattr(manimpango.PangoUtils.remove_last_M, "patched_by_explainer", False):
        manimpango.PangoUtils.remove_last_M = staticmethod(_remove_last_move_by_rename)
    if not getattr(text_mobject.Text._text2svg, "patched_by_explainer", False):
        text_mobject.Text._text2svg = _text_svg_checked(text_mobject.Text._text2svg)
    if not getattr(tex_mobject.tex_to_svg_file, "patched_by_explainer", False):
        tex_mobject.tex_to_svg_file = _tex_under_lock(tex_mobject.tex_to_svg_file)
    if not getattr(SVGMobject.generate_mobject, "patched_by_explainer", False):
        SVGMobject.generate_mobject = generate_mobject_privately


def _patched_functions() -> tuple:
    import manimpango
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject, text_mobject

    return (manimpango.text2svg, manimpango.PangoUtils.remove_last_M, text_mobject.Text._text2svg,
            tex_mobject.tex_to_svg_file, SVGMobject.generate_mobject)


def installed() -> bool:
    """Whether ``install()`` has patched this process."""
    return all(getattr(f, "patched_by_explainer", False) for f in _patched_functions())


def whole_svg(path: Path) -> bool:
    """Whether ``path`` holds a complete SVG document (not empty, cut short or something else)."""
    try:
        data = Path(path).read_bytes().strip()
    except OSError:
        return False
    return data.startswith(b"<") and b"<svg" in data[:1000] and data.endswith(b"</svg>")


def _bytes(path: Path) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def _private_name(final: Path, suffix: str) -> Path:
    """A scratch name beside ``final`` that no other process or thread uses."""
    return final.with_name(f".{final.stem}.{os.getpid()}.{threading.get_ident()}.{suffix}")


def _replace_text(path: Path, text: str) -> None:
    """Give ``path`` the content ``text`` by renaming a private file over it (readers never see half)."""
    partial = _private_name(path, "partial")
    try:
        partial.write_text(text)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _remove_last_move_by_rename(file_name: str) -> None:
    """``PangoUtils.remove_last_M``, writing only when the SVG still needs the edit, and then by rename."""
    path = Path(file_name)
    content = path.read_text()
    edited = re.sub(LAST_MOVE_PATTERN, LAST_MOVE_REPLACEMENT, content)
    if edited != content:
        _replace_text(path, edited)


_remove_last_move_by_rename.patched_by_explainer = True


def _text_on_fixed_page(text2svg):
    @functools.wraps(text2svg)
    def text2svg_fixed(settings, size, line_spacing, disable_liga, file_name,
                       start_x, start_y, width, height, orig_text):
        final = Path(file_name)
        partial = _private_name(final, "partial.svg")
        try:
            text2svg(settings, size, line_spacing, disable_liga, str(partial),
                     start_x, start_y, LAYOUT_WIDTH, LAYOUT_HEIGHT, orig_text)
            _remove_last_move_by_rename(str(partial))  # so remove_last_M never rewrites the shared file
            os.replace(partial, final)  # readers see the whole SVG or none
        finally:
            partial.unlink(missing_ok=True)
        return str(final)

    text2svg_fixed.patched_by_explainer = True
    return text2svg_fixed


def _text_svg_checked(text2svg_method):
    """``Text._text2svg``, which reuses any file of the right name, given only the SVG that was made."""
    @functools.wraps(text2svg_method)
    def text2svg_checked(self, color):
        from manim import config

        cached = Path(config.get_dir("text_dir")) / f"{self._text2hash(color)}.svg"
        if not cached.exists():
            result = text2svg_method(self, color)  # typeset and renamed into place
            if whole_svg(cached) and not checksums.verified(cached):
                checksums.record(cached)
            return result
        if not checksums.verified(cached):  # damaged, or made before checksums were kept
            _typeset_text_again(text2svg_method, self, color, cached)
        return text2svg_method(self, color)  # the file is there: upstream returns it as is

    text2svg_checked.patched_by_explainer = True
    return text2svg_checked


def _typeset_text_again(text2svg_method, text, color, cached: Path) -> None:
    """Typeset ``cached`` again in a private folder and rename it over the unverified file, so
    that another process reading it meanwhile finds a whole file (never none)."""
    import shutil
    import tempfile

    from manim import tempconfig

    scratch = Path(tempfile.mkdtemp(prefix=".typeset-", dir=cached.parent))
    try:
        with tempconfig({"text_dir": str(scratch)}):
            fresh = Path(text2svg_method(text, color))
        checksums.record(cached, fresh.read_bytes())
        os.replace(fresh, cached)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _tex_under_lock(tex_to_svg_file):
    @functools.wraps(tex_to_svg_file)
    def tex_to_svg_file_locked(expression, environment=None, tex_template=None):
        from manim import config
        from manim.utils.tex_file_writing import generate_tex_file

        # The lock lives beside the TeX folder: manim deletes every non-SVG file inside it.
        folder = Path(config.get_dir("tex_dir")).parent
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".tex-compile.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                # Upstream trusts any .tex, .dvi or .svg of the right name; one that is not what
                # would be written (or was made) now is made again.
                template = config["tex_template"] if tex_template is None else tex_template
                expected = (template.get_texcode_for_expression(expression) if environment is None else
                            template.get_texcode_for_expression_in_env(expression, environment))
                tex = generate_tex_file(expression, environment, tex_template)  # writes only a missing one
                svg = tex.with_suffix(".svg")
                if _bytes(tex) != expected.encode("utf-8"):  # cut short, garbage, another's
                    tex.unlink()
                    svg.unlink(missing_ok=True)
                elif svg.exists() and not checksums.verified(svg):
                    svg.unlink()
                made = not svg.exists()
                if made:  # compile_tex would reuse a .dvi left by a killed compilation
                    for suffix in (".dvi", ".xdv", ".pdf", ".log", ".aux"):
                        tex.with_suffix(suffix).unlink(missing_ok=True)
                result = tex_to_svg_file(expression, environment, tex_template)
                if made and whole_svg(result):
                    checksums.record(result)
                return result
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    tex_to_svg_file_locked.patched_by_explainer = True
    return tex_to_svg_file_locked


def generate_mobject_privately(self):
    """``SVGMobject.generate_mobject`` of manim 0.21.0 with a scratch file of its own (fix 3)."""
    mobjects, mobject_dict = parse_svg_privately(self)
    return assemble_svg_mobject(self, mobjects, mobject_dict)


def parse_svg_privately(self) -> tuple[list, dict]:
    """The first half of ``generate_mobject``: the SVG's shapes as mobjects and its groups
    (``get_mobjects_from``), read through a scratch copy of this process's own."""
    from xml.etree import ElementTree as ET

    import svgelements as se

    file_path = self.get_file_path()
    element_tree = ET.parse(file_path)
    new_tree = self.modify_xml_tree(element_tree)
    # Upstream: file_path.with_name(f"{file_path.stem}_{file_path.suffix}"), shared by every process.
    modified_file_path = _private_name(file_path, "_.svg")
    new_tree.write(modified_file_path)
    try:
        svg = se.SVG.parse(modified_file_path)
    finally:
        modified_file_path.unlink()
    return self.get_mobjects_from(svg)


def assemble_svg_mobject(self, mobjects: list, mobject_dict: dict):
    """The second half of ``generate_mobject``, as upstream: add the shapes, keep the groups, flip y."""
    from manim import RIGHT

    self.add(*mobjects)
    self.id_to_vgroup_dict = mobject_dict
    self.flip(RIGHT)  # Flip y
    return self


generate_mobject_privately.patched_by_explainer = True


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
