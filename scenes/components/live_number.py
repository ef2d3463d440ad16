"""A label and a number that follows a value every frame (a knob's readout, a step counter)."""

from __future__ import annotations

from collections.abc import Callable

from manim import RIGHT, DecimalNumber, Mobject, VGroup

from scenes.components.glyph_number import set_decimal_in_place


class LiveNumber(VGroup):
    """``label`` followed by a ``DecimalNumber`` that shows ``getter()`` on every frame.

    The getter is read by an updater, so animating whatever it reads (a ``ValueTracker``,
    a trajectory position) animates the number. The number stays left-aligned just right
    of the label while its width changes.

    >>> from manim import MathTex, ValueTracker
    >>> w = ValueTracker(1.0)
    >>> readout = LiveNumber(MathTex("w ="), w.get_value, digits=2)
    >>> readout.number.get_value()
    1.0
    """

    def __init__(self, label: Mobject, getter: Callable[[], float], digits: int = 2,
                 color: str | None = None, font_size: float = 36, buff: float = 0.18) -> None:
        number = DecimalNumber(getter(), num_decimal_places=digits, font_size=font_size,
                               color=color or label.get_color())
        super().__init__(label, number)
        self.label, self.number, self.getter, self.buff = label, number, getter, buff
        number.next_to(label, RIGHT, buff=buff)
        number.add_updater(self._follow)

    def _follow(self, number: DecimalNumber) -> None:
        # set_value + next_to(label, RIGHT), without re-typesetting (set_value costs ~20 ms a frame).
        set_decimal_in_place(number, self.getter(), left=self.label.get_right()[0] + self.buff,
                             centre_y=self.label.get_y())
