"""Offline narration: text in, a cached WAV clip out, in English or Mandarin.

Imports nothing else of this project, so both the scenes (the voice sets their timing) and
the delivery package may use it.

    service = speech.service_for("en")      # VoiceNotInstalled if the voice is missing
    clip = service.generate_from_text("Take two ReLUs.")
    clip.path, clip.duration

Whether renders speak is a render setting: the environment variable ``EXPLAINER_VOICE``
(``1`` on; unset or ``0`` off), which the CLI's ``--voice/--no-voice`` writes. Which engine
speaks is another, ``EXPLAINER_VOICE_ENGINE`` (``kokoro``, the default, for both languages;
``piper`` for English, ``espeak-ng`` for Chinese), which ``--voice-engine`` writes.
"""

from __future__ import annotations

import os

from speech.clips import Clip, DamagedClip
from speech.engines import EspeakService, KokoroChinese, KokoroEnglish, PiperService
from speech.service import SpeechService, VoiceNotInstalled

VOICE_ENV = "EXPLAINER_VOICE"
ENGINE_ENV = "EXPLAINER_VOICE_ENGINE"
#: Silence after a line before the next pause ends (seconds): a speaker's breath.
BREATH = 0.4
#: Each engine's service per narration language.
ENGINES: dict[str, dict[str, type[SpeechService]]] = {
    "kokoro": {"en": KokoroEnglish, "zh": KokoroChinese},
    "piper": {"en": PiperService},
    "espeak-ng": {"zh": EspeakService},
}
DEFAULT_ENGINE = "kokoro"
#: The default engine of each narration language.
SERVICES: dict[str, type[SpeechService]] = ENGINES[DEFAULT_ENGINE]

__all__ = ["BREATH", "Clip", "DEFAULT_ENGINE", "DamagedClip", "ENGINES", "ENGINE_ENV", "SERVICES", "SpeechService",
           "VOICE_ENV", "VoiceNotInstalled", "service_class", "service_for", "voice_enabled", "voice_engine"]


def voice_enabled() -> bool:
    """Whether this render speaks its narration (``EXPLAINER_VOICE``)."""
    raw = os.environ.get(VOICE_ENV, "").strip().lower()
    if raw in ("", "0", "off", "false", "no"):
        return False
    if raw in ("1", "on", "true", "yes"):
        return True
    raise ValueError(f"{VOICE_ENV}={raw!r} is neither on nor off; set it to 1 or 0")


def voice_engine() -> str:
    """The engine renders speak with (``EXPLAINER_VOICE_ENGINE``, default kokoro)."""
    name = os.environ.get(ENGINE_ENV, "").strip().lower() or DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"{ENGINE_ENV}={name!r} is no voice engine; choose one of: {', '.join(ENGINES)}")
    return name


def service_class(lang: str, engine: str | None = None) -> type[SpeechService]:
    """The service class of a narration language under ``engine`` (default: the setting)."""
    engine = engine or voice_engine()
    if engine not in ENGINES:
        raise ValueError(f"no voice engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    speaks = ENGINES[engine]
    if lang not in speaks:
        others = [name for name, langs in ENGINES.items() if lang in langs]
        if not others:
            raise ValueError(f"no voice for language {lang!r}; voices exist for: "
                             f"{', '.join(sorted({k for langs in ENGINES.values() for k in langs}))}")
        raise ValueError(f"the {engine} engine does not speak {lang!r} (only {', '.join(speaks)}); "
                         f"for {lang!r} choose --voice-engine {' or '.join(others)}")
    return speaks[lang]


def service_for(lang: str, cache_dir=None, engine: str | None = None) -> SpeechService:
    """The speech service of a narration language, checked to be installed."""
    service = service_class(lang, engine)(cache_dir)
    service.check_installed()
    return service
