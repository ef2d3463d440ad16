"""mathcore.studies.lesson: the one-hour linear model's data, best line, conversions and descent."""

import numpy as np
import pytest

from mathcore.data import load, windows
from mathcore.losses import mae, mse
from mathcore.studies.experiments import one_day_linear_fit
from mathcore.studies.lesson import (
    GUESSES,
    curvature_ratio,
    gradient_descent,
    hour_of_day,
    one_hour_linear_model,
    random_start,
)


@pytest.fixture(scope="module")
def lesson():
    return one_hour_linear_model("bikeshare")


def test_the_data_is_the_real_series_in_riders_per_hour(lesson):
    series = load("bikeshare")
    rows = np.searchsorted(series.time, lesson.time)
    assert np.array_equal(series.time[rows], lesson.time)
    assert np.allclose(lesson.label, series.values[rows])
    assert np.allclose(lesson.x1, series.values[rows - 1])  # the previous hour
    assert np.array_equal(series.time[rows - 1], lesson.time - 1)
    assert lesson.unit == "riders/hour" and lesson.n == len(windows(1).y_train)
    assert hour_of_day(lesson).tolist() == series.hour[rows].tolist()


def test_the_best_line_is_least_squares_and_agrees_with_the_experiment_fit(lesson):
    w, b = lesson.best.w, lesson.best.b
    A = np.column_stack([lesson.x1, np.ones(lesson.n)])
    (w_np, b_np), *_ = np.linalg.lstsq(A, lesson.label, rcond=None)
    assert w == pytest.approx(w_np, rel=1e-9) and b == pytest.approx(b_np, rel=1e-7)
    fit = one_day_linear_fit("bikeshare")
    assert w == pytest.approx(fit.w, rel=1e-9) and b == pytest.approx(fit.b_original, rel=1e-7)
    y = b + w * lesson.x1
    assert lesson.best.mse == pytest.approx(mse(y, lesson.label)) and lesson.best.mae == pytest.approx(fit.train_mae)
    # a minimum of L(w, b): the gradient is zero there (relative to its size at a guess) ...
    assert np.linalg.norm(lesson.gradient(w, b)) < 1e-9 * np.linalg.norm(lesson.gradient(*GUESSES[1]))
    # ... and every guess is worse
    assert all(g.mse > lesson.best.mse for g in lesson.guesses)


def test_the_mse_gradient_matches_finite_differences(lesson):
    w, b, h = 0.6, 60.0, 1e-4
    numeric = [(lesson.loss(w + h, b) - lesson.loss(w - h, b)) / (2 * h),
               (lesson.loss(w, b + h) - lesson.loss(w, b - h)) / (2 * h)]
    assert np.allclose(lesson.gradient(w, b), numeric, rtol=1e-5)


def test_standardised_and_original_units_convert_both_ways(lesson):
    for w, b in [(0.6, 60.0), (lesson.best.w, lesson.best.b), (-0.3, 250.0)]:
        w_std, b_std = lesson.to_standardised(w, b)
        assert lesson.to_original(w_std, b_std) == pytest.approx((w, b))
        # the same line: outputs agree after un-standardising
        x_std = (lesson.x1 - lesson.mean) / lesson.std
        y_std = b_std + w_std * x_std
        assert np.allclose(y_std * lesson.std + lesson.mean, lesson.output(w, b))
        # and its standardised MSE times σ² is the MSE in riders/hour
        loss_std = mse(y_std, (lesson.label - lesson.mean) / lesson.std)
        assert lesson.mse_to_original(loss_std) == pytest.approx(lesson.loss(w, b))


def test_in_riders_per_hour_the_bowl_is_a_narrow_valley_and_standardised_it_is_round(lesson):
    assert curvature_ratio(lesson, "original") > 1000
    assert curvature_ratio(lesson, "standardised") < 1.01


def test_gradient_descent_follows_the_update_rule_and_stops_at_a_small_gradient(lesson):
    d = gradient_descent()
    assert d.stopped_by == "gradient" and d.n_updates < d.budget
    assert np.allclose(d.thetas[0], random_start())
    for s in range(d.n_updates):
        assert np.allclose(d.thetas[s + 1], d.thetas[s] - d.lr * d.gradients[s], atol=1e-12)
        assert np.linalg.norm(d.gradients[s]) >= d.tolerance  # it only stops at the first small one
    assert np.linalg.norm(d.gradients[-1]) < d.tolerance
    w_end, b_end = lesson.to_original(*d.thetas[-1])
    assert w_end == pytest.approx(lesson.best.w, abs=5e-4) and b_end == pytest.approx(lesson.best.b, abs=0.05)
    assert lesson.mse_to_original(d.losses[-1]) == pytest.approx(lesson.best.mse, rel=1e-6)
    assert np.all(np.diff(d.losses) < 0)  # every update lowered the loss


def test_a_descent_with_a_tiny_budget_says_the_budget_stopped_it():
    d = gradient_descent(budget=3)
    assert d.stopped_by == "budget" and d.n_updates == 3


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="data set name"):
        one_hour_linear_model("youtube")
    with pytest.raises(ValueError, match="lr"):
        gradient_descent(lr=-1.0)
    with pytest.raises(ValueError, match="units"):
        curvature_ratio(one_hour_linear_model(), "furlongs")


def test_the_guesses_losses_are_over_every_training_hour(lesson):
    for (w, b), line in zip(GUESSES, lesson.guesses):
        y = b + w * lesson.x1
        assert line.mse == pytest.approx(mse(y, lesson.label)) and line.mae == pytest.approx(mae(y, lesson.label))


@pytest.mark.parametrize("b_fixed", [False, True])
def test_gradient_descent_blows_up_just_above_the_largest_stable_rate(b_fixed):
    """"η's good size depends on the units": below the bound a walk settles, just above it it grows."""
    from mathcore.studies.lesson import largest_stable_rate

    lesson = one_hour_linear_model()
    bound = largest_stable_rate(lesson, "original", b_fixed=b_fixed)
    best = np.array([lesson.best.w, lesson.best.b])

    def distance_after(lr: float, steps: int = 400) -> float:
        theta = best + np.array([0.5, 40.0])
        for _ in range(steps):
            g = lesson.gradient(*theta)
            theta = theta - lr * (np.array([g[0], 0.0]) if b_fixed else g)
        return abs(theta[0] - best[0])

    assert distance_after(1.05 * bound) > 10 * 0.5
    assert distance_after(0.95 * bound) < 0.5
    assert largest_stable_rate(lesson, "standardised") == pytest.approx(1.0, rel=1e-3)
    assert bound < 1e-4  # in riders/hour the good rates are tiny
