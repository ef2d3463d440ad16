"""Scoring a transcript against the text a voice was given: WER (English), CER and toneless-pinyin
syllable error (Chinese). Pure Python (pypinyin for the syllables, opencc to read a traditional-character
transcript as simplified); nothing here needs the recogniser.

Both sides go through the same normalisation, so only what was heard differently counts:
- English: lower case; punctuation and apostrophes dropped, hyphens split; numbers spelt out the same way
  ("12,959" and "twelve thousand nine hundred fifty-nine" are the same five words, "0.846" is
  "zero point eight four six", "55%" is "fifty five percent", "x1" is "x one", "wx1" "w x one" as a
  recogniser writes a formula); British and American
  spellings folded (-ise/-ize, -our/-or).
- Chinese: traditional characters read as simplified; Arabic numbers read as Chinese numerals
  ("12959" is 一万二千九百五十九, "0.5" is 零点五; 两 counts as 二); punctuation dropped. A token is a
  Chinese character or a whole Latin word (ReLU, y), lower case. The syllable error compares each
  character's toneless pinyin (homophones agree: 位置 and 未知 are both "wei zhi"), Latin words as they are.

An error rate is the edit distance (substitutions + deletions + insertions) over the reference's length;
a corpus's rate is the summed distances over the summed lengths.
"""

from __future__ import annotations

import functools
import re

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand"))
_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
            "nine": "ninth", "twelve": "twelfth"}


def edit_distance(reference: list, hypothesis: list) -> int:
    """Levenshtein distance between two token lists (each edit costs 1)."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


def error_rate(reference: list, hypothesis: list) -> float:
    """Edit distance over the reference's length (0 is perfect; above 1 when the transcript adds much)."""
    if not reference:
        raise ValueError("cannot score against an empty reference: the line has no words to hear")
    return edit_distance(reference, hypothesis) / len(reference)


# ------------------------------------------------------------------------------------------ English
def english_number(n: int) -> str:
    """A whole number in words, the American way without "and": 12959 -> twelve thousand nine hundred fifty nine."""
    if n < 0:
        return "minus " + english_number(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + english_number(n % 100))
    for scale, name in _SCALES:
        if n >= scale:
            rest = n % scale
            return english_number(n // scale) + " " + name + ("" if rest == 0 else " " + english_number(rest))
    raise AssertionError("unreachable")


def _english_ordinal(n: int) -> str:
    words = english_number(n).split()
    last = words[-1]
    words[-1] = _ORDINAL.get(last) or (last[:-1] + "ieth" if last.endswith("y") else last + "th")
    return " ".join(words)


def _english_digits(match: re.Match) -> str:
    whole, fraction = match["whole"], match["fraction"]
    words = english_number(int(whole)) if len(whole) < 16 else " ".join(_ONES[int(d)] for d in whole)
    if fraction:
        words += " point " + " ".join(_ONES[int(d)] for d in fraction)
    return f" {words} "


_EN_STEPS = (
    (r"[’‘`]", "'"),
    (r"(?<=\d),(?=\d{3}(?!\d))", ""),                                  # thousands separators
    (r"(?<![\w.])-(?=\d)", " minus "),                                 # -3
    (r"(\d+)(st|nd|rd|th)\b", lambda m: f" {_english_ordinal(int(m[1]))} "),
    (r"%", " percent "),
    (r"&", " and "),
    (r"\b([a-z])([a-z])(?=\d)", r"\1 \2"),                             # a formula written wx1: w x 1
    (r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " "),                        # x1 -> x 1
    (r"(?P<whole>\d+)(?:\.(?P<fraction>\d+))?", _english_digits),
    (r" +'s\b", "'s"),                                                 # step 1's = step one's
    (r"'", ""),
    (r"[^a-z]+", " "),
    (r"\b(hundred|thousand|million|billion) and (?=(?:" + "|".join(_ONES[1:] + _TENS[2:]) + r")\b)", r"\1 "),
    (r"\b(\w{2,})is(e|ed|es|er|ers|ing|ation|ations)\b", r"\1iz\2"),    # standardise / standardize
    (r"\b(\w{3,})our(s?)\b", r"\1or\2"),                                # colour / color
)


def english_words(text: str) -> list[str]:
    """``text`` as the words a listener hears, normalised (see the module's docstring)."""
    text = str(text).lower()
    for pattern, replacement in _EN_STEPS:
        text = re.sub(pattern, replacement, text)
    return text.split()


# ------------------------------------------------------------------------------------------ Chinese
_ZH_DIGITS = "零一二三四五六七八九"
_HANZI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def _chinese_below_10000(n: int) -> str:
    """1..9999 in Chinese numerals, zeros inside said once: 1005 -> 一千零五."""
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + _ZH_DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return out


def chinese_number(n: int) -> str:
    """A whole number in Chinese numerals: 12959 -> 一万二千九百五十九, 10 -> 十, 105 -> 一百零五."""
    if n < 0:
        return "负" + chinese_number(-n)
    if n == 0:
        return "零"
    groups, parts = [], n
    while parts:
        groups.append(parts % 10000)
        parts //= 10000
    if len(groups) > 3:
        return "".join(_ZH_DIGITS[int(d)] for d in str(n))
    out = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group:
            if out and group < 1000:
                out += "零"
            out += _chinese_below_10000(group) + ("", "万", "亿")[index]
    out = re.sub("零+", "零", out).rstrip("零")
    return out[1:] if out.startswith("一十") else out


def _chinese_digits(match: re.Match) -> str:
    whole, fraction = match["whole"], match["fraction"]
    words = chinese_number(int(whole)) if len(whole) < 13 else "".join(_ZH_DIGITS[int(d)] for d in whole)
    if fraction:
        words += "点" + "".join(_ZH_DIGITS[int(d)] for d in fraction)
    return f" {words} "


@functools.cache
def _to_simplified():
    try:
        from opencc import OpenCC
    except ImportError:
        raise ImportError("scoring Chinese needs opencc-python-reimplemented; install the benchmark's packages: "
                          "pip install -e '.[bench-voice]'") from None
    return OpenCC("t2s").convert


_ZH_STEPS = (
    (r"(?<=\d)[,，](?=\d{3}(?!\d))", ""),
    (r"(\d+(?:\.\d+)?)\s*[%％]", r"百分之\1"),
    (r"(?P<whole>\d+)(?:\.(?P<fraction>\d+))?", _chinese_digits),
    ("两", "二"),
)
_ZH_TOKEN = re.compile(rf"[{_HANZI}]|[a-z]+")


def chinese_tokens(text: str) -> list[str]:
    """``text`` as tokens for the character error rate: Chinese characters, whole Latin words."""
    text = _to_simplified()(str(text)).lower()
    text = text.translate({ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９"})
    for pattern, replacement in _ZH_STEPS:
        text = re.sub(pattern, replacement, text)
    return _ZH_TOKEN.findall(text)


def chinese_syllables(text: str) -> list[str]:
    """``text`` as toneless pinyin, one syllable per Chinese character (read in its words, so 行长 is
    "hang zhang"), Latin words as they are."""
    from pypinyin import Style, lazy_pinyin

    tokens, out, run = chinese_tokens(text), [], []

    def flush() -> None:
        if run:
            syllables = lazy_pinyin("".join(run), style=Style.NORMAL)
            out.extend(syllables if len(syllables) == len(run) else
                       [lazy_pinyin(ch, style=Style.NORMAL)[0] for ch in run])
            run.clear()

    for token in tokens:
        if re.fullmatch(rf"[{_HANZI}]", token):
            run.append(token)
        else:
            flush()
            out.append(token)
    flush()
    return out


# ------------------------------------------------------------------------------------------ lines
#: Each language's measures, as (name, tokeniser); the first is the line's main figure.
MEASURES = {"en": (("wer", english_words),),
            "zh": (("syllable_error", chinese_syllables), ("cer", chinese_tokens))}


def score_line(lang: str, reference: str, hypothesis: str) -> dict[str, dict[str, float]]:
    """Per measure: the reference's length, the edit distance and the rate."""
    if lang not in MEASURES:
        raise ValueError(f"no scoring for language {lang!r}; scored languages: {', '.join(MEASURES)}")
    scores = {}
    for name, tokens in MEASURES[lang]:
        ref, hyp = tokens(reference), tokens(hypothesis)
        scores[name] = {"length": len(ref), "errors": edit_distance(ref, hyp), "rate": error_rate(ref, hyp)}
    return scores


def overall(lang: str, scored: list[dict[str, dict[str, float]]]) -> dict[str, float]:
    """Each measure over all lines: summed errors over summed lengths."""
    return {name: sum(s[name]["errors"] for s in scored) / max(1, sum(s[name]["length"] for s in scored))
            for name, _ in MEASURES[lang]}
