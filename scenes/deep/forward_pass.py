"""ForwardPass: real inputs from the unseen period flow through a trained ReLU network (CHAPTER.md §6).

The network (trained through the cache on the training period) reads the previous k
hours of riders. For a few chosen hours of the unseen period, the inputs x₁ … x_k are
shown in riders/h, each layer's activations a = ReLU(b + W x), a′ = ReLU(b′ + W′ a), ...
light up as bright discs (area = the activation over the largest value it takes in the
unseen period; an empty ring is a ReLU that does not fire), the edges carry the real weights,
and the output y (converted back to riders/h) is set against the label ŷ, the riders
really counted. The network computes on standardised values; the conversion is shown. A
line on screen says what a forward pass is, and the summary says which loss the network was
trained on (its run config's, MSE by default) and that the error shown is MAE, as in the book.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, MathTex, VGroup

from mathcore.cache import training_data
from mathcore.data import load
from mathcore.runspec import RunSpec
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.network_diagram import NetworkDiagram, weights_from_params
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.params import Param, parse_widths
from scenes.strings import t
from scenes.trained_networks import fmt, subscript, trained_model

#: The most examples one render walks through (a day's hours).
MAX_EXAMPLES = 24
#: Hours of day (from, to) whose example is narrated as a quiet hour at night.
NIGHT = (0, 6)


def series_value(meta: dict, standardised: float) -> float:
    """A standardised value back in original units (the windows' one mean and std)."""
    return standardised * meta["std"] + meta["mean"]


class ForwardPass(ExplainerScene):
    """Real unseen inputs flow through a trained ReLU network; the output y against the label ŷ."""

    PARAMS = (
        Param("dataset", "bikeshare", "the real series", choices=("bikeshare", "seattle")),
        Param("k", 7, "inputs: how many previous hours/days the network reads", low=1, high=24),
        Param("layers", "6,4", "hidden-layer widths, comma-separated (keep it drawable)"),
        Param("lr", 0.01, "Adam learning rate", low=1e-5, high=1.0),
        Param("epochs", 500, "full-batch training epochs", low=1, high=100000),
        Param("seed", 0, "model initialisation seed", low=0, high=10**6),
        Param("day", 3, "which day of the unseen period the examples come from (0 = first)", low=0, high=60),
        Param("hours", "8,17,3", f"1 to {MAX_EXAMPLES} hours of that day (0 .. 23) to predict, comma-separated "
                                 "(hourly data); daily data takes that many days"),
    )

    def config(self) -> dict:
        epochs = int(self.param("epochs"))
        return {"data": {"source": "windows", "name": self.param("dataset"), "k": int(self.param("k"))},
                "model": {"hidden": list(parse_widths(self.param("layers"), "layers")), "activation": "relu",
                          "seed": int(self.param("seed"))},
                "optimizer": {"name": "adam", "lr": float(self.param("lr"))},
                "epochs": epochs, "record_every": epochs}

    def chosen_hours(self) -> list[int]:
        """The ``hours`` parameter, checked: 1 to MAX_EXAMPLES hours of day, each 0 .. 23."""
        text = str(self.param("hours"))
        try:
            hours = [int(h) for h in text.split(",") if h.strip()]
        except ValueError:
            raise ValueError(f"hours must be comma-separated hours of day such as '8,17,3', got {text!r}") from None
        if not hours:
            raise ValueError(f"hours needs at least one hour of day, such as --set hours=8 or '8,17,3'; got {text!r}")
        if len(hours) > MAX_EXAMPLES:
            raise ValueError(f"hours takes at most {MAX_EXAMPLES} hours (one day's), got {len(hours)}; "
                             "pick fewer")
        outside = [h for h in hours if not 0 <= h <= 23]
        if outside:
            raise ValueError(f"hours must be hours of day from 0 to 23, got {outside} in {text!r}")
        return hours

    def narration_key(self, stretch: int) -> str:
        """One line before the examples (say.0), one per example, the summary (say.4) after them.

        The first example gets say.1, a later one say.3 when it is an hour at night (hourly data)
        and say.2 otherwise, so any number of hours is narrated; the default 8,17,3 reads 0 to 4.
        """
        keys = getattr(self, "stretch_keys", None)
        if keys is None:
            return super().narration_key(stretch)
        return keys[stretch] if stretch < len(keys) else "ForwardPass.say.after_summary"  # no such line

    def example_keys(self, hourly: bool) -> list[str]:
        """The narration key of each example's stretch (see ``narration_key``)."""
        hours = self.chosen_hours()
        return ["ForwardPass.say.1"] + [
            "ForwardPass.say.3" if hourly and NIGHT[0] <= hour < NIGHT[1] else "ForwardPass.say.2"
            for hour in hours[1:]]

    def examples(self, meta: dict) -> list[int]:
        """Rows of the unseen period to show: the chosen hours of the chosen day (or consecutive days)."""
        series = load(self.param("dataset"))
        t_unseen = np.asarray(meta["t_unseen"])
        per_day = 24 if series.step == "hour" else 1
        day = np.floor((t_unseen - series.split_time) / per_day).astype(int)
        hours = self.chosen_hours()
        if series.step == "hour":
            hour = series.hour[np.searchsorted(series.time, t_unseen)]
            wanted = [(int(self.param("day")), h) for h in hours]
            rows = [np.flatnonzero((day == d) & (hour == h)) for d, h in wanted]
        else:
            rows = [np.flatnonzero(day == int(self.param("day")) + n) for n in range(len(hours))]
        missing = [w for w, r in zip(hours, rows) if r.size == 0]
        if missing:
            raise ValueError(f"the unseen period has no row for hours {missing} of day {self.param('day')}; "
                             "choose another day or hours")
        return [int(r[0]) for r in rows]

    def construct(self) -> None:
        config = self.config()
        data = training_data(config)
        meta, k = data.meta, int(self.param("k"))
        series = load(self.param("dataset"))
        self.rows = self.examples(meta)  # checked before the network is trained
        self.stretch_keys = ["ForwardPass.say.0", *self.example_keys(series.step == "hour"), "ForwardPass.say.4"]
        model, _ = trained_model(config)
        X, y_label = data.X_unseen, data.y_unseen
        trace = model.trace(X)
        y_out = model.forward(X)
        self.model = model
        unit = t(f"network.unit.{self.param('dataset')}")
        digits = 0 if series.step == "hour" else 1
        step_word = t(f"network.step.{series.step}")

        # Fill levels (said on screen): every neuron from 0 (or the smallest input/output value of
        # the unseen period) to the largest value it takes there.
        self.fill_ranges = ([(float(X.min()), float(X.max()))]
                            + [(0.0, float(layer["a"].max()) or 1.0) for layer in trace]
                            + [(float(min(y_label.min(), y_out.min())), float(max(y_label.max(), y_out.max())))])
        self.narration_values = {"k": k}

        title_key = "forward.title" if series.step == "hour" else "forward.title_day"
        title = self.text(title_key, size=theme.TITLE_SIZE).to_edge(UP, buff=0.25)
        diagram = NetworkDiagram([k, *model.hidden, 1], weights_from_params(model.params),
                                 layer_gap=2.0, neuron_gap=0.62, radius=0.24)
        diagram.scale_to_fit_height(min(diagram.height, 4.1)).move_to(LEFT * 1.7 + DOWN * 0.15)
        self.diagram = diagram
        inputs_label = self.text("forward.inputs", size=theme.SMALL_SIZE, color=theme.MUTED, k=k, ks=subscript(k),
                                 step=step_word, quantity=t(f"network.quantity.{self.param('dataset')}"))
        inputs_label.next_to(diagram.column(0), UP, buff=0.3).align_to(diagram, LEFT).shift(LEFT * 1.0)
        x_names = VGroup(*[MathTex(f"x_{{{j + 1}}}", font_size=30, color=theme.MUTED)
                           .next_to(diagram.neuron(0, j), LEFT, buff=0.95) for j in diagram.shown[0]])
        names = ["a" + "'" * i for i in range(len(model.hidden))] + ["y"]  # a, a', a'', ..., then the output y
        layer_names = VGroup(*[
            MathTex(name, font_size=34, color=theme.ACCENT).next_to(diagram.column(layer), UP, buff=0.2)
            for layer, name in enumerate(names, start=1)])
        # What a forward pass is, then a short key: disc fill, edge colours, the standardisation.
        legend = VGroup(
            self.text("forward.explain", size=theme.SMALL_SIZE - 2, color=theme.TEXT),
            self.text("forward.fill", size=theme.SMALL_SIZE - 2, color=theme.MUTED),
            self.text("forward.standardised", size=theme.SMALL_SIZE - 2, color=theme.MUTED,
                      mean=fmt(meta["mean"], digits), std=fmt(meta["std"], digits), unit=unit),
        ).arrange(DOWN, buff=0.08, aligned_edge=LEFT).to_edge(DOWN, buff=0.2).to_edge(LEFT, buff=0.4)
        self.add(title)
        self.play(Create(diagram), QuickFadeIn(inputs_label), QuickFadeIn(x_names), QuickFadeIn(layer_names),
                  QuickFadeIn(legend), run_time=1.5)
        self.pause(3.0)

        when, input_numbers, result = VGroup(), VGroup(), VGroup()
        for example, row in enumerate(self.rows):
            date = series.dates[np.searchsorted(series.time, meta["t_unseen"][row])]
            new_when = self.text("forward.when", size=theme.BODY_SIZE, color=theme.ACCENT, when=date)
            new_when.next_to(title, DOWN, buff=0.15)
            original = series.values[np.searchsorted(series.time, meta["t_unseen"][row] - np.arange(1, k + 1))]
            new_numbers = VGroup(*[
                self.number(v, digits=digits, size=theme.SMALL_SIZE, color=theme.TEXT)
                .next_to(diagram.neuron(0, j), LEFT, buff=0.15)
                for j, v in zip(diagram.shown[0], original[diagram.shown[0]])])
            self.play(QuickFadeOut(when), QuickFadeOut(input_numbers), QuickFadeOut(result), QuickFadeIn(new_when),
                      QuickFadeIn(new_numbers), *diagram.fill_animations(0, X[row], *self.fill_ranges[0]), run_time=0.8)
            when, input_numbers = new_when, new_numbers
            step_time = 1.0 if example == 0 else 0.6  # the first pass slowly, layer by layer
            for layer, values in enumerate(trace, start=1):
                self.play(*diagram.fill_animations(layer, values["a"][row], *self.fill_ranges[layer]),
                          run_time=step_time)
            self.play(*diagram.fill_animations(len(trace) + 1, y_out[row:row + 1], *self.fill_ranges[-1]),
                      run_time=step_time)
            output = float(series_value(meta, y_out[row]))
            label = float(series_value(meta, y_label[row]))
            values = {"y": fmt(output, digits), "label": fmt(label, digits), "error": fmt(abs(output - label), digits)}
            self.narration_values.update(values)
            error_unit = (t(f"forward.unit_one.{self.param('dataset')}", unit=unit) if values["error"] == "1"
                          else unit)
            result = VGroup(
                self.text("forward.output", size=theme.BODY_SIZE - 2, color=theme.ACCENT, value=values["y"], unit=unit),
                self.text("forward.label", size=theme.BODY_SIZE - 2, value=values["label"], unit=unit),
                self.text("forward.error", size=theme.SMALL_SIZE, color=theme.MUTED, value=values["error"],
                          unit=error_unit),
            ).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
            result.next_to(diagram.neurons[-1], RIGHT, buff=0.35)
            self.play(QuickFadeIn(result), run_time=0.6)
            self.pause(3.0 if example == 0 else 2.0)

        mae = float(np.mean(np.abs(y_out - y_label)) * meta["std"])
        self.unseen_mae = mae
        # The loss it was trained on, read from its run config; the error shown is MAE either way.
        self.trained_loss = RunSpec.from_dict(config).loss
        self.narration_values["mae"] = fmt(mae, 1)
        self.narration_values["trained_on"] = t(f"forward.say.trained_on.{self.trained_loss}")
        summary = VGroup(
            self.text("forward.unseen_mae", size=theme.SMALL_SIZE, color=theme.TEXT, value=fmt(mae, 1),
                      unit=unit, n=len(y_label)),
            self.text(f"forward.trained_on.{self.trained_loss}", size=theme.SMALL_SIZE - 3, color=theme.MUTED),
        ).arrange(DOWN, buff=0.1, aligned_edge=LEFT)
        summary.next_to(result, DOWN, buff=0.45).align_to(result, LEFT)
        if summary.get_right()[0] > 6.9:
            summary.shift(LEFT * (summary.get_right()[0] - 6.9))
        self.play(QuickFadeIn(summary), run_time=0.6)
        self.pause(3.0)
