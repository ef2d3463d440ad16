"""ForwardPass: real weights, activations drawn as discs from the model's trace, y against ŷ in riders/h."""

import json

import numpy as np
import pytest
from manim import ManimColor

from mathcore.cache import training_data
from mathcore.data import load
from mathcore.runspec import RunSpec
from scenes import theme
from scenes.deep.forward_pass import ForwardPass, series_value
from scenes.params import PARAMS_ENV, parse_widths
from scenes.strings import t
from scenes.trained_networks import fmt, trained_model
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene, on_screen, squeezed


@pytest.fixture(scope="module")
def forward_scene():
    return build_scene(ForwardPass, capture_frames=True)



def test_forward_pass_draws_every_neuron_with_real_weights(forward_scene):
    config = forward_scene.config()
    model = trained_model(config)[0]
    diagram = forward_scene.diagram
    assert diagram.widths == [7, 6, 4, 1] == [config["data"]["k"], *model.hidden, 1]
    assert [len(column) for column in diagram.neurons] == diagram.widths
    W2 = model.params["W2"]
    for (i, j), line in diagram.edge_of[1].items():
        assert line.get_stroke_color() == ManimColor(theme.POSITIVE if W2[i, j] > 0 else theme.NEGATIVE)


def test_activations_are_discs_sized_by_the_models_trace(forward_scene):
    config = forward_scene.config()
    model = trained_model(config)[0]
    data = training_data(config)
    row = forward_scene.rows[-1]
    trace = model.trace(data.X_unseen)
    diagram = forward_scene.diagram
    # the discs left on screen are the last example's activations / the layer's largest over the unseen period
    for layer, values in enumerate(trace, start=1):
        expected = values["a"][row] / values["a"].max()
        np.testing.assert_allclose(diagram.fill_levels[layer], expected)
        for core, level in zip(diagram.cores[layer], expected):
            assert core.get_fill_opacity() == (1.0 if level > 0 else 0.0)
            if level > 0:
                assert core.width / 2 == pytest.approx(diagram.core_radius(level), rel=1e-6)


def test_output_y_and_label_y_hat_in_riders_per_hour(forward_scene):
    config = forward_scene.config()
    model = trained_model(config)[0]
    data = training_data(config)
    unit = t("network.unit.bikeshare")
    assert unit == "riders/h"
    y_out = model.forward(data.X_unseen)
    for pause, row in enumerate(forward_scene.rows, start=1):
        texts = on_screen(forward_scene.pause_labels[pause])
        output = series_value(data.meta, y_out[row])
        label = series_value(data.meta, data.y_unseen[row])
        assert squeezed(t("forward.output", value=fmt(output, 0), unit=unit)) in texts
        assert squeezed(t("forward.label", value=fmt(label, 0), unit=unit)) in texts
        error = fmt(abs(output - label), 0)
        error_unit = "rider/h" if error == "1" else unit  # "1 rider/h", not "1 riders/h"
        assert squeezed(t("forward.error", value=error, unit=error_unit)) in texts
        # the inputs shown are the riders counted in the k hours before, x1 = the hour before
        series = load("bikeshare")
        before = series.values[np.searchsorted(series.time, data.meta["t_unseen"][row] - np.arange(1, 8))]
        np.testing.assert_allclose(series_value(data.meta, data.X_unseen[row]), before)
        assert all(f"{v:.0f}" in texts for v in before)
    mae = np.mean(np.abs(y_out - data.y_unseen)) * data.meta["std"]
    assert forward_scene.unseen_mae == pytest.approx(mae)
    assert fmt(mae, 1) in forward_scene.narration_line("ForwardPass.say.4")


def test_the_standardisation_is_said_with_its_numbers(forward_scene):
    meta = training_data(forward_scene.config()).meta
    texts = on_screen(forward_scene.pause_labels[0])
    assert squeezed(t("forward.standardised", mean=fmt(meta["mean"], 0), std=fmt(meta["std"], 0),
                      unit="riders/h")) in texts


def test_forward_pass_examples_are_the_chosen_unseen_hours(forward_scene):
    series = load("bikeshare")
    t_unseen = training_data(forward_scene.config()).meta["t_unseen"]
    hours = series.hour[np.searchsorted(series.time, t_unseen[forward_scene.rows])]
    assert hours.tolist() == [8, 17, 3]
    assert np.all(t_unseen[forward_scene.rows] >= series.split_time)


def test_layer_widths_are_checked():
    assert parse_widths("6,4", "layers") == (6, 4)
    with pytest.raises(ValueError, match="layers"):
        parse_widths("6,x", "layers")


def test_forward_pass_layout_and_key_frame(forward_scene):
    assert len(forward_scene.pause_times) == 5
    assert_every_pause_is_clean(forward_scene)
    assert_matches_control(forward_scene.pause_frames[2], "forward_pass_2")


def test_one_rider_is_singular(forward_scene):
    """The 03:00 example misses by 1: its error reads "1 rider/h"."""
    texts = on_screen(forward_scene.pause_labels[3])
    assert squeezed("|y − ŷ| = 1 rider/h") in texts
    assert t("forward.unit_one.bikeshare", unit="riders/h") == "rider/h"


def test_forward_pass_is_explained_and_the_key_is_short(forward_scene):
    texts = on_screen(forward_scene.pause_labels[0])
    assert squeezed(t("forward.explain")) in texts
    assert "forward pass" in forward_scene.narration_line("ForwardPass.say.0").lower()
    key = [s for s in texts if s in {squeezed(t("forward.fill")), squeezed(t("forward.explain"))}]
    assert len(key) == 2  # the explanation, then one line of key (plus the standardisation, tested above)


def test_the_loss_trained_on_is_the_run_configs(forward_scene):
    """The summary says which loss trained the network (its config: MSE) and that the error shown is MAE."""
    loss = RunSpec.from_dict(forward_scene.config()).loss
    assert forward_scene.trained_loss == loss == "mse"
    assert squeezed(t("forward.trained_on.mse")).replace("\n", "") in [
        s.replace("\n", "") for s in on_screen(forward_scene.pause_labels[-1])]
    assert t("forward.say.trained_on.mse") in forward_scene.narration_line("ForwardPass.say.4")


@pytest.mark.parametrize("params, lines", [
    ({"hours": "1,2,3,4"}, [0, 1, 3, 3, 3, 4]),      # more hours than the default's three, at night after the first
    ({"hours": "12"}, [0, 1, 4]),                    # one hour: its line, then the summary
    ({"hours": "7,12,18,23,9"}, [0, 1, 2, 2, 2, 2, 4]),
    ({"dataset": "seattle", "hours": "1,2,3,4,5"}, [0, 1, 2, 2, 2, 2, 4]),  # daily data: that many days
])
def test_any_number_of_hours_is_shown_and_narrated(params, lines, monkeypatch):
    """`hours` takes 1 to 24 hours: one example, one pause and one narration line each, then the summary."""
    monkeypatch.setenv(PARAMS_ENV, json.dumps(params))
    scene = build_scene(ForwardPass)
    hours = [int(h) for h in params["hours"].split(",")]
    assert len(scene.rows) == len(hours) and len(scene.pause_times) == len(hours) + 2
    assert [key for key, _, _ in scene.narration] == [f"ForwardPass.say.{i}" for i in lines]
    series = load(scene.param("dataset"))
    t_unseen = training_data(scene.config()).meta["t_unseen"][scene.rows]
    if series.step == "hour":
        assert series.hour[np.searchsorted(series.time, t_unseen)].tolist() == hours
    else:
        assert np.all(np.diff(t_unseen) == 1)  # consecutive days
    assert fmt(scene.unseen_mae, 1) in scene.narration_line("ForwardPass.say.4")
