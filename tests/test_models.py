"""Back-propagation against central finite differences and against PyTorch (float64)."""

import numpy as np
import pytest

from mathcore.activations import (
    hard_sigmoid,
    hard_sigmoid_der,
    relu,
    relu_der,
    sigmoid,
    sigmoid_der,
)
from mathcore.models import MLP, Linear

SHAPES = [(), (5,), (4, 3), (3, 4, 2)]


def _data(n_inputs=3, n=11, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_inputs))
    y = rng.normal(size=n) * 2
    return X, y


def _finite_difference(model, X, y, loss, eps=1e-6):
    theta = model.theta
    numeric = np.empty_like(theta)
    for i in range(len(theta)):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += eps
        minus[i] -= eps
        model.set_theta(plus)
        loss_plus = model.loss_and_grad(X, y, loss)[0]
        model.set_theta(minus)
        loss_minus = model.loss_and_grad(X, y, loss)[0]
        numeric[i] = (loss_plus - loss_minus) / (2 * eps)
    model.set_theta(theta)
    return numeric


def _away_from_kinks(model, X, y, margin=1e-4):
    """FD is only valid where no ReLU input and no residual is within eps of zero."""
    residual = model.forward(X) - y
    kinks = [np.abs(layer["r"]).min() for layer in model.trace(X)] if model.hidden else []
    return np.abs(residual).min() > margin and all(k > margin for k in kinks)


@pytest.mark.parametrize("hidden", SHAPES)
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
@pytest.mark.parametrize("loss", ["mse", "mae"])
def test_gradient_matches_central_finite_differences(hidden, activation, loss):
    X, y = _data()
    for seed in range(20):  # pick an init whose point is away from every kink
        model = MLP(3, hidden, activation, seed=seed)
        if _away_from_kinks(model, X, y):
            break
    else:
        pytest.fail("no seed gave a point away from the kinks")
    _, grad = model.loss_and_grad(X, y, loss)
    numeric = _finite_difference(model, X, y, loss)
    relative = np.linalg.norm(grad - numeric) / max(np.linalg.norm(grad), np.linalg.norm(numeric))
    assert relative < 1e-6
    assert np.linalg.norm(grad) > 1e-3  # a non-trivial gradient was checked


def test_parameter_names_order_and_shapes():
    model = MLP(4, (3, 2))
    assert [(k, v.shape) for k, v in model.params.items()] == [
        ("W1", (3, 4)), ("b1", (3,)), ("W2", (2, 3)), ("b2", (2,)), ("c", (2,)), ("b", (1,))
    ]
    assert model.n_params == 12 + 3 + 6 + 2 + 2 + 1
    flat = np.concatenate([v.ravel() for v in model.params.values()])
    np.testing.assert_array_equal(flat, model.theta)
    linear = Linear(5)
    assert list(linear.params) == ["c", "b"] and linear.params["c"].shape == (5,)


def test_forward_is_the_book_formula():
    model = MLP(2, (3,), "sigmoid", seed=4)
    X, _ = _data(2)
    p = model.params
    expected = p["b"][0] + sigmoid(p["b1"] + X @ p["W1"].T) @ p["c"]
    np.testing.assert_allclose(model.forward(X), expected, rtol=1e-15)
    linear = Linear(2, seed=1)
    np.testing.assert_allclose(linear.forward(X), linear.params["b"][0] + X @ linear.params["c"], rtol=1e-15)


def test_theta_is_a_copy_and_set_theta_round_trips():
    model = MLP(2, (3,))
    theta = model.theta
    theta[0] = 123.0
    assert model.theta[0] != 123.0
    model.set_theta(theta)
    assert model.theta[0] == 123.0 and model.params["W1"][0, 0] == 123.0


def test_activations_and_derivatives():
    r = np.array([-1000.0, -2.0, 0.0, 3.0, 1000.0])
    with np.errstate(over="raise", invalid="raise"):  # stable: no overflow even at |r| = 1000
        s = sigmoid(r)
    np.testing.assert_allclose(s, [0.0, 1 / (1 + np.exp(2)), 0.5, 1 / (1 + np.exp(-3)), 1.0], rtol=1e-15)
    np.testing.assert_allclose(sigmoid_der(np.array([0.0])), [0.25])
    np.testing.assert_array_equal(relu(r), [0, 0, 0, 3, 1000])
    np.testing.assert_array_equal(relu_der(r), [0, 0, 0, 1, 1])
    x = np.array([-1.0, 0.5, 1.0, 2.5, 4.0])
    np.testing.assert_allclose(hard_sigmoid(x, 0.0, 2.0, 10.0), [0, 2.5, 5, 10, 10])
    np.testing.assert_allclose(hard_sigmoid_der(x, 0.0, 2.0, 10.0), [0, 5, 5, 0, 0])
