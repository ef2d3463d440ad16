"""Numbers composed from cached glyphs must look exactly like freshly typeset ones."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DecimalNumber, Text, ValueTracker

import scenes.base  # noqa: F401  (the project's Text layout patches, as in every scene)
from scenes import theme
from scenes.components.glyph_number import set_decimal_in_place, set_text_in_place
from scenes.components.live_number import LiveNumber
from scenes.components.step_readout import StepReadout


def outlines(mobject) -> list[np.ndarray]:
    return [m.points for m in mobject.family_members_with_points()]


def assert_same_outlines(composed, typeset, tol: float) -> None:
    a, b = outlines(composed), outlines(typeset)
    assert len(a) == len(b), f"{len(a)} glyph outlines, typesetting gives {len(b)}"
    for x, y in zip(a, b):
        assert x.shape == y.shape
        assert np.abs(x - y).max() <= tol


@pytest.mark.parametrize("string", ["0.125", "-3.750", "1234", "7", "nan", "-0.001"])
def test_text_composed_from_glyphs_matches_pango(string):
    text = Text("0.000", font=theme.FONT_EN, font_size=18, color=theme.TEXT)
    real = Text(string, font=theme.FONT_EN, font_size=18, color=theme.TEXT)
    same = set_text_in_place(text, string, left=real.get_left()[0], centre_y=real.get_y())
    assert same is text and text.text == string
    assert_same_outlines(text, real, tol=1e-5)  # 1e-5 scene units is 1/1000 of a pixel at 480p
    set_text_in_place(text, "2.5")  # shorter: spare glyphs are emptied, not drawn
    assert len(text.family_members_with_points()) == 3


def test_text_refuses_spaces():
    with pytest.raises(ValueError, match="no spaces"):
        set_text_in_place(Text("1"), "1 2")


@pytest.mark.parametrize("value", [0.0, 1.234, -1.234, 99.99, -0.001, 1234.5])
def test_decimal_composed_from_glyphs_matches_set_value(value):
    number = DecimalNumber(5.0, num_decimal_places=2, font_size=32)
    real = DecimalNumber(value, num_decimal_places=2, font_size=32)
    set_decimal_in_place(number, value, left=real.get_left()[0], centre_y=real.get_y())
    assert number.get_value() == value
    assert_same_outlines(number, real, tol=1e-9)


def test_live_number_and_step_readout_follow_their_values():
    w = ValueTracker(1.0)
    live = LiveNumber(Text("w ="), w.get_value, digits=2)
    w.set_value(-12.5)
    live.number.update()
    assert live.number.get_value() == -12.5
    real = DecimalNumber(-12.5, num_decimal_places=2, font_size=36)
    real.next_to(live.label, buff=live.buff)
    assert_same_outlines(live.number, real, tol=1e-9)

    readout = StepReadout(Text("L ="), [1.5, 0.75, 10.25], digits=2)
    glyphs_before = readout.number.submobjects[0]
    assert readout.show(2).number.text == "10.25"
    assert readout.number.submobjects[0] is glyphs_before  # set in place: the same mobjects
    assert readout.number.get_left()[0] == pytest.approx(readout.label.get_right()[0] + readout.buff)
    assert readout.number.get_y() == pytest.approx(readout.label.get_y())
