"""manim_engine/compat.py: the pinned versions, explicit installation, and for each workaround a
check that upstream still has the shape it patches or reads (these fail first on an upgrade)."""

from __future__ import annotations

import inspect
import subprocess
import sys

import numpy as np
import pytest
from manim import BLUE, Animation, DecimalNumber, Square, Text, VMobject, tempconfig

from manim_engine import compat as manim_compat


def test_versions_are_the_pinned_ones_and_a_mismatch_names_the_fix():
    manim_compat.check_versions()  # the installed ones
    fake = {"manim": "0.22.0", "manim-slides": "5.7.0"}
    with pytest.raises(manim_compat.UpstreamVersionError, match=r"manim 0\.22\.0 is installed.*manim==0\.21\.0"):
        manim_compat.check_versions(installed=fake.__getitem__)

    def only_manim(package: str) -> str:
        if package != "manim":
            raise manim_compat.metadata.PackageNotFoundError(package)
        return "0.21.0"

    with pytest.raises(manim_compat.UpstreamVersionError, match=r"manim-slides \(not installed\)"):
        manim_compat.check_versions(installed=only_manim)


def test_pyproject_pins_the_same_versions():
    from explainer.settings import REPO_ROOT

    pyproject = (REPO_ROOT / "pyproject.toml").read_text()
    for package, version in manim_compat.PINNED.items():
        assert f'"{package}=={version}"' in pyproject


def test_importing_installs_nothing_and_install_is_idempotent():
    code = ("from manim_engine import compat as c; before = c.installed(); c.install(); c.install(); "
            "import manimpango; w = manimpango.text2svg; "
            "print(before, c.installed(), hasattr(w.__wrapped__, 'patched_by_explainer'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True", "False"]  # patched once, not wrapped twice


# --- 1. fixed-page text layout: manimpango.text2svg, called through the module by Text -----------
def test_text2svg_still_takes_the_arguments_we_pass():
    import manimpango

    original = inspect.unwrap(manimpango.text2svg)
    names = list(inspect.signature(original).parameters)
    assert names[:10] == ["settings", "size", "line_spacing", "disable_liga", "file_name",
                          "START_X", "START_Y", "width", "height", "orig_text"]


def test_text_calls_text2svg_through_the_module_with_the_pixel_width():
    from manim.mobject.text import text_mobject

    source = inspect.getsource(text_mobject.Text._text2svg)
    assert "manimpango.text2svg(" in source and 'config["pixel_width"]' in source
    # The SVG's cache name leaves the page width out: why the layout must not depend on it.
    assert "pixel_width" not in inspect.getsource(text_mobject.Text._text2hash)


def test_a_long_text_has_one_layout_at_every_resolution(tmp_path):
    sentence = "A sentence long enough to wrap on a narrow page, but it must not wrap at all"
    widths = []
    for pixels in (128, 1920):
        with tempconfig({"pixel_width": pixels, "pixel_height": pixels * 9 // 16,
                         "text_dir": str(tmp_path / str(pixels))}):
            widths.append(Text(sentence, font_size=24).width)
    assert widths[0] == pytest.approx(widths[1], rel=1e-6)


# --- 2. TeX under a lock: tex_mobject calls the module-level tex_to_svg_file ---------------------
def test_tex_mobject_calls_tex_to_svg_file_through_its_module_global():
    from manim.mobject.text import tex_mobject

    assert "tex_to_svg_file(" in inspect.getsource(tex_mobject.SingleStringMathTex)
    assert getattr(tex_mobject.tex_to_svg_file, "patched_by_explainer", False)
    assert list(inspect.signature(inspect.unwrap(tex_mobject.tex_to_svg_file)).parameters)[:1] == ["expression"]


# --- 3. DecimalNumber's private helpers that glyph_number composes with -------------------------
def test_decimal_number_private_helpers_still_behave():
    number = DecimalNumber(0.5, num_decimal_places=3, font_size=30)
    assert manim_compat.font_size_made_with(number) == 30
    assert manim_compat.decimal_string(number, -1.23456) == "-1.235"
    glyph = manim_compat.typeset_decimal_char(number, "7")
    assert isinstance(glyph, VMobject) and glyph.family_members_with_points()
    assert manim_compat.font_size_made_with(Text("a", font_size=18)) == 18
    assert number.digit_buff_per_font_unit > 0 and number.mob_class is not None


# --- 4. VMobject's RGBA arrays, whose alpha quick_fade scales -----------------------------------
def test_vmobject_keeps_opacity_in_the_alpha_column_of_its_rgba_arrays():
    square = Square().set_fill(BLUE, opacity=0.4).set_stroke(opacity=0.7)
    square.set_background_stroke(opacity=0.2, width=1)
    alphas = [getattr(square, name)[:, 3] for name in manim_compat.OPACITY_ARRAYS]
    assert np.allclose(alphas[0], 0.4) and np.allclose(alphas[1], 0.7) and np.allclose(alphas[2], 0.2)
    assert square.get_fill_opacity() == pytest.approx(0.4)


def test_animation_still_starts_from_create_starting_mobject():
    source = inspect.getsource(Animation.begin)
    assert "create_starting_mobject()" in source


# --- 5. manim-slides reads the background through Slide._background_color ----------------------
def test_slide_reads_the_background_through_a_private_property():
    from manim_slides import Slide
    from manim_slides.slide.base import BaseSlide

    assert isinstance(inspect.getattr_static(Slide, "_background_color"), property)
    assert "self._background_color" in inspect.getsource(BaseSlide)
    assert "skip_reversing" in inspect.signature(BaseSlide._save_slides).parameters
    assert "skip_reversing=self.skip_reversing" in inspect.getsource(Slide)

    from scenes.relu.relu_pair import ReluPairHardSigmoid

    deck = manim_compat.slide_class(ReluPairHardSigmoid)
    assert deck.__mro__[1] is Slide and deck.skip_reversing is True
    assert isinstance(inspect.getattr_static(deck, "_background_color"), property)


# --- 3. SVG parsing with a private scratch file: our copy of SVGMobject.generate_mobject ------------
#: sha256 of manim 0.21.0's SVGMobject.generate_mobject source, which manim_compat copies with one
#: line changed (the scratch file's name). A new hash means: port the copy, then update this.
GENERATE_MOBJECT_SHA256 = "11d00329bfd4fbc8c375b4473c6ae5a1f732c4560928069b0ab3879c7bad9571"
SQUARE_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">'
              '<path d="M1 1 L9 1 L9 9 L1 9 Z" fill="#fff"/></svg>')


def upstream_source(module: str, cls: str, method: str) -> str:
    """A method's source as installed (read from the file: in this process the class is patched)."""
    import ast
    import importlib.util
    from pathlib import Path

    text = Path(importlib.util.find_spec(module).origin).read_text(encoding="utf-8")
    class_node = next(n for n in ast.parse(text).body if isinstance(n, ast.ClassDef) and n.name == cls)
    node = next(n for n in class_node.body if isinstance(n, ast.FunctionDef) and n.name == method)
    return ast.get_source_segment(text, node)


def test_generate_mobject_is_still_the_method_we_copied():
    import hashlib

    source = upstream_source("manim.mobject.svg.svg_mobject", "SVGMobject", "generate_mobject")
    assert 'modified_file_path = file_path.with_name(f"{file_path.stem}_{file_path.suffix}")' in source
    assert hashlib.sha256(source.encode()).hexdigest() == GENERATE_MOBJECT_SHA256, (
        "manim's SVGMobject.generate_mobject changed: port manim_engine/compat.py's copy, then update the hash"
    )


def test_reading_an_svg_leaves_another_process_scratch_file_alone(tmp_path):
    from manim.mobject.svg.svg_mobject import SVGMobject

    assert SVGMobject.generate_mobject.patched_by_explainer
    svg = tmp_path / "square.svg"
    svg.write_text(SQUARE_SVG)
    foreign = tmp_path / "square_.svg"  # upstream's scratch name, as another process would hold it
    foreign.write_text("another process is reading this")
    square = SVGMobject(str(svg), use_svg_cache=False)
    assert foreign.read_text() == "another process is reading this"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["square.svg", "square_.svg"]
    assert square.family_members_with_points() and square.width > 0


# --- 2. the typeset cache's in-place writers, which manim_compat replaces or checks around ---------
def test_remove_last_m_still_rewrites_in_place_with_the_edit_we_make_before_renaming():
    import manimpango

    original = inspect.unwrap(manimpango.PangoUtils.__dict__["remove_last_M"].__func__)
    if getattr(original, "patched_by_explainer", False):  # installed: read upstream's from its file
        source = upstream_source("manimpango.utils", "PangoUtils", "remove_last_M")
    else:
        source = inspect.getsource(original)
    assert 'open(file_name, "w")' in source  # why it must never run on a shared file
    pattern, replacement = manim_compat.LAST_MOVE_PATTERN, manim_compat.LAST_MOVE_REPLACEMENT
    assert f"re.sub(r'{pattern}', '{replacement}', content)" in source, (
        "manimpango's remove_last_M edit changed: update LAST_MOVE_PATTERN/REPLACEMENT in manim_engine/compat.py"
    )
    assert manimpango.PangoUtils.remove_last_M is manim_compat._remove_last_move_by_rename


def test_text_still_reuses_any_svg_of_its_name_and_then_calls_remove_last_m():
    init = upstream_source("manim.mobject.text.text_mobject", "Text", "__init__")
    assert "file_name = self._text2svg(parsed_color.to_hex())\n        PangoUtils.remove_last_M(file_name)" in init
    text2svg = upstream_source("manim.mobject.text.text_mobject", "Text", "_text2svg")
    assert 'file_name = dir_name / (hash_name + ".svg")' in text2svg and "if file_name.exists():" in text2svg
    assert "hash_name = self._text2hash(color)" in text2svg


def test_tex_to_svg_file_still_trusts_existing_files_named_by_the_tex_hash():
    from manim.utils import tex_file_writing

    source = inspect.getsource(inspect.unwrap(tex_file_writing.tex_to_svg_file))
    assert "generate_tex_file(expression, environment, tex_template)" in source
    assert 'svg_file = tex_file.with_suffix(".svg")' in source and "if svg_file.exists():" in source
    generate = inspect.getsource(tex_file_writing.generate_tex_file)
    assert 'result = tex_dir / (tex_hash(output) + ".tex")' in generate and "if not result.exists():" in generate


def test_the_typeset_files_are_still_made_and_reused_as_the_checks_expect():
    """compat's checks rebuild what upstream would write (.tex), drop a .dvi that upstream would
    reuse, keep checksums outside the Tex folder (upstream empties it of all but .tex/.svg), and
    retypeset a Text into another folder through the ``text_dir`` setting."""
    from manim.utils import tex_file_writing

    generate = inspect.getsource(tex_file_writing.generate_tex_file)
    assert "output = tex_template.get_texcode_for_expression_in_env(expression, environment)" in generate
    assert "output = tex_template.get_texcode_for_expression(expression)" in generate
    assert 'result.write_text(output, encoding="utf-8")' in generate
    compile_tex = inspect.getsource(tex_file_writing.compile_tex)
    assert "result = tex_file.with_suffix(output_format)" in compile_tex and "if not result.exists():" in compile_tex
    cleanup = inspect.getsource(tex_file_writing.delete_nonsvg_files)
    assert 'file_suffix_whitelist = {".svg", ".tex", *additional_endings}' in cleanup
    text2svg = upstream_source("manim.mobject.text.text_mobject", "Text", "_text2svg")
    assert 'dir_name = config.get_dir("text_dir")' in text2svg
