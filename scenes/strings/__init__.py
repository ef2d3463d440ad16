"""Every on-screen sentence and narration line, in English and Chinese: one table, ``STRINGS``.

The table is assembled from one module per chapter section (``scenes/strings/<section>.py``,
each defining ``STRINGS``), so that sections can grow independently. Keys are prefixed by
their section, e.g. ``"relu_pair.title"``. Scenes look sentences up with ``t(key)``.
"""

from __future__ import annotations

import importlib
import pkgutil

from scenes.theme import LANGUAGES, language


def _collect() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        section = importlib.import_module(f"{__name__}.{info.name}")
        for key, entry in section.STRINGS.items():
            if key in table:
                raise KeyError(f"string key {key!r} is defined twice (again in scenes/strings/{info.name}.py)")
            missing = [lang for lang in LANGUAGES if not entry.get(lang)]
            if missing:
                raise KeyError(f"string {key!r} in scenes/strings/{info.name}.py lacks {missing}")
            table[key] = entry
    return table


STRINGS: dict[str, dict[str, str]] = _collect()


def t(key: str, **values: object) -> str:
    """The sentence ``key`` in the current language, with ``{placeholders}`` filled in."""
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"no on-screen string {key!r}; add it to scenes/strings/ in en and zh") from None
    return entry[language()].format(**values)
