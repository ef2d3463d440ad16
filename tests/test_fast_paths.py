"""The in-place training path (mathcore.fast_mlp): reusable arrays never leak between
calls, and the results are those of the plain book formulas (MLP.book_*)."""

import copy
import pickle

import numpy as np
import pytest

from mathcore.activations import ACTIVATIONS
from mathcore.models import MLP
from mathcore.optim import Adam


def _data(n, n_inputs=4, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, n_inputs)), rng.normal(size=n)


@pytest.mark.parametrize("hidden", [(), (6,), (5, 3), (4, 7, 2)])
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
@pytest.mark.parametrize("loss", ["mse", "mae"])
def test_loss_and_grad_equal_the_book_formulas(hidden, activation, loss):
    X, y = _data(50)
    model = MLP(4, hidden, activation, seed=3)
    value, grad = model.loss_and_grad(X, y, loss)
    book_value, book_grad = model.book_loss_and_grad(X, y, loss)
    assert value == pytest.approx(book_value, rel=1e-14)
    np.testing.assert_allclose(grad, book_grad, rtol=1e-12, atol=1e-15 * np.abs(book_grad).max())


def test_reused_arrays_never_leak_into_results():
    X, y = _data(40)
    model = MLP(4, (8, 5), seed=1)
    layers = model.trace(X)
    kept = [{name: array.copy() for name, array in layer.items()} for layer in layers]
    _, grad = model.loss_and_grad(X, y)
    grad_copy = grad.copy()
    y_hat = model.forward(X)
    y_hat_copy = y_hat.copy()
    model.loss_and_grad(X * 2, y)          # same batch size: the same reusable arrays
    model.forward(X[:7])                   # another batch size
    for layer, before in zip(layers, kept):
        for name in ("r", "a"):
            np.testing.assert_array_equal(layer[name], before[name])
    np.testing.assert_array_equal(grad, grad_copy)
    np.testing.assert_array_equal(y_hat, y_hat_copy)


def test_alternating_batch_sizes_give_the_fresh_model_results():
    X, y = _data(23)
    model = MLP(4, (6, 3), seed=2)
    batches = [slice(0, 5), slice(20, 23), slice(5, 10), slice(0, 23), slice(10, 15), slice(0, 1)] * 2
    for rows in batches:  # more sizes than the model keeps arrays for
        value, grad = model.loss_and_grad(X[rows], y[rows])
        fresh_value, fresh_grad = MLP(4, (6, 3), seed=2).loss_and_grad(X[rows], y[rows])
        assert value == fresh_value
        np.testing.assert_array_equal(grad, fresh_grad)
    assert len(model.fast.workspaces) <= 4


def test_forward_and_trace_equal_the_book_forward_pass():
    X, _ = _data(30)
    for hidden in [(), (6,), (5, 3)]:
        model = MLP(4, hidden, "relu", seed=6)
        y, rs, activations = model.book_forward(X)
        np.testing.assert_allclose(model.forward(X), y, rtol=1e-14, atol=1e-15)
        for layer, r, a in zip(model.trace(X), rs, activations[1:]):
            np.testing.assert_allclose(layer["r"], r, rtol=1e-14, atol=1e-15)
            np.testing.assert_array_equal(layer["a"] > 0, a > 0)


def test_the_book_backward_pass_is_the_chain_rule_written_out():
    """A two-example, one-neuron case by hand: dL/dW1 = sum_n dy_n c sigma'(r_n) x_n."""
    model = MLP(1, (1,), "relu", seed=0)
    model.set_theta([2.0, -1.0, 3.0, 0.5])            # W1, b1, c, b
    X, y = np.array([[1.0], [0.25]]), np.array([0.0, 1.0])
    # r = 2x - 1 = (1, -0.5); a = (1, 0); y_hat = 0.5 + 3a = (3.5, 0.5); dy = (y_hat - y) = (3.5, -0.5)
    value, grad = model.book_loss_and_grad(X, y, "mse")
    assert value == (3.5**2 + 0.5**2) / 2
    dy = np.array([3.5, -0.5])                         # 2 e / N with N = 2
    np.testing.assert_array_equal(grad, [dy[0] * 3.0 * 1.0, dy[0] * 3.0, dy[0] * 1.0, dy.sum()])
    np.testing.assert_array_equal(model.loss_and_grad(X, y, "mse")[1], grad)


def test_a_copy_follows_its_own_theta():
    X, _ = _data(6)
    model = MLP(4, (3,), seed=1)
    for clone in (copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
        clone.set_theta(np.zeros(model.n_params))
        np.testing.assert_array_equal(clone.forward(X), np.zeros(6))
        assert np.any(model.forward(X) != 0)


def test_trace_matches_the_book_forward_pass():
    X, _ = _data(9)
    model = MLP(4, (5, 3), "sigmoid", seed=4)
    p, a = model.params, X
    for k, layer in enumerate(model.trace(X), start=1):
        r = a @ p[f"W{k}"].T + p[f"b{k}"]
        a = ACTIVATIONS["sigmoid"].output(r)
        assert layer["r"].shape == layer["a"].shape == (9, p[f"b{k}"].size)
        np.testing.assert_allclose(layer["r"], r, rtol=1e-14, atol=1e-15)
        np.testing.assert_allclose(layer["a"], a, rtol=1e-14, atol=1e-15)


def test_copies_and_pickles_carry_parameters_but_not_scratch_arrays():
    X, y = _data(500)
    model = MLP(4, (50,), seed=5)
    value, grad = model.loss_and_grad(X, y)
    for clone in (copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
        assert clone.fast.workspaces == {}
        np.testing.assert_array_equal(clone.theta, model.theta)
        clone_value, clone_grad = clone.loss_and_grad(X, y)
        assert clone_value == value
        np.testing.assert_array_equal(clone_grad, grad)
    assert len(pickle.dumps(model)) < 8 * model.n_params + 4000  # theta, not the (50, 500) arrays


@pytest.mark.parametrize("name", ["relu", "sigmoid"])
def test_derivative_from_the_output_equals_the_derivative(name):
    act = ACTIVATIONS[name]
    r = np.concatenate([np.random.default_rng(0).normal(size=50) * 5, [0.0, -0.0, 40.0, -40.0, 1e-300]])
    a = act.output(r)
    np.testing.assert_array_equal(act.der_from_output(a), act.der(r))
    out = a.copy()
    assert act.der_from_output(out, out=out) is out  # in place, as back-propagation uses it
    np.testing.assert_array_equal(out, act.der(r))
    buffer = np.empty_like(r)
    assert act.output(r, out=buffer) is buffer
    np.testing.assert_array_equal(buffer, a)


def test_adam_returns_fresh_arrays_and_leaves_its_inputs_alone():
    optimizer = Adam(0.1)
    theta, grad = np.array([1.0, -2.0, 3.0]), np.array([0.5, 0.0, -4.0])
    first = optimizer.step(theta, grad)
    first_copy = first.copy()
    second = optimizer.step(first, grad * 2)
    assert theta.tolist() == [1.0, -2.0, 3.0] and grad.tolist() == [0.5, 0.0, -4.0]
    np.testing.assert_array_equal(first, first_copy)  # the next step did not overwrite it
    assert second is not first and not np.shares_memory(second, optimizer.m)
