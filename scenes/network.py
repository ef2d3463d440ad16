"""MatrixForm and ForwardPass: a trained network's real numbers, as matrices and as a picture.

MatrixForm is the book's figure 1.14: three inputs, three sigmoids, one output, written
as r = b + W x, a = σ(r), y = b + cᵀa with the numbers of a model that mathcore trained
on the real series; then every unknown slides into one column θ (mathcore's theta order).
ForwardPass pushes real inputs from the unseen period through a trained ReLU network:
neurons fill by activation, edges are coloured by the real weights, and the prediction
is set against the true value in original units.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Brace,
    Create,
    Indicate,
    MathTex,
    Matrix,
    ReplacementTransform,
    SurroundingRectangle,
    VGroup,
    Write,
)

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.data import load
from mathcore.models import MLP
from mathcore.train import Trajectory
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.network_diagram import NetworkDiagram, weights_from_params
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.params import Param, parse_widths
from scenes.strings import t

MATRIX_FONT = 26
HIGHLIGHT = theme.ACCENT


def trained_model(config: dict) -> tuple[MLP, Trajectory]:
    """The model of ``config`` at the end of its training run, from the trajectory cache (trained once)."""
    trajectory = get_or_train(config)
    model = model_for(config)
    model.set_theta(trajectory.final_theta)
    return model, trajectory


def fmt(value: float, digits: int = 2) -> str:
    """A number for the screen; never '-0.00'."""
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def number_matrix(values: np.ndarray, font_size: float = MATRIX_FONT, v_buff: float = 0.55) -> Matrix:
    """A bracketed matrix (or column, for 1-D values) of numbers with 2 decimals."""
    rows = np.atleast_2d(values) if np.ndim(values) == 2 else np.asarray(values)[:, None]
    return Matrix([[fmt(v) for v in row] for row in rows], h_buff=1.1, v_buff=v_buff,
                  element_to_mobject_config={"font_size": font_size, "color": theme.TEXT},
                  bracket_config={"color": theme.MUTED})


def symbol_column(names: list[str], font_size: float = MATRIX_FONT) -> Matrix:
    return Matrix([[n] for n in names], v_buff=0.55, element_to_mobject_config={"font_size": font_size},
                  bracket_config={"color": theme.MUTED})


def subscript(*numbers: int) -> str:
    """Unicode subscript digits, so that plain text can say x₁ or w₂₁."""
    return "".join(str(n) for n in numbers).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def tex(s: str, size: float = MATRIX_FONT + 4, color: str = theme.TEXT) -> MathTex:
    return MathTex(s, font_size=size, color=color)


def data_words(name: str, k: int) -> dict:
    """Placeholders for the 'trained on ...' line, in the current language."""
    step = load(name).step
    return {"data": t(f"network.data.{name}"), "k": k, "step": t(f"network.step.{step}")}


class MatrixForm(ExplainerScene):
    """Figure 1.14 with real trained numbers: r = b + W x, a = σ(r), y = b + cᵀa, then θ."""

    PARAMS = (
        Param("dataset", "bikeshare", "the real series the 3-input, 3-sigmoid model is trained on",
              choices=("bikeshare", "seattle")),
        Param("lr", 0.01, "Adam learning rate", low=1e-5, high=1.0),
        Param("epochs", 1000, "full-batch training epochs", low=1, high=100000),
        Param("seed", 0, "model initialisation seed", low=0, high=10**6),
    )
    N_INPUTS = 3
    N_SIGMOIDS = 3

    def config(self) -> dict:
        epochs = int(self.param("epochs"))
        return {"data": {"source": "windows", "name": self.param("dataset"), "k": self.N_INPUTS},
                "model": {"hidden": [self.N_SIGMOIDS], "activation": "sigmoid", "seed": int(self.param("seed"))},
                "optimizer": {"name": "adam", "lr": float(self.param("lr"))},
                "epochs": epochs, "record_every": epochs}

    def construct(self) -> None:
        model, _ = trained_model(self.config())
        self.model = model
        p = model.params
        W, b_vec, c, b = p["W1"], p["b1"], p["c"], float(p["b"][0])
        n, h = self.N_INPUTS, self.N_SIGMOIDS

        title = self.text("network.matrix.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.3)
        source = self.text("network.matrix.trained", size=theme.SMALL_SIZE, color=theme.MUTED,
                           **data_words(self.param("dataset"), n)).next_to(title, DOWN, buff=0.15)
        self.add(title)

        # The three equations with the trained numbers (placed first: they need the room).
        W_m, b_m, c_m = number_matrix(W), number_matrix(b_vec), number_matrix(c[None, :])
        x_col = symbol_column([f"x_{j + 1}" for j in range(n)])
        r_col, a_col = symbol_column([f"r_{i + 1}" for i in range(h)]), symbol_column([f"a_{i + 1}" for i in range(h)])
        b_scalar = tex(fmt(b))
        eq_r = VGroup(r_col, tex("="), b_m, tex("+"), W_m, x_col).arrange(RIGHT, buff=0.16)
        eq_a = VGroup(a_col.copy(), tex("="), tex(r"\sigma\Big("), r_col.copy(), tex(r"\Big)")).arrange(RIGHT, buff=0.1)
        eq_y = VGroup(tex("y"), tex("="), b_scalar, tex("+"), c_m, a_col).arrange(RIGHT, buff=0.16)
        equations = VGroup(eq_r, eq_a, eq_y).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        equations.scale(min(1.0, 7.4 / equations.width, 5.9 / equations.height))
        equations.next_to(source, DOWN, buff=0.35).to_edge(RIGHT, buff=0.35)

        # The figure: x_j -> r_i (weights W), r_i -> sigma -> a_i, a_i -> y (weights c).
        style = {"radius": 0.28, "neuron_gap": 1.1, "layer_gap": 1.55, "label_size": 32}
        to_r = NetworkDiagram([n, h], [W], labels=[[f"x_{j + 1}" for j in range(n)],
                                                   [f"r_{i + 1}" for i in range(h)]], **style)
        to_y = NetworkDiagram([h, 1], [c[None, :]], labels=[[f"a_{i + 1}" for i in range(h)], ["y"]], **style)
        to_y.next_to(to_r, RIGHT, buff=0.95).align_to(to_r, UP)
        sigmas = VGroup(*[
            Arrow(to_r.neuron(1, i).get_right(), to_y.neuron(0, i).get_left(), buff=0.05,
                  color=theme.SIGMOID_GREEN, stroke_width=3, max_tip_length_to_length_ratio=0.25)
            for i in range(h)])
        sigma_labels = VGroup(*[tex(r"\sigma", 28, theme.SIGMOID_GREEN).next_to(arrow, UP, buff=0.04)
                                for arrow in sigmas])
        figure = VGroup(to_r, to_y, sigmas, sigma_labels)
        figure.to_edge(LEFT, buff=0.4).set_y(equations.get_y() + 0.3)
        self.play(QuickFadeIn(source), Create(to_r), run_time=1.2)
        self.play(Create(sigmas), QuickFadeIn(sigma_labels), Create(to_y), run_time=1.2)
        self.pause()

        symbols = [tex(r"r = b + W x"), tex(r"a = \sigma(r)"), tex(r"y = b + c^{\mathsf T} a")]
        for symbol, equation in zip(symbols, equations):
            symbol.move_to(equation, aligned_edge=LEFT)
            self.play(Write(symbol), run_time=0.8)
            self.play(QuickFadeOut(symbol), QuickFadeIn(equation), run_time=1.0)
        self.pause()

        # One path x_j -> r_i -> a_i -> y: the one whose weights multiply to the most.
        i, j = np.unravel_index(np.argmax(np.abs(c[:, None] * W)), W.shape)
        self.path = (int(j), int(i))
        path_parts = [to_r.neuron(0, j), to_r.edge(0, i, j), to_r.neuron(1, i), sigmas[i], to_y.neuron(0, i),
                      to_y.edge(0, 0, i), to_y.neuron(1, 0)]
        entries = [x_col.get_entries()[j], W_m.get_rows()[i][j], b_m.get_entries()[i], r_col.get_entries()[i],
                   eq_a[0].get_entries()[i], c_m.get_entries()[i], eq_y[5].get_entries()[i]]
        boxes = VGroup(*[SurroundingRectangle(e, color=HIGHLIGHT, buff=0.05, stroke_width=2.5) for e in entries])
        path_note = VGroup(
            self.text("network.matrix.path", size=theme.SMALL_SIZE, color=HIGHLIGHT, j=subscript(j + 1)),
            self.text("network.matrix.path_note", size=theme.SMALL_SIZE, color=theme.MUTED,
                      i=subscript(i + 1), ij=subscript(i + 1, j + 1)),
        ).arrange(DOWN, buff=0.1, aligned_edge=LEFT).next_to(figure, DOWN, buff=0.25).align_to(figure, LEFT)
        self.play(*[part.animate.set_stroke(HIGHLIGHT, width=6, opacity=1.0) for part in path_parts],
                  Create(boxes), QuickFadeIn(path_note), run_time=1.5)
        self.pause()

        # Every unknown into one column theta, in mathcore's order: W row by row, b, c, b.
        self.play(QuickFadeOut(boxes), QuickFadeOut(path_note), QuickFadeOut(figure), QuickFadeOut(source),
                  QuickFadeOut(eq_a), run_time=0.8)
        sources = [*W_m.get_entries(), *b_m.get_entries(), *c_m.get_entries(), b_scalar]
        self.theta_values = model.theta
        theta_m = number_matrix(self.theta_values, font_size=24, v_buff=0.37)
        theta_eq = VGroup(tex(r"\theta ="), theta_m).arrange(RIGHT, buff=0.2)
        theta_eq.scale(min(1.0, 6.4 / theta_eq.height)).to_edge(LEFT, buff=1.2).shift(DOWN * 0.45)
        self.theta_entries = theta_m.get_entries()
        groups = VGroup()
        offsets = np.cumsum([0, W.size, b_vec.size, c.size, 1])
        for name, start, stop in zip(["W", "b", "c", "b"], offsets[:-1], offsets[1:]):
            part = VGroup(*self.theta_entries[start:stop])
            brace = Brace(part, RIGHT, buff=0.1, color=theme.MUTED)
            brace.shift(RIGHT * (theta_m.get_right()[0] + 0.08 - brace.get_left()[0]))
            groups.add(VGroup(brace, tex(name, 28, theme.MUTED).next_to(brace, RIGHT, buff=0.12)))
        theta_title = self.text("network.matrix.theta", size=theme.TITLE_SIZE)
        theta_title.to_edge(UP, buff=0.3)
        order = self.text("network.matrix.theta_order", size=theme.SMALL_SIZE, color=theme.MUTED,
                          n=len(self.theta_values)).next_to(theta_title, DOWN, buff=0.15)
        self.play(ReplacementTransform(title, theta_title), QuickFadeIn(order),
                  QuickFadeIn(theta_eq[0]), QuickFadeIn(theta_m.get_brackets()), run_time=0.8)
        self.play(*[ReplacementTransform(src.copy(), dst) for src, dst in zip(sources, self.theta_entries)],
                  QuickFadeIn(groups), run_time=2.5)
        self.remove(*self.theta_entries)
        self.add(theta_eq)
        self.play(Indicate(theta_m.get_brackets(), color=HIGHLIGHT), run_time=0.8)
        self.pause(1.5)


class ForwardPass(ExplainerScene):
    """Real unseen inputs flow through a trained ReLU network; prediction against truth."""

    PARAMS = (
        Param("dataset", "bikeshare", "the real series", choices=("bikeshare", "seattle")),
        Param("k", 7, "inputs: how many previous hours/days the network reads", low=1, high=24),
        Param("layers", "6,4", "hidden-layer widths, comma-separated (keep it drawable)"),
        Param("lr", 0.01, "Adam learning rate", low=1e-5, high=1.0),
        Param("epochs", 500, "full-batch training epochs", low=1, high=100000),
        Param("seed", 0, "model initialisation seed", low=0, high=10**6),
        Param("day", 3, "which day of the unseen period the examples come from (0 = first)", low=0, high=60),
        Param("hours", "8,17,3", "hours of that day to predict (hourly data); daily data takes that many days"),
    )

    def config(self) -> dict:
        epochs = int(self.param("epochs"))
        return {"data": {"source": "windows", "name": self.param("dataset"), "k": int(self.param("k"))},
                "model": {"hidden": list(parse_widths(self.param("layers"), "layers")), "activation": "relu",
                          "seed": int(self.param("seed"))},
                "optimizer": {"name": "adam", "lr": float(self.param("lr"))},
                "epochs": epochs, "record_every": epochs}

    def examples(self, meta: dict) -> list[int]:
        """Rows of the unseen period to show: the chosen hours of the chosen day (or consecutive days)."""
        series = load(self.param("dataset"))
        t_unseen = np.asarray(meta["t_unseen"])
        per_day = 24 if series.step == "hour" else 1
        day = np.floor((t_unseen - series.split_time) / per_day).astype(int)
        try:
            hours = [int(h) for h in str(self.param("hours")).split(",") if h.strip()]
        except ValueError:
            raise ValueError(f"hours must be comma-separated hours of day such as '8,17,3', "
                             f"got {self.param('hours')!r}") from None
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
        model, _ = trained_model(config)
        data = training_data(config)
        meta, k = data.meta, int(self.param("k"))
        series = load(self.param("dataset"))
        X, y = data.X_unseen, data.y_unseen
        trace = model.trace(X)
        y_hat = model.forward(X)
        self.model, self.rows = model, self.examples(meta)
        unit = t(f"network.unit.{self.param('dataset')}")

        # Normalisation of the fills (said on screen): inputs and output from the smallest to the
        # largest value of the unseen period; hidden neurons as a / (largest a of the layer there).
        self.fill_ranges = ([(float(X.min()), float(X.max()))]
                            + [(0.0, float(layer["a"].max()) or 1.0) for layer in trace]
                            + [(float(min(y.min(), y_hat.min())), float(max(y.max(), y_hat.max())))])

        title_key = "network.forward.title" if series.step == "hour" else "network.forward.title_day"
        title = self.text(title_key, size=theme.TITLE_SIZE).to_edge(UP, buff=0.3)
        diagram = NetworkDiagram([k, *model.hidden, 1], weights_from_params(model.params),
                                 layer_gap=2.1, neuron_gap=0.62, radius=0.2)
        diagram.scale_to_fit_height(min(diagram.height, 4.2)).move_to(LEFT * 1.9 + DOWN * 0.05)
        self.diagram = diagram
        step_word = t(f"network.step.{series.step}")
        inputs_label = self.text("network.forward.inputs", size=theme.SMALL_SIZE, color=theme.MUTED,
                                 k=k, step=step_word, unit=unit)
        inputs_label.next_to(diagram.column(0), UP, buff=0.25).align_to(diagram, LEFT).shift(LEFT * 1.0)
        legend = VGroup(
            self.text("network.forward.fill", size=theme.SMALL_SIZE - 2, color=theme.MUTED),
            self.text("network.forward.fill_ends", size=theme.SMALL_SIZE - 2, color=theme.MUTED),
            self.text("network.forward.edges", size=theme.SMALL_SIZE - 2, color=theme.MUTED),
        ).arrange(DOWN, buff=0.1, aligned_edge=LEFT).to_edge(DOWN, buff=0.25)
        self.add(title)
        self.play(Create(diagram), QuickFadeIn(inputs_label), QuickFadeIn(legend), run_time=1.5)
        self.pause()

        when, input_numbers, result = VGroup(), VGroup(), VGroup()
        for row in self.rows:
            date = series.dates[np.searchsorted(series.time, meta["t_unseen"][row])]
            new_when = self.text("network.forward.when", size=theme.BODY_SIZE, color=theme.ACCENT, when=date)
            new_when.next_to(title, DOWN, buff=0.2)
            original = series.values[np.searchsorted(series.time, meta["t_unseen"][row] - np.arange(1, k + 1))]
            new_numbers = VGroup(*[
                self.number(v, digits=0 if series.step == "hour" else 1, size=theme.SMALL_SIZE, color=theme.TEXT)
                .next_to(diagram.neuron(0, j), LEFT, buff=0.15)
                for j, v in zip(diagram.shown[0], original[diagram.shown[0]])])
            self.play(QuickFadeOut(when), QuickFadeOut(input_numbers), QuickFadeOut(result), QuickFadeIn(new_when),
                      QuickFadeIn(new_numbers), *diagram.fill_animations(0, X[row], *self.fill_ranges[0]), run_time=0.8)
            when, input_numbers = new_when, new_numbers
            for layer, values in enumerate(trace, start=1):
                self.play(*diagram.fill_animations(layer, values["a"][row], *self.fill_ranges[layer]), run_time=0.6)
            self.play(*diagram.fill_animations(len(trace) + 1, y_hat[row:row + 1], *self.fill_ranges[-1]),
                      run_time=0.6)
            prediction = float(series_value(meta, y_hat[row]))
            truth = float(series_value(meta, y[row]))
            digits = 0 if series.step == "hour" else 1
            result = VGroup(
                self.text("network.forward.prediction", size=theme.BODY_SIZE - 2, color=theme.ACCENT,
                          value=fmt(prediction, digits), unit=unit),
                self.text("network.forward.truth", size=theme.BODY_SIZE - 2, value=fmt(truth, digits), unit=unit),
                self.text("network.forward.error", size=theme.SMALL_SIZE, color=theme.MUTED,
                          value=fmt(abs(prediction - truth), digits)),
            ).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
            result.next_to(diagram.neurons[-1], RIGHT, buff=0.35)
            self.play(QuickFadeIn(result), run_time=0.6)
            self.pause()

        mae = float(np.mean(np.abs(y_hat - y)) * meta["std"])
        self.unseen_mae = mae
        summary = self.text("network.forward.unseen_mae", size=theme.SMALL_SIZE, color=theme.TEXT,
                            value=fmt(mae, 1), unit=unit)
        summary.next_to(result, DOWN, buff=0.45).align_to(result, LEFT)
        if summary.get_right()[0] > 6.9:
            summary.shift(LEFT * (summary.get_right()[0] - 6.9))
        self.play(QuickFadeIn(summary), run_time=0.6)
        self.pause(1.5)


def series_value(meta: dict, standardised: float) -> float:
    """A standardised target back in original units (the Windows mean and std)."""
    return standardised * meta["std"] + meta["mean"]
