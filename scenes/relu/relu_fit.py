"""ReluFitTraining: a sum of ReLUs with one input, trained on real data (CHAPTER.md §5).

The data are a 1-D relation from the shipped series (``mathcore.data.one_feature_relation``,
kind "cycle": hour of day -> riders for bikeshare). The run is read from the trajectory
cache (``mathcore.cache.get_or_train``); nothing is trained in ``construct``. The recorded
steps are shown log-spaced and eased linearly between recorded steps: each ReLU
``c_i max(0, b_i + w_i x)`` is a thin line of its own colour, and ``b`` plus their sum is
the thick red curve over the data, with the update count and the recorded loss.
It ends on a strip of 2, 4, 8, 16 and 32 ReLUs with their real final losses.

Only terms defined earlier in the chapter are used: the MSE loss (shown in the data's
units, (riders/h)², i.e. the recorded loss on standardised values times the data's std²),
plain gradient descent with a learning rate, and epochs (full batch: one update each).

Full-batch training of a small ReLU net lands in different local minima for different
initial weights (with seed 0, both ReLUs of the 2-ReLU net die and it stays flat). The
default ``seed`` is one for which every run of the strip trains; ``seed`` is a parameter.
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
    Line,
    MathTex,
    ValueTracker,
    VGroup,
    linear,
)

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.data import DATASETS
from mathcore.piecewise import ReluSum, relus_to_curve
from mathcore.studies.model_bias import HOURLY, hour_of_day_fits
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.curves import ExactCurve
from scenes.components.live_number import LiveNumber
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.components.trajectory_player import TrajectoryPlayer
from scenes.components.unit_ticks import nice_ticks, original_unit_labels
from scenes.number_format import number_text
from scenes.params import Param
from scenes.strings import STRINGS, t

STRIP_COUNTS = (2, 4, 8, 16, 32)
STRIP_SPACING = 2.65        # between the centres of the strip's panels
STRIP_WIDTH = 2.3
SHOWN_STEPS = 60            # recorded steps shown (log-spaced), eased between
PLAY_SECONDS = 9.0
COMPONENT_RANGE = (-3.0, 3.0)  # the ReLU panel's y range, standardised units (curves are clipped)
OPTIMISERS = ("gd", "momentum", "adagrad", "rmsprop", "adam")


def run_config(n_relus: int, lr: float, epochs: int, seed: int, optimizer: str, dataset: str) -> dict:
    """The cache config of one full-batch run: a 1-input, one-hidden-layer ReLU net on the relation."""
    return {
        "data": {"source": "relation", "name": dataset, "kind": "cycle", "n": 200, "seed": 0},
        "model": {"hidden": [n_relus], "activation": "relu", "seed": seed},
        "loss": "mse",
        "optimizer": {"name": optimizer, "lr": lr},
        "epochs": epochs,
    }


def relu_sum_of(model, theta: np.ndarray) -> ReluSum:
    """The book's form b + sum_i c_i max(0, b_i + w_i x) of a 1-input, 1-hidden-layer ReLU net."""
    p = model.unflatten(theta)
    return ReluSum(float(p["b"][0]), p["c"], p["b1"], p["W1"][:, 0])


def single(rs: ReluSum, i: int) -> ReluSum:
    """ReLU ``i`` on its own, without the constant."""
    return ReluSum(0.0, rs.c[i : i + 1], rs.b[i : i + 1], rs.w[i : i + 1])


class ReluFitTraining(ExplainerScene):
    """8 ReLUs fit hour of day -> riders, step by step from the recorded run; then 2..32 ReLUs."""

    PARAMS = (
        Param("n_relus", 8, "ReLUs in the hidden layer of the trained net", 1, 64),
        Param("lr", 0.1, "learning rate", 1e-5, 2.0),
        Param("epochs", 5000, "full-batch epochs (one update each)", 10, 20000),
        Param("seed", 12, "seed of the initial weights (all strip runs use it)", 0, 100000),
        Param("optimizer", "gd", "optimiser (plain gradient descent: the only one defined before this scene)",
              choices=OPTIMISERS),
        Param("dataset", "bikeshare", "shipped series (its 'cycle' relation)", choices=DATASETS),
    )
    #: Runs a lecturer can switch to in the HTML slides (`explainer slides --variants`): every
    #: narration number is read from the run shown, and these counts are in the trajectory cache
    #: already (the strip of 2..32 ReLUs trains them with the same seed).
    VARIANTS = {"n_relus": (4, 8, 16)}

    def construct(self) -> None:
        settings = {name: self.param(name) for name in ("lr", "epochs", "seed", "optimizer", "dataset")}
        self.config_of = lambda n: run_config(n, **settings)
        n_relus = int(self.param("n_relus"))
        config = self.config_of(n_relus)
        self.trajectory = get_or_train(config)
        self.data = training_data(config)
        self.model = model_for(config)
        meta = self.data.meta
        losses = self.trajectory.train_loss
        self.narration_values.update(
            n=n_relus, points=len(self.data.y), epochs=int(self.trajectory.step_number[-1]),
            start_loss=number_text(self.in_data_units(losses[0])),
            final_loss=number_text(self.in_data_units(losses[-1])))

        title = self.text("relu_fit.title", size=theme.TITLE_SIZE - 4, n=n_relus).to_edge(UP, buff=0.3)
        main, panel, frame = self._build_axes()
        dots = self._data_dots(main, radius=0.04)
        caption_key = f"relu_fit.caption.{meta['name']}"
        caption = (self.text(caption_key, size=theme.SMALL_SIZE, color=theme.DATA_GREY) if caption_key in STRINGS
                   else self.text("relu_fit.data", size=theme.SMALL_SIZE, color=theme.DATA_GREY, name=meta["name"],
                                  y_label=meta["y_label"], x_label=meta["x_label"]))
        caption.next_to(main.c2p(main.x_range[0], main.y_range[1]), UP, buff=0.12, aligned_edge=LEFT)
        self.add(title)
        self.play(Create(frame), QuickFadeIn(caption), run_time=1.0)
        self.play(QuickFadeIn(dots), run_time=1.0)
        self.pause(6.0)

        # The recorded run, eased between recorded steps.
        self.player = TrajectoryPlayer.from_trajectory(self.trajectory, count=SHOWN_STEPS)
        position = self.position = ValueTracker(0.0)
        now = lambda: relu_sum_of(self.model, self.player.theta_at(position.get_value()))
        colours = [theme.COMPONENT_COLOURS[i % len(theme.COMPONENT_COLOURS)] for i in range(n_relus)]
        self.components = [ExactCurve(panel, single(now(), i).breakpoints, single(now(), i), color=colours[i],
                                      stroke_width=theme.THIN) for i in range(n_relus)]
        start = relus_to_curve(now())
        self.sum_curve = ExactCurve(main, start.x, start, color=theme.CURVE_RED, stroke_width=theme.THICK)

        def redraw(_mobject) -> None:
            rs = now()
            for i, curve in enumerate(self.components):
                one = single(rs, i)
                curve.update_curve(one.breakpoints, one)
            total = relus_to_curve(rs)
            self.sum_curve.update_curve(total.x, total)

        # The updater sits on the group of curves it moves: manim renders mobjects without
        # updaters (in their family) once, as a still background, while an animation plays.
        self.moving_curves = VGroup(*self.components, self.sum_curve)
        readouts = self.readouts = self._readouts(position, meta)
        panel_label = VGroup(
            self.text("relu_fit.components", size=theme.SMALL_SIZE - 2, color=theme.MUTED, n=n_relus),
            MathTex(r"c_i \max(0,\, b_i + w_i x)", font_size=30, color=theme.MUTED),
        ).arrange(RIGHT, buff=0.2)
        panel_label.next_to(panel.c2p(panel.x_range[0], panel.y_range[1]), UP, buff=0.08, aligned_edge=LEFT)
        self.play(*[Create(c) for c in self.components], QuickFadeIn(panel_label), run_time=1.2)
        # The live numbers go on screen after the still lines: manim redraws every frame each scene
        # mobject from the first that holds an updater (nothing overlaps: the same pixels).
        live_numbers, still_lines = readouts[0], VGroup(*readouts[1:])
        self.play(Create(self.sum_curve), QuickFadeIn(still_lines), QuickFadeIn(live_numbers), run_time=1.0)
        self.moving_curves.add_updater(redraw)
        self.add(self.moving_curves)
        self.pause(5.0)

        self.play(position.animate.set_value(self.player.end), run_time=PLAY_SECONDS, rate_func=linear)
        self.lowest = self._lowest_point(relu_sum_of(self.model, self.trajectory.final_theta))  # for tests
        if self.lowest[1] < 0:  # the fit says fewer than 0 riders somewhere: say so, it is a true flaw
            hour, value = self.lowest
            note = self.text("relu_fit.below_zero", size=theme.SMALL_SIZE - 2, color=theme.MUTED,
                             x=f"{int(hour)}:{round(hour % 1 * 60):02d}", value=number_text(value),
                             unit=self._unit(meta))
            note.next_to(readouts, DOWN, buff=0.45).align_to(readouts, LEFT)
            self.below_zero_note = note
            self.play(QuickFadeIn(note), run_time=0.5)
        self.pause()
        self.moving_curves.clear_updaters()
        self.play(*[QuickFadeOut(m) for m in self.mobjects], run_time=0.8)
        self._strip()

    # ------------------------------------------------------------------ layout
    def _build_axes(self) -> tuple[Axes, Axes, VGroup]:
        """The data axes, the ReLU panel below it (same x), and their visible frame and unit ticks."""
        x, y = self.data.X[:, 0], self.data.y
        x_pad, y_pad = 0.03 * (x.max() - x.min()), 0.08 * (y.max() - y.min())
        x_range = (float(x.min() - x_pad), float(x.max() + x_pad))
        main = Axes(x_range=x_range, y_range=(float(y.min() - y_pad), float(y.max() + y_pad)),
                    x_length=7.8, y_length=3.3).move_to(LEFT * 2.4 + UP * 0.95)
        panel = Axes(x_range=x_range, y_range=COMPONENT_RANGE, x_length=7.8, y_length=1.9)
        panel.move_to(LEFT * 2.4 + DOWN * 2.2)
        meta = self.data.meta
        corner = lambda axes: axes.c2p(axes.x_range[0], axes.y_range[0])
        frame = VGroup(
            Line(corner(main), main.c2p(main.x_range[1], main.y_range[0]), color=theme.MUTED),
            Line(corner(main), main.c2p(main.x_range[0], main.y_range[1]), color=theme.MUTED),
            Line(panel.c2p(x_range[0], 0.0), panel.c2p(x_range[1], 0.0), color=theme.MUTED),
            Line(corner(panel), panel.c2p(x_range[0], COMPONENT_RANGE[1]), color=theme.MUTED),
        )
        x_lo, x_hi = (np.array(x_range) * meta["x_std"] + meta["x_mean"])
        y_lo, y_hi = (np.array(main.y_range[:2]) * meta["y_std"] + meta["y_mean"])
        frame.add(
            original_unit_labels(panel, "x", meta["x_mean"], meta["x_std"], nice_ticks(x_lo, x_hi, 5)),
            original_unit_labels(main, "y", meta["y_mean"], meta["y_std"], nice_ticks(y_lo, y_hi, 4)),
            # each ReLU adds to y: its own scale in the data's units, 0 on the panel's zero line
            original_unit_labels(panel, "y", 0.0, meta["y_std"],
                                 nice_ticks(*(np.array(COMPONENT_RANGE) * meta["y_std"]), 4)),
        )
        return main, panel, frame

    def _lowest_point(self, rs: ReluSum) -> tuple[float, float]:
        """Where the curve of ``rs`` is lowest over the data's x range, in the data's units (exact: ends and knots)."""
        meta, x = self.data.meta, self.data.X[:, 0]
        curve = relus_to_curve(rs)
        xs = np.concatenate([[x.min(), x.max()], curve.x[(curve.x > x.min()) & (curve.x < x.max())]])
        values = curve(xs)
        k = int(np.argmin(values))
        return (float(xs[k] * meta["x_std"] + meta["x_mean"]), float(values[k] * meta["y_std"] + meta["y_mean"]))

    def _data_dots(self, axes: Axes, radius: float) -> VGroup:
        return VGroup(*[Dot(axes.c2p(xi, yi), radius=radius, color=theme.DATA_GREY, fill_opacity=0.7)
                        for xi, yi in zip(self.data.X[:, 0], self.data.y)])

    def _readouts(self, position: ValueTracker, meta: dict) -> VGroup:
        """Update count, the recorded loss in the data's units, and the settings of the run."""
        u = position.get_value
        size = theme.SMALL_SIZE
        rows = VGroup(
            LiveNumber(self.text("relu_fit.step", size=size), lambda: self.player.step_at(u()), digits=0,
                       font_size=34, color=theme.ACCENT),
            LiveNumber(self.text("relu_fit.loss", size=size, unit=self._unit(meta)),
                       lambda: self.in_data_units(self.player.loss_at(u())), digits=0, font_size=34,
                       color=theme.CURVE_RED),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        optimizer = self.param("optimizer")
        name_key = f"relu_fit.optimizer.{optimizer}"
        settings = self.text("relu_fit.settings", size=size - 2, color=theme.MUTED,
                             optimizer=t(name_key) if name_key in STRINGS else optimizer,
                             lr=f"{self.param('lr'):g}", epochs=self.param("epochs"), n=len(self.data.y))
        legend = self.text("relu_fit.sum", size=size, color=theme.CURVE_RED)
        group = VGroup(rows, legend, settings).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        return group.move_to(RIGHT * 2.05 + UP * 0.6, aligned_edge=LEFT)

    def in_data_units(self, loss: float) -> float:
        """An MSE of standardised values in the data's units squared ((riders/h)²): times the std²."""
        return float(loss) * self.data.meta["y_std"] ** 2

    @staticmethod
    def _unit(meta: dict) -> str:
        """The data's unit in the current language (mathcore's own name if the table lacks it)."""
        key = f"relu_fit.unit.{meta['name']}"
        return t(key) if key in STRINGS else str(meta["unit"])

    # ------------------------------------------------------------------ the strip
    def _strip(self) -> None:
        title = self.text("relu_fit.strip_title", size=theme.TITLE_SIZE - 6,
                          unit=self._unit(self.data.meta)).to_edge(UP, buff=0.4)
        self.strip_runs = []  # for tests: (n, trajectory)
        panels = VGroup()
        x, y = self.data.X[:, 0], self.data.y
        meta = self.data.meta
        zero = (0.0 - meta["y_mean"]) / meta["y_std"]  # 0 in the data's units; fits may dip below it
        y_low = min(float(y.min()), zero) - 0.08 * float(y.max() - y.min())
        hours = nice_ticks(*(np.array([x.min(), x.max()]) * meta["x_std"] + meta["x_mean"]), 3)
        riders = nice_ticks(*(np.array([y_low, y.max()]) * meta["y_std"] + meta["y_mean"]), 2)
        self.strip_scales = []  # for tests: each panel's frame, zero line and tick labels
        for k, n in enumerate(STRIP_COUNTS):
            config = self.config_of(n)
            trajectory = get_or_train(config)
            model = model_for(config)
            axes = Axes(x_range=(float(x.min()), float(x.max())), y_range=(y_low, float(y.max())),
                        x_length=STRIP_WIDTH, y_length=3.2)
            # Placed before anything is drawn on it: curves keep asking their axes for positions.
            axes.move_to(RIGHT * (STRIP_SPACING * (k - (len(STRIP_COUNTS) - 1) / 2) + 0.2) + DOWN * 0.35)
            box = VGroup(Line(axes.c2p(x.min(), y_low), axes.c2p(x.max(), y_low), color=theme.MUTED),
                         Line(axes.c2p(x.min(), y_low), axes.c2p(x.min(), y.max()), color=theme.MUTED),
                         # the zero line and the hours, so a panel can be read; riders on the first one
                         DashedLine(axes.c2p(x.min(), zero), axes.c2p(x.max(), zero), color=theme.MUTED,
                                    stroke_width=1.5, dash_length=0.06),
                         original_unit_labels(axes, "x", meta["x_mean"], meta["x_std"], hours))
            if k == 0:
                box.add(original_unit_labels(axes, "y", meta["y_mean"], meta["y_std"], riders))
            self.strip_scales.append(box)
            dots = VGroup(*[Dot(axes.c2p(a, b), radius=0.02, color=theme.DATA_GREY, fill_opacity=0.6)
                            for a, b in zip(x, y)])
            fit = relus_to_curve(relu_sum_of(model, trajectory.final_theta))
            curve = ExactCurve(axes, fit.x, fit, color=theme.CURVE_RED, stroke_width=theme.THIN + 1)
            name = self.text("relu_fit.strip_n", size=theme.SMALL_SIZE, n=n)
            loss = self.text("relu_fit.strip_loss", size=theme.SMALL_SIZE, color=theme.CURVE_RED,
                             loss=number_text(self.in_data_units(trajectory.train_loss[-1])))
            name.next_to(box, UP, buff=0.2).set_x(axes.get_center()[0])
            loss.next_to(box, DOWN, buff=0.25).set_x(axes.get_center()[0])
            panels.add(VGroup(box, dots, curve, name, loss))
            self.strip_runs.append((n, trajectory, curve))
        finals = [self.in_data_units(run[1].train_loss[-1]) for run in self.strip_runs]
        self.narration_values.update(few=STRIP_COUNTS[0], few_loss=number_text(finals[0]),
                                     most=STRIP_COUNTS[-1], most_loss=number_text(finals[-1]), line_sentence="")
        self.add(title)
        name = self.data.meta["name"]
        self.references = None  # for tests: (best line's MSE, the floor) on these points, hourly data only
        if name in HOURLY:
            fits = hour_of_day_fits(name)
            self.references = (fits.line_mse, fits.floor_mse)
            reference = self.text("relu_fit.references", size=theme.SMALL_SIZE, color=theme.MUTED,
                                  line=number_text(fits.line_mse), floor=number_text(fits.floor_mse))
            reference.next_to(title, DOWN, buff=0.3)
            self.narration_values.update(line_sentence=t("relu_fit.line_sentence", line=number_text(fits.line_mse)))
            self.play(QuickFadeIn(reference), run_time=0.6)
        for panel in panels:
            self.play(QuickFadeIn(panel), run_time=1.0)
        self.pause(5.0)
