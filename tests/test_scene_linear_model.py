"""LinearModel: the three steps are listed; the data, the points and the guessed lines are mathcore's."""

import numpy as np
import pytest

from mathcore.data import load
from mathcore.studies.lesson import GUESSES, one_hour_linear_model
from scenes.strings import t
from scenes.three_steps.linear_model import LinearModel, day_window
from tests.scene_checks import assert_every_pause_is_clean, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(LinearModel)


def shown(scene, pause):
    """The texts on screen at a pause (manim keeps a Text's string without spaces)."""
    return [text for text, _ in scene.pause_labels[pause]]


def t_(key, **values):
    return "".join(t(key, **values).split())


def test_the_three_steps_are_listed_then_step_1_is_the_badge(scene):
    assert [row.step for row in scene.steps_list if hasattr(row, "step")] == [1, 2, 3]
    assert all(t_(f"steps.{n}", n=n) in shown(scene, 0) for n in (1, 2, 3))
    assert scene.badge.step == 1 and t_("steps.badge", n=1, name=t("steps.short.1")) in shown(scene, 1)


def test_the_two_days_are_the_real_series_and_the_marked_pair_is_consecutive(scene):
    series = load("bikeshare")
    first = int(np.flatnonzero(series.dates == "2011-05-09 00:00")[0])
    assert np.array_equal(scene.day_riders, series.values[first : first + 48])
    marked = LinearModel.PARAMS[1].default
    assert scene.marked == (series.values[first + marked - 1], series.values[first + marked])
    texts = shown(scene, 1)
    assert t_("linear.label_here", v=f"{scene.marked[1]:.0f}") in texts
    assert t_("linear.previous_here", v=f"{scene.marked[0]:.0f}") in texts


def test_a_day_with_a_gap_is_refused():
    series = load("bikeshare")
    gap = int(np.flatnonzero(np.diff(series.time) > 1)[0])
    with pytest.raises(ValueError, match="gap"):
        day_window("bikeshare", series.dates[gap - 2], 48)
    with pytest.raises(ValueError, match="first_hour"):
        day_window("bikeshare", "tomorrow", 48)


def test_each_dot_is_a_training_hour_at_x1_and_its_label(scene):
    lesson = one_hour_linear_model("bikeshare")
    axes, rows = scene.scatter_axes, scene.scatter_rows
    assert rows.tolist() == list(range(0, lesson.n, LinearModel.PARAMS[2].default))
    centres = np.array([dot.get_center() for dot in scene.scatter_dots])
    assert np.allclose(centres, np.asarray(axes.c2p(lesson.x1[rows], lesson.label[rows])).T)


def test_the_guessed_lines_are_the_lessons_guesses(scene):
    assert [line.wb for line in scene.guess_lines] == list(GUESSES)
    for line in scene.guess_lines:
        w, b = line.wb
        start, end = scene.scatter_axes.p2c(line.get_start()), scene.scatter_axes.p2c(line.get_end())
        assert start[1] == pytest.approx(b) and end[1] == pytest.approx(b + w * end[0])
    texts = shown(scene, 3)
    for n, (w, b) in enumerate(GUESSES, start=1):  # numbered, so that "which guess" has an answer to point at
        assert t_("linear.guess", n=n, w=f"{w:g}", b=f"{b:g}") in texts


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 4
    assert_every_pause_is_clean(scene)
