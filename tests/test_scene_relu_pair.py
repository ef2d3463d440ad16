"""ReluPairHardSigmoid: structure, the chapter's numbers, layout, and one real video render."""

import numpy as np
import pytest
from manim import tempconfig

from mathcore.piecewise import (
    ReluSum,
    curve_to_hard_sigmoids,
    hard_sigmoid_to_relu_pair,
    hard_sigmoids_to_relus,
    relu_pair_to_hard_sigmoid,
)
from scenes.components.curves import ExactCurve
from scenes.red_curve import RED_CURVE
from scenes.relu.relu_pair import PROBE_X, RAMP_END, RAMP_HEIGHT, RAMP_START, ReluPairHardSigmoid, relu_tex
from scenes.strings import t
from tests.scene_checks import assert_every_pause_is_clean, assert_matches_control, build_scene


@pytest.fixture(scope="module")
def scene():
    return build_scene(ReluPairHardSigmoid, capture_frames=True)


def _passes_through(curve: ExactCurve, points) -> bool:
    """Every data point (x, y) is a vertex of the drawn polyline (exact kinks, not sampled)."""
    return all(np.min(np.linalg.norm(curve.points - curve.axes.c2p(x, y), axis=1)) < 1e-9 for x, y in points)


def test_two_relu_components_and_a_sum_through_the_breakpoints(scene):
    pair = hard_sigmoid_to_relu_pair(RAMP_START, RAMP_END, RAMP_HEIGHT)
    assert len(pair) == 2
    hard_sigmoid = scene.hard_sigmoid
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


def test_each_relu_of_the_example_is_a_deformed_max_0_x_written_out(scene):
    """The study note's tip: shifted by b (kink at -b/w), scaled or flipped by c; the formulas shown are the pair's."""
    pair = scene.pair
    assert pair.w.tolist() == [1.0, 1.0] and pair.c.tolist() == [1.0, -1.0]  # one plain slope, one flipped
    assert pair.b.tolist() == [-RAMP_START, -RAMP_END] and RAMP_START != 0  # both shifted from max(0, x)
    texts = [text for text, _ in scene.pause_labels[1]]
    assert r"c\,\max(0,\, b + w\,x)" in texts
    for i in range(2):
        formula = relu_tex(pair.c[i], pair.b[i], pair.w[i])
        assert any(text.endswith(formula) for text in texts), formula
    assert relu_tex(1, -2, 1) == r"\max(0,\, x - 2)" and relu_tex(-1, -12, 1) == r"-\max(0,\, x - 12)"
    # kinks at the breakpoints: the sum bends exactly there
    assert _passes_through(scene.hard_sigmoid, [(RAMP_START, 0.0), (RAMP_END, RAMP_HEIGHT)])
    assert r"11 - 1 = 12 - 2 = 13 - 3 = 10" == scene.sums_line.tex_string
    line = scene.narration_line("ReluPairHardSigmoid.say.2")
    assert "11, 12, 13" in line and "−1, −2, −3" in line


def test_sigmoid_and_relu_are_named_activation_functions(scene):
    texts = [text for text, _ in scene.pause_labels[4]]
    assert t("relu_pair.activations").replace(" ", "") in texts
    assert r"\max(0,\, z)" in texts and r"\sigma(z) = \frac{1}{1 + e^{-z}}" in texts


def test_each_pair_of_the_red_curve_is_one_of_its_hard_sigmoids(scene):
    hs = curve_to_hard_sigmoids(RED_CURVE)
    relus = hard_sigmoids_to_relus(hs)
    assert len(scene.relu_curves) == len(relus) == 2 * len(hs)
    for j, curve in enumerate(scene.relu_curves):  # each ReLU bends exactly at its own corner
        corner = -relus.b[j] / relus.w[j]
        assert _passes_through(curve, [(corner, 0.0)])
    for i in range(len(hs)):
        start, end, height = relu_pair_to_hard_sigmoid(
            ReluSum(0.0, relus.c[2 * i : 2 * i + 2], relus.b[2 * i : 2 * i + 2], relus.w[2 * i : 2 * i + 2]))
        assert (start, end) == (hs.starts[i], hs.ends[i]) and height == pytest.approx(hs.heights[i])
    # b plus all the ReLUs: through every corner of the red curve
    assert relus.constant == RED_CURVE.y[0]
    assert _passes_through(scene.sum_curve, zip(RED_CURVE.x, RED_CURVE.y))


def test_texts_stay_inside_the_frame_and_apart(scene):
    assert len(scene.pause_times) == 7
    assert_every_pause_is_clean(scene)
    # one narration line (en and zh, in the strings table) for the stretch before each pause
    assert [key for key, _, _ in scene.narration][:7] == [f"ReluPairHardSigmoid.say.{i}" for i in range(7)]


def test_key_frames_match_control_images(scene):
    assert len(scene.pause_frames) == 7
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


def test_the_many_input_form_is_written_and_the_plateau_label_stays_clear(scene):
    """CHAPTER §5: with k features each ReLU reads b_i + Σ_j w_ij x_j; shown with the formula, and said."""
    texts = [text for text, _ in scene.pause_labels[4]]
    assert r"y = b + \sum_{2i} c_i \max\Big(0,\, b_i + \sum_j w_{ij}\, x_j\Big)" in texts
    assert "weighted sum" in scene.narration_line("ReluPairHardSigmoid.say.4")
    # "flat at 10" sits under the flat part, left of the axes' right end (the words on the right start there)
    label, axes_right = scene.flat_label, scene.hard_sigmoid.axes.get_right()[0]
    assert label.get_right()[0] <= axes_right and label.get_top()[1] < scene.hard_sigmoid.axes.c2p(0, 10)[1]
