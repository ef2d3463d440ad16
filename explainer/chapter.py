"""The whole chapter as one video: a title card per section, every scene in story order,
chapter markers, one subtitle file and, when voiced, one narration track. Joined with PyAV
(no system ffmpeg)."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable

import av

from explainer import stopping, workdirs
from explainer.audio import NarrationTrack
from explainer.render import RenderError, RenderJob, check_output_dir, render_many
from explainer.subtitles import read_srt, split_long_cues, write_srt
from explainer.track_language import iso_639_2, tag_text_tracks
from mathcore.data import load as load_series
from scenes.catalog import SCENES, SECTIONS, SceneEntry

CHAPTER_NAME = "chapter1"


@dataclass(frozen=True)
class Part:
    """One piece of the chapter video and the marker title it starts."""

    video: Path
    title: str
    subtitles: Path | None = None


#: The string key of each scene's on-screen title, which names its chapter marker; a function of the
#: scene's hyperparameters (defaults and overrides) where the title depends on them, giving the key
#: and its placeholder values.
SCENE_TITLES: dict[str, str | Callable[[dict], tuple[str, dict]]] = {
    "LinearModel": "linear.title",
    "LossDefinition": "loss.title",
    "ErrorSurface": "surface.title",
    "TangentStep": "tangent.title",
    "GradientDescent": "gd.title",
    "LearningRates": "descent.lr_title",
    "ModelBias": "model_bias.title",
    "PiecewiseAsHardSigmoids": "piecewise.title",
    "SigmoidKnobs": "sigmoid.title",
    "MatrixForm": "network.matrix.title",
    "BatchesEpochs": "batches.title",
    "ParametersVsHyperparameters": "hyper.title",
    "ReluPairHardSigmoid": "relu_pair.title",
    "ReluFitTraining": lambda params: ("relu_fit.title", {"n": params["n_relus"]}),
    "LocalMinima": "local_minima.title",
    "LayersStacking": "depth.stack.title",
    "ForwardPass": lambda params: ("forward.title" if load_series(params["dataset"]).step == "hour"
                                   else "forward.title_day", {}),
    "DepthTable": "depth.table.title",
    "Overfitting": "overfit.title",
    "OptimizerRace": "race.title",
}


def scene_title(entry: SceneEntry, lang: str, overrides: dict | None = None) -> str:
    """The scene's on-screen title in ``lang`` (its chapter marker's name), with its hyperparameters."""
    from scenes.params import resolve
    from scenes.strings import STRINGS

    if entry.name not in SCENE_TITLES:
        raise KeyError(f"scene {entry.name} has no chapter marker title; add its title's string key to "
                       "SCENE_TITLES in explainer/chapter.py")
    title = SCENE_TITLES[entry.name]
    key, values = title(resolve(entry.load().PARAMS, overrides or {})) if callable(title) else (title, {})
    return STRINGS[key][lang].format(**values)


def chapter_jobs(out_dir: Path, quality: str, lang: str, params: dict | None = None,
                 scene_names: list[str] | None = None, **job_options) -> tuple[list[RenderJob], list[str]]:
    """Render jobs in story order (title card, then the section's scenes) and their marker titles.

    ``params`` maps scene name -> its checked overrides; ``scene_names`` limits the chapter to some scenes.
    """
    from scenes.strings import STRINGS

    entries = [e for e in SCENES if scene_names is None or e.name in scene_names]
    jobs, titles = [], []
    sections = [s for s in SECTIONS if any(e.section == s for e in entries)]
    for number, section in enumerate(sections, start=1):
        jobs.append(RenderJob("SectionTitle", str(out_dir), quality, "mp4", lang,
                              {"section": section, "number": number}, title=f"title-{section}", **job_options))
        titles.append(STRINGS[f"section.{section}"][lang])
        for entry in (e for e in entries if e.section == section):
            jobs.append(RenderJob(entry.name, str(out_dir), quality, "mp4", lang,
                                  dict((params or {}).get(entry.name, {})), **job_options))
            titles.append(scene_title(entry, lang, (params or {}).get(entry.name)))
    return jobs, titles


def chapter_lock(out_dir: Path) -> workdirs.OutputLock:
    """The lock a chapter run holds on its output folder (``with``): a second one is refused with a RenderError."""
    return workdirs.OutputLock(Path(out_dir) / workdirs.CHAPTER_LOCK, "`explainer chapter`", RenderError)


def build_chapter(out_dir: Path, quality: str = "l", lang: str = "en", n_jobs: int = 1,
                  params: dict | None = None, scene_names: list[str] | None = None, log=print,
                  voice: bool = False, lock: bool = True, **job_options) -> Path:
    """Render every scene and join them; return the chapter video's path (an .srt lies beside it).

    ``voice``: every scene speaks its narration (which sets its pace) and the chapter gets the
    joined narration track (``explainer chapter`` asks for it unless --no-voice); False, the
    silent chapter. ``lock``: hold ``chapter_lock`` for the run (False: the caller holds it).
    """
    out_dir = check_output_dir(Path(out_dir))
    target = out_dir / f"{CHAPTER_NAME}.mp4"
    with chapter_lock(out_dir) if lock else contextlib.nullcontext():
        parts_dir = workdirs.make(out_dir, ".chapter-parts-")
        try:
            jobs, titles = chapter_jobs(parts_dir, quality, lang, params, scene_names, voice=voice, **job_options)
            # Title cards share one scene name, so each renders into its own sub-folder.
            for i, job in enumerate(jobs):
                folder = parts_dir / f"{i:02d}"
                folder.mkdir()
                jobs[i] = RenderJob(**{**job.__dict__, "out_dir": str(folder)})
            paths = render_many(jobs, n_jobs=n_jobs, log=log, final=False)
            videos = [p for p in paths if p.suffix == ".mp4"]
            parts = []
            for video, title in zip(videos, titles):
                srt = video.with_suffix(".srt")
                parts.append(Part(video, title, srt if srt.exists() else None))
            # Joined inside the run's own folder (two runs never share a scratch name), then
            # both files are moved into place together.
            joined = parts_dir / target.name
            durations = join_videos(parts, joined, lang, with_sound=voice)
            write_joined_subtitles(parts, durations, joined.with_suffix(".srt"), lang)
            with stopping.deferred():
                os.replace(joined.with_suffix(".srt"), target.with_suffix(".srt"))
                os.replace(joined, target)
            return target
        finally:
            shutil.rmtree(parts_dir, ignore_errors=True)


def video_duration(path: Path) -> float:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration / av.time_base)


def join_videos(parts: list[Part], target: Path, lang: str, with_sound: bool = False) -> list[float]:
    """Join the parts into one H.264 video with a chapter marker at each part's start, and with
    ``with_sound`` one AAC track of the parts' sound, each part's as long as its video. The sound
    and the chapter-name track are tagged with the language ``lang`` (``explainer.track_language``).

    Parts encoded alike (same codec, size, pixel format, frame rate, time base and codec
    header, as every scene rendered at one quality is) are joined by copying their packets,
    timestamps shifted: no decoding, no second lossy encode. Otherwise (or with
    ``EXPLAINER_SLOW_PATHS=1``) every frame is decoded and re-encoded.
    Returns each part's duration in the joined video (its frame count over the frame rate).
    """
    from manim_engine.fast_paths import SLOW_PATHS_ENV

    if not parts:
        raise RenderError("nothing to join: no videos were rendered")
    signatures = {_encoding_signature(part.video) for part in parts}
    copy = len(signatures) == 1 and os.environ.get(SLOW_PATHS_ENV) != "1"
    with av.open(str(parts[0].video)) as first:
        rate = first.streams.video[0].average_rate
    partial = target.with_name(f".{target.name}.partial.mp4")
    chapters, frame_index = [], 0
    time_base = Fraction(1, int(round(rate)))
    try:
        with av.open(str(partial), "w") as out:
            add_part = _packet_copier(out, parts[0].video) if copy else _reencoder(out, parts[0].video)
            sound = NarrationTrack(out, iso_639_2(lang)) if with_sound else None
            for index, part in enumerate(parts):
                start = frame_index
                frame_index += add_part(part.video)
                chapters.append({"id": index + 1, "start": start, "end": frame_index, "time_base": time_base,
                                 "metadata": {"title": part.title}})
                if sound is not None:
                    sound.add_part(part.video, ends_at=frame_index * time_base)
            add_part(None)  # flush
            if sound is not None:
                sound.close()
            out.set_chapters(chapters)
        tag_text_tracks(partial, lang)
        os.replace(partial, target)
        return [float((c["end"] - c["start"]) * time_base) for c in chapters]
    finally:
        if partial.exists():
            partial.unlink()


def _encoding_signature(video: Path) -> tuple:
    """What must match for two videos' packets to be played as one stream."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        context = stream.codec_context
        return (context.name, context.width, context.height, context.pix_fmt, stream.average_rate,
                stream.time_base, bytes(context.extradata or b""))


def _packet_copier(out, template: Path):
    """A function that appends a part's video packets to ``out`` (returns its frame count);
    ``None`` finishes. Each part's timestamps are shifted by the frames before it."""
    with av.open(str(template)) as first:
        source_stream = first.streams.video[0]
        stream = out.add_stream_from_template(source_stream)
        ticks_per_frame = round(1 / (source_stream.average_rate * source_stream.time_base))
    shift = 0

    def add(video: Path | None) -> int:
        nonlocal shift
        if video is None:
            return 0
        frames = 0
        with av.open(str(video)) as source:
            for packet in source.demux(source.streams.video[0]):
                if packet.dts is None:  # the demuxer's empty end-of-stream packet
                    continue
                packet.pts += shift
                packet.dts += shift
                packet.stream = stream
                out.mux(packet)
                frames += 1
        shift += frames * ticks_per_frame
        return frames

    return add


def _reencoder(out, template: Path):
    """A function that decodes a part and encodes its frames into ``out`` (returns its frame
    count); ``None`` flushes the encoder."""
    with av.open(str(template)) as first:
        context = first.streams.video[0].codec_context
        width, height, rate = context.width, context.height, first.streams.video[0].average_rate
    stream = out.add_stream("libx264", rate=rate)
    stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
    stream.options = {"preset": "veryfast", "crf": "20"}
    time_base = Fraction(1, int(round(rate)))
    written = 0

    def add(video: Path | None) -> int:
        nonlocal written
        if video is None:
            for packet in stream.encode():
                out.mux(packet)
            return 0
        frames = 0
        with av.open(str(video)) as source:
            for frame in source.decode(video=0):
                image = frame.reformat(width=width, height=height, format="yuv420p")
                image.pts = written + frames
                image.time_base = time_base
                for packet in stream.encode(image):
                    out.mux(packet)
                frames += 1
        written += frames
        return frames

    return add


def write_joined_subtitles(parts: list[Part], durations: list[float], target: Path, lang: str) -> None:
    """One .srt for the joined video: each part's cues shifted by the parts before it, long cues
    split into cues of about two lines (``explainer.subtitles.split_long_cues``)."""
    offset, cues = 0.0, []
    for part, duration in zip(parts, durations):
        if part.subtitles is not None:
            cues += [(a + offset, min(b, duration) + offset, text) for a, b, text in read_srt(part.subtitles)]
        offset += duration
    write_srt(split_long_cues(cues, lang), target)


def frame_count(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


