"""One number format for the whole chapter, in English and in Chinese, on screen and in the narration.

The rule: a number of 1,000 or more has its digits grouped in threes by a comma (5,211; 14,076;
20,000); a smaller one has no separator (999, 0.000028). Years, dates and clock times are not
quantities and are written as they are (2011, 2015-01-01, 8:00). The voice reads the grouped
numbers whole (speech/engines.py drops the commas before speaking).
"""

from __future__ import annotations


def number_text(value: float, digits: int = 0) -> str:
    """``value`` with ``digits`` decimals and its thousands grouped by commas; never '-0' or '-0.00'."""
    text = f"{value:,.{digits}f}"
    return text[1:] if text.startswith("-") and float(text[1:].replace(",", "")) == 0 else text


def count_text(n: int) -> str:
    """A count (hours, updates, parameters) in the chapter's format: 5,211; 200."""
    if int(n) != n:
        raise ValueError(f"count_text counts whole things; got {n!r} (use number_text for measured values)")
    return number_text(int(n), 0)


def tick_text(value: float) -> str:
    """An axis tick: as few decimals as the value needs (0.5, 2, 0.25), grouped like every number (20,000)."""
    digits = next((d for d in range(7) if round(value, d) == value), 6)
    return number_text(value, digits)


def tex_number(value: float, digits: int = 0) -> str:
    """``number_text`` for MathTex: the comma in braces, so that TeX sets no space after it (14{,}076)."""
    return number_text(value, digits).replace(",", "{,}")
