"""Tick labels in original units for axes drawn in standardised units.

Models train on standardised data (``(v - mean) / std``), so their curves are simplest
to draw on axes in those units. A viewer wants hours and riders, though: these helpers
put round original-unit values at the right standardised positions.
"""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, Axes, Line, Text, VGroup

from scenes import theme
from scenes.number_format import tick_text


def nice_ticks(lo: float, hi: float, target: int = 5) -> np.ndarray:
    """Round values (steps of 1, 2 or 5 times a power of ten) inside ``[lo, hi]``, about ``target`` of them."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        raise ValueError(f"need finite lo < hi, got lo = {lo}, hi = {hi}")
    if not isinstance(target, int) or target < 2:
        raise ValueError(f"target must be an integer >= 2, got {target!r}")
    raw = (hi - lo) / target
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step) * step
    return np.arange(first, hi + 1e-9 * step, step)


def original_unit_labels(axes: Axes, axis: str, mean: float, std: float, ticks: np.ndarray,
                         size: float = theme.SMALL_SIZE - 4, suffix: str = "") -> VGroup:
    """Tick marks and labels at original values ``ticks`` on the standardised ``axis`` ("x" or "y")."""
    if axis not in ("x", "y"):
        raise ValueError(f"axis must be 'x' or 'y', got {axis!r}")
    x_min, y_min = axes.x_range[0], axes.y_range[0]
    marks = VGroup()
    for value in ticks:
        s = (value - mean) / std
        label = Text(f"{tick_text(value)}{suffix}", font=theme.FONT_EN, font_size=size, color=theme.MUTED)
        if axis == "x":
            at = axes.c2p(s, y_min)
            tick = Line(at, at + DOWN * 0.1, color=theme.MUTED, stroke_width=2)
            label.next_to(tick, DOWN, buff=0.08)
        else:
            at = axes.c2p(x_min, s)
            tick = Line(at, at + LEFT * 0.1, color=theme.MUTED, stroke_width=2)
            label.next_to(tick, LEFT, buff=0.08)
        marks.add(VGroup(tick, label))
    return marks
