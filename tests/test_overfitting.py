"""mathcore.studies.overfitting: real training/validation/unseen curves over epochs, honest overfitting, early stop."""

import numpy as np
import pytest

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.studies.overfitting import (
    DEFAULT,
    REDUCED,
    OverfitSpec,
    early_stop,
    overfit_curves,
    run_config,
)


@pytest.fixture(scope="module")
def curves():
    return overfit_curves(DEFAULT)


def test_the_deep_net_on_seattle_overfits_by_more_than_the_seed_spread(curves):
    assert DEFAULT.name == "seattle" and len(DEFAULT.hidden) >= 3 and len(DEFAULT.seeds) >= 3
    rises, spread = curves.unseen_rise(), curves.seed_spread()
    # every run: the unseen loss ends well above its lowest epoch, and "far more" than the runs differ
    assert np.all(rises > 3 * spread), (rises, spread)
    assert np.all(curves.lowest_unseen_epoch() < DEFAULT.epochs // 2)
    assert np.all(curves.training_keeps_falling())
    assert curves.overfits()


def test_the_curves_are_the_cached_runs_losses_in_degrees(curves):
    config = run_config(DEFAULT, DEFAULT.seeds[1])
    assert config["patience"] is None and config["loss"] == "mae"
    trajectory = get_or_train(config)
    data = training_data(config)
    std = data.meta["std"]
    assert curves.unit == data.meta["unit"] == "°C"
    # one recorded row per epoch, epoch 0 = the untrained network
    assert len(trajectory.thetas) == DEFAULT.epochs + 1 == curves.train.shape[1]
    np.testing.assert_allclose(curves.train[1], trajectory.train_loss * std)
    np.testing.assert_allclose(curves.val[1], trajectory.val_loss * std)
    model = model_for(config)
    model.set_theta(trajectory.thetas[40])
    expected = np.mean(np.abs(model.forward(data.X_unseen) - data.y_unseen)) * std
    assert curves.unseen[1, 40] == pytest.approx(expected)


def test_the_three_parts_follow_each_other_in_time(curves):
    train, val, unseen = (curves.periods[p] for p in ("train", "val", "unseen"))
    assert train[1] < val[0] <= val[1] < unseen[0]
    assert unseen == ("2015-01-01", "2015-12-31")


def test_early_stopping_is_the_same_run_stopped_on_the_validation_loss(curves):
    for row, seed in enumerate(DEFAULT.seeds):
        stop = early_stop(DEFAULT, seed)
        stopped = get_or_train(run_config(DEFAULT, seed, patience=DEFAULT.patience))
        long_run = get_or_train(run_config(DEFAULT, seed))
        # the same θ, epoch by epoch, until it stopped
        np.testing.assert_array_equal(stopped.thetas, long_run.thetas[: stop.stopped_at + 1])
        val = curves.val[row]
        assert stop.kept_epoch == int(np.argmin(val[: stop.stopped_at + 1]))
        assert stop.stopped_at - stop.kept_epoch == DEFAULT.patience
        assert stop.unseen == curves.unseen[row, stop.kept_epoch]
        # it guards: the kept epoch is far better on unseen data than training to the end
        assert curves.unseen[row, -1] - stop.unseen > 3 * curves.seed_spread()


def test_a_small_run_is_not_called_overfitting_unless_it_is():
    small = overfit_curves(REDUCED)
    assert small.train.shape == (2, REDUCED.epochs + 1)
    assert small.overfits() == bool(np.all(small.unseen_rise() > small.seed_spread())
                                    and np.all(small.training_keeps_falling()))


def test_bad_specs_are_named():
    with pytest.raises(ValueError, match="seeds"):
        OverfitSpec(seeds=(0,))
    with pytest.raises(ValueError, match="hidden"):
        OverfitSpec(hidden=())
    with pytest.raises(ValueError, match="data set name"):
        OverfitSpec(name="nowhere")
    with pytest.raises(ValueError, match="seed 7"):
        early_stop(REDUCED, 7)
