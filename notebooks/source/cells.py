"""The cells a notebook is written from: prose in both languages, code shared or per language.

A code cell shared by both notebooks is written once, so the two notebooks compute the same
numbers; only cells that print sentences have a Chinese source of their own (their computation
is the same, which ``tests/test_notebooks.py`` checks line by line outside of strings).
"""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import dedent

LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class Cell:
    """One notebook cell: ``kind`` "markdown" or "code", and its source in each language."""

    kind: str
    en: str
    zh: str

    def source(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
        return getattr(self, lang)


def _clean(text: str) -> str:
    return dedent(text).strip("\n")


def md(en: str, zh: str) -> Cell:
    """A markdown cell, in English and in Chinese."""
    return Cell("markdown", _clean(en), _clean(zh))


def code(en: str, zh: str | None = None) -> Cell:
    """A code cell; ``zh`` only where the Chinese notebook prints other words than the English one."""
    return Cell("code", _clean(en), _clean(en if zh is None else zh))
