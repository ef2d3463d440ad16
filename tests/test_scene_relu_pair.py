"""ReluPairHardSigmoid: structure, the chapter's numbers, layout, and one real video render."""

import numpy as np
import pytest
from manim import tempconfig

from mathcore.piecewise import hard_sigmoid_to_relu_pair
from scenes.components.curves import ExactCurve
from scenes.relu_pair import PROBE_X, RAMP_END, RAMP_HEIGHT, RAMP_START, ReluPairHardSigmoid
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(ReluPairHardSigmoid, capture_frames=True)


def test_two_relu_components_and_a_sum_through_the_breakpoints(scene):
    curves = [m for m in scene.mobjects if isinstance(m, ExactCurve)]
    pair = hard_sigmoid_to_relu_pair(RAMP_START, RAMP_END, RAMP_HEIGHT)
    assert len(curves) == 3 == len(pair) + 1
    hard_sigmoid = curves[-1]
    axes = hard_sigmoid.axes
    # the thick sum passes exactly through both corners of the hard sigmoid
    for x, y in ((RAMP_START, 0.0), (RAMP_END, RAMP_HEIGHT)):
        corner = axes.c2p(x, y)
        assert np.min(np.linalg.norm(hard_sigmoid.points - corner, axis=1)) < 1e-9


def test_the_chapters_numbers_are_on_screen(scene):
    texts = [text for labels in scene.pause_labels for text, _ in labels]
    pair = hard_sigmoid_to_relu_pair(RAMP_START, RAMP_END, RAMP_HEIGHT)
    terms = pair.terms(np.array(PROBE_X))
    assert terms[:, 0].tolist() == [11.0, 12.0, 13.0] and terms[:, 1].tolist() == [-1.0, -2.0, -3.0]
    for value in ("11", "12", "13", "-1", "-2", "-3", "10"):
        assert value in texts


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 3
    assert_every_pause_is_clean(scene)


def test_key_frames_match_control_images(scene):
    assert len(scene.pause_frames) == 3
    for i, frame in enumerate(scene.pause_frames):
        assert_matches_control(frame, f"relu_pair_{i}")


def test_a_real_video_renders(tmp_path):
    with tempconfig({"media_dir": str(tmp_path), "pixel_width": 160, "pixel_height": 90, "frame_rate": 5,
                     "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"}):
        scene = ReluPairHardSigmoid()
        scene.render()
        video = scene.renderer.file_writer.movie_file_path
    import av

    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (160, 90)
        assert float(container.duration / av.time_base) == pytest.approx(scene.renderer.time, abs=0.5)
