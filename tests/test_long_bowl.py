"""mathcore.studies.long_bowl: the lesson's one-hour model with riders in hundreds, and runs on it."""

import numpy as np
import pytest

from mathcore.studies.lesson import curvature_ratio, one_hour_linear_model
from mathcore.studies.long_bowl import (
    NEAR_MINIMUM,
    descend,
    first_step_outside,
    in_riders,
    long_bowl,
    loss_in_riders,
    sweep_rates,
)


def test_the_minimum_is_the_lessons_best_line_in_other_units():
    bowl, best = long_bowl(), one_hour_linear_model().best
    assert bowl.w_star == pytest.approx(best.w, rel=1e-12)
    assert in_riders(bowl.b_star) == pytest.approx(best.b, rel=1e-9)
    assert loss_in_riders(bowl.loss_star) == pytest.approx(best.mse, rel=1e-12)
    assert np.linalg.norm(bowl.gradient(bowl.w_star, bowl.b_star)) < 1e-12


def test_the_bowl_is_long_and_narrow_where_the_standardised_one_is_round():
    bowl = long_bowl()
    assert bowl.curvatures[1] / bowl.curvatures[0] > 5
    assert curvature_ratio(one_hour_linear_model(), "standardised") < 1.1


def test_the_curvatures_are_the_hessians():
    bowl, h = long_bowl(), 1e-4
    w, b = 0.3, 0.7
    hessian = np.column_stack([(bowl.gradient(w + h, b) - bowl.gradient(w - h, b)) / (2 * h),
                               (bowl.gradient(w, b + h) - bowl.gradient(w, b - h)) / (2 * h)])
    assert np.allclose(np.linalg.eigvalsh(hessian), bowl.curvatures, rtol=1e-6)


def test_a_run_is_gradient_descent_on_this_loss():
    bowl = long_bowl()
    run = descend("gd", 0.1, (-0.3, 1.2), 3)
    for s in range(3):
        assert np.allclose(run.thetas[s + 1], run.thetas[s] - 0.1 * bowl.gradient(*run.thetas[s]), rtol=1e-12)
        assert run.train_loss[s] == pytest.approx(bowl.loss(*run.thetas[s]), rel=1e-12)


def test_near_the_minimum_means_within_one_percent():
    bowl = long_bowl()
    assert NEAR_MINIMUM == 0.01
    assert bowl.is_near_minimum(1.0099 * bowl.loss_star) and not bowl.is_near_minimum(1.0101 * bowl.loss_star)


def test_first_step_outside_a_window():
    thetas = np.array([[0.0, 0.0], [1.0, 0.5], [3.0, 0.0], [0.0, 0.0]])
    assert first_step_outside(thetas, (-1, 2), (-1, 1)) == 2
    assert first_step_outside(thetas[:2], (-1, 2), (-1, 1)) is None


def test_a_sweep_keeps_each_rates_loss_and_a_diverged_one_is_infinite():
    sweep = sweep_rates("gd", (0.5, 0.01, 0.1), (-0.3, 1.2), 10)
    assert sweep.rates == (0.01, 0.1, 0.5)
    assert sweep.losses[2] == np.inf or sweep.losses[2] > 100 * sweep.losses[1]
    assert sweep.best_rate == 0.1
    with pytest.raises(ValueError, match="rates is empty"):
        sweep_rates("gd", (), (0.0, 0.0), 3)


def test_a_bad_start_is_named():
    with pytest.raises(ValueError, match="init"):
        descend("gd", 0.1, (0.0, float("nan")), 3)


def test_a_sweep_where_every_rate_diverged_says_so():
    from mathcore.studies.rate_sweep import RateSweep

    with pytest.raises(ValueError, match="every rate tried diverged for adam"):
        RateSweep("adam", (1.0, 2.0), (float("inf"), float("inf")), 5).best_rate
