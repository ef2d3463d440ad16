"""LearningRates: the learning rate η is ours to choose; too small, good and too large on a long valley.

Three gradient-descent runs of the lesson's one-hour model y = b + w x₁ from one start, each
on its own copy of the MSE surface. The steps are computed with riders counted in hundreds
(``mathcore.studies.long_bowl``): then the bowl is long and narrow, and an overshoot across the
valley can be seen (standardised, the bowl is round and it cannot). The maps show b in
riders/h and L in (riders/h)², the data's units.

What each panel says is computed from its run: a path that leaves the map names the first
step outside it (``long_bowl.first_step_outside``); otherwise the loss after the last step
shown is compared with the lowest loss L* (within 1 %, or how many per cent above).

OptimizerRace (in ``scenes/optimisers/race.py``) and BatchesEpochs (``scenes/piecewise/batches.py``) follow later.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, Circle, Create, MathTex, Text, ValueTracker, VGroup, linear

from mathcore.studies.lesson import largest_stable_rate, one_hour_linear_model
from mathcore.studies.long_bowl import descend, first_step_outside, in_riders, long_bowl, loss_in_riders
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.contour import ContourMap, LossColourScale
from scenes.components.path import TrajectoryPath
from scenes.components.quick_fade import QuickFadeIn
from scenes.components.step_readout import StepReadout
from scenes.long_bowl_map import B_RANGE, W_RANGE, bowl_grid, bowl_map, plane_points, verdict
from scenes.params import Param
from scenes.steps import best_line_numbers

PANEL_CENTRES_X = (-4.15, 0.45, 5.05)
PANEL_Y = -0.2
RATES = ("small", "good", "large")


def stable_rates(bowl) -> dict[str, float]:
    """The η above which gradient descent on this MSE blows up: here (hundreds), in riders/h, standardised."""
    lesson = one_hour_linear_model()
    return {"here": bowl.largest_stable_rate, "raw": largest_stable_rate(lesson, "original"),
            "std": largest_stable_rate(lesson, "standardised")}


def two_figures(value: float) -> str:
    """A rate to two significant figures, without an exponent (0.24, 0.000028, 1)."""
    return np.format_float_positional(value, precision=2, fractional=False, trim="-")


class LearningRates(ExplainerScene):
    """Too small, good, too large: three gradient-descent paths from one start across a long valley."""

    PARAMS = (
        Param("lr_small", 0.02, "a learning rate that is too small", low=1e-4, high=10.0),
        Param("lr_good", 0.2, "a good learning rate", low=1e-4, high=10.0),
        Param("lr_large", 0.26, "a learning rate that is too large", low=1e-4, high=10.0),
        Param("steps", 30, "updates shown", low=2, high=200),
        Param("w0", -0.3, "start w", low=W_RANGE[0], high=W_RANGE[1]),
        Param("b0", 1.2, "start b, in hundreds of riders/h", low=B_RANGE[0], high=B_RANGE[1]),
    )

    def construct(self) -> None:
        steps = int(self.param("steps"))
        self.start = (float(self.param("w0")), float(self.param("b0")))
        self.rates = {rate: float(self.param(f"lr_{rate}")) for rate in RATES}
        self.bowl = bowl = long_bowl()
        self.trajectories = {rate: descend("gd", lr, self.start, steps) for rate, lr in self.rates.items()}
        self.exit_steps = {rate: first_step_outside(tr.thetas, W_RANGE, B_RANGE)
                           for rate, tr in self.trajectories.items()}
        w, b, loss = self.grid = bowl_grid()
        scale = LossColourScale.for_grid(loss)

        title = self.text("descent.lr_title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.2)
        self.bounds = stable_rates(bowl)
        subtitles = VGroup(
            self.text("descent.lr_hyper", size=theme.SMALL_SIZE - 2, color=theme.TEXT),
            self.text("descent.lr_units", size=theme.SMALL_SIZE - 4, color=theme.MUTED),
            self.text("descent.lr_bound", size=theme.SMALL_SIZE - 4, color=theme.MUTED,
                      **{unit: two_figures(rate) for unit, rate in self.bounds.items()}),
        ).arrange(DOWN, buff=0.1).next_to(title, DOWN, buff=0.12)
        self.add(title, subtitles)

        self.panels, self.paths, self.readouts = {}, {}, {}
        step_value = ValueTracker(0.0)
        minimum = np.array([[bowl.w_star, in_riders(bowl.b_star)]])
        for rate, x in zip(RATES, PANEL_CENTRES_X):
            tr = self.trajectories[rate]
            last = self.exit_steps[rate] if self.exit_steps[rate] is not None else steps
            shown = plane_points(tr.thetas[: last + 1])
            axes, frame = bowl_map(np.array([x, PANEL_Y, 0.0]), show_b_name=rate == RATES[0])
            # No contour values: in (riders/h)² they are 5-6 digit numbers that crowd a small map;
            # the readout below gives L at every step.
            contours = ContourMap(axes, w, b, loss, scale=scale, n_levels=5, show_labels=False)
            heading = self.text(f"descent.lr_{rate}", size=theme.SMALL_SIZE, color=theme.LR_COLOURS[rate],
                                lr=f"{self.rates[rate]:g}")
            heading.next_to(frame.box, UP, buff=0.12)
            star = MathTex(r"\times", font_size=34, color=theme.ACCENT).move_to(axes.c2p(*minimum[0]))
            star.set_stroke(theme.BACKGROUND, width=4, background=True).set_z_index(5)  # above the path's head
            path = TrajectoryPath(axes, shown, colour=theme.LR_COLOURS[rate], dot_radius=0.035, head_radius=0.075)
            size = theme.SMALL_SIZE - 4
            readout = VGroup(
                StepReadout(self.text("descent.step", size=size, color=theme.MUTED), np.arange(last + 1), 0, size=size),
                StepReadout(Text("L =", font=theme.FONT_EN, font_size=size, color=theme.MUTED),
                            loss_in_riders(tr.train_loss[: last + 1]), 0, size=size),
            ).arrange(RIGHT, buff=0.35).next_to(frame, DOWN, buff=0.12)
            self.panels[rate] = VGroup(contours, frame, heading, star)
            self.paths[rate], self.readouts[rate] = path, readout
        # The lesson's best line, written as every scene of the chapter writes it (the same minimum).
        self.minimum_note = self.text("descent.minimum", size=theme.SMALL_SIZE - 4, color=theme.MUTED,
                                      **best_line_numbers(one_hour_linear_model().best))
        self.minimum_note.to_edge(DOWN, buff=0.15)
        self.play(*[QuickFadeIn(p) for p in self.panels.values()], QuickFadeIn(self.minimum_note), run_time=1.5)
        self.play(*[QuickFadeIn(p) for p in self.paths.values()], *[QuickFadeIn(r) for r in self.readouts.values()],
                  run_time=0.8)
        small_loss = float(self.trajectories["small"].train_loss[steps])
        self.narration_values = {
            "steps": steps, "exit_step": self.exit_steps["large"],
            "small_percent": f"{100 * (small_loss / bowl.loss_star - 1):.0f}",
        }
        self.pause(7.0)

        self._run(step_value, steps)
        self.pause(2.0)

        self.verdicts = {}
        for rate in RATES:
            key, values = verdict(bowl, self.trajectories[rate], steps, self.exit_steps[rate])
            note = self.text(key, size=theme.SMALL_SIZE - 4, color=theme.LR_COLOURS[rate], **values)
            note.next_to(self.readouts[rate], DOWN, buff=0.1)
            self.verdicts[rate] = (key, values, note)
        self.play(*[QuickFadeIn(note) for _, _, note in self.verdicts.values()], run_time=0.8)
        self.pause(7.5)

    def _run(self, step_value: ValueTracker, steps: int) -> None:
        """All three paths advance together; a path that leaves the map stops there, marked by a ring."""
        def step_now() -> int:
            return int(np.floor(step_value.get_value() + 1e-9))

        # Each moving thing has its own updater, so the renderer redraws it every frame.
        for path in self.paths.values():
            path.add_updater(lambda m: m.show_until(min(step_value.get_value(), len(m.data_points) - 1)))
        rows = [row for readout in self.readouts.values() for row in readout]
        for row in rows:
            row.add_updater(lambda m: m.show(min(step_now(), len(m.values) - 1)))
        exits = sorted((s, rate) for rate, s in self.exit_steps.items() if s is not None)
        done = 0.0
        for exit_step, rate in exits:
            self.play(step_value.animate.set_value(exit_step), run_time=0.35 * (exit_step - done), rate_func=linear)
            self._mark_exit(self.paths[rate], exit_step, rate)
            done = exit_step
        self.play(step_value.animate.set_value(steps), run_time=0.35 * (steps - done) + 0.5, rate_func=linear)
        for mobject in [*self.paths.values(), *rows]:
            mobject.clear_updaters()

    def _mark_exit(self, path: TrajectoryPath, exit_step: int, rate: str) -> None:
        """A ring where the path crosses the map's edge."""
        crossing = path.visible_runs(exit_step)[-1][-1]
        ring = Circle(radius=0.12, color=theme.LR_COLOURS[rate], stroke_width=5)
        ring.move_to(path.axes.c2p(*crossing))
        ring.data_point = crossing
        self.exit_marker = ring
        self.play(Create(ring), run_time=0.5)
