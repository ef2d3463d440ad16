"""Does the voice say what it was given? Every narration line of the chapter, synthesised and heard back.

    .venv/bin/pip install -e '.[bench-voice]'                  # the recogniser and the Chinese scoring
    .venv/bin/python benchmarks/bench_voice.py                  # both languages, each one's default voice
    .venv/bin/python benchmarks/bench_voice.py --lang zh --limit 20           # a quick look
    .venv/bin/python benchmarks/bench_voice.py --lang en --engine piper --jobs 2
    .venv/bin/python benchmarks/bench_voice.py --lang zh --engine kokoro --voice zf_xiaobei   # choosing a voice

Each line (every scene's narration as the scene fills it in, and the lines the slides' variants say
differently: benchmarks/voice_lines.py) is synthesised through the project's speech API
(``speech``: the same service, spoken-text rules and clip post-processing a voiced render uses), then
transcribed by Whisper base with its language forced (benchmarks/voice_recogniser.py) and scored against
the words the voice was given (``SpeechService.speakable``), both normalised alike
(benchmarks/voice_scoring.py): WER in English; toneless-pinyin syllable error (the main Chinese figure: it
forgives the recogniser's homophones) and CER in Chinese.

Printed and written (``--out``, default benchmarks/results/: voice-<engine>-<lang>[-first<N>].json and .md):
each line's scores and transcript, the overall rates, the worst lines, the Chinese lines whose only misses
are homophones (the recogniser's spelling, not the voice), and synthesis speed (seconds of speech per
second of wall time, over the lines synthesised cold in this run; ``--fresh`` synthesises every line).
Exit status 1 when a line's main figure is above --max-line (0.30), 2 for bad input or a missing package.
Clips are kept in <cache>/bench-voice/ (``$EXPLAINER_CACHE_DIR`` or media/cache).
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.voice_report import markdown_report, summary_lines  # noqa: E402
from benchmarks.voice_scoring import MEASURES, overall, score_line  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
MAX_LINE = 0.30
WORST = 10


def engines() -> dict[str, dict[str, type]]:
    """Each voice engine's service per language, as the project's speech package offers them."""
    import speech

    if hasattr(speech, "ENGINES"):
        return speech.ENGINES
    from speech.engines import EspeakService, PiperService  # one engine per language: named by its program

    return {"piper": {"en": PiperService}, "espeak-ng": {"zh": EspeakService}}


def default_engine(lang: str) -> str:
    """The engine a voiced render of ``lang`` uses when none is chosen."""
    import speech

    offered = engines()
    chosen = speech.voice_engine() if hasattr(speech, "voice_engine") else None
    if lang in offered.get(chosen, {}):
        return chosen
    for name, langs in offered.items():
        if lang in langs and langs[lang] is speech.SERVICES.get(lang):
            return name
    raise ValueError(f"no voice for language {lang!r}; voices exist for: {', '.join(speech.SERVICES)}")


def service(lang: str, engine: str, cache_dir: Path, voice: str | None = None):
    """The speech service of ``engine`` in ``lang`` (its voice ``voice``, or its default), checked to be installed."""
    offered = engines()
    if engine not in offered:
        raise ValueError(f"no voice engine {engine!r}; choose one of: {', '.join(offered)}")
    if lang not in offered[engine]:
        speakers = [name for name, langs in offered.items() if lang in langs]
        raise ValueError(f"the {engine} engine does not speak {lang!r}; for {lang!r} choose --engine "
                         f"{' or '.join(speakers)}")
    service_class = offered[engine][lang]
    if voice is None or voice == service_class.voice:
        speaker = service_class(cache_dir)
    elif "voice" in inspect.signature(service_class).parameters:
        speaker = service_class(cache_dir, voice=voice)  # the engine names the voices it offers if not this one
    else:
        raise ValueError(f"the {engine} engine has one {lang!r} voice, {service_class.voice}; drop --voice {voice}")
    speaker.check_installed()
    return speaker


def clip_cache() -> Path:
    from explainer.settings import MEDIA_DIR
    from mathcore.storage import env_cache_dir

    return (env_cache_dir() or MEDIA_DIR / "cache") / "bench-voice"


def synthesise(voice, lines: list, jobs: int, log) -> tuple[list[dict], float]:
    """Each line's clip (path, seconds, wall seconds, whether it was cached) and the phase's wall time."""
    def one(line) -> dict:
        spoken = voice.speakable(line.text)
        cached = voice.clip_path(spoken).exists()
        start = time.perf_counter()
        clip = voice.generate_from_text(line.text)
        return {"spoken": spoken, "wav": clip.path, "audio_s": clip.duration,
                "synth_s": time.perf_counter() - start, "cached": cached}

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        done = []
        for number, (line, clip) in enumerate(zip(lines, pool.map(one, lines)), 1):
            done.append(clip)
            how = "cached" if clip["cached"] else f"in {clip['synth_s']:.1f} s"
            log(f"[voice {number}/{len(lines)}] {line.where}: {clip['audio_s']:.1f} s of speech {how}")
    return done, time.perf_counter() - start


def hear(recogniser, lang: str, lines: list, clips: list[dict], jobs: int, log) -> list[dict]:
    """Each line's transcript and scores."""
    main = MEASURES[lang][0][0]

    def one(clip: dict) -> str:
        return recogniser.transcribe(clip["wav"], lang)

    rows = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for number, (line, clip, heard) in enumerate(zip(lines, clips, pool.map(one, clips)), 1):
            scores = score_line(lang, clip["spoken"], heard)
            rows.append({**line.to_json(), "spoken": clip["spoken"], "heard": heard,
                         "audio_s": round(clip["audio_s"], 3), "synth_s": round(clip["synth_s"], 3),
                         "cached": clip["cached"], "scores": scores})
            log(f"[hear {number}/{len(lines)}] {line.where}: {main} {scores[main]['rate']:.2f}  heard {heard!r}")
    return rows


def run(lang: str, engine: str, args, log=print) -> dict:
    from benchmarks.voice_lines import chapter_lines
    from benchmarks.voice_recogniser import Recogniser

    folder = Path(tempfile.mkdtemp(prefix="bench-voice-")) if args.fresh else clip_cache()
    voice = service(lang, engine, folder, args.voice)
    recogniser = Recogniser(workers=args.jobs, log=log)  # before the long part: a missing model stops here
    load_before = os.getloadavg()
    lines = list(itertools.islice(chapter_lines(lang, variants=not args.no_variants, log=log), args.limit))
    clips, synth_wall = synthesise(voice, lines, args.jobs, log)
    rows = hear(recogniser, lang, lines, clips, args.jobs, log)
    cold = [row for row in rows if not row["cached"]]
    cold_audio = sum(row["audio_s"] for row in cold)
    cached_wall = sum(row["synth_s"] for row in rows if row["cached"])
    report = {
        "lang": lang, "engine": engine, "voice": voice.voice, "settings": voice.settings,
        "recogniser": recogniser.name, "lines": len(rows), "limit": args.limit, "variants": not args.no_variants,
        "speed": {"lines_cold": len(cold), "audio_s_cold": round(cold_audio, 2),
                  "wall_s": round(synth_wall - cached_wall, 2), "jobs": args.jobs,
                  "speech_per_wall": round(cold_audio / (synth_wall - cached_wall), 3) if cold else None},
        "audio_s": round(sum(row["audio_s"] for row in rows), 2),
        "machine": {"cores": os.cpu_count(), "load_before": [round(x, 2) for x in load_before],
                    "load_after": [round(x, 2) for x in os.getloadavg()]},
        "rows": rows,
    }
    return scored(report, args.max_line)


def _where(row: dict) -> str:
    return row["key"] + (f" [{row['variant']}]" if row["variant"] else "")


def scored(report: dict, max_line: float, rescore: bool = False) -> dict:
    """``report`` with its overall rates, check, homophone-only and worst lines (from its rows' scores,
    or, with ``rescore``, from each row's given and heard text scored again by the current rules)."""
    lang, rows = report["lang"], report["rows"]
    if rescore:
        for row in rows:
            row["scores"] = score_line(lang, row["spoken"], row["heard"])
    main = MEASURES[lang][0][0]
    worst = sorted(rows, key=lambda row: -row["scores"][main]["rate"])[:WORST]
    return {**report, "main": main, "overall": overall(lang, [row["scores"] for row in rows]),
            "check": {"max_line": max_line,
                      "above": [_where(row) for row in rows if row["scores"][main]["rate"] > max_line]},
            "homophones_only": [_where(row) for row in rows if "cer" in row["scores"]
                                and row["scores"]["cer"]["errors"] > 0 and row["scores"][main]["errors"] == 0],
            "worst": [_where(row) for row in worst]}


def write(report: dict, stem: Path) -> None:
    stem.with_suffix(".json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    stem.with_suffix(".md").write_text(markdown_report(report), encoding="utf-8")
    print("\n".join(summary_lines(report)))
    print(f"reports: {stem}.json, .md")


def rescore(paths: list[Path], max_line: float) -> int:
    """Score saved reports again (after a change to the scoring rules), rewriting them and their pages."""
    failed = False
    for path in paths:
        try:
            report = scored(json.loads(path.read_text(encoding="utf-8")), max_line, rescore=True)
        except (OSError, ValueError, KeyError) as exc:
            print(f"bench_voice: {path} is not a voice benchmark report ({exc!r}); give the .json a run wrote",
                  file=sys.stderr)
            return 2
        write(report, path.with_suffix(""))
        failed |= bool(report["check"]["above"])
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("en", "zh", "both"), default="both")
    parser.add_argument("--engine", help="voice engine (default: each language's default voice)")
    parser.add_argument("--voice", help="one of the engine's voices (default: its voice for the language)")
    parser.add_argument("--limit", type=int, metavar="N", help="the first N lines only (a quick run)")
    parser.add_argument("--jobs", type=int, default=1, help="lines synthesised and heard at once (default 1)")
    parser.add_argument("--no-variants", action="store_true", help="the scenes' default runs only")
    parser.add_argument("--fresh", action="store_true", help="synthesise every line cold (a private clip cache)")
    parser.add_argument("--max-line", type=float, default=MAX_LINE,
                        help=f"the check: no line's main figure above this (default {MAX_LINE})")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder of the JSON and Markdown reports")
    parser.add_argument("--rescore", type=Path, nargs="+", metavar="JSON",
                        help="score saved reports again with the current rules (no synthesis, no recogniser)")
    args = parser.parse_args(argv)
    if args.rescore:
        return rescore(args.rescore, args.max_line)
    if args.limit is not None and args.limit < 1:
        parser.error(f"--limit must be >= 1, got {args.limit}")
    if args.jobs < 1:
        parser.error(f"--jobs must be >= 1, got {args.jobs}")
    langs = ("en", "zh") if args.lang == "both" else (args.lang,)

    from benchmarks.voice_recogniser import RecogniserNotInstalled
    from speech import VoiceNotInstalled

    try:
        plan = [(lang, args.engine or default_engine(lang)) for lang in langs]
        for lang, engine in plan:
            service(lang, engine, clip_cache(), args.voice)  # every voice checked before the first long run
        reports = [run(lang, engine, args) for lang, engine in plan]
    except (ValueError, VoiceNotInstalled, RecogniserNotInstalled, ImportError) as exc:
        print(f"bench_voice: {exc}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    failed = False
    for report in reports:
        stem = (f"voice-{report['engine']}-{report['lang']}" + (f"-{report['voice']}" if args.voice else "") +
                (f"-first{args.limit}" if args.limit else ""))
        write(report, args.out / stem)
        failed |= bool(report["check"]["above"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
