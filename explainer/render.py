"""Rendering scenes to files: one job per scene, each in its own child process.

``render_many`` runs every job through ``explainer.runner`` (a fresh ``python`` per scene:
manim's config is global to a process, and ``--jobs N`` becomes real parallelism). Files are
rendered into a hidden work folder inside the output folder (``explainer.workdirs``) and moved
into place only when every scene of the run has finished, so a run that fails or is stopped
(``explainer.stopping``) writes nothing into the output folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from explainer import settings, stopping, workdirs
from explainer.runner import ChildError, dry_run, manim_settings, run_in_child, scene_environment
from explainer.settings import VIDEO_FORMATS as FORMATS
from explainer.subtitles import split_srt_file


class RenderError(RuntimeError):
    """A render could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class RenderJob:
    """Everything one child process needs to render one scene."""

    scene: str
    out_dir: str
    quality: str = "l"
    format: str = "mp4"
    lang: str = "en"
    params: dict = field(default_factory=dict)
    title: str | None = None  # only for title cards
    resolution: tuple[int, int] | None = None  # (width, height) instead of the quality's own, for previews
    frame_rate: int | None = None
    #: Speak the narration (sets the pace, adds an AAC track); mp4 only: gifs are silent, key frames still.
    voice: bool = False
    #: The hidden folder the child renders into and leaves its files in, under their final names
    #: (``render_many`` makes it and moves the files into ``out_dir``); None: the child makes its
    #: own and moves its files into ``out_dir`` itself.
    work_dir: str | None = None

    def environment(self, single_threaded: bool = False) -> dict[str, str]:
        """The child's environment: the scene's language, hyperparameters and voice."""
        return scene_environment(self.lang, self.params, single_threaded, voice=self.voice and self.format == "mp4")

    @classmethod
    def from_dict(cls, fields: dict) -> RenderJob:
        """The job back from its JSON form (``asdict``), as the child process receives it."""
        if fields.get("resolution") is not None:
            fields = {**fields, "resolution": tuple(fields["resolution"])}
        return cls(**fields)


def check_choices(quality: str, fmt: str, lang: str) -> None:
    """Reject a bad quality, format or language with the allowed values."""
    settings.check_choices(quality, fmt, lang, FORMATS, "--format", RenderError)


def check_output_dir(out_dir: Path) -> Path:
    """Create the output folder if needed and prove it is writable, before any work starts."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise RenderError(
            f"cannot write to output folder {out_dir} ({exc.strerror or exc}); "
            "choose another with -o DIR or fix its permissions"
        ) from None
    workdirs.sweep(out_dir)  # work folders left by runs that were killed
    return out_dir


def check_system(lang: str) -> None:
    """Fail early, naming the Debian package, when TeX or a font the scenes need is missing."""
    for tool, package in (("latex", "texlive-latex-base texlive-latex-extra"), ("dvisvgm", "dvisvgm")):
        if shutil.which(tool) is None:
            raise RenderError(f"`{tool}` is not installed (formulas need it); install it with: "
                              f"sudo apt-get install --no-install-recommends {package}")
    import manimpango

    from scenes import theme

    fonts = set(manimpango.list_fonts())
    needed = [(theme.FONT_EN, "fonts-dejavu-core")]
    if lang == "zh":
        needed.append((theme.FONT_ZH, "fonts-noto-cjk"))
    for font, package in needed:
        if font not in fonts:
            raise RenderError(f"font {font!r} is not installed; install it with: sudo apt-get install {package}")


def check_voice(lang: str) -> None:
    """Fail before any render when the narration voice of ``lang`` is missing, naming the package."""
    import speech

    try:
        speech.service_for(lang)
    except speech.VoiceNotInstalled as exc:
        raise RenderError(str(exc)) from None


def render_here(job: RenderJob) -> list[Path]:
    """Render one scene in this process and return its files: in ``job.work_dir`` if it has one,
    else moved into ``job.out_dir``."""
    if job.work_dir is not None:
        workdirs.claim(Path(job.work_dir))  # this process works in it too
        return _render_into(job, Path(job.work_dir))
    work = workdirs.make(Path(job.out_dir), f".work-{job.scene}-")
    try:
        return move_into_place(_render_into(job, work), Path(job.out_dir))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def move_into_place(paths: list[Path], out_dir: Path) -> list[Path]:
    """Rename finished files into ``out_dir`` (same file system: each appears whole)."""
    targets = []
    for path in paths:
        os.replace(path, out_dir / path.name)
        targets.append(out_dir / path.name)
    return targets


def _render_into(job: RenderJob, work: Path) -> list[Path]:
    """Render ``job`` with ``work`` as manim's media folder; return the files, in ``work`` under their final names."""
    from manim import tempconfig

    from scenes.catalog import find

    scene_class = find(job.scene).load()
    manim_config = {
        **manim_settings(job.quality, work, job.resolution, job.frame_rate),
        # Let the next animation render while the last one's video is still being encoded
        # (x264 flushes at every play's end): the same file, ~20% less wall time for a
        # scene with many short plays; 4 encoders were no faster than 2 on 2 cores.
        "max_inflight_encoders": 2,
        "format": "mp4",  # a gif is made from the mp4 (see video_to_gif)
    }
    with tempconfig(manim_config):
        if job.format == "png":
            return _key_frames(scene_class, job.scene, work)
        scene = scene_class()
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
        if job.format == "gif":
            movie = video_to_gif(movie, movie.with_suffix(".gif"))
        written = [movie]
        srt = movie.with_suffix(".srt")
        if srt.exists():
            split_srt_file(srt, job.lang)  # one cue per narration line; long ones cut for a player
            written.append(srt)
    final = []
    for path in written:
        named = work / f"{job.scene}{path.suffix}"
        os.replace(path, named)
        final.append(named)
    return final


def render_job(fields: dict) -> list[Path]:
    """The child's task (``explainer.runner`` TASKS["video"]): a RenderJob as a dict."""
    return render_here(RenderJob.from_dict(fields))


def _key_frames(scene_class: type, name: str, work: Path) -> list[Path]:
    """A dry run's frame at every pause, and the last frame unless the scene ends on a pause."""
    from PIL import Image

    scene = dry_run(scene_class, capture_frames=True, verbosity="WARNING")
    scene.renderer.update_frame(scene)
    frames = list(scene.pause_frames)
    final = scene.renderer.get_frame().copy()
    if not frames or not np.array_equal(frames[-1], final):  # a scene ending on a pause
        frames.append(final)
    written = []
    for i, frame in enumerate(frames):
        path = work / f"{name}_{i:02d}.png"
        Image.fromarray(frame).convert("RGB").save(path)
        written.append(path)
    return written


def video_to_gif(video: Path, gif: Path) -> Path:
    """Convert a rendered video to a compact looping GIF.

    manim's own GIF writer stores every frame with a generic palette (11 MB for a
    27-second scene at 480x270). Here each frame gets an adaptive 64-colour palette and
    Pillow merges runs of identical frames (the pauses) into one frame with a longer
    duration, which is what makes lecture GIFs small.
    """
    import av
    from PIL import Image

    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        frame_ms = 1000.0 / float(stream.average_rate)
        images = [frame.to_image() for frame in container.decode(video=0)]
    # One palette for the whole GIF (from a strip of frames across the scene), so unchanged
    # pixels stay identical between frames and Pillow stores only what changed.
    strip = Image.new("RGB", (images[0].width, images[0].height * 4)) if images else None
    for i, k in enumerate(np.linspace(0, len(images) - 1, 4).astype(int) if images else []):
        strip.paste(images[k], (0, i * images[0].height))
    palette = strip.quantize(colors=96, method=Image.Quantize.MEDIANCUT) if images else None
    frames = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in images]
    # GIF stores delays in hundredths of a second: round the running time, not each frame, so
    # the GIF lasts as long as the video (rounding every 66.7 ms frame adds up to seconds).
    ends = np.round(np.arange(1, len(frames) + 1) * frame_ms / 10.0) * 10
    durations = np.diff(ends, prepend=0.0).astype(int).tolist()
    if not frames:
        raise RenderError(f"{video} has no frames to turn into a GIF")
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=durations, loop=0, optimize=True)
    return gif


def render_many(jobs: list[RenderJob], n_jobs: int = 1, log=print, final: bool = True) -> list[Path]:
    """Render every job in child processes, ``n_jobs`` at a time, printing progress.

    Each child renders into a work folder of its own; the files go into their ``out_dir`` only
    once every job has finished. A failing job stops the others; a stop signal stops them all
    (``explainer.stopping``); either way the work folders go and nothing is moved. ``final``: these
    are the run's outputs (False for the chapter's parts, which are joined first).
    """
    if n_jobs < 1:
        raise RenderError(f"--jobs must be at least 1, got {n_jobs}")
    results: dict[int, list[Path]] = {}
    started = time.perf_counter()
    done = iter(range(1, len(jobs) + 1))  # next() on an iterator is atomic enough under the GIL
    children = stopping.Children(parent=stopping.CHILDREN)
    made: list[Path] = []

    def run(index: int, job: RenderJob) -> list[Path]:
        t0 = time.perf_counter()
        work = workdirs.make(Path(job.out_dir), f".work-{job.scene}-")
        made.append(work)
        try:
            paths = run_in_child("video", asdict(replace(job, work_dir=str(work))),
                                 job.environment(single_threaded=n_jobs > 1), children=children)
        except ChildError as exc:
            raise RenderError(f"rendering {job.scene} failed:\n{exc}") from None
        log(f"[{next(done)}/{len(jobs)}] {job.title or job.scene:<28} {time.perf_counter() - t0:6.1f} s")
        return paths

    try:
        with ThreadPoolExecutor(max_workers=n_jobs) as pool:
            futures = {pool.submit(run, i, job): i for i, job in enumerate(jobs)}
            try:
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
            except BaseException:
                for future in futures:
                    future.cancel()
                children.stop()  # the renders still running are of no use now
                raise
        with stopping.deferred(final), contextlib.ExitStack() as locks:
            if final:  # another run writing the same scene into the same folder moves its files before or after
                for folder in sorted({Path(job.out_dir) for job in jobs}):
                    locks.enter_context(workdirs.OutputLock(folder / workdirs.MOVE_LOCK, "render", wait=True))
            written = [move_into_place(results[i], Path(jobs[i].out_dir)) for i in sorted(results)]
    finally:
        for work in made:
            shutil.rmtree(work, ignore_errors=True)
    log(f"rendered {len(jobs)} scene(s) in {time.perf_counter() - started:.1f} s")
    return [path for paths in written for path in paths]
