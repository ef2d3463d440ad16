"""fit(): batches and epochs, recording, determinism, divergence and bad input."""

import math

import numpy as np
import pytest

from mathcore.models import MLP, Linear
from mathcore.optim import Adam, GradientDescent, Momentum
from mathcore.train import DivergenceError, fit


def _data(n=50, n_inputs=2, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_inputs))
    return X, X[:, 0] * 2 - X[:, 1] + 0.1 * rng.normal(size=n)


def test_full_batch_records_every_step_and_the_loss_falls():
    X, y = _data()
    model = Linear(2)
    trajectory = fit(model, X, y, optimizer=GradientDescent(0.1), epochs=30)
    assert trajectory.thetas.shape == (31, 3)
    assert trajectory.train_loss.shape == (31,) and trajectory.grad_norm.shape == (30,)
    assert trajectory.train_loss[-1] < 0.1 * trajectory.train_loss[0]
    np.testing.assert_array_equal(trajectory.thetas[-1], model.theta)
    # each recorded loss is the loss of its recorded theta
    probe = Linear(2)
    for s in (0, 7, 30):
        probe.set_theta(trajectory.thetas[s])
        assert trajectory.train_loss[s] == pytest.approx(np.mean((probe.forward(X) - y) ** 2), rel=1e-14)
    # and the first update is exactly theta0 - lr * grad(theta0)
    probe.set_theta(trajectory.thetas[0])
    _, g = probe.loss_and_grad(X, y)
    np.testing.assert_allclose(trajectory.thetas[1], trajectory.thetas[0] - 0.1 * g, rtol=1e-15)
    assert trajectory.grad_norm[0] == pytest.approx(np.linalg.norm(g))


def test_mini_batches_shuffle_each_epoch_and_keep_the_short_batch():
    X, y = _data(n=23)
    trajectory = fit(MLP(2, (4,)), X, y, optimizer=Adam(0.01), epochs=3, batch_size=5, seed=7)
    steps_per_epoch = math.ceil(23 / 5)
    assert trajectory.n_steps == 3 * steps_per_epoch
    assert trajectory.epoch_of_step.tolist() == [e for e in range(3) for _ in range(steps_per_epoch)]
    sizes = [len(rows) for rows in trajectory.batch_indices]
    assert sizes == [5, 5, 5, 5, 3] * 3
    epochs = [np.concatenate(trajectory.batch_indices[e * 5 : (e + 1) * 5]) for e in range(3)]
    for rows in epochs:
        assert sorted(rows.tolist()) == list(range(23))  # every example once per epoch
    assert epochs[0].tolist() != epochs[1].tolist()  # reshuffled
    # the recorded batch loss is the loss of that batch at the previous theta
    probe = MLP(2, (4,))
    probe.set_theta(trajectory.thetas[3])
    rows = trajectory.batch_indices[3]
    assert trajectory.batch_loss[3] == pytest.approx(np.mean((probe.forward(X[rows]) - y[rows]) ** 2))


def test_same_seed_gives_byte_identical_thetas_and_another_seed_does_not():
    X, y = _data()
    runs = [fit(MLP(2, (6, 3), seed=1), X, y, optimizer=Momentum(0.05), epochs=4, batch_size=8, seed=s)
            for s in (3, 3, 4)]
    assert runs[0].thetas.tobytes() == runs[1].thetas.tobytes()
    assert runs[0].thetas.tobytes() != runs[2].thetas.tobytes()


def test_record_every_and_validation_loss():
    X, y = _data(n=40)
    trajectory = fit(Linear(2), X[:30], y[:30], optimizer=GradientDescent(0.05), epochs=10,
                     X_val=X[30:], y_val=y[30:], record_every=3, loss="mae")
    assert trajectory.step_number.tolist() == [3, 6, 9, 10]
    assert trajectory.val_loss.shape == (5,) and trajectory.val_loss[-1] < trajectory.val_loss[0]
    assert trajectory.config["loss"] == "mae" and trajectory.config["optimizer"] == {"name": "gd", "lr": 0.05}


def test_divergence_raises_with_the_step_or_is_recorded():
    X, y = _data()
    with pytest.raises(DivergenceError) as info:
        fit(Linear(2), X, y * 1e6, optimizer=GradientDescent(50.0), epochs=500)
    assert info.value.step > 1 and "step" in str(info.value)
    trajectory = fit(Linear(2), X, y * 1e6, optimizer=GradientDescent(50.0), epochs=500,
                     on_divergence="record")
    assert trajectory.diverged_at == info.value.step
    assert np.all(np.isfinite(trajectory.thetas)) and np.all(np.isfinite(trajectory.train_loss))
    assert trajectory.n_steps < 500 and trajectory.train_loss[-1] > 1e6 * trajectory.train_loss[0]


BAD_INPUT = [
    (dict(X=np.zeros(5)), ValueError, "X"),
    (dict(y=np.zeros(7)), ValueError, r"len\(y\)"),
    (dict(X=np.full((5, 2), np.nan)), ValueError, "X contains"),
    (dict(y=np.array([0, 1, np.inf, 0, 0.0])), ValueError, "y contains"),
    (dict(epochs=0), ValueError, "epochs"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(batch_size=6), ValueError, "batch_size"),
    (dict(loss="hinge"), ValueError, "loss"),
    (dict(optimizer="adam"), TypeError, "optimizer"),
    (dict(on_divergence="ignore"), ValueError, "on_divergence"),
]


@pytest.mark.parametrize("change, error, message", BAD_INPUT)
def test_bad_input_names_the_argument_and_changes_nothing(change, error, message):
    model = MLP(2, (3,))
    before = model.theta
    kwargs = dict(X=np.ones((5, 2)), y=np.zeros(5), optimizer=GradientDescent(0.1), epochs=2)
    kwargs.update(change)
    with pytest.raises(error, match=message):
        fit(model, kwargs.pop("X"), kwargs.pop("y"), **kwargs)
    np.testing.assert_array_equal(model.theta, before)


@pytest.mark.parametrize(
    "build, error, message",
    [
        (lambda: MLP(0), ValueError, "n_inputs"),
        (lambda: MLP(2, (3, 0)), ValueError, "hidden width 2"),
        (lambda: MLP(2, 3), TypeError, "hidden"),
        (lambda: MLP(2, (3,), activation="tanh"), ValueError, "activation"),
    ],
)
def test_bad_model_arguments(build, error, message):
    with pytest.raises(error, match=message):
        build()


@pytest.mark.parametrize(
    "theta, message", [(np.zeros(3), "length"), (np.array([0, 0, 0, 0, 0, 0, np.nan, 0, 0, 0, 0.0]), "NaN")]
)
def test_set_theta_rejects_bad_vectors_and_changes_nothing(theta, message):
    model = MLP(2, (2,))
    before = model.theta
    with pytest.raises(ValueError, match=message):
        model.set_theta(theta)
    np.testing.assert_array_equal(model.theta, before)


def test_on_step_is_called_once_per_update_with_the_step_and_the_total():
    X, y = _data(n=23)
    calls, thetas = [], []
    model = MLP(2, (3,))

    def on_step(step, total):
        calls.append((step, total))
        thetas.append(model.theta)  # called after the update: the model holds the new theta

    trajectory = fit(model, X, y, optimizer=Adam(0.01), epochs=3, batch_size=5, seed=1, on_step=on_step)
    assert calls == [(s, 15) for s in range(1, 16)]
    np.testing.assert_array_equal(np.array(thetas), trajectory.thetas[1:])
    plain = fit(MLP(2, (3,)), X, y, optimizer=Adam(0.01), epochs=3, batch_size=5, seed=1)
    np.testing.assert_array_equal(plain.thetas, trajectory.thetas)  # watching changes nothing
    calls.clear()
    fit(MLP(2, (3,)), X, y, optimizer=Adam(0.01), epochs=2, record_every=3, on_step=on_step)
    assert calls == [(1, 2), (2, 2)]  # every update, recorded or not
    with pytest.raises(TypeError, match="on_step must be None or a function"):
        fit(MLP(2, (3,)), X, y, optimizer=Adam(0.01), epochs=1, on_step=5)
