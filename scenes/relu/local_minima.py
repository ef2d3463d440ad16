"""LocalMinima: gradient descent stops where the gradient vanishes, and that place depends on the start.

One network of 2 ReLUs, y = b + c₁ max(0, b₁ + w₁x₁) + c₂ max(0, b₂ + w₂x₁), is trained twice
on hour of day -> riders/h (ReluFitTraining's points) by full-batch gradient descent, from two
random starts (``mathcore.studies.local_minima``). Both runs end with ‖∇L(θ)‖ below the stated
tolerance, at different losses. The higher one is a local minimum by mathcore's probe (no
random θ near it has a lower loss) and equals the best straight line: one of its ReLUs is 0
at every hour (so its gradient is 0 and it never moves) and the other bends before hour 0.
The lower one passes the same probe. Neither is the global minimum: ReluFitTraining's 2-ReLU
run (same hours, same η, another random start, fewer updates) reached a lower loss still.

Everything drawn is read from mathcore: the fits at each recorded update (eased between
recorded updates), the losses over updates (every update up to 1000, then every 1000th),
the gradient norms and the probe.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Axes,
    Create,
    Dot,
    Line,
    MathTex,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.piecewise import relus_to_curve
from mathcore.studies.local_minima import (
    GRADIENT_TOLERANCE,
    PROBES,
    RADII,
    lowest_nearby_loss,
    points_each_relu_is_on,
    recorded_path,
    two_starts,
    updates_until_small_gradient,
)
from mathcore.studies.model_bias import hour_of_day_fits
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.curves import ExactCurve
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.components.unit_ticks import nice_ticks, original_unit_labels
from scenes.number_format import count_text, number_text
from scenes.relu.relu_fit import ReluFitTraining, relu_sum_of
from scenes.relu.relu_fit import run_config as relu_fit_config
from scenes.steps import step_badge, title_beside_badge

#: Colour of start 1 (stopped higher) and start 2 (stopped lower).
START_COLOURS = (theme.RELU_UP, theme.SIGMOID_GREEN)
PLAY_SECONDS = 8.0
HOURS = (0.0, 23.0)
LOSS_RANGE = (11_000.0, 21_000.0)  # (riders/h)², the loss plot's y range
READOUT_LEFT = 0.45  # left edge of the gradient readouts, right of the data plot
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def times_ten_to(value: float) -> str:
    """A tiny positive number as '7.5×10⁻¹⁶' (one decimal)."""
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}×10{str(int(exponent)).translate(SUPERSCRIPTS)}"


class LocalMinima(ExplainerScene):
    """Two random starts of one 2-ReLU network: both stop at ‖g‖ ≈ 0, at different losses."""

    def construct(self) -> None:
        self.runs = two_starts()  # higher loss first: start 1 is the one that stopped higher
        config = self.runs[0].config
        self.data, self.model = training_data(config), model_for(config)
        self.paths = [recorded_path(run) for run in self.runs]
        meta = self.data.meta
        self.std2 = meta["y_std"] ** 2
        self.lowest_nearby = [lowest_nearby_loss(run) for run in self.runs]
        self.probes = PROBES * len(RADII)
        self.relus_on = [points_each_relu_is_on(run) for run in self.runs]
        self.line_mse = hour_of_day_fits(meta["name"]).line_mse
        self.stops = [updates_until_small_gradient(run) for run in self.runs]  # the stopping rule's update
        high, low = (number_text(run.loss_riders) for run in self.runs)
        self.other = self._previous_scenes_run()
        other_loss = float(self.other.train_loss[-1]) * self.std2
        self.numbers = dict(n=len(self.data.y), lr=f"{config['optimizer']['lr']:g}",
                            updates=count_text(int(self.paths[0].steps[-1])), tol=f"{GRADIENT_TOLERANCE:g}",
                            high=high, low=low, high_i=1, low_i=2, probes=count_text(self.probes),
                            line=number_text(self.line_mse), stop_high=self.stops[0], stop_low=self.stops[1],
                            other=number_text(other_loss), other_updates=count_text(int(self.other.step_number[-1])))
        self.narration_values.update(self.numbers)

        badge = step_badge(3)
        title = title_beside_badge(self.text("local_minima.title", size=theme.TITLE_SIZE - 8), badge)
        self.fit_axes, fit_frame = self._fit_axes()
        dots = VGroup(*[Dot(self.fit_axes.c2p(x, y), radius=0.04, color=theme.DATA_GREY, fill_opacity=0.7)
                        for x, y in zip(self.data.X[:, 0], self.data.y)])
        self.position = ValueTracker(0.0)  # log10(1 + updates made)
        self.fits = VGroup(*[ExactCurve(self.fit_axes, [], lambda x: x, color=colour, stroke_width=theme.THICK - 1)
                             for colour in START_COLOURS])
        legend = VGroup(*[VGroup(Line(ORIGIN, RIGHT * 0.4, color=colour, stroke_width=theme.THICK - 1),
                                 self.text("local_minima.start", size=theme.SMALL_SIZE, color=colour, i=i + 1),
                                 ).arrange(RIGHT, buff=0.2) for i, colour in enumerate(START_COLOURS)])
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        legend.next_to(self.fit_axes.c2p(self.fit_axes.x_range[0], self.fit_axes.y_range[1]), DOWN + RIGHT, buff=0.15)
        self.legend = legend
        same = self.text("local_minima.same", size=theme.SMALL_SIZE, color=theme.MUTED, **self.numbers)
        model = MathTex(r"y = b + c_1 \max(0,\, b_1 + w_1 x_1) + c_2 \max(0,\, b_2 + w_2 x_1)",
                        font_size=32, color=theme.TEXT)
        self.bottom = VGroup(model, same).arrange(DOWN, buff=0.25).to_edge(DOWN, buff=0.3)
        self._redraw_fits()
        self.add(badge, title)
        self.play(Create(fit_frame), QuickFadeIn(dots), run_time=1.0)
        self.play(*[Create(fit) for fit in self.fits], QuickFadeIn(legend), QuickFadeIn(self.bottom), run_time=1.2)
        self.pause(8.5)

        # Gradient descent from both starts: the fits move, the losses are drawn over updates.
        self.loss_axes, loss_frame = self._loss_axes()
        self.loss_curves = VGroup(*[VMobject(color=colour, stroke_width=theme.THIN + 1) for colour in START_COLOURS])
        self._redraw_losses()
        self.play(Create(loss_frame), run_time=0.8)
        moving = VGroup(self.fits, self.loss_curves)
        moving.add_updater(lambda _m: (self._redraw_fits(), self._redraw_losses()))
        self.add(moving)
        end = float(np.log10(1 + self.paths[0].steps[-1]))
        self.play(self.position.animate.set_value(end), run_time=PLAY_SECONDS, rate_func=linear)
        moving.clear_updaters()
        self.loss_ends = self._loss_end_labels()
        self.play(QuickFadeIn(self.loss_ends), run_time=0.6)
        self.pause(2.0)

        # Where each stops: the update from which the gradient norm is below the tolerance.
        self.readouts = self._gradient_readouts()
        self.stop_dots = VGroup(*[Dot(self.loss_axes.c2p(np.log10(k), path.losses[k] * self.std2), radius=0.07,
                                      color=colour) for k, path, colour in zip(self.stops, self.paths, START_COLOURS)])
        self.play(QuickFadeIn(self.readouts), QuickFadeIn(self.stop_dots), run_time=0.8)
        self.pause(13.0)

        for key, hold in (("local_minima.local", 11.0), ("local_minima.why", 14.0)):
            self._replace_bottom(self.text(key, size=theme.SMALL_SIZE, color=theme.TEXT, **self.numbers))
            self.pause(hold)
        conclusion = VGroup(
            self.text("local_minima.conclusion", size=theme.SMALL_SIZE, color=theme.ACCENT, **self.numbers),
            self.text("local_minima.not_global", size=theme.SMALL_SIZE, color=theme.MUTED, **self.numbers),
        ).arrange(DOWN, buff=0.2)
        self.play(QuickFadeOut(self.readouts), run_time=0.5)  # the conclusion needs the room below the losses
        self._replace_bottom(conclusion)
        self.pause(18.5)

    def _previous_scenes_run(self):
        """ReluFitTraining's 2-ReLU run (its strip's first panel) with that scene's default settings."""
        defaults = {p.name: p.default for p in ReluFitTraining.PARAMS}
        settings = {name: defaults[name] for name in ("lr", "epochs", "seed", "optimizer", "dataset")}
        self.other_config = relu_fit_config(self.runs[0].config["model"]["hidden"][0], **settings)
        return get_or_train(self.other_config)

    # ------------------------------------------------------------------ drawing
    def _fit_axes(self) -> tuple[Axes, VGroup]:
        """Hour of day -> riders/h, drawn in standardised units with original-unit ticks."""
        meta, x, y = self.data.meta, self.data.X[:, 0], self.data.y
        x_pad, y_pad = 0.03 * (x.max() - x.min()), 0.08 * (y.max() - y.min())
        axes = Axes(x_range=(float(x.min() - x_pad), float(x.max() + x_pad)),
                    y_range=(float(y.min() - y_pad), float(y.max() + y_pad)), x_length=6.4, y_length=3.5,
                    axis_config={"include_ticks": False})
        axes.move_to(LEFT * 3.2 + UP * 0.75)
        (x0, x1), (y0, y1) = axes.x_range[:2], axes.y_range[:2]
        riders = np.array([y0, y1]) * meta["y_std"] + meta["y_mean"]
        frame = VGroup(
            Line(axes.c2p(x0, y0), axes.c2p(x1, y0), color=theme.MUTED),
            Line(axes.c2p(x0, y0), axes.c2p(x0, y1), color=theme.MUTED),
            original_unit_labels(axes, "x", meta["x_mean"], meta["x_std"], nice_ticks(*HOURS, 5)),
            original_unit_labels(axes, "y", meta["y_mean"], meta["y_std"], nice_ticks(*riders, 4)),
        )
        x_label = self.text("local_minima.x_axis", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        x_label.next_to(axes.c2p(x1, y0), DOWN, buff=0.45).align_to(axes.c2p(x1, y0), RIGHT)
        y_label = self.text("local_minima.y_axis", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        y_label.next_to(axes.c2p(x0, y1), UP, buff=0.12).align_to(frame[3], LEFT)
        caption = self.text("local_minima.data", size=theme.SMALL_SIZE - 2, color=theme.DATA_GREY, n=len(y))
        caption.next_to(axes.c2p(x1, y1), UP, buff=0.12).align_to(axes.c2p(x1, y1), RIGHT)
        frame.add(x_label, y_label, caption)
        return axes, frame

    def _loss_axes(self) -> tuple[Axes, VGroup]:
        """L in (riders/h)² over log10(updates), from 1 update to the last."""
        last = float(np.log10(self.paths[0].steps[-1]))
        axes = Axes(x_range=(0.0, last, 1.0), y_range=(*LOSS_RANGE, 5_000.0), x_length=3.9, y_length=2.2,
                    axis_config={"include_ticks": False})  # the ticks are drawn below, in the data's units
        axes.move_to(RIGHT * 3.15 + UP * 1.4)
        (x0, x1), (y0, y1) = axes.x_range[:2], axes.y_range[:2]
        frame = VGroup(Line(axes.c2p(x0, y0), axes.c2p(x1, y0), color=theme.MUTED),
                       Line(axes.c2p(x0, y0), axes.c2p(x0, y1), color=theme.MUTED))
        size = theme.SMALL_SIZE - 4
        for power in range(int(last) + 1):
            at = axes.c2p(power, y0)
            label = self.number(10.0**power, digits=0, size=size, color=theme.MUTED)
            frame.add(Line(at, at + DOWN * 0.1, color=theme.MUTED, stroke_width=2), label.next_to(at, DOWN, buff=0.15))
        for value in nice_ticks(*LOSS_RANGE, 3):
            at = axes.c2p(x0, value)
            label = self.text("local_minima.loss_end", size=size, color=theme.MUTED, loss=number_text(value))
            frame.add(Line(at, at + LEFT * 0.1, color=theme.MUTED, stroke_width=2), label.next_to(at, LEFT, buff=0.1))
        y_label = self.text("local_minima.loss_axis", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        y_label.next_to(axes.c2p(x0, y1), UP, buff=0.12).align_to(frame, LEFT)
        x_label = self.text("local_minima.updates_axis", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        x_label.next_to(axes.c2p((x0 + x1) / 2, y0), DOWN, buff=0.5)
        frame.add(y_label, x_label)
        return axes, frame

    def updates_made(self) -> float:
        """The update count the animation has reached (fractional between updates)."""
        return float(10.0 ** self.position.get_value() - 1.0)

    def theta_at(self, k: int, updates: float) -> np.ndarray:
        """θ of start ``k`` eased linearly between its recorded updates."""
        path = self.paths[k]
        return np.array([np.interp(updates, path.steps, path.thetas[:, j]) for j in range(path.thetas.shape[1])])

    def _redraw_fits(self) -> None:
        updates = self.updates_made()
        for k, fit in enumerate(self.fits):
            curve = relus_to_curve(relu_sum_of(self.model, self.theta_at(k, updates)))
            fit.update_curve(curve.x, curve)

    def _redraw_losses(self) -> None:
        """Each start's recorded loss (riders/h)² at every recorded update from 1 to the one reached."""
        updates = self.updates_made()
        for path, curve in zip(self.paths, self.loss_curves):
            shown = (path.steps >= 1) & (path.steps <= updates)
            steps, losses = path.steps[shown], path.losses[shown] * self.std2
            if updates > 1 and updates not in steps:  # the stretch to the update being made
                steps = np.append(steps, updates)
                losses = np.append(losses, np.interp(updates, path.steps, path.losses) * self.std2)
            curve.clear_points()
            if len(steps) >= 2:
                points = [self.loss_axes.c2p(np.log10(s), v) for s, v in zip(steps, losses)]
                curve.set_points_as_corners(np.array(points))

    def _loss_end_labels(self) -> VGroup:
        """Each start's final loss, right of its curve's end."""
        labels = VGroup()
        for run, colour, curve in zip(self.runs, START_COLOURS, self.loss_curves):
            label = self.text("local_minima.loss_end", size=theme.SMALL_SIZE, color=colour,
                              loss=number_text(run.loss_riders))
            labels.add(label.next_to(curve.points[-1], RIGHT, buff=0.15))
        return labels

    def _gradient_readouts(self) -> VGroup:
        """The stopping rule's update for each start (a dot on its loss curve), and ‖g‖ after the last update."""
        size = theme.SMALL_SIZE - 2
        rows = VGroup(self.text("local_minima.gradient", size=size, color=theme.MUTED))
        for i, (k, colour) in enumerate(zip(self.stops, START_COLOURS)):
            rows.add(self.text("local_minima.stop", size=size, color=colour, i=i + 1, k=k, tol=self.numbers["tol"]))
        rows.add(self.text("local_minima.after", size=size, color=theme.MUTED, updates=self.numbers["updates"],
                           high=times_ten_to(self.runs[0].gradient_norm), low=times_ten_to(self.runs[1].gradient_norm)))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        rows.next_to(self.loss_axes.c2p(0.0, LOSS_RANGE[0]), DOWN, buff=0.85)
        return rows.set_x(READOUT_LEFT + rows.width / 2)

    def _replace_bottom(self, new: VGroup) -> None:
        new.to_edge(DOWN, buff=0.3)
        self.play(QuickFadeOut(self.bottom), QuickFadeIn(new), run_time=0.8)
        self.bottom = new

