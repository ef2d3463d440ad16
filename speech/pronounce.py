"""How the narration's written forms are said, in each language: the text a voice is given.

The subtitles keep a line as written (y = b + w·x₁, θ⁰, 12,959, 55%); a voice is given it with
the formulas, Greek letters, sub- and superscripts, primes, numbers and units spelt out as a
lecturer says them. Each language has one set of rules, shared by its engines; an engine adds
only what its own front end needs (``KOKORO_CHINESE``: Kokoro's Mandarin front end, misaki,
reads Arabic numerals itself but not thousands separators, exponents or years).

A rule set is (patterns, symbols): the patterns (regular expression, replacement: a template
or a function of the match, as ``re.sub`` takes) are applied first, in order, then each symbol
is replaced by its words, longer symbols first (Σⱼ before ⱼ).
"""

from __future__ import annotations

import re
from collections.abc import Callable

Patterns = tuple[tuple[str, str | Callable[[re.Match], str]], ...]

ENGLISH_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
CHINESE_DIGITS = "零一二三四五六七八九"
SUPERSCRIPTS, SUBSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹", "₀₁₂₃₄₅₆₇₈₉"

#: Greek letters as said in English and in Chinese (the usual classroom names).
GREEK = {"α": ("alpha", "阿尔法"), "β": ("beta", "贝塔"), "γ": ("gamma", "伽马"), "δ": ("delta", "德尔塔"),
         "ε": ("epsilon", "艾普西隆"), "η": ("eta", "伊塔"), "θ": ("theta", "西塔"), "λ": ("lambda", "兰姆达"),
         "μ": ("mu", "缪"), "π": ("pi", "派"), "σ": ("sigma", "西格玛"), "∂": ("partial", "偏"),
         "Δ": ("delta", "德尔塔"), "∇": ("nabla", "梯度算子")}


def _digits(words, space: str) -> dict[str, str]:
    """Sub- and superscript digits (x₂, θ⁰: an index, said as the digit) in one language's words."""
    table = {sub: f"{space}{words[i]}" for i, sub in enumerate(SUBSCRIPTS)}
    table.update({sup: f"{space}{words[i]}" for i, sup in enumerate(SUPERSCRIPTS)})
    return table


# ------------------------------------------------------------------------------------------- English
#: Before the symbols: numbers in a form the phonemiser keeps whole (it splits "12,959" and "0.846" at
#: their punctuation: "twelve, nine hundred fifty-nine"), the unit (riders/h is "riders per hour"),
#: starred optima (w* is "w star") and function calls (σ(r) is "sigma of r", max(0, x) "max of 0 and x").
ENGLISH_PATTERNS: Patterns = (
    (r"(?<=\d),(?=\d{3}(?!\d))", ""),
    (r"(?<=\d)e-0*(\d+)\b", r" times ten to the minus \1"),
    (r"(?<=\d)\.(\d+)", lambda match: " point " + " ".join(match[1])),
    (r"\b(riders?)/h\b", r"\1 per hour"),
    (r"([A-Za-zθ])\*", r"\1 star"),
    (r"\bmax\(([^,()]+), ", r"max of \1 and "),
    (r"(σ|ReLU|max)\(", r"\1 of "),
)
#: y = b + w x₁ is said "y equals b plus w x one", cᵀa "c transpose a", θ⁰ "theta zero".
ENGLISH_SYMBOLS = {
    **_digits(ENGLISH_DIGITS, " "), **{letter: f" {en} " for letter, (en, _) in GREEK.items()},
    "−": " minus ", "×": " times ", "≈": " about ", "≤": " at most ", "≥": " at least ", "≠": " is not ",
    "ŷ": "y hat", "²": " squared", "″": " double prime", "′": " prime", "=": " equals ", "+": " plus ",
    " / ": " over ", "Σⱼ": " the sum over j of ", "Σ": " the sum of ", "ᵢ": " i", "ⱼ": " j",
    "ᵀ": " transpose ", "e⁻ᶻ": "e to the minus z", "°C": " degrees", "(": " ", ")": ""}

# ------------------------------------------------------------------------------------------- Chinese
#: 55% is said 百分之55; w* "w 星"; max(0, x) "0 和 x 中较大的那个"; thousands lose their separators
#: (12,959 is one number, not 12 and 959); a rate is said as in running speech (3.2 人/小时: 每小时 3.2 人), the
#: unit alone per its sign ((人/小时)²: 人每小时的平方).
CHINESE_PATTERNS: Patterns = (
    (r"(?<=\d),(?=\d{3}(?!\d))", ""),
    (r"(\d[\d.,]*)\s*[%％]", r"百分之\1"),
    (r"([A-Za-zθ])\*", r"\1 星"),
    (r"(\d[\d.]*)\s*人/小时", r"每小时 \1 人"),
    (r"−\s*max\(([^,()]+), ([^()]+)\)", r"负的 \1 和 \2 中较大的那个"),
    (r"\bmax\(([^,()]+), ([^()]+)\)", r"\1 和 \2 中较大的那个"),
)
#: The formulas as a Chinese lecturer reads them: = 等于, + 加, ᵀ 转置, θ 西塔; " / " (divided by) is 除以,
#: "/" alone (per, as in 人/小时) 每.
CHINESE_SYMBOLS = {
    **_digits(CHINESE_DIGITS, ""), **{letter: zh for letter, (_, zh) in GREEK.items()},
    "e⁻ᶻ": "e 的负 z 次方", "Σⱼ": "对 j 求和 ", "Σ": "求和 ", " / ": " 除以 ", "ŷ": "y hat", "″": "两撇",
    "′": "撇", "ᵀ": "转置", "ᵢ": " i", "ⱼ": " j", "）²": "）的平方", ")²": ")的平方", "²": "平方",
    "=": "等于", "+": "加", "−": "减", "×": "乘", "·": " 乘 ", "≈": "约等于", "≤": "小于等于", "≥": "大于等于",
    "≠": "不等于", "°C": "摄氏度", "/": "每"}
#: What Kokoro's Mandarin front end adds: it reads Arabic numerals itself (cn2an: 0.846 零点八四六), but
#: would read 1e-05 as "一e负五" and a year as a number (2011 年 "二千零一十一年"), not digit by digit.
KOKORO_CHINESE_PATTERNS: Patterns = CHINESE_PATTERNS + (
    (r"(\d(?:\.\d+)?)e-0*(\d+)\b", r"\1乘十的负\2次方"),
    (r"\b(\d{4})(?=\s*年)", lambda match: "".join(CHINESE_DIGITS[int(d)] for d in match[1])),
)


def apply(text: str, patterns: Patterns, symbols: dict[str, str]) -> str:
    """``text`` with the patterns applied, then the symbols spelt out (longest first), spacing made single
    (and none left before a comma or a full stop)."""
    text = str(text)
    for pattern, words in patterns:
        text = re.sub(pattern, words, text)
    for symbol in sorted(symbols, key=len, reverse=True):
        text = text.replace(symbol, symbols[symbol])
    return re.sub(r" +(?=[,.;:!?])", "", " ".join(text.split()))


#: A Latin word or words (letters, inner spaces, hyphens, apostrophes): in a Chinese line, said in English.
LATIN_RUN = re.compile(r"[A-Za-z](?:[A-Za-z'\- ]*[A-Za-z])?")


def language_runs(text: str, chinese: str, latin: str, keep_punctuation: bool = False) -> list[tuple[str, str]]:
    """``text`` cut into (language, run): Latin words for ``latin``, the rest (characters, digits,
    punctuation) for ``chinese``; runs with nothing to say are dropped, unless ``keep_punctuation``
    (Kokoro pauses and sets its intonation at them), then only empty ones."""
    runs, position = [], 0
    for match in LATIN_RUN.finditer(text):
        runs.append((chinese, text[position:match.start()]))
        runs.append((latin, match.group()))
        position = match.end()
    runs.append((chinese, text[position:]))
    keep = (lambda run: run.strip()) if keep_punctuation else (lambda run: any(ch.isalnum() for ch in run))
    return [(language, run.strip()) for language, run in runs if keep(run)]
