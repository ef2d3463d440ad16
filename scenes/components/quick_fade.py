"""Fades that change opacity in place instead of copying the mobject.

manim's ``FadeIn``/``FadeOut`` deep-copy their mobject (twice), and a ``Text`` is costly
to copy (every glyph is a path): a scene with many labels spends most of its build time
copying them. These fades scale each part's own fill and stroke opacity by the animation's
progress, so a part that was half transparent stays half as transparent as before.

>>> from manim import Text
>>> fade = QuickFadeIn(Text("a"))
"""

from __future__ import annotations

import numpy as np
from manim import Animation, Mobject

from manim_engine.compat import OPACITY_ARRAYS


class _OpacityFade(Animation):
    """Scale every part's fill/stroke alpha by ``level(alpha)``; restore them when done."""

    fading_in = True

    def __init__(self, mobject: Mobject, **kwargs) -> None:
        kwargs.setdefault("introducer", self.fading_in)
        kwargs.setdefault("remover", not self.fading_in)
        super().__init__(mobject, **kwargs)

    def begin(self) -> None:
        self.parts = self.mobject.family_members_with_points()
        self.alphas = [tuple(np.array(getattr(m, name)[:, 3]) if getattr(m, name, None) is not None
                             and len(getattr(m, name)) else None
                             for name in OPACITY_ARRAYS)
                       for m in self.parts]
        super().begin()

    def create_starting_mobject(self) -> Mobject:
        return Mobject()  # nothing to interpolate from: the opacities are scaled in place

    def interpolate_mobject(self, alpha: float) -> None:
        progress = self.rate_func(alpha)
        self._scale(progress if self.fading_in else 1.0 - progress)

    def _scale(self, level: float) -> None:
        for part, saved in zip(self.parts, self.alphas):
            for name, original in zip(OPACITY_ARRAYS, saved):
                if original is not None:
                    getattr(part, name)[:, 3] = original * level

    def clean_up_from_scene(self, scene) -> None:
        super().clean_up_from_scene(scene)
        self._scale(1.0)  # a removed mobject keeps its own opacity, should it be added again


class QuickFadeIn(_OpacityFade):
    """Fade a mobject in without copying it."""

    fading_in = True


class QuickFadeOut(_OpacityFade):
    """Fade a mobject out (and remove it) without copying it."""

    fading_in = False
