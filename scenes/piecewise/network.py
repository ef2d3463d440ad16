"""MatrixForm: a trained network's real numbers, as matrices (ForwardPass, the picture, is in scenes.deep.forward_pass).

MatrixForm is the book's figure 1.14: three inputs, three sigmoids, one output. Each rᵢ is
written out (element form), then as rᵢ = bᵢ + Σⱼ wᵢⱼ xⱼ (weights wᵢⱼ, biases bᵢ), then in
matrix form r = b + W x, a = σ(r), y = b + cᵀa with symbols, then with the numbers of a
model trained on the real series (standardised riders: the conversion is said once on
screen); then every unknown slides into one column θ (mathcore's theta order).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
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

from mathcore.cache import training_data
from mathcore.data import load
from scenes import theme
from scenes.base import ExplainerScene
from scenes.catalog import SECTIONS, find
from scenes.components.network_diagram import NetworkDiagram
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.params import Param
from scenes.strings import t
from scenes.trained_networks import fmt, subscript, trained_model

MATRIX_FONT = 26
HIGHLIGHT = theme.ACCENT


def number_matrix(values: np.ndarray, font_size: float = MATRIX_FONT, v_buff: float = 0.55) -> Matrix:
    """A bracketed matrix (or column, for 1-D values) of numbers with 2 decimals."""
    rows = np.atleast_2d(values) if np.ndim(values) == 2 else np.asarray(values)[:, None]
    return Matrix([[fmt(v) for v in row] for row in rows], h_buff=1.1, v_buff=v_buff,
                  element_to_mobject_config={"font_size": font_size, "color": theme.TEXT},
                  bracket_config={"color": theme.MUTED})


def symbol_column(names: list[str], font_size: float = MATRIX_FONT) -> Matrix:
    return Matrix([[n] for n in names], v_buff=0.55, element_to_mobject_config={"font_size": font_size},
                  bracket_config={"color": theme.MUTED})


def tex(s: str, size: float = MATRIX_FONT + 4, color: str = theme.TEXT) -> MathTex:
    return MathTex(s, font_size=size, color=color)


def part_showing(scene_name: str) -> str:
    """The section that shows ``scene_name`` (a key of SECTIONS): its card's title names it on screen."""
    section = find(scene_name).section
    assert section in SECTIONS, f"{scene_name} belongs to no section of the chapter"
    return section


def data_words(name: str, k: int) -> dict:
    """Placeholders for the 'trained on ...' line, in the current language."""
    step = load(name).step
    return {"data": t(f"network.data.{name}"), "k": k, "step": t(f"network.step.{step}"),
            "xs": ", ".join(f"x{subscript(j + 1)}" for j in range(k))}


class MatrixForm(ExplainerScene):
    """Figure 1.14 with real trained numbers: r = b + W x, a = σ(r), y = b + cᵀa, then θ."""

    PARAMS = (
        Param("dataset", "bikeshare", "the real series the 3-input, 3-sigmoid model is trained on",
              choices=("bikeshare", "seattle")),
        Param("lr", 0.01, "learning rate of Adam, the optimiser that trains the model (shown in OptimizerRace)",
              low=1e-5, high=1.0),
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
        meta = training_data(self.config()).meta
        self.standardisation = (float(meta["mean"]), float(meta["std"]))  # for tests: μ and s in riders/h

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
        # The same equations with symbols: the book's figure 1.14 before any number is known.
        symbolic = self._symbolic_equations(n, h).match_height(equations).move_to(equations, aligned_edge=UL)

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
        edges_legend = self.text("network.matrix.edges", size=theme.SMALL_SIZE, color=theme.MUTED)
        edges_legend.next_to(figure, DOWN, buff=0.35).align_to(figure, LEFT)
        self.play(QuickFadeIn(source), Create(to_r), run_time=1.2)
        self.play(Create(sigmas), QuickFadeIn(sigma_labels), Create(to_y), QuickFadeIn(edges_legend), run_time=1.2)
        self.pause(5.5)

        # Element form, then the sum form: what each r_i is; the names weight and bias.
        rows = VGroup(*[tex(rf"r_{i + 1} = b_{i + 1} + "
                            + " + ".join(f"w_{{{i + 1}{j + 1}}}\\,x_{j + 1}" for j in range(n)), MATRIX_FONT + 6)
                        for i in range(h)]).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        rows.next_to(source, DOWN, buff=0.5).align_to(equations, LEFT)
        sum_form = tex(r"r_i = b_i + \sum_j w_{ij}\,x_j", MATRIX_FONT + 12, theme.ACCENT)
        sum_form.next_to(rows, DOWN, buff=0.55).align_to(rows, LEFT)
        names = VGroup(tex(r"w_{ij}", MATRIX_FONT + 6, theme.MUTED),
                       self.text("network.matrix.weight", size=theme.SMALL_SIZE, color=theme.MUTED),
                       tex(r"b_i", MATRIX_FONT + 6, theme.MUTED),
                       self.text("network.matrix.bias", size=theme.SMALL_SIZE, color=theme.MUTED),
                       ).arrange(RIGHT, buff=0.15)
        names[2].shift(RIGHT * 0.35)
        names[3].next_to(names[2], RIGHT, buff=0.15)
        names.next_to(sum_form, DOWN, buff=0.45).align_to(rows, LEFT)
        self.element_rows, self.sum_form = rows, sum_form  # for tests
        self.play(*[Indicate(to_r.edge(0, 0, j), color=HIGHLIGHT) for j in range(n)], Write(rows[0]), run_time=1.5)
        self.play(Write(rows[1:]), run_time=1.5)
        self.play(Write(sum_form), QuickFadeIn(names), run_time=1.2)
        self.pause(10.0)

        # The matrix form with symbols, and its short names.
        short = VGroup(tex(r"r = b + W x"), tex(r"a = \sigma(r)"), tex(r"y = b + c^{\mathsf T} a"))
        short.arrange(RIGHT, buff=0.6).next_to(figure, DOWN, buff=0.35).align_to(figure, LEFT)
        self.play(QuickFadeOut(rows), QuickFadeOut(sum_form), QuickFadeOut(names), QuickFadeOut(edges_legend),
                  run_time=0.6)
        self.play(QuickFadeIn(symbolic), run_time=1.2)
        self.play(Write(short), run_time=1.5)
        self.pause(5.0)

        # The numbers of the trained model, in standardised units (the conversion said once).
        mean, std = self.standardisation
        units = self.text("network.matrix.standardised", size=theme.SMALL_SIZE, color=theme.ACCENT,
                          mean=f"{mean:.0f}", std=f"{std:.0f}")
        units.next_to(short, DOWN, buff=0.35).align_to(figure, LEFT)
        # what trained it, without the optimiser's name (that comes in the part that shows it, named by its card)
        self.optimiser_part = part_showing("OptimizerRace")
        optimiser = self.text("network.matrix.optimiser", size=theme.SMALL_SIZE - 4, color=theme.MUTED,
                              part=t(f"section.{self.optimiser_part}"))
        optimiser.next_to(units, DOWN, buff=0.2).align_to(figure, LEFT)
        self.play(QuickFadeOut(symbolic), QuickFadeIn(equations), QuickFadeIn(units), QuickFadeIn(optimiser),
                  run_time=1.2)
        self.narration_values.update(mean=f"{mean:.0f}", std=f"{std:.0f}")
        self.pause(7.0)

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
        self.play(QuickFadeOut(short), QuickFadeOut(units), QuickFadeOut(optimiser), run_time=0.4)
        self.play(*[part.animate.set_stroke(HIGHLIGHT, width=6, opacity=1.0) for part in path_parts],
                  Create(boxes), QuickFadeIn(path_note), run_time=1.5)
        self.pause(4.5)

        # Every unknown into one column theta, in mathcore's order: W row by row, b, c, b.
        gap = eq_a.get_bottom()[1] - eq_y.get_top()[1]  # y = ... moves up into a = σ(r)'s place: no empty row
        self.play(QuickFadeOut(boxes), QuickFadeOut(path_note), QuickFadeOut(figure), QuickFadeOut(source),
                  QuickFadeOut(eq_a), eq_y.animate.shift(UP * (eq_a.height + gap)), run_time=0.8)
        self.row_gaps = (gap, eq_r.get_bottom()[1] - eq_y.get_top()[1])  # for tests: before and after the move
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
        self.narration_values.update(n_params=len(self.theta_values))
        self.play(ReplacementTransform(title, theta_title), QuickFadeIn(order),
                  QuickFadeIn(theta_eq[0]), QuickFadeIn(theta_m.get_brackets()), run_time=0.8)
        self.play(*[ReplacementTransform(src.copy(), dst) for src, dst in zip(sources, self.theta_entries)],
                  QuickFadeIn(groups), run_time=2.5)
        self.remove(*self.theta_entries)
        self.add(theta_eq)
        learned = self.text("network.matrix.learned", size=theme.SMALL_SIZE, color=theme.ACCENT)
        learned.next_to(eq_y, DOWN, buff=0.5).align_to(eq_y, LEFT)
        # a colour flash only: scaled up, the tall brackets would leave the frame and cover the line above
        self.play(Indicate(theta_m.get_brackets(), color=HIGHLIGHT, scale_factor=1.0), QuickFadeIn(learned),
                  run_time=0.8)
        self.pause(4.0)

    @staticmethod
    def _symbolic_equations(n: int, h: int) -> VGroup:
        """r = b + W x, a = σ(r), y = b + cᵀa with every entry a symbol (w_ij, b_i, c_i, b)."""
        W_s = Matrix([[f"w_{{{i + 1}{j + 1}}}" for j in range(n)] for i in range(h)], h_buff=1.1, v_buff=0.55,
                     element_to_mobject_config={"font_size": MATRIX_FONT}, bracket_config={"color": theme.MUTED})
        b_s = symbol_column([f"b_{i + 1}" for i in range(h)])
        c_s = Matrix([[f"c_{i + 1}" for i in range(h)]], h_buff=1.1,
                     element_to_mobject_config={"font_size": MATRIX_FONT}, bracket_config={"color": theme.MUTED})
        x_col = symbol_column([f"x_{j + 1}" for j in range(n)])
        r_col, a_col = symbol_column([f"r_{i + 1}" for i in range(h)]), symbol_column([f"a_{i + 1}" for i in range(h)])
        eq_r = VGroup(r_col, tex("="), b_s, tex("+"), W_s, x_col).arrange(RIGHT, buff=0.16)
        eq_a = VGroup(a_col.copy(), tex("="), tex(r"\sigma\Big("), r_col.copy(), tex(r"\Big)")).arrange(RIGHT, buff=0.1)
        eq_y = VGroup(tex("y"), tex("="), tex("b"), tex("+"), c_s, a_col).arrange(RIGHT, buff=0.16)
        return VGroup(eq_r, eq_a, eq_y).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
