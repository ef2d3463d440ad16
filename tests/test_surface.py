"""mathcore.surface: exact (w, b) error surfaces and 2-D slices of the loss."""

import numpy as np
import pytest

from mathcore import data
from mathcore.models import MLP, Linear
from mathcore.optim import GradientDescent
from mathcore.surface import (
    error_surface,
    error_surface_loop,
    filter_normalised_direction,
    least_squares_line,
    slice_2d,
)
from mathcore.train import fit


@pytest.fixture(scope="module")
def bike():
    w = data.windows(1)
    return w.X_train[:, 0], w.y_train


def _direct(x, y, w, b, loss):
    e = b + w * x - y
    return np.mean(e * e) if loss == "mse" else np.mean(np.abs(e))


@pytest.mark.parametrize("loss", ["mse", "mae"])
@pytest.mark.parametrize("offset", [False, True])
def test_surface_equals_direct_evaluation_at_random_grid_points(bike, loss, offset):
    x, y = bike
    rng = np.random.default_rng(1)
    w_grid, b_grid = rng.uniform(-1, 2, 37), rng.uniform(-1.5, 1.5, 29)  # unsorted on purpose
    if offset:  # far from the origin, in raw-unit-like scales: no cancellation allowed
        x, y, b_grid = 40 * x + 300, 60 * y + 500, 60 * b_grid + 200
    surface = error_surface(x, y, w_grid, b_grid, loss)
    assert surface.shape == (29, 37)
    for i, j in rng.integers(0, [29, 37], size=(40, 2)):
        assert surface[i, j] == pytest.approx(_direct(x, y, w_grid[j], b_grid[i], loss), rel=1e-12)


@pytest.mark.parametrize("loss", ["mse", "mae"])
def test_vectorised_surface_equals_the_loop_reference(loss):
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=57), rng.normal(size=57)
    w_grid, b_grid = np.linspace(-2, 2, 9), np.linspace(-1, 1, 7)
    np.testing.assert_allclose(error_surface(x, y, w_grid, b_grid, loss),
                               error_surface_loop(x, y, w_grid, b_grid, loss), rtol=1e-12)
    # MAE is exact even at its corners: b equal to a residual y_n - w x_n
    b_corners = y[:5] - 0.5 * x[:5]
    got = error_surface(x, y, [0.5], b_corners, loss)[:, 0]
    assert got == pytest.approx([_direct(x, y, 0.5, b, loss) for b in b_corners], rel=1e-12)


def test_mse_argmin_is_the_least_squares_line_within_one_cell(bike):
    x, y = bike
    w_star, b_star = least_squares_line(x, y)
    coef = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)[0]
    assert (w_star, b_star) == pytest.approx(tuple(coef), rel=1e-10, abs=1e-12)
    w_grid, b_grid = np.linspace(0.5, 1.3, 201), np.linspace(-0.4, 0.4, 181)
    surface = error_surface(x, y, w_grid, b_grid)
    i, j = np.unravel_index(np.argmin(surface), surface.shape)
    assert abs(w_grid[j] - w_star) <= w_grid[1] - w_grid[0]
    assert abs(b_grid[i] - b_star) <= b_grid[1] - b_grid[0]
    assert surface.min() >= _direct(x, y, w_star, b_star, "mse") * (1 - 1e-12)


def test_mae_minimum_over_b_is_the_median_residual(bike):
    x, y = bike
    b_grid = np.linspace(-1, 1, 2001)
    column = error_surface(x, y, [0.9], b_grid, "mae")[:, 0]
    assert abs(b_grid[np.argmin(column)] - np.median(y - 0.9 * x)) <= b_grid[1] - b_grid[0]


def _linear_quadratic(X, y, theta0, d1, d2, alpha, beta):
    """MSE of the linear model along the plane, from its exact quadratic form in theta."""
    Xa = np.column_stack([X, np.ones(len(X))])           # theta = (c, b)
    A, g, k = Xa.T @ Xa / len(X), Xa.T @ y / len(X), y @ y / len(X)
    thetas = theta0[None, None, :] + alpha[None, :, None] * d1 + beta[:, None, None] * d2
    return np.einsum("ijp,pq,ijq->ij", thetas, A, thetas) - 2 * thetas @ g + k


def test_slice_of_the_linear_model_is_its_analytic_quadratic():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 2))
    y = X @ [1.5, -0.7] + 0.3 + 0.2 * rng.normal(size=60)
    model = Linear(2)
    theta0 = rng.normal(size=3)
    before = model.theta
    for kwargs in ({"directions": (rng.normal(size=3), rng.normal(size=3))},
                   {"directions": "random", "bias": "filter", "seed": 5}):
        s = slice_2d(model, X, y, theta0, span=(2.0, 1.5), resolution=13, **kwargs)
        expected = _linear_quadratic(X, y, theta0, s.d1, s.d2, s.alpha, s.beta)
        np.testing.assert_allclose(s.loss, expected, rtol=1e-12)
        assert s.alpha[[0, -1]].tolist() == [-2.0, 2.0] and s.beta[[0, -1]].tolist() == [-1.5, 1.5]
    np.testing.assert_array_equal(model.theta, before)  # the caller's model is untouched


def test_axis_slice_of_linear_model_is_the_error_surface(bike):
    x, y = bike
    x, y = x[:500], y[:500]
    center = np.array([0.8, 0.1])                         # (c = w, b)
    s = slice_2d(Linear(1), x[:, None], y, center, loss="mae",
                 directions=([1.0, 0.0], [0.0, 1.0]), span=0.5, resolution=11)
    expected = error_surface(x, y, 0.8 + s.alpha, 0.1 + s.beta, "mae")
    np.testing.assert_allclose(s.loss, expected, rtol=1e-12)


def test_random_directions_are_filter_normalised():
    model = MLP(3, (5, 4), seed=2)
    center = np.random.default_rng(4).normal(size=model.n_params)
    ref = model.unflatten(center)
    for bias in ("zero", "filter"):
        rng = np.random.default_rng(0)
        d = model.unflatten(filter_normalised_direction(model, center, rng, bias))
        for name in ("W1", "W2"):
            np.testing.assert_allclose(np.linalg.norm(d[name], axis=1),
                                       np.linalg.norm(ref[name], axis=1))
        assert np.linalg.norm(d["c"]) == pytest.approx(np.linalg.norm(ref["c"]))
        for name in ("b1", "b2", "b"):
            expected = np.zeros_like(ref[name]) if bias == "zero" else np.abs(ref[name])
            np.testing.assert_allclose(np.abs(d[name]), expected)
    one = slice_2d(model, np.ones((4, 3)), np.zeros(4), center, resolution=3, seed=7)
    two = slice_2d(model, np.ones((4, 3)), np.zeros(4), center, resolution=3, seed=7)
    assert np.array_equal(one.d1, two.d1) and not np.allclose(one.d1, one.d2)


def test_pca_recovers_a_planar_trajectory_exactly():
    model = MLP(2, (4,))
    rng = np.random.default_rng(5)
    final = rng.normal(size=model.n_params)
    u, v = rng.normal(size=(2, model.n_params))
    t = np.linspace(1, 0, 50)
    thetas = final + np.outer(3 * t**2, u) + np.outer(np.sin(4 * t), v)  # curved, in a plane
    X, y = rng.normal(size=(20, 2)), rng.normal(size=20)
    s = slice_2d(model, X, y, final, directions="pca", trajectory_thetas=thetas, span=None,
                 resolution=5)
    assert np.max(s.path_residual) < 1e-12 * np.linalg.norm(thetas - final, axis=1).max()
    np.testing.assert_allclose(final + s.path @ np.vstack([s.d1, s.d2]), thetas, atol=1e-12)
    assert s.d1 @ s.d2 == pytest.approx(0, abs=1e-12) and np.linalg.norm(s.d1) == pytest.approx(1)
    assert s.explained_variance.sum() == pytest.approx(1) and np.all(s.path[0] <= 0)
    assert s.alpha[-1] == pytest.approx(1.25 * np.abs(s.path[:, 0]).max())
    # the grid's loss is the model's loss at that theta
    probe = MLP(2, (4,))
    probe.set_theta(s.theta_at(s.alpha[1], s.beta[3]))
    assert s.loss[3, 1] == pytest.approx(np.mean((probe.forward(X) - y) ** 2), rel=1e-12)
    # a path that leaves the plane is reported as such
    bent = thetas.copy()
    bent[10] += 0.5 * rng.normal(size=model.n_params)
    off = slice_2d(model, X, y, final, directions="pca", trajectory_thetas=bent, span=1.0,
                   resolution=3)
    assert off.path_residual.max() > 0.1


def test_pca_of_a_real_training_path():
    x, y = data.synthetic_piecewise(n=80, seed=2)[:2]
    model = MLP(1, (3,), seed=1)
    trajectory = fit(model, x[:, None], y, optimizer=GradientDescent(0.1), epochs=60)
    s = slice_2d(model, x[:, None], y, trajectory.final_theta, directions="pca",
                 trajectory_thetas=trajectory.thetas, span=None, resolution=9)
    assert s.path[-1] == pytest.approx([0, 0], abs=1e-12)
    assert 0 < s.explained_variance[1] < s.explained_variance[0] <= 1
    assert s.loss[4, 4] == pytest.approx(trajectory.train_loss[-1], rel=1e-12)


@pytest.mark.parametrize("args, error, match", [
    ((np.ones((3, 1)), np.ones(3), [1.0], [0.0]), ValueError, "x must be a non-empty 1-D"),
    ((np.ones(3), np.ones(4), [1.0], [0.0]), ValueError, r"len\(x\) = 3 but len\(y\) = 4"),
    ((np.array([1.0, np.nan]), np.ones(2), [1.0], [0.0]), ValueError, "x contains NaN"),
    ((np.ones(3), np.ones(3), [], [0.0]), ValueError, "w_grid must be a non-empty"),
    ((np.ones(3), np.ones(3), [[1.0]], [0.0]), ValueError, "w_grid must be a non-empty 1-D"),
    ((np.ones(3), np.ones(3), [1.0], ["a"]), TypeError, "b_grid must be a 1-D array of numbers"),
    ((np.ones(3), np.ones(3), [1.0], [0.0], "huber"), ValueError,
     "loss 'huber'; choose one of 'mse', 'mae'"),
])
def test_bad_surface_inputs(args, error, match):
    for fn in (error_surface, error_surface_loop):
        with pytest.raises(error, match=match):
            fn(*args)


def test_bad_slice_inputs():
    X, y, model = np.ones((5, 1)), np.zeros(5), MLP(1, (2,))
    center = np.zeros(model.n_params) + 0.5
    cases = [
        (dict(center_theta=np.zeros(3)), "center_theta must have length n_params = 7"),
        (dict(resolution=1), "resolution must be >= 2"),
        (dict(directions="pca"), "needs trajectory_thetas with at least 3 rows"),
        (dict(directions="pca", trajectory_thetas=np.zeros((4, 7))), "fewer than two directions"),
        (dict(directions="sideways"), "unknown directions 'sideways'"),
        (dict(directions=(np.ones(7), 2 * np.ones(7))), "parallel"),
        (dict(span=-1.0), "span must be a number > 0"),
        (dict(span=None), "span=None .* needs trajectory_thetas"),
        (dict(trajectory_thetas=np.zeros((4, 3))), r"trajectory_thetas must be a finite \(T, 7\)"),
        (dict(bias="one"), "unknown bias 'one'"),
    ]
    for kwargs, match in cases:
        kwargs = {"center_theta": center, **kwargs}
        with pytest.raises(ValueError, match=match):
            slice_2d(model, X, y, **kwargs)
    with pytest.raises(ValueError, match="bias='filter'"):
        slice_2d(Linear(1), X, y, [0.5, 0.5])  # one filter and no bias directions: no plane
    with pytest.raises(ValueError, match="X has 2 columns"):
        slice_2d(model, np.ones((5, 2)), y, center)
    with pytest.raises(TypeError, match="mathcore.models.MLP"):
        slice_2d("model", X, y, center)
