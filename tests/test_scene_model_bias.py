"""ModelBias: the best line's numbers, its misses at the peaks and the curve's loss, pinned to mathcore."""

import numpy as np
import pytest

from mathcore.cache import training_data
from mathcore.studies.model_bias import hour_of_day_fits
from scenes.params import PARAMS_ENV
from scenes.relu.relu_fit import ReluFitTraining, run_config
from scenes.theme import LANG_ENV
from scenes.three_steps.model_bias import X_RANGE, ModelBias, lowest_drawn_point
from tests.scene_checks import assert_every_pause_is_clean, build_scene


@pytest.fixture(scope="module")
def fits():
    return hour_of_day_fits()


@pytest.fixture(scope="module")
def scene():
    return build_scene(ModelBias)


def _on_screen(scene) -> str:
    return " ".join(text for labels in scene.pause_labels for text, _ in labels)


def test_the_points_are_the_ones_relu_fit_training_trains_on(fits):
    defaults = {p.name: p.default for p in ReluFitTraining.PARAMS}
    data = training_data(run_config(**defaults))
    meta = data.meta
    hours = np.sort(np.round(data.X[:, 0] * meta["x_std"] + meta["x_mean"]))
    riders = np.sort(data.y * meta["y_std"] + meta["y_mean"])
    np.testing.assert_allclose(np.sort(fits.hour), hours)
    np.testing.assert_allclose(np.sort(fits.label), riders, rtol=1e-12)
    assert fits.hour.min() == 0 and fits.hour.max() == 23 and fits.unit == "riders/hour"


def test_the_best_line_is_the_minimum_of_the_mse(fits):
    """"Best line" = least squares: the MSE's gradient in (w, b) vanishes there, and any nudge raises it."""
    error = fits.line_output(fits.hour) - fits.label
    gradient = np.array([2 * np.mean(error * fits.hour), 2 * np.mean(error)])
    assert np.linalg.norm(gradient) < 1e-8 * fits.line_mse
    for dw, db in ((0.1, 0), (-0.1, 0), (0, 1.0), (0, -1.0)):
        nudged = np.mean((fits.b + db + (fits.w + dw) * fits.hour - fits.label) ** 2)
        assert nudged > fits.line_mse


def test_the_line_misses_both_peaks_by_far_more_than_the_curve(fits):
    morning, evening = fits.peak_hours()
    assert morning == 8 and evening in (17, 18)   # the commuting peaks of the data
    for hour in (morning, evening):
        line_miss = fits.line_miss(hour)
        assert line_miss > 100                    # "too low", by over 100 riders/hour
        curve_miss = fits.hourly_mean(hour) - float(fits.curve(hour))
        assert abs(curve_miss) < line_miss / 3    # the curve with corners follows the peak


def test_the_curve_has_lower_loss_and_the_floor_is_lowest(fits):
    # the floor (each hour's mean) is the best any function of the hour alone can do
    assert fits.floor_mse <= fits.curve_mse < 0.7 * fits.line_mse
    hourly = np.array([fits.hourly_mean(h) for h in fits.hour])
    assert np.mean((hourly - fits.label) ** 2) == pytest.approx(fits.floor_mse)
    assert list(fits.corners) == list(range(2, 23, 2))


def test_bad_input_names_the_fix():
    with pytest.raises(ValueError, match="hourly"):
        hour_of_day_fits("seattle")
    with pytest.raises(ValueError, match="smaller spacing"):
        hour_of_day_fits(corner_spacing=30)


def test_every_number_on_screen_is_the_fits_number(scene, fits):
    shown = _on_screen(scene).replace(" ", "")
    morning, evening = fits.peak_hours()
    for text in (f"w*={fits.w:.2f}", f"b*={fits.b:.1f}", f"L={fits.line_mse:,.0f}", f"√L={np.sqrt(fits.line_mse):.0f}",
                 f"L={fits.curve_mse:,.0f}", f"√L={np.sqrt(fits.curve_mse):.0f}", f"L={fits.floor_mse:,.0f}",
                 f"{morning}:00average:line{fits.line_miss(morning):.0f}toolow",
                 f"{evening}:00average:line{fits.line_miss(evening):.0f}toolow",
                 f"{fits.n}traininghours"):
        assert text in shown, f"{text!r} not on screen"


def test_narration_says_the_fits_numbers(scene, fits):
    lines = {key: scene.narration_line(key) for key, _, _ in scene.narration}
    morning, evening = fits.peak_hours()
    assert f"{np.sqrt(fits.line_mse):.0f} riders" in lines["ModelBias.say.1"]
    # the miss is against the mean of those hours (the yellow dot), and the words say so
    assert f"{fits.line_miss(morning):.0f} riders below the average of those hours" in lines["ModelBias.say.2"]
    assert f"{evening - 12} in the evening {fits.line_miss(evening):.0f} below" in lines["ModelBias.say.2"]
    assert f"{100 * fits.curve_mse / fits.line_mse:.0f} percent" in lines["ModelBias.say.3"]
    assert all("{" not in line for line in lines.values())


def test_layout_is_clean_at_every_pause(scene):
    assert len(scene.pause_times) == 4
    assert_every_pause_is_clean(scene)


def test_layout_is_clean_in_chinese(monkeypatch):
    monkeypatch.setenv(LANG_ENV, "zh")
    zh = build_scene(ModelBias)
    assert "模型偏差" in _on_screen(zh)
    assert_every_pause_is_clean(zh)


def test_each_miss_is_drawn_to_the_mean_of_its_hour_and_leaves_before_the_curve(scene, fits):
    """"line 134 too low" is against the hour's average (the yellow dot), and the label does not sit under the curve."""
    for miss, hour in zip(scene.misses, fits.peak_hours()):
        arrow, mark, _ = miss
        assert np.allclose(mark.get_center(), scene.axes.c2p(hour, fits.hourly_mean(hour)))
        assert np.allclose(arrow.get_start(), scene.axes.c2p(hour, float(fits.line_output(hour))))
    last = " ".join(text for text, _ in scene.pause_labels[3])
    assert "average" not in last and "too low" not in last


def test_the_curve_dips_below_zero_at_4_and_the_picture_says_so(scene, fits):
    """The least-squares curve predicts a negative number of riders at 4:00 (nothing in the model keeps y >= 0):
    the axes reach down to it (not clipped at 0), a ring marks it and a label says it, with the model's numbers."""
    hours = np.linspace(*X_RANGE, 24 * 400 + 1)          # every 0.0025 h: the knots 0, 2, ..., 22, 23 among them
    riders = fits.curve(hours)
    hour, lowest = float(hours[np.argmin(riders)]), float(riders.min())
    assert (hour, round(lowest)) == (4.0, -5)           # the dip of the 2-hour curve, pinned
    assert lowest_drawn_point(fits.curve) == pytest.approx((hour, lowest))
    axes = scene.axes
    assert lowest - 10 < axes.y_range[0] < lowest       # the axes go down just past the dip
    ring, arrow, label = scene.below_zero
    np.testing.assert_allclose(ring.get_center(), axes.c2p(hour, lowest), atol=1e-9)
    assert label.text == "at4:00thecurvepredicts−5riders/h:anegativecount.Nothinginthemodelforbidsit."
    shown = [[text for text, _ in labels] for labels in scene.pause_labels]
    assert label.text in shown[3] and not any(label.text in texts for texts in shown[:3])  # with the curve


def test_the_drawn_curve_is_not_clipped(scene, fits):
    (curve,) = [m for m in scene.mobjects if hasattr(m, "data_runs")]
    runs = curve.data_runs
    for before, after in zip(runs[:-1], runs[1:]):      # runs join end to start: no piece cut off at the bottom
        np.testing.assert_allclose(before[-1], after[0], atol=1e-9)
    drawn = np.concatenate(runs)
    assert drawn[:, 0].min() == X_RANGE[0] and drawn[:, 0].max() == X_RANGE[1]
    assert drawn[:, 1].min() == pytest.approx(lowest_drawn_point(fits.curve)[1])


def test_no_below_zero_label_where_the_curve_stays_above_zero(monkeypatch):
    monkeypatch.setenv(PARAMS_ENV, '{"corner_spacing": 1}')
    one_hour = build_scene(ModelBias)
    assert lowest_drawn_point(hour_of_day_fits(corner_spacing=1).curve)[1] > 0
    assert len(one_hour.below_zero) == 0 and one_hour.axes.y_range[0] == 0.0
    assert "negative" not in _on_screen(one_hour)
