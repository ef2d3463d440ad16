"""mathcore.local_minima: two starts, both stopped at a zero gradient, at different losses; a local minimum."""

import numpy as np
import pytest

from mathcore.cache import model_for, training_data
from mathcore.data import one_feature_relation
from mathcore.local_minima import GRADIENT_TOLERANCE, lowest_nearby_loss, two_starts


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
