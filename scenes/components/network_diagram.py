"""A network diagram drawn from real weights: neurons in columns, edges coloured by sign.

Edges are blue (theme.POSITIVE) for positive weights and red (theme.NEGATIVE) for
negative ones; their width and opacity grow with |w| relative to the largest |w| of the
same weight matrix. A layer wider than ``max_shown`` shows its first and last few
neurons, a vertical ellipsis between them, and a brace labelled with the true width, so
that a layer of 1000 ReLUs is never drawn as 1000 circles. Neurons can be filled by
activation values (``set_activations``): a bright disc inside each circle whose area is the
neuron's level (empty ring = 0, full circle = 1), which reads at any size, where a shade
of colour on a dark background does not.

>>> import numpy as np
>>> W1 = np.array([[0.5, -1.0], [2.0, 0.1], [-0.3, 0.3]])
>>> c = np.array([[1.0, -2.0, 0.5]])
>>> diagram = NetworkDiagram([2, 3, 1], [W1, c])
>>> [len(column) for column in diagram.neurons]
[2, 3, 1]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Brace,
    Circle,
    Dot,
    Line,
    MathTex,
    Text,
    VGroup,
)

from scenes import theme

CORE_SHARE = 0.86   # the largest disc leaves a thin ring of background inside the circle
MIN_CORE = 1e-3     # an empty disc keeps a tiny size (a circle scaled to 0 cannot grow back)


def shown_indices(width: int, max_shown: int) -> list[int | None]:
    """The neuron indices drawn for a layer, top to bottom; ``None`` marks the ellipsis slot.

    >>> shown_indices(4, 7)
    [0, 1, 2, 3]
    >>> shown_indices(100, 7)
    [0, 1, 2, None, 97, 98, 99]
    """
    if width <= max_shown:
        return list(range(width))
    head = max_shown // 2
    tail = max_shown - 1 - head
    return [*range(head), None, *range(width - tail, width)]


def weights_from_params(params: Mapping[str, np.ndarray]) -> list[np.ndarray]:
    """The weight matrices W1, W2, ..., c (as one row) of MLP params, in diagram order."""
    matrices = []
    k = 1
    while f"W{k}" in params:
        matrices.append(np.asarray(params[f"W{k}"], dtype=float))
        k += 1
    matrices.append(np.asarray(params["c"], dtype=float).reshape(1, -1))
    return matrices


class NetworkDiagram(VGroup):
    """Columns of neurons joined by edges whose colour and width come from real weights.

    ``widths`` are the true layer sizes including input and output, e.g. ``[3, 3, 1]``;
    ``weights[k]`` has shape ``(widths[k + 1], widths[k])`` (the book's W1, W2, ..., and
    c as a single row; ``weights_from_params`` builds the list from an MLP). Without
    weights every edge is a thin grey line.

    Attributes for scenes and tests: ``neurons[k]`` (the drawn circles of layer k),
    ``shown[k]`` (their true indices), ``edges[k]`` (layer k -> k+1, keyed by
    ``(i_to, j_from)`` in ``edge_of``), ``braces[k]`` (brace and width label, for layers
    wider than ``max_shown``), ``fill_levels[k]`` (the last fill set, 0..1 per drawn neuron),
    ``cores[k]`` (the discs that show those levels; created on the first fill of layer k).
    """

    def __init__(
        self,
        widths: Sequence[int],
        weights: Sequence[np.ndarray] | None = None,
        *,
        max_shown: int = 7,
        layer_gap: float = 1.8,
        neuron_gap: float = 0.6,
        radius: float = 0.18,
        edge_width: tuple[float, float] = (0.6, 5.0),
        labels: Sequence[Sequence[str] | None] | None = None,
        label_size: float = 30,
        brace_size: float = theme.SMALL_SIZE,
        fill_color: str = theme.ACCENT,
    ) -> None:
        super().__init__()
        self.widths = [int(w) for w in widths]
        if len(self.widths) < 2 or min(self.widths) < 1:
            raise ValueError(f"widths must list >= 2 layer sizes, each >= 1, got {list(widths)}")
        if max_shown < 3:
            raise ValueError(f"max_shown must be >= 3 (two neurons and the ellipsis), got {max_shown}")
        if weights is not None:
            if len(weights) != len(self.widths) - 1:
                raise ValueError(f"weights must hold {len(self.widths) - 1} matrices (one per gap), got {len(weights)}")
            for k, W in enumerate(weights):
                expected = (self.widths[k + 1], self.widths[k])
                if np.shape(W) != expected:
                    raise ValueError(f"weights[{k}] has shape {np.shape(W)}, expected {expected} (to, from)")
        self.weights = None if weights is None else [np.asarray(W, dtype=float) for W in weights]
        self.radius, self.fill_color, self.edge_width_range = radius, fill_color, edge_width
        self.shown = [shown_indices(w, max_shown) for w in self.widths]

        columns_x = (np.arange(len(self.widths)) - (len(self.widths) - 1) / 2) * layer_gap
        self.neurons: list[VGroup] = []
        self.ellipses: dict[int, VGroup] = {}
        self.neuron_labels: list[VGroup] = []
        for k, slots in enumerate(self.shown):
            ys = ((len(slots) - 1) / 2 - np.arange(len(slots))) * neuron_gap
            column = VGroup()
            for slot, y in zip(slots, ys):
                point = np.array([columns_x[k], y, 0.0])
                if slot is None:
                    self.ellipses[k] = VGroup(*[Dot(point + UP * d, radius=0.035, color=theme.MUTED)
                                                for d in (-0.14, 0.0, 0.14)])
                else:
                    column.add(Circle(radius=radius, color=theme.TEXT, stroke_width=2.0)
                               .set_fill(theme.BACKGROUND, opacity=1.0).move_to(point))
            self.neurons.append(column)
            self.shown[k] = [s for s in slots if s is not None]

        self.edges: list[VGroup] = []
        self.edge_of: list[dict[tuple[int, int], Line]] = []
        for k in range(len(self.widths) - 1):
            group, index = VGroup(), {}
            largest = np.max(np.abs(self.weights[k])) if self.weights is not None else 0.0
            for i_pos, i in enumerate(self.shown[k + 1]):
                for j_pos, j in enumerate(self.shown[k]):
                    line = Line(self.neurons[k][j_pos].get_center(), self.neurons[k + 1][i_pos].get_center(),
                                buff=radius)
                    self._style_edge(line, None if self.weights is None else self.weights[k][i, j], largest)
                    group.add(line)
                    index[(i, j)] = line
            self.edges.append(group)
            self.edge_of.append(index)

        self.braces: dict[int, VGroup] = {}
        for k, width in enumerate(self.widths):
            if width > len(self.shown[k]):
                brace = Brace(self.neurons[k], direction=LEFT, buff=0.08, color=theme.MUTED)
                number = Text(str(width), font=theme.FONT_EN, font_size=brace_size, color=theme.MUTED)
                number.next_to(self.neurons[k], UP, buff=0.12)
                self.braces[k] = VGroup(brace, number)

        if labels is not None:
            for k, names in enumerate(labels):
                group = VGroup()
                for circle, name in zip(self.neurons[k], names or []):
                    tex = MathTex(name, font_size=label_size, color=theme.TEXT)
                    tex.scale_to_fit_height(min(tex.height, 1.1 * radius)).move_to(circle)
                    group.add(tex)
                self.neuron_labels.append(group)

        self.fill_levels: list[np.ndarray] = [np.zeros(len(s)) for s in self.shown]
        self.cores: dict[int, VGroup] = {}
        self.add(*self.edges, *self.neurons, *self.ellipses.values(), *self.braces.values(),
                 *self.neuron_labels)

    def _style_edge(self, line: Line, w: float | None, largest: float) -> None:
        thin, thick = self.edge_width_range
        if w is None or largest == 0.0:
            line.set_stroke(theme.MUTED, width=thin, opacity=0.6)
            return
        share = abs(w) / largest
        line.set_stroke(theme.POSITIVE if w > 0 else theme.NEGATIVE,
                        width=thin + (thick - thin) * share, opacity=0.3 + 0.7 * share)

    # ------------------------------------------------------------------ access
    def neuron(self, layer: int, index: int) -> Circle:
        """The circle of neuron ``index`` (true index) of ``layer``; it must be drawn."""
        if index not in self.shown[layer]:
            raise ValueError(f"neuron {index} of layer {layer} is hidden behind the ellipsis; "
                             f"drawn: {self.shown[layer]}")
        return self.neurons[layer][self.shown[layer].index(index)]

    def edge(self, layer: int, i_to: int, j_from: int) -> Line:
        """The edge from neuron ``j_from`` of ``layer`` to neuron ``i_to`` of ``layer + 1``."""
        return self.edge_of[layer][(i_to, j_from)]

    def column(self, layer: int) -> VGroup:
        """Everything drawn for one layer: circles, ellipsis, brace, labels."""
        parts = [self.neurons[layer]]
        if layer in self.ellipses:
            parts.append(self.ellipses[layer])
        if layer in self.braces:
            parts.append(self.braces[layer])
        if layer < len(self.neuron_labels):
            parts.append(self.neuron_labels[layer])
        return VGroup(*parts)

    # ------------------------------------------------------------------ activations
    def set_activations(self, layer: int, values: Sequence[float], low: float, high: float) -> NetworkDiagram:
        """Fill layer ``layer``'s neurons by ``(value - low) / (high - low)``, clipped to [0, 1].

        ``values`` holds every neuron of the layer (true width); the drawn ones are used.
        """
        for core, level in zip(self._cores(layer), self._levels(layer, values, low, high)):
            self._size_core(core, level)
        return self

    def fill_animations(self, layer: int, values: Sequence[float], low: float, high: float) -> list:
        """The animations that fill layer ``layer`` like ``set_activations`` (cheap: one per circle)."""
        return [self._size_core(core.animate, level)
                for core, level in zip(self._cores(layer), self._levels(layer, values, low, high))]

    def core_radius(self, level: float) -> float:
        """The radius of the disc of a neuron at ``level``: its area is ``level`` times the circle's inside."""
        return self.radius * CORE_SHARE * float(np.sqrt(level))

    def _levels(self, layer: int, values: Sequence[float], low: float, high: float) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        if values.shape != (self.widths[layer],):
            raise ValueError(f"values must have shape ({self.widths[layer]},) for layer {layer}, got {values.shape}")
        if not high > low:
            raise ValueError(f"high must exceed low, got low = {low}, high = {high}")
        levels = np.clip((values[self.shown[layer]] - low) / (high - low), 0.0, 1.0)
        self.fill_levels[layer] = levels
        return levels

    def _cores(self, layer: int) -> VGroup:
        """The discs of one layer, made (empty) on first use and drawn above the circles."""
        if layer not in self.cores:
            self.cores[layer] = VGroup(*[
                Circle(radius=self.radius * CORE_SHARE, stroke_width=0).set_fill(self.fill_color, opacity=0.0)
                .scale(MIN_CORE).move_to(circle) for circle in self.neurons[layer]])
            self.add(self.cores[layer])
        return self.cores[layer]

    def _size_core(self, core, level: float):
        """Scale a disc (or its ``.animate`` builder) to ``level``; an empty one is invisible."""
        width = 2 * max(self.core_radius(level), self.radius * CORE_SHARE * MIN_CORE)
        return core.scale_to_fit_width(width).set_fill(self.fill_color, opacity=1.0 if level > 0 else 0.0)


def layer_caption(diagram: NetworkDiagram, layer: int, text: Text, buff: float = 0.2) -> Text:
    """Put ``text`` under a layer's column (below its lowest drawn neuron)."""
    return text.next_to(diagram.column(layer), DOWN, buff=buff).set_x(diagram.neurons[layer].get_x())

