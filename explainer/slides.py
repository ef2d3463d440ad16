"""Lecture slides: every ``self.pause()`` of a scene becomes a slide break, through manim-slides.

``build_slides(["ReluPairHardSigmoid", ...], to="html", out_dir=Path("out"))`` renders each
scene with ``manim_slides.Slide`` mixed in front of its class, each in its own
child process (``explainer.runner``; manim's config is global to a process), then converts all
of them, in story order, into ONE reveal.js HTML page or ONE PowerPoint file.

The HTML works offline: reveal.js comes from the npm registry (``package.json`` pins the
version manim-slides' template is written for; ``npm ci`` installs it into ``node_modules``),
and the files the page loads are copied next to it, into ``<name>_assets/reveal/``, with the
videos. No CDN address is left in the page.

What lands in ``out_dir``::

    <name>.html + <name>_assets/      (to="html": videos and reveal.js)
    <name>.pptx                       (to="pptx": videos embedded)
    slides/<Scene>.json, slides/files/<Scene>/   (manim-slides' own format;
                                       ``manim-slides present --folder out_dir/slides Scene``)

Everything is built in a hidden folder inside ``out_dir`` and moved into place at the end; a
failure removes it and raises ``SlidesError`` saying what to do.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import time
from pathlib import Path

from explainer import stopping, workdirs
from explainer.errors import SlidesError
from explainer.runner import ChildError, manim_settings, run_in_child, scene_environment
from explainer.settings import REPO_ROOT, REVEAL_DIR, REVEAL_ENV, SLIDE_FORMATS, check_choices
from explainer.variants import add_switcher, render_all, variants_to_render

REVEAL_THEME = "black"
SLIDES_FOLDER = "slides"  # manim-slides' folder name for the JSON and per-scene videos
_CDN_WORDS = ("cdn", "jsdelivr", "unpkg", "cdnjs", "googleapis")


def reveal_dir() -> Path:
    """The installed reveal.js package (with its ``dist/``), or a SlidesError naming the fix."""
    override = os.environ.get(REVEAL_ENV, "").strip()
    folder = Path(override) if override else REVEAL_DIR
    if not (folder / "dist" / "reveal.js").is_file():
        where = f"${REVEAL_ENV}={override}" if override else str(folder)
        raise SlidesError(
            f"reveal.js is not installed ({where} has no dist/reveal.js); the offline HTML slides "
            f"need it: run `npm ci` in {REPO_ROOT} (or `make slides-deps`)"
        )
    return folder


def reveal_version(folder: Path) -> str:
    return str(json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"])


def _check_arguments(scene_names, to, quality, lang, params) -> list:
    from scenes.catalog import find

    if isinstance(scene_names, str) or not scene_names:
        raise TypeError("scene_names must be a non-empty list of scene names, e.g. ['ReluPairHardSigmoid']")
    check_choices(quality, to, lang, SLIDE_FORMATS, "to", ValueError)
    if params is not None and not isinstance(params, dict):
        raise TypeError(f"params must be a dict such as {{'lr': 0.1}} or None; got {type(params).__name__}")
    entries = []
    for name in scene_names:
        try:
            entries.append(find(name))
        except KeyError as exc:
            raise ValueError(exc.args[0]) from None
    if len({e.name for e in entries}) != len(entries):
        raise ValueError(f"scene_names lists a scene twice: {list(scene_names)}")
    return entries


def build_slides(
    scene_names: list[str],
    to: str = "html",
    out_dir: Path = Path("out"),
    quality: str = "l",
    lang: str = "en",
    params: dict | None = None,
    progress: bool = True,
    *,
    name: str | None = None,
    resolution: tuple[int, int] | None = None,
    frame_rate: int | None = None,
    variants: bool = False,
    jobs: int = 1,
) -> Path:
    """Render the scenes as slides and convert them into one HTML page or one PPTX; return its path.

    ``name`` is the output's file name without suffix (default: the scene's name for one scene,
    ``slides`` for several; ``_zh`` is appended for Chinese). ``resolution`` and ``frame_rate``
    override the quality's pixel size and frame rate (tests use a tiny size). ``params`` maps
    a scene's name to its hyperparameter overrides (as checked by the CLI's ``--set``).
    ``variants`` (HTML only) also renders the scenes' declared VARIANTS, ``jobs`` at a time, and
    adds a switcher to the page (``explainer.variants``).
    """
    entries = _check_arguments(scene_names, to, quality, lang, params)
    if name is not None and (not isinstance(name, str) or not name or Path(name).name != name):
        raise ValueError(f"name must be a plain file name without folders or suffix, e.g. 'lecture1'; got {name!r}")
    reveal = reveal_dir() if to == "html" else None
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        workdirs.sweep(out_dir)  # work folders left by runs that were killed
        build = workdirs.make(out_dir, ".slides-build-")
    except OSError as exc:
        raise SlidesError(f"cannot write to output folder {out_dir} ({exc.strerror or exc}); "
                          "choose another folder or fix its permissions") from None
    stem = name or (entries[0].name if len(entries) == 1 else "slides")
    stem += "" if lang == "en" else f"_{lang}"
    log = (lambda line: print(line, flush=True)) if progress else (lambda line: None)
    try:
        started = time.perf_counter()
        for i, entry in enumerate(entries, 1):
            t0 = time.perf_counter()
            _render_in_child(entry.name, build, quality, lang, (params or {}).get(entry.name, {}), resolution,
                             frame_rate)
            log(f"[{i}/{len(entries)}] slides for {entry.name:<28} {time.perf_counter() - t0:6.1f} s")
        extra = None
        if variants and to == "html":
            def render_one(scene, folder, values):
                _render_in_child(scene, folder, quality, lang, values, resolution, frame_rate)
            extra = render_all(variants_to_render(entries, params or {}), build, render_one, params or {}, jobs, log)
        json_paths = [build / SLIDES_FOLDER / f"{e.name}.json" for e in entries]
        staged = build / "out"
        staged.mkdir()
        dest = staged / f"{stem}.{to}"
        # manim-slides draws tqdm bars on stderr while converting; keep them only with progress.
        with contextlib.nullcontext() if progress else contextlib.redirect_stderr(io.StringIO()):
            if to == "html":
                _convert_html(json_paths, dest, reveal, title=_title(entries))
                if extra is not None:
                    add_switcher(dest, entries, params or {}, json_paths, extra)
            else:
                _convert_pptx(json_paths, dest)
        with stopping.deferred():  # a stop signal waits for the renames, so the deck is whole or absent
            _move_into_place(build, staged, out_dir, [e.name for e in entries])
        final = out_dir / dest.name
        log(f"wrote {final} ({time.perf_counter() - started:.1f} s)")
        return final
    finally:
        shutil.rmtree(build, ignore_errors=True)


def _title(entries) -> str:
    return entries[0].description if len(entries) == 1 else "Neural networks from piecewise linear functions"


def _render_in_child(scene, build, quality, lang, params, resolution, frame_rate) -> None:
    job = {"scene": scene, "quality": quality, "resolution": resolution, "frame_rate": frame_rate}
    try:
        run_in_child("slides", job, scene_environment(lang, params), cwd=build)
    except ChildError as exc:
        raise SlidesError(f"rendering the slides of {scene} failed:\n{exc}") from None
    if not (build / SLIDES_FOLDER / f"{scene}.json").is_file():
        raise SlidesError(f"rendering the slides of {scene} wrote no {SLIDES_FOLDER}/{scene}.json")


def render_here(scene: str, quality: str = "l", resolution=None, frame_rate=None) -> Path:
    """Render one scene's slides in this process, into ./slides (call it in a fresh process)."""
    from manim import tempconfig

    from manim_engine.compat import slide_class
    from scenes.catalog import find

    with tempconfig(manim_settings(quality, Path("media"), resolution, frame_rate)):
        slides = slide_class(find(scene).load())(output_folder=Path(SLIDES_FOLDER))
        slides.render()
    return Path(SLIDES_FOLDER) / f"{scene}.json"


def render_slides_job(job: dict) -> list[Path]:
    """The child's task (``explainer.runner`` TASKS["slides"]): one scene's slides into ./slides."""
    return [render_here(job["scene"], job["quality"], job.get("resolution"), job.get("frame_rate"))]


def _convert_html(json_paths: list[Path], dest: Path, reveal: Path, title: str) -> None:
    from manim_slides.config import PresentationConfig
    from manim_slides.convert import RevealJS

    from scenes import theme

    configs = [PresentationConfig.from_file(p) for p in json_paths]
    assets = f"{dest.stem}_assets"
    local = f"{assets}/reveal"  # relative to the page: the template appends /dist/...
    RevealJS(presentation_configs=configs, assets_dir=assets, cdn_url=local, reveal_version=reveal_version(reveal),
             reveal_theme=REVEAL_THEME, title=title, background_color=theme.BACKGROUND).convert_to(dest)
    html = dest.read_text(encoding="utf-8")
    needed = sorted(set(re.findall(r'(?:href|src)="' + re.escape(local) + r'/([^"]+)"', html)))
    if not needed:
        raise SlidesError("the slides page references no local reveal.js file; manim-slides' template changed?")
    for rel in needed:
        source = reveal / rel
        if not source.is_file():
            raise SlidesError(f"the slides page needs reveal.js file {rel}, missing from {reveal}; "
                              f"run `npm ci` in {REPO_ROOT} (package.json pins the version the template expects)")
        target = dest.parent / local / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if (reveal / "LICENSE").is_file():
        shutil.copyfile(reveal / "LICENSE", dest.parent / local / "LICENSE")
    remote = remote_references(html)
    if remote:
        raise SlidesError(f"the slides page still loads remote files {remote}; it must work offline")


def remote_references(html: str) -> list[str]:
    """Addresses a page would fetch from the network: http(s) or protocol-relative src/href/url()."""
    html = re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)  # comments fetch nothing
    found = re.findall(r'(?:src|href|data-background-[a-z]+)\s*=\s*["\']((?:https?:)?//[^"\']+)', html)
    found += re.findall(r'url\(\s*["\']?((?:https?:)?//[^)"\']+)', html)
    found += [w for w in _CDN_WORDS if re.search(rf"\b{w}\b", html, flags=re.IGNORECASE)]
    return found


def _convert_pptx(json_paths: list[Path], dest: Path) -> None:
    from manim_slides.config import PresentationConfig
    from manim_slides.convert import PowerPoint

    configs = [PresentationConfig.from_file(p) for p in json_paths]
    width, height = configs[0].resolution
    # PowerPoint pages must be at least one inch (96 px) a side: scale small previews up, keeping the shape.
    scale = max(1.0, 960 / width, 96 / height)
    PowerPoint(presentation_configs=configs, width=round(width * scale), height=round(height * scale)).convert_to(dest)


def _move_into_place(build: Path, staged: Path, out_dir: Path, scenes: list[str]) -> None:
    """Move the slides JSON/videos, then the assets, then the page itself: renames on one disk."""
    slides_out = out_dir / SLIDES_FOLDER
    (slides_out / "files").mkdir(parents=True, exist_ok=True)
    for scene in scenes:
        target = slides_out / "files" / scene
        if target.exists():
            shutil.rmtree(target)
        os.replace(build / SLIDES_FOLDER / "files" / scene, target)
        os.replace(build / SLIDES_FOLDER / f"{scene}.json", slides_out / f"{scene}.json")
    for item in sorted(staged.iterdir(), key=lambda p: p.is_file()):  # folders first, the page last
        target = out_dir / item.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(item, target)
