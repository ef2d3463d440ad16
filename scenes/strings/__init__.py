"""Every on-screen sentence and narration line, in English and Chinese: one table, ``STRINGS``.

The table is assembled from one module per chapter section (``scenes/strings/<section>.py``,
each defining ``STRINGS``), so that sections can grow independently. Keys are prefixed by
their section, e.g. ``"relu_pair.title"``. Scenes look sentences up with ``t(key)``.
"""

from __future__ import annotations

import importlib
import numbers
import pkgutil
import re
import string

from scenes.number_format import count_text
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
    """The sentence ``key`` in the current language, with ``{placeholders}`` filled in (whole numbers in
    the chapter's format, 5,211: see ``chapter_numbers``)."""
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"no on-screen string {key!r}; add it to scenes/strings/ in en and zh") from None
    template = entry[language()]
    return template.format(**chapter_numbers(template, values))


_FIELDS = string.Formatter()


def chapter_numbers(template: str, values: dict[str, object]) -> dict[str, object]:
    """``values`` with every whole number that fills a plain ``{field}`` of ``template`` (one without a
    format of its own) written by scenes/number_format.py's rule: 5211 hours -> "5,211"."""
    plain = {name for _, name, spec, conversion in _FIELDS.parse(template) if name and not spec and not conversion}
    return {name: count_text(value) if name in plain and isinstance(value, numbers.Integral)
            and not isinstance(value, bool) else value for name, value in values.items()}


#: Characters a viewer reads per second of subtitle (about 15 is comfortable in English; Chinese
#: characters carry more, about 6 a second), and a breath after each line.
READING_RATE = {"en": 15.0, "zh": 6.0}
READING_BREATH = 0.5


def reading_seconds(line: str, lang: str | None = None) -> float:
    """How long a subtitle ``line`` must stay up to be read: its characters (spaces too in English,
    none in Chinese) at the language's reading rate, plus a breath."""
    lang = lang or language()
    counted = line if lang == "en" else "".join(line.split())
    return len(counted) / READING_RATE[lang] + READING_BREATH


_WIDE = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"  # CJK ideographs and full-width punctuation
_WIDE_SPACE = re.compile(rf"(?<={_WIDE})[ \t]+(?={_WIDE})|(?<=[，。：；！？、（）])[ \t]+|[ \t]+(?=[，。：；！？、）])")


def tidy_chinese_spacing(text: str) -> str:
    """Chinese as written: no space between two Chinese characters or beside full-width punctuation
    (placeholders and joined screen lines leave such spaces); spaces before Latin words and numbers stay."""
    return _WIDE_SPACE.sub("", text)
