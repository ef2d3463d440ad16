"""fit(patience=...): early stopping on the validation loss, and Trajectory.best_step.

(Kept apart from test_train.py, whose module-level ``importorskip("torch")`` would
skip these tests wherever torch is missing.)
"""

import math

import numpy as np
import pytest

from mathcore.models import MLP, Linear
from mathcore.optim import Adam, GradientDescent
from mathcore.train import fit


def _shifted(n=40, seed=0):
    """Train on y = x, validate on y = 0.5 x: the validation loss falls, then rises."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 1))
    Xv = rng.normal(size=(n, 1))
    return X, X[:, 0], Xv, 0.5 * Xv[:, 0]


def _start_below_half():
    model = Linear(1, seed=0)
    model.set_theta(np.array([-0.5, 0.0]))  # w = -0.5 < 0.5 < 1 = the training optimum
    return model


def test_patience_stops_after_that_many_evaluations_without_improvement():
    X, y, Xv, yv = _shifted()
    full = fit(_start_below_half(), X, y, optimizer=GradientDescent(0.05), epochs=200, X_val=Xv, y_val=yv)
    model = _start_below_half()
    stopped = fit(model, X, y, optimizer=GradientDescent(0.05), epochs=200, X_val=Xv, y_val=yv, patience=5)

    best = int(np.argmin(full.val_loss))
    assert 0 < best < 190  # the validation loss really turns up inside the run
    assert full.best_step == best and not full.stopped_early
    assert stopped.stopped_early and stopped.best_step == best
    assert stopped.n_steps == best + 5
    assert np.all(np.diff(stopped.val_loss[best:]) > 0)  # five evaluations, each worse
    # the path is the unstopped one, complete up to the stop, and the model sits at its end
    assert stopped.thetas.tobytes() == full.thetas[: best + 6].tobytes()
    np.testing.assert_array_equal(stopped.train_loss, full.train_loss[: best + 6])
    np.testing.assert_array_equal(model.theta, stopped.thetas[-1])
    assert stopped.grad_norm.shape == (best + 5,) and np.all(np.isfinite(stopped.train_loss))
    np.testing.assert_array_equal(stopped.best_theta, full.thetas[best])
    # the best checkpoint's w is near 0.5, the validation optimum
    assert abs(stopped.best_theta[0] - 0.5) < abs(stopped.thetas[-1][0] - 0.5)
    assert stopped.config["patience"] == 5 and "patience" not in full.config


def test_patience_counts_recorded_evaluations_once_per_epoch():
    X, y, Xv, yv = _shifted(n=45, seed=1)
    batch = 10
    steps_per_epoch = math.ceil(45 / batch)
    trajectory = fit(_start_below_half(), X, y, optimizer=Adam(0.02), epochs=300, batch_size=batch,
                     X_val=Xv, y_val=yv, record_every=steps_per_epoch, patience=3, seed=2)
    assert trajectory.stopped_early
    rows = len(trajectory.thetas)
    assert rows == trajectory.best_step + 4 and len(trajectory.val_loss) == rows
    assert trajectory.step_number[-1] == (rows - 1) * steps_per_epoch  # whole epochs only
    best_val = trajectory.val_loss[trajectory.best_step]
    assert best_val == trajectory.val_loss.min() and np.all(trajectory.val_loss[-3:] >= best_val)
    assert trajectory.epoch_of_step[-1] < 299


def test_patience_that_never_triggers_runs_every_epoch_and_the_best_is_the_last():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 2))
    y = X @ np.array([1.5, -0.5]) + 0.2
    trajectory = fit(Linear(2), X[:40], y[:40], optimizer=GradientDescent(0.02), epochs=50,
                     X_val=X[40:], y_val=y[40:], patience=3)
    assert not trajectory.stopped_early and trajectory.n_steps == 50
    assert trajectory.best_step == 50  # noiseless linear data: validation improves at every step


def test_best_step_is_none_without_validation_data():
    X, y, _, _ = _shifted()
    trajectory = fit(Linear(1), X, y, optimizer=GradientDescent(0.1), epochs=3)
    assert trajectory.best_step is None and not trajectory.stopped_early
    with pytest.raises(ValueError, match="X_val"):
        trajectory.best_theta


@pytest.mark.parametrize(
    "patience, with_val, error, message",
    [
        (0, True, ValueError, "patience"),
        (-2, True, ValueError, "patience"),
        (2.5, True, TypeError, "patience"),
        (True, True, TypeError, "patience"),
        (3, False, ValueError, "X_val"),
    ],
)
def test_bad_patience_names_the_argument_and_changes_nothing(patience, with_val, error, message):
    X, y, Xv, yv = _shifted(n=10)
    model = MLP(1, (3,))
    before = model.theta
    val = dict(X_val=Xv, y_val=yv) if with_val else {}
    with pytest.raises(error, match=message):
        fit(model, X, y, optimizer=GradientDescent(0.1), epochs=2, patience=patience, **val)
    np.testing.assert_array_equal(model.theta, before)
