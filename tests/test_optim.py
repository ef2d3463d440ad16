"""Optimisers: the first three steps worked out by hand, and agreement with torch.optim."""

import math

import numpy as np
import pytest

from mathcore.optim import AdaGrad, Adam, GradientDescent, Momentum, RMSProp, make_optimizer

THETA0 = [1.7, -2.3]
GRADS = [[0.5, -1.0], [0.25, 2.0], [-1.0, 0.5]]


def _expected_by_hand(rule, lr):
    """Scalar, per-coordinate rules written straight from the formulas (no numpy)."""
    out = []
    for j in range(2):
        theta, state, m = THETA0[j], 0.0, 0.0
        path = []
        for t, g in enumerate((step[j] for step in GRADS), start=1):
            if rule == "gd":
                theta = theta - lr * g
            elif rule == "momentum":
                state = 0.9 * state + g
                theta = theta - lr * state
            elif rule == "adagrad":
                state = state + g * g
                theta = theta - lr * g / (math.sqrt(state) + 1e-10)
            elif rule == "rmsprop":
                state = 0.99 * state + 0.01 * g * g
                theta = theta - lr * g / (math.sqrt(state) + 1e-8)
            elif rule == "adam":
                m = 0.9 * m + 0.1 * g
                state = 0.999 * state + 0.001 * g * g
                m_hat, v_hat = m / (1 - 0.9**t), state / (1 - 0.999**t)
                theta = theta - lr * m_hat / (math.sqrt(v_hat) + 1e-8)
            path.append(theta)
        out.append(path)
    return np.array(out).T  # (3 steps, 2 coordinates)


OPTIMISERS = {
    "gd": lambda: GradientDescent(0.1),
    "momentum": lambda: Momentum(0.1),
    "adagrad": lambda: AdaGrad(0.1),
    "rmsprop": lambda: RMSProp(0.1),
    "adam": lambda: Adam(0.1),
}


@pytest.mark.parametrize("rule", OPTIMISERS)
def test_first_three_steps_match_the_formulas(rule):
    optimizer = OPTIMISERS[rule]()
    theta = np.array(THETA0)
    path = []
    for g in GRADS:
        theta = optimizer.step(theta, np.array(g))
        path.append(theta)
    np.testing.assert_allclose(np.array(path), _expected_by_hand(rule, 0.1), rtol=1e-12, atol=1e-14)


def test_adam_first_step_is_lr_times_sign():
    # With bias correction the very first Adam step has size lr (up to eps) in every coordinate.
    new = Adam(0.05).step(np.zeros(3), np.array([3.0, -0.2, 1e-3]))
    np.testing.assert_allclose(new, [-0.05, 0.05, -0.05], rtol=1e-4)


def test_step_does_not_modify_its_input_and_fresh_forgets_state():
    optimizer = Momentum(0.1)
    theta = np.array([1.0, 2.0])
    optimizer.step(theta, np.array([1.0, 1.0]))
    assert theta.tolist() == [1.0, 2.0]
    fresh = optimizer.fresh()
    assert fresh.v is None and fresh.config() == optimizer.config() == {"name": "momentum", "lr": 0.1, "beta": 0.9}
    assert make_optimizer(optimizer.config()).config() == optimizer.config()


@pytest.mark.parametrize(
    "build, argument",
    [
        (lambda: GradientDescent(0.0), "lr"),
        (lambda: GradientDescent(-1), "lr"),
        (lambda: Momentum(0.1, beta=1.0), "beta"),
        (lambda: Momentum(0.1, beta=-0.1), "beta"),
        (lambda: RMSProp(0.1, alpha=1.5), "alpha"),
        (lambda: Adam(0.1, beta1=1.0), "beta1"),
        (lambda: Adam(0.1, beta2=-0.5), "beta2"),
        (lambda: make_optimizer({"name": "lbfgs", "lr": 1}), "optimizer"),
    ],
)
def test_bad_hyperparameters_name_the_argument(build, argument):
    with pytest.raises(ValueError, match=argument):
        build()
