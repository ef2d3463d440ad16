"""A label and a number that shows a recorded sequence at a step (step counter, w, b, L of a path).

``DecimalNumber.set_value`` rebuilds TeX glyphs on every call (tens of ms). A recorded
trajectory only has a value per step, so each step's number is typeset once, when first
shown, and copied into the one number mobject afterwards (``become``, so the mobject keeps
its identity: Cairo's renderer lists the moving mobjects once per ``play``). An updater
can call ``show(step)`` on every frame.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import RIGHT, Mobject, Text, VGroup

from scenes import theme


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
        self._typeset: dict[int, Text] = {}
        self.step = -1
        self.number = self._number(0).copy()
        self.number.next_to(label, RIGHT, buff=buff)
        self.add(label, self.number)
        self.show(0)

    def _number(self, step: int) -> Text:
        if step not in self._typeset:
            self._typeset[step] = Text(f"{self.values[step]:.{self.digits}f}", font=theme.FONT_EN,
                                       font_size=self.size, color=self.colour)
        return self._typeset[step]

    def show(self, step: int) -> "StepReadout":
        """Show ``values[step]`` (clipped to the recorded range); cheap when the step is unchanged."""
        step = int(np.clip(step, 0, len(self.values) - 1))
        if step != self.step:
            new = self._number(step).copy()  # become() aligns (changes) its argument: keep the cache clean
            new.next_to(self.label, RIGHT, buff=self.buff).set_y(self.label.get_y())
            self.number.become(new)
            self.number.text = new.text
            self.step = step
        return self
