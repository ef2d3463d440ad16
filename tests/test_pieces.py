"""mathcore.pieces: exact breakpoints of 1-input ReLU networks, checked by hand and by sampling."""

import numpy as np
import pytest

from mathcore.models import MLP
from mathcore.pieces import model_pieces, network_pieces


def sawtooth_params(depth: int) -> dict[str, np.ndarray]:
    """``depth`` layers each computing relu(t), relu(t - 1/2) of the previous tent t(x).

    The tent t = 2 relu(t) - 4 relu(t - 1/2) maps [0, 1] onto [0, 1] with one peak, so the
    output after ``depth`` layers is the tent composed ``depth`` times: 2**depth pieces with
    breakpoints at j / 2**depth (the classic example of depth multiplying pieces).
    """
    params = {"W1": np.array([[1.0], [1.0]]), "b1": np.array([0.0, -0.5])}
    for k in range(2, depth + 1):
        params[f"W{k}"] = np.array([[2.0, -4.0], [2.0, -4.0]])
        params[f"b{k}"] = np.array([0.0, -0.5])
    params["c"] = np.array([2.0, -4.0])
    params["b"] = np.array([0.0])
    return params


@pytest.mark.parametrize("depth", [1, 2, 3, 5])
def test_sawtooth_doubles_its_pieces_with_every_layer(depth):
    pieces = network_pieces(sawtooth_params(depth), 0.0, 1.0)
    n = 2**depth
    assert pieces.output.n_pieces == n
    np.testing.assert_allclose(pieces.output.breakpoints, np.arange(1, n) / n, atol=1e-14)
    # the slopes alternate +2**depth, -2**depth
    np.testing.assert_allclose(pieces.output.slopes, [(-1) ** j * n for j in range(n)])
    # layer k: relu(t_{k-1}) = t_{k-1} bends at every multiple of 1/2**(k-1); relu(t - 1/2) is
    # off around the valleys of t, so it bends only at the peaks and the crossings t = 1/2.
    for k, layer in enumerate(pieces.layers, start=1):
        m = 2 ** (k - 1)
        np.testing.assert_allclose(layer.neurons[0].breakpoints, np.arange(1, m) / m, atol=1e-14)
        peaks = (2 * np.arange(m // 2) + 1) / m if m > 1 else np.array([])
        crossings = (2 * np.arange(m) + 1) / (2 * m)
        np.testing.assert_allclose(layer.neurons[1].breakpoints, np.sort(np.concatenate([peaks, crossings])),
                                   atol=1e-14)


def test_knots_where_a_neuron_is_off_or_the_bends_cancel_are_not_breakpoints():
    params = {
        # layer 1: relu(x) bends at 0, relu(-x - 1) bends at -1
        "W1": np.array([[1.0], [-1.0]]), "b1": np.array([0.0, -1.0]),
        # layer 2: relu(a1 - 10) is off on all of [-2, 2]; relu(a1) = a1; relu(a1 + a2 - 0.5)
        # is off on both sides of the layer-1 knots -1 and 0, so neither is its breakpoint
        "W2": np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 1.0]]), "b2": np.array([-10.0, 0.0, -0.5]),
        "W3": np.array([[1.0, -1.0, 0.0]]), "b3": np.array([1.0]),
        "c": np.array([3.0]), "b": np.array([0.5]),
    }
    pieces = network_pieces(params, -2.0, 2.0)
    layer1, layer2, layer3 = pieces.layers
    assert [n.breakpoints.tolist() for n in layer1.neurons] == [[0.0], [-1.0]]
    assert layer1.n_regions == 3
    assert layer2.neurons[0].n_pieces == 1                     # never on
    assert layer2.neurons[1].breakpoints.tolist() == [0.0]
    # a1 + a2 - 0.5: -x - 1.5 (x < -1), -0.5 (-1..0), x - 0.5 (x > 0); on for x < -1.5 and x > 0.5
    assert layer2.neurons[2].breakpoints.tolist() == [-1.5, 0.5]
    # r3 = 1 + a2,1 - a2,2 = 1 - relu(x): its bend at 0 stays; relu(1 - relu(x)) adds one at x = 1
    assert layer3.neurons[0].breakpoints.tolist() == [0.0, 1.0]
    assert pieces.output.n_pieces == 3
    np.testing.assert_allclose(pieces.output.slopes, [0.0, -3.0, 0.0])


def test_a_bend_cancelled_by_the_next_layer_disappears():
    # two identical neurons relu(x) subtracted from each other: the output is constant
    params = {"W1": np.array([[1.0], [1.0]]), "b1": np.array([0.0, 0.0]),
              "c": np.array([1.5, -1.5]), "b": np.array([0.2])}
    pieces = network_pieces(params, -1.0, 1.0)
    assert pieces.layers[0].n_pieces.tolist() == [2, 2]
    assert pieces.output.n_pieces == 1 and pieces.output.breakpoints.size == 0


def sampled_kinks(x: np.ndarray, values: np.ndarray, threshold: float) -> list[tuple[float, float]]:
    """Slope changes seen on a dense grid: runs of large second differences, as x ranges."""
    d2 = np.abs(values[2:] - 2 * values[1:-1] + values[:-2])
    flagged = np.flatnonzero(d2 > threshold) + 1
    if flagged.size == 0:
        return []
    runs = np.split(flagged, np.flatnonzero(np.diff(flagged) > 1) + 1)
    return [(x[run[0] - 1], x[run[-1] + 1]) for run in runs]


@pytest.mark.parametrize("seed", range(12))
def test_every_neuron_matches_dense_sampling_on_random_networks(seed):
    rng = np.random.default_rng(seed)
    hidden = tuple(int(h) for h in rng.integers(2, 7, size=rng.integers(1, 5)))
    model = MLP(1, hidden, activation="relu", seed=seed)
    theta = model.theta * rng.uniform(1.0, 3.0)    # livelier than the default init
    model.set_theta(theta)
    lo, hi = -3.0, 3.0
    pieces = model_pieces(model, lo, hi)
    x = np.linspace(lo, hi, 300_001)
    h = x[1] - x[0]
    trace = model.trace(x[:, None])
    functions = [(layer.neurons[i], trace[k]["a"][:, i])
                 for k, layer in enumerate(pieces.layers) for i in range(layer.width)]
    functions.append((pieces.output, model.forward(x[:, None])))
    checked = 0
    for exact, sampled in functions:
        # the exact curve is the network, at every sample
        np.testing.assert_allclose(exact.curve(x), sampled, atol=1e-12)
        bps = exact.breakpoints
        assert np.all(np.diff(bps) > 0) and np.all((bps > lo) & (bps < hi))
        if bps.size > 1 and np.min(np.diff(bps)) < 4 * h:
            continue  # two bends in neighbouring samples: sampling cannot tell them apart
        kinks = sampled_kinks(x, sampled, threshold=1e-11)
        assert len(kinks) == len(bps), f"sampling sees {len(kinks)} bends, exact count {len(bps)}"
        for (left, right), bp in zip(kinks, bps):
            assert left - 1e-12 <= bp <= right + 1e-12
        # and the slopes of the pieces are the sampled slopes in the middle of each piece
        edges = np.concatenate([[lo], bps, [hi]])
        mids = (edges[:-1] + edges[1:]) / 2
        widths = np.diff(edges) / 4
        sampled_slopes = (exact.curve(mids + widths) - exact.curve(mids - widths)) / (2 * widths)
        np.testing.assert_allclose(exact.slopes, sampled_slopes, rtol=1e-7, atol=1e-9)
        checked += 1
    assert checked >= len(functions) - 2


def test_piece_counts_grow_with_depth_for_the_sawtooth_but_never_exceed_the_bound():
    counts = [network_pieces(sawtooth_params(d), 0.0, 1.0).output.n_pieces for d in range(1, 6)]
    assert counts == [2, 4, 8, 16, 32]
    # random nets: a neuron of layer k has at most (its layer's regions) pieces, and layer regions
    # grow at most by the neurons' zero crossings: regions_k <= regions_{k-1} * (width_k + 1)
    model = MLP(1, (5, 5, 5), seed=3)
    pieces = model_pieces(model, -4.0, 4.0)
    previous = 1
    for layer in pieces.layers:
        assert layer.n_pieces.max() <= layer.n_regions <= previous * (layer.width + 1)
        previous = layer.n_regions


def test_linear_model_has_one_piece_and_bad_input_is_named():
    linear = network_pieces({"c": np.array([2.0]), "b": np.array([1.0])}, -1.0, 1.0)
    assert linear.layers == () and linear.output.n_pieces == 1
    np.testing.assert_allclose(linear.output.curve(np.array([0.5])), [2.0])
    with pytest.raises(ValueError, match="ReLU"):
        model_pieces(MLP(1, (3,), activation="sigmoid"), -1.0, 1.0)
    with pytest.raises(ValueError, match="one input"):
        model_pieces(MLP(2, (3,)), -1.0, 1.0)
    with pytest.raises(ValueError, match="lo must be smaller"):
        model_pieces(MLP(1, (3,)), 1.0, 1.0)
    with pytest.raises(ValueError, match="'c'"):
        network_pieces({"W1": np.ones((2, 1)), "b1": np.zeros(2), "b": np.zeros(1)}, 0.0, 1.0)
    with pytest.raises(ValueError, match="W2 must have 2 columns"):
        network_pieces({"W1": np.ones((2, 1)), "b1": np.zeros(2), "W2": np.ones((2, 3)), "b2": np.zeros(2),
                        "c": np.zeros(2), "b": np.zeros(1)}, 0.0, 1.0)
    with pytest.raises(TypeError, match="lo"):
        network_pieces({"c": np.ones(1), "b": np.zeros(1)}, "0", 1.0)


def test_a_recorded_theta_can_be_counted_without_changing_the_model():
    model = MLP(1, (4, 4), seed=0)
    before = model.theta
    other = before * 2.0
    pieces_other = model_pieces(model, -2.0, 2.0, theta=other)
    np.testing.assert_array_equal(model.theta, before)
    probe = np.linspace(-2, 2, 41)
    model.set_theta(other)
    np.testing.assert_allclose(pieces_other.output.curve(probe), model.forward(probe[:, None]), atol=1e-12)
