"""ReluPairHardSigmoid: two deformed ReLUs add up to one hard sigmoid (CHAPTER.md §5).

The study note's tip first: a ReLU of the book is not the plain max(0, x) but a deformed
one, c·max(0, b + w x): b shifts it left or right, c scales it or, negative, flips it. The
chapter's worked example written out: a hard sigmoid of height 10 ramping over [2, 12] is
max(0, x − 2) − max(0, x − 12). Past the second corner the rising ReLU reads 11, 12, 13,
the flipped one −1, −2, −3, and their sum stays at 10. Each ReLU has its kink where
b + w x = 0. Then the formula y = b + Σ_{2i} cᵢ max(0, bᵢ + wᵢ x), sigmoid and ReLU named
activation functions, and the red curve of PiecewiseAsHardSigmoids written as b plus
three such pairs, one pair per hard sigmoid. Every value on screen is evaluated by
mathcore.piecewise.
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
    DashedVMobject,
    Dot,
    MathTex,
    ReplacementTransform,
    Text,
    VGroup,
    Write,
)

from mathcore.activations import sigmoid
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
from scenes.red_curve import RED_CURVE

# The chapter's example: a ramp of height 10 from x = 2 to x = 12 (slope 1), so that both
# ReLUs are shifted copies of max(0, x) and the second is flipped.
RAMP_START, RAMP_END, RAMP_HEIGHT = 2.0, 12.0, 10.0
PROBE_X = (13.0, 14.0, 15.0)  # past the second corner, where the study note reads off 11, 12, 13
X_RANGE = (-2.0, 16.0, 2.0)
Y_RANGE = (-6.0, 15.0, 3.0)
# The red curve of PiecewiseAsHardSigmoids, with room below 0 for the cancelling ReLUs.
RED_X_RANGE = (0.0, 8.0, 1.0)
RED_Y_RANGE = (-3.0, 5.0, 1.0)
PAIR_Y_RANGE = (-4.0, 4.0, 1.0)


#: The same sum when the input is k features x_1 ... x_k (CHAPTER.md §5): each ReLU reads b_i + sum_j w_ij x_j.
MANY_INPUTS_TEX = r"y = b + \sum_{2i} c_i \max\Big(0,\, b_i + \sum_j w_{ij}\, x_j\Big)"

def signed(value: float) -> str:
    """A number with a real minus sign (the screen's text), e.g. −2 or 12."""
    return f"{value:g}".replace("-", "−")


def relu_tex(c: float, b: float, w: float) -> str:
    """c·max(0, b + w x) written as a reader would: max(0, x − 2), −max(0, x − 12), 1.25 max(0, x − 1)."""
    scale = "" if c == 1 else "-" if c == -1 else f"{c:g}\\,"
    slope = "x" if w == 1 else f"{w:g}x"
    shift = "" if b == 0 else f" - {-b:g}" if b < 0 else f" + {b:g}"
    return rf"{scale}\max(0,\, {slope}{shift})"


def single_relu(pair: ReluSum, i: int) -> ReluSum:
    """ReLU ``i`` of a sum, on its own."""
    return ReluSum(0.0, c=pair.c[i : i + 1], b=pair.b[i : i + 1], w=pair.w[i : i + 1])


class ReluPairHardSigmoid(ExplainerScene):
    """Two ReLUs, their values at 11, 12, 13, and the flat top of their sum."""

    def construct(self) -> None:
        pair = hard_sigmoid_to_relu_pair(RAMP_START, RAMP_END, RAMP_HEIGHT)
        up, down = single_relu(pair, 0), single_relu(pair, 1)
        self.pair = pair
        self.narration_values.update(first=signed(RAMP_START), second=signed(RAMP_END))

        title = self.text("relu_pair.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.35)
        axes = Axes(
            x_range=X_RANGE, y_range=Y_RANGE, x_length=6.9, y_length=5.6,
            axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 20,
                         "decimal_number_config": {"num_decimal_places": 0}},
        ).to_corner(DOWN + LEFT, buff=0.45)
        column_x = axes.get_right()[0] + 0.35
        self.add(title)

        # The tip: the plain max(0, x), and the deformed form c·max(0, b + w x) with what b and c do.
        plain = ReluSum(0.0, c=[1.0], b=[0.0], w=[1.0])
        plain_curve = DashedVMobject(ExactCurve(axes, plain.breakpoints, plain, color=theme.MUTED,
                                                stroke_width=theme.THIN), num_dashes=40)
        plain_label = MathTex(r"\max(0,\, x)", font_size=30, color=theme.MUTED)
        plain_label.next_to(axes.c2p(7.0, 7.0), LEFT, buff=0.25)
        general = MathTex(r"c\,\max(0,\, b + w\,x)", font_size=40, color=theme.TEXT)
        general.move_to([column_x, 2.55, 0], aligned_edge=LEFT)
        knobs = VGroup(self.text("relu_pair.name", size=theme.SMALL_SIZE, color=theme.TEXT),
                       self.text("relu_pair.knob_b", size=theme.SMALL_SIZE, color=theme.MUTED),
                       self.text("relu_pair.knob_c", size=theme.SMALL_SIZE, color=theme.MUTED),
                       ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        knobs.next_to(general, DOWN, buff=0.3, aligned_edge=LEFT)
        self.play(Create(axes), run_time=1.0)
        self.play(Create(plain_curve), QuickFadeIn(plain_label), Write(general), QuickFadeIn(knobs), run_time=1.5)
        self.pause(8.0)

        # The two ReLUs of the worked example, written out: each a shifted (and one a flipped) max(0, x).
        up_curve = ExactCurve(axes, up.breakpoints, up, color=theme.RELU_UP, stroke_width=theme.THIN + 1)
        down_curve = ExactCurve(axes, down.breakpoints, down, color=theme.RELU_DOWN, stroke_width=theme.THIN + 1)
        rows = VGroup(self._relu_row(up, theme.RELU_UP, 1), self._relu_row(down, theme.RELU_DOWN, 2))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to([column_x, 1.2, 0], aligned_edge=LEFT)
        kinks = VGroup(*[Dot(axes.c2p(x, 0.0), radius=0.07, color=colour)
                         for x, colour in ((up.breakpoints[0], theme.RELU_UP), (down.breakpoints[0], theme.RELU_DOWN))])
        self.play(QuickFadeOut(knobs), general.animate.set_color(theme.MUTED), run_time=0.5)
        self.play(ReplacementTransform(plain_curve.copy(), up_curve), QuickFadeIn(rows[0]), QuickFadeIn(kinks[0]),
                  run_time=1.5)
        self.play(ReplacementTransform(plain_curve.copy(), down_curve), QuickFadeIn(rows[1]), QuickFadeIn(kinks[1]),
                  run_time=1.5)
        self.pause(8.5)

        # The study note's numbers: read each ReLU at x = 13, 14, 15 (computed, not typed).
        up_values, down_values = up(np.array(PROBE_X)), down(np.array(PROBE_X))
        sums = up_values + down_values
        sum_row = self.legend_row(Dot(radius=0.09, color=theme.PIECE_BLUE), "relu_pair.sum", theme.PIECE_BLUE)
        sum_row.next_to(rows, DOWN, buff=0.3, aligned_edge=LEFT)
        table = self._value_table(up_values, down_values, sums)
        table.next_to(sum_row, DOWN, buff=0.35).align_to(rows, LEFT).shift(RIGHT * 0.5)
        dots = VGroup(
            *[Dot(axes.c2p(x, v), radius=0.05, color=theme.RELU_UP) for x, v in zip(PROBE_X, up_values)],
            *[Dot(axes.c2p(x, v), radius=0.05, color=theme.RELU_DOWN) for x, v in zip(PROBE_X, down_values)],
        )
        self.narration_values.update(
            ups=", ".join(signed(v) for v in up_values), downs=", ".join(signed(v) for v in down_values),
            flat=signed(sums[0]))
        self.play(QuickFadeIn(dots), Write(table[:2]), run_time=1.5)
        self.pause(5.0)

        hard_sigmoid = ExactCurve(axes, relus_to_curve(pair).x, pair, color=theme.PIECE_BLUE, stroke_width=theme.THICK)
        flat_value = float(sums[0])
        flat_label = self.text("relu_pair.flat", size=theme.SMALL_SIZE, color=theme.PIECE_BLUE,
                               value=signed(flat_value))
        # under the flat part, its right edge at the last probe: clear of the ramp and of the words on the right
        end = axes.c2p(PROBE_X[-1], flat_value)
        flat_label.next_to(end, DOWN, buff=0.2).align_to(end, RIGHT)
        self.flat_label = flat_label  # for tests
        pairs = (f"{a:g} {'-' if b < 0 else '+'} {abs(b):g}" for a, b in zip(up_values, down_values, strict=True))
        sums_line = MathTex(" = ".join(pairs) + f" = {flat_value:g}", font_size=32, color=theme.PIECE_BLUE)
        sums_line.next_to(table, DOWN, buff=0.3).align_to(rows, LEFT)
        self.play(
            ReplacementTransform(VGroup(up_curve.copy(), down_curve.copy()), hard_sigmoid),
            QuickFadeIn(sum_row), Write(table[2]), run_time=2.0,
        )
        self.play(QuickFadeIn(flat_label), Write(sums_line), run_time=1.0)
        self.pause(4.0)
        self.hard_sigmoid, self.sums_line = hard_sigmoid, sums_line  # for tests

        self.play(*[QuickFadeOut(m) for m in self.mobjects if m is not title], run_time=0.8)
        self._pairs_of_the_red_curve(title)

    def _relu_row(self, relu: ReluSum, colour: str, number: int) -> VGroup:
        """One ReLU of the example: its formula, then how it deforms max(0, x) and where its kink is."""
        c, b, w = float(relu.c[0]), float(relu.b[0]), float(relu.w[0])
        formula = MathTex(rf"\text{{ReLU}}_{number} = " + relu_tex(c, b, w), font_size=34, color=colour)
        key = "relu_pair.deformed_flipped" if c < 0 else "relu_pair.deformed"
        words = self.text(key, size=theme.SMALL_SIZE, color=colour, b=signed(b), c=signed(c),
                          kink=signed(float(relu.breakpoints[0])))
        return VGroup(formula, words).arrange(DOWN, aligned_edge=LEFT, buff=0.12)

    # ------------------------------------------------------------------ every pair, one hard sigmoid
    def _pairs_of_the_red_curve(self, title: Text) -> None:
        """y = b + sum_{2i} c_i max(0, b_i + w_i x): the red curve of PiecewiseAsHardSigmoids, pair by pair."""
        hs = curve_to_hard_sigmoids(RED_CURVE)
        relus = hard_sigmoids_to_relus(hs)
        formula = MathTex(r"y = b + \sum_{2i} c_i \max(0,\, b_i + w_i x)", font_size=44, color=theme.TEXT)
        formula.next_to(title, DOWN, buff=0.3)
        # With many inputs x_1 ... x_k each ReLU reads a weighted sum of them, as r_i did in the matrix form.
        many = VGroup(self.text("relu_pair.many_inputs", size=theme.SMALL_SIZE, color=theme.MUTED),
                      MathTex(MANY_INPUTS_TEX, font_size=34, color=theme.MUTED)).arrange(RIGHT, buff=0.2)
        note = self.text("relu_pair.formula_note", size=theme.SMALL_SIZE, color=theme.MUTED)
        VGroup(many, note).arrange(DOWN, buff=0.2).next_to(formula, DOWN, buff=0.2)
        activations = self._activation_functions().next_to(note, DOWN, buff=0.35)
        self.many_inputs = many  # for tests
        self.play(Write(formula), QuickFadeIn(many), QuickFadeIn(note), run_time=1.5)
        self.play(QuickFadeIn(activations), run_time=1.0)
        self.pause(6.0)

        axes = Axes(x_range=RED_X_RANGE, y_range=RED_Y_RANGE, x_length=6.2, y_length=4.5, tips=False,
                    axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 20,
                                 "decimal_number_config": {"num_decimal_places": 0}},
                    ).to_corner(DOWN + LEFT, buff=0.45)
        red = ExactCurve(axes, RED_CURVE.x, RED_CURVE, color=theme.CURVE_RED, stroke_width=theme.THICK + 4)
        red_label = self.text("relu_pair.red", size=theme.SMALL_SIZE, color=theme.CURVE_RED, b=f"{relus.constant:g}")
        red_label.next_to(axes, UP, buff=0.55).align_to(axes, LEFT)
        self.play(QuickFadeOut(many), QuickFadeOut(note), QuickFadeOut(activations), Create(axes), Create(red),
                  QuickFadeIn(red_label),
                  run_time=1.2)

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
                self.pause(1.8)
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
        self.narration_values.update(pairs=len(hs), relus=len(relus))
        summary.next_to(red_label, DOWN, aligned_edge=LEFT, buff=0.2)
        self.play(Create(components), run_time=1.5)
        self.play(Create(self.sum_curve), QuickFadeIn(summary), run_time=1.2)
        self.pause(2.5)

    def _activation_functions(self) -> VGroup:
        """σ(z) and max(0, z) side by side: both are activation functions."""
        panels = VGroup()
        plain = ReluSum(0.0, c=[1.0], b=[0.0], w=[1.0])
        for label, colour, curve in ((r"\sigma(z) = \frac{1}{1 + e^{-z}}", theme.SIGMOID_GREEN, None),
                                     (r"\max(0,\, z)", theme.RELU_UP, plain)):
            axes = Axes(x_range=(-4.0, 4.0, 2.0), y_range=(-0.2, 1.2, 1.0), x_length=3.2, y_length=1.5, tips=False,
                        axis_config={"color": theme.MUTED, "include_numbers": False})
            if curve is None:
                grid = np.linspace(-4.0, 4.0, 161)
                drawn = ExactCurve(axes, grid, sigmoid, color=colour, stroke_width=theme.THICK - 1)
            else:
                drawn = ExactCurve(axes, curve.breakpoints, curve, color=colour, stroke_width=theme.THICK - 1)
            name = MathTex(label, font_size=32, color=colour).next_to(axes, UP, buff=0.15)
            panels.add(VGroup(axes, drawn, name))
        panels.arrange(RIGHT, buff=1.2, aligned_edge=DOWN)
        words = self.text("relu_pair.activations", size=theme.BODY_SIZE, color=theme.ACCENT)
        return VGroup(panels, words.next_to(panels, DOWN, buff=0.35))

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
