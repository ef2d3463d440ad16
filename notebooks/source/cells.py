"""The cells a notebook is written from: prose in both languages, code shared or per language.

A code cell shared by both notebooks is written once, so the two notebooks compute the same
numbers; only cells that print sentences have a Chinese source of their own (their computation
is the same, which ``tests/test_notebooks.py`` checks line by line outside of strings).
"""

from __future__ import annotations

import re
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


_WIDE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uffef]")


def _join_chinese_lines(text: str) -> str:
    """Chinese prose without its source's line breaks: Markdown shows a break inside a paragraph as a
    space, which Chinese does not put between its characters. Headings, list items and blank lines stay."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        before, after = out[-1], line.lstrip()
        starts_block = not after or after.startswith(("#", "- ", "```")) or not before
        if not starts_block and (_WIDE.search(before[-1:]) or _WIDE.search(after[:1])):
            # no space between Chinese characters or after full-width punctuation; one before a Latin word
            tight = _PUNCTUATION.search(before[-1:]) or _PUNCTUATION.search(after[:1]) or (
                _WIDE.search(before[-1:]) and _WIDE.search(after[:1]))
            out[-1] = before + ("" if tight else " ") + after
        else:
            out.append(line)
    return "\n".join(out)


def md(en: str, zh: str) -> Cell:
    """A markdown cell, in English and in Chinese (its lines joined into paragraphs)."""
    return Cell("markdown", _clean(en), _join_chinese_lines(_clean(zh)))


def code(en: str, zh: str | None = None) -> Cell:
    """A code cell; ``zh`` only where the Chinese notebook prints other words than the English one."""
    return Cell("code", _clean(en), _clean(en if zh is None else zh))
