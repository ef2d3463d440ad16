"""Shared checks for scene tests: build a scene cheaply, then assert on what is on screen."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from manim import config

from explainer.runner import dry_run

CONTROL_DIR = Path(__file__).parent / "control_data"
TINY = {"pixel_width": 256, "pixel_height": 144, "frame_rate": 5}


def build_scene(scene_class, *, capture_frames: bool = False, **overrides):
    """Run ``construct`` with every animation skipped and nothing written; return the scene."""
    return dry_run(scene_class, capture_frames=capture_frames, **{**TINY, **overrides})


def frame_box() -> np.ndarray:
    """The visible frame as [x_min, y_min, x_max, y_max] in scene units."""
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    return np.array([-half_w, -half_h, half_w, half_h])


def assert_labels_inside_frame(labels, margin: float = 0.0) -> None:
    x0, y0, x1, y1 = frame_box()
    for text, (a, b, c, d) in labels:
        assert a >= x0 + margin and b >= y0 + margin and c <= x1 - margin and d <= y1 - margin, (
            f"text {text!r} leaves the frame: box {[round(v, 2) for v in (a, b, c, d)]}"
        )


def assert_no_label_overlaps(labels, tolerance: float = 0.01) -> None:
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            (t1, b1), (t2, b2) = labels[i], labels[j]
            overlap_w = min(b1[2], b2[2]) - max(b1[0], b2[0])
            overlap_h = min(b1[3], b2[3]) - max(b1[1], b2[1])
            assert overlap_w <= tolerance or overlap_h <= tolerance, f"labels {t1!r} and {t2!r} overlap"


def assert_every_pause_is_clean(scene) -> None:
    """At every pause and at the end: all texts inside the frame, no two overlapping."""
    assert scene.pause_labels, "the scene marks no pauses"
    for labels in [*scene.pause_labels, scene.label_boxes()]:
        assert_labels_inside_frame(labels)
        assert_no_label_overlaps(labels)


def assert_matches_control(frame: np.ndarray, name: str, max_mean_diff: float = 2.0) -> None:
    """Compare a small RGBA frame to tests/control_data/<name>.npz.

    Set UPDATE_CONTROL_FRAMES=1 to (re)write the control file after looking at the frame.
    The tolerance allows font-hinting noise, not a moved curve or a missing label.
    """
    path = CONTROL_DIR / f"{name}.npz"
    frame = np.asarray(frame[..., :3], dtype=np.uint8)
    if os.environ.get("UPDATE_CONTROL_FRAMES") == "1":
        CONTROL_DIR.mkdir(exist_ok=True)
        np.savez_compressed(path, frame=frame)
    assert path.exists(), f"no control frame {path}; render it, look at it, then set UPDATE_CONTROL_FRAMES=1"
    control = np.load(path)["frame"]
    assert control.shape == frame.shape, f"{name}: frame shape {frame.shape} != control {control.shape}"
    diff = np.abs(control.astype(int) - frame.astype(int)).mean()
    assert diff <= max_mean_diff, f"{name}: mean pixel difference {diff:.2f} > {max_mean_diff}"


def on_screen(labels) -> list[str]:
    """The texts of a pause's label boxes."""
    return [text for text, _ in labels]


def squeezed(sentence: str) -> str:
    """Text mobjects report their string without spaces."""
    return sentence.replace(" ", "")
