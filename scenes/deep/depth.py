"""LayersStacking: hidden layers are added one by one, and the linear pieces multiply (CHAPTER.md §6).

For one input x (a real one-feature relation, e.g. hour of day -> riders), ReLU networks
with 1, 2, 3, 4 layers are trained through the cache. The diagram grows, the layer
equations a = ReLU(b + W x), a′ = ReLU(b′ + W′ a), ... appear (written with ReLU, not σ,
which was the sigmoid), and each network's output is drawn through its exact breakpoints,
a dot on every corner, with its exact number of linear pieces (which need not grow with
every layer: the narration says when it does not). Then every ReLU of the deepest network
is drawn as a function of x, layer by layer, with mathcore.pieces' exact piece counts; the
output, a weighted sum of the last layer, bends wherever any of them bends. Until the scene
ends with the book's names (old: neuron, neural network; new: hidden layer, deep learning)
its words avoid them: "1 layer of ReLUs", "each ReLU".
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Brace,
    Circle,
    Create,
    Dot,
    MathTex,
    SurroundingRectangle,
    VGroup,
    Write,
)

from mathcore.cache import training_data
from mathcore.pieces import NetworkPieces, model_pieces
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.curves import ExactCurve
from scenes.components.network_diagram import NetworkDiagram, weights_from_params
from scenes.components.placement import place_clear
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.params import Param
from scenes.strings import t
from scenes.trained_networks import trained_model

PRIMES = ["", "'", "''", "'''", "''''", "'''''"]
CORNER_RADIUS = 0.05    # the dots on the output's corners


def nice_step(span: float, max_ticks: int = 6) -> float:
    """A tick spacing of 1, 2 or 5 times a power of ten giving at most ``max_ticks`` ticks."""
    raw = span / max_ticks
    power = 10 ** np.floor(np.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def layer_equation(k: int) -> str:
    """a = ReLU(b + W x) for k = 0, then a′ = ReLU(b′ + W′ a), a″ = ReLU(b″ + W″ a′), ..."""
    p, q = PRIMES[k], PRIMES[k - 1] if k else ""
    source = "x" if k == 0 else f"a{q}"
    return rf"a{p} = \mathrm{{ReLU}}(b{p} + W{p}\, {source})"


def merged_runs(centres: np.ndarray, radius: float) -> list[list[int]]:
    """Runs of consecutive dots (centres in scene units, left to right), each less than one ``radius`` from
    the next: such discs mostly cover each other, so a run of two or more reads as one dot and needs saying."""
    runs, current = [], [0] if len(centres) else []
    for i in range(1, len(centres)):
        if np.linalg.norm(np.asarray(centres[i]) - np.asarray(centres[i - 1])) < radius:
            current.append(i)
        else:
            runs.append(current)
            current = [i]
    runs.append(current)
    return [run for run in runs if len(run) > 1]


def gap_words(gap: float) -> str:
    """A small distance with two significant digits and no exponent: 0.041, 0.13, 2.5."""
    return np.format_float_positional(gap, precision=2, unique=False, fractional=False, trim="-")


#: A unit whose fractions read better in a smaller one (0.042 h is 2.5 min): the smaller unit's key and factor.
SMALLER_UNIT = {"depth.unit.bikeshare.cycle": ("depth.unit.minutes", 60)}


def gap_and_unit(gap: float, unit_key: str) -> tuple[str, str]:
    """A gap in the unit ``unit_key`` as (number, unit) for the screen: under 1 hour in minutes, else as it is."""
    if gap < 1 and unit_key in SMALLER_UNIT:
        smaller, factor = SMALLER_UNIT[unit_key]
        return gap_words(gap * factor), t(smaller)
    return gap_words(gap), t(unit_key)


def adds_up_last_layer(pieces: NetworkPieces, atol: float = 1e-9) -> bool:
    """The output bends exactly where some ReLU of the last layer bends, and has more pieces than any of them."""
    last = pieces.layers[-1].neurons
    union = np.unique(np.concatenate([n.breakpoints for n in last]))
    out = pieces.output.breakpoints
    same = len(union) == len(out) and bool(np.allclose(union, out, atol=atol))
    return same and pieces.output.n_pieces > max(n.n_pieces for n in last)


class LayersStacking(ExplainerScene):
    """1 to 4 hidden layers: the diagram grows, the pieces multiply, the names change."""

    PARAMS = (
        Param("dataset", "bikeshare", "the real series", choices=("bikeshare", "seattle")),
        Param("kind", "cycle", "the one-feature relation: cycle (hour of day) or lag1 (previous value)",
              choices=("cycle", "lag1")),
        Param("width", 5, "ReLUs per hidden layer", low=1, high=12),
        Param("max_layers", 4, "the deepest network shown", low=1, high=5),
        Param("points", 200, "real points the networks are trained on", low=20, high=2000),
        Param("lr", 0.01, "Adam learning rate", low=1e-5, high=1.0),
        Param("epochs", 2000, "full-batch training epochs", low=1, high=100000),
        Param("seed", 0, "model initialisation seed", low=0, high=10**6),
    )

    def config(self, depth: int) -> dict:
        epochs = int(self.param("epochs"))
        return {"data": {"source": "relation", "name": self.param("dataset"), "kind": self.param("kind"),
                         "n": int(self.param("points")), "seed": 0},
                "model": {"hidden": [int(self.param("width"))] * depth, "activation": "relu",
                          "seed": int(self.param("seed"))},
                "optimizer": {"name": "adam", "lr": float(self.param("lr"))},
                "epochs": epochs, "record_every": epochs}

    def construct(self) -> None:
        depths = list(range(1, int(self.param("max_layers")) + 1))
        data = training_data(self.config(1))
        meta = data.meta
        lo, hi = float(data.X.min()), float(data.X.max())
        self.models = {d: trained_model(self.config(d))[0] for d in depths}
        self.pieces: dict[int, NetworkPieces] = {d: model_pieces(m, lo, hi) for d, m in self.models.items()}
        def to_x(xs):
            return np.asarray(xs) * meta["x_std"] + meta["x_mean"]

        def to_y(ys):
            return np.asarray(ys) * meta["y_std"] + meta["y_mean"]

        title = self.text("depth.stack.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.3)
        self.add(title)

        # Right: the real points and the output of each trained network, through its exact breakpoints.
        xo, yo = to_x(data.X[:, 0]), to_y(data.y)
        x_lo, x_hi = float(to_x(lo)), float(to_x(hi))
        y_lo, y_hi = float(min(0.0, yo.min())), float(yo.max()) * 1.05
        axes = Axes(x_range=(x_lo, x_hi, nice_step(x_hi - x_lo)), y_range=(y_lo, y_hi, nice_step(y_hi - y_lo, 5)),
                    x_length=5.9, y_length=4.2, tips=False,
                    axis_config={"color": theme.MUTED, "include_numbers": True, "font_size": 22,
                                 "decimal_number_config": {"num_decimal_places": 0}})
        axes.to_corner(RIGHT + DOWN, buff=0.55).shift(UP * 0.35)
        self.stack_axes = axes
        x_name = self.text(f"depth.x.{self.param('dataset')}.{self.param('kind')}", size=theme.SMALL_SIZE - 2,
                           color=theme.MUTED).next_to(axes.x_axis, DOWN, buff=0.42)
        y_name = self.text(f"depth.y.{self.param('dataset')}", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        y_name.next_to(axes, UP, buff=0.12).align_to(axes, LEFT)
        dots = VGroup(*[Dot(axes.c2p(a, b), radius=0.03, color=theme.DATA_GREY) for a, b in zip(xo, yo)])
        trained_note = self.text("depth.stack.trained", size=theme.SMALL_SIZE - 4, color=theme.MUTED,
                                 n=len(xo), width=int(self.param("width"))).next_to(title, DOWN, buff=0.12)
        self.play(Create(axes), QuickFadeIn(dots), QuickFadeIn(x_name), QuickFadeIn(y_name), QuickFadeIn(trained_note),
                  run_time=1.2)

        def output_curve(d: int) -> ExactCurve:
            out = self.pieces[d].output
            return ExactCurve(axes, to_x(out.curve.x), lambda x: to_y(out.curve((np.asarray(x) - meta["x_mean"])
                                                                                / meta["x_std"])),
                              color=theme.CURVE_RED, stroke_width=theme.THICK - 1)

        def corner_dots(d: int) -> VGroup:
            """A dot on every corner of depth d's output (its exact breakpoints), so every piece can be counted."""
            out = self.pieces[d].output
            return VGroup(*[Dot(axes.c2p(float(to_x(b)), float(to_y(out.curve(b)))), radius=CORNER_RADIUS,
                                color=theme.ACCENT) for b in out.breakpoints])

        def close_corners(d: int, dots: VGroup, curve: ExactCurve) -> VGroup:
            """A ring and a label on each run of corners so close that their dots overlap: "2 corners, 2.5 min
            apart", so that the dots can still be counted."""
            corners = to_x(self.pieces[d].output.breakpoints)
            runs = merged_runs(np.array([dot.get_center() for dot in dots]), CORNER_RADIUS)
            self.close_runs[d] = [(run, float(corners[run[-1]] - corners[run[0]])) for run in runs]
            # the label keeps clear of the curve and its dots (its dark outline keeps it legible over grey points)
            avoid = np.array([curve.point_from_proportion(p) for p in np.linspace(0, 1, 400)]
                             + [dot.get_center() for dot in dots])
            marks = VGroup()
            for run, gap in self.close_runs[d]:
                group = VGroup(*[dots[i] for i in run])
                ring = Circle(radius=max(group.width, group.height) / 2 + 0.06, color=theme.ACCENT, stroke_width=2.5)
                ring.move_to(group.get_center())
                gap_text, unit = gap_and_unit(gap, f"depth.unit.{self.param('dataset')}.{self.param('kind')}")
                label = self.text("depth.stack.close_pair" if len(run) == 2 else "depth.stack.close_run",
                                  size=theme.SMALL_SIZE - 4, color=theme.ACCENT, k=len(run), gap=gap_text, unit=unit)
                label.set_stroke(theme.BACKGROUND, width=4, background=True)  # legible over the grey points
                place_clear(label, ring, avoid, axes.get_corner(DOWN + LEFT), axes.get_corner(UP + RIGHT))
                marks.add(VGroup(ring, label))
            return marks

        def fit_label(d: int):
            key = "depth.stack.fit_one" if d == 1 else "depth.stack.fit_many"
            out = self.pieces[d].output
            pieces = self.text(key, size=theme.BODY_SIZE - 2, color=theme.CURVE_RED, d=d, n=out.n_pieces)
            pieces.next_to(y_name, UP, buff=0.15).align_to(axes, LEFT)
            corners = self.text("depth.stack.corners", size=theme.SMALL_SIZE - 2, color=theme.ACCENT,
                                corners=len(out.breakpoints))
            corners.align_to(axes, RIGHT).set_y(y_name.get_y())
            return VGroup(pieces, corners)

        # Left: the diagram grows and the layer equations appear.
        diagram, curve, label, corners = None, None, None, None
        self.corner_dots: dict[int, VGroup] = {}
        self.close_runs: dict[int, list[tuple[list[int], float]]] = {}  # for tests: overlapping dots, their span
        self.close_marks: dict[int, VGroup] = {}
        equations = VGroup()
        note = self.text("depth.stack.relu_note", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        for d in depths:
            new_diagram = self.small_diagram(self.models[d], layer_gap=1.1, neuron_gap=0.45, radius=0.14)
            new_diagram.move_to(np.array([-6.6 + new_diagram.width / 2, 1.15, 0.0]))
            equation = MathTex(layer_equation(d - 1), font_size=32, color=theme.TEXT)
            equations.add(equation)
            equations.arrange(DOWN, buff=0.18, aligned_edge=LEFT).next_to(new_diagram, DOWN, buff=0.45)
            equations.align_to(np.array([-6.6, 0, 0]), LEFT)
            note.next_to(equations, DOWN, buff=0.2).align_to(equations, LEFT)
            new_curve, new_label, new_dots = output_curve(d), fit_label(d), corner_dots(d)
            self.corner_dots[d] = new_dots
            self.close_marks[d] = close_corners(d, new_dots, new_curve)
            new_corners = VGroup(new_dots, self.close_marks[d])
            animations = [Write(equation), QuickFadeIn(new_diagram), Create(new_curve), QuickFadeIn(new_label)]
            if diagram is not None:
                animations += [QuickFadeOut(diagram), QuickFadeOut(curve), QuickFadeOut(label), QuickFadeOut(corners)]
            else:
                animations.append(QuickFadeIn(note))
            self.play(*animations, run_time=1.4)
            self.play(QuickFadeIn(new_corners), run_time=0.4)
            diagram, curve, label, corners = new_diagram, new_curve, new_label, new_corners
            self.narration_values = self.depth_narration(d)
            self.pause(2.0)
        self.curves_shown = {d: self.pieces[d].output.n_pieces for d in depths}

        # Every neuron of the deepest network, layer by layer, as functions of x.
        deepest = depths[-1]
        self.play(*[QuickFadeOut(m) for m in (axes, dots, x_name, y_name, curve, label, corners, equations, note,
                                          diagram, trained_note)], run_time=0.8)
        self.layer_view(self.models[deepest], self.pieces[deepest], title)

        # The names.
        self.names(title)

    def depth_narration(self, d: int) -> dict:
        """Placeholders of the stretch that shows depth d: its piece count, and how it compares with d - 1."""
        n = self.pieces[d].output.n_pieces
        values = {"width": int(self.param("width")), "n": n, "change": ""}
        if d > 1:
            before = self.pieces[d - 1].output.n_pieces
            key = "more" if n > before else "same" if n == before else "fewer"
            values["change"] = t(f"depth.say.pieces_{key}", n=n, before=before)
        return values

    def small_diagram(self, model, **style) -> NetworkDiagram:
        return NetworkDiagram([1, *model.hidden, 1], weights_from_params(model.params), **style)

    def layer_view(self, model, pieces: NetworkPieces, title) -> None:
        heading = self.text("depth.stack.per_layer", size=theme.BODY_SIZE - 2).next_to(title, DOWN, buff=0.15)
        n_columns = len(model.hidden) + 2
        gap = min(2.15, 12.4 / (n_columns - 1))
        diagram = self.small_diagram(model, layer_gap=gap, neuron_gap=0.36, radius=0.12)
        diagram.next_to(heading, DOWN, buff=0.3)
        self.layer_diagram = diagram
        colours = theme.COMPONENT_COLOURS
        for layer in range(1, len(model.hidden) + 1):
            for i, circle in zip(diagram.shown[layer], diagram.neurons[layer]):
                circle.set_stroke(colours[i % len(colours)], width=3)
        self.play(QuickFadeIn(heading), QuickFadeIn(diagram), run_time=0.8)

        self.layer_counts: list[int] = []
        plots = VGroup()
        functions = [layer.neurons for layer in pieces.layers] + [(pieces.output,)]
        for column, neurons in enumerate(functions, start=1):
            knot_values = np.concatenate([n.curve.y for n in neurons])
            y_lo, y_hi = float(min(0.0, knot_values.min())), float(knot_values.max())
            if y_hi - y_lo < 1e-9:
                y_hi = y_lo + 1.0
            pad = 0.08 * (y_hi - y_lo)
            # Axes cross at their (0, 0): shift both ranges so the axes sit at the left and bottom.
            x_span, y_base = pieces.hi - pieces.lo, y_lo - pad
            y_span = y_hi + pad - y_base
            small = Axes(x_range=(0, x_span, x_span), y_range=(0, y_span, y_span),
                         x_length=min(1.75, gap - 0.3), y_length=1.9, tips=False,
                         axis_config={"color": theme.MUTED, "stroke_width": 1.5, "include_ticks": False})
            small.next_to(diagram, DOWN, buff=0.55).set_x(diagram.neurons[column].get_x())
            is_output = column == len(functions)
            curves = VGroup(*[
                ExactCurve(small, n.curve.x - pieces.lo,
                           lambda x, f=n.curve, base=y_base: f(np.asarray(x) + pieces.lo) - base,
                           color=theme.CURVE_RED if is_output else colours[i % len(colours)],
                           stroke_width=theme.THICK - 2 if is_output else theme.THIN)
                for i, n in enumerate(neurons)])
            marks = VGroup()
            if is_output:  # a dot on every corner of y, as in the first part of the scene
                out = neurons[0]
                marks.add(*[Dot(small.c2p(b - pieces.lo, out.curve(b) - y_base), radius=0.035, color=theme.ACCENT)
                             for b in out.breakpoints])
            count = max(n.n_pieces for n in neurons)
            self.layer_counts.append(count)
            head = self.text("depth.stack.output" if is_output else "depth.stack.layer", size=theme.SMALL_SIZE - 3,
                             color=theme.MUTED, k=column)
            caption = self.text("depth.stack.pieces" if is_output else "depth.stack.up_to", size=theme.SMALL_SIZE - 3,
                                color=theme.CURVE_RED if is_output else theme.TEXT, n=count)
            VGroup(head, caption).arrange(DOWN, buff=0.1).next_to(small, DOWN, buff=0.2)
            plots.add(VGroup(small, curves, head, caption, marks))
            self.play(Create(small), Create(curves), QuickFadeIn(head), QuickFadeIn(caption), QuickFadeIn(marks),
                      run_time=1.0)
        # The output is b + Σ cᵢ aᵢ over the last layer: where it has more pieces than any of them, say why.
        self.says_sum = adds_up_last_layer(pieces)
        values = {"k": len(model.hidden), "w": model.hidden[-1], "n": pieces.output.n_pieces}
        sum_note = VGroup()
        if self.says_sum:
            sum_note.add(self.text("depth.stack.sum", size=theme.SMALL_SIZE - 3, color=theme.TEXT, **values)
                         .to_edge(DOWN, buff=0.25))
            self.play(QuickFadeIn(sum_note), run_time=0.5)
        self.narration_values = {"first": self.layer_counts[0], "last": self.layer_counts[-1],
                                 "sum": t("depth.say.sum", **values) if self.says_sum else ""}
        self.pause(2.0)
        self.layer_plots = plots
        self.play(QuickFadeOut(plots), QuickFadeOut(sum_note), QuickFadeOut(heading), run_time=0.8)

    def names(self, title) -> None:
        diagram = self.layer_diagram
        self.play(diagram.animate.move_to(DOWN * 0.2), run_time=0.8)
        neuron = diagram.neurons[1][0]
        neuron_label = self.text("depth.names.neuron", size=theme.BODY_SIZE, color=theme.ACCENT)
        neuron_label.next_to(diagram, UP, buff=0.35).set_x(neuron.get_x() - 1.0)
        arrow = Arrow(neuron_label.get_bottom(), neuron.get_top(), buff=0.08, color=theme.ACCENT, stroke_width=3)
        brace = Brace(diagram, DOWN, buff=0.15, color=theme.MUTED)
        network_label = self.text("depth.names.network", size=theme.BODY_SIZE, color=theme.ACCENT)
        network_label.next_to(brace, DOWN, buff=0.12)
        self.play(QuickFadeIn(neuron_label), Create(arrow), run_time=0.8)
        self.play(Create(brace), QuickFadeIn(network_label), run_time=0.8)
        self.pause()

        middle = len(diagram.neurons) // 2
        box = SurroundingRectangle(diagram.column(middle), color=theme.SIGMOID_GREEN, buff=0.12)
        hidden_label = self.text("depth.names.hidden", size=theme.BODY_SIZE, color=theme.SIGMOID_GREEN)
        hidden_label.next_to(box, UP, buff=0.12)
        if hidden_label.get_left()[0] < neuron_label.get_right()[0] + 0.3:
            hidden_label.shift(RIGHT * (neuron_label.get_right()[0] + 0.3 - hidden_label.get_left()[0]))
        deep_label = self.text("depth.names.deep", size=theme.BODY_SIZE, color=theme.SIGMOID_GREEN)
        deep_label.next_to(network_label, DOWN, buff=0.3)
        self.play(Create(box), QuickFadeIn(hidden_label), run_time=0.8)
        self.play(QuickFadeIn(deep_label), run_time=0.8)
        summary = VGroup(self.text("depth.names.old", size=theme.SMALL_SIZE, color=theme.ACCENT),
                         self.text("depth.names.new", size=theme.SMALL_SIZE, color=theme.SIGMOID_GREEN))
        summary.arrange(DOWN, buff=0.1).next_to(title, DOWN, buff=0.2)
        self.play(QuickFadeIn(summary), run_time=0.8)
        self.pause(1.5)

