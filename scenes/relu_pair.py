"""ReluPairHardSigmoid: two shifted, scaled ReLUs add up to one hard sigmoid (CHAPTER.md §5).

The chapter's worked example: a hard sigmoid of height 10 ramping over [0, 10]. The
rising ReLU reads 11, 12, 13 past the corner, the cancelling one -1, -2, -3, and their
sum stays at 10. Then the formula y = b + sum_{2i} c_i max(0, b_i + w_i x), and the red
curve of PiecewiseAsHardSigmoids written as b plus three such pairs, one pair per hard
sigmoid. Every value on screen is evaluated by mathcore.piecewise.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedLine,
    Dot,
    MathTex,
    ReplacementTransform,
    Text,
    VGroup,
    Write,
)

from mathcore.piecewise import (
    ReluSum,
    curve_to_hard_sigmoids,
    hard_sigmoid_to_relu_pair,
    hard_sigmoids_to_relus,
    relus_to_curve,
)
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.curves import ExactCurve
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.piecewise import RED_CURVE

# The chapter's example: a ramp of height 10 from x = 0 to x = 10 (slope 1).
RAMP_START, RAMP_END, RAMP_HEIGHT = 0.0, 10.0, 10.0
PROBE_X = (11.0, 12.0, 13.0)  # past the second corner, where the book reads off the values
X_RANGE = (-3.0, 15.0, 3.0)
Y_RANGE = (-6.0, 15.0, 3.0)
# The red curve of PiecewiseAsHardSigmoids, with room below 0 for the cancelling ReLUs.
RED_X_RANGE = (0.0, 8.0, 1.0)
RED_Y_RANGE = (-3.0, 5.0, 1.0)
PAIR_Y_RANGE = (-4.0, 4.0, 1.0)


def single_relu(pair: ReluSum, i: int) -> ReluSum:
    """ReLU ``i`` of a sum, on its own."""
    return ReluSum(0.0, c=pair.c[i : i + 1], b=pair.b[i : i + 1], w=pair.w[i : i + 1])


class ReluPairHardSigmoid(ExplainerScene):
    """Two ReLUs, their values at 11, 12, 13, and the flat top of their sum."""

    def construct(self) -> None:
        pair = hard_sigmoid_to_relu_pair(RAMP_START, RAMP_END, RAMP_HEIGHT)
        up, down = single_relu(pair, 0), single_relu(pair, 1)

        title = self.text("relu_pair.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.35)
        axes = Axes(
            x_range=X_RANGE, y_range=Y_RANGE, x_length=7.4, y_length=5.6,
            axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 20,
                         "decimal_number_config": {"num_decimal_places": 0}},
        ).to_corner(DOWN + LEFT, buff=0.45)
        self.add(title)
        self.play(Create(axes), run_time=1.0)

        up_curve = ExactCurve(axes, relus_to_curve(up).x, up, color=theme.RELU_UP, stroke_width=theme.THIN + 1)
        down_curve = ExactCurve(axes, relus_to_curve(down).x, down, color=theme.RELU_DOWN, stroke_width=theme.THIN + 1)
        legend = VGroup(*[
            self.legend_row(Dot(radius=0.09, color=colour), key, colour)
            for colour, key in ((theme.RELU_UP, "relu_pair.up"), (theme.RELU_DOWN, "relu_pair.down"),
                                (theme.PIECE_BLUE, "relu_pair.sum"))
        ]).arrange(DOWN, aligned_edge=LEFT, buff=0.25).to_corner(UP + RIGHT, buff=0.5).shift(DOWN * 0.9)

        self.play(Create(up_curve), QuickFadeIn(legend[0]), run_time=1.2)
        self.play(Create(down_curve), QuickFadeIn(legend[1]), run_time=1.2)
        self.pause()

        # The book's numbers: read each ReLU at x = 11, 12, 13 (computed, not typed).
        up_values, down_values = up(np.array(PROBE_X)), down(np.array(PROBE_X))
        table = self._value_table(up_values, down_values, up_values + down_values)
        table.next_to(legend, DOWN, buff=0.5, aligned_edge=LEFT)
        dots = VGroup(
            *[Dot(axes.c2p(x, v), radius=0.05, color=theme.RELU_UP) for x, v in zip(PROBE_X, up_values)],
            *[Dot(axes.c2p(x, v), radius=0.05, color=theme.RELU_DOWN) for x, v in zip(PROBE_X, down_values)],
        )
        self.play(QuickFadeIn(dots), Write(table[:2]), run_time=1.5)
        self.pause()

        hard_sigmoid = ExactCurve(axes, relus_to_curve(pair).x, pair, color=theme.PIECE_BLUE, stroke_width=theme.THICK)
        flat_value = float(pair(np.array([PROBE_X[0]]))[0])
        flat_label = self.text("relu_pair.flat", size=theme.SMALL_SIZE, color=theme.PIECE_BLUE,
                               value=f"{flat_value:g}")
        flat_label.next_to(axes.c2p(PROBE_X[1], flat_value), DOWN, buff=0.2)
        self.play(
            ReplacementTransform(VGroup(up_curve.copy(), down_curve.copy()), hard_sigmoid),
            QuickFadeIn(legend[2]), Write(table[2]), run_time=2.0,
        )
        self.play(QuickFadeIn(flat_label), run_time=0.6)
        self.pause(1.5)
        self.hard_sigmoid = hard_sigmoid  # for tests: the pair's sum

        self.play(*[QuickFadeOut(m) for m in self.mobjects if m is not title], run_time=0.8)
        self._pairs_of_the_red_curve(title)

    # ------------------------------------------------------------------ every pair, one hard sigmoid
    def _pairs_of_the_red_curve(self, title: Text) -> None:
        """y = b + sum_{2i} c_i max(0, b_i + w_i x): the red curve of PiecewiseAsHardSigmoids, pair by pair."""
        hs = curve_to_hard_sigmoids(RED_CURVE)
        relus = hard_sigmoids_to_relus(hs)
        formula = MathTex(r"y = b + \sum_{2i} c_i \max(0,\, b_i + w_i x)", font_size=44, color=theme.TEXT)
        formula.next_to(title, DOWN, buff=0.3)
        note = self.text("relu_pair.formula_note", size=theme.SMALL_SIZE, color=theme.MUTED)
        note.next_to(formula, DOWN, buff=0.2)
        self.play(Write(formula), QuickFadeIn(note), run_time=1.5)
        self.pause()

        axes = Axes(x_range=RED_X_RANGE, y_range=RED_Y_RANGE, x_length=6.2, y_length=4.5, tips=False,
                    axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 20,
                                 "decimal_number_config": {"num_decimal_places": 0}},
                    ).to_corner(DOWN + LEFT, buff=0.45)
        red = ExactCurve(axes, RED_CURVE.x, RED_CURVE, color=theme.CURVE_RED, stroke_width=theme.THICK + 4)
        red_label = self.text("relu_pair.red", size=theme.SMALL_SIZE, color=theme.CURVE_RED, b=f"{relus.constant:g}")
        red_label.next_to(axes, UP, buff=0.55).align_to(axes, LEFT)
        self.play(QuickFadeOut(note), Create(axes), Create(red), QuickFadeIn(red_label), run_time=1.2)

        self.relu_curves: list[ExactCurve] = []  # for tests: every ReLU drawn on the red curve's axes
        for i in range(len(hs)):
            panel = self._pair_panel(relus, i)
            panel.move_to(RIGHT * 3.85 + UP * (0.9 - 1.83 * i))
            ups, sums = panel[1], panel[2]
            # Dashed guides on the red curve at this pair's two corners: where hard sigmoid i ramps.
            guides = VGroup(*[DashedLine(axes.c2p(x, 0.0), axes.c2p(x, float(RED_CURVE(x)) + 0.4), color=theme.MUTED,
                                         stroke_width=1.5, dash_length=0.08)
                              for x in sorted(single_relu(relus, j).breakpoints[0] for j in (2 * i, 2 * i + 1))])
            self.play(QuickFadeIn(panel[0]), QuickFadeIn(panel[3]), Create(ups), QuickFadeIn(guides), run_time=1.0)
            self.play(ReplacementTransform(ups.copy(), sums), run_time=1.0)
            if i == 0:
                self.pause()
            self.play(QuickFadeOut(guides), run_time=0.3)
        components = VGroup()
        for j in range(len(relus)):
            one = single_relu(relus, j)
            colour = theme.RELU_UP if one.c[0] > 0 else theme.RELU_DOWN
            components.add(ExactCurve(axes, one.breakpoints, one, color=colour, stroke_width=theme.THIN))
        self.relu_curves = list(components)
        total = relus_to_curve(relus, *RED_X_RANGE[:2])
        self.sum_curve = ExactCurve(axes, total.x, total, color=theme.PIECE_BLUE, stroke_width=theme.THIN + 1)
        summary = self.text("relu_pair.all", size=theme.SMALL_SIZE, color=theme.ACCENT, n=len(relus), m=len(hs))
        summary.next_to(red_label, DOWN, aligned_edge=LEFT, buff=0.2)
        self.play(Create(components), run_time=1.5)
        self.play(Create(self.sum_curve), QuickFadeIn(summary), run_time=1.2)
        self.pause(1.5)

    def _pair_panel(self, relus: ReluSum, i: int) -> VGroup:
        """ReLUs 2i and 2i+1 (thin) on small axes, their sum (the blue hard sigmoid i), and a label."""
        axes = Axes(x_range=RED_X_RANGE, y_range=PAIR_Y_RANGE, x_length=5.6, y_length=1.4, tips=False,
                    axis_config={"color": theme.MUTED, "include_numbers": False},
                    y_axis_config={"include_ticks": False})
        pair = ReluSum(0.0, relus.c[2 * i : 2 * i + 2], relus.b[2 * i : 2 * i + 2], relus.w[2 * i : 2 * i + 2])
        ups = VGroup(*[
            ExactCurve(axes, single_relu(pair, k).breakpoints, single_relu(pair, k),
                       color=theme.RELU_UP if pair.c[k] > 0 else theme.RELU_DOWN, stroke_width=theme.THIN)
            for k in range(2)
        ])
        knots = relus_to_curve(pair, *RED_X_RANGE[:2])
        total = ExactCurve(axes, knots.x, knots, color=theme.PIECE_BLUE, stroke_width=theme.THICK - 1)
        label = self.text("relu_pair.pair", size=theme.SMALL_SIZE - 2, color=theme.PIECE_BLUE,
                          a=2 * i + 1, b=2 * i + 2, i=i + 1)
        label.next_to(axes, UP, buff=0.06).align_to(axes, LEFT)
        return VGroup(axes, ups, total, label)

    def _value_table(self, up_values, down_values, sums) -> VGroup:
        """A header row x = 11, 12, 13, then the rising ReLU, the cancelling ReLU and their sum."""
        rows = []
        header = [self.number(x, digits=0, size=theme.SMALL_SIZE, color=theme.MUTED) for x in PROBE_X]
        for values, colour in ((up_values, theme.RELU_UP), (down_values, theme.RELU_DOWN), (sums, theme.PIECE_BLUE)):
            rows.append([self.number(v, digits=0, size=theme.BODY_SIZE, color=colour) for v in values])
        grid = VGroup(*[VGroup(*row) for row in [header, *rows]])
        for r, row in enumerate(grid):
            for col, cell in enumerate(row):
                cell.move_to(RIGHT * 1.0 * col + DOWN * 0.55 * r)
        x_label = Text("x =", font=theme.FONT_EN, font_size=theme.SMALL_SIZE, color=theme.MUTED)
        x_label.next_to(grid[0], LEFT, buff=0.3)
        return VGroup(VGroup(x_label, grid[0], grid[1]), grid[2], grid[3])
