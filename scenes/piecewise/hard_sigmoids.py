"""PiecewiseAsHardSigmoids: the book's red and blue figure, then smooth curves (CHAPTER.md §3).

A red piecewise linear curve is a constant (its value where it starts) plus one blue
hard sigmoid per piece between corners. The red curve drawn here starts flat, so the
constant covers that flat start and the first hard sigmoid ramps from the first corner
to the second; each further corner adds one more, and they stack exactly into the red
curve. Then a smooth curve is approximated by 2, 4, 8, 16 pieces with the largest error
beside it.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Axes,
    Create,
    DashedLine,
    Dot,
    Line,
    ReplacementTransform,
    Transform,
    VGroup,
)

from mathcore.piecewise import (
    HardSigmoidSum,
    curve_to_hard_sigmoids,
    hard_sigmoids_to_curve,
    max_abs_error,
    sample_smooth_curve_knots,
)
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.curves import ExactCurve
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.red_curve import RED_CURVE, X_RANGE, Y_RANGE

#: Where each red corner's number sits: away from the curve and from the labels at the top left.
CORNER_NUMBER_SIDES = (DOWN, LEFT, DOWN, UP)
PIECE_Y_RANGE = (-2.0, 3.0, 1.0)

# The smooth curve approximated by more and more pieces on [SMOOTH_LO, SMOOTH_HI].
SMOOTH_LO, SMOOTH_HI = X_RANGE[0], X_RANGE[1]
PIECE_COUNTS = (2, 4, 8, 16)
ERROR_DIGITS = 3  # the largest error, as the table shows it and the voice says it (0.045, not 0.05)
NOTE_Y = 2.75  # one line of commentary between the title and the plots


def smooth_target(x: np.ndarray) -> np.ndarray:
    """A smooth, bending curve to approximate (any continuous curve would do)."""
    x = np.asarray(x, dtype=float)
    return 2.3 + 1.2 * np.sin(1.1 * x) - 0.12 * x


def partial_sum(hs: HardSigmoidSum, count: int) -> HardSigmoidSum:
    """The constant plus the first ``count`` hard sigmoids."""
    return HardSigmoidSum(hs.constant, hs.starts[:count], hs.ends[:count], hs.heights[:count])


def single_piece(hs: HardSigmoidSum, i: int) -> HardSigmoidSum:
    """Hard sigmoid ``i`` alone (no constant)."""
    return HardSigmoidSum(0.0, hs.starts[i : i + 1], hs.ends[i : i + 1], hs.heights[i : i + 1])


class PiecewiseAsHardSigmoids(ExplainerScene):
    """Constant + blue hard sigmoids stack into the red curve; more corners fit a smooth curve better."""

    def construct(self) -> None:
        self._stack_into_red()
        self._approximate_smooth_curve()

    # ------------------------------------------------------------------ part 1: the book's figure
    def _stack_into_red(self) -> None:
        hs = curve_to_hard_sigmoids(RED_CURVE)
        self.narration_values.update(constant=f"{hs.constant:g}", pieces=len(hs))
        title = self.text("piecewise.title", size=theme.TITLE_SIZE - 4).to_edge(UP, buff=0.35)
        axes = self._axes(X_RANGE, Y_RANGE, 6.4, 5.3).to_corner(DOWN + LEFT, buff=0.45)
        red = ExactCurve(axes, RED_CURVE.x, RED_CURVE, color=theme.CURVE_RED, stroke_width=theme.THICK + 4)
        corners = VGroup(*[Dot(axes.c2p(x, y), radius=0.07, color=theme.CURVE_RED)
                           for x, y in zip(RED_CURVE.x, RED_CURVE.y)])
        # Corner numbers (the words say "corner 1 to corner 2"), each on the side away from the curve.
        corner_numbers = VGroup(*[self.number(k + 1, digits=0, size=theme.SMALL_SIZE, color=theme.MUTED)
                                  .next_to(dot, side, buff=0.12)
                                  for k, (dot, side) in enumerate(zip(corners, CORNER_NUMBER_SIDES, strict=True))])
        corners.add(*corner_numbers)
        red_label = self.text("piecewise.red", size=theme.SMALL_SIZE, color=theme.CURVE_RED)
        red_label.next_to(axes.c2p(X_RANGE[0], Y_RANGE[1]), RIGHT + DOWN, buff=0.1).shift(RIGHT * 0.3)
        self.add(title)
        self.play(Create(axes), run_time=0.8)
        self.play(Create(red), QuickFadeIn(corners), QuickFadeIn(red_label), run_time=1.5)
        self.pause(3.5)

        # The constant, then the running sum (thinner blue, drawn over the red curve).
        running = ExactCurve(axes, *self._knots_of(partial_sum(hs, 0)), color=theme.PIECE_BLUE,
                             stroke_width=theme.THIN + 1)
        constant_label = self.text("piecewise.constant", size=theme.SMALL_SIZE, color=theme.PIECE_BLUE,
                                   value=f"{hs.constant:g}")
        constant_label.next_to(red_label, DOWN, aligned_edge=LEFT, buff=0.2)
        running_label = self.text("piecewise.running", size=theme.SMALL_SIZE, color=theme.PIECE_BLUE)
        running_label.move_to(constant_label, aligned_edge=UL)
        self.play(Create(running), QuickFadeIn(constant_label), run_time=1.0)

        self.bring_to_front(corners)
        guide_top = float(RED_CURVE.y.max()) + 0.3  # dashed corner guides stop below the labels
        panels = VGroup()
        for i in range(len(hs)):
            panel = self._piece_panel(hs, i, last=i == len(hs) - 1)
            panel.shift(RIGHT * 3.95 + UP * (1.5 - 1.95 * i) - panel[0].get_center())  # the axes line up
            panels.add(panel)
            guides = VGroup(*[DashedLine(axes.c2p(x, Y_RANGE[0]), axes.c2p(x, guide_top), color=theme.MUTED,
                                         stroke_width=1.5, dash_length=0.08)
                              for x in (hs.starts[i], hs.ends[i])])
            grown = running.copy().update_curve(*self._knots_of(partial_sum(hs, i + 1)))
            extras = [QuickFadeOut(constant_label), QuickFadeIn(running_label)] if i == 0 else []
            self.play(QuickFadeIn(panel), QuickFadeIn(guides), run_time=0.9)
            self.play(Transform(running, grown), *extras, run_time=1.2)
            self.bring_to_front(corners)
            if i == 0:
                note = self.text("piecewise.first", size=theme.SMALL_SIZE, color=theme.ACCENT)
                note.move_to(UP * NOTE_Y)
                self.play(QuickFadeIn(note), run_time=0.5)
                self.pause(6.0)
                self.play(QuickFadeOut(note), run_time=0.3)
            self.play(QuickFadeOut(guides), run_time=0.3)
        exact = self.text("piecewise.exact", size=theme.BODY_SIZE, color=theme.ACCENT,
                          ids=", ".join(str(i + 1) for i in range(len(hs))))
        exact.move_to(UP * NOTE_Y)
        self.play(QuickFadeIn(exact), run_time=0.6)
        self.pause(2.0)
        self.stacked, self.panels = running, panels  # for tests: the final running sum, one panel per piece
        self.play(*[QuickFadeOut(m) for m in self.mobjects], run_time=0.8)

    def _piece_panel(self, hs: HardSigmoidSum, i: int, last: bool) -> VGroup:
        """Hard sigmoid ``i`` on its own small axes (the x axis is its zero line), with its number and height.

        The y axis is marked at 0 and at the piece's height; the last panel numbers x like the main plot.
        """
        axes = self._axes(X_RANGE, PIECE_Y_RANGE, 5.2, 1.25, numbers=False)
        piece = single_piece(hs, i)
        curve = ExactCurve(axes, *self._knots_of(piece), color=theme.PIECE_BLUE, stroke_width=theme.THICK - 1)
        label = self.text("piecewise.piece", size=theme.SMALL_SIZE, color=theme.PIECE_BLUE, i=i + 1,
                          height=f"{hs.heights[i]:+g}")
        label.next_to(axes, UP, buff=0.08).align_to(axes, LEFT)
        size = theme.SMALL_SIZE - 4
        y_marks, x_numbers = VGroup(), VGroup()
        for value, colour in ((0.0, theme.MUTED), (float(hs.heights[i]), theme.PIECE_BLUE)):
            at = axes.c2p(X_RANGE[0], value)
            y_marks.add(VGroup(Line(at + LEFT * 0.08, at + RIGHT * 0.08, color=colour, stroke_width=2),
                               self.number(value, digits=0 if value == 0 else 1, size=size, color=colour)
                               .next_to(at, LEFT, buff=0.12)))
        if last:
            for x in np.arange(X_RANGE[0] + 2.0, X_RANGE[1] + 0.5, 2.0):  # 0 is the y axis
                x_numbers.add(self.number(x, digits=0, size=size, color=theme.MUTED)
                              .next_to(axes.c2p(x, 0.0), DOWN, buff=0.1))
        return VGroup(axes, curve, label, y_marks, x_numbers)

    # ------------------------------------------------------------------ part 2: smooth curves
    def _approximate_smooth_curve(self) -> None:
        title = self.text("piecewise.smooth_title", size=theme.TITLE_SIZE - 4).to_edge(UP, buff=0.35)
        axes = self._axes(X_RANGE, Y_RANGE, 7.2, 5.6).to_corner(DOWN + LEFT, buff=0.45)
        grid = np.linspace(X_RANGE[0], X_RANGE[1], 241)
        smooth = ExactCurve(axes, grid, smooth_target, color=theme.TEXT, stroke_width=theme.THIN)
        smooth_label = self.text("piecewise.smooth", size=theme.SMALL_SIZE, color=theme.TEXT)
        smooth_label.next_to(axes.c2p(X_RANGE[0], Y_RANGE[1]), RIGHT + DOWN, buff=0.25).shift(RIGHT * 0.3)
        header = VGroup(self.text("piecewise.pieces", size=theme.SMALL_SIZE, color=theme.MUTED),
                        self.text("piecewise.error", size=theme.SMALL_SIZE, color=theme.MUTED))
        header[0].move_to(RIGHT * 2.5 + UP * 2.2)
        header[1].move_to(RIGHT * 5.0 + UP * 2.2)
        self.add(title)
        self.play(Create(axes), Create(smooth), QuickFadeIn(smooth_label), QuickFadeIn(header), run_time=0.9)

        curves = [sample_smooth_curve_knots(smooth_target, SMOOTH_LO, SMOOTH_HI, count) for count in PIECE_COUNTS]
        errors = [max_abs_error(smooth_target, curve, SMOOTH_LO, SMOOTH_HI) for curve in curves]
        self.narration_values.update(first=PIECE_COUNTS[0], last=PIECE_COUNTS[-1],
                                     first_error=f"{errors[0]:.{ERROR_DIGITS}f}",
                                     last_error=f"{errors[-1]:.{ERROR_DIGITS}f}")
        approx, dots, rows = None, None, VGroup()
        self.approximations = []  # for tests: (curve, drawn ExactCurve)
        for n, (count, curve, error) in enumerate(zip(PIECE_COUNTS, curves, errors)):
            drawn = ExactCurve(axes, curve.x, curve, color=theme.CURVE_RED, stroke_width=theme.THICK - 1)
            new_dots = VGroup(*[Dot(axes.c2p(x, y), radius=0.06, color=theme.CURVE_RED)
                                for x, y in zip(curve.x, curve.y)])
            row = VGroup(self.number(count, digits=0, size=theme.BODY_SIZE, color=theme.PIECE_BLUE),
                         self.number(error, digits=ERROR_DIGITS, size=theme.BODY_SIZE, color=theme.CURVE_RED))
            row[0].move_to(header[0].get_center() + DOWN * 0.6 * (n + 1))
            row[1].move_to(header[1].get_center() + DOWN * 0.6 * (n + 1))
            rows.add(row)
            if approx is None:  # with the words "approximated by 2 pieces": drawn early, then held
                self.play(Create(drawn), QuickFadeIn(new_dots), QuickFadeIn(row), run_time=0.8)
                self.first_approximation_at = self.renderer.time  # for tests
            else:
                self.play(ReplacementTransform(approx, drawn), ReplacementTransform(dots, new_dots),
                          QuickFadeIn(row), run_time=1.8)
            approx, dots = drawn, new_dots
            self.approximations.append((curve, drawn))
            if n == 0:
                self.pause(3.5)
        takeaway = self.text("piecewise.flexible", size=theme.SMALL_SIZE, color=theme.ACCENT)
        takeaway.next_to(rows, DOWN, buff=0.5).align_to(header[0], LEFT).shift(LEFT * 0.6)
        self.play(QuickFadeIn(takeaway), run_time=0.6)
        self.pause(3.5)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _knots_of(hs: HardSigmoidSum):
        """Exact knots and the callable of a hard sigmoid sum, for ExactCurve."""
        curve = hard_sigmoids_to_curve(hs, X_RANGE[0], X_RANGE[1])
        return curve.x, curve

    @staticmethod
    def _axes(x_range, y_range, width: float, height: float, numbers: bool = True) -> Axes:
        return Axes(
            x_range=x_range, y_range=y_range, x_length=width, y_length=height, tips=False,
            axis_config={"color": theme.MUTED, "include_numbers": numbers, "font_size": 22,
                         "decimal_number_config": {"num_decimal_places": 0}},
            y_axis_config={"include_ticks": numbers},
        )
