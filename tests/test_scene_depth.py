"""LayersStacking and DepthTable: exact piece counts on screen, neuron counts, honest overfitting, frames."""

import numpy as np
import pytest

from mathcore.cache import training_data
from mathcore.pieces import model_pieces
from mathcore.studies.experiments import GRID, cache_path, load_or_run
from mathcore.studies.lesson import one_hour_linear_model
from mathcore.studies.overfitting import DEFAULT, run_config
from scenes.deep.depth import (
    CORNER_RADIUS,
    LayersStacking,
    adds_up_last_layer,
    gap_words,
    layer_equation,
    merged_runs,
    nice_step,
)
from scenes.deep.depth_table import DepthTable, layer_verdict, overfitting, unseen_turns_up
from scenes.deep.forward_pass import ForwardPass
from scenes.piecewise.network import MatrixForm
from scenes.strings import t
from scenes.trained_networks import trained_model
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene, squeezed


def texts(labels) -> list[str]:
    return [text for text, _ in labels]



@pytest.fixture(scope="module")
def stacking():
    return build_scene(LayersStacking, capture_frames=True)


@pytest.fixture(scope="module")
def table_scene():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXPLAINER_PARAMS", '{"grid": "reduced"}')
        return build_scene(DepthTable, capture_frames=True)



def test_each_depths_piece_count_is_mathcores_exact_count(stacking):
    data = training_data(stacking.config(1))
    lo, hi = data.X.min(), data.X.max()
    assert data.meta["kind"] == "cycle" and data.X.shape[1] == 1
    for d in (1, 2, 3, 4):
        config = stacking.config(d)
        assert config["model"]["hidden"] == [5] * d
        n = model_pieces(trained_model(config)[0], lo, hi).output.n_pieces
        assert stacking.curves_shown[d] == n
        key = "depth.stack.fit_one" if d == 1 else "depth.stack.fit_many"
        assert squeezed(t(key, d=d, n=n)) in texts(stacking.pause_labels[d - 1])
        # the layer equations a, a', ... appear one per layer, written with ReLU (σ was the sigmoid)
        equations = [s for s in texts(stacking.pause_labels[d - 1]) if "ReLU}(" in s]
        assert equations == [layer_equation(k) for k in range(d)]
        assert not any("sigma" in s for s in texts(stacking.pause_labels[d - 1]))


def test_every_corner_of_each_output_has_a_dot(stacking):
    """All pieces can be counted: one dot per exact breakpoint, on the curve, and the count said."""
    meta = training_data(stacking.config(1)).meta
    axes = stacking.stack_axes
    for d in (1, 2, 3, 4):
        out = stacking.pieces[d].output
        dots = stacking.corner_dots[d]
        assert len(dots) == len(out.breakpoints) == out.n_pieces - 1
        assert squeezed(t("depth.stack.corners", corners=len(out.breakpoints))) in texts(stacking.pause_labels[d - 1])
        for dot, b in zip(dots, out.breakpoints):
            x = b * meta["x_std"] + meta["x_mean"]
            y = out.curve(b) * meta["y_std"] + meta["y_mean"]
            np.testing.assert_allclose(dot.get_center(), axes.c2p(x, y), atol=1e-9)


def test_the_output_bends_wherever_the_last_layer_bends(stacking):
    """Said on screen and in narration only where true: y's corners are the union of the last layer's,
    and y has more pieces than any ReLU of that layer."""
    pieces = stacking.pieces[4]
    last = pieces.layers[-1].neurons
    union = np.unique(np.concatenate([n.breakpoints for n in last]))
    np.testing.assert_allclose(pieces.output.breakpoints, union, atol=1e-9)
    assert pieces.output.n_pieces > max(n.n_pieces for n in last)
    assert stacking.says_sum and adds_up_last_layer(pieces)
    values = {"k": 4, "w": 5, "n": pieces.output.n_pieces}
    assert squeezed(t("depth.stack.sum", **values)) in texts(stacking.pause_labels[4])
    assert t("depth.say.sum", **values) in stacking.narration_line("LayersStacking.say.4")
    # depth 1 as well: its corners are exactly its layer's
    one = stacking.pieces[1]
    assert adds_up_last_layer(one)  # 4 pieces from ReLUs of at most 2, corners exactly theirs


def test_neuron_and_hidden_layer_are_not_used_before_they_are_named(stacking):
    """The book's names come at the end of the scene; before that the words are "layer of ReLUs", "each ReLU"."""
    import scenes.strings as strings

    for key in (*[f"LayersStacking.say.{i}" for i in range(5)], "depth.say.pieces_more", "depth.say.pieces_same",
                "depth.say.pieces_fewer", "depth.stack.fit_one", "depth.stack.fit_many", "depth.stack.per_layer",
                "depth.stack.sum", "depth.say.sum", "depth.stack.relu_note", "depth.stack.corners"):
        en = strings.STRINGS[key]["en"].lower()
        assert "neuron" not in en and "hidden" not in en, key
        assert "神经元" not in strings.STRINGS[key]["zh"] and "隐藏层" not in strings.STRINGS[key]["zh"], key
    for labels in stacking.pause_labels[:5]:
        said = " ".join(texts(labels)).lower()
        assert "neuron" not in said and "hidden" not in said


def test_every_neuron_layer_by_layer_with_exact_counts(stacking):
    data = training_data(stacking.config(4))
    pieces = model_pieces(trained_model(stacking.config(4))[0], data.X.min(), data.X.max())
    expected = [int(layer.n_pieces.max()) for layer in pieces.layers] + [pieces.output.n_pieces]
    assert stacking.layer_counts == expected
    on_screen = texts(stacking.pause_labels[4])
    for n in expected[:-1]:
        assert squeezed(t("depth.stack.up_to", n=n)) in on_screen
    assert squeezed(t("depth.stack.pieces", n=expected[-1])) in on_screen
    # one curve per neuron, and the output curve passes through every exact breakpoint
    curves = [plot[1] for plot in stacking.layer_plots]
    assert [len(c) for c in curves] == [5, 5, 5, 5, 1]
    output = curves[-1][0]
    (run,) = output.data_runs            # axes coordinates, x shifted by lo, y by a constant
    xs = run[:, 0] + pieces.lo
    np.testing.assert_allclose(xs[1:-1], pieces.output.breakpoints, atol=1e-12)
    offsets = run[:, 1] - pieces.output.curve(xs)
    assert np.ptp(offsets) < 1e-9


def test_the_diagram_has_every_neuron_of_the_deepest_network(stacking):
    diagram = stacking.layer_diagram
    assert diagram.widths == [1, 5, 5, 5, 5, 1]
    assert [len(column) for column in diagram.neurons] == diagram.widths


def test_layers_stacking_layout_and_key_frames(stacking):
    assert len(stacking.pause_times) == 7
    assert_every_pause_is_clean(stacking)
    for i in (3, 4, 6):
        assert_matches_control(stacking.pause_frames[i], f"depth_stacking_{i}")


def test_overfitting_is_read_from_the_numbers():
    layers = [r for r in GRID if r.group == "layers"]
    book = overfitting([r.book_train for r in layers], [r.book_unseen for r in layers])
    assert book == (2, 3)  # the book: 3 layers 0.38 -> 4 layers 0.44
    assert overfitting([3.0, 2.0, 1.0], [3.0, 2.0, 1.0]) is None
    # unseen rises but so does the training loss: worse optimisation, not overfitting
    assert unseen_turns_up([1.0, 2.0], [1.0, 2.0]) is None
    assert overfitting([4.0, 3.0, 2.0, 1.0], [4.0, 3.0, 3.5, 3.2]) == (1, 2)
    with pytest.raises(ValueError, match="one length"):
        overfitting([1.0], [1.0, 2.0])


def test_a_rise_within_the_seed_spread_is_not_called_overfitting():
    # bike-share's full grid, 2 -> 4 layers (README): 21.68 -> 21.88 riders/h with seed stds 0.8 and 0.7
    train, unseen = [18.3, 15.8, 15.3, 14.8], [23.6, 21.68, 21.7, 21.88]
    assert unseen_turns_up(train, unseen) == (1, 3)
    assert overfitting(train, unseen, [0.3, 0.8, 0.2, 0.7]) is None
    # Seattle's full grid, 1 -> 4 layers: 2.18 -> 2.32 °C with stds 0.02 and 0.09: a real rise
    assert overfitting([1.77, 1.61, 1.69, 1.60], [2.18, 2.25, 2.31, 2.32], [0.02, 0.01, 0.08, 0.09]) == (0, 3)
    with pytest.raises(ValueError, match="one value per row"):
        overfitting([2.0, 1.0], [1.0, 2.0], [0.1])


def test_table_bars_and_numbers_are_the_experiments(table_scene):
    table = table_scene.table
    assert table.reduced and [r.label for r in table.rows] == [r.label for r in GRID]
    scale = table_scene.scale
    final = texts(table_scene.pause_labels[-1])
    assert table_scene.ours_digits == 1  # riders/h: tenths, not hundredths the seeds do not agree on
    for row in table.rows:
        cells = table_scene.cells[row.label]
        assert cells["train_bar"].width == pytest.approx(row.train_mae_mean * scale)
        assert cells["unseen_bar"].width == pytest.approx(row.unseen_mae_mean * scale)
        for value in (f"{row.train_mae_mean:.1f}", f"{row.unseen_mae_mean:.1f}",
                      f"{row.book_train:.2f}", f"{row.book_unseen:.2f}"):
            assert value in final


def test_hourly_rows_are_labelled_in_hours_and_riders_per_hour(table_scene):
    first = texts(table_scene.pause_labels[0])
    assert squeezed(t("depth.table.days", step=t("network.step.hour"))) in first
    assert "morepreviousdays(linear)" not in first and "morepreviousdays" not in "".join(first)
    assert squeezed(t("depth.table.ours", unit="riders/h")) in first


def test_the_one_hour_row_is_marked_as_not_the_lessons_line(table_scene):
    best = one_hour_linear_model("bikeshare").best
    assert table_scene.lesson_line == best
    row = table_scene.table.row("linear, k=1")
    # a different model: trained on MAE with early stopping over other rows, so other numbers
    assert abs(row.train_mae_mean - best.mae) > 1.0
    assert squeezed(t("depth.table.row_marked", label=t("depth.table.row_days", k=1))) in texts(
        table_scene.pause_labels[0])
    # w* to three digits, as the first part shows it (0.846, not 0.85)
    assert squeezed(t("depth.table.lesson_row", w=f"{best.w:.3f}", b=f"{best.b:.1f}", unit="riders/h")) in texts(
        table_scene.pause_labels[-1])


def test_table_verdict_is_honest(table_scene):
    layers = table_scene.table.group("layers")
    turn, ours = layer_verdict(layers)
    assert (table_scene.turn_rows, table_scene.overfit_rows) == (turn, ours)
    final = texts(table_scene.pause_labels[-1])
    said = "".join(final)
    if ours is None:
        assert "overfitting:" not in said.replace("noclearoverfitting:", "").replace("):overfitting", "")
        assert table_scene.narration_line("DepthTable.say.3").startswith(
            t("depth.say.within_spread" if turn else "depth.say.no_rise"))
    else:
        a, b = layers[ours[0]].unseen_mae_mean, layers[ours[1]].unseen_mae_mean
        rise = b - a
        assert rise > max(layers[ours[0]].unseen_mae_std, layers[ours[1]].unseen_mae_std)
        assert squeezed(t("depth.table.overfit", a=f"{a:.1f}", b=f"{b:.1f}", unit="riders/h",
                          spread=f"{max(layers[ours[0]].unseen_mae_std, layers[ours[1]].unseen_mae_std):.1f}")) in final
    assert squeezed(t("depth.table.book_overfit", d=4, a="0.38", b="0.44")) in final
    assert squeezed(t("depth.table.reduced")) in final


def test_where_bike_share_does_not_overfit_the_seattle_grid_is_shown(table_scene):
    if table_scene.overfit_rows is not None:
        pytest.skip("this grid overfits on bike-share itself")
    seattle, rows = table_scene.seattle_verdict(table_scene.table)
    assert seattle.name == "seattle" and seattle.reduced == table_scene.table.reduced
    final = texts(table_scene.pause_labels[-1])
    if rows is None:
        assert squeezed(t("depth.table.seattle_neither")) in final
    else:
        layers = seattle.group("layers")
        assert layers[rows[1]].unseen_mae_mean - layers[rows[0]].unseen_mae_mean > max(
            layers[rows[0]].unseen_mae_std, layers[rows[1]].unseen_mae_std)
        assert any(s.startswith("Seattletemperatures") and "):overfitting" in s for s in final)


def test_depth_table_layout_and_key_frame(table_scene):
    assert len(table_scene.pause_times) == 4
    assert_every_pause_is_clean(table_scene)
    assert_matches_control(table_scene.pause_frames[-1], "depth_table_3")


def test_scenes_that_train_declare_their_hyperparameters():
    for scene, needed in ((MatrixForm, {"lr", "epochs", "seed", "dataset"}),
                          (ForwardPass, {"layers", "k", "lr", "epochs", "seed", "dataset"}),
                          (LayersStacking, {"width", "max_layers", "lr", "epochs", "seed", "dataset", "kind"}),
                          (DepthTable, {"grid", "dataset"})):
        assert needed <= {p.name for p in scene.PARAMS}


def test_nice_ticks():
    assert nice_step(23.0) == 5.0 and nice_step(600.0, 5) == 200.0 and nice_step(0.9) == 0.2


def test_stacking_narration_says_how_the_piece_count_changed(stacking):
    counts = stacking.curves_shown
    assert stacking.depth_narration(1)["n"] == counts[1]
    for d in (2, 3, 4):
        key = "more" if counts[d] > counts[d - 1] else "same" if counts[d] == counts[d - 1] else "fewer"
        assert stacking.depth_narration(d)["change"] == t(f"depth.say.pieces_{key}", n=counts[d], before=counts[d - 1])


def test_stacking_names_are_the_books(stacking):
    final = texts(stacking.pause_labels[-1])
    for key in ("depth.names.neuron", "depth.names.network", "depth.names.hidden", "depth.names.deep",
                "depth.names.old", "depth.names.new"):
        assert squeezed(t(key)) in final
    assert squeezed(t("depth.stack.relu_note")) in texts(stacking.pause_labels[0])


def test_the_loss_is_named_from_the_grids_protocol(table_scene):
    """The table's loss is MAE (the book's), not the first part's MSE: said on screen and in narration."""
    protocol = table_scene.table.protocol
    assert protocol["loss"] == "mae" and table_scene.loss_key == "depth.table.loss.mae"
    assert squeezed(t("depth.table.loss.mae", unit="riders/h")) in texts(table_scene.pause_labels[0])
    assert "MAE" in t("DepthTable.say.0")
    assert "MSE" in t("depth.table.lesson_row", w="w", b="b", unit="u")  # the first part's line is the MSE one


def test_the_linear_rows_show_the_k_feature_model(table_scene):
    tex = table_scene.linear_formula.tex_string
    assert r"\sum_{j} w_j x_j" in tex and tex.startswith("y = b +")
    assert tex in texts(table_scene.pause_labels[0])
    assert squeezed(t("depth.table.linear_x", step=t("network.step.hour"))) in texts(table_scene.pause_labels[0])


def test_the_seattle_line_names_its_setup(table_scene):
    """Seattle's grid row: the layers' width, early stopping and the epoch limit come from its protocol
    (the next scene's network is narrower and not stopped early, which it and the narration say)."""
    seattle, rows = table_scene.seattle_verdict(table_scene.table)
    if rows is None:  # the reduced grid does not overfit: read the full one where it is already trained
        if not cache_path("seattle").exists():
            pytest.skip("the reduced Seattle grid shows no overfitting and the full one is not trained here")
        seattle = load_or_run("seattle")
        rows = layer_verdict(seattle.group("layers"))[1]
        assert rows is not None
        table_scene._seattle = (seattle, rows)
    layers = seattle.group("layers")
    best, worst = layers[rows[0]], layers[rows[1]]
    assert seattle.protocol["early_stopping"]["patience_epochs"] > 0
    line = table_scene.seattle_line().text
    d = 2
    assert line == squeezed(t("depth.table.seattle_overfits", width=worst.hidden[0],
                              epochs=seattle.protocol["max_epochs"], d1=len(best.hidden), d2=len(worst.hidden),
                              unit="°C", a=f"{best.unseen_mae_mean:.{d}f}", b=f"{worst.unseen_mae_mean:.{d}f}",
                              spread=f"{max(best.unseen_mae_std, worst.unseen_mae_std):.{d}f}")).replace("\n", "")
    # "a narrower network trained without early stopping" (depth.say.seattle_overfits) is true of the next scene
    full_width = [r for r in GRID if r.group == "layers"][-1].hidden[0]
    assert max(DEFAULT.hidden) < full_width
    assert run_config(DEFAULT, 0)["patience"] is None


def test_corners_too_close_to_tell_apart_are_ringed_and_said(stacking):
    """Corners whose dots cover each other (centres less than one dot radius apart) get a ring and a label
    ("2 corners, 2.5 min apart": the gap of the run shown, under an hour in minutes) saying how many there are;
    every corner keeps its dot. All of it is computed from the trained models the scene shows, never pinned:
    the gap's digits depend on the BLAS kernels' rounding (the 4-layer pair is 0.024 h apart with OpenBLAS's
    SkylakeX kernels, 0.026 h with Sandybridge's, 0.042 h with Haswell's, 0.070 h with Prescott's)."""
    meta = training_data(stacking.config(1)).meta
    axes = stacking.stack_axes
    unit_key = f"depth.unit.{stacking.param('dataset')}.{stacking.param('kind')}"
    for d in (1, 2, 3, 4):
        out = stacking.pieces[d].output
        corners = out.breakpoints
        centres = np.array([axes.c2p(float(b * meta["x_std"] + meta["x_mean"]),
                                     float(out.curve(b) * meta["y_std"] + meta["y_mean"])) for b in corners])
        # runs of dots each less than one dot radius from the next read as one dot
        runs: list[list[int]] = []
        for i in range(len(centres) - 1):
            if np.linalg.norm(centres[i + 1] - centres[i]) < CORNER_RADIUS:
                if runs and runs[-1][-1] == i:
                    runs[-1].append(i + 1)
                else:
                    runs.append([i, i + 1])
        assert [run for run, _ in stacking.close_runs[d]] == runs
        gaps = [float((corners[run[-1]] - corners[run[0]]) * meta["x_std"]) for run in runs]
        np.testing.assert_allclose([gap for _, gap in stacking.close_runs[d]], gaps)
        assert len(stacking.corner_dots[d]) == len(corners)           # every corner keeps its dot
        assert len(stacking.close_marks[d]) == len(runs)              # no ring where the dots can be told apart
        shown = texts(stacking.pause_labels[d - 1])
        assert squeezed(t("depth.stack.corners", corners=len(corners))) in shown  # the count said is every corner
        for run, gap, (ring, label) in zip(runs, gaps, stacking.close_marks[d]):
            for i in run:
                assert np.linalg.norm(stacking.corner_dots[d][i].get_center() - ring.get_center()) < ring.width / 2
            # the number said is this run's gap, two significant digits; a fraction of an hour in minutes
            in_minutes = unit_key == "depth.unit.bikeshare.cycle" and gap < 1
            number = gap_words(gap * 60 if in_minutes else gap)
            unit = t("depth.unit.minutes" if in_minutes else unit_key)
            said = squeezed(t("depth.stack.close_pair" if len(run) == 2 else "depth.stack.close_run",
                              k=len(run), gap=number, unit=unit)).replace("\n", "")
            assert label.text == said and said in shown
            # the label keeps clear of the red curve
            (a, b), (c, e) = label.get_corner(np.array([-1, -1, 0]))[:2], label.get_corner(np.array([1, 1, 0]))[:2]
            xs = np.linspace(float(out.curve.x[0]), float(out.curve.x[-1]), 2000)
            curve = np.array([axes.c2p(float(x * meta["x_std"] + meta["x_mean"]),
                                       float(out.curve(x) * meta["y_std"] + meta["y_mean"]))[:2] for x in xs])
            assert not np.any((curve[:, 0] > a) & (curve[:, 0] < c) & (curve[:, 1] > b) & (curve[:, 1] < e))
    if not any(stacking.close_runs.values()):
        pytest.skip("no two corners of the trained outputs are closer than a dot here: no ring to check")


def test_merged_runs_and_gap_words():
    centres = np.array([[0.0, 0, 0], [0.01, 0, 0], [0.02, 0, 0], [1.0, 0, 0], [1.2, 0, 0], [1.21, 0, 0]])
    assert merged_runs(centres, 0.05) == [[0, 1, 2], [4, 5]]
    assert merged_runs(centres[:1], 0.05) == [] and merged_runs(centres[:0], 0.05) == []
    assert (gap_words(0.04153), gap_words(0.127), gap_words(2.5)) == ("0.042", "0.13", "2.5")
