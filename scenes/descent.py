"""LearningRates and OptimizerRace: recorded descents side by side on the real error surface.

LearningRates: three gradient-descent runs from one start with a too-small, a good and a
too-large learning rate, each on its own copy of the one-hour model's MSE surface. The
too-large run is recorded with ``on_divergence="record"``: it leaves the map (marked at
the step where it crossed the edge) and its loss overflows at ``trajectory.diverged_at``.

OptimizerRace (in ``scenes/race.py``) races five optimisers.

Every path is a recorded ``mathcore`` trajectory; every map is ``mathcore.surface``'s.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Circle, Create, Text, ValueTracker, VGroup, linear

from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.contour import ContourMap, LossColourScale, map_axes, map_frame
from scenes.components.path import TrajectoryPath
from scenes.components.quick_fade import QuickFadeIn
from scenes.components.step_readout import StepReadout
from scenes.linear_landscape import B_RANGE, W_RANGE, linear_config, surface, trajectory
from scenes.params import Param

PANEL_WIDTH = 3.6
PANEL_CENTRES_X = (-4.25, 0.35, 4.95)
PANEL_Y = -0.25
RATES = ("small", "good", "large")


class LearningRates(ExplainerScene):
    """Too small, good, too large: three recorded GD paths from one start; the large one diverges."""

    PARAMS = (
        Param("loss", "mse", "the loss (MSE's gradient grows with the error, so a large step diverges)",
              choices=("mse", "mae")),
        Param("lr_small", 0.01, "a learning rate that is too small", low=1e-4, high=10.0),
        Param("lr_good", 0.3, "a good learning rate", low=1e-4, high=10.0),
        Param("lr_large", 1.05, "a learning rate that is too large", low=1e-4, high=10.0),
        Param("steps", 30, "steps shown", low=2, high=200),
        Param("max_epochs", 5000, "recorded steps of the large rate (enough for its loss to overflow)",
              low=10, high=100_000),
        Param("w0", -0.5, "start w", low=W_RANGE[0], high=W_RANGE[1]),
        Param("b0", 1.1, "start b", low=B_RANGE[0], high=B_RANGE[1]),
    )

    def construct(self) -> None:
        loss, steps = str(self.param("loss")), int(self.param("steps"))
        init = (float(self.param("w0")), float(self.param("b0")))
        self.configs = {
            rate: linear_config("gd", float(self.param(f"lr_{rate}")), loss=loss, init=init,
                                epochs=int(self.param("max_epochs")) if rate == "large" else steps,
                                on_divergence="record")
            for rate in RATES
        }
        self.trajectories = {rate: trajectory(cfg) for rate, cfg in self.configs.items()}
        self.surface = surface(self.configs["good"])
        scale = LossColourScale.for_grid(self.surface.loss)

        title = self.text("descent.lr_title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.25)
        subtitle = self.text("descent.lr_loss", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        subtitle.next_to(title, DOWN, buff=0.15)
        self.add(title, subtitle)

        self.panels, self.paths, readouts = {}, {}, VGroup()
        step_value = ValueTracker(0.0)
        for rate, x in zip(RATES, PANEL_CENTRES_X):
            tr = self.trajectories[rate]
            shown = tr.thetas[: steps + 1]
            axes = map_axes(W_RANGE, B_RANGE, PANEL_WIDTH, np.array([x, PANEL_Y, 0.0]))
            frame = map_frame(axes, number_size=14, name_size=28, show_b_name=rate == RATES[0])
            contours = ContourMap(axes, self.surface.w, self.surface.b, self.surface.loss, scale=scale,
                                  n_levels=4, label_size=13, avoid_points=shown)
            heading = self.text(f"descent.lr_{rate}", size=theme.SMALL_SIZE, color=theme.LR_COLOURS[rate],
                                lr=f"{self.param(f'lr_{rate}'):g}")
            heading.next_to(frame.box, UP, buff=0.15)
            path = TrajectoryPath(axes, shown, colour=theme.LR_COLOURS[rate], dot_radius=0.035,
                                  head_radius=0.08)
            readout = VGroup(
                StepReadout(self.text("descent.step", size=theme.SMALL_SIZE - 4, color=theme.MUTED),
                            np.arange(len(shown)), 0, size=theme.SMALL_SIZE - 4),
                StepReadout(Text("L =", font=theme.FONT_EN, font_size=theme.SMALL_SIZE - 4, color=theme.MUTED),
                            tr.train_loss[: steps + 1], 3, size=theme.SMALL_SIZE - 4),
            ).arrange(RIGHT, buff=0.45).next_to(frame, DOWN, buff=0.2)
            readouts.add(readout)
            self.panels[rate] = VGroup(contours, frame, heading)
            self.paths[rate] = path
        self.play(*[QuickFadeIn(p) for p in self.panels.values()], run_time=1.5)
        self.play(*[QuickFadeIn(p) for p in self.paths.values()], QuickFadeIn(readouts), run_time=0.8)
        self.pause()

        # Each moving thing has its own updater, so the renderer redraws it every frame.
        for path in self.paths.values():
            path.add_updater(lambda m: m.show_until(step_value.get_value()))
        for readout in readouts:
            for row in readout:
                row.add_updater(lambda m: m.show(int(np.floor(step_value.get_value() + 1e-9))))

        large = self.paths["large"]
        exit_step = large.exit_step
        if exit_step is not None:
            self.play(step_value.animate.set_value(exit_step), run_time=0.6 * exit_step, rate_func=linear)
            self._mark_exit(large, exit_step)
        self.play(step_value.animate.set_value(steps), run_time=0.15 * (steps - (exit_step or 0)) + 1.0,
                  rate_func=linear)
        for mobject in [*self.paths.values(), *[row for readout in readouts for row in readout]]:
            mobject.clear_updaters()
        diverged_at = self.trajectories["large"].diverged_at
        if diverged_at is not None:
            note = self.text("descent.diverged", size=theme.SMALL_SIZE - 2, color=theme.LR_COLOURS["large"],
                             step=diverged_at)
            note.next_to(readouts[2], DOWN, buff=0.15)
            self.diverged_note = note
            self.play(QuickFadeIn(note), run_time=0.8)
        self.pause(1.5)

    def _mark_exit(self, path: TrajectoryPath, exit_step: int) -> None:
        """A ring where the path crosses the map's edge, and the step at which it left."""
        crossing = path.visible_runs(exit_step)[-1][-1]
        ring = Circle(radius=0.12, color=theme.LR_COLOURS["large"], stroke_width=5)
        ring.move_to(path.axes.c2p(*crossing))
        ring.data_point = crossing
        label = self.text("descent.left_map", size=theme.SMALL_SIZE - 6, color=theme.TEXT, step=exit_step)
        label.set_stroke(theme.BACKGROUND, width=3, background=True)
        centre = path.axes.c2p(np.mean(path.axes.x_range[:2]), np.mean(path.axes.y_range[:2]))
        label.next_to(ring, RIGHT if ring.get_x() < centre[0] else LEFT, buff=0.1)
        self.exit_marker = VGroup(ring, label)
        self.play(Create(ring), QuickFadeIn(label), run_time=0.6)
