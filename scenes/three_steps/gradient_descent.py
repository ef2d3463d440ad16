"""GradientDescent (step 3 for θ = (w, b)): the procedure, its first updates in numbers, the path, w*, b*, L*.

1. Why standardised units: in riders/hour the MSE bowl is thousands of times steeper along w
   than along b (``mathcore.studies.lesson.curvature_ratio``), so the descent runs on x̃ = (x − μ)/s (μ, s: the mean and
   standard deviation of this model's training riders; s, not σ, which is the sigmoid later).
   The procedure: θ⁰ at random; g = ∇L(θ⁰); θ¹ = θ⁰ − η g; repeat until ‖g‖ is small or the
   update budget is spent (CHAPTER.md §8). Superscripts count updates, subscripts index
   parameters: θ = (θ₁, θ₂) = (w̃, b̃).
2-3. The first two updates in numbers, each with the arrow −g on the contour map.
4. The rest of the recorded path, with the update count, L̃ and ‖g‖, until ‖g‖ < tolerance.
5. Back to riders/hour: w*, b*, L* are the least-squares line's (``mathcore.studies.lesson``).

Every number is ``mathcore.studies.lesson.gradient_descent``'s (a cached recorded run, gradients by
mathcore's back-propagation); the map is ``mathcore.surface``'s.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Create,
    GrowArrow,
    MathTex,
    Text,
    ValueTracker,
    VGroup,
    linear,
)

from mathcore.studies.lesson import (
    GRADIENT_TOLERANCE,
    LEARNING_RATE,
    START_SEED,
    UPDATE_BUDGET,
    Line,
    curvature_ratio,
    gradient_descent,
    one_hour_linear_model,
)
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.contour import ContourMap, LossColourScale, map_axes, map_frame
from scenes.components.path import TrajectoryPath
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.components.step_readout import StepReadout
from scenes.number_format import count_text, number_text
from scenes.params import Param
from scenes.steps import best_line_numbers, step_badge, title_beside_badge
from scenes.strings import t
from scenes.three_steps.linear_landscape import B_RANGE, W_RANGE, surface

MAP_WIDTH = 5.3
MAP_CENTRE = np.array([3.55, -0.55, 0.0])
PANEL_LEFT = -6.85
PANEL_TOP = 2.75
SHOWN_UPDATES = 2          # updates written out in numbers before the rest runs


def pair(v) -> str:
    """A 2-vector as '(a, b)' with three decimals (the form every update on screen uses)."""
    return f"({v[0]:.3f}, {v[1]:.3f})"


class GradientDescent(ExplainerScene):
    """θ⁰ at random, g = ∇L(θ⁰), θ¹ = θ⁰ − η g, repeated until the gradient is small; ends at w*, b*."""

    PARAMS = (
        Param("lr", LEARNING_RATE, "the learning rate eta (standardised units)", low=0.001, high=0.9),
        Param("tolerance", GRADIENT_TOLERANCE, "stop when the gradient's length is below this", low=1e-8, high=1.0),
        Param("budget", UPDATE_BUDGET, "stop after this many updates at most", low=1, high=1000),
        Param("seed", START_SEED, "the seed of the random start theta0", low=0, high=10_000),
    )
    #: Runs a lecturer can switch to in the HTML slides (`explainer slides --variants`): each stops
    #: by the gradient rule, its loss falling and its steps shortening at every update (what the
    #: narration says; tests/test_variants.py checks it); 0.7 overshoots the bottom each time.
    VARIANTS = {"lr": (0.1, 0.3, 0.7)}

    def construct(self) -> None:
        self.lesson = lesson = one_hour_linear_model("bikeshare")
        self.descent = d = gradient_descent(float(self.param("lr")), float(self.param("tolerance")),
                                            int(self.param("budget")), int(self.param("seed")))
        self.badge = step_badge(3)
        title = title_beside_badge(self.text("gd.title", size=theme.TITLE_SIZE - 4), self.badge)
        self.add(self.badge, title)
        self.narration_values.update(ratio=number_text(curvature_ratio(lesson, 'original')),
                                     updates=d.n_updates, **best_line_numbers(lesson.best))

        # 1. Standardised units, the map, θ⁰, and the procedure.
        self.grid = grid = surface(d.config)
        scale = LossColourScale.for_grid(grid.loss)
        self.axes = axes = map_axes(W_RANGE, B_RANGE, MAP_WIDTH, MAP_CENTRE)
        frame = map_frame(axes, names=(r"\tilde w = \theta_1", r"\tilde b = \theta_2"), name_size=30,
                          show_b_name=False)
        b_name = MathTex(r"\tilde b = \theta_2", font_size=30, color=theme.TEXT)
        frame.add(b_name.next_to(frame.box, LEFT, buff=0.1).align_to(frame.box, UP).shift(UP * 0.45))
        # Contour labels keep off the path and off the arrows −g drawn from its first points.
        along = np.linspace(0.0, 1.0, 25)[:, None]
        arrows = [d.thetas[s] - along * d.gradients[s] for s in range(min(SHOWN_UPDATES, d.n_updates))]
        self.contours = ContourMap(axes, grid.w, grid.b, grid.loss, scale=scale, n_levels=6, label_size=15,
                                   avoid_points=np.vstack([d.thetas, *arrows]))
        map_title = self.text("gd.map_title", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        map_title.next_to(frame.box, UP, buff=0.15)
        units = self._units_note().move_to(RIGHT * PANEL_LEFT + UP * PANEL_TOP, aligned_edge=UP + LEFT)
        self.path = path = TrajectoryPath(axes, d.thetas)
        start_label = self.text("gd.start", size=theme.SMALL_SIZE - 2, color=theme.PATH_COLOUR)
        start_label.set_stroke(theme.BACKGROUND, width=3, background=True)
        start_label.next_to(path.head, RIGHT, buff=0.12).shift(DOWN * 0.28)
        procedure = self._procedure(d).next_to(units, DOWN, buff=0.45).align_to(units, LEFT)
        self.play(QuickFadeIn(units), run_time=1.0)
        self.play(QuickFadeIn(self.contours), Create(frame), QuickFadeIn(map_title), run_time=1.5)
        self.play(QuickFadeIn(path), QuickFadeIn(start_label), run_time=0.8)
        for row in procedure:
            self.play(QuickFadeIn(row), run_time=0.8)
        self.pause(5.0)

        # 2-3. The first updates in numbers, each with its arrow −g.
        self.play(QuickFadeOut(procedure), QuickFadeOut(start_label), run_time=0.6)
        step_value = ValueTracker(0.0)
        path.add_updater(lambda m: m.show_until(step_value.get_value()))
        self.arrows, self.update_blocks = [], []
        block = None
        for s in range(min(SHOWN_UPDATES, d.n_updates)):
            new_block = self._update_block(s).next_to(units, DOWN, buff=0.45).align_to(units, LEFT)
            arrow = path.step_arrow(s, -d.gradients[s])
            arrow.vector = -d.gradients[s]
            self.arrows.append(arrow)
            self.update_blocks.append(new_block)
            self.play(*([QuickFadeOut(block)] if block is not None else []), QuickFadeIn(new_block[:3]),
                      run_time=0.8)
            self.play(GrowArrow(arrow), run_time=0.8)
            self.play(QuickFadeIn(new_block[3:]), run_time=0.8)
            self.play(step_value.animate.set_value(s + 1), run_time=1.0, rate_func=linear)
            block = new_block
            self.pause(4.5)
            self.play(QuickFadeOut(arrow), run_time=0.3)

        # 4. The rest of the path, with live numbers, until the gradient is small.
        readout = self._readout(step_value).next_to(units, DOWN, buff=0.45).align_to(units, LEFT)
        self.play(QuickFadeOut(block), QuickFadeIn(readout), run_time=0.6)
        remaining = d.n_updates - int(step_value.get_value())
        self.play(step_value.animate.set_value(d.n_updates), run_time=max(1.0, 0.12 * remaining), rate_func=linear)
        path.clear_updaters()
        readout.clear_updaters()
        stop_key = "gd.stopped_gradient" if d.stopped_by == "gradient" else "gd.stopped_budget"
        self.stop_text = self.text(stop_key, size=theme.SMALL_SIZE - 2, color=theme.ACCENT, n=d.n_updates,
                                   norm=f"{np.linalg.norm(d.gradients[-1]):.6f}", tol=f"{d.tolerance:g}")
        self.stop_text.next_to(readout, DOWN, buff=0.3).align_to(readout, LEFT)
        self.play(QuickFadeIn(self.stop_text), run_time=0.8)
        self.pause(2.0)

        # 5. Back to riders/hour: the same w*, b*, L* as the least-squares line.
        back = self._back_to_riders().next_to(self.stop_text, DOWN, buff=0.4).align_to(readout, LEFT)
        ring = Circle(radius=0.16, color=theme.ACCENT, stroke_width=4).move_to(axes.c2p(*d.thetas[-1]))
        self.play(Create(ring), QuickFadeIn(back), run_time=1.2)
        self.pause(8.0)

    # ------------------------------------------------------------------ pieces
    def formula(self, key: str, size: float, color: str, **values) -> Text:
        """A string of symbols and numbers only, in the Latin font in both languages (the CJK font
        draws combining marks such as the tilde of L̃ badly)."""
        return Text(t(key, **values), font=theme.FONT_EN, font_size=size, color=color)

    def _units_note(self) -> VGroup:
        lesson, size = self.lesson, theme.SMALL_SIZE - 2
        return VGroup(
            self.text("gd.units", size=size, color=theme.TEXT, mean=f"{lesson.mean:.1f}", std=f"{lesson.std:.1f}",
                      n=count_text(lesson.n)),
            self.text("gd.why_units", size=size - 2, color=theme.MUTED,
                      ratio=number_text(curvature_ratio(self.lesson, 'original'))),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)

    def _procedure(self, d) -> VGroup:
        size = theme.SMALL_SIZE
        rows = VGroup(*[self.text(f"gd.proc_{i}", size=size, color=theme.TEXT, lr=f"{d.lr:g}", tol=f"{d.tolerance:g}",
                                  budget=d.budget) for i in range(1, 5)])
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22)

    def _update_block(self, s: int) -> VGroup:
        """θ^s, g = ∇L(θ^s), then θ^{s+1} = θ^s − η g with the numbers (all from the recorded run)."""
        d, size = self.descent, theme.SMALL_SIZE
        sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
        rows = VGroup(
            self.formula("gd.theta_s", size=size, color=theme.PATH_COLOUR, s=sup[s], theta=pair(d.thetas[s])),
            self.formula("gd.gradient", size=size, color=theme.ACCENT, s=sup[s], g=pair(d.gradients[s]),
                      loss=f"{d.losses[s]:.3f}"),
            self.text("gd.arrow", size=size - 4, color=theme.ACCENT, lr=f"{d.lr:g}"),
            self.formula("gd.update", size=size, color=theme.TEXT, s=sup[s], s1=sup[s + 1]),
            self.formula("gd.update_numbers", size=size, color=theme.TEXT, theta=pair(d.thetas[s]), lr=f"{d.lr:g}",
                      g=pair(d.gradients[s]), new=pair(d.thetas[s + 1])),
        )
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)

    def _readout(self, step_value: ValueTracker) -> VGroup:
        d, size = self.descent, theme.SMALL_SIZE
        norms = np.linalg.norm(d.gradients, axis=1)
        rows = VGroup(
            StepReadout(self.text("gd.readout_updates", size=size, color=theme.MUTED), np.arange(len(d.thetas)), 0,
                        size=size),
            StepReadout(self.formula("gd.readout_loss", size=size, color=theme.MUTED), d.losses, 4, size=size),
            StepReadout(self.formula("gd.readout_norm", size=size, color=theme.MUTED), norms, 6, size=size),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        rows.add_updater(lambda m: [r.show(int(np.floor(step_value.get_value() + 1e-9))) for r in m])
        self.readout = rows
        return rows

    def _back_to_riders(self) -> VGroup:
        lesson, d, size = self.lesson, self.descent, theme.SMALL_SIZE - 2
        w_end, b_end = lesson.to_original(*d.thetas[-1])
        self.end_in_riders = (w_end, b_end, lesson.mse_to_original(d.losses[-1]))
        end = best_line_numbers(Line(w_end, b_end, self.end_in_riders[2], float("nan")))
        return VGroup(
            self.text("gd.back", size=size, color=theme.MUTED),
            self.formula("gd.back_formula", size=size, color=theme.MUTED),
            self.formula("gd.w_star", size=size + 2, color=theme.ACCENT, w=end["w"]),
            self.text("gd.b_star", size=size + 2, color=theme.ACCENT, b=end["b"]),
            self.formula("gd.l_star", size=size + 2, color=theme.ACCENT, loss=end["loss"]),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.14)


