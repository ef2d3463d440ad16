"""One number format in both languages (scenes/number_format.py): 1,000 and more grouped by commas,
smaller numbers without a separator; years, dates and clock times as they are.

Every sentence a scene formats is checked in English and in Chinese with the values the scene filled
in, and so is every text on screen at each pause (numbers drawn outside the string table too).
"""

import re

import pytest

import scenes.strings as strings
from scenes.catalog import SCENES
from scenes.number_format import count_text, number_text, tex_number
from tests.chapter_record import chapter_record

NAMES = [entry.name for entry in SCENES]

#: A number's integer part as written (grouped or not), not inside a longer run of digits or decimals, and
#: not a clock time's hour (on screen, Text drops spaces: "2011-05-09 00:00" reads "2011-05-0900:00").
NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\d,]*\d)(?!:\d\d)")
#: Four digits that are a year (the data run 2011-2015; the book's channel 2017-2021), or a date's year.
YEAR = re.compile(r"^(19|20)\d\d$")


def misformatted(text: str) -> list[str]:
    """The numbers in ``text`` that break the rule: 1,000 or more without commas (a year excepted)."""
    text = text.replace("{,}", ",")  # MathTex writes the comma in braces
    bad = []
    for match in NUMBER.finditer(text):
        digits = match.group(1)
        if "," not in digits and len(digits) >= 4 and not YEAR.match(digits):
            bad.append(digits)
        if "," in digits and int(digits.replace(",", "")) < 1000:
            bad.append(digits)
    return bad


def test_number_text_groups_thousands_and_nothing_smaller():
    assert number_text(5211) == "5,211" and number_text(14076.4) == "14,076" and number_text(20000) == "20,000"
    assert number_text(999) == "999" and number_text(1234.56, 1) == "1,234.6" and number_text(-1234) == "-1,234"
    assert number_text(0.000028, 6) == "0.000028" and number_text(-0.001, 2) == "0.00" and number_text(-0.4) == "0"
    assert count_text(1200) == "1,200" and count_text(24) == "24" and tex_number(14076) == "14{,}076"
    with pytest.raises(ValueError, match="whole things"):
        count_text(2.5)


def test_the_scan_catches_the_old_formats():
    assert misformatted("同样的 5211 个小时；L = 14,076") == ["5211"]
    assert misformatted(r"L = \frac{123456}{24}") == ["123456"]
    assert not misformatted("5,211 hours, L = 14,076 and 9,532; 2011 年；2015-01-01 – 2015-12-31; 8:00")
    assert not misformatted("hoursfrom2011-05-0900:00; predicting2011-10-0417:00") and misformatted("L=12959")
    assert not misformatted("η = 0.000028; 0.001, 0.002, 0.005, …, 5; (w, b) = (0.85, 20.9); 14{,}076; 10⁻⁴")


def _sentences(record):
    """(key, en, zh) of every sentence the scene formatted, both languages with the scene's values."""
    for key, values in record.calls:
        entry = strings.STRINGS[key]
        yield key, entry["en"].format(**values), entry["zh"].format(**values)


@pytest.mark.parametrize("name", NAMES)
def test_every_number_a_scene_says_or_shows_follows_the_rule(name):
    record = chapter_record()[name]
    found = [f"{key} ({lang}): {text!r}: {bad}" for key, en, zh in _sentences(record)
             for lang, text in (("en", en), ("zh", zh)) for bad in [misformatted(text)] if bad]
    found += [f"on screen: {text!r}: {bad}" for text in record.on_screen for bad in [misformatted(text)] if bad]
    assert not found, "numbers of 1,000 or more are grouped by commas (scenes/number_format.py):\n" + "\n".join(
        sorted(set(found)))
