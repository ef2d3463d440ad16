"""A label and a number that shows a recorded sequence at a step (step counter, w, b, L of a path).

Typesetting a number costs tens of ms (Pango, an SVG file, parsing), more than drawing a
whole frame. The number is typeset once; each new step's digits are then set into the same
``Text`` from cached glyph outlines (``glyph_number.set_text_in_place``: the same outlines
as typesetting gives, about 0.3 ms), so the mobject keeps its identity (Cairo's renderer
lists the moving mobjects once per ``play``). An updater can call ``show(step)`` on every frame.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import RIGHT, Mobject, Text, VGroup

from scenes import theme
from scenes.components.glyph_number import set_text_in_place
from scenes.number_format import number_text


class StepReadout(VGroup):
    """``label`` followed by ``values[step]``, formatted with ``digits`` decimals.

    >>> from manim import Text
    >>> readout = StepReadout(Text("L ="), [1.5, 0.75, 0.5], digits=2)
    >>> readout.show(1).number.text
    '0.75'
    """

    def __init__(self, label: Mobject, values: Sequence[float], digits: int = 3, size: float = theme.SMALL_SIZE,
                 colour: str = theme.TEXT, buff: float = 0.18) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=float)
        self.digits, self.size, self.colour, self.buff = digits, size, colour, buff
        self.label = label
        self.step = -1
        self.number = Text(self._string(0), font=theme.FONT_EN, font_size=size, color=colour)
        self.number.next_to(label, RIGHT, buff=buff)
        self.add(label, self.number)
        self.show(0)

    def _string(self, step: int) -> str:
        return number_text(self.values[step], self.digits)  # the chapter's format: 12,959

    def show(self, step: int) -> "StepReadout":
        """Show ``values[step]`` (clipped to the recorded range); cheap when the step is unchanged."""
        step = int(np.clip(step, 0, len(self.values) - 1))
        if step != self.step:
            # Left edge just right of the label, centred on it (as next_to + set_y placed it).
            set_text_in_place(self.number, self._string(step), left=self.label.get_right()[0] + self.buff,
                              centre_y=self.label.get_y())
            self.step = step
        return self
