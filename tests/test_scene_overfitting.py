"""Overfitting: the curves drawn are the runs' losses; every sentence matches mathcore's numbers."""

import numpy as np
import pytest

from mathcore.studies.overfitting import DEFAULT, REDUCED, early_stop, overfit_curves
from scenes import theme
from scenes.deep.overfitting import VALIDATION_COLOUR, Overfitting
from scenes.strings import t
from tests.scene_checks import assert_every_pause_is_clean, build_scene, on_screen


def squeezed(sentence: str) -> str:
    """Text mobjects report their string without spaces or line breaks."""
    return sentence.replace(" ", "").replace("\n", "")


@pytest.fixture(scope="module")
def scene():
    return build_scene(Overfitting)


def test_the_drawn_run_and_its_numbers(scene):
    curves = overfit_curves(DEFAULT)
    assert scene.curves is curves and scene.row == 0
    unseen, train = curves.unseen[0], curves.train[0]
    lowest = int(np.argmin(unseen))
    assert scene.lowest_epoch == lowest
    texts = on_screen(scene.pause_labels[2])
    assert squeezed(t("overfit.train_end", epochs=DEFAULT.epochs, value=f"{train[-1]:.2f}", unit="°C")) in texts
    assert squeezed(t("overfit.verdict", epoch=lowest, a=f"{unseen[lowest]:.2f}", b=f"{unseen[-1]:.2f}",
                      unit="°C")) in texts
    rises = curves.unseen_rise()
    assert squeezed(t("overfit.seeds", runs=3, lo=f"{rises.min():.2f}", hi=f"{rises.max():.2f}",
                      spread=f"{curves.seed_spread():.2f}", unit="°C")) in texts


def test_overfitting_is_said_only_because_the_numbers_show_it(scene):
    assert scene.claims_overfitting is True and overfit_curves(DEFAULT).overfits()
    assert "overfitting" in scene.narration_line("Overfitting.say.2")


def test_the_spoken_verdict_gives_the_rises_and_the_spread(scene):
    curves = overfit_curves(DEFAULT)
    rises = curves.unseen_rise()
    line = scene.narration_line("Overfitting.say.2")
    assert f"by {rises.min():.2f} to {rises.max():.2f} °C, more than the {curves.seed_spread():.2f} °C" in line
    assert rises.min() > curves.seed_spread()


def test_early_stopping_numbers_are_the_stopped_runs(scene):
    stop = early_stop(DEFAULT, 0)
    assert scene.stop == stop
    texts = on_screen(scene.pause_labels[3])
    assert squeezed(t("overfit.validation")) in texts  # what the validation days are, where they first matter
    assert squeezed(t("overfit.stopped", patience=DEFAULT.patience, stopped=stop.stopped_at,
                      kept=stop.kept_epoch)) in texts
    final = on_screen(scene.pause_labels[4])
    assert squeezed(t("overfit.kept_unseen", kept=stop.kept_epoch, value=f"{stop.unseen:.2f}", unit="°C")) in final
    assert str(stop.kept_epoch) in final and str(stop.stopped_at) in final
    assert f"{stop.unseen:.2f}" in scene.narration_line("Overfitting.say.4")


def test_the_kept_epoch_is_marked_on_each_curve_in_that_curves_colour(scene):
    """Review item 10: a validation-green dot on the orange unseen curve read as a validation loss."""
    stop = scene.stop
    expected = {"val": (stop.val, VALIDATION_COLOUR), "unseen": (stop.unseen, theme.UNSEEN_COLOUR)}
    for part, (loss, colour) in expected.items():
        dot = scene.kept_marks[part]
        assert dot.get_fill_color().to_hex().lower() == colour.lower(), part
        assert np.allclose(dot.get_center(), scene.chart_axes.c2p(stop.kept_epoch, loss)), part
    assert stop.val == pytest.approx(scene.curves.val[scene.row][stop.kept_epoch])  # the curve drawn, at that epoch
    assert stop.unseen == pytest.approx(scene.curves.unseen[scene.row][stop.kept_epoch])


def test_clipping_note_is_true(scene):
    curves = overfit_curves(DEFAULT)
    top = max(1, int(np.ceil(1.3 * max(curves.val[0, -1], curves.unseen[0, -1], curves.train[0, -1]))))
    highest = np.max([curves.train[0], curves.val[0], curves.unseen[0]], axis=0)
    assert scene.clipped_before > 0
    assert np.all(highest[scene.clipped_before:] <= top) and highest[scene.clipped_before - 1] > top


def test_a_run_that_does_not_overfit_says_so():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXPLAINER_PARAMS", '{"run": "reduced"}')
        small = build_scene(Overfitting)
    curves = overfit_curves(REDUCED)
    assert small.claims_overfitting == curves.overfits()
    texts = on_screen(small.pause_labels[2])
    unseen = curves.unseen[0]
    if curves.overfits():
        expected = t("overfit.verdict", epoch=small.lowest_epoch, a=f"{unseen.min():.2f}", b=f"{unseen[-1]:.2f}",
                     unit="°C")
    else:
        expected = t("overfit.no_verdict", runs=len(REDUCED.seeds), spread=f"{curves.seed_spread():.2f}", unit="°C")
        assert "overfitting" not in small.narration_line("Overfitting.say.2").replace("no overfitting", "")
    assert squeezed(expected) in texts


def test_layout(scene):
    assert len(scene.pause_times) == 5
    assert_every_pause_is_clean(scene)


def test_each_legend_entry_appears_with_its_curve(scene):
    curves = overfit_curves(DEFAULT)

    def entry(part: str) -> str:
        first, last = curves.periods[part]
        return squeezed(t(f"overfit.part.{part}", first=first, last=last))

    shown = [set(on_screen(labels)) for labels in scene.pause_labels]
    train, val, unseen = entry("train"), entry("val"), entry("unseen")
    assert not {train, val, unseen} & shown[0]           # the empty chart: no legend yet
    assert train in shown[1] and not {val, unseen} & shown[1]
    assert {train, unseen} <= shown[2] and val not in shown[2]
    assert {train, val, unseen} <= shown[3]


def test_the_setup_says_how_it_differs_from_the_table(scene):
    """Not DepthTable's networks: narrower than its layers of 100 ReLUs, which stopped early; loss MAE."""
    from mathcore.studies.experiments import GRID
    from mathcore.studies.overfitting import run_config

    table_width = [r for r in GRID if r.group == "layers"][-1].hidden[0]
    assert table_width == 100 and DEFAULT.hidden == (32, 32, 32, 32) and max(DEFAULT.hidden) < table_width
    assert run_config(DEFAULT, 0)["patience"] is None and run_config(DEFAULT, 0)["loss"] == "mae"
    assert scene.trained_loss == "mae"
    assert squeezed(t("overfit.setup_note.mae", table_width=100)) in on_screen(scene.pause_labels[0])
    line = scene.narration_line("Overfitting.say.1")
    assert "32 ReLUs" in line and "table's 100" in line and "mean absolute error" in line


def test_the_last_notes_stay_clear_of_the_axis_labels(scene):
    """The panel ends above the chart's x axis, away from its last tick and the 'epoch' label."""
    x_name = squeezed(t("overfit.epoch_axis"))
    final = scene.pause_labels[-1]
    (epoch_box,) = [box for text, box in final if text == x_name]
    panel = [box for text, box in final if box[0] > 0.6]  # the notes right of the chart
    assert panel and min(box[1] for box in panel) > epoch_box[3] + 0.6
