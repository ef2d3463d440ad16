"""SigmoidKnobs: c·σ(b + w x₁) beside a hard sigmoid; its three knobs, its best fit, then a sum (CHAPTER.md §4).

σ(z) = 1 / (1 + e^(−z)) is written out. First the knobs, one at a time with live values:
w steepens, b shifts, c scales. Then, for a rising w, mathcore's best c and b for the hard
sigmoid and the largest gap that remains. The gap shrinks as w grows towards
``best_sigmoid_steepness`` and, honestly, grows again past it (a very steep sigmoid is a
step, not a ramp). Last, every hard sigmoid of PiecewiseAsHardSigmoids' red curve is
replaced by its closest sigmoid: y = b + Σᵢ cᵢ σ(bᵢ + wᵢ x₁), drawn over the red curve with
each sigmoid's own numbers and the largest gap.
"""

from __future__ import annotations

from functools import lru_cache

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
    MathTex,
    ReplacementTransform,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
    smooth,
)

from mathcore.activations import hard_sigmoid, sigmoid
from mathcore.piecewise import (
    PiecewiseLinear,
    best_sigmoid_for_hard_sigmoid,
    best_sigmoid_steepness,
    max_abs_error,
    max_sigmoid_error,
)
from mathcore.studies.sigmoid_sum import curve_to_sigmoids
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.curves import ExactCurve
from scenes.components.live_number import LiveNumber
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.red_curve import RED_CURVE
from scenes.red_curve import X_RANGE as RED_X_RANGE
from scenes.red_curve import Y_RANGE as RED_Y_RANGE

# The hard sigmoid beside the sigmoid: a ramp from -2 to 2, 3 high.
RAMP_START, RAMP_END, RAMP_HEIGHT = -2.0, 2.0, 3.0
X_RANGE = (-6.0, 6.0, 2.0)
COLUMN_X = 0.35  # left edge of the right-hand column (formula, readouts, captions, inset)
Y_RANGE = (-1.0, 5.0, 1.0)
SMOOTH_SAMPLES = 241  # a sigmoid is smooth, so dense straight pieces draw it faithfully
START_KNOBS = {"w": 1.0, "b": 0.0, "c": RAMP_HEIGHT}
# Each knob is swept through these values and back to its start.
SWEEPS = {"w": (4.0, 0.4), "b": (3.0, -3.0), "c": (4.5, 1.5)}
# The best-fit sweep: w from W_LOW up to the best steepness, then on to W_HIGH.
W_LOW, W_HIGH = 0.4, 6.0
N_RISING, N_PAST = 9, 6


@lru_cache(maxsize=4)
def best_fits(start: float, end: float, height: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """(w, c, b, largest gap) of mathcore's best sigmoid at each sampled w, and the best w's index.

    The samples run geometrically from W_LOW to the best steepness (included exactly),
    then on to W_HIGH. Cached: each fit is a small optimisation.
    """
    w_best = best_sigmoid_steepness(start, end)
    ws = np.concatenate([np.geomspace(W_LOW, w_best, N_RISING), np.geomspace(w_best, W_HIGH, N_PAST)[1:]])
    fits = np.array([best_sigmoid_for_hard_sigmoid(start, end, height, w) for w in ws])
    gaps = np.array([max_sigmoid_error(start, end, height, w) for w in ws])
    return ws, fits[:, 0], fits[:, 1], gaps, N_RISING - 1


class SigmoidKnobs(ExplainerScene):
    """The sigmoid's knobs w, b, c with live values, then its best fit and the largest gap as w grows."""

    def construct(self) -> None:
        title = self.text("sigmoid.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.35)
        axes = Axes(
            x_range=X_RANGE, y_range=Y_RANGE, x_length=6.4, y_length=5.4,
            axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 24,
                         "decimal_number_config": {"num_decimal_places": 0}},
        ).to_corner(DOWN + LEFT, buff=0.5)
        self.knobs = {name: ValueTracker(value) for name, value in START_KNOBS.items()}
        hard = PiecewiseLinear([RAMP_START, RAMP_END], [0.0, RAMP_HEIGHT])
        hard_curve = ExactCurve(axes, hard.x, hard, color=theme.PIECE_BLUE, stroke_width=theme.THICK)
        soft_curve = ExactCurve(axes, *self._soft_knots(), color=theme.SIGMOID_GREEN, stroke_width=theme.THIN + 1.5)
        soft_curve.add_updater(lambda m: m.update_curve(*self._soft_knots()))
        self.hard_curve, self.soft_curve = hard_curve, soft_curve

        formula = MathTex(r"y = c\,\sigma(b + w\,x_1)", font_size=46, color=theme.SIGMOID_GREEN)
        formula.move_to(RIGHT * COLUMN_X + UP * 2.5, aligned_edge=LEFT)
        sigma_definition = MathTex(r"\sigma(z) = \frac{1}{1 + e^{-z}}", font_size=36, color=theme.SIGMOID_GREEN)
        sigma_definition.next_to(formula, RIGHT, buff=0.5)
        self.sigma_definition = sigma_definition
        x_label = MathTex("x_1", font_size=34, color=theme.MUTED).next_to(axes.x_axis.get_end(), UP, buff=0.15)
        readouts = VGroup(*[
            LiveNumber(MathTex(f"{name} =", font_size=38, color=theme.TEXT), self.knobs[name].get_value,
                       digits=2, font_size=38, color=theme.ACCENT)
            for name in ("w", "b", "c")
        ]).arrange(RIGHT, buff=0.75).next_to(formula, DOWN, buff=0.45, aligned_edge=LEFT)
        legend = VGroup(*[
            self.legend_row(Line(LEFT * 0.25, RIGHT * 0.25, color=colour, stroke_width=theme.THICK), key, colour)
            for colour, key in ((theme.PIECE_BLUE, "sigmoid.hard"), (theme.SIGMOID_GREEN, "sigmoid.soft"))
        ]).arrange(DOWN, aligned_edge=LEFT, buff=0.2).move_to(axes.c2p(-3.6, 3.6))

        self.add(title)
        self.play(Create(axes), QuickFadeIn(x_label), Create(hard_curve), QuickFadeIn(legend[0]), run_time=1.2)
        self.play(Create(soft_curve), Write(formula), QuickFadeIn(legend[1]), QuickFadeIn(readouts), run_time=1.5)
        self.play(Write(sigma_definition), run_time=1.2)
        self.pause(9.0)

        caption, ghosts = None, VGroup()
        for name in ("w", "b", "c"):
            # What the knob does, and which values the faint copies left behind show.
            new_caption = VGroup(
                self.text(f"sigmoid.knob_{name}", size=theme.BODY_SIZE, color=theme.ACCENT),
                self.text("sigmoid.faint", size=theme.SMALL_SIZE, color=theme.MUTED, name=name,
                          values=", ".join(f"{v:.2f}" for v in SWEEPS[name])),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.18)
            new_caption.next_to(readouts, DOWN, buff=0.5).align_to(formula, LEFT)
            changes = ([QuickFadeIn(new_caption)] if caption is None
                       else [QuickFadeOut(caption), QuickFadeIn(new_caption)])
            self.play(*changes, QuickFadeOut(ghosts), run_time=0.6)
            caption, ghosts = new_caption, VGroup()
            for value in SWEEPS[name]:
                self.play(self.knobs[name].animate.set_value(value), run_time=1.6, rate_func=smooth)
                ghost = soft_curve.copy().clear_updaters().set_stroke(opacity=0.35, width=theme.THIN)
                ghosts.add(ghost)
                self.add(ghost)
            self.play(self.knobs[name].animate.set_value(START_KNOBS[name]), run_time=1.6, rate_func=smooth)
            self.pause()
        self.play(QuickFadeOut(ghosts), run_time=0.4)

        self._best_fit_sweep(axes, hard, readouts, caption, formula)
        self.play(*[QuickFadeOut(m) for m in self.mobjects if m is not title], run_time=0.8)
        self._sum_of_sigmoids(title)

    # ------------------------------------------------------------------ the best fit as w grows
    def _best_fit_sweep(self, axes: Axes, hard: PiecewiseLinear, readouts: VGroup, caption, formula) -> None:
        ws, cs, bs, gaps, best = best_fits(RAMP_START, RAMP_END, RAMP_HEIGHT)
        percent = 100.0 * gaps / abs(RAMP_HEIGHT)
        position = ValueTracker(0.0)  # a fractional index into the samples

        def at(s: float) -> tuple[float, float, float]:
            """w, c, b eased between neighbouring samples (log w, c and b linearly)."""
            i = int(np.clip(np.floor(s), 0, len(ws) - 2))
            u = s - i
            w = float(np.exp((1 - u) * np.log(ws[i]) + u * np.log(ws[i + 1])))
            return w, float((1 - u) * cs[i] + u * cs[i + 1]), float((1 - u) * bs[i] + u * bs[i + 1])

        def follow_fit(_mobject) -> None:
            w, c, b = at(position.get_value())
            for name, value in (("w", w), ("b", b), ("c", c)):
                self.knobs[name].set_value(value)

        explain = self.text("sigmoid.best_fit", size=theme.SMALL_SIZE, color=theme.MUTED)
        explain.next_to(readouts, DOWN, buff=0.4).align_to(formula, LEFT)
        driver = VGroup().add_updater(follow_fit)  # moves the knobs from the position
        self.add(driver)
        self.bring_to_back(driver)  # the knobs move before anything that reads them is redrawn
        self.play(QuickFadeOut(caption), QuickFadeIn(explain), run_time=0.8)

        # The largest gap between the two curves, where it is attained, and how it varies with w.
        nearest = lambda: round(position.get_value())  # the sample whose gap is shown
        gap_line = always_redraw(lambda: self._gap_marker(axes))
        gap_readout = LiveNumber(self.text("sigmoid.gap", size=theme.SMALL_SIZE, color=theme.ACCENT),
                                 lambda: percent[nearest()], digits=1, font_size=32, color=theme.ACCENT)
        inset = Axes(x_range=(0.0, 6.5, 1.0), y_range=(0.0, 35.0, 10.0), x_length=5.4, y_length=2.0,
                     axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 20,
                                  "decimal_number_config": {"num_decimal_places": 0}},
                     tips=False)
        inset.move_to(RIGHT * (COLUMN_X + 0.45) + DOWN * 2.55, aligned_edge=LEFT)
        inset_labels = VGroup(MathTex("w", font_size=32, color=theme.MUTED).next_to(inset.x_axis, RIGHT, buff=0.15))
        gap_readout.next_to(inset, UP, buff=0.25).align_to(formula, LEFT)
        gap_path = inset.plot_line_graph(ws, percent, line_color=theme.ACCENT, vertex_dot_radius=0.035,
                                         vertex_dot_style={"color": theme.ACCENT}, stroke_width=2.5)
        best_guide = DashedLine(inset.c2p(ws[best], 0), inset.c2p(ws[best], percent[best]),
                                color=theme.MUTED, stroke_width=2)

        def dot_place(dot: Dot) -> None:
            s = position.get_value()
            i = int(np.clip(np.floor(s), 0, len(ws) - 2))
            u = s - i
            dot.move_to(inset.c2p((1 - u) * ws[i] + u * ws[i + 1], (1 - u) * percent[i] + u * percent[i + 1]))

        moving_dot = Dot(radius=0.08, color=theme.SIGMOID_GREEN).add_updater(dot_place)
        self.gap_readout = gap_readout
        self.gap_readings: list[tuple[float, float]] = []  # for tests: (w, gap in % of height) at each pause
        self.play(QuickFadeIn(inset), QuickFadeIn(inset_labels), Create(gap_path), QuickFadeIn(gap_readout),
                  QuickFadeIn(gap_line), QuickFadeIn(moving_dot), run_time=1.2)
        self.pause(5.5)
        self.gap_readings.append((ws[nearest()], percent[nearest()]))

        self.play(position.animate.set_value(best), run_time=4.0, rate_func=linear)
        shrinks = self.text("sigmoid.shrinks", size=theme.SMALL_SIZE, color=theme.ACCENT,
                            pct=f"{percent[best]:.1f}", w=f"{ws[best]:.2f}")
        shrinks.move_to(explain, aligned_edge=UL)
        self.play(QuickFadeOut(explain), QuickFadeIn(shrinks), Create(best_guide), run_time=0.8)
        self.pause()
        self.gap_readings.append((ws[nearest()], percent[nearest()]))

        self.play(position.animate.set_value(len(ws) - 1), run_time=3.0, rate_func=linear)
        grows = self.text("sigmoid.grows", size=theme.SMALL_SIZE, color=theme.ACCENT,
                          pct=f"{percent[-1]:.1f}", w=f"{ws[-1]:.2f}")
        grows.move_to(shrinks, aligned_edge=UL)
        self.play(QuickFadeOut(shrinks), QuickFadeIn(grows), run_time=0.8)
        self.pause(2.8)
        self.gap_readings.append((ws[nearest()], percent[nearest()]))
        self.remove(driver)
        for mobject in (gap_line, moving_dot):
            mobject.clear_updaters()

    # ------------------------------------------------------------------ a whole curve: b + a sum of sigmoids
    def _sum_of_sigmoids(self, title) -> None:
        """The red curve of PiecewiseAsHardSigmoids ≈ b + Σ cᵢ σ(bᵢ + wᵢ x₁): one sigmoid per hard sigmoid."""
        approx = self.sigmoid_sum = curve_to_sigmoids(RED_CURVE)
        lo, hi = RED_X_RANGE[0], RED_X_RANGE[1]
        self.sum_gap = max_abs_error(approx, RED_CURVE, lo, hi)
        axes = Axes(x_range=RED_X_RANGE, y_range=RED_Y_RANGE, x_length=6.4, y_length=5.0, tips=False,
                    axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 22,
                                 "decimal_number_config": {"num_decimal_places": 0}},
                    ).to_corner(DOWN + LEFT, buff=0.5)
        red = ExactCurve(axes, RED_CURVE.x, RED_CURVE, color=theme.CURVE_RED, stroke_width=theme.THICK + 2)
        grid = np.linspace(lo, hi, SMOOTH_SAMPLES)
        self.sum_curve = ExactCurve(axes, grid, approx, color=theme.SIGMOID_GREEN, stroke_width=theme.THIN + 1.5)
        new_title = self.text("sigmoid.sum_title", size=theme.TITLE_SIZE - 4).to_edge(UP, buff=0.35)
        formula = MathTex(r"y = b + \sum_i c_i\,\sigma(b_i + w_i\,x_1)", font_size=44, color=theme.SIGMOID_GREEN)
        formula.move_to(RIGHT * COLUMN_X + UP * 2.2, aligned_edge=LEFT)
        table = VGroup(*[self._sum_row(i + 1, c, b, w)
                         for i, (c, b, w) in enumerate(zip(approx.c, approx.b_i, approx.w, strict=True))])
        table.arrange(DOWN, aligned_edge=LEFT, buff=0.22).next_to(formula, DOWN, buff=0.45).align_to(formula, LEFT)
        constant = self.text("sigmoid.sum_b", size=theme.SMALL_SIZE, color=theme.TEXT, b=f"{approx.b:g}")
        constant.next_to(table, DOWN, buff=0.3, aligned_edge=LEFT)
        gap = self.text("sigmoid.sum_gap", size=theme.SMALL_SIZE, color=theme.ACCENT, gap=f"{self.sum_gap:.2f}")
        gap.next_to(constant, DOWN, buff=0.35, aligned_edge=LEFT)
        legend = VGroup(self._line_legend_row(theme.CURVE_RED, "sigmoid.sum_red"),
                        self._line_legend_row(theme.SIGMOID_GREEN, "sigmoid.sum_green"),
                        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        legend.next_to(axes.c2p(lo, RED_Y_RANGE[1]), RIGHT + DOWN, buff=0.1).shift(RIGHT * 0.3)
        self.narration_values.update(gap=f"{self.sum_gap:.2f}", count=len(approx))
        self.play(ReplacementTransform(title, new_title), Create(axes), Create(red), QuickFadeIn(legend[0]),
                  run_time=1.2)
        self.play(Write(formula), run_time=1.2)
        self.play(QuickFadeIn(table), QuickFadeIn(constant), run_time=1.0)
        self.play(Create(self.sum_curve), QuickFadeIn(legend[1]), QuickFadeIn(gap), run_time=1.5)
        self.pause(5.5)

    # ------------------------------------------------------------------ helpers
    def _soft(self, x: np.ndarray) -> np.ndarray:
        """The sigmoid with the knobs' current values."""
        w, b, c = (self.knobs[name].get_value() for name in ("w", "b", "c"))
        return c * sigmoid(b + w * x)

    def _soft_knots(self):
        return np.linspace(X_RANGE[0], X_RANGE[1], SMOOTH_SAMPLES), self._soft

    def _gap_marker(self, axes: Axes) -> Line:
        """A vertical segment where the sigmoid is farthest from the hard sigmoid (on screen)."""
        x = np.linspace(X_RANGE[0], X_RANGE[1], 2 * SMOOTH_SAMPLES)
        gap = np.abs(self._soft(x) - hard_sigmoid(x, RAMP_START, RAMP_END, RAMP_HEIGHT))
        k = int(np.argmax(gap))
        top, bottom = self._soft(x[k : k + 1])[0], hard_sigmoid(x[k], RAMP_START, RAMP_END, RAMP_HEIGHT)
        return Line(axes.c2p(x[k], bottom), axes.c2p(x[k], top), color=theme.ACCENT, stroke_width=5)

    @staticmethod
    def _sum_row(i: int, c: float, b: float, w: float) -> MathTex:
        """One sigmoid's own numbers: c_i, b_i, w_i."""
        return MathTex(rf"c_{i} = {c:.2f},\quad b_{i} = {b:.2f},\quad w_{i} = {w:.2f}", font_size=32,
                       color=theme.TEXT)

    def _line_legend_row(self, colour: str, key: str) -> VGroup:
        return self.legend_row(Line(LEFT * 0.25, RIGHT * 0.25, color=colour, stroke_width=theme.THICK), key, colour)
