"""mathcore.studies.local_minima: two starts, both stopped at a zero gradient, at different losses; a local minimum."""

import numpy as np
import pytest

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.data import one_feature_relation
from mathcore.studies.local_minima import (
    FIRST_UPDATES,
    GRADIENT_TOLERANCE,
    first_updates_config,
    lowest_nearby_loss,
    points_each_relu_is_on,
    recorded_path,
    two_starts,
    updates_until_small_gradient,
)


@pytest.fixture(scope="module")
def runs():
    return two_starts()


def test_both_runs_stopped_where_the_gradient_vanishes(runs):
    for run in runs:
        assert run.stopped and run.gradient_norm < GRADIENT_TOLERANCE
        model = model_for(run.config)
        model.set_theta(run.theta)
        data = training_data(run.config)
        loss, grad = model.loss_and_grad(data.X, data.y, "mse")
        assert loss == pytest.approx(run.loss) and np.linalg.norm(grad) == pytest.approx(run.gradient_norm, abs=1e-12)


def test_they_stopped_at_clearly_different_losses(runs):
    higher, lower = runs
    assert higher.loss > lower.loss * 1.05  # more than 5 % apart: not rounding
    sigma = one_feature_relation("bikeshare", "cycle", 200, 0).y_std
    assert higher.loss_riders == pytest.approx(higher.loss * sigma**2)  # (riders/hour)²


def test_the_higher_one_is_a_local_minimum_no_nearby_theta_is_lower(runs):
    higher, _ = runs
    assert lowest_nearby_loss(higher) >= higher.loss - 1e-12


def test_the_recorded_path_is_the_same_run_every_update_first_then_every_thousandth(runs):
    for run in runs:
        path = recorded_path(run)
        whole = get_or_train(run.config)
        first = get_or_train(first_updates_config(run))
        # gradient descent is deterministic: the short run ends where the long run stood after as many updates
        assert np.array_equal(first.final_theta, whole.thetas[1]) and whole.step_number[0] == FIRST_UPDATES
        assert path.steps[0] == 0 and np.all(np.diff(path.steps) > 0) and path.steps[-1] == whole.step_number[-1]
        assert np.array_equal(path.steps[: FIRST_UPDATES + 1], np.arange(FIRST_UPDATES + 1))
        assert np.array_equal(path.thetas[-1], run.theta) and path.losses[-1] == run.loss
        assert np.array_equal(path.thetas[0], whole.thetas[0])


def test_points_each_relu_is_on_counts_b_plus_w_x_above_zero(runs):
    for run in runs:
        data = training_data(run.config)
        p = model_for(run.config).unflatten(run.theta)
        for i, count in enumerate(points_each_relu_is_on(run)):
            assert count == np.sum(p["b1"][i] + p["W1"][i, 0] * data.X[:, 0] > 0)


def test_the_stopping_rule_holds_from_the_update_named_and_stays_held(runs):
    for run in runs:
        k = updates_until_small_gradient(run)
        path, data, model = recorded_path(run), training_data(run.config), model_for(run.config)

        def norm(theta):
            model.set_theta(theta)
            return np.linalg.norm(model.loss_and_grad(data.X, data.y, "mse")[1])

        assert norm(path.thetas[k]) < GRADIENT_TOLERANCE <= norm(path.thetas[k - 1])
        first, whole = get_or_train(first_updates_config(run)), get_or_train(run.config)
        assert np.all(first.grad_norm[k:] < GRADIENT_TOLERANCE) and np.all(whole.grad_norm < GRADIENT_TOLERANCE)
    with pytest.raises(ValueError, match="stays above"):
        updates_until_small_gradient(runs[0], tolerance=1e-30)
