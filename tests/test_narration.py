"""Every scene in the story carries narration (subtitles) in both languages for every stretch."""

import pytest

from scenes.base import MIN_NARRATED_TAIL
from scenes.catalog import SCENES
from scenes.strings import STRINGS
from tests.scene_checks import build_scene


@pytest.mark.parametrize("entry", SCENES, ids=[e.name for e in SCENES])
def test_every_stretch_between_pauses_has_a_narration_line(entry):
    scene = build_scene(entry.load(), pixel_width=64, pixel_height=36)
    marks = [0.0, *scene.pause_times]
    if scene.renderer.time - marks[-1] >= MIN_NARRATED_TAIL:
        marks.append(scene.renderer.time)  # the tail after the last pause is a stretch too
    stretches = [(a, b) for a, b in zip(marks, marks[1:]) if b > a]
    prefix = scene.NARRATION or entry.name
    assert [(start, end) for _, start, end in scene.narration] == stretches, (
        f"{entry.name}: {len(stretches)} stretches but narration for {len(scene.narration)}; "
        f"add {prefix}.say.<i> lines to scenes/strings/"
    )
    extra = [k for k in STRINGS if k.startswith(f"{prefix}.say.") and int(k.rsplit(".", 1)[1]) >= len(stretches)]
    assert not extra, f"narration lines without a stretch to speak over: {extra}"
