"""Speech clips on disk: 16-bit mono WAV files with a checksum, written atomically and verified when read.

A clip's file name is a hash of (engine, voice, settings, text), so a re-render finds the
clip it made before and synthesises nothing. Each clip ends with a small RIFF chunk of its own,
``xsha``, holding the SHA-256 of every byte before it (header and samples): ``read_clip`` uses a
clip only when that checksum matches, so a clip whose header was altered (another sample rate,
another length), whose samples were changed, or that was cut short or made before checksums
is refused with ``DamagedClip`` and synthesised again. WAV readers (wave, pydub, FFmpeg) stop at
the ``data`` chunk or skip chunks they do not know, so the clip plays as any WAV. Each clip is
written to a private temporary file beside its final name and renamed into place, so parallel
renders never see half a file.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: The checksum chunk every clip ends with: id, size (32), the SHA-256 of all bytes before it.
CHECKSUM_ID = b"xsha"
CHECKSUM_CHUNK = len(CHECKSUM_ID) + 4 + 32


class DamagedClip(ValueError):
    """A cached clip that is not a complete, non-empty 16-bit mono WAV file with its checksum."""


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


def clip_bytes(samples: np.ndarray, sample_rate: int) -> bytes:
    """Float samples in [-1, 1] as a 16-bit mono WAV file ending with its checksum chunk."""
    samples = np.asarray(samples, dtype=np.float64).reshape(-1)
    if samples.size == 0:
        raise ValueError("refusing to make an empty clip")
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(int(sample_rate))
        out.writeframes(pcm.tobytes())
    body = bytearray(buffer.getvalue())
    body[4:8] = struct.pack("<I", len(body) - 8 + CHECKSUM_CHUNK)  # the RIFF size counts the chunk
    return bytes(body) + CHECKSUM_ID + struct.pack("<I", 32) + hashlib.sha256(body).digest()


def write_clip(samples: np.ndarray, sample_rate: int, path: Path) -> None:
    """Write float samples in [-1, 1] as a checksummed 16-bit mono WAV file, atomically."""
    try:
        data = clip_bytes(samples, sample_rate)
    except ValueError:
        raise ValueError(f"refusing to write an empty clip to {path}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as raw:
            raw.write(data)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def read_samples(path: Path) -> tuple[np.ndarray, int]:
    """A WAV file's samples as floats in [-1, 1] and its sample rate; DamagedClip if it is not whole.

    Any 16-bit mono WAV (an engine's output too): no checksum is asked for. ``read_clip`` checks one."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DamagedClip(f"{path}: not readable ({exc.strerror or exc})") from None
    return _samples(data, path)


def _samples(data: bytes, path: Path) -> tuple[np.ndarray, int]:
    try:
        with wave.open(io.BytesIO(data), "rb") as source:
            channels, width, rate, frames = (source.getnchannels(), source.getsampwidth(),
                                             source.getframerate(), source.getnframes())
            pcm = source.readframes(frames)
    except (EOFError, wave.Error) as exc:
        raise DamagedClip(f"{path}: not a readable WAV file ({exc})") from None
    if channels != 1 or width != 2:
        raise DamagedClip(f"{path}: {channels} channel(s) of {8 * width}-bit samples, expected 16-bit mono")
    if frames == 0 or len(pcm) != frames * 2:
        raise DamagedClip(f"{path}: header promises {frames} samples, file holds {len(pcm) // 2}")
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32767.0, rate


def verified_samples(path: Path) -> tuple[np.ndarray, int]:
    """A cached clip's samples and rate, after checking its checksum; DamagedClip when it does not match."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DamagedClip(f"{path}: not readable ({exc.strerror or exc})") from None
    body, chunk = data[:-CHECKSUM_CHUNK], data[-CHECKSUM_CHUNK:]
    if len(data) <= CHECKSUM_CHUNK or chunk[:8] != CHECKSUM_ID + struct.pack("<I", 32):
        raise DamagedClip(f"{path}: no checksum (cut short, or made before clips carried one)")
    if hashlib.sha256(body).digest() != chunk[8:]:
        raise DamagedClip(f"{path}: checksum mismatch (its header or samples changed after it was made)")
    return _samples(data, path)


def read_clip(path: Path, text: str) -> Clip:
    """The cached clip at ``path`` saying ``text``, verified; DamagedClip when it is not the one written."""
    samples, rate = verified_samples(path)
    return Clip(path=path, duration=len(samples) / rate, text=text)
