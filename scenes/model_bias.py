"""ModelBias: the best straight line cannot bend to the morning and evening peaks (CHAPTER.md §1).

The points are the ones ReluFitTraining trains on (riders in a training hour of 2011 against
the hour of the day), drawn in riders/hour. The model is the three steps' line
``y = b + w x₁``, now with x₁ = the hour of the day; its best w*, b* (least squares, the MSE's
minimiser) and loss come from ``mathcore.model_bias``, as do the line's miss at the busiest
morning and evening hours, the least-squares curve with a corner every few hours, and the
lowest loss any function of the hour alone reaches. The gap between the line and the curve is
the book's *model bias*: the reason step 1 needs a more flexible function.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Axes, Create, Dot, Line, MathTex, VGroup

from mathcore.model_bias import CORNER_SPACING, hour_of_day_fits
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.curves import ExactCurve
from scenes.components.quick_fade import QuickFadeIn
from scenes.components.unit_ticks import nice_ticks, original_unit_labels
from scenes.params import Param
from scenes.steps import step_badge

LINE_COLOUR = theme.PIECE_BLUE
CURVE_COLOUR = theme.CURVE_RED
MISS_COLOUR = theme.ACCENT
HOURS = (0.0, 23.0)
PANEL_X = 1.75          # left edge of the right-hand column


class ModelBias(ExplainerScene):
    """Riders by hour of day, the best line y = b + w x₁, its misses at the peaks, a curve with corners."""

    PARAMS = (
        Param("corner_spacing", CORNER_SPACING, "hours between the flexible curve's corners", 1, 11),
    )

    def construct(self) -> None:
        fits = self.fits = hour_of_day_fits(corner_spacing=int(self.param("corner_spacing")))
        morning, evening = fits.peak_hours()
        self.narration_values = {
            "root": f"{np.sqrt(fits.line_mse):.0f}", "morning": morning, "evening": evening - 12,
            "morning_miss": f"{fits.line_miss(morning):.0f}", "evening_miss": f"{fits.line_miss(evening):.0f}",
            "percent": f"{100 * fits.curve_mse / fits.line_mse:.0f}",
        }
        if theme.language() == "zh":
            self.narration_values["evening"] = evening  # 傍晚 18 点: the 24-hour clock reads naturally

        badge = step_badge(1)
        title = self.text("model_bias.title", size=theme.TITLE_SIZE - 8)
        title.next_to(badge, RIGHT, buff=0.4)
        axes, frame = self._axes()
        self.axes = axes
        dots = VGroup(*[Dot(axes.c2p(h, y), radius=0.045, color=theme.DATA_GREY, fill_opacity=0.75)
                        for h, y in zip(fits.hour, fits.label)])
        caption = self.text("model_bias.data", size=theme.SMALL_SIZE, color=theme.DATA_GREY, n=fits.n)
        caption.next_to(axes.c2p(HOURS[1], axes.y_range[1]), LEFT, buff=0.1)
        model = VGroup(
            self.text("model_bias.feature", size=theme.SMALL_SIZE, color=theme.MUTED),
            MathTex(r"y = b + w\,x_1", font_size=44, color=LINE_COLOUR),
            self.text("model_bias.x_axis", size=theme.SMALL_SIZE, color=theme.TEXT),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        model.move_to(RIGHT * PANEL_X + UP * 1.9, aligned_edge=LEFT)
        self.add(badge, title)
        self.play(Create(frame), QuickFadeIn(caption), run_time=1.0)
        self.play(QuickFadeIn(dots), QuickFadeIn(model), run_time=1.2)
        self.pause(6.5)

        # Steps 2 and 3 on this feature: the least-squares line and its loss.
        line = Line(axes.c2p(HOURS[0], float(fits.line_output(HOURS[0]))),
                    axes.c2p(HOURS[1], float(fits.line_output(HOURS[1]))), color=LINE_COLOUR,
                    stroke_width=theme.THICK)
        readout = VGroup(
            self.text("model_bias.best", size=theme.SMALL_SIZE, color=theme.MUTED),
            self.text("model_bias.w", size=theme.SMALL_SIZE, color=LINE_COLOUR, w=fits.w),
            self.text("model_bias.b", size=theme.SMALL_SIZE, color=LINE_COLOUR, b=fits.b),
            self.text("model_bias.loss", size=theme.SMALL_SIZE, color=LINE_COLOUR, loss=fits.line_mse),
            self.text("model_bias.root", size=theme.SMALL_SIZE, color=LINE_COLOUR, root=np.sqrt(fits.line_mse)),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.16).next_to(model, DOWN, buff=0.4, aligned_edge=LEFT)
        self.play(Create(line), run_time=1.5)
        self.play(QuickFadeIn(readout), run_time=0.8)
        self.pause(3.8)

        # The misses at the peaks: the mean of each peak hour against the line there.
        misses = self.misses = VGroup(*[self._miss(axes, hour) for hour in (morning, evening)])
        verdict = self.text("model_bias.verdict", size=theme.SMALL_SIZE, color=MISS_COLOUR)
        verdict.next_to(axes.c2p(HOURS[0], axes.y_range[0]), DOWN, buff=0.55, aligned_edge=LEFT)
        self.play(QuickFadeIn(misses), run_time=1.0)
        self.play(QuickFadeIn(verdict), run_time=0.8)
        self.pause(10.0)

        # A more flexible function: the least-squares curve with corners; the floor of the hour alone.
        curve = ExactCurve(axes, fits.curve.breakpoints, fits.curve, color=CURVE_COLOUR, stroke_width=theme.THICK)
        flexible = VGroup(
            self.text("model_bias.curve", size=theme.SMALL_SIZE, color=CURVE_COLOUR, spacing=fits.corner_spacing),
            self.text("model_bias.loss", size=theme.SMALL_SIZE, color=CURVE_COLOUR, loss=fits.curve_mse),
            self.text("model_bias.root", size=theme.SMALL_SIZE, color=CURVE_COLOUR, root=np.sqrt(fits.curve_mse)),
            self.text("model_bias.floor", size=theme.SMALL_SIZE - 2, color=theme.MUTED, floor=fits.floor_mse),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.16).next_to(model, DOWN, buff=0.4, aligned_edge=LEFT)
        step_one = self.text("model_bias.next", size=theme.BODY_SIZE, color=theme.ACCENT)
        step_one.to_corner(DOWN + RIGHT, buff=0.3)
        # The miss labels go (the curve passes over them); their arrows stay, faded, to compare.
        labels = [miss[2] for miss in misses]
        self.play(readout.animate.set_opacity(0.0), *[label.animate.set_opacity(0.0) for label in labels],
                  *[miss[:2].animate.set_opacity(0.35) for miss in misses], run_time=0.5)
        self.remove(readout, *labels)
        self.play(Create(curve), QuickFadeIn(flexible), run_time=2.0)
        self.play(QuickFadeIn(step_one), run_time=0.8)
        self.pause(8.0)

    # ------------------------------------------------------------------ parts
    def _axes(self) -> tuple[Axes, VGroup]:
        """Hours 0-23 across, riders/hour up, with round ticks in both units."""
        top = float(np.max(self.fits.label)) * 1.08
        axes = Axes(x_range=(HOURS[0] - 0.5, HOURS[1] + 0.5), y_range=(0.0, top), x_length=7.4, y_length=4.6)
        axes.move_to(LEFT * 2.6 + DOWN * 0.05)
        corner = axes.c2p(axes.x_range[0], 0.0)
        frame = VGroup(
            Line(corner, axes.c2p(axes.x_range[1], 0.0), color=theme.MUTED),
            Line(corner, axes.c2p(axes.x_range[0], top), color=theme.MUTED),
            original_unit_labels(axes, "x", 0.0, 1.0, np.arange(0, 24, 6)),
            original_unit_labels(axes, "y", 0.0, 1.0, nice_ticks(0.0, top, 4)),
        )
        x_name = self.text("model_bias.x_axis", size=theme.SMALL_SIZE - 4, color=theme.MUTED)
        x_name.next_to(axes.c2p(axes.x_range[1], 0.0), DOWN, buff=0.42, aligned_edge=RIGHT)
        y_name = self.text("model_bias.y_axis", size=theme.SMALL_SIZE - 4, color=theme.MUTED)
        y_name.next_to(axes.c2p(axes.x_range[0], top), UP, buff=0.12, aligned_edge=LEFT)
        frame.add(x_name, y_name)
        return axes, frame

    def _miss(self, axes: Axes, hour: int) -> VGroup:
        """An arrow from the line up to the mean of the hour's points, labelled with the gap."""
        mean, on_line = self.fits.hourly_mean(hour), float(self.fits.line_output(hour))
        arrow = Arrow(axes.c2p(hour, on_line), axes.c2p(hour, mean), buff=0.0, color=MISS_COLOUR,
                      stroke_width=5, max_tip_length_to_length_ratio=0.15)
        mark = Dot(axes.c2p(hour, mean), radius=0.08, color=MISS_COLOUR)
        label = self.text("model_bias.miss", size=theme.SMALL_SIZE - 4, color=MISS_COLOUR, hour=hour,
                          miss=self.fits.line_miss(hour))
        label.set_stroke(theme.BACKGROUND, width=4, background=True)  # legible over the grey points
        side = LEFT if hour >= 12 else RIGHT
        label.next_to(mark, side, buff=0.15)
        return VGroup(arrow, mark, label)
