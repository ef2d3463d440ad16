"""LearningRates, BatchesEpochs, OptimizerRace: every path is a recorded trajectory, every count computed."""

import numpy as np
import pytest

from mathcore.cache import model_for, training_data
from mathcore.losses import mse
from mathcore.studies.lesson import one_hour_linear_model
from mathcore.studies.long_bowl import descend
from mathcore.studies.rate_sweep import RATE_GRID, loss_after
from scenes.number_format import count_text
from scenes.optimisers.race import OPTIMISERS, SAME_PATH, OptimizerRace
from scenes.params import parse_widths
from scenes.piecewise.batches import BOOK_EXAMPLES, BatchesEpochs, updates_per_epoch
from scenes.steps import best_line_numbers
from scenes.strings import t
from scenes.three_steps.descent import B_RANGE, RATES, W_RANGE, LearningRates
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
def across_the_valley(scene, rate) -> np.ndarray:
    """Each step's offset from the minimum along the bowl's steepest direction."""
    bowl = scene.bowl
    offsets = scene.trajectories[rate].thetas - np.array([bowl.w_star, bowl.b_star])
    return offsets @ bowl.directions[:, 1]


def test_three_paths_from_one_start_with_rising_rates(rates):
    assert [rates.rates[r] for r in RATES] == sorted(rates.rates.values()) and len(set(rates.rates.values())) == 3
    for rate in RATES:
        path, tr = rates.paths[rate], rates.trajectories[rate]
        assert np.array_equal(tr.thetas[0], rates.start)
        assert np.allclose(path.data_points[:, 0], tr.thetas[: len(path.data_points), 0])
        assert np.allclose(path.data_points[:, 1], 100 * tr.thetas[: len(path.data_points), 1])  # b in riders/h


def test_eta_is_called_a_hyperparameter_we_choose(rates):
    shown = " ".join(text for labels in rates.pause_labels for text, _ in labels)
    assert "hyperparameter" in shown and "wechooseit" in shown


def test_the_minimum_shown_is_the_lessons_best_line(rates):
    best = one_hour_linear_model().best
    bowl = rates.bowl
    assert (bowl.w_star, 100 * bowl.b_star, 1e4 * bowl.loss_star) == pytest.approx((best.w, best.b, best.mse))
    numbers, note = best_line_numbers(best), rates.minimum_note.text
    assert f"L*={numbers['loss']}" in note and f"w*={numbers['w']}" in note and f"b*={numbers['b']}riders/h" in note
    # the × marks that point on every map
    marks = [panel[3] for panel in rates.panels.values()]
    for mark, path in zip(marks, rates.paths.values()):
        assert np.allclose(mark.get_center(), path.axes.c2p(best.w, best.b), atol=1e-6)


def test_too_small_creeps_and_is_far_from_the_minimum_after_the_steps_shown(rates):
    steps = rates.narration_values["steps"]
    loss = rates.trajectories["small"].train_loss[steps]
    assert not rates.bowl.is_near_minimum(loss) and rates.exit_steps["small"] is None
    across = across_the_valley(rates, "small")
    assert np.all(across > 0) and np.all(np.diff(across) < 0)  # never overshoots the valley floor
    percent = f"{100 * (loss / rates.bowl.loss_star - 1):.0f}"
    assert rates.verdicts["small"][:2] == ("descent.above_min", {"percent": percent})
    assert f"{percent}percent" in rates.narration_line("LearningRates.say.2").replace(" ", "")


def test_a_good_rate_overshoots_less_each_time_and_reaches_the_minimum(rates):
    steps = rates.narration_values["steps"]
    assert rates.bowl.is_near_minimum(rates.trajectories["good"].train_loss[steps])
    across = across_the_valley(rates, "good")
    assert np.all(np.sign(across[1:]) == -np.sign(across[:-1]))  # jumps across the valley every step
    assert np.all(np.abs(across[1:]) < np.abs(across[:-1]))  # a little less each time
    assert rates.verdicts["good"][0] == "descent.near_min" and rates.exit_steps["good"] is None


def test_a_large_rate_overshoots_further_each_time_and_leaves_the_map_at_the_step_named(rates):
    tr, path, k = rates.trajectories["large"], rates.paths["large"], rates.exit_steps["large"]
    assert k is not None and k == path.exit_step
    w0, w1 = W_RANGE
    b0, b1 = B_RANGE
    inside = [(w0 <= w <= w1 and b0 <= b <= b1) for w, b in tr.thetas[: k + 1]]
    assert all(inside[:k]) and not inside[k]
    across = across_the_valley(rates, "large")[: k + 1]
    assert np.all(np.sign(across[1:]) == -np.sign(across[:-1])) and np.all(np.abs(across[1:]) > np.abs(across[:-1]))
    assert np.all(np.diff(tr.train_loss[: k + 1]) > 0)  # the loss rises at every step
    assert rates.rates["large"] > rates.bowl.largest_stable_rate > rates.rates["good"]
    assert rates.verdicts["large"][:2] == ("descent.left_map", {"step": k})
    assert f"step{k}" in rates.verdicts["large"][2].text
    assert f"step {k}." in rates.narration_line("LearningRates.say.1")
    # the ring sits where the path crosses the map's edge, between steps k-1 and k
    x0, y0, x1, y1 = path.box
    crossing = rates.exit_marker.data_point
    on_edge = np.isclose(crossing[0], [x0, x1]).any() or np.isclose(crossing[1], [y0, y1]).any()
    a, b = path.data_points[k - 1], path.data_points[k]
    t = (crossing - a) @ (b - a) / ((b - a) @ (b - a))
    assert on_edge and 0 < t < 1 and np.allclose(a + t * (b - a), crossing)


def test_readouts_show_each_paths_loss_in_riders_units(rates):
    for rate in RATES:
        tr, readout = rates.trajectories[rate], rates.readouts[rate]
        last = len(rates.paths[rate].data_points) - 1
        assert np.array_equal(readout[0].values, np.arange(last + 1))
        assert np.allclose(readout[1].values, 1e4 * tr.train_loss[: last + 1])


def test_why_eta_differs_between_scenes_is_said_with_the_computed_bounds(rates):
    """"a good η depends on the units": the η above which descent blows up, in each unit system the chapter uses."""
    from mathcore.studies.lesson import largest_stable_rate
    from scenes.three_steps.descent import two_figures

    lesson = one_hour_linear_model()
    bounds = {"here": rates.bowl.largest_stable_rate, "raw": largest_stable_rate(lesson, "original"),
              "std": largest_stable_rate(lesson, "standardised")}
    assert rates.bounds == bounds
    shown = [text for text, _ in rates.pause_labels[0]]
    assert t("descent.lr_bound", **{k: two_figures(v) for k, v in bounds.items()}).replace(" ", "") in shown
    # each scene's good rate is below the bound of its own units, and the good rates differ as the bounds do
    from scenes.three_steps.gradient_descent import GradientDescent
    from scenes.three_steps.tangent import TangentStep

    gd_lr = next(p.default for p in GradientDescent.PARAMS if p.name == "lr")
    tangent_lr = next(p.default for p in TangentStep.PARAMS if p.name == "lr")
    assert rates.rates["good"] < bounds["here"] and gd_lr < bounds["std"] and tangent_lr < bounds["raw"]
    assert bounds["raw"] < 1e-4 < bounds["here"] < bounds["std"]


def test_learning_rates_layout_and_frame(rates):
    assert_every_pause_is_clean(rates)
    assert_matches_control(rates.pause_frames[-1], "descent_rates")


# ---------------------------------------------------------------- BatchesEpochs
def test_the_model_is_the_sigmoid_network_trained_by_gradient_descent_on_real_hours(batches):
    for config in (batches.mini_config, batches.full_config):
        assert config["model"]["activation"] == "sigmoid" and config["loss"] == "mse"
        assert config["optimizer"]["name"] == "gd" and config["data"]["kind"] == "cycle"
    assert batches.full_config["batch_size"] is None
    assert np.array_equal(batches.mini.thetas[0], batches.full.thetas[0])  # the same θ⁰
    assert batches.to_riders_squared == pytest.approx(training_data(batches.mini_config).meta["std"] ** 2)


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
    std = td.meta["std"]
    assert batches.labelled_every == 1 and len(batches.batch_labels) == batches.per_epoch
    for label in batches.batch_labels:
        s = label.batch
        rows = tr.batch_indices[s]
        model.set_theta(tr.thetas[s])
        own = std**2 * mse(model.forward(td.X[rows]), td.y[rows])
        assert label.batch_loss == pytest.approx(own, rel=1e-12)
        assert f"{own:,.0f}".replace(",", "{,}") in label.tex_string


def test_updates_per_epoch_are_counted_and_computed(batches):
    n, b, epochs = batches.n, batches.mini_config["batch_size"], batches.mini_config["epochs"]
    assert batches.per_epoch == updates_per_epoch(n, b) == -(-n // b)
    assert batches.mini.n_steps == epochs * batches.per_epoch and batches.full.n_steps == epochs
    assert [updates_per_epoch(*ex) for ex in BOOK_EXAMPLES] == [1000, 10]
    shown = " ".join(text for labels in batches.pause_labels for text, _ in labels)
    assert f"{count_text(n)}/{b}={count_text(batches.per_epoch)}" in shown and "1,000updates" in shown
    assert f"{n} over {b} makes {batches.per_epoch} updates" in batches.narration_line("BatchesEpochs.say.1")
    assert batches.update_rules[-1].tex_string.startswith(rf"\theta^{{{batches.per_epoch}}}")


def test_both_curves_are_the_recorded_losses_on_all_hours(batches):
    std2 = batches.to_riders_squared
    assert np.allclose(batches.mini_curve.data_points[:, 1], std2 * batches.mini.train_loss)
    assert np.allclose(batches.mini_curve.data_points[:, 0], np.arange(batches.mini.n_steps + 1) / batches.per_epoch)
    assert np.allclose(batches.full_curve.data_points, np.column_stack([np.arange(batches.full.n_steps + 1),
                                                                        std2 * batches.full.train_loss]))
    assert batches.mini_curve.exit_step is None and batches.full_curve.exit_step is None


def test_the_noise_and_the_ending_said_are_the_numbers(batches):
    mini, full = batches.mini_loss, batches.full_loss
    assert batches.rises == np.sum(np.diff(mini) > 0) > 0
    line = batches.narration_line("BatchesEpochs.say.2")
    assert f"after {batches.rises} of their {batches.mini.n_steps} updates, the loss on all hours went up" in line
    n_params = model_for(batches.mini_config).n_params  # the model named above the plot, its θ counted
    assert n_params == 3 * batches.mini_config["model"]["hidden"][0] + 1
    assert f"θ:the{n_params}unknownsof" in batches.subtitle[0].text
    shown = batches.noise.text  # the count is on screen while it is said
    assert f"after{batches.rises}ofthe{batches.mini.n_steps}small-batchupdates,Lonallhourswentup" in shown
    assert f"make {batches.mini.n_steps} updates and the full batch {batches.full.n_steps}" in line
    assert batches.ending_key == ("batches.mini_lower" if mini[-1] < full[-1] else "batches.full_lower")
    first, second = (mini[-1], full[-1]) if mini[-1] < full[-1] else (full[-1], mini[-1])
    assert f"{first:,.0f}against{second:,.0f}" in batches.ending.text


def test_batches_layout_and_frames(batches):
    assert_every_pause_is_clean(batches)
    for i in (1, 2):
        assert_matches_control(batches.pause_frames[i], f"descent_batches_{i}")


# ---------------------------------------------------------------- OptimizerRace
def test_each_optimiser_runs_at_its_best_rate_from_the_stated_sweep(race):
    for name in OPTIMISERS:
        scores = [loss_after(descend(name, lr, race.start, race.steps), race.steps) for lr in RATE_GRID]
        assert race.rates[name] == RATE_GRID[int(np.argmin(scores))]
        run, path = race.runs[name], race.linear_paths[name]
        assert run is descend(name, race.rates[name], race.start, race.steps)
        assert np.array_equal(run.thetas[0], race.start)
        assert np.allclose(path.data_points, np.column_stack([run.thetas[:, 0], 100 * run.thetas[:, 1]]))
        assert path.exit_step is None  # the window holds every path
    shown = " ".join(text for labels in race.pause_labels for text, _ in labels)
    assert f"thelowestLafter{race.steps}steps" in shown and "0.001,0.002,0.005" in shown


def test_paths_differ_on_screen_except_the_pair_said_to_be_the_same(race):
    assert race.twins == [("adagrad", "rmsprop")]
    for i, a in enumerate(OPTIMISERS):
        for b in OPTIMISERS[i + 1:]:
            gap = np.max(np.linalg.norm(race.linear_paths[a].scene_points - race.linear_paths[b].scene_points, axis=1))
            assert gap < SAME_PATH if (a, b) in race.twins else gap > 0.5, f"{a} and {b}: {gap:.3f}"
    # why: early on RMSProp's running mean of g² is (1 - 0.99) times AdaGrad's sum, so RMSProp at η
    # steps like AdaGrad at η / sqrt(1 - 0.99) = 10 η; the sweep picked exactly such a pair
    assert race.rates["adagrad"] == pytest.approx(race.rates["rmsprop"] / np.sqrt(1 - 0.99))
    assert "AdaGradandRMSProptakealmostthesamepathhere." in race.twin_notes[0].text
    assert "AdaGrad and RMSProp take almost the same path here." in race.narration_line("OptimizerRace.say.2")


def test_the_valley_verdicts_are_the_numbers(race):
    near = [n for n in OPTIMISERS if race.bowl.is_near_minimum(race.runs[n].train_loss[race.steps])]
    assert race.near_minimum == near and 0 < len(near) < len(OPTIMISERS)
    for name in OPTIMISERS:
        key, values, note = race.linear_verdicts[name]
        loss = race.runs[name].train_loss[race.steps]
        if name in near:
            assert key == "descent.near_min"
        else:
            assert values == {"percent": f"{100 * (loss / race.bowl.loss_star - 1):.0f}"}
    line = race.narration_line("OptimizerRace.say.2")
    within, not_yet = line.split("Not yet:")
    assert all(t(f"race.{n}") in within for n in near)
    assert all(t(f"race.{n}") in not_yet.split(".")[0] for n in OPTIMISERS if n not in near)


def test_the_deep_runs_use_the_same_rule_and_are_projections_of_recorded_runs(race):
    sweeps, configs, runs, plane, paths, residual = race.deep
    basis = np.column_stack([plane.d1, plane.d2])
    for name in OPTIMISERS:
        assert sweeps[name].rates == RATE_GRID and configs[name]["optimizer"]["lr"] == sweeps[name].best_rate
        assert runs[name].train_loss[-1] == sweeps[name].best_loss
        thetas = runs[name].thetas
        assert np.array_equal(race.deep_paths[name].data_points, paths[name])
        coords = np.linalg.lstsq(basis, (thetas - plane.center).T, rcond=None)[0].T
        assert np.allclose(paths[name], coords, atol=1e-9)
        assert np.allclose(paths[name][0], paths["adam"][0])  # one initialisation for all five
    assert plane.explained_variance.sum() > 0.5
    finals = [runs[name].final_theta for name in OPTIMISERS]
    assert min(np.linalg.norm(a - b) for i, a in enumerate(finals) for b in finals[i + 1:]) > 0.1  # different places


def test_the_deep_result_names_the_lowest_and_highest_final_loss(race):
    sweeps, configs, runs, *_ = race.deep
    std = training_data(configs["adam"]).meta["std"]
    final = {name: runs[name].train_loss[-1] for name in OPTIMISERS}
    lowest, highest = min(final, key=final.get), max(final, key=final.get)
    assert (race.deep_lowest, race.deep_highest) == (lowest, highest)
    assert configs[lowest]["loss"] == "mse"  # the chapter's L from LossDefinition on
    assert np.allclose(race.deep_losses[lowest], std**2 * runs[lowest].train_loss)  # in (riders/h)²
    note = race.deep_note.text
    assert t(f"race.{lowest}").replace(" ", "") in note and t(f"race.{highest}").replace(" ", "") in note
    assert f"{t(f'race.{lowest}')} ends lowest" in race.narration_line("OptimizerRace.say.4")


def test_the_deep_verdict_says_one_start_and_the_runner_ups_gap(race):
    """"lowest L: momentum" is one start's result and Adam ended only 1.4 % higher: both are said, computed from
    the runs shown (the gap's digits move with the BLAS kernels' rounding; only the computation is pinned)."""
    runs = race.deep[2]
    final = {name: runs[name].train_loss[-1] for name in OPTIMISERS}   # the same ratio in any unit
    lowest, runner_up = sorted(final, key=final.get)[:2]
    gap = 100 * (final[runner_up] / final[lowest] - 1)
    assert (race.deep_lowest, race.deep_runner_up) == (lowest, runner_up)
    assert race.deep_gap_percent == pytest.approx(gap)
    note = race.deep_note.text
    assert "thisonestart" in note and f"{t(f'race.{runner_up}')}{gap:.1f}%higher".replace(" ", "") in note
    assert note == t("race.deep_result", steps=race.narration_values["epochs"], lowest=t(f"race.{lowest}"),
                     runner_up=t(f"race.{runner_up}"), gap=f"{gap:.1f}", highest=t(f"race.{race.deep_highest}")
                     ).replace(" ", "").replace("\n", "")
    said = race.narration_line("OptimizerRace.say.4")
    assert said.startswith("From this one start") and f"Adam only {gap:.1f} percent higher" in said


def test_the_legend_shows_each_learning_rate(race):
    shown = [text for labels in race.pause_labels for text, _ in labels]
    for name in OPTIMISERS:
        assert f"η={race.rates[name]:g}" in shown
        assert f"η={race.deep_rates[name]:g}" in shown


def test_each_optimisers_idea_is_on_screen_and_said_before_the_race(race):
    beta = race.runs["momentum"].config["optimizer"]["beta"]
    assert beta == race.deep[2]["momentum"].config["optimizer"]["beta"]  # the network's runs used the same β
    first = [text for text, _ in race.pause_labels[0]]
    for name in OPTIMISERS:
        assert t(f"race.idea.{name}", beta=f"{beta:g}").replace(" ", "") in first
        assert t(f"race.{name}").replace(" ", "") in first
    assert t("descent.step") not in first and not any(text.startswith("η=") for text in first)  # no race yet
    said = race.narration_line("OptimizerRace.say.0")
    assert f"{beta:g} times the previous step" in said
    assert all(t(f"race.{name}").lower() in said.lower() for name in OPTIMISERS)


def test_the_ideas_are_the_update_rules_the_runs_followed(race):
    """The recorded steps d = θᵗ⁺¹ − θᵗ on the valley obey the lines' words, with each run's own η, β, α."""
    x, y = race.bowl.x, race.bowl.y

    def gradient(theta):
        residual = theta[1] + theta[0] * x - y
        return np.array([2 * np.mean(residual * x), 2 * np.mean(residual)])

    def steps_and_gradients(name):
        thetas = race.runs[name].thetas
        return np.diff(thetas, axis=0), np.array([gradient(theta) for theta in thetas[:-1]])

    d, g = steps_and_gradients("gd")
    assert np.allclose(d, -race.rates["gd"] * g)
    d, g = steps_and_gradients("momentum")  # each step also adds β × the previous step
    beta = race.runs["momentum"].config["optimizer"]["beta"]
    assert np.allclose(d[1:], -race.rates["momentum"] * g[1:] + beta * d[:-1])
    d, g = steps_and_gradients("adagrad")  # divided by √(the sum of past squared gradients), per parameter
    assert np.allclose(d, -race.rates["adagrad"] * g / np.sqrt(np.cumsum(g * g, axis=0)))
    d, g = steps_and_gradients("rmsprop")  # the same with a moving average of them
    alpha = race.runs["rmsprop"].config["optimizer"]["alpha"]
    average = np.zeros(2)
    for step, grad in zip(d, g):
        average = alpha * average + (1 - alpha) * grad * grad
        assert np.allclose(step, -race.rates["rmsprop"] * grad / np.sqrt(average))


def test_the_start_label_is_not_buried_under_the_paths(race):
    """θ⁰ sits on the side of the start where no path passes (the deep map's paths climb straight up from it)."""
    label = race.start_label
    low, high = label.get_corner(np.array([-1, -1, 0])), label.get_corner(np.array([1, 1, 0]))
    points = np.vstack([path.scene_points for path in race.deep_paths.values()])
    inside = np.all((points[:, :2] >= low[:2] - 0.03) & (points[:, :2] <= high[:2] + 0.03), axis=1)
    assert not inside.any()


def test_the_plane_words_say_a_slice_and_that_colour_is_not_the_runs_own_loss(race):
    shown = " ".join(text for labels in race.pause_labels for text, _ in labels)
    share = f"{100 * float(np.sum(race.deep[3].explained_variance)):.0f}"
    assert t("race.deep_plane", share=share).replace(" ", "") in shown
    assert t("race.deep_colour").replace(" ", "") in shown
    # the dots are the runs' shadows on the slice, off it by a residual distance: the colour there is not their L
    residual = race.deep[5]
    assert max(float(np.max(r)) for r in residual.values()) > 0


def test_race_layout_and_frames(race):
    assert_every_pause_is_clean(race)
    for i in (1, 3):
        assert_matches_control(race.pause_frames[i], f"descent_race_{i}")


def test_deep_widths_are_checked():
    assert parse_widths("8,8", "deep_hidden") == (8, 8) and parse_widths(" 16 ", "deep_hidden") == (16,)
    for bad in ("", "8,,8", "eight", "0,4"):
        with pytest.raises(ValueError, match="deep_hidden"):
            parse_widths(bad, "deep_hidden")


def test_a_rate_that_does_not_leave_the_map_is_not_said_to(monkeypatch):
    import json

    from scenes.params import PARAMS_ENV

    monkeypatch.setenv(PARAMS_ENV, json.dumps({"lr_large": 0.1, "steps": 6}))
    scene = build_scene(LearningRates)
    assert scene.exit_steps["large"] is None and scene.paths["large"].exit_step is None
    assert scene.verdicts["large"][0] != "descent.left_map" and not hasattr(scene, "exit_marker")
    assert_every_pause_is_clean(scene)


def test_when_b_does_not_divide_n_the_updates_per_epoch_are_rounded_up_and_said_so(monkeypatch):
    import json

    from scenes.params import PARAMS_ENV

    monkeypatch.setenv(PARAMS_ENV, json.dumps({"batch_size": 30, "epochs": 2}))
    scene = build_scene(BatchesEpochs)
    assert scene.per_epoch == 7 and len(scene.mini.batch_indices[6]) == 200 - 6 * 30
    shown = " ".join(text for labels in scene.pause_labels for text, _ in labels)
    assert "N/B=200/30,roundedup:7updates" in shown and "200/30=" not in shown
    assert "200 over 30, rounded up, makes 7 updates" in scene.narration_line("BatchesEpochs.say.1")
    assert_every_pause_is_clean(scene)


def test_small_batches_still_fit_the_screen(monkeypatch):
    import json

    from scenes.params import PARAMS_ENV

    monkeypatch.setenv(PARAMS_ENV, json.dumps({"batch_size": 5, "epochs": 1}))
    scene = build_scene(BatchesEpochs)
    assert scene.per_epoch == 40 and scene.labelled_every > 1
    assert [label.batch for label in scene.batch_labels] == list(range(0, 40, scene.labelled_every))
    assert_every_pause_is_clean(scene)
