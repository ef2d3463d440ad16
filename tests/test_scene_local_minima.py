"""LocalMinima: every claim on screen and in the narration checked against mathcore's two runs."""


import numpy as np
import pytest

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.piecewise import relus_to_curve
from mathcore.studies.local_minima import GRADIENT_TOLERANCE, PROBES, RADII, two_starts
from mathcore.studies.model_bias import hour_of_day_fits
from scenes.catalog import SCENES
from scenes.relu.local_minima import LocalMinima, times_ten_to
from scenes.relu.relu_fit import STRIP_COUNTS, ReluFitTraining, relu_sum_of
from scenes.relu.relu_fit import run_config as relu_fit_config
from scenes.strings import STRINGS
from scenes.theme import LANG_ENV
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    """A fresh trajectory cache: the four runs (2 × 20,000 and 2 × 1,000 full-batch updates) take seconds."""
    folder = tmp_path_factory.mktemp("trajectories")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("EXPLAINER_CACHE_DIR", str(folder))
        two_starts.cache_clear()
        yield folder
        two_starts.cache_clear()


@pytest.fixture(scope="module")
def scene(cache_dir):
    return build_scene(LocalMinima, capture_frames=True)


def _texts(scene, pause: int) -> str:
    return " ".join(text for text, _ in scene.pause_labels[pause])


def _said(scene) -> str:
    return " ".join(scene.narration_line(key) for key, _, _ in scene.narration)


def _unspaced(text: str) -> str:
    return text.replace(" ", "").replace("\n", "")  # Text drops spaces


def test_it_comes_right_after_relu_fit_training_in_the_relu_section():
    names = [entry.name for entry in SCENES]
    assert names[names.index("ReluFitTraining") + 1] == "LocalMinima"
    assert SCENES[names.index("LocalMinima")].section == "relu"


def test_both_starts_stopped_where_the_gradient_is_below_the_tolerance_shown(scene):
    shown = _unspaced(_texts(scene, 2))
    tol = f"{GRADIENT_TOLERANCE:g}"
    assert len(scene.runs) == 2
    for i, (run, path) in enumerate(zip(scene.runs, scene.paths)):
        model, data = model_for(run.config), training_data(run.config)
        model.set_theta(path.thetas[-1])  # where the drawn path ends
        loss, grad = model.loss_and_grad(data.X, data.y, "mse")
        norm = float(np.linalg.norm(grad))
        assert norm == pytest.approx(run.gradient_norm, abs=1e-15) and norm < GRADIENT_TOLERANCE
        assert path.steps[-1] == get_or_train(run.config).step_number[-1] == 20_000
        # the stopping rule's update: below the tolerance there, not one update before (mathcore's tests: and after)
        k = scene.stops[i]
        model.set_theta(path.thetas[k])
        assert np.linalg.norm(model.loss_and_grad(data.X, data.y, "mse")[1]) < GRADIENT_TOLERANCE
        model.set_theta(path.thetas[k - 1])
        assert np.linalg.norm(model.loss_and_grad(data.X, data.y, "mse")[1]) >= GRADIENT_TOLERANCE
        assert _unspaced(f"● start {i + 1}: ‖g‖ < {tol} from update {k} on") in shown
        assert np.allclose(scene.stop_dots[i].get_center(),
                           scene.loss_axes.c2p(np.log10(k), path.losses[k] * scene.std2))
    high, low = (times_ten_to(run.gradient_norm) for run in scene.runs)
    assert _unspaced(f"ran on to update 20,000: ‖g‖ = {high}, {low}") in shown
    line = scene.narration_line("LocalMinima.say.2")
    assert f"below {tol} after {scene.stops[0]} updates" in line and f"{scene.stops[1]} from start two" in line
    assert times_ten_to(7.506e-16) == "7.5×10⁻¹⁶" and times_ten_to(1.2e-5) == "1.2×10⁻⁵"


def test_start_1_stopped_clearly_higher_and_the_losses_shown_are_the_runs(scene):
    high, low = scene.runs
    assert high.loss_riders > 1.05 * low.loss_riders  # more than rounding apart
    shown = _texts(scene, 1)
    labels = [label.text for label in scene.loss_ends]
    assert labels == [f"{run.loss_riders:,.0f}" for run in scene.runs] and all(label in shown for label in labels)
    for run, curve in zip(scene.runs, scene.loss_curves):  # each loss curve ends on its run's last loss
        assert np.allclose(curve.points[-1], scene.loss_axes.c2p(np.log10(20_000), run.loss_riders))
    line = scene.narration_line("LocalMinima.say.2")
    assert f"{high.loss_riders:,.0f}" in line and f"{low.loss_riders:,.0f}" in line
    assert _unspaced(f"L = {low.loss_riders:,.0f} < {high.loss_riders:,.0f}") in _unspaced(_texts(scene, 3))


def test_both_losses_fall_then_flatten_over_the_updates_drawn(scene):
    for path in scene.paths:
        riders = path.losses * scene.std2
        assert riders[0] > riders[-1] + 5_000  # the fall, in (riders/h)²
        late = riders[path.steps >= 1000]
        assert late.max() - late.min() < 1e-6 * riders[-1]  # flat from the 1000th update on
        assert scene.loss_axes.y_range[0] < riders.min() and riders.max() < scene.loss_axes.y_range[1]


def test_both_stops_are_local_minima_by_the_probe(scene):
    for run, lowest in zip(scene.runs, scene.lowest_nearby):
        assert lowest >= run.loss - 1e-12  # no random nearby θ is lower, for either stop
    assert scene.probes == PROBES * len(RADII)
    assert f"{scene.probes:,}" in _texts(scene, 3) and f"{scene.probes:,}" in _said(scene)


def test_neither_stop_is_global_the_previous_scenes_2_relus_went_lower(scene):
    """ReluFitTraining's strip ends its 2-ReLU run lower than both stops: on the same hours, with the same η."""
    other = scene.other_config
    assert other["model"]["hidden"] == [2] and other["data"] == scene.runs[0].config["data"]
    assert other["optimizer"] == scene.runs[0].config["optimizer"] and other["loss"] == "mse"
    assert other["model"]["seed"] not in {run.config["model"]["seed"] for run in scene.runs}  # another start
    other_loss = float(scene.other.train_loss[-1]) * scene.std2
    high, low = scene.runs
    assert other_loss < low.loss_riders - 1_000  # lower than both, far beyond rounding
    # it is the previous scene's strip panel of 2 ReLUs (tests/test_scene_relu_fit.py: the strip shows each run's loss)
    defaults = {p.name: p.default for p in ReluFitTraining.PARAMS}
    assert STRIP_COUNTS[0] == 2 and other == relu_fit_config(
        2, **{k: defaults[k] for k in ("lr", "epochs", "seed", "optimizer", "dataset")})
    assert int(scene.other.step_number[-1]) == defaults["epochs"]
    shown, said = _unspaced(_texts(scene, 5)), _said(scene)
    assert _unspaced(f"L = {other_loss:,.0f} after {int(scene.other.step_number[-1]):,} updates") in shown
    assert f"reached {other_loss:,.0f}: lower than both" in said and "neither stop is the global minimum" in said
    for key, entry in STRINGS.items():  # "global" only where it is denied
        if key.startswith(("local_minima.", "LocalMinima.")) and ("global" in entry["en"] or "全局" in entry["zh"]):
            assert key in ("local_minima.not_global", "LocalMinima.say.5"), key
            assert "neither stop is the global minimum" in entry["en"] and "都不是全局最小值" in entry["zh"]


def test_running_on_past_the_stopping_rule_changes_nothing_shown(scene):
    for k, path, run in zip(scene.stops, scene.paths, scene.runs):
        assert f"{path.losses[k] * scene.std2:,.0f}" == f"{run.loss_riders:,.0f}"  # same loss to the unit shown
        assert np.abs(path.thetas[k] - path.thetas[-1]).max() < 1e-2
    line = scene.narration_line("LocalMinima.say.2")
    assert "would stop them there" in line and "ran on to 20,000" in line and "ends both" not in line
    assert _unspaced("ran on to update 20,000") in _unspaced(_texts(scene, 2))


def test_why_one_relu_is_off_at_every_hour_and_start_1_is_the_best_straight_line(scene):
    n = len(scene.data.y)
    for path, on in zip(scene.paths, scene.relus_on):
        off = int(np.argmin(on))
        assert on[off] == 0  # 0 at every hour at the stop...
        params = [scene.model.unflatten(theta) for theta in (path.thetas[0], path.thetas[-1])]
        start = params[0]
        assert np.all(start["b1"][off] + start["W1"][off, 0] * scene.data.X[:, 0] <= 0)  # ...and from the start
        for name in ("W1", "b1", "c"):  # so it never moved
            assert np.array_equal(params[0][name][off], params[1][name][off])
    assert sorted(scene.relus_on[0]) == [0, n]  # start 1's other ReLU is on at every hour: a straight line there
    high = scene.runs[0]
    fits = hour_of_day_fits(scene.data.meta["name"])
    assert high.loss_riders == pytest.approx(fits.line_mse, rel=1e-9) and scene.line_mse == fits.line_mse
    p = scene.model.unflatten(high.theta)
    live = int(np.argmax(scene.relus_on[0]))
    corner_hour = -p["b1"][live] / p["W1"][live, 0] * scene.data.meta["x_std"] + scene.data.meta["x_mean"]
    assert corner_hour < 0.0  # "bends before 0:00"
    assert _unspaced(f"(L = {fits.line_mse:,.0f})") in _unspaced(_texts(scene, 4))


def test_the_fits_drawn_are_the_runs_at_their_last_update(scene):
    assert scene.updates_made() == pytest.approx(20_000)
    for run, fit in zip(scene.runs, scene.fits):
        exact = relus_to_curve(relu_sum_of(scene.model, run.theta))
        (x0, x1), (y0, y1) = fit.axes.x_range[:2], fit.axes.y_range[:2]
        ends = [(x, exact(np.array([x]))[0]) for x in (x0, x1)]
        knots = [(x, y) for x, y in zip(exact.x, exact.y) if x0 < x < x1 and y0 < y < y1]
        for x, y in [*ends, *knots]:
            assert np.min(np.linalg.norm(fit.points - fit.axes.c2p(x, y), axis=1)) < 1e-9
    # start 2 bends inside the day: its corner is a knot on screen
    assert len([x for x in relus_to_curve(relu_sum_of(scene.model, scene.runs[1].theta)).x
                if scene.fits[1].axes.x_range[0] < x < scene.fits[1].axes.x_range[1]]) == 1


def test_narration_numbers_come_from_the_runs(scene):
    said = _said(scene)
    high, low = scene.runs
    for value in (f"{len(scene.data.y)}", "20,000", f"{high.loss_riders:,.0f}", f"{low.loss_riders:,.0f}",
                  f"{scene.probes:,}", f"{GRADIENT_TOLERANCE:g}"):
        assert value in said, value
    assert [key for key, _, _ in scene.narration] == [f"LocalMinima.say.{i}" for i in range(6)]


def test_layout_is_clean_in_english_and_chinese(scene, monkeypatch):
    assert len(scene.pause_times) == 6
    assert_every_pause_is_clean(scene)
    monkeypatch.setenv(LANG_ENV, "zh")
    zh = build_scene(LocalMinima)
    assert_every_pause_is_clean(zh)
    shown = " ".join(text for labels in zh.pause_labels for text, _ in labels)
    assert "局部最小值" in shown and "梯度下降" in shown and "都不是全局最小值" in shown


def test_key_frames_match_control_images(scene):
    for i in (1, 5):  # both runs trained, with their losses; the conclusion
        assert_matches_control(scene.pause_frames[i], f"local_minima_{i}")


def test_same_network_same_hours_same_eta_only_the_random_start_differs(scene):
    first, second = (run.config for run in scene.runs)
    differ = {key for key in first if first[key] != second[key]}
    assert differ == {"model"} and {k for k in first["model"] if first["model"][k] != second["model"][k]} == {"seed"}
    assert not np.array_equal(scene.paths[0].thetas[0], scene.paths[1].thetas[0])
    assert _unspaced(f"η = {first['optimizer']['lr']:g}") in _unspaced(_texts(scene, 0))
    # the points are ModelBias's and ReluFitTraining's (the 2011 training hours), drawn in hours and riders/h
    fits, meta = hour_of_day_fits(scene.data.meta["name"]), scene.data.meta
    assert np.allclose(scene.data.X[:, 0] * meta["x_std"] + meta["x_mean"], fits.hour)
    assert np.allclose(scene.data.y * meta["y_std"] + meta["y_mean"], fits.label)
