"""Exact linear pieces of a one-input ReLU network (LeeDL ch. 1, sec. 6: why depth helps).

With one input x, every neuron of a ReLU network is a continuous piecewise linear
function of x. This module finds those functions exactly, layer by layer:

    r_k(x) = b_k + W_k a_{k-1}(x)        # linear between the knots of layer k-1
    a_k(x) = max(0, r_k(x))              # new knots where r_k crosses zero
    y(x)   = b + c^T a_L(x)

Layer k's neurons are linear between the knots of layers 1..k-1, so r_k can only bend
there, and the ReLU adds a knot exactly where r_k changes sign inside a segment. The
slope of every neuron on every segment is propagated analytically,

    s_0 = 1,   s_k = (W_k s_{k-1}) * [r_k > 0],   s_y = c^T s_L,

so a breakpoint is a candidate knot where the slope really changes: a knot that falls
where a neuron is switched off on both sides, or where the weights cancel the bend, is
not a breakpoint. Nothing is sampled; the only tolerances are floating-point ones
(knots closer than ``x_tol`` are one knot; slopes equal to ``rel_tol`` of the terms
summed into them are equal).

>>> import numpy as np
>>> params = {"W1": np.array([[1.0], [1.0]]), "b1": np.array([0.0, -0.5]),
...           "c": np.array([2.0, -4.0]), "b": np.array([0.0])}
>>> pieces = network_pieces(params, 0.0, 1.0)      # the tent map on [0, 1]
>>> pieces.output.breakpoints.tolist(), pieces.output.n_pieces
([0.5], 2)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from mathcore.curves import PiecewiseLinear
from mathcore.validation import as_finite_array, check_finite_float


@dataclass(frozen=True, eq=False)
class NeuronPieces:
    """One function of x on [lo, hi]: its breakpoints, its exact curve and its piece count."""

    breakpoints: np.ndarray   # interior x where the slope changes, increasing
    curve: PiecewiseLinear    # knots [lo, *breakpoints, hi], continued linearly outside
    slopes: np.ndarray        # the slope of each piece, len = n_pieces

    @property
    def n_pieces(self) -> int:
        """Number of linear pieces on [lo, hi] (breakpoints + 1)."""
        return len(self.breakpoints) + 1


@dataclass(frozen=True, eq=False)
class LayerPieces:
    """The neurons a_k,1 .. a_k,h of one hidden layer as functions of x."""

    neurons: tuple[NeuronPieces, ...]

    @property
    def width(self) -> int:
        return len(self.neurons)

    @property
    def n_pieces(self) -> np.ndarray:
        """Pieces of each neuron, shape (width,)."""
        return np.array([n.n_pieces for n in self.neurons], dtype=int)

    @property
    def breakpoints(self) -> np.ndarray:
        """Every x where some neuron of the layer bends (the layer's vector a_k(x))."""
        if not self.neurons:
            return np.empty(0)
        return np.unique(np.concatenate([n.breakpoints for n in self.neurons]))

    @property
    def n_regions(self) -> int:
        """Pieces of the whole layer a_k(x): intervals on which every neuron is linear."""
        return len(self.breakpoints) + 1


@dataclass(frozen=True, eq=False)
class NetworkPieces:
    """Every hidden neuron and the output y of a 1-input ReLU network, exactly, on [lo, hi]."""

    lo: float
    hi: float
    layers: tuple[LayerPieces, ...]
    output: NeuronPieces

    @property
    def n_pieces_per_layer(self) -> list[list[int]]:
        """``[[pieces of a_1,1, a_1,2, ...], [pieces of a_2,1, ...], ...]``."""
        return [layer.n_pieces.tolist() for layer in self.layers]


def _layers_from_params(params: Mapping[str, object]) -> tuple[list[tuple[np.ndarray, np.ndarray]], np.ndarray, float]:
    """Check the book-named parameters W1, b1, ..., c, b of a 1-input network."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a mapping such as MLP.params, got {type(params).__name__}")
    for key in ("c", "b"):
        if key not in params:
            raise ValueError(f"params lacks {key!r}; pass MLP.params or model.unflatten(theta)")
    layers: list[tuple[np.ndarray, np.ndarray]] = []
    fan_in = 1
    k = 1
    while f"W{k}" in params:
        if f"b{k}" not in params:
            raise ValueError(f"params has W{k} but no b{k}")
        W = as_finite_array(f"W{k}", params[f"W{k}"], 2, f"(width of layer {k}, {fan_in})")
        b = as_finite_array(f"b{k}", params[f"b{k}"], 1, f"(width of layer {k},)")
        if W.shape[1] != fan_in:
            hint = ("pieces are counted for networks with one input x; W1 must have one column"
                    if k == 1 else f"W{k} must have {fan_in} columns (the width of layer {k - 1})")
            raise ValueError(f"W{k} has shape {W.shape}: {hint}")
        if b.shape != (W.shape[0],):
            raise ValueError(f"b{k} has shape {b.shape}, expected ({W.shape[0]},) to match W{k}")
        layers.append((W, b))
        fan_in = W.shape[0]
        k += 1
    c = as_finite_array("c", params["c"], 1, f"({fan_in},)")
    if c.shape != (fan_in,):
        raise ValueError(f"c has shape {c.shape}, expected ({fan_in},) (the last layer's width)")
    b_out = as_finite_array("b", params["b"], 1, "(1,)")
    if b_out.shape != (1,):
        raise ValueError(f"b (the output bias) must have shape (1,), got {b_out.shape}")
    return layers, c, float(b_out[0])


def _forward(layers: list[tuple[np.ndarray, np.ndarray]], x: np.ndarray) -> list[np.ndarray]:
    """Pre-activations r_k at the points x, one (len(x), width) array per layer."""
    a = x[:, None]
    rs = []
    for W, b in layers:
        r = a @ W.T + b
        rs.append(r)
        a = np.maximum(r, 0.0)
    return rs


def _add_knots(grid: np.ndarray, new: np.ndarray, x_tol: float) -> np.ndarray:
    """The grid with the new knots added; a new knot within x_tol of another is dropped."""
    if new.size == 0:
        return grid
    new = np.sort(new)
    keep = np.concatenate([[True], np.diff(new) > x_tol])
    new = new[keep]
    pos = np.searchsorted(grid, new)
    left = np.abs(new - grid[np.clip(pos - 1, 0, len(grid) - 1)])
    right = np.abs(grid[np.clip(pos, 0, len(grid) - 1)] - new)
    new = new[(left > x_tol) & (right > x_tol)]
    return np.sort(np.concatenate([grid, new]))


def _zero_crossings(grid: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Where each column of r (linear between grid points) changes sign inside a segment."""
    r0, r1 = r[:-1], r[1:]
    seg, cols = np.nonzero(r0 * r1 < 0)
    g0, g1 = grid[seg], grid[seg + 1]
    t = r0[seg, cols] / (r0[seg, cols] - r1[seg, cols])
    return g0 + t * (g1 - g0)


def _bends(slopes: np.ndarray, scale: np.ndarray, rel_tol: float) -> np.ndarray:
    """For each interior knot (rows) and function (columns): does the slope change there?"""
    change = np.abs(np.diff(slopes, axis=0))
    size = np.maximum(scale[:-1], scale[1:])
    return change > rel_tol * size


def _neuron(grid: np.ndarray, values: np.ndarray, slopes: np.ndarray, bends: np.ndarray) -> NeuronPieces:
    """Collect one function's breakpoints, exact curve and piece slopes."""
    interior = grid[1:-1][bends]
    knots = np.concatenate([[grid[0]], interior, [grid[-1]]])
    knot_values = np.concatenate([[values[0]], values[1:-1][bends], [values[-1]]])
    starts = np.concatenate([[0], np.flatnonzero(bends) + 1])
    piece_slopes = slopes[starts]
    curve = PiecewiseLinear(knots, knot_values, left_slope=float(piece_slopes[0]),
                            right_slope=float(piece_slopes[-1]))
    return NeuronPieces(breakpoints=interior, curve=curve, slopes=piece_slopes)


def network_pieces(
    params: Mapping[str, object],
    lo: float,
    hi: float,
    *,
    x_tol: float | None = None,
    rel_tol: float = 1e-9,
) -> NetworkPieces:
    """Exact breakpoints and piece counts of every neuron of a 1-input ReLU network on [lo, hi].

    ``params`` are the book-named parameters ``W1 (h1, 1), b1, ..., WL, bL, c, b`` (an
    ``MLP``'s ``params`` or ``model.unflatten(theta)``); the hidden activation must be ReLU.
    ``x_tol`` (default ``1e-12 * (hi - lo)``) merges knots closer than that; ``rel_tol`` is
    the relative size below which a slope change counts as floating-point noise.
    """
    lo, hi = check_finite_float("lo", lo), check_finite_float("hi", hi)
    if not lo < hi:
        raise ValueError(f"lo must be smaller than hi, got lo = {lo}, hi = {hi}")
    x_tol = 1e-12 * (hi - lo) if x_tol is None else check_finite_float("x_tol", x_tol)
    rel_tol = check_finite_float("rel_tol", rel_tol)
    if x_tol < 0 or rel_tol < 0:
        raise ValueError(f"x_tol and rel_tol must be >= 0, got {x_tol} and {rel_tol}")
    layers, c, b_out = _layers_from_params(params)

    # Knots: layer k's neurons are linear between the knots of layers 1..k.
    grid = np.array([lo, hi])
    for k in range(len(layers)):
        r_k = _forward(layers[: k + 1], grid)[-1]
        grid = _add_knots(grid, _zero_crossings(grid, r_k), x_tol)

    # Analytic slopes on every segment; which neurons are on is read at the segment middles.
    r_grid = _forward(layers, grid)
    r_mid = _forward(layers, (grid[:-1] + grid[1:]) / 2)
    s_prev = np.ones((len(grid) - 1, 1))
    a_grid = grid[:, None]
    layer_pieces = []
    for (W, _), r_at_knots, r_at_mid in zip(layers, r_grid, r_mid):
        scale = np.abs(s_prev) @ np.abs(W).T        # sum of the terms summed into each slope
        s_k = (s_prev @ W.T) * (r_at_mid > 0)
        bends = _bends(s_k, scale, rel_tol)
        a_grid = np.maximum(r_at_knots, 0.0)
        layer_pieces.append(LayerPieces(tuple(
            _neuron(grid, a_grid[:, i], s_k[:, i], bends[:, i]) for i in range(W.shape[0])
        )))
        s_prev = s_k
    s_y = s_prev @ c
    scale_y = np.abs(s_prev) @ np.abs(c)
    y_grid = a_grid @ c + b_out
    output = _neuron(grid, y_grid, s_y, _bends(s_y[:, None], scale_y[:, None], rel_tol)[:, 0])
    return NetworkPieces(lo=lo, hi=hi, layers=tuple(layer_pieces), output=output)


def model_pieces(model, lo: float, hi: float, theta: np.ndarray | None = None, **tolerances) -> NetworkPieces:
    """``network_pieces`` of an ``MLP`` (at ``theta`` if given, e.g. a recorded training step)."""
    activation = getattr(getattr(model, "activation", None), "name", None)
    if activation != "relu":
        raise ValueError(f"model must use ReLU activations to be piecewise linear, got {activation!r}")
    params = model.params if theta is None else model.unflatten(theta)
    return network_pieces(params, lo, hi, **tolerances)
