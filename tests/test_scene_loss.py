"""LossDefinition: the hours shown are real, the guess is step 1's, the bars are the errors, the losses mathcore's."""

import numpy as np
import pytest

from mathcore.data import load
from mathcore.losses import mae, mse
from mathcore.studies.lesson import one_hour_linear_model
from scenes.number_format import number_text
from scenes.three_steps.loss import LossDefinition, hours_shown
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene

START = LossDefinition.PARAMS[1].default
N_HOURS = LossDefinition.PARAMS[2].default


@pytest.fixture(scope="module")
def scene():
    return build_scene(LossDefinition, capture_frames=True)


def test_the_hours_are_the_real_series_and_the_fits_predictions():
    data = hours_shown("bikeshare", START, N_HOURS)
    series = load("bikeshare")
    first = int(np.flatnonzero(series.dates == START)[0])
    truth = series.values[first : first + N_HOURS]
    previous = series.values[first - 1 : first - 1 + N_HOURS]
    assert np.allclose(data.label, truth) and np.allclose(data.x1, previous)
    guess = one_hour_linear_model("bikeshare").guesses[1]
    assert (data.w, data.b) == (guess.w, guess.b) and data.number == 2  # LinearModel's "guess 2"
    assert np.allclose(data.output, guess.b + guess.w * previous)  # y = b + w x1, the model's output
    assert data.hours.tolist() == series.hour[first : first + N_HOURS].tolist()


def test_bars_join_prediction_and_truth(scene):
    data, axes = scene.data, scene.axes
    assert len(scene.error_bars) == N_HOURS
    for bar, h, p, v in zip(scene.error_bars, data.hours, data.output, data.label):
        assert np.allclose(bar.get_start(), axes.c2p(h, p)) and np.allclose(bar.get_end(), axes.c2p(h, v))


def test_losses_on_screen_are_mathcores(scene):
    data = scene.data
    shown = [[text for text, _ in labels] for labels in scene.pause_labels]
    assert f"{mae(data.output, data.label):.1f}" in shown[1]
    assert number_text(mse(data.output, data.label)) in shown[2]
    assert scene.loss_shown["mae"] == pytest.approx(np.mean(np.abs(data.output - data.label)))
    assert f"{data.train_mae:.1f}" in shown[3] and number_text(data.train_mse) in shown[3]
    guess = one_hour_linear_model("bikeshare").guesses[1]
    assert (data.train_mae, data.train_mse) == (guess.mae, guess.mse)


def test_book_notation_y_is_the_output_and_y_hat_the_label(scene):
    from scenes.strings import t

    assert "ŷ" in t("loss.label") and "y = b + w·x₁" in t("loss.output")
    shown = [text for text, _ in scene.pause_labels[1]]
    assert any(r"e = |y - \hat y|" in s for s in shown)
    assert scene.badge.step == 2


def test_a_start_outside_the_training_hours_is_refused():
    with pytest.raises(ValueError, match="start"):
        hours_shown("bikeshare", "2011-11-01 05:00", N_HOURS)  # the unseen period
    with pytest.raises(ValueError, match="start"):
        hours_shown("bikeshare", "yesterday", N_HOURS)


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 4
    assert_every_pause_is_clean(scene)


def test_key_frames_match_control_images(scene):
    for i in (1, 3):
        assert_matches_control(scene.pause_frames[i], f"loss_{i}")


def test_the_error_bars_come_with_the_words_that_name_them(scene):
    """Stretch 0 says y "misses the label ŷ by an error e": the bars and their legend are on screen by its pause."""
    from manim import config
    from manim.utils.color import ManimColor

    from scenes.strings import t
    from scenes.three_steps.loss import ERROR_COLOUR

    assert "error e" in t("LossDefinition.say.0") or "误差 e" in t("LossDefinition.say.0")
    assert t("loss.error_bar").replace(" ", "") in [text for text, _ in scene.pause_labels[0]]
    frame = scene.pause_frames[0][..., :3].astype(float)
    height, width = frame.shape[:2]
    red = np.array(ManimColor(ERROR_COLOUR).to_rgb()) * 255
    longest = max(scene.error_bars, key=lambda bar: bar.get_length())
    x, y, _ = longest.get_center()
    col = int(round((x / config.frame_width + 0.5) * width))
    row = int(round((0.5 - y / config.frame_height) * height))
    patch = frame[row - 1: row + 2, col - 1: col + 2].reshape(-1, 3)
    assert np.min(np.linalg.norm(patch - red, axis=1)) < 60, "no error bar drawn by the end of stretch 0"


def test_chinese_questions_use_the_full_width_question_mark():
    from scenes.strings.loss import STRINGS as LOSS
    from scenes.strings.three_steps import STRINGS as STEPS

    for key, text in {**LOSS, **STEPS}.items():
        assert "?" not in text["zh"], f"{key}: write ？ in Chinese"
