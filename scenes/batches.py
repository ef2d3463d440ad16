"""BatchesEpochs: shuffle N real examples, cut them into batches of B, one update per batch.

The examples are N real Capital Bikeshare hours (riders the hour before -> riders now,
``mathcore.data.one_feature_relation(kind="lag1")``) for the one-feature linear model.
The shuffle, the batches, each batch's loss L¹, L², ... and the epochs are read from the
recorded mini-batch run (``trajectory.batch_indices``, ``batch_loss``, ``epoch_of_step``);
N/B updates per epoch is counted from the run and checked against the arithmetic, with
the book's two examples computed the same way. Then the noisy mini-batch path and the
full-batch path of the same number of epochs on the data's MAE surface (CHAPTER.md §8).
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Dot,
    Indicate,
    ManimColor,
    MathTex,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    interpolate_color,
    linear,
)

from mathcore.cache import training_data
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.contour import ContourMap, LossColourScale, map_axes, map_frame
from scenes.components.path import TrajectoryPath
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.components.step_readout import StepReadout
from scenes.linear_landscape import B_RANGE, W_RANGE, linear_config, surface, trajectory
from scenes.params import Param

BOOK_EXAMPLES = ((10_000, 10), (1_000, 100))  # CHAPTER.md §8: N and B of the book's two examples
DOT_SPACING = 0.27
GRID_TOP_LEFT = np.array([-6.7, 1.75, 0.0])
MINI_COLOUR = theme.RELU_UP
COUNTERS_LEFT = 3.4
MAP_WIDTH = 5.6
MAP_CENTRE = np.array([-2.2, -0.55, 0.0])


def updates_per_epoch(n: int, b: int) -> int:
    """Batches in one epoch: every example once, the last batch may be short."""
    return math.ceil(n / b)


class BatchesEpochs(ExplainerScene):
    """N shuffled points in batches of B, each batch's own loss and update; mini-batch vs full-batch paths."""

    PARAMS = (
        Param("n", 200, "how many real hours N", low=20, high=400),
        Param("batch_size", 20, "the batch size B", low=2, high=200),
        Param("epochs", 5, "epochs for both runs", low=1, high=50),
        Param("lr", 0.3, "the learning rate of both runs", low=1e-4, high=5.0),
        Param("seed", 0, "which hours are drawn, and the shuffles", low=0, high=10_000),
        Param("w0", -0.5, "start w", low=W_RANGE[0], high=W_RANGE[1]),
        Param("b0", 1.1, "start b", low=B_RANGE[0], high=B_RANGE[1]),
    )

    def construct(self) -> None:
        n, b = int(self.param("n")), int(self.param("batch_size"))
        if b > n:
            raise ValueError(f"batch_size = {b} is larger than n = {n}; choose B <= N")
        seed = int(self.param("seed"))
        data = {"source": "relation", "name": "bikeshare", "kind": "lag1", "n": n, "seed": seed}
        common = {"loss": "mae", "init": (float(self.param("w0")), float(self.param("b0"))), "data": data,
                  "epochs": int(self.param("epochs")), "seed": seed}
        self.mini_config = linear_config("gd", float(self.param("lr")), batch_size=b, **common)
        self.full_config = linear_config("gd", float(self.param("lr")), batch_size=None, **common)
        self.mini, self.full = trajectory(self.mini_config), trajectory(self.full_config)
        self.n = len(training_data(self.mini_config).y)
        self.per_epoch = int(np.sum(self.mini.epoch_of_step == 0))
        if self.per_epoch != updates_per_epoch(self.n, b):
            raise RuntimeError(f"the run made {self.per_epoch} updates in epoch 1, not ceil(N/B)")

        title = self.title = self.text("batches.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.25)
        subtitle = self.text("batches.data", size=theme.SMALL_SIZE - 2, color=theme.MUTED, n=self.n)
        subtitle.next_to(title, DOWN, buff=0.15)
        self.add(title, subtitle)
        self._batches(b)
        self.pause()
        self._epoch_arithmetic(b)
        self.pause()
        self.play(*[QuickFadeOut(m) for m in self.mobjects if m not in (title,)], run_time=0.8)
        self._paths(b)
        self.pause(1.5)

    # ------------------------------------------------------------------ batches
    def _slot(self, k: int, b: int) -> np.ndarray:
        return GRID_TOP_LEFT + RIGHT * (k % b) * DOT_SPACING + DOWN * (k // b) * DOT_SPACING * 1.25

    def _batches(self, b: int) -> None:
        n, per_epoch = self.n, self.per_epoch
        # Epoch 1's order: the batches' example indices, in the order the run used them.
        self.order = np.concatenate([self.mini.batch_indices[s] for s in range(per_epoch)])
        # Coloured by position in the data (sorted by x) so that the shuffle is visible.
        ramp = [interpolate_color(ManimColor(theme.MUTED), ManimColor(theme.ACCENT), i / max(n - 1, 1))
                for i in range(n)]
        dots = VGroup(*[Dot(self._slot(i, b), radius=0.07, color=ramp[i]) for i in range(n)])
        self.example_dots = dots
        self.play(QuickFadeIn(dots, lag_ratio=0.002), run_time=1.0)

        shuffle = self.text("batches.shuffle", size=theme.SMALL_SIZE, color=theme.TEXT)
        shuffle.next_to(dots, DOWN, buff=0.35).align_to(dots, LEFT)
        position = np.empty(n, dtype=int)
        position[self.order] = np.arange(n)  # example i goes to slot position[i]
        self.slot_of_example = position
        self.play(QuickFadeIn(shuffle), *[dots[i].animate.move_to(self._slot(position[i], b)) for i in range(n)],
                  run_time=1.6)

        cut = self.text("batches.cut", size=theme.SMALL_SIZE, color=theme.TEXT, b=b)
        cut.move_to(shuffle, aligned_edge=LEFT)
        colours = theme.COMPONENT_COLOURS
        self.play(QuickFadeOut(shuffle), QuickFadeIn(cut),
                  *[dots[i].animate.set_color(colours[(position[i] // b) % len(colours)]) for i in range(n)],
                  run_time=1.0)

        # Each batch (row): its own loss L^k, then one update.
        size = theme.SMALL_SIZE - 2
        heading = self.text("batches.batch_loss", size=size, color=theme.MUTED)
        heading.move_to(RIGHT * (GRID_TOP_LEFT[0] + b * DOT_SPACING + 0.4) + UP * (GRID_TOP_LEFT[1] + 0.45),
                        aligned_edge=LEFT)
        counters = VGroup(
            StepReadout(self.text("batches.epoch", size=theme.BODY_SIZE, color=theme.TEXT), [1], 0,
                        size=theme.BODY_SIZE),
            StepReadout(self.text("batches.update", size=theme.BODY_SIZE, color=theme.TEXT),
                        np.arange(per_epoch + 1), 0, size=theme.BODY_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35).move_to(RIGHT * COUNTERS_LEFT + UP * 1.2, aligned_edge=LEFT)
        self.play(QuickFadeIn(heading), QuickFadeIn(counters), run_time=0.6)
        self.batch_labels = VGroup()
        for s in range(per_epoch):
            row = VGroup(*[dots[i] for i in range(n) if position[i] // b == s])
            label = MathTex(rf"L^{{{s + 1}}} = {self.mini.batch_loss[s]:.3f}", font_size=size + 6,
                            color=colours[s % len(colours)])
            label.move_to(RIGHT * (heading.get_left()[0]) + UP * self._slot(s * b, b)[1], aligned_edge=LEFT)
            label.batch_loss = float(self.mini.batch_loss[s])
            self.batch_labels.add(label)
            box = SurroundingRectangle(row, buff=0.04, color=colours[s % len(colours)], stroke_width=2)
            fast = 0.5 if s < 3 else 0.2
            counters[1].show(s + 1)
            self.play(QuickFadeIn(box), QuickFadeIn(label), run_time=fast)
            self.remove(box)
        self.counters = counters

    def _epoch_arithmetic(self, b: int) -> None:
        size = theme.SMALL_SIZE - 2
        lines = VGroup(self.text("batches.per_epoch", size=size, color=theme.ACCENT, n=self.n, b=b,
                                 updates=self.per_epoch))
        for n_book, b_book in BOOK_EXAMPLES:
            lines.add(self.text("batches.book", size=size, color=theme.TEXT, n=n_book, b=b_book,
                                updates=updates_per_epoch(n_book, b_book)))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.18).to_edge(DOWN, buff=0.4).to_edge(LEFT, buff=0.5)
        self.arithmetic = lines
        self.play(QuickFadeIn(lines[0]), Indicate(self.counters[1]), run_time=1.0)
        self.play(QuickFadeIn(lines[1:]), run_time=0.8)

    # ------------------------------------------------------------------ paths
    def _paths(self, b: int) -> None:
        grid = surface(self.mini_config)
        axes = self.axes = map_axes(W_RANGE, B_RANGE, MAP_WIDTH, MAP_CENTRE)
        frame = map_frame(axes)
        both = np.concatenate([self.mini.thetas, self.full.thetas])
        contours = ContourMap(axes, grid.w, grid.b, grid.loss, scale=LossColourScale.for_grid(grid.loss),
                              n_levels=6, label_size=15, avoid_points=both)
        self.mini_path = TrajectoryPath(axes, self.mini.thetas, colour=MINI_COLOUR, dot_radius=0.03,
                                        head_radius=0.08)
        self.full_path = TrajectoryPath(axes, self.full.thetas, colour=theme.PATH_COLOUR, dot_radius=0.05,
                                        head_radius=0.09)
        size = theme.SMALL_SIZE - 2
        epochs = int(self.mini_config["epochs"])
        legend = VGroup(
            self.text("batches.same_epochs", size=size, color=theme.MUTED, epochs=epochs),
            self.text("batches.full", size=size, color=theme.PATH_COLOUR, updates=self.full.n_steps),
            self.text("batches.mini", size=size, color=MINI_COLOUR, b=b, updates=self.mini.n_steps),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        epoch_value = ValueTracker(0.0)
        counter = StepReadout(self.text("batches.epochs_done", size=size, color=theme.TEXT), np.arange(epochs + 1),
                              0, size=size)
        panel = VGroup(legend, counter).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        panel.move_to(RIGHT * 1.75 + UP * 1.4, aligned_edge=UP + LEFT)
        self.play(QuickFadeIn(contours), QuickFadeIn(frame), QuickFadeIn(panel), QuickFadeIn(self.mini_path),
                  QuickFadeIn(self.full_path), run_time=1.2)

        # Each moving thing has its own updater, so the renderer redraws it every frame.
        self.mini_path.add_updater(lambda m: m.show_until(epoch_value.get_value() * self.per_epoch))
        self.full_path.add_updater(lambda m: m.show_until(epoch_value.get_value()))  # one update per epoch
        counter.add_updater(lambda m: m.show(int(np.floor(epoch_value.get_value() + 1e-9))))
        self.play(epoch_value.animate.set_value(epochs), run_time=2.0 * epochs, rate_func=linear)
        for mobject in (self.mini_path, self.full_path, counter):
            mobject.clear_updaters()
