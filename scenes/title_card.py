"""SectionTitle: the short card that opens each section of the chapter video."""

from __future__ import annotations

from manim import DOWN, UP, FadeIn, Line, VGroup, Write

from scenes import theme
from scenes.base import ExplainerScene
from scenes.catalog import SECTIONS
from scenes.params import Param


class SectionTitle(ExplainerScene):
    """The section's number and name, written on, held, and faded."""

    PARAMS = (
        Param("section", "sigmoid_relu", "which section's title to show", choices=SECTIONS),
        Param("number", 1, "the section's number in the chapter", low=1, high=99),
    )

    def construct(self) -> None:
        section = self.param("section")
        chapter = self.text("section.chapter", size=theme.SMALL_SIZE, color=theme.MUTED,
                            number=self.param("number"))
        title = self.text(f"section.{section}", size=theme.TITLE_SIZE + 8)
        rule = Line(title.get_left(), title.get_right(), color=theme.ACCENT, stroke_width=3)
        group = VGroup(chapter, title, rule).arrange(DOWN, buff=0.35)
        self.play(FadeIn(chapter, shift=DOWN * 0.2), Write(title), run_time=1.0)
        self.play(FadeIn(rule, shift=UP * 0.1), run_time=0.4)
        self.wait(0.8)
        self.play(group.animate.set_opacity(0), run_time=0.4)
