"""The base class of every explainer scene: pauses that become slide breaks, and text helpers."""

from __future__ import annotations

import numpy as np
from manim import RIGHT, DecimalNumber, MarkupText, Mobject, Scene, SingleStringMathTex, Text, VGroup, config

from scenes import manim_compat, theme
from scenes.params import Param, overrides_from_env, resolve
from scenes.strings import STRINGS, t

# manim/manim-slides workarounds (text caches: fixed layout, process-safe), installed before any
# scene builds a Text, also for scenes rendered with the plain `manim` command.
manim_compat.install()

#: Seconds after the last pause below which the tail gets no narration line of its own.
MIN_NARRATED_TAIL = 0.5


class ExplainerScene(Scene):
    """A Scene whose lecturer pauses are marked.

    ``self.pause()`` waits, records the pause time, and, when the scene is rendered as
    slides (mixed with ``manim_slides.Slide``), starts a new slide there.
    """

    #: The scene's documented hyperparameters (``explainer list --params NAME`` shows them).
    PARAMS: tuple[Param, ...] = ()
    #: Narration (subtitles): the strings ``<NARRATION>.say.0``, ``.say.1``, ... are spoken over
    #: the stretches that end at the first pause, the second pause, ..., and the end of the scene.
    #: None means the scene's class name (see scenes/strings/narration.py).
    NARRATION: str | None = None

    def param(self, name: str) -> object:
        """A hyperparameter's value: its default, or the lecturer's override."""
        if not hasattr(self, "_params"):
            self._params = resolve(self.PARAMS, overrides_from_env())
        return self._params[name]

    def setup(self) -> None:
        super().setup()
        self.camera.background_color = theme.BACKGROUND
        self.pause_times: list[float] = []
        # What is on screen at each pause, for tests: label boxes, and frames when asked.
        self.pause_labels: list[list[tuple[str, np.ndarray]]] = []
        self.pause_frames: list[np.ndarray] = []
        self.capture_pause_frames = getattr(self, "capture_pause_frames", False)
        self._narrated_until = 0.0
        self.narration: list[tuple[str, float, float]] = []  # (key, start, end) of each subtitle

    def _narrate_segment(self) -> None:
        """Subtitle the stretch since the last pause with its narration line, if there is one."""
        key = f"{self.NARRATION or type(self).__name__}.say.{len(self.pause_times)}"
        now = self.renderer.time
        if key in STRINGS and now > self._narrated_until:
            self.narration.append((key, self._narrated_until, now))
            if not config.dry_run:  # a dry run has no file to write subtitles into
                self.add_subcaption(t(key), duration=now - self._narrated_until, offset=self._narrated_until - now)
        self._narrated_until = now

    def tear_down(self) -> None:
        # A short tail after the last pause (a final fade) is not a stretch worth narrating.
        if self.renderer.time - self._narrated_until >= MIN_NARRATED_TAIL:
            self._narrate_segment()
        super().tear_down()

    def pause(self, seconds: float = 1.0) -> None:
        """A place where a lecturer stops to talk (a slide break in slides)."""
        self.wait(seconds)
        self._narrate_segment()
        self.pause_times.append(self.renderer.time)
        self.pause_labels.append(self.label_boxes())
        if self.capture_pause_frames:
            self.renderer.update_frame(self)
            self.pause_frames.append(self.renderer.get_frame().copy())
        next_slide = getattr(self, "next_slide", None)
        if callable(next_slide):
            next_slide()

    def label_boxes(self) -> list[tuple[str, np.ndarray]]:
        """Every visible text on screen now, as (text, [x_min, y_min, x_max, y_max])."""
        boxes: list[tuple[str, np.ndarray]] = []

        def visit(mobject: Mobject) -> None:
            if isinstance(mobject, (Text, MarkupText, SingleStringMathTex, DecimalNumber)):
                visible = any(m.get_fill_opacity() > 0.05 or m.get_stroke_opacity() > 0.05
                              for m in mobject.family_members_with_points())
                if visible:
                    low = mobject.get_corner(np.array([-1, -1, 0]))
                    high = mobject.get_corner(np.array([1, 1, 0]))
                    name = getattr(mobject, "text", None) or getattr(mobject, "tex_string", None)
                    boxes.append((str(name or type(mobject).__name__), np.array([low[0], low[1], high[0], high[1]])))
                return
            for child in mobject.submobjects:
                visit(child)

        for mobject in self.mobjects:
            visit(mobject)
        return boxes

    @staticmethod
    def text(key: str, size: float = theme.BODY_SIZE, color: str = theme.TEXT, **values: object) -> Text:
        """An on-screen sentence from the strings table, in the current language and font."""
        return Text(t(key, **values), font=theme.font(), font_size=size, color=color)

    def legend_row(self, swatch: Mobject, key: str, colour: str, size: float = theme.SMALL_SIZE,
                   buff: float = 0.2) -> VGroup:
        """A legend entry: the series' swatch (a short line, a dot, a bar), then its label in its colour."""
        return VGroup(swatch, self.text(key, size=size, color=colour)).arrange(RIGHT, buff=buff)

    @staticmethod
    def number(value: float, digits: int = 2, size: float = theme.BODY_SIZE, color: str = theme.TEXT) -> Text:
        """A number computed elsewhere, formatted for the screen."""
        return Text(f"{value:.{digits}f}", font=theme.FONT_EN, font_size=size, color=color)
