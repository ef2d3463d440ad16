"""Every narration line of the chapter, as the scenes fill it in: the lines the voice is asked to say.

Each scene of the catalog is dry-run (silent, tiny frames, nothing written) in the language asked for,
recording each stretch's line as ``scenes.base.ExplainerScene.narration_line`` fills it in (numbers said
aloud come from the scene's own run). The variants the HTML slides offer (``explainer.variants``) are
dry-run too; their lines that differ from the default run's are added. The same text twice is kept once.
First dry runs train the scenes' models (minutes, then cached; ``EXPLAINER_CACHE_DIR`` says where).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from explainer.runner import dry_run, temporary_environment
from explainer.settings import LANG_ENV, PARAMS_ENV, VOICE_ENV

#: Frames as small as a dry run allows: only the narration is wanted.
_DRY = {"pixel_width": 64, "pixel_height": 36, "frame_rate": 5}


@dataclass(frozen=True)
class Line:
    """One narration line: where it is said (scene, variant "param=value" or "" for the default run,
    string key) and its text as the subtitles show it."""

    scene: str
    variant: str
    key: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.key}" + (f" [{self.variant}]" if self.variant else "")

    def to_json(self) -> dict:
        return asdict(self)


def _recording(scene_class: type) -> type:
    """``scene_class`` noting each narration line as it is filled in (same narration keys)."""

    class Recording(scene_class):
        NARRATION = scene_class.NARRATION or scene_class.__name__

        def narration_line(self, key):
            line = super().narration_line(key)
            self.filled_lines = {**getattr(self, "filled_lines", {}), key: line}
            return line

    Recording.__name__ = Recording.__qualname__ = scene_class.__name__
    return Recording



def scene_lines(scene_class: type, lang: str, params: dict | None = None) -> list[tuple[str, str]]:
    """(key, line) of each narrated stretch of one silent dry run of ``scene_class``, in order."""
    with temporary_environment({LANG_ENV: lang, PARAMS_ENV: json.dumps(params or {}), VOICE_ENV: "0"}):
        scene = dry_run(_recording(scene_class), **_DRY)
    return [(key, scene.filled_lines[key]) for key, _, _ in scene.narration]


def chapter_lines(lang: str, variants: bool = True, scenes: list[str] | None = None, log=print) -> Iterator[Line]:
    """The chapter's narration lines in ``lang`` in story order (each scene's default run, then, with
    ``variants``, the lines its variants say differently), scene by scene as they are dry-run (stop
    early for the first few); ``scenes`` limits it to those scene names."""
    from explainer.variants import variants_to_render
    from scenes.catalog import SCENES

    entries = [entry for entry in SCENES if scenes is None or entry.name in scenes]
    unknown = sorted(set(scenes or ()) - {entry.name for entry in entries})
    if unknown:
        raise ValueError(f"no scene named {', '.join(unknown)}; `explainer list` names them")
    todo = {entry.name: [] for entry in entries}
    for variant in variants_to_render(entries, {}) if variants else []:
        todo[variant.scene].append(variant)
    seen = set()
    for number, entry in enumerate(entries, 1):
        runs = [("", {})] + [(f"{v.param}={v.value}", {v.param: v.value}) for v in todo[entry.name]]
        for variant, params in runs:
            log(f"[lines {lang} {number}/{len(entries)}] {entry.name}" + (f" with {variant}" if variant else ""))
            for key, text in scene_lines(entry.load(), lang, params):
                if text not in seen:
                    seen.add(text)
                    yield Line(entry.name, variant, key, text)
