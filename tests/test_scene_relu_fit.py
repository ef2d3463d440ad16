"""ReluFitTraining: the cached run drawn exactly, the strip's real losses, parameters, the player."""

import json

import numpy as np
import pytest

from mathcore.cache import get_or_train, model_for
from mathcore.piecewise import relus_to_curve
from mathcore.studies.model_bias import hour_of_day_fits
from scenes.components.trajectory_player import TrajectoryPlayer, log_spaced_rows
from scenes.components.unit_ticks import nice_ticks
from scenes.params import PARAMS_ENV
from scenes.relu.relu_fit import STRIP_COUNTS, ReluFitTraining, relu_sum_of, run_config
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene

DEFAULTS = {p.name: p.default for p in ReluFitTraining.PARAMS}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    """A fresh trajectory cache for this module (the runs are small: well under a second each)."""
    folder = tmp_path_factory.mktemp("trajectories")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("EXPLAINER_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="module")
def scene(cache_dir):
    return build_scene(ReluFitTraining, capture_frames=True)


def _config(n: int) -> dict:
    settings = {k: v for k, v in DEFAULTS.items() if k != "n_relus"}
    return run_config(n, **settings)


def _passes_through(curve, points) -> bool:
    return all(np.min(np.linalg.norm(curve.points - curve.axes.c2p(x, y), axis=1)) < 1e-9 for x, y in points)


def _inside(curve, x, y) -> bool:
    (x0, x1), (y0, y1) = curve.axes.x_range[:2], curve.axes.y_range[:2]
    return x0 < x < x1 and y0 < y < y1


def test_one_thin_curve_per_relu_of_the_model_and_the_sum_bends_at_the_breakpoints(scene):
    config = _config(DEFAULTS["n_relus"])
    model = model_for(config)
    trajectory = get_or_train(config)
    assert len(scene.components) == model.params["W1"].shape[0] == DEFAULTS["n_relus"]
    # the curves belong to the group whose updater redraws them (else manim freezes them while playing)
    family = scene.moving_curves.get_family()
    assert scene.sum_curve in family and all(c in family for c in scene.components)
    # the scene ends on the trained net: the last recorded theta, step and loss
    u = scene.position.get_value()
    assert np.array_equal(scene.player.theta_at(u), trajectory.final_theta)
    assert scene.player.step_at(u) == trajectory.step_number[-1] == DEFAULTS["epochs"]
    loss = scene.readouts[0][1].number.get_value()  # shown in (riders/h)²: the standardised MSE times std²
    assert loss == pytest.approx(trajectory.train_loss[-1] * scene.data.meta["y_std"] ** 2, abs=0.5)
    final = relu_sum_of(model, trajectory.final_theta)
    exact = relus_to_curve(final)
    knots = [(x, y) for x, y in zip(exact.x, exact.y) if _inside(scene.sum_curve, x, y)]
    assert len(knots) >= 2 and _passes_through(scene.sum_curve, knots)
    for i, curve in enumerate(scene.components):  # each ReLU's corner, where it is on screen
        corner = -final.b[i] / final.w[i]
        if _inside(curve, corner, 0.0):
            assert _passes_through(curve, [(corner, 0.0)])


def test_the_strip_shows_each_runs_real_final_loss(scene):
    assert [n for n, _, _ in scene.strip_runs] == list(STRIP_COUNTS)
    texts = [text for text, _ in scene.pause_labels[-1]]
    std2 = scene.data.meta["y_std"] ** 2
    for n, trajectory, curve in scene.strip_runs:
        assert trajectory is get_or_train(_config(n))  # the cached run, not a new one
        assert f"L={trajectory.train_loss[-1] * std2:,.0f}" in texts
        fit = relus_to_curve(relu_sum_of(model_for(_config(n)), trajectory.final_theta))
        assert _passes_through(curve, [(x, y) for x, y in zip(fit.x, fit.y) if _inside(curve, x, y)])
    losses = [trajectory.train_loss[-1] * std2 for _, trajectory, _ in scene.strip_runs]
    # the narration: "the training loss falls a little each time, from L(2) to L(32)", as shown (whole numbers)
    shown = [round(v) for v in losses]
    assert all(a > b for a, b in zip(shown, shown[1:])), shown
    line = scene.narration_line("ReluFitTraining.say.3")
    assert f"{losses[0]:,.0f}" in line and f"{losses[-1]:,.0f}" in line
    # every ReLU fit beats the best straight line on these points ("no straight line fits this"), and none
    # goes below the floor: the MSE of each hour's mean, the lowest any function of the hour can reach
    fits = hour_of_day_fits(scene.data.meta["name"])
    assert scene.references == (fits.line_mse, fits.floor_mse)
    assert all(fits.floor_mse <= v < fits.line_mse for v in losses)
    assert f"L={fits.line_mse:,.0f}" in "".join(texts) and f"L={fits.floor_mse:,.0f}" in "".join(texts)
    assert f"{fits.line_mse:,.0f}" in line


def test_training_uses_only_terms_defined_before_and_the_loss_falls(scene):
    """Plain gradient descent, MSE, learning rate, epochs; no RMSE or Adam (not defined yet in the chapter)."""
    assert scene.trajectory.config["optimizer"]["name"] == "gd" and scene.trajectory.config["loss"] == "mse"
    shown = " ".join(text for labels in scene.pause_labels for text, _ in labels)
    assert "RMSE" not in shown and "adam" not in shown.lower()
    assert "gradientdescent" in shown and "MSE" in shown and "epochs" in shown  # Text drops spaces
    losses = scene.trajectory.train_loss
    assert losses[-1] < losses[0]
    std2 = scene.data.meta["y_std"] ** 2
    line = scene.narration_line("ReluFitTraining.say.2")
    assert f"{losses[0] * std2:,.0f}" in line and f"{losses[-1] * std2:,.0f}" in line


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 4
    assert_every_pause_is_clean(scene)
    # one narration line (en and zh, in the strings table) for the stretch before each pause
    assert [key for key, _, _ in scene.narration][:4] == [f"ReluFitTraining.say.{i}" for i in range(4)]


def test_key_frames_match_control_images(scene):
    for i in (1, 2, 3):  # the random start, trained, the strip
        assert_matches_control(scene.pause_frames[i], f"relu_fit_{i}")


def test_parameters_reach_the_run(cache_dir, monkeypatch):
    monkeypatch.setenv(PARAMS_ENV, json.dumps({"n_relus": 3, "epochs": 30, "lr": 0.1}))
    small = build_scene(ReluFitTraining)
    assert len(small.components) == 3
    assert small.trajectory.config["epochs"] == 30 and small.trajectory.n_steps == 30
    monkeypatch.setenv(PARAMS_ENV, json.dumps({"n_relus": 0}))
    with pytest.raises(ValueError, match="n_relus"):
        build_scene(ReluFitTraining)


def test_player_eases_linearly_between_chosen_recorded_rows():
    thetas = np.arange(12.0).reshape(6, 2)
    player = TrajectoryPlayer(thetas, np.arange(6), np.linspace(5, 0, 6), rows=np.array([0, 2, 5]))
    assert player.end == 2
    assert np.array_equal(player.theta_at(1), thetas[2]) and np.array_equal(player.theta_at(2), thetas[5])
    assert np.allclose(player.theta_at(1.25), 0.75 * thetas[2] + 0.25 * thetas[5])
    assert player.step_at(1.25) == 2 and player.loss_at(1.25) == 3.0  # the last recorded row reached
    assert np.array_equal(player.theta_at(99), thetas[5])
    with pytest.raises(ValueError, match="rows"):
        TrajectoryPlayer(thetas, np.arange(6), np.zeros(6), rows=np.array([0, 7]))


def test_log_spaced_rows_and_nice_ticks():
    rows = log_spaced_rows(601, 60)
    assert rows[0] == 0 and rows[-1] == 600 and np.all(np.diff(rows) > 0) and 40 <= len(rows) <= 60
    assert np.diff(rows)[0] <= np.diff(rows)[-1]  # dense early, sparse late
    assert nice_ticks(-0.5, 23.5, 5).tolist() == [0, 5, 10, 15, 20]
    assert nice_ticks(-40.0, 620.0, 4).tolist() == [0, 200, 400, 600]
    with pytest.raises(ValueError):
        nice_ticks(3.0, 1.0)


def test_the_panels_can_be_read_hours_zero_line_and_riders(scene):
    """Each strip panel: the hours under it and a dashed line at 0 riders/h; riders on the first; the ReLU panel
    has its own scale in riders/h around its zero line."""
    meta = scene.data.meta
    zero = (0.0 - meta["y_mean"]) / meta["y_std"]
    for k, ((_, _, curve), scale) in enumerate(zip(scene.strip_runs, scene.strip_scales)):
        axes, dashed = curve.axes, scale[2]
        assert np.allclose(dashed.get_start()[1], axes.c2p(0, zero)[1], atol=1e-6)
        hours = [mark[1].text for mark in scale[3]]
        assert hours == ["0", "10", "20"]
        for mark in scale[3]:  # each hour label under its own hour
            at = (float(mark[1].text) - meta["x_mean"]) / meta["x_std"]
            assert mark[1].get_center()[0] == pytest.approx(axes.c2p(at, 0)[0], abs=1e-6)
        assert (len(scale) == 5) == (k == 0)  # riders only on the first panel
    texts = [text for text, _ in scene.pause_labels[-1]]
    assert "500" in texts and texts.count("20") == len(STRIP_COUNTS)
    trained = [text for text, _ in scene.pause_labels[2]]
    assert "200" in trained and "-200" in trained  # the ReLU panel's scale, riders/h


def test_a_fit_below_zero_riders_is_said(scene):
    """The trained red curve dips below 0 riders/h at night; the note gives the exact place and value."""
    final = relus_to_curve(relu_sum_of(scene.model, scene.trajectory.final_theta))
    meta, x = scene.data.meta, scene.data.X[:, 0]
    grid = np.linspace(x.min(), x.max(), 2001)
    lowest = (final(grid) * meta["y_std"] + meta["y_mean"]).min()
    hour, value = scene.lowest
    assert value == pytest.approx(lowest, abs=1e-6) and value < 0  # at the exact minimum (ends or knots)
    assert f"redat0:00:y={value:,.0f}riders/h;" in scene.below_zero_note.text and hour == 0.0
    assert "nothinginthemodelkeepsy≥0" in scene.below_zero_note.text
