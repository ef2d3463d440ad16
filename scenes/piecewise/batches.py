"""BatchesEpochs: steps 2 and 3 for θ in practice: shuffle N real hours, batches of B, one update per batch.

The model is the flexible one just built, y = b + Σ cᵢ σ(bᵢ + wᵢ x₁) with a few sigmoids, θ all
its unknowns; the examples are N real Capital Bikeshare hours, hour of day -> riders
(``mathcore.data.one_feature_relation(kind="cycle")``, standardised for training; every loss
shown is converted back to (riders/h)²). The shuffle, the batches, each batch's loss L¹, L², …
and the epochs are read from the recorded mini-batch run (``trajectory.batch_indices``,
``batch_loss``, ``epoch_of_step``); N/B updates per epoch is counted from the run and checked
against the arithmetic, with the book's two examples computed the same way. Then the loss on
all N hours, update by update, of the mini-batch run and the full-batch run over the same
epochs (CHAPTER.md §8).
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
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

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.train import DivergenceError
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.contour import BoxFrame
from scenes.components.path import TrajectoryPath
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.components.step_readout import StepReadout
from scenes.number_format import number_text, tex_number
from scenes.params import Param
from scenes.strings import t

DIVERGED_FACTOR = 10.0  # a run whose loss ever exceeds 10x its start has diverged (it cannot be plotted)
BOOK_EXAMPLES = ((10_000, 10), (1_000, 100))  # CHAPTER.md §8: N and B of the book's two examples
DOT_SPACING = 0.27  # between dots, at most; a wide batch or many batches squeeze them into GRID_SIZE
GRID_SIZE = (5.4, 3.4)
LABEL_HEIGHT = 0.3  # a row shorter than this gets no loss label of its own (every k-th row has one)
GRID_TOP_LEFT = np.array([-6.7, 1.6, 0.0])
MINI_COLOUR = theme.RELU_UP
COUNTERS_LEFT = 3.1
PLOT_WIDTH, PLOT_HEIGHT = 5.5, 4.5
PLOT_CENTRE = np.array([-2.75, -0.7, 0.0])


def updates_per_epoch(n: int, b: int) -> int:
    """Batches in one epoch: every example once, the last batch may be short."""
    return math.ceil(n / b)


def run_config(n: int, batch_size: int | None, sigmoids: int, lr: float, epochs: int, seed: int) -> dict:
    """Gradient descent on the MSE of a one-input network of ``sigmoids`` sigmoids, hour of day -> riders."""
    return {"data": {"source": "relation", "name": "bikeshare", "kind": "cycle", "n": int(n), "seed": int(seed)},
            "model": {"hidden": [int(sigmoids)], "activation": "sigmoid", "seed": int(seed)}, "loss": "mse",
            "optimizer": {"name": "gd", "lr": float(lr)}, "epochs": int(epochs), "batch_size": batch_size,
            "seed": int(seed)}


def spoken(line: str) -> str:
    """A screen line as part of a narration sentence: one line, a capital first letter."""
    line = line.replace("\n", " ")
    return line[:1].upper() + line[1:]


def nice_ceiling(value: float, step: float) -> float:
    return float(np.ceil(value / step) * step)


class BatchesEpochs(ExplainerScene):
    """N shuffled hours in batches of B, each batch's own loss and update; mini-batch vs full-batch loss."""

    PARAMS = (
        Param("n", 200, "how many real hours N", low=20, high=400),
        Param("batch_size", 20, "the batch size B", low=2, high=200),
        Param("epochs", 20, "epochs for both runs", low=1, high=100),
        Param("lr", 0.3, "the learning rate η of both runs", low=1e-4, high=5.0),
        Param("sigmoids", 3, "sigmoids in the model", low=1, high=16),
        Param("seed", 0, "which hours are drawn, the start θ⁰ and the shuffles", low=0, high=10_000),
    )
    #: Runs a lecturer can switch to in the HTML slides (`explainer slides --variants`); the
    #: narration reads B, the updates, the rises and which run ends lower from the run shown.
    VARIANTS = {"batch_size": (10, 20, 50)}

    def construct(self) -> None:
        n, b = int(self.param("n")), int(self.param("batch_size"))
        if b > n:
            raise ValueError(f"batch_size = {b} is larger than n = {n}; choose B <= N")
        settings = {"n": n, "sigmoids": int(self.param("sigmoids")), "lr": float(self.param("lr")),
                    "epochs": int(self.param("epochs")), "seed": int(self.param("seed"))}
        self.mini_config = run_config(batch_size=b, **settings)
        self.full_config = run_config(batch_size=None, **settings)
        self.mini, self.full = get_or_train(self.mini_config), get_or_train(self.full_config)
        for run in (self.mini, self.full):  # a loss that ends far above where it started cannot be drawn
            start, worst = float(run.train_loss[0]), float(np.max(run.train_loss))
            if not worst <= DIVERGED_FACTOR * start:
                raise DivergenceError(
                    f"lr = {settings['lr']:g} makes training diverge in BatchesEpochs (the loss grows from "
                    f"{start:.3g} to {worst:.3g} in standardised units); choose a smaller lr such as 0.3")
        data = training_data(self.mini_config)
        self.n = len(data.y)
        self.to_riders_squared = float(data.meta["std"]) ** 2  # MSE in (riders/h)² = std² x standardised MSE
        self.per_epoch = int(np.sum(self.mini.epoch_of_step == 0))
        if self.per_epoch != updates_per_epoch(self.n, b):
            raise RuntimeError(f"the run made {self.per_epoch} updates in epoch 1, not ceil(N/B)")

        (n1, b1), (n2, b2) = BOOK_EXAMPLES
        self.narration_values = {"n": self.n, "b": b, "per_epoch": self.per_epoch, "n1": n1, "b1": b1,
                                 "rounded": "" if self.n % b == 0 else t("batches.rounded_up"),
                                 "u1": updates_per_epoch(n1, b1), "n2": n2, "b2": b2, "u2": updates_per_epoch(n2, b2)}
        title = self.title = self.text("batches.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.2)
        subtitle = VGroup(
            self.text("batches.model", size=theme.SMALL_SIZE - 2, color=theme.TEXT, k=settings["sigmoids"],
                      p=model_for(self.mini_config).n_params),
            self.text("batches.data", size=theme.SMALL_SIZE - 4, color=theme.MUTED, n=self.n),
        ).arrange(DOWN, buff=0.1).next_to(title, DOWN, buff=0.12)
        self.subtitle = subtitle
        self.add(title, subtitle)
        self._batches(b)
        self.pause()
        self._epoch_arithmetic(b)
        self.pause()
        self.play(*[QuickFadeOut(m) for m in self.mobjects if m not in (title, subtitle)], run_time=0.8)
        self._curves(b)
        self.pause(1.5)

    # ------------------------------------------------------------------ batches
    def _slot(self, k: int, b: int) -> np.ndarray:
        dx = min(DOT_SPACING, GRID_SIZE[0] / b)
        dy = min(DOT_SPACING * 1.25, GRID_SIZE[1] / updates_per_epoch(self.n, b))
        return GRID_TOP_LEFT + RIGHT * (k % b) * dx + DOWN * (k // b) * dy

    def _batches(self, b: int) -> None:
        n, per_epoch = self.n, self.per_epoch
        # Epoch 1's order: the batches' example indices, in the order the run used them.
        self.order = np.concatenate([self.mini.batch_indices[s] for s in range(per_epoch)])
        # Coloured by position in the data (sorted by hour of day) so that the shuffle is visible.
        ramp = [interpolate_color(ManimColor(theme.MUTED), ManimColor(theme.ACCENT), i / max(n - 1, 1))
                for i in range(n)]
        gap = np.linalg.norm(self._slot(1, b) - self._slot(0, b)) if b > 1 else DOT_SPACING
        row_gap = np.linalg.norm(self._slot(b, b) - self._slot(0, b))
        self.labelled_every = math.ceil(LABEL_HEIGHT / row_gap - 1e-9)
        dots = VGroup(*[Dot(self._slot(i, b), radius=min(0.07, 0.3 * min(gap, row_gap)), color=ramp[i])
                        for i in range(n)])
        self.example_dots = dots
        self.play(QuickFadeIn(dots, lag_ratio=0.002), run_time=1.0)

        shuffle = self.text("batches.shuffle", size=theme.SMALL_SIZE, color=theme.TEXT)
        shuffle.next_to(dots, DOWN, buff=0.3).align_to(dots, LEFT)
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
        heading.move_to(RIGHT * (self._slot(b - 1, b)[0] + 0.45) + UP * (GRID_TOP_LEFT[1] + 0.4),
                        aligned_edge=LEFT)
        counters = VGroup(
            StepReadout(self.text("batches.epoch", size=theme.BODY_SIZE, color=theme.TEXT), [1], 0,
                        size=theme.BODY_SIZE),
            StepReadout(self.text("batches.update", size=theme.BODY_SIZE, color=theme.TEXT),
                        np.arange(per_epoch + 1), 0, size=theme.BODY_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to(RIGHT * COUNTERS_LEFT + UP * 1.25, aligned_edge=LEFT)
        last = per_epoch
        updates = VGroup(
            MathTex(r"\theta^1 = \theta^0 - \eta\, \nabla L^1(\theta^0)", font_size=size + 8, color=theme.TEXT),
            MathTex(r"\theta^2 = \theta^1 - \eta\, \nabla L^2(\theta^1)", font_size=size + 8, color=theme.TEXT),
            MathTex(r"\vdots", font_size=size + 8, color=theme.TEXT),
            MathTex(rf"\theta^{{{last}}} = \theta^{{{last - 1}}} - \eta\, \nabla L^{{{last}}}(\theta^{{{last - 1}}})",
                    font_size=size + 8, color=theme.TEXT),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15).next_to(counters, DOWN, buff=0.4).align_to(counters, LEFT)
        self.update_rules = updates
        self.play(QuickFadeIn(heading), QuickFadeIn(counters), QuickFadeIn(updates), run_time=0.6)
        self.batch_labels = VGroup()
        for s in range(per_epoch):
            row = VGroup(*[dots[i] for i in range(n) if position[i] // b == s])
            loss = self.to_riders_squared * float(self.mini.batch_loss[s])
            label = MathTex(rf"L^{{{s + 1}}} = {tex_number(loss)}", font_size=size + 6,
                            color=colours[s % len(colours)])
            label.move_to(RIGHT * (heading.get_left()[0]) + UP * self._slot(s * b, b)[1], aligned_edge=LEFT)
            label.batch_loss, label.batch = loss, s
            shown = [label] if s % self.labelled_every == 0 else []
            self.batch_labels.add(*shown)
            box = SurroundingRectangle(row, buff=0.04, color=colours[s % len(colours)], stroke_width=2)
            fast = 1.0 if s < 3 else min(0.4, 6.0 / per_epoch)
            counters[1].show(s + 1)
            self.play(QuickFadeIn(box), *[QuickFadeIn(m) for m in shown], run_time=fast)
            self.remove(box)
        self.counters = counters

    def _epoch_arithmetic(self, b: int) -> None:
        size = theme.SMALL_SIZE - 2
        # When B does not divide N the last batch is smaller, and N/B is rounded up.
        key = "batches.per_epoch" if self.n % b == 0 else "batches.per_epoch_rounded"
        lines = VGroup(self.text(key, size=size, color=theme.ACCENT, n=self.n, b=b, updates=self.per_epoch))
        for n_book, b_book in BOOK_EXAMPLES:
            lines.add(self.text("batches.book", size=size, color=theme.TEXT, n=n_book, b=b_book,
                                updates=updates_per_epoch(n_book, b_book)))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.15).to_edge(DOWN, buff=0.3).to_edge(LEFT, buff=0.5)
        self.arithmetic = lines
        self.play(QuickFadeIn(lines[0]), Indicate(self.counters[1]), run_time=1.0)
        self.play(QuickFadeIn(lines[1:]), run_time=0.8)
        self.wait(8.0)

    # ------------------------------------------------------------------ loss curves
    def _curves(self, b: int) -> None:
        epochs = int(self.mini_config["epochs"])
        mini_loss = self.to_riders_squared * np.asarray(self.mini.train_loss)
        full_loss = self.to_riders_squared * np.asarray(self.full.train_loss)
        self.mini_loss, self.full_loss = mini_loss, full_loss
        top = nice_ceiling(max(mini_loss.max(), full_loss.max()), 5000)
        axes = self.axes = Axes(x_range=(0, epochs, 1), y_range=(0, top, 5000), x_length=PLOT_WIDTH,
                                y_length=PLOT_HEIGHT, tips=False).move_to(PLOT_CENTRE)
        x_step = max(1, int(round(epochs / 5)))
        frame = BoxFrame(axes, np.arange(0, epochs + 1, x_step), np.arange(0, top + 1, 5000),
                         self.text("batches.epochs_axis", size=theme.SMALL_SIZE - 2, color=theme.TEXT),
                         MathTex("L", font_size=34, color=theme.TEXT), number_size=18, x_digits=0, y_digits=0)
        mini_points = np.column_stack([np.arange(len(mini_loss)) / self.per_epoch, mini_loss])
        full_points = np.column_stack([np.arange(len(full_loss)), full_loss])
        self.mini_curve = TrajectoryPath(axes, mini_points, colour=MINI_COLOUR, stroke_width=2.5, dot_radius=0.0,
                                         head_radius=0.06, show_dots=False)
        self.full_curve = TrajectoryPath(axes, full_points, colour=theme.PATH_COLOUR, dot_radius=0.045,
                                         head_radius=0.08)
        size = theme.SMALL_SIZE - 2
        legend = VGroup(
            self.text("batches.loss_all", size=size, color=theme.MUTED, n=self.n),
            self.text("batches.same_epochs", size=size, color=theme.MUTED, epochs=epochs),
            self.text("batches.full", size=size, color=theme.PATH_COLOUR, n=self.n, updates=self.full.n_steps),
            StepReadout(self.text("batches.loss_now", size=size, color=theme.PATH_COLOUR), full_loss, 0, size=size,
                        colour=theme.PATH_COLOUR),
            self.text("batches.mini", size=size, color=MINI_COLOUR, b=b, updates=self.mini.n_steps),
            StepReadout(self.text("batches.loss_now", size=size, color=MINI_COLOUR), mini_loss, 0, size=size,
                        colour=MINI_COLOUR),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        for readout in (legend[3], legend[5]):
            readout.shift(RIGHT * 0.3)
        epoch_value = ValueTracker(0.0)
        counter = StepReadout(self.text("batches.epochs_done", size=size, color=theme.TEXT), np.arange(epochs + 1),
                              0, size=size)
        panel = VGroup(legend, counter).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        panel.move_to(RIGHT * 0.55 + UP * 1.6, aligned_edge=UP + LEFT)
        self.legend = legend
        # On screen as two mobjects, the static lines before the readouts: manim redraws every frame
        # each scene mobject from the first that holds an updater, so the lines stay in the still
        # background (they overlap nothing: the same pixels).
        still = VGroup(*[legend[i] for i in (0, 1, 2, 4)])
        live = VGroup(legend[3], legend[5], counter)
        self.play(QuickFadeIn(frame), QuickFadeIn(still), QuickFadeIn(live), QuickFadeIn(self.mini_curve),
                  QuickFadeIn(self.full_curve), run_time=1.2)

        # Each moving thing has its own updater, so the renderer redraws it every frame.
        def now() -> float:
            return epoch_value.get_value()

        self.mini_curve.add_updater(lambda m: m.show_until(now() * self.per_epoch))
        self.full_curve.add_updater(lambda m: m.show_until(now()))  # one update per epoch
        counter.add_updater(lambda m: m.show(int(np.floor(now() + 1e-9))))
        legend[3].add_updater(lambda m: m.show(int(np.floor(now() + 1e-9))))
        legend[5].add_updater(lambda m: m.show(int(np.floor(now() * self.per_epoch + 1e-9))))
        self.play(epoch_value.animate.set_value(epochs), run_time=min(0.6 * epochs, 14.0), rate_func=linear)
        for mobject in (self.mini_curve, self.full_curve, counter, legend[3], legend[5]):
            mobject.clear_updaters()

        self.rises = int(np.sum(np.diff(mini_loss) > 0))
        self.ending_key = "batches.mini_lower" if mini_loss[-1] < full_loss[-1] else "batches.full_lower"
        ending = self.text(self.ending_key, size=size, color=theme.TEXT, mini=number_text(mini_loss[-1]),
                           full=number_text(full_loss[-1]))
        noise = self.text("batches.rises", size=size, color=MINI_COLOUR, rises=self.rises, updates=self.mini.n_steps)
        VGroup(noise, ending).arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(panel, DOWN, buff=0.3)
        VGroup(noise, ending).align_to(panel, LEFT)
        self.noise, self.ending = noise, ending
        self.play(QuickFadeIn(noise), QuickFadeIn(ending), run_time=0.6)
        self.narration_values.update({
            "epochs": epochs, "mini_updates": self.mini.n_steps, "full_updates": self.full.n_steps,
            "rises": self.rises,
            "ending": spoken(t(self.ending_key, mini=number_text(mini_loss[-1]), full=number_text(full_loss[-1]))),
        })
