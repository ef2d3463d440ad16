"""TangentStep: one gradient-descent step on a 1-D slice L(w), the sign rule, then local minima.

1. L(w) of the one-feature model with b held at the b* of the recorded descent
   (``mathcore.surface.error_surface`` on one row). At w⁰ the tangent's slope is mathcore's
   ∂L/∂w; the step w¹ = w⁰ − η·slope is ``mathcore.optim.GradientDescent.step``. A positive
   slope moves w left, a negative one right (CHAPTER.md §8).
2. A real ReLU network's loss along the straight line between two trained networks
   (``mathcore.surface.slice_2d`` with that line as its first direction). Its minima are
   found numerically on the computed slice: the lowest is the global one; the others are
   local minima where the gradient is zero too.
"""

from __future__ import annotations

from functools import lru_cache

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

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.optim import GradientDescent
from mathcore.surface import error_surface, slice_2d
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.contour import BoxFrame
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.linear_landscape import W_RANGE, gradient, linear_config, trajectory
from scenes.params import Param

SLICE_POINTS = 281
NOTES_LEFT = 1.2   # left edge of the column of notes beside the plot
NETWORK_DATA = {"source": "relation", "name": "bikeshare", "kind": "cycle", "n": 200, "seed": 0}


def network_config(hidden: int, seed: int) -> dict:
    """A one-hidden-layer ReLU network fitted to hour of day -> riders, with Adam."""
    return {"data": NETWORK_DATA, "model": {"hidden": [hidden], "activation": "relu", "seed": seed},
            "loss": "mae", "optimizer": {"name": "adam", "lr": 0.02}, "epochs": 600}


@lru_cache(maxsize=4)
def line_slice(hidden: int, seed_a: int, seed_b: int, span: float = 1.45, resolution: int = 101):
    """The loss on the line theta_A + t (theta_B - theta_A) between two trained networks.

    Returns (alpha, loss) with alpha = -1 at network A and +1 at network B, computed by
    ``slice_2d`` on the plane through the line's midpoint spanned by d1 = (B - A)/2 and a
    second direction orthogonal to it (only the beta = 0 row is used).
    """
    cfg_a, cfg_b = network_config(hidden, seed_a), network_config(hidden, seed_b)
    theta_a, theta_b = get_or_train(cfg_a).final_theta, get_or_train(cfg_b).final_theta
    d1 = (theta_b - theta_a) / 2
    d2 = np.zeros_like(d1)
    d2[np.argmin(np.abs(d1))] = 1.0
    d2 -= (d2 @ d1) / (d1 @ d1) * d1
    td = training_data(cfg_a)
    plane = slice_2d(model_for(cfg_a), td.X, td.y, (theta_a + theta_b) / 2, loss="mae", directions=(d1, d2),
                     span=(span, 1e-3), resolution=resolution)
    middle = resolution // 2
    return plane.alpha, plane.loss[middle], float(plane.beta[middle])


def local_minima(values: np.ndarray) -> list[int]:
    """Indices of the interior strict local minima of a sampled curve."""
    v = np.asarray(values)
    return [i for i in range(1, len(v) - 1) if v[i] < v[i - 1] and v[i] <= v[i + 1]]


class TangentStep(ExplainerScene):
    """The tangent at w⁰, one step of η·slope each way, then a non-convex slice with local minima."""

    PARAMS = (
        Param("lr", 0.5, "the learning rate eta of the step shown", low=0.01, high=2.0),
        Param("w0_right", 1.9, "a start where the slope is positive", low=W_RANGE[0], high=W_RANGE[1]),
        Param("w0_left", -0.4, "a start where the slope is negative", low=W_RANGE[0], high=W_RANGE[1]),
        Param("hidden", 8, "ReLUs in the network of the non-convex slice", low=2, high=64),
        Param("seed_a", 1, "initialisation seed of network A", low=0, high=10_000),
        Param("seed_b", 2, "initialisation seed of network B", low=0, high=10_000),
    )

    def construct(self) -> None:
        self.config = linear_config("gd", 0.3, loss="mae")
        self.b_fixed = float(trajectory(self.config).final_theta[1])
        td = training_data(self.config)
        self.w = np.linspace(*W_RANGE, SLICE_POINTS)
        self.L = error_surface(td.X[:, 0], td.y, self.w, [self.b_fixed], loss="mae")[0]
        self.lr = float(self.param("lr"))

        title = self.text("tangent.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.3)
        top = float(np.ceil(self.L.max() * 2) / 2)
        axes = self.axes = Axes(x_range=(*W_RANGE, 0.5), y_range=(0, top, 0.5), x_length=6.3, y_length=4.7)
        axes.move_to(LEFT * 2.35 + DOWN * 0.55)
        frame = BoxFrame(axes, np.arange(W_RANGE[0], W_RANGE[1] + 1e-9, 0.5), np.arange(0, top + 1e-9, 0.5),
                         MathTex("w", font_size=34, color=theme.TEXT),
                         MathTex("L(w)", font_size=34, color=theme.TEXT))
        self.curve = VMobject(stroke_color=theme.CURVE_RED, stroke_width=theme.THICK - 1)
        self.curve.set_points_as_corners(np.asarray(axes.c2p(self.w, self.L)).T)
        caption = self.text("tangent.slice", size=theme.SMALL_SIZE, color=theme.CURVE_RED, b=f"{self.b_fixed:.3f}")
        caption.next_to(frame.box, UP, buff=0.2)
        self.add(title)
        self.play(Create(frame), run_time=1.0)
        self.play(Create(self.curve), QuickFadeIn(caption), run_time=1.5)
        self.pause()

        self.steps, self.step_texts = {}, []
        shown = self._one_step(float(self.param("w0_right")), "tangent.positive")
        self.pause()
        self.play(QuickFadeOut(shown), run_time=0.5)
        self._one_step(float(self.param("w0_left")), "tangent.negative")
        self.pause()

        self.clear()
        self._non_convex()
        self.pause(1.5)

    # ------------------------------------------------------------------ the step
    def _one_step(self, w0: float, rule_key: str) -> VGroup:
        axes, lr = self.axes, self.lr
        L0 = float(self._loss_at(w0))
        slope = float(gradient(self.config, [w0, self.b_fixed])[0])
        w1 = float(GradientDescent(lr).step(np.array([w0]), np.array([slope]))[0])
        L1 = float(self._loss_at(w1))
        self.steps[rule_key] = (w0, slope, w1)

        dot = Dot(axes.c2p(w0, L0), radius=0.09, color=theme.ACCENT)
        half = 0.55
        tangent = Line(axes.c2p(w0 - half, L0 - slope * half), axes.c2p(w0 + half, L0 + slope * half),
                       color=theme.ACCENT, stroke_width=4)
        tangent.slope = slope
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
        slope_text = self.text("tangent.slope", size=size, color=theme.ACCENT, slope=f"{slope:.3f}")
        step_text = self.text("tangent.step", size=size, color=theme.TEXT, w0=f"{w0:.2f}", lr=f"{lr:g}",
                              slope=f"{slope:.3f}", w1=f"{w1:.3f}")
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
        td = training_data(self.config)
        return float(error_surface(td.X[:, 0], td.y, [w], [self.b_fixed], loss="mae")[0, 0])

    # ------------------------------------------------------------------ non-convex
    def _non_convex(self) -> None:
        hidden = int(self.param("hidden"))
        alpha, loss, _ = line_slice(hidden, int(self.param("seed_a")), int(self.param("seed_b")))
        self.slice_alpha, self.slice_loss = alpha, loss
        title = self.text("tangent.nonconvex_title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.3)
        # Room under the lowest minimum for its label.
        spread = float(loss.max() - loss.min())
        y_low, y_high = float(loss.min() - 0.3 * spread), float(loss.max() + 0.05 * spread)
        axes = self.net_axes = Axes(x_range=(float(alpha[0]), float(alpha[-1]), 0.5), y_range=(y_low, y_high, 0.1),
                                    x_length=9.0, y_length=4.4)
        axes.move_to(RIGHT * 0.5 + DOWN * 0.8)
        tick = 0.05 if spread < 0.4 else 0.1
        y_ticks = np.arange(np.ceil(y_low / tick) * tick, y_high, tick)
        frame = BoxFrame(axes, [], y_ticks, None, MathTex("L", font_size=34, color=theme.TEXT), y_digits=2)
        caption = self.text("tangent.line", size=theme.SMALL_SIZE, color=theme.MUTED, hidden=hidden)
        caption.next_to(title, DOWN, buff=0.3)
        ends = VGroup(*[MathTex(name, font_size=32, color=theme.TEXT).next_to(axes.c2p(a, y_low), DOWN, buff=0.2)
                        for name, a in ((r"\theta_A", -1.0), (r"\theta_B", 1.0))])
        end_ticks = VGroup(*[Line(axes.c2p(a, y_low), axes.c2p(a, y_low) + DOWN * 0.1, color=theme.MUTED)
                             for a in (-1.0, 1.0)])
        curve = VMobject(stroke_color=theme.CURVE_RED, stroke_width=theme.THICK - 1)
        curve.set_points_as_corners(np.asarray(axes.c2p(alpha, loss)).T)
        self.net_curve = curve
        self.add(title)
        self.play(Create(frame), QuickFadeIn(caption), QuickFadeIn(ends), QuickFadeIn(end_ticks), run_time=1.0)
        self.play(Create(curve), run_time=2.0)

        minima = local_minima(loss)
        best = int(np.argmin(loss))
        self.minima, self.global_index = minima, best
        marks = VGroup()
        for i in minima:
            is_global = i == best
            colour = theme.ACCENT if is_global else theme.PIECE_BLUE
            dot = Dot(axes.c2p(alpha[i], loss[i]), radius=0.1, color=colour)
            dot.index = i
            label = self.text("tangent.global" if is_global else "tangent.local", size=theme.SMALL_SIZE,
                              color=colour).next_to(dot, DOWN, buff=0.2)
            marks.add(VGroup(dot, label))
        self.minimum_marks = marks
        self.play(QuickFadeIn(marks), run_time=1.0)
        stuck = self.text("tangent.stuck", size=theme.SMALL_SIZE, color=theme.PIECE_BLUE)
        stuck.next_to(caption, DOWN, buff=0.25)
        self.play(QuickFadeIn(stuck), run_time=0.6)
