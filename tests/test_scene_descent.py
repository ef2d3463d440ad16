"""LearningRates, BatchesEpochs, OptimizerRace: every path is a recorded trajectory, every count computed."""

import numpy as np
import pytest

from mathcore.cache import model_for, training_data
from mathcore.experiments import one_day_linear_fit
from mathcore.losses import mae
from scenes.batches import BOOK_EXAMPLES, BatchesEpochs, updates_per_epoch
from scenes.descent import RATES, LearningRates
from scenes.params import parse_widths
from scenes.race import OPTIMISERS, OptimizerRace
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def rates():
    return build_scene(LearningRates, capture_frames=True)


@pytest.fixture(scope="module")
def batches():
    return build_scene(BatchesEpochs, capture_frames=True)


@pytest.fixture(scope="module")
def race():
    return build_scene(OptimizerRace, capture_frames=True)


def drawn_corners(path) -> np.ndarray:
    anchors = np.asarray(path.line.get_anchors())
    keep = np.concatenate([[True], np.any(np.abs(np.diff(anchors, axis=0)) > 1e-12, axis=1)])
    return anchors[keep]


# ---------------------------------------------------------------- LearningRates
def test_three_recorded_paths_from_one_start(rates):
    lrs = [rates.configs[r]["optimizer"]["lr"] for r in RATES]
    assert lrs == sorted(lrs) and len(set(lrs)) == 3
    for rate in ("small", "good"):
        path, tr = rates.paths[rate], rates.trajectories[rate]
        assert np.array_equal(path.data_points, tr.thetas)
        assert np.allclose(drawn_corners(path), np.asarray(path.axes.c2p(tr.thetas[:, 0], tr.thetas[:, 1])).T)
    starts = [rates.trajectories[r].thetas[0] for r in RATES]
    assert all(np.array_equal(s, starts[0]) for s in starts)


def test_the_good_rate_reaches_the_least_squares_line(rates):
    w, b = rates.trajectories["good"].final_theta
    fit = one_day_linear_fit("bikeshare")
    assert w == pytest.approx(fit.w, abs=1e-3) and b == pytest.approx(fit.b, abs=1e-3)
    grid = rates.surface
    assert abs(grid.argmin[0] - fit.w) <= grid.cell[0] and abs(grid.argmin[1] - fit.b) <= grid.cell[1]


def test_the_large_rate_diverges_honestly(rates):
    tr, path = rates.trajectories["large"], rates.paths["large"]
    assert rates.configs["large"]["on_divergence"] == "record"
    assert tr.diverged_at is not None and np.all(np.isfinite(tr.thetas))
    assert str(tr.diverged_at) in rates.diverged_note.text
    # the ring sits where the path first crosses the map's edge, between steps exit-1 and exit
    k = path.exit_step
    x0, y0, x1, y1 = path.box
    assert not (x0 <= tr.thetas[k, 0] <= x1 and y0 <= tr.thetas[k, 1] <= y1)
    assert all(x0 <= p[0] <= x1 and y0 <= p[1] <= y1 for p in tr.thetas[:k])
    crossing = rates.exit_marker[0].data_point
    on_edge = np.isclose(crossing[0], [x0, x1]).any() or np.isclose(crossing[1], [y0, y1]).any()
    a, b = tr.thetas[k - 1], tr.thetas[k]
    t = (crossing - a) @ (b - a) / ((b - a) @ (b - a))
    assert on_edge and 0 < t < 1 and np.allclose(a + t * (b - a), crossing)
    assert str(k) in rates.exit_marker[1].text


def test_learning_rates_layout_and_frame(rates):
    assert_every_pause_is_clean(rates)
    assert_matches_control(rates.pause_frames[-1], "descent_rates")


# ---------------------------------------------------------------- BatchesEpochs
def test_rows_are_the_recorded_batches(batches):
    tr, b = batches.mini, batches.mini_config["batch_size"]
    for s in range(batches.per_epoch):
        row = np.flatnonzero(batches.slot_of_example // b == s)
        assert set(row.tolist()) == set(tr.batch_indices[s].tolist())
    for i, dot in enumerate(batches.example_dots):
        assert np.allclose(dot.get_center(), batches._slot(batches.slot_of_example[i], b))


def test_each_batch_loss_is_the_batchs_own_loss(batches):
    tr = batches.mini
    td = training_data(batches.mini_config)
    model = model_for(batches.mini_config)
    for s, label in enumerate(batches.batch_labels):
        rows = tr.batch_indices[s]
        model.set_theta(tr.thetas[s])
        assert label.batch_loss == pytest.approx(mae(model.forward(td.X[rows]), td.y[rows]), rel=1e-12)
        assert f"{label.batch_loss:.3f}" in label.tex_string


def test_updates_per_epoch_are_counted_and_computed(batches):
    n, b, epochs = batches.n, batches.mini_config["batch_size"], batches.mini_config["epochs"]
    assert batches.per_epoch == updates_per_epoch(n, b) == -(-n // b)
    assert batches.mini.n_steps == epochs * batches.per_epoch and batches.full.n_steps == epochs
    assert [updates_per_epoch(*ex) for ex in BOOK_EXAMPLES] == [1000, 10]
    shown = " ".join(text for labels in batches.pause_labels for text, _ in labels)
    assert f"{n}/{b}={batches.per_epoch}" in shown and "1000updates" in shown


def test_both_paths_are_recorded(batches):
    assert np.array_equal(batches.mini_path.data_points, batches.mini.thetas)
    assert np.array_equal(batches.full_path.data_points, batches.full.thetas)
    assert np.array_equal(batches.mini.thetas[0], batches.full.thetas[0])
    assert np.allclose(drawn_corners(batches.full_path),
                       np.asarray(batches.axes.c2p(batches.full.thetas[:, 0], batches.full.thetas[:, 1])).T)


def test_batches_layout_and_frames(batches):
    assert_every_pause_is_clean(batches)
    for i in (1, 2):
        assert_matches_control(batches.pause_frames[i], f"descent_batches_{i}")


# ---------------------------------------------------------------- OptimizerRace
def test_five_recorded_paths_from_one_start(race):
    starts = set()
    for name in OPTIMISERS:
        run, path = race.runs[name], race.linear_paths[name]
        assert race.configs[name]["optimizer"] == {"name": name, "lr": race.rates[name]}
        assert np.array_equal(path.data_points, run.thetas)
        starts.add(tuple(run.thetas[0]))
    assert len(starts) == 1


def test_the_deep_paths_are_projections_of_the_recorded_runs(race):
    configs, runs, plane, paths, residual = race.deep
    basis = np.column_stack([plane.d1, plane.d2])
    for name in OPTIMISERS:
        thetas = runs[name].thetas
        assert np.array_equal(race.deep_paths[name].data_points, paths[name])
        coords = np.linalg.lstsq(basis, (thetas - plane.center).T, rcond=None)[0].T
        assert np.allclose(paths[name], coords, atol=1e-9)
        assert np.allclose(paths[name][0], paths["adam"][0])  # one initialisation for all five
    assert plane.explained_variance.sum() > 0.5


def test_the_legend_shows_each_learning_rate(race):
    shown = [text for labels in race.pause_labels for text, _ in labels]
    for name in OPTIMISERS:
        assert f"η={race.rates[name]:g}" in shown
        assert f"η={race.deep[0][name]['optimizer']['lr']:g}" in shown


def test_race_layout_and_frames(race):
    assert_every_pause_is_clean(race)
    for i in (0, 1):
        assert_matches_control(race.pause_frames[i], f"descent_race_{i}")


def test_deep_widths_are_checked():
    assert parse_widths("8,8", "deep_hidden") == (8, 8) and parse_widths(" 16 ", "deep_hidden") == (16,)
    for bad in ("", "8,,8", "eight", "0,4"):
        with pytest.raises(ValueError, match="deep_hidden"):
            parse_widths(bad, "deep_hidden")


def test_a_rate_that_does_not_diverge_is_not_called_diverged(monkeypatch):
    import json

    from scenes.params import PARAMS_ENV

    monkeypatch.setenv(PARAMS_ENV, json.dumps({"lr_large": 0.9, "steps": 4, "max_epochs": 40}))
    scene = build_scene(LearningRates)
    assert scene.trajectories["large"].diverged_at is None and scene.paths["large"].exit_step is None
    assert not hasattr(scene, "diverged_note") and not hasattr(scene, "exit_marker")
    assert_every_pause_is_clean(scene)
