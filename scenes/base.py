"""The base class of every explainer scene: pauses that become slide breaks, and text helpers."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from manim import RIGHT, DecimalNumber, MarkupText, Mobject, Scene, SingleStringMathTex, Text, VGroup, config

import speech
from manim_engine import compat as manim_compat
from manim_engine import fast_paths
from scenes import theme
from scenes.number_format import number_text
from scenes.params import Param, overrides_from_env, resolve
from scenes.strings import STRINGS, reading_seconds, t, tidy_chinese_spacing

# manim/manim-slides workarounds (text caches: fixed layout, process-safe), installed before any
# scene builds a Text, also for scenes rendered with the plain `manim` command.
manim_compat.install()
# Faster encoding and 3D shading, drawing the same pixels (manim_engine/fast_paths.py).
fast_paths.install()

#: Seconds after the last pause below which the tail gets no narration line of its own.
MIN_NARRATED_TAIL = 0.5


@dataclass
class VoiceoverTracker:
    """manim-voiceover's tracker: when a spoken line started and how long it lasts (0 when silent)."""

    scene: Scene
    start_t: float
    duration: float

    @property
    def end_t(self) -> float:
        return self.start_t + self.duration

    def get_remaining_duration(self, buff: float = 0.0) -> float:
        """Seconds until the line (plus ``buff``) has been spoken, from the scene's current time."""
        return max(0.0, self.end_t + buff - self.scene.renderer.time)


class ExplainerScene(Scene):
    """A Scene whose lecturer pauses are marked.

    ``self.pause()`` waits, records the pause time, and, when the scene is rendered as
    slides (mixed with ``manim_slides.Slide``), starts a new slide there whose speaker notes
    are the stretch's narration line.

    When the render is voiced (``EXPLAINER_VOICE=1``, see ``speech``), each stretch's line is
    spoken from the stretch's start, while its animations play, and the pause that ends it
    waits until the line has been said plus a breath (``speech.BREATH``).
    When it is silent, that pause waits until the line's subtitle has been up long enough to be
    read (``scenes.strings.reading_seconds``), holding the last picture.
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
        #: Values for ``{placeholders}`` in narration lines (numbers said aloud come from here, not literals).
        self.narration_values: dict[str, object] = {}
        #: The voice, or None for a silent render; VoiceNotInstalled here if the voice is missing.
        self.speech = speech.service_for(theme.language()) if speech.voice_enabled() else None
        self.voice_clips: list[tuple[str, float, float]] = []  # (key or text, start, duration) of each spoken clip
        self._stretch_spoken = False  # the stretch already spoke through self.voiceover()

    def narration_key(self, stretch: int) -> str:
        """The strings key of stretch number ``stretch`` (0 = up to the first pause): ``<NARRATION>.say.<stretch>``.

        A scene whose number of pauses follows its parameters maps its stretches onto its lines here."""
        return f"{self.NARRATION or type(self).__name__}.say.{stretch}"

    def _stretch_key(self) -> str:
        return self.narration_key(len(self.pause_times))

    def _close_stretch(self, hold: float) -> None:
        """End the stretch since the last pause: wait ``hold`` seconds, or until its spoken line
        has been said plus a breath when that is longer; then subtitle it, place its clip at the
        stretch's start, and give its slide the line as speaker notes."""
        key = self._stretch_key()
        line = self.narration_line(key) if key in STRINGS else None  # formatted in dry runs too
        start = self._narrated_until
        clip = None
        if line is not None and self.speech is not None and not self._stretch_spoken:
            clip = self.speech.generate_from_text(line)
            hold = max(hold, start + clip.duration + speech.BREATH - self.renderer.time)
        elif line is not None and self.speech is None:  # silent: the subtitle stays up long enough to read
            hold = max(hold, start + reading_seconds(line) - self.renderer.time)
        if hold > 0:
            self.wait(hold)
        now = self.renderer.time
        if line is not None and now > start:
            self.narration.append((key, start, now))
            if clip is not None:
                # The line is known (its placeholders filled) only now; its sound goes back to the start.
                self.add_sound(str(clip.path), time_offset=start - now)
                self.voice_clips.append((key, start, clip.duration))
            if not config.dry_run:  # a dry run has no file to write subtitles into
                self.add_subcaption(line, duration=now - start, offset=start - now)
            self._set_slide_notes(line)
        self._narrated_until = now
        self._stretch_spoken = False

    def _set_slide_notes(self, line: str) -> None:
        """Speaker notes of the slide now ending (manim-slides' ``next_slide(notes=...)`` sets them
        for the slide that starts; our line is known at the slide's end, so set its config here)."""
        slide_config = getattr(self, "_base_slide_config", None)
        if slide_config is not None:
            self._base_slide_config = slide_config.model_copy(update={"notes": line})

    def narration_line(self, key: str) -> str:
        """The narration line ``key`` in the current language, its placeholders filled from ``narration_values``
        (in Chinese, without the spaces that filled-in screen words leave between Chinese characters)."""
        line = t(key, **self.narration_values)
        return tidy_chinese_spacing(line) if theme.language() == "zh" else line

    @contextmanager
    def voiceover(self, text: str):
        """manim-voiceover's shape: ``with self.voiceover(text=...) as tracker:`` speaks ``text``
        from now; animations inside may last ``tracker.duration``; leaving waits for its end.
        A stretch spoken this way is not spoken again at its pause. Silent renders: duration 0."""
        start = self.renderer.time
        duration = 0.0
        if self.speech is not None:
            clip = self.speech.generate_from_text(text)
            self.add_sound(str(clip.path))
            self.voice_clips.append((text, start, clip.duration))
            duration = clip.duration
            self._stretch_spoken = True
        tracker = VoiceoverTracker(self, start, duration)
        yield tracker
        remaining = tracker.get_remaining_duration()
        if remaining > 0:
            self.wait(remaining)

    def tear_down(self) -> None:
        # A short tail after the last pause (a final fade) is not a stretch worth narrating,
        # unless the render is voiced and the tail has a line: then it is said to its end.
        voiced_tail = self.speech is not None and self._stretch_key() in STRINGS
        if voiced_tail or self.renderer.time - self._narrated_until >= MIN_NARRATED_TAIL:
            self._close_stretch(0.0)
        self._pad_sound_to_the_end()
        super().tear_down()

    def _pad_sound_to_the_end(self) -> None:
        """A voiced video's sound runs as long as its picture: silence after the last line (its breath,
        a final fade), so a plain concatenation of voiced scenes keeps every later line on its pictures."""
        writer = getattr(self.renderer, "file_writer", None)
        if self.speech is None or not getattr(writer, "includes_sound", False):
            return
        from pydub import AudioSegment

        writer.add_audio_segment(AudioSegment.silent(duration=0), time=self.renderer.time)

    def pause(self, seconds: float = 1.0) -> None:
        """A place where a lecturer stops to talk (a slide break in slides)."""
        self._close_stretch(seconds)
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
        return Text(number_text(value, digits), font=theme.FONT_EN, font_size=size, color=color)
