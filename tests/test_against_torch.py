"""Agreement with PyTorch in float64: gradients, optimiser steps and a training loop.

PyTorch is the reference implementation (the `dev` extra installs torch==2.13.0, CPU build).
"""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from mathcore.models import MLP  # noqa: E402
from mathcore.optim import Adam  # noqa: E402
from mathcore.train import fit  # noqa: E402
from tests.test_models import SHAPES  # noqa: E402
from tests.test_models import _data as model_data  # noqa: E402
from tests.test_optim import OPTIMISERS  # noqa: E402
from tests.test_train import _data as training_data  # noqa: E402


# ---- from test_models.py
def _torch_loss_and_grad(model, X, y, loss):
    params = [torch.tensor(v, requires_grad=True) for v in model.params.values()]
    a = torch.tensor(X)
    act = torch.relu if model.activation.name == "relu" else torch.sigmoid
    for k in range(len(model.hidden)):
        W, b = params[2 * k], params[2 * k + 1]
        a = act(a @ W.T + b)
    y_hat = a @ params[-2] + params[-1][0]
    e = y_hat - torch.tensor(y)
    value = (e**2).mean() if loss == "mse" else e.abs().mean()
    value.backward()
    return value.item(), np.concatenate([p.grad.numpy().ravel() for p in params])


@pytest.mark.parametrize("hidden", SHAPES)
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
@pytest.mark.parametrize("loss", ["mse", "mae"])
def test_loss_and_gradient_agree_with_pytorch(hidden, activation, loss):
    X, y = model_data(n=64, seed=3)
    model = MLP(3, hidden, activation, seed=2)
    value, grad = model.loss_and_grad(X, y, loss)
    torch_value, torch_grad = _torch_loss_and_grad(model, X, y, loss)
    assert value == pytest.approx(torch_value, rel=1e-14)
    np.testing.assert_allclose(grad, torch_grad, rtol=1e-12, atol=1e-15)
    book_value, book_grad = model.book_loss_and_grad(X, y, loss)  # the readable version too
    assert book_value == pytest.approx(torch_value, rel=1e-14)
    np.testing.assert_allclose(book_grad, torch_grad, rtol=1e-12, atol=1e-15)


# ---- from test_optim.py
TORCH = {
    "gd": lambda p: torch.optim.SGD(p, lr=0.1),
    "momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.1),
    "adam": lambda p: torch.optim.Adam(p, lr=0.1),
}


@pytest.mark.parametrize("rule", OPTIMISERS)
def test_twenty_steps_agree_with_torch_optim(rule):
    rng = np.random.default_rng(1)
    theta = rng.normal(size=40)
    grads = [rng.normal(size=40) * 10.0 ** rng.uniform(-3, 2, size=40) for _ in range(20)]
    p = torch.tensor(theta.copy(), requires_grad=True)
    reference = TORCH[rule]([p])
    ours = OPTIMISERS[rule]()
    for g in grads:
        p.grad = torch.tensor(g)
        reference.step()
        theta = ours.step(theta, g)
    np.testing.assert_allclose(theta, p.detach().numpy(), rtol=1e-13, atol=1e-14)


# ---- from test_train.py
def test_a_mini_batch_run_agrees_with_a_pytorch_loop():
    X, y = training_data(n=37, n_inputs=3, seed=5)
    model = MLP(3, (8, 4), seed=2)
    theta0 = model.theta
    trajectory = fit(model, X, y, optimizer=Adam(0.01), epochs=4, batch_size=10, seed=11)

    params = [torch.tensor(v, requires_grad=True) for v in MLP(3, (8, 4), seed=2).params.values()]
    assert np.array_equal(np.concatenate([p.detach().numpy().ravel() for p in params]), theta0)
    opt = torch.optim.Adam(params, lr=0.01)
    for rows in trajectory.batch_indices:
        a = torch.tensor(X[rows])
        for k in range(2):
            a = torch.relu(a @ params[2 * k].T + params[2 * k + 1])
        loss = ((a @ params[4] + params[5][0] - torch.tensor(y[rows])) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    final = np.concatenate([p.detach().numpy().ravel() for p in params])
    np.testing.assert_allclose(trajectory.thetas[-1], final, rtol=1e-11, atol=1e-13)
