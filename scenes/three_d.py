"""ExplainerThreeDScene: an ExplainerScene with manim's 3D camera (camera moves, fixed-in-frame text)."""

from __future__ import annotations

from manim import ThreeDScene

from scenes.base import ExplainerScene


class ExplainerThreeDScene(ExplainerScene, ThreeDScene):
    """``pause()``, ``text()``, ``param()`` of ExplainerScene, with ThreeDScene's camera.

    The camera starts looking straight down (phi = 0, theta = -90°), so 2-D content looks
    as in a plain Scene until ``move_camera`` tilts it. Texts that should stay upright while
    the camera moves go through ``add_fixed_in_frame_mobjects``.
    """
