"""TangentStep (step 3 in one parameter): one gradient-descent step on a slice L(w), the sign rule, the bottom.

1. L(w) of the one-hour model (``mathcore.studies.lesson``: MSE in (riders/hour)², riders/hour data)
   with b held at b* (``mathcore.surface.error_surface`` on one row). At w⁰ the tangent's
   slope is ∂L/∂w (``LinearLesson.gradient``); the step w¹ = w⁰ − η·slope is
   ``mathcore.optim.GradientDescent.step``. A positive slope moves w left, a negative one
   right (CHAPTER.md §8).
2. Where the slope is 0: for this model L(w) is a parabola (second derivative 2·mean(x₁²) > 0),
   so the slope is 0 only at its bottom, w*. The loss of a more flexible model can have
   several dips (local minima) where gradient descent stops as well (said, not drawn: this
   model has none).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Create,
    DashedLine,
    Dot,
    Line,
    MathTex,
    VGroup,
    VMobject,
)

from mathcore.optim import GradientDescent
from mathcore.studies.lesson import largest_stable_rate, one_hour_linear_model
from mathcore.surface import error_surface
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.contour import BoxFrame
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.number_format import number_text
from scenes.params import Param
from scenes.steps import best_line_numbers, step_badge, title_beside_badge

SLICE_POINTS = 281
W_RANGE = (-0.5, 2.2)       # the w window of the slice (unit-free)
L_TICK = 20_000             # (riders/hour)² between the loss axis's ticks
NOTES_LEFT = 1.55  # left edge of the column of notes beside the plot


class TangentStep(ExplainerScene):
    """The tangent at w⁰, one step of η·slope each way, then the bottom, where the slope is 0."""

    PARAMS = (
        Param("lr", 1e-5, "the learning rate eta of the step shown (w per (riders/hour)²)", low=1e-7, high=1e-4),
        Param("w0_right", 1.9, "a start where the slope is positive", low=W_RANGE[0], high=W_RANGE[1]),
        Param("w0_left", -0.2, "a start where the slope is negative", low=W_RANGE[0], high=W_RANGE[1]),
    )

    def construct(self) -> None:
        self.lesson = lesson = one_hour_linear_model("bikeshare")
        self.b_fixed = lesson.best.b
        self.w = np.linspace(*W_RANGE, SLICE_POINTS)
        self.L = error_surface(lesson.x1, lesson.label, self.w, [self.b_fixed], loss="mse")[0]
        self.lr = float(self.param("lr"))

        self.badge = step_badge(3)
        title = title_beside_badge(self.text("tangent.title", size=theme.TITLE_SIZE - 4), self.badge)
        self.add(self.badge)
        top = float(np.ceil(self.L.max() / L_TICK) * L_TICK)
        axes = self.axes = Axes(x_range=(*W_RANGE, 0.5), y_range=(0, top, L_TICK), x_length=6.0, y_length=4.5)
        axes.move_to(LEFT * 2.0 + DOWN * 0.6)
        frame = BoxFrame(axes, np.arange(-0.5, W_RANGE[1] + 1e-9, 0.5), np.arange(0, top + 1e-9, L_TICK),
                         MathTex("w", font_size=34, color=theme.TEXT),
                         MathTex("L(w)", font_size=34, color=theme.TEXT), x_digits=1, y_digits=0)
        self.curve = VMobject(stroke_color=theme.CURVE_RED, stroke_width=theme.THICK - 1)
        self.curve.set_points_as_corners(np.asarray(axes.c2p(self.w, self.L)).T)
        caption = self.text("tangent.slice", size=theme.SMALL_SIZE, color=theme.CURVE_RED,
                            b=best_line_numbers(lesson.best)["b"])
        caption.next_to(frame.box, UP, buff=0.2).align_to(frame.box, LEFT).shift(LEFT * 0.6)
        self.add(title)
        self.play(Create(frame), run_time=1.0)
        self.play(Create(self.curve), QuickFadeIn(caption), run_time=1.5)
        self.pause(6.5)

        self.steps, self.step_texts, self.tangents = {}, [], []
        shown = self._one_step(float(self.param("w0_right")), "tangent.positive")
        eta = self._eta_note().next_to(shown[-1], DOWN, buff=0.4).align_to(shown[-1], LEFT)
        self.play(QuickFadeIn(eta), run_time=0.8)
        self.pause(4.5)
        self.play(QuickFadeOut(shown), run_time=0.5)
        shown = self._one_step(float(self.param("w0_left")), "tangent.negative")
        self.pause()

        # Where the slope is 0: for this model only at the bottom of the bowl.
        self.play(QuickFadeOut(shown), QuickFadeOut(eta), run_time=0.5)
        self._bottom()
        self.pause(9.0)

    def _eta_note(self) -> VGroup:
        """η named, and why it is so small here: the computed rate above which steps along w grow."""
        self.stable_bound = largest_stable_rate(self.lesson, "original", b_fixed=True)
        bound = np.format_float_positional(self.stable_bound, precision=2, fractional=False, trim="-")
        return VGroup(
            self.text("tangent.eta", size=theme.SMALL_SIZE, color=theme.TEXT, lr=f"{self.lr:.5f}"),
            self.text("tangent.eta_why", size=theme.SMALL_SIZE - 6, color=theme.MUTED, bound=bound),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)

    def _bottom(self) -> None:
        """The one point of the slice where the slope is 0 (w*), and why it is the only one."""
        best = self.lesson.best
        dot = Dot(self.axes.c2p(best.w, best.mse), radius=0.1, color=theme.ACCENT)
        flat = Line(self.axes.c2p(best.w - 0.45, best.mse), self.axes.c2p(best.w + 0.45, best.mse),
                    color=theme.ACCENT, stroke_width=4)
        self.bottom_slope = float(self.lesson.gradient(best.w, best.b)[0])
        size = theme.SMALL_SIZE
        notes = VGroup(
            self.text("tangent.bottom", size=size, color=theme.ACCENT, w=best_line_numbers(best)["w"]),
            self.text("tangent.bowl", size=size - 2, color=theme.TEXT),
            self.text("tangent.local", size=size - 2, color=theme.MUTED),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        notes.move_to(RIGHT * NOTES_LEFT + UP * 1.9, aligned_edge=UP + LEFT)
        self.bottom_notes = notes
        self.play(QuickFadeIn(dot), Create(flat), QuickFadeIn(notes[0]), run_time=1.0)
        self.play(QuickFadeIn(notes[1:]), run_time=1.0)

    # ------------------------------------------------------------------ the step
    def _one_step(self, w0: float, rule_key: str) -> VGroup:
        axes, lr = self.axes, self.lr
        L0 = float(self._loss_at(w0))
        slope = float(self.lesson.gradient(w0, self.b_fixed)[0])
        w1 = float(GradientDescent(lr).step(np.array([w0]), np.array([slope]))[0])
        L1 = float(self._loss_at(w1))
        self.steps[rule_key] = (w0, slope, w1)

        dot = Dot(axes.c2p(w0, L0), radius=0.09, color=theme.ACCENT)
        # Half the tangent's width in w: at most 0.45, and short enough to stay inside the plot box.
        top = self.axes.y_range[1]
        half = min(0.45, 0.9 * (top - L0) / abs(slope), 0.9 * L0 / abs(slope)) if slope else 0.45
        half = min(half, 0.95 * (w0 - W_RANGE[0]), 0.95 * (W_RANGE[1] - w0))  # and inside it left to right
        tangent = Line(axes.c2p(w0 - half, L0 - slope * half), axes.c2p(w0 + half, L0 + slope * half),
                       color=theme.ACCENT, stroke_width=4)
        tangent.slope = slope
        self.tangents.append(tangent)
        drop = DashedLine(axes.c2p(w0, 0), axes.c2p(w0, L0), color=theme.MUTED, stroke_width=2)
        w0_label = MathTex("w^0", font_size=32, color=theme.ACCENT).next_to(axes.c2p(w0, 0), UP, buff=0.12)
        w0_label.shift(RIGHT * 0.25 if w1 < w0 else LEFT * 0.25)
        step_arrow = Arrow(axes.c2p(w0, 0), axes.c2p(w1, 0), buff=0, color=theme.ACCENT, stroke_width=6,
                           max_tip_length_to_length_ratio=0.35)
        step_arrow.data_ends = (w0, w1)
        new_dot = Dot(axes.c2p(w1, L1), radius=0.09, color=theme.TEXT)
        w1_label = MathTex("w^1", font_size=32, color=theme.TEXT).next_to(axes.c2p(w1, 0), UP, buff=0.12)
        w1_label.shift(LEFT * 0.25 if w1 < w0 else RIGHT * 0.25)

        size = theme.SMALL_SIZE
        slope_text = self.text("tangent.slope", size=size, color=theme.ACCENT, slope=number_text(slope))
        step_text = self.text("tangent.step", size=size, color=theme.TEXT, w0=f"{w0:.2f}", lr=f"{lr:.5f}",
                              slope=number_text(slope), w1=f"{w1:.3f}")
        self.step_texts.append(step_text)
        rule = self.text(rule_key, size=size + 2, color=theme.ACCENT)
        notes = VGroup(slope_text, step_text, rule).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        notes.move_to(RIGHT * NOTES_LEFT + UP * 1.9, aligned_edge=UP + LEFT)
        self.play(QuickFadeIn(dot), Create(drop), QuickFadeIn(w0_label), run_time=0.7)
        self.play(Create(tangent), QuickFadeIn(slope_text), run_time=1.0)
        self.play(QuickFadeIn(step_text), Create(step_arrow), run_time=1.0)
        self.play(dot.animate.move_to(new_dot), QuickFadeIn(w1_label), QuickFadeIn(rule), run_time=1.0)
        return VGroup(dot, tangent, drop, w0_label, w1_label, step_arrow, notes)

    def _loss_at(self, w: float) -> float:
        return self.lesson.loss(w, self.b_fixed, "mse")
