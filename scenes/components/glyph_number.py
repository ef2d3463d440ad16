"""Numbers that change every frame, re-set from cached glyph outlines instead of re-typeset.

Typesetting a number is slow in manim: ``Text("0.123")`` runs Pango, writes and parses an SVG
(20-30 ms), and ``DecimalNumber.set_value`` deep-copies a TeX mobject per character (about
20 ms). A readout that changes every frame then costs more than everything else on screen.

Here each character is typeset once per font and size; after that a number is composed by
copying the characters' outline points into a fixed set of glyph mobjects, in place (no new
mobjects, so the renderer's list of moving mobjects stays valid). The result is the same
outline, at the same place, as typesetting the string would give (tests compare them):

* ``set_text_in_place(text, "0.125")`` for a ``Text`` (Pango's advances, measured once);
* ``set_decimal_in_place(number, 0.125)`` for a ``DecimalNumber`` (its own layout rule:
  characters side by side, bottoms aligned, a minus sign centred on the next digit).
"""

from __future__ import annotations

import numpy as np
from manim import DecimalNumber, Text, VMobject

from manim_engine.compat import decimal_string, font_size_made_with, typeset_decimal_char

_TEXT_GLYPHS: dict[tuple, "TextGlyphs"] = {}
_TEX_GLYPHS: dict[tuple, tuple[list[np.ndarray], np.ndarray]] = {}


class TextGlyphs:
    """One font at one size: each character's outline relative to its pen position, and its advance.

    Measured from real ``Text`` objects: ``"00"`` gives the advance of ``0``, ``"0c0"`` places
    ``c`` after a ``0`` and measures its advance up to the next ``0``.
    """

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        pair = Text("00", font=font, font_size=size)
        self._origin = pair[0].points[0].copy()           # the first outline point of a "0" at pen 0
        self._zero_advance = pair[1].points[0] - pair[0].points[0]
        self._outline: dict[str, np.ndarray] = {}
        self._advance: dict[str, np.ndarray] = {}

    @classmethod
    def of(cls, font: str, size: float) -> "TextGlyphs":
        key = (font, float(size))
        if key not in _TEXT_GLYPHS:
            _TEXT_GLYPHS[key] = cls(font, size)
        return _TEXT_GLYPHS[key]

    def _measure(self, char: str) -> None:
        sample = Text(f"0{char}0", font=self.font, font_size=self.size)
        if len(sample.submobjects) != 3:
            raise ValueError(f"cannot compose {char!r} from glyphs: Pango drew {len(sample)} glyphs for '0{char}0'")
        pen = sample[0].points[0] - self._origin + self._zero_advance  # where the character's pen stands
        self._outline[char] = sample[1].points - pen
        self._advance[char] = sample[2].points[0] - sample[0].points[0] - self._zero_advance

    def layout(self, string: str) -> list[np.ndarray]:
        """The outline points of each character of ``string``, the first pen at the origin."""
        pen, outlines = np.zeros(3), []
        for char in string:
            if char not in self._outline:
                self._measure(char)
            outlines.append(self._outline[char] + pen)
            pen = pen + self._advance[char]
        return outlines


def _fill_slots(parent: VMobject, outlines: list[np.ndarray]) -> None:
    """Put each outline into one glyph sub-mobject of ``parent`` (adding some if needed; spares emptied)."""
    while len(parent.submobjects) < len(outlines):
        slot = VMobject()
        slot.match_style(parent.submobjects[0] if parent.submobjects else parent)
        parent.add(slot)
    for i, slot in enumerate(parent.submobjects):
        if i < len(outlines):
            slot.points = outlines[i]
        else:
            slot.clear_points()


def _bounds(outlines: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    everything = np.concatenate(outlines) if outlines else np.zeros((1, 3))
    return everything.min(axis=0), everything.max(axis=0)


def set_text_in_place(text: Text, string: str, left: float | None = None, centre_y: float | None = None) -> Text:
    """Show ``string`` in ``text`` (same font and size), its box's left edge at ``left``, centred on ``centre_y``.

    Without ``left``/``centre_y`` the text keeps its current left edge / vertical centre.
    Only characters Pango draws as one glyph each (digits, '.', '-', letters) are allowed;
    spaces are not.
    """
    if any(ch.isspace() for ch in string):
        raise ValueError(f"string must have no spaces to be composed from glyphs, got {string!r}")
    glyphs = TextGlyphs.of(text.font, font_size_made_with(text))
    outlines = glyphs.layout(string)
    low, high = _bounds(outlines)
    left = text.get_left()[0] if left is None else left
    centre_y = text.get_y() if centre_y is None else centre_y
    offset = np.array([left - low[0], centre_y - (low[1] + high[1]) / 2, 0.0])
    _fill_slots(text, [o + offset for o in outlines])
    text.text = string
    return text


def _tex_glyph(number: DecimalNumber, char: str) -> tuple[list[np.ndarray], np.ndarray]:
    """A character of ``number``'s font at its size: outline points (box's lower-left at 0) and box size."""
    key = (number.mob_class, float(font_size_made_with(number)), char)
    if key not in _TEX_GLYPHS:
        mob = typeset_decimal_char(number, char)
        parts = [m.points.copy() for m in mob.family_members_with_points()]
        low, high = _bounds(parts)
        _TEX_GLYPHS[key] = ([p - low for p in parts], high - low)
    return _TEX_GLYPHS[key]


def set_decimal_in_place(number: DecimalNumber, value: float, left: float | None = None,
                         centre_y: float | None = None) -> DecimalNumber:
    """``number.set_value(value)`` without re-typesetting, its left edge at ``left``, centred on ``centre_y``.

    Lays the characters out as ``DecimalNumber`` does (side by side with a small gap, bottoms
    aligned, a '-' centred on the next character). Numbers without units, ellipses or
    background rectangles only, at the size they were made with.
    """
    if number.unit is not None or number.show_ellipsis or number.include_background_rectangle:
        raise ValueError("set_decimal_in_place handles plain numbers only (no unit, ellipsis or background)")
    string = decimal_string(number, value)
    buff = number.digit_buff_per_font_unit * font_size_made_with(number)
    glyphs = [_tex_glyph(number, ch) for ch in string]
    x, shifts = 0.0, []
    for parts, size in glyphs:
        shifts.append(np.array([x, 0.0, 0.0]))
        x += size[0] + buff
    for i, ch in enumerate(string):  # DecimalNumber's own rule for a minus sign (and commas)
        if ch == "-" and i + 1 < len(string):
            next_top, next_height = glyphs[i + 1][1][1], glyphs[i + 1][1][1]
            shifts[i][1] = next_top - glyphs[i][1][1] - next_height / 2
        elif ch == ",":
            shifts[i][1] = -glyphs[i][1][1] / 2
    outlines = [[p + shift for p in parts] for (parts, _), shift in zip(glyphs, shifts)]
    flat = [p for char_parts in outlines for p in char_parts]
    low, high = _bounds(flat)
    left = number.get_left()[0] if left is None else left
    centre_y = number.get_y() if centre_y is None else centre_y
    offset = np.array([left - low[0], centre_y - (low[1] + high[1]) / 2, 0.0])
    # One glyph mobject per outline part (a digit is one part in TeX's fonts).
    if not getattr(number, "_glyph_slots", False):
        style_source = number.family_members_with_points()[0]
        number.submobjects = []
        number.add(VMobject().match_style(style_source))
        number._glyph_slots = True
    _fill_slots(number, [p + offset for p in flat])
    number.number = value
    return number
