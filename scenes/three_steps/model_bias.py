"""ModelBias: the best straight line cannot bend to the morning and evening peaks (CHAPTER.md §1).

The points are the ones ReluFitTraining trains on (riders in a training hour of 2011 against
the hour of the day), drawn in riders/hour. The model is the three steps' line
``y = b + w x₁``, now with x₁ = the hour of the day; its best w*, b* (least squares, the MSE's
minimiser) and loss come from ``mathcore.studies.model_bias``, as do the line's miss at the busiest
morning and evening hours, the least-squares curve with a corner every few hours, and the
lowest loss any function of the hour alone reaches. The gap between the line and the curve is
the book's *model bias*: the reason step 1 needs a more flexible function.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Axes, Circle, Create, Dot, Line, MathTex, VGroup

from mathcore.studies.model_bias import CORNER_SPACING, hour_of_day_fits
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.curves import ExactCurve, polyline_points
from scenes.components.quick_fade import QuickFadeIn
from scenes.components.unit_ticks import nice_ticks, original_unit_labels
from scenes.params import Param
from scenes.steps import step_badge

LINE_COLOUR = theme.PIECE_BLUE
CURVE_COLOUR = theme.CURVE_RED
MISS_COLOUR = theme.ACCENT
HOURS = (0.0, 23.0)
X_RANGE = (HOURS[0] - 0.5, HOURS[1] + 0.5)   # the axes' hours: the curve is drawn across all of them
PANEL_X = 1.75          # left edge of the right-hand column


def lowest_drawn_point(curve, x_range: tuple[float, float] = X_RANGE) -> tuple[float, float]:
    """(hour, riders/h) of the lowest point of ``curve`` across ``x_range``, where it is drawn.

    A piecewise linear curve is lowest at a knot or at an end of the range, so these are the only
    candidates (the same points ExactCurve draws through)."""
    xs, ys = polyline_points(curve.breakpoints, curve, *x_range)
    i = int(np.argmin(ys))
    return float(xs[i]), float(ys[i])


def signed(value: float) -> str:
    """A number of riders/h with a true minus sign, to the nearest rider (a tenth below 1 in size)."""
    return f"{value:.{0 if abs(value) >= 1 else 1}f}".replace("-", "−")


def hour_words(hour: float) -> str:
    """4 -> '4:00'; an hour between whole hours (an end of the axes) as x₁ = -0.5."""
    return f"{hour:.0f}:00" if float(hour).is_integer() else f"x₁ = {hour:g}".replace("-", "−")


class ModelBias(ExplainerScene):
    """Riders by hour of day, the best line y = b + w x₁, its misses at the peaks, a curve with corners."""

    PARAMS = (
        Param("corner_spacing", CORNER_SPACING, "hours between the flexible curve's corners", 1, 11),
    )

    def construct(self) -> None:
        fits = self.fits = hour_of_day_fits(corner_spacing=int(self.param("corner_spacing")))
        self.lowest = lowest_drawn_point(fits.curve)  # the curve may dip below 0 riders/h: drawn, and said
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
        below_zero = self.below_zero = self._below_zero(axes)
        self.play(Create(curve), QuickFadeIn(flexible), QuickFadeIn(below_zero), run_time=2.0)
        self.play(QuickFadeIn(step_one), run_time=0.8)
        self.pause(8.0)

    # ------------------------------------------------------------------ parts
    def _axes(self) -> tuple[Axes, VGroup]:
        """Hours 0-23 across, riders/hour up, with round ticks in both units."""
        top = float(np.max(self.fits.label)) * 1.08
        # down past the curve's lowest point when it dips below 0, so that none of the curve is cut off
        bottom = 0.0 if self.lowest[1] >= 0.0 else self.lowest[1] - 0.01 * top
        axes = Axes(x_range=X_RANGE, y_range=(bottom, top), x_length=7.4, y_length=4.6)
        axes.move_to(LEFT * 2.6 + DOWN * 0.05)
        corner = axes.c2p(axes.x_range[0], 0.0)
        frame = VGroup(
            Line(corner, axes.c2p(axes.x_range[1], 0.0), color=theme.MUTED),
            Line(axes.c2p(axes.x_range[0], bottom), axes.c2p(axes.x_range[0], top), color=theme.MUTED),
            original_unit_labels(axes, "x", 0.0, 1.0, np.arange(0, 24, 6)),
            original_unit_labels(axes, "y", 0.0, 1.0, nice_ticks(0.0, top, 4)),
        )
        x_name = self.text("model_bias.x_axis", size=theme.SMALL_SIZE - 4, color=theme.MUTED)
        x_name.next_to(axes.c2p(axes.x_range[1], bottom), DOWN, buff=0.42, aligned_edge=RIGHT)  # below the ticks
        y_name = self.text("model_bias.y_axis", size=theme.SMALL_SIZE - 4, color=theme.MUTED)
        y_name.next_to(axes.c2p(axes.x_range[0], top), UP, buff=0.12, aligned_edge=LEFT)
        frame.add(x_name, y_name)
        return axes, frame

    def _below_zero(self, axes: Axes) -> VGroup:
        """Where the curve predicts fewer than 0 riders/h: a ring on its lowest point and a label saying so
        (empty when it never dips below 0)."""
        hour, riders = self.lowest
        if riders >= 0.0:
            return VGroup()
        ring = Circle(radius=0.09, color=CURVE_COLOUR, stroke_width=3).move_to(axes.c2p(hour, riders))
        label = self.text("model_bias.below_zero", size=theme.SMALL_SIZE - 6, color=CURVE_COLOUR,
                          hour=hour_words(hour), riders=signed(riders))
        label.set_stroke(theme.BACKGROUND, width=4, background=True)  # legible over the grey points
        # in the empty upper left: the small hours have few riders, and the morning peak starts at 7:00
        label.move_to(axes.c2p(axes.x_range[0], 0.42 * axes.y_range[1]), aligned_edge=DOWN + LEFT).shift(RIGHT * 0.1)
        arrow = Arrow(label.get_bottom(), ring.get_top(), buff=0.06, color=CURVE_COLOUR, stroke_width=3,
                      max_tip_length_to_length_ratio=0.12)
        return VGroup(ring, arrow, label)

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
