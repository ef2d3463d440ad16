"""SectionTitle: the short card that opens each section of the chapter video, and says which of
the three steps of machine learning the section is in."""

from __future__ import annotations

from manim import DOWN, UP, FadeIn, Line, VGroup, Write, config

from scenes import theme
from scenes.base import ExplainerScene
from scenes.catalog import SECTIONS
from scenes.params import Param


class SectionTitle(ExplainerScene):
    """The section's number, name and step of the three, written on, held, and faded."""

    PARAMS = (
        Param("section", "three_steps", "which section's title to show", choices=SECTIONS),
        Param("number", 1, "the section's number in the chapter", low=1, high=99),
    )

    def construct(self) -> None:
        section = self.param("section")
        chapter = self.text("section.chapter", size=theme.SMALL_SIZE, color=theme.MUTED,
                            number=self.param("number"))
        title = self.text(f"section.{section}", size=theme.TITLE_SIZE + 8)
        if title.width > config.frame_width - 1.0:
            title.scale_to_fit_width(config.frame_width - 1.0)
        rule = Line(title.get_left(), title.get_right(), color=theme.ACCENT, stroke_width=3)
        step = self.text(f"section.{section}.step", size=theme.BODY_SIZE, color=theme.ACCENT)
        if step.width > config.frame_width - 1.0:
            step.scale_to_fit_width(config.frame_width - 1.0)
        group = VGroup(chapter, title, rule, step).arrange(DOWN, buff=0.35)
        self.play(FadeIn(chapter, shift=DOWN * 0.2), Write(title), run_time=1.0)
        self.play(FadeIn(rule, shift=UP * 0.1), FadeIn(step, shift=UP * 0.1), run_time=0.4)
        self.wait(0.8)
        self.play(group.animate.set_opacity(0), run_time=0.4)
