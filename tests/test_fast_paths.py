"""The in-place training path: reusable arrays never leak between calls, and the results
are those of the plain book formulas."""

import copy
import pickle

import numpy as np
import pytest

from mathcore.activations import ACTIVATIONS
from mathcore.losses import get_loss
from mathcore.models import MLP
from mathcore.optim import Adam


def _data(n, n_inputs=4, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, n_inputs)), rng.normal(size=n)


def _book_loss_and_grad(model, X, y, loss):
    """Back-propagation written straight from the book, one row per example, no reuse."""
    p, act = model.params, model.activation
    L = len(model.hidden)
    a, rs = [X], []
    for k in range(1, L + 1):
        rs.append(a[-1] @ p[f"W{k}"].T + p[f"b{k}"])
        a.append(act.output(rs[-1]))
    y_hat = a[-1] @ p["c"] + p["b"][0]
    loss_fn, loss_der = get_loss(loss)
    dy = loss_der(y_hat, y)
    grads = {"c": a[-1].T @ dy, "b": np.array([dy.sum()])}
    dA = np.outer(dy, p["c"])
    for k in range(L, 0, -1):
        dR = dA * act.der(rs[k - 1])
        grads[f"W{k}"], grads[f"b{k}"] = dR.T @ a[k - 1], dR.sum(axis=0)
        dA = dR @ p[f"W{k}"]
    return loss_fn(y_hat, y), np.concatenate([grads[name].ravel() for name in p])


@pytest.mark.parametrize("hidden", [(), (6,), (5, 3), (4, 7, 2)])
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
@pytest.mark.parametrize("loss", ["mse", "mae"])
def test_loss_and_grad_equal_the_book_formulas(hidden, activation, loss):
    X, y = _data(50)
    model = MLP(4, hidden, activation, seed=3)
    value, grad = model.loss_and_grad(X, y, loss)
    book_value, book_grad = _book_loss_and_grad(model, X, y, loss)
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
    assert len(model._workspaces) <= 4


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
        assert clone._workspaces == {}
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
