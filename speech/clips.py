"""Speech clips on disk: 16-bit mono WAV files, written atomically and checked when read.

A clip's file name is a hash of (engine, voice, settings, text), so a re-render finds the
clip it made before and synthesises nothing. Each clip is written to a private temporary
file beside its final name and renamed into place, so parallel renders never see half a
file; a clip that is unreadable anyway (a crash mid-copy, a disk error) fails ``read_clip``
and is synthesised again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np


class DamagedClip(ValueError):
    """A cached clip that is not a complete, non-empty 16-bit mono WAV file."""


@dataclass(frozen=True)
class Clip:
    """One synthesised line: its WAV file, its length in seconds, and what it says."""

    path: Path
    duration: float
    text: str


def clip_name(engine: str, voice: str, settings: str, text: str) -> str:
    """The cache file name of a line: the same inputs always give the same name."""
    digest = hashlib.sha256("\x1f".join((engine, voice, settings, text)).encode("utf-8")).hexdigest()
    return f"{digest[:24]}.wav"


def write_clip(samples: np.ndarray, sample_rate: int, path: Path) -> None:
    """Write float samples in [-1, 1] as a 16-bit mono WAV file, atomically."""
    samples = np.asarray(samples, dtype=np.float64).reshape(-1)
    if samples.size == 0:
        raise ValueError(f"refusing to write an empty clip to {path}")
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype("<i2")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as raw, wave.open(raw, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(int(sample_rate))
            out.writeframes(pcm.tobytes())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def read_samples(path: Path) -> tuple[np.ndarray, int]:
    """A clip's samples as floats in [-1, 1] and its sample rate; DamagedClip if it is not whole."""
    try:
        with wave.open(str(path), "rb") as source:
            channels, width, rate, frames = (source.getnchannels(), source.getsampwidth(),
                                             source.getframerate(), source.getnframes())
            data = source.readframes(frames)
    except (OSError, EOFError, wave.Error) as exc:
        raise DamagedClip(f"{path}: not a readable WAV file ({exc})") from None
    if channels != 1 or width != 2:
        raise DamagedClip(f"{path}: {channels} channel(s) of {8 * width}-bit samples, expected 16-bit mono")
    if frames == 0 or len(data) != frames * 2:
        raise DamagedClip(f"{path}: header promises {frames} samples, file holds {len(data) // 2}")
    return np.frombuffer(data, dtype="<i2").astype(np.float64) / 32767.0, rate


def read_clip(path: Path, text: str) -> Clip:
    samples, rate = read_samples(path)
    return Clip(path=path, duration=len(samples) / rate, text=text)
