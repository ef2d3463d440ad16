"""Offline narration: text in, a cached WAV clip out, in English or Mandarin.

Imports nothing else of this project, so both the scenes (the voice sets their timing) and
the delivery package may use it.

    service = speech.service_for("en")      # VoiceNotInstalled if the voice is missing
    clip = service.generate_from_text("Take two ReLUs.")
    clip.path, clip.duration

Whether renders speak is a render setting: the environment variable ``EXPLAINER_VOICE``
(``1`` on; unset or ``0`` off), which the CLI's ``--voice/--no-voice`` writes.
"""

from __future__ import annotations

import os

from speech.clips import Clip, DamagedClip
from speech.engines import EspeakService, PiperService
from speech.service import SpeechService, VoiceNotInstalled

VOICE_ENV = "EXPLAINER_VOICE"
#: Silence after a line before the next pause ends (seconds): a speaker's breath.
BREATH = 0.4
#: The engine of each narration language.
SERVICES: dict[str, type[SpeechService]] = {"en": PiperService, "zh": EspeakService}

__all__ = ["BREATH", "Clip", "DamagedClip", "SERVICES", "SpeechService", "VOICE_ENV", "VoiceNotInstalled",
           "service_for", "voice_enabled"]


def voice_enabled() -> bool:
    """Whether this render speaks its narration (``EXPLAINER_VOICE``)."""
    raw = os.environ.get(VOICE_ENV, "").strip().lower()
    if raw in ("", "0", "off", "false", "no"):
        return False
    if raw in ("1", "on", "true", "yes"):
        return True
    raise ValueError(f"{VOICE_ENV}={raw!r} is neither on nor off; set it to 1 or 0")


def service_for(lang: str, cache_dir=None) -> SpeechService:
    """The speech service of a narration language, checked to be installed."""
    try:
        service = SERVICES[lang](cache_dir)
    except KeyError:
        raise ValueError(f"no voice for language {lang!r}; voices exist for: {', '.join(SERVICES)}") from None
    service.check_installed()
    return service
