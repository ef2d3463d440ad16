"""Overfitting: training and unseen loss over epochs of a deep net, then early stopping (CHAPTER.md §6).

The numbers are ``mathcore.studies.overfitting``'s: a network with four hidden layers of ReLUs
reads the previous 56 days of Seattle's daily maximum temperature and predicts the next
day; it is trained for a fixed number of epochs with no early stopping (one run per
seed, from the trajectory cache). One run is drawn: its training loss keeps falling
while its unseen loss (2015) turns back up. "Overfitting" is written only where every
run's unseen loss rises after its minimum by more than the runs differ
(``OverfitCurves.overfits``). Then early stopping watches the validation part (second
half of 2014), stops after ``patience`` epochs without a new lowest value, keeps the
best epoch, and only then is the unseen loss read at that epoch. The setup names how this
network differs from DepthTable's (narrower, not stopped early) and its loss (MAE, as in the
book's table); each legend entry appears with its curve.
"""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Create, DashedLine, Dot, Line, Rectangle, VGroup

from mathcore.studies.experiments import GRID
from mathcore.studies.overfitting import DEFAULT, REDUCED, OverfitCurves, early_stop, overfit_curves, run_config
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.curves import ExactCurve
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.params import Param
from scenes.strings import t

VALIDATION_COLOUR = theme.SIGMOID_GREEN
PANEL_X = 0.75  # left edge of the text panel beside the chart
PANEL_WIDTH = 6.1


def fmt(value: float) -> str:
    return f"{value:.2f}"


def table_width() -> int:
    """The width of the deepest row of the book's grid (DepthTable's layers of ReLUs), to compare with."""
    return [row for row in GRID if row.group == "layers"][-1].hidden[0]


def top_of_chart(curves: OverfitCurves, row: int) -> int:
    """The chart's top (whole °C): room above the late curves; the first epochs may run off it."""
    late = max(curves.val[row, -1], curves.unseen[row, -1], curves.train[row, -1])
    return max(1, math.ceil(1.3 * late))


def kept_mark(point: np.ndarray, colour: str) -> Dot:
    """A dot in its curve's colour, ringed in the background colour so that it stands out on that curve."""
    return Dot(point, radius=0.09, color=colour).set_stroke(theme.BACKGROUND, width=3)


class Overfitting(ExplainerScene):
    """Training vs unseen loss over epochs (no early stopping), the turn-up, then early stopping."""

    PARAMS = (
        Param("run", "full", "full: four layers of 32 ReLUs, 150 epochs (cached; about a minute the first "
                             "time); reduced: a quick small run (for tests)", choices=("full", "reduced")),
        Param("seed", 0, "which run (seed) is drawn; the others give the spread", choices=(0, 1, 2)),
    )

    def construct(self) -> None:
        spec = DEFAULT if self.param("run") == "full" else REDUCED
        seed = int(self.param("seed"))
        if seed not in spec.seeds:
            raise ValueError(f"seed must be one of {spec.seeds} for run={self.param('run')!r}, got {seed}")
        curves = overfit_curves(spec)
        row = spec.seeds.index(seed)
        self.curves, self.row, self.stop = curves, row, early_stop(spec, seed)
        train, val, unseen = curves.train[row], curves.val[row], curves.unseen[row]
        epochs = curves.epochs
        lowest = int(np.argmin(unseen))
        self.lowest_epoch = lowest
        rises = curves.unseen_rise()
        self.trained_loss = run_config(spec, seed)["loss"]  # what the run minimised (MAE, as in the book's table)
        self.narration_values = {
            "k": spec.k, "layers": len(spec.hidden), "width": spec.hidden[0], "table_width": table_width(),
            "epochs": spec.epochs, "train_end": fmt(train[-1]), "lowest_epoch": lowest,
            "unseen_low": fmt(unseen[lowest]), "unseen_end": fmt(unseen[-1]), "runs": len(spec.seeds),
            "patience": spec.patience, "stopped": self.stop.stopped_at, "kept": self.stop.kept_epoch,
            "unseen_kept": fmt(self.stop.unseen), "unit": curves.unit,
            "verdict": t("overfit.say.verdict" if curves.overfits() else "overfit.say.no_verdict",
                         runs=len(spec.seeds), lo=fmt(rises.min()), hi=fmt(rises.max()),
                         spread=fmt(curves.seed_spread()), unit=curves.unit),
        }

        title = self.text("overfit.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.25)
        setup = VGroup(
            self.text("overfit.data", size=theme.SMALL_SIZE, color=theme.TEXT, k=spec.k),
            self.text("overfit.model", size=theme.SMALL_SIZE, color=theme.MUTED, layers=len(spec.hidden),
                      width=spec.hidden[0], epochs=spec.epochs, batch=spec.batch_size),
            self.text(f"overfit.setup_note.{self.trained_loss}", size=theme.SMALL_SIZE - 4, color=theme.MUTED,
                      table_width=table_width()),
        ).arrange(DOWN, buff=0.08).next_to(title, DOWN, buff=0.12)
        self.setup = setup
        self.add(title)

        top = top_of_chart(curves, row)
        axes = Axes(x_range=(0, spec.epochs, max(1, spec.epochs // 6)), y_range=(0, top, 1 if top <= 6 else 2),
                    x_length=6.6, y_length=4.1, tips=False,
                    axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 26})
        axes.to_corner(LEFT + DOWN, buff=0.55).shift(UP * 0.25)
        self.chart_axes = axes
        x_name = self.text("overfit.epoch_axis", size=theme.SMALL_SIZE, color=theme.MUTED)
        x_name.next_to(axes.x_axis, DOWN, buff=0.42).align_to(axes.x_axis, RIGHT)
        y_name = self.text("overfit.loss_axis", size=theme.SMALL_SIZE, color=theme.MUTED, unit=curves.unit)
        y_name.next_to(axes, UP, buff=0.12).align_to(axes, LEFT)

        def legend_line(key: str, colour: str, part: str) -> VGroup:
            first, last = curves.periods[part]
            swatch = Line(LEFT * 0.25, RIGHT * 0.25, color=colour, stroke_width=6)
            words = self.text(key, size=theme.SMALL_SIZE, color=colour, first=first, last=last)
            return VGroup(swatch, words).arrange(RIGHT, buff=0.15)

        legend = VGroup(legend_line("overfit.part.train", theme.TRAIN_COLOUR, "train"),
                        legend_line("overfit.part.val", VALIDATION_COLOUR, "val"),
                        legend_line("overfit.part.unseen", theme.UNSEEN_COLOUR, "unseen"))
        legend.arrange(DOWN, buff=0.14, aligned_edge=LEFT)
        legend.move_to(np.array([PANEL_X, axes.get_top()[1], 0]), aligned_edge=UP + LEFT)
        # Each legend entry appears with its curve (training, then unseen, then validation).
        self.play(QuickFadeIn(setup), Create(axes), QuickFadeIn(x_name), QuickFadeIn(y_name), run_time=1.5)
        self.pause(3.0)

        def curve(values: np.ndarray, colour: str) -> ExactCurve:
            return ExactCurve(axes, epochs, lambda x, v=values: np.interp(x, epochs, v), color=colour,
                              stroke_width=theme.THIN + 1)

        def panel(*lines, below=None) -> VGroup:
            group = VGroup(*lines).arrange(DOWN, buff=0.1, aligned_edge=LEFT)
            if group.width > PANEL_WIDTH:  # a long translation: shrink a little rather than leave the frame
                group.scale_to_fit_width(PANEL_WIDTH)
            anchor = (below.get_bottom()[1] - 0.3) if below is not None else legend.get_bottom()[1] - 0.35
            return group.move_to(np.array([PANEL_X, anchor, 0]), aligned_edge=UP + LEFT)

        # 1. The training loss over every epoch.
        train_curve = curve(train, theme.TRAIN_COLOUR)
        above = np.flatnonzero(np.max([train, val, unseen], axis=0) > top)
        self.clipped_before = int(above[-1]) + 1 if above.size else 0  # curves are clipped only before this epoch
        train_note = panel(self.text("overfit.train_end", size=theme.SMALL_SIZE, color=theme.TRAIN_COLOUR,
                                     epochs=spec.epochs, value=fmt(train[-1]), unit=curves.unit))
        if self.clipped_before:
            top_left = train_note.get_corner(UP + LEFT)  # the note grows downwards from where panel() put it
            train_note.add(self.text("overfit.off_chart", size=theme.SMALL_SIZE - 2, color=theme.MUTED,
                                     first=self.clipped_before, top=top, unit=curves.unit))
            train_note.arrange(DOWN, buff=0.1, aligned_edge=LEFT).move_to(top_left, aligned_edge=UP + LEFT)
        self.play(Create(train_curve), QuickFadeIn(legend[0]), run_time=3.0)
        self.play(QuickFadeIn(train_note), run_time=0.6)
        self.pause(3.0)

        # 2. The unseen loss: down, then up again.
        unseen_curve = curve(unseen, theme.UNSEEN_COLOUR)
        low_dot = Dot(axes.c2p(lowest, unseen[lowest]), radius=0.07, color=theme.ACCENT)
        end_dot = Dot(axes.c2p(epochs[-1], unseen[-1]), radius=0.07, color=theme.OVERFIT_COLOUR)
        self.claims_overfitting = curves.overfits()
        if self.claims_overfitting:
            verdict = [self.text("overfit.verdict", size=theme.SMALL_SIZE, color=theme.OVERFIT_COLOUR,
                                 epoch=lowest, a=fmt(unseen[lowest]), b=fmt(unseen[-1]), unit=curves.unit),
                       self.text("overfit.seeds", size=theme.SMALL_SIZE - 2, color=theme.MUTED, runs=len(spec.seeds),
                                 lo=fmt(rises.min()), hi=fmt(rises.max()), spread=fmt(curves.seed_spread()),
                                 unit=curves.unit)]
        else:
            verdict = [self.text("overfit.no_verdict", size=theme.SMALL_SIZE, color=theme.TEXT, runs=len(spec.seeds),
                                 spread=fmt(curves.seed_spread()), unit=curves.unit)]
        unseen_note = panel(*verdict, below=train_note)
        self.play(Create(unseen_curve), QuickFadeIn(legend[2]), run_time=3.0)
        self.play(QuickFadeIn(low_dot), QuickFadeIn(end_dot), QuickFadeIn(unseen_note), run_time=0.8)
        self.pause(5.0)

        # 3. Early stopping watches the validation part, not the unseen one.
        stop = self.stop
        val_curve = curve(val, VALIDATION_COLOUR)
        kept_x, stop_x = axes.c2p(stop.kept_epoch, 0)[0], axes.c2p(stop.stopped_at, 0)[0]
        window = Rectangle(width=max(stop_x - kept_x, 0.01), height=axes.y_length, stroke_width=0)
        window.set_fill(VALIDATION_COLOUR, opacity=0.12).move_to(axes.c2p(0, 0), aligned_edge=DOWN + LEFT)
        window.shift(RIGHT * (kept_x - axes.c2p(0, 0)[0]))
        kept_line = DashedLine(axes.c2p(stop.kept_epoch, 0), axes.c2p(stop.kept_epoch, top), color=VALIDATION_COLOUR,
                               stroke_width=2.5)
        stop_line = DashedLine(axes.c2p(stop.stopped_at, 0), axes.c2p(stop.stopped_at, top), color=theme.MUTED,
                               stroke_width=2.5)
        stopping_note = VGroup(
            self.text("overfit.validation", size=theme.SMALL_SIZE - 2, color=VALIDATION_COLOUR),
            self.text("overfit.stopping", size=theme.SMALL_SIZE, color=VALIDATION_COLOUR, patience=spec.patience),
            self.text("overfit.stopped", size=theme.SMALL_SIZE - 2, color=theme.TEXT, stopped=stop.stopped_at,
                      kept=stop.kept_epoch, patience=spec.patience),
        )
        line_labels = VGroup(
            self.number(stop.kept_epoch, 0, size=theme.SMALL_SIZE, color=VALIDATION_COLOUR),
            self.number(stop.stopped_at, 0, size=theme.SMALL_SIZE, color=theme.MUTED))
        # Inside the chart's top, left of the kept epoch and right of the stop (the curves run lower there).
        line_labels[0].next_to(kept_line.get_top(), LEFT, buff=0.08).shift(DOWN * 0.2)
        line_labels[1].next_to(stop_line.get_top(), RIGHT, buff=0.08).shift(DOWN * 0.2)
        self.play(Create(val_curve), QuickFadeIn(legend[1]), run_time=3.0)
        # Each curve is marked at the kept epoch in its own colour: here the validation loss that chose it.
        val_dot = kept_mark(axes.c2p(stop.kept_epoch, stop.val), VALIDATION_COLOUR)
        self.play(Create(kept_line), Create(stop_line), QuickFadeIn(window), QuickFadeIn(line_labels),
                  QuickFadeIn(val_dot), run_time=1.0)
        # The training and unseen notes make room, so the panel ends well above the frame's bottom edge.
        stopping_note = panel(*stopping_note)
        self.play(QuickFadeOut(unseen_note), QuickFadeOut(train_note), QuickFadeIn(stopping_note), run_time=0.8)
        self.pause(4.0)

        # 4. Only now is the unseen loss read, at the kept epoch.
        kept_dot = kept_mark(axes.c2p(stop.kept_epoch, stop.unseen), theme.UNSEEN_COLOUR)
        self.kept_marks = {"val": val_dot, "unseen": kept_dot}
        result = panel(
            self.text("overfit.kept_unseen", size=theme.SMALL_SIZE, color=theme.UNSEEN_COLOUR, kept=stop.kept_epoch,
                      value=fmt(stop.unseen), unit=curves.unit),
            self.text("overfit.compare", size=theme.SMALL_SIZE - 2, color=theme.MUTED, epochs=spec.epochs,
                      end=fmt(unseen[-1]), low=fmt(unseen[lowest]), lowest=lowest, unit=curves.unit),
            below=stopping_note)
        self.play(QuickFadeIn(kept_dot), QuickFadeIn(result), run_time=1.0)
        self.pause(4.0)
