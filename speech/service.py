"""The speech-service interface (manim-voiceover's shape) and its clip cache.

A ``SpeechService`` turns one line of text into a ``Clip`` with ``generate_from_text``. Each
engine implements ``synthesize`` (text -> float samples and a sample rate) and
``check_installed`` (raise ``VoiceNotInstalled`` naming the package to install). Clips are
cached under ``cache_dir/<engine>-<voice>/`` by (engine, voice, settings, text).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from speech import pronounce
from speech.clips import Clip, DamagedClip, clip_name, read_clip, write_clip

#: Where clips are kept between renders (EXPLAINER_VOICE_CACHE overrides it).
CACHE_ENV = "EXPLAINER_VOICE_CACHE"
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / "media" / "cache" / "voice"

#: Every clip is scaled to this loudness (RMS of its voiced part, re 16-bit full scale),
#: so the English and Chinese voices, and all lines, sound equally loud.
TARGET_RMS_DBFS = -20.0
#: Peaks stay at or below -1 dBFS: AAC encoding overshoots a little (measured +0.3 dBFS on a
#: chapter whose clips peaked at -0.3 dBFS), and decoders clip what passes full scale.
PEAK_LIMIT = 10 ** (-1 / 20)
#: Peaks above this (re full scale) are rounded off smoothly towards PEAK_LIMIT rather than turning the
#: whole clip down: Kokoro's clips peak ~20 dB above their RMS, so a plain gain cap left them ~2 dB quiet.
KNEE = 10 ** (-7 / 20)
#: At most this much (dB) of the peaks is rounded off; beyond it the whole clip is turned down.
MAX_LIMITING_DB = 6.0
#: Quieter than this (re full scale) counts as silence when trimming a clip's ends.
SILENCE_DBFS = -45.0
#: Silence kept at each end of a clip after trimming, in seconds.
EDGE_SECONDS = 0.05
#: The post-processing, part of every clip's cache key: changing it re-makes the clips.
PROCESSING = (f"trim={SILENCE_DBFS},{EDGE_SECONDS};level={TARGET_RMS_DBFS},{PEAK_LIMIT:.4f};"
              f"soft={KNEE:.4f},{MAX_LIMITING_DB}")


class VoiceNotInstalled(RuntimeError):
    """The voice a render asked for is missing; the message names what to install."""


class SpeechService:
    """Speech from text, cached. Subclasses set ``engine``, ``voice`` and ``settings``."""

    engine: str = ""
    voice: str = ""
    #: Anything else that changes the sound (speed, noise scales): part of the cache key.
    settings: str = ""
    #: Symbols the voice would misread, and the words to say instead (applied before caching);
    #: each language's table is in speech/pronounce.py.
    spoken: dict[str, str] = {}
    #: Written forms to say differently, as (regular expression, replacement: a template or a function of
    #: the match, as ``re.sub`` takes), applied before ``spoken`` (e.g. Chinese "55%" is said "百分之55"):
    #: the subtitles keep the written line.
    spoken_patterns: pronounce.Patterns = ()

    def __init__(self, cache_dir: Path | None = None) -> None:
        root = cache_dir or Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)
        self.cache_dir = Path(root) / f"{self.engine}-{self.voice}"

    # ---------------------------------------------------------------- for engines
    def check_installed(self) -> None:
        """Raise VoiceNotInstalled, naming the package to install, if this voice cannot speak."""
        raise NotImplementedError

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        """Speak ``text``: float samples in [-1, 1] (mono) and their sample rate."""
        raise NotImplementedError

    # ---------------------------------------------------------------- for scenes
    def clip_path(self, text: str) -> Path:
        return self.cache_dir / clip_name(self.engine, self.voice, f"{self.settings};{PROCESSING}", text)

    def generate_from_text(self, text: str) -> Clip:
        """The clip of ``text``: from the cache when it is there and whole, else synthesised."""
        text = self.speakable(text)
        if not text:
            raise ValueError("cannot speak an empty line; give the narration some words")
        path = self.clip_path(text)
        if path.exists():
            try:
                return read_clip(path, text)
            except DamagedClip:
                pass  # synthesised again and renamed over it (never deleted: another render may be reading it)
        samples, rate = self.synthesize(text)
        write_clip(level(trim_silence(samples, rate)), rate, path)
        return read_clip(path, text)

    def speakable(self, text: str) -> str:
        """The words this voice is given for ``text``: symbols spelt out, spacing made single."""
        return pronounce.apply(text, self.spoken_patterns, self.spoken)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(engine={self.engine!r}, voice={self.voice!r})"


def dbfs(samples: np.ndarray) -> float:
    """RMS level re full scale, in dB (-inf for digital silence)."""
    rms = float(np.sqrt(np.mean(np.square(samples)))) if len(samples) else 0.0
    return 20 * np.log10(rms) if rms > 0 else float("-inf")


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """Cut the silence before the first and after the last sound, keeping a short edge."""
    samples = np.asarray(samples, dtype=np.float64).reshape(-1)
    window = max(1, int(0.01 * rate))
    n = len(samples) // window
    if n == 0:
        return samples
    blocks = samples[: n * window].reshape(n, window)
    loud = np.flatnonzero(np.sqrt(np.mean(blocks ** 2, axis=1)) > 10 ** (SILENCE_DBFS / 20))
    if len(loud) == 0:
        raise ValueError("the engine produced only silence; is the text speakable in this voice?")
    edge = int(EDGE_SECONDS * rate)
    return samples[max(0, loud[0] * window - edge): min(len(samples), (loud[-1] + 1) * window + edge)]


def level(samples: np.ndarray) -> np.ndarray:
    """Scale to the target loudness (measured over the voiced blocks), never past the peak limit: peaks
    above the knee are rounded off (a tanh curve, smooth at the knee), those more than MAX_LIMITING_DB over
    the limit turn the whole clip down first."""
    voiced = samples[np.abs(samples) > 10 ** (SILENCE_DBFS / 20)]
    gain = 10 ** ((TARGET_RMS_DBFS - dbfs(voiced)) / 20)
    peak = float(np.max(np.abs(samples))) * gain
    ceiling = PEAK_LIMIT * 10 ** (MAX_LIMITING_DB / 20)
    if peak > ceiling:
        gain *= ceiling / peak
    out = samples * gain
    over = np.abs(out) > KNEE
    room = PEAK_LIMIT - KNEE
    out[over] = np.sign(out[over]) * (KNEE + room * np.tanh((np.abs(out[over]) - KNEE) / room))
    return out
