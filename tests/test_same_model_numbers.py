"""The one-hour linear model shows the same numbers in every scene that draws it (mathcore.studies.lesson).

Each scene is built in a dry run; the texts on screen at its pauses must carry the lesson's
numbers, formatted as ``scenes.steps.best_line_numbers`` writes them (w* 0.846, b* 20.9
riders/hour, L* 4,811 (riders/hour)²), and step 1's guesses with their losses.
"""

import pytest

from mathcore.studies.lesson import one_hour_linear_model
from scenes.number_format import number_text
from scenes.steps import best_line_numbers
from scenes.three_steps.gradient_descent import GradientDescent
from scenes.three_steps.linear_model import LinearModel
from scenes.three_steps.loss import LossDefinition
from scenes.three_steps.surface import ErrorSurface
from scenes.three_steps.tangent import TangentStep
from tests.scene_checks import build_scene

LESSON = one_hour_linear_model("bikeshare")
BEST = best_line_numbers(LESSON.best)


@pytest.fixture(scope="module")
def on_screen():
    """Every text each scene shows at any pause, joined (manim drops a Text's spaces)."""
    shown = {}
    for scene_class in (LinearModel, LossDefinition, ErrorSurface, TangentStep, GradientDescent):
        scene = build_scene(scene_class)
        shown[scene_class.__name__] = " ".join(text for labels in scene.pause_labels for text, _ in labels)
    return shown


def test_the_best_line_is_the_same_wherever_it_is_shown(on_screen):
    assert BEST == {"w": "0.846", "b": "20.9", "loss": "4,811"}  # the numbers the chapter teaches
    for name in ("ErrorSurface", "GradientDescent"):
        text = on_screen[name]
        assert f"w*={BEST['w']}" in text and f"b*={BEST['b']}" in text and f"L*={BEST['loss']}" in text, name
    assert f"b*={BEST['b']}" in on_screen["TangentStep"] and f"w*={BEST['w']}" in on_screen["TangentStep"]


def test_step_1s_guesses_carry_the_same_numbers_in_every_scene(on_screen):
    for line in LESSON.guesses:
        assert f"w={line.w:g},b={line.b:g}" in on_screen["LinearModel"]
        assert f"L={number_text(line.mse)}" in on_screen["ErrorSurface"]
    scored = LESSON.guesses[1]  # LossDefinition scores the second guess
    text = on_screen["LossDefinition"]
    assert f"w={scored.w:.2f}" in text and f"b={scored.b:.1f}" in text
    assert f"{scored.mae:.1f}" in text and f"{number_text(scored.mse)}" in text


def test_no_scene_shows_the_old_standardised_numbers(on_screen):
    # The example: the same model once read w*=0.877, b*=-0.110, L=0.342 (standardised, unlabelled).
    for text in on_screen.values():
        assert "0.877" not in text and "-0.110" not in text and "0.342" not in text
