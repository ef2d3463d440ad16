"""Sound in videos: reading a video's narration track, and writing the chapter's joined one.

The chapter's track is built part by part beside its video: each part's sound (manim's AAC
track of the scene's spoken lines, or nothing for a silent title card) is resampled to one
rate and cut or padded with silence to end exactly where the part's last frame ends, so the
narration stays on its subtitles and chapter markers however long the chapter grows.
Everything goes through PyAV: no system ffmpeg.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

#: The chapter track's sample rate (AAC's usual rate; manim's own tracks are 48 kHz too).
AUDIO_RATE = 48000
_FRAME = 1024  # samples per AAC frame


def read_sound(path: Path, rate: int = AUDIO_RATE) -> np.ndarray | None:
    """A video's first audio track as mono float32 samples at ``rate``; None if it has none."""
    with av.open(str(path)) as source:
        if not source.streams.audio:
            return None
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        chunks = []
        for frame in source.decode(audio=0):
            chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
        chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    return np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)


class NarrationTrack:
    """A mono AAC track written into ``container`` alongside its video, one part at a time."""

    def __init__(self, container, language: str) -> None:
        """``language``: the ISO 639-2 code the track is tagged with (eng, zho)."""
        self.container = container
        self.stream = container.add_stream("aac", rate=AUDIO_RATE, layout="mono")
        self.stream.metadata["language"] = language
        self.samples_written = 0
        self._pending = np.zeros(0, np.float32)

    def add_part(self, video: Path, ends_at: Fraction) -> None:
        """Append ``video``'s sound so that the track reaches ``ends_at`` seconds exactly."""
        needed = round(ends_at * AUDIO_RATE) - self.samples_written - len(self._pending)
        sound = read_sound(video)
        part = np.zeros(max(0, needed), np.float32)
        if sound is not None:
            part[: min(len(sound), len(part))] = sound[: len(part)]
        self._pending = np.concatenate([self._pending, part])
        whole = len(self._pending) // _FRAME * _FRAME
        self._encode(self._pending[:whole])
        self._pending = self._pending[whole:]

    def close(self) -> None:
        """Encode what is left and flush the encoder."""
        self._encode(self._pending)
        self._pending = np.zeros(0, np.float32)
        for packet in self.stream.encode():
            self.container.mux(packet)

    def _encode(self, samples: np.ndarray) -> None:
        for start in range(0, len(samples), _FRAME):
            chunk = samples[start: start + _FRAME]
            frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="fltp", layout="mono")
            frame.sample_rate = AUDIO_RATE
            frame.pts = self.samples_written
            frame.time_base = Fraction(1, AUDIO_RATE)
            self.samples_written += len(chunk)
            for packet in self.stream.encode(frame):
                self.container.mux(packet)
