"""How fast each voice engine speaks the chapter's lines: seconds of audio per second of synthesis.

    .venv/bin/python benchmarks/voice_speed.py [--lines 4] [--engines kokoro,piper,espeak-ng]

Takes the first N narration lines of each language that need no filled-in numbers, synthesises
each with a cold clip cache (a temporary folder), and prints per engine and language: the audio
length, the synthesis time (the model load, once per process, reported apart) and their ratio.
The machine's load average is printed too: other work on the cores slows every wall-clock figure;
the audio per CPU second (this process's threads, all cores) depends on it much less.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import speech  # noqa: E402
from scenes.strings import STRINGS  # noqa: E402
from speech import engines  # noqa: E402


def chapter_lines(lang: str, count: int) -> list[str]:
    lines = [entry[lang] for key, entry in STRINGS.items() if ".say." in key and "{" not in entry[lang]]
    return lines[:count]


def warm_up(engine: str) -> float:
    """Load the engine's model once (not part of the per-line speed); return the seconds it took."""
    start = time.perf_counter()
    if engine == "kokoro":
        engines._kokoro_engine()
        engines._misaki_chinese()("预热")
    elif engine == "piper":
        engines._piper_engine()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=4)
    parser.add_argument("--engines", default=",".join(speech.ENGINES))
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for engine in args.engines.split(","):
        load = warm_up(engine)
        for lang in speech.ENGINES[engine]:
            with tempfile.TemporaryDirectory(prefix="voice-speed-") as cache:
                service = speech.service_for(lang, cache_dir=Path(cache), engine=engine)
                audio = wall = cpu = 0.0
                for line in chapter_lines(lang, args.lines):
                    start, start_cpu = time.perf_counter(), time.process_time()
                    audio += service.generate_from_text(line).duration
                    wall += time.perf_counter() - start
                    cpu += time.process_time() - start_cpu
            print(f"{engine:>9} {lang}: {audio:6.1f} s of audio in {wall:6.1f} s = {audio / wall:5.2f}x real time; "
                  f"{audio / cpu:5.2f} s of audio per CPU second ({args.lines} lines; model load {load:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
