"""Every setting the delivery tools share: qualities, formats, languages, paths, environment names.

The lesson (``scenes/``) owns what a scene reads while it runs: the on-screen language
(``scenes.theme``) and a lecturer's hyperparameter overrides (``scenes.params``). The names of
those variables are imported from there, so each is spelled once; ``scenes`` never imports this
package.
"""

from __future__ import annotations

from pathlib import Path

from mathcore.storage import CACHE_ENV_VAR, env_cache_dir
from scenes.params import PARAMS_ENV
from scenes.theme import LANG_ENV, LANGUAGES
from speech import VOICE_ENV

__all__ = [
    "BLAS_THREAD_ENVS", "CACHE_ENV_VAR", "DEBUG_ENV", "DEFAULT_OUT", "DURATIONS_CACHE", "FPS_BOUNDS", "LANGUAGES",
    "LANG_ENV", "MEDIA_DIR", "PARAMS_ENV", "PREVIEW_FPS", "QUALITIES", "REPO_ROOT", "RESOLUTION_BOUNDS", "REVEAL_DIR",
    "REVEAL_ENV", "SLIDE_FORMATS", "TYPESET_CACHE", "VIDEO_FORMATS", "VOICE_ENV", "durations_cache",
    "typeset_cache",
]

# ------------------------------------------------------------------ choices
#: ``-q`` letters and the manim quality each names (l = 480p15 ... k = 4K).
QUALITIES = {"l": "low_quality", "m": "medium_quality", "h": "high_quality", "k": "fourk_quality"}
VIDEO_FORMATS = ("mp4", "gif", "png")  # png = one key frame per pause
SLIDE_FORMATS = ("html", "pptx")
#: --resolution WxH: smallest and largest frame (the largest is -q k's 4K; a frame is held in
#: memory several times over, so there is a ceiling). Both sides even (H.264 needs it).
RESOLUTION_BOUNDS = ((16, 16), (3840, 2160))
#: --fps: frames per second; PREVIEW_FPS is what --resolution renders at unless --fps says otherwise.
FPS_BOUNDS = (1, 60)
PREVIEW_FPS = 15

# ------------------------------------------------------------------ paths
#: The checkout: pyproject.toml, manim.cfg, package.json and node_modules live here.
REPO_ROOT = Path(__file__).resolve().parent.parent
MEDIA_DIR = REPO_ROOT / "media"
#: Typeset formulas and text (SVG files manim names by their content), kept across renders so a
#: render's fresh media folder does not re-run LaTeX for every formula (~0.2 s each). Every
#: render, slide deck and dry run keeps them in ``typeset_cache()``: this folder by default
#: (manim.cfg names it for plain `manim`); ``manim_engine.compat`` makes sharing it between any
#: number of processes safe.
TYPESET_CACHE = MEDIA_DIR / "cache" / "typeset"
#: Scene durations measured by dry runs (``explainer list``), by default; see ``durations_cache()``.
DURATIONS_CACHE = MEDIA_DIR / "cache" / "durations.json"


def typeset_cache() -> Path:
    """The typeset cache in use: ``$EXPLAINER_CACHE_DIR/typeset`` when that variable is set (every
    cache then lives there, nothing is written into the checkout), else TYPESET_CACHE. It does not
    follow ``-o``: the output folder holds outputs only, and one cache serves every output."""
    root = env_cache_dir()
    return root / "typeset" if root else TYPESET_CACHE


def durations_cache() -> Path:
    """The durations file in use: ``$EXPLAINER_CACHE_DIR/durations.json`` if set, else DURATIONS_CACHE."""
    root = env_cache_dir()
    return root / "durations.json" if root else DURATIONS_CACHE
#: Where ``npm ci`` installs reveal.js for the offline HTML slides.
REVEAL_DIR = REPO_ROOT / "node_modules" / "reveal.js"
#: The CLI's default output folder (relative to where it runs).
DEFAULT_OUT = Path("media") / "explainer"

# ------------------------------------------------------------------ environment variables
#: Set to 1 to see the traceback of every error the CLI reports (it shows one line otherwise).
DEBUG_ENV = "EXPLAINER_DEBUG"
#: Another reveal.js package folder, instead of REVEAL_DIR.
REVEAL_ENV = "EXPLAINER_REVEAL_DIR"
#: Set to 1 in parallel renders: BLAS threads on top of N render processes only fight
#: (measured: small matmuls 10-20x slower when the other core is busy).
BLAS_THREAD_ENVS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def check_choices(quality: str, fmt: str, lang: str, formats: tuple[str, ...] = VIDEO_FORMATS,
                  format_option: str = "--format", error: type[Exception] = ValueError) -> None:
    """Reject a bad quality, format or language with ``error`` naming the allowed values."""
    if quality not in QUALITIES:
        raise error(f"unknown quality {quality!r}; quality must be one of {', '.join(QUALITIES)} "
                    "(l = 480p15 ... k = 4K)")
    if fmt not in formats:
        raise error(f"unknown format {fmt!r}; {format_option} must be one of {', '.join(formats)}")
    if lang not in LANGUAGES:
        raise error(f"unknown language {lang!r}; lang must be one of {', '.join(LANGUAGES)}")
