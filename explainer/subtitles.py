""".srt subtitle files: reading and writing them, and cutting a long cue into cues a player can show
in about two lines.

A narration line is one cue over the whole stretch it is spoken in (``scenes.base``), and some lines
run to 280 characters: a 4- or 5-line block over the bottom of the frame. ``split_long_cues`` cuts
every cue longer than ``MAX_CUE_CHARS`` of its language into consecutive cues, at sentence ends
where it can, else at clause marks (comma, colon, semicolon, dash), else between words; each part
is up for a share of the cue's span in proportion to its length, so the parts follow the voice,
which speaks the whole line, and together cover exactly the original span.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

Cue = tuple[float, float, str]

#: The longest cue shown as it is, in characters: two lines of 42 in English (the usual subtitle
#: line), two of 18 in Chinese (a line of 16-18 Chinese characters is the usual limit).
MAX_CUE_CHARS = {"en": 84, "zh": 36}

#: Where a cue may be cut, best first: after a sentence's end, after a clause mark, between words.
#: Each pattern matches the text that ends one part (the mark and the spaces after it); the next
#: part starts where the match ends. A point not followed by a space (0.846) is no sentence end.
_BREAKS = (
    re.compile(r"[.!?][\"”’)）]*\s+|[。！？][\"”’)）]*\s*"),
    re.compile(r"[,;:][\"”’)）]*\s+|\s+[—–]\s+|(?:[，；：、]|——)[\"”’)）]*\s*"),
    re.compile(r"\s+"),
)


def _break_points(text: str) -> dict[int, int]:
    """Positions inside ``text`` where a part may start, each with its rank (0 sentence, 1 clause, 2 word)."""
    points: dict[int, int] = {}
    for rank, pattern in enumerate(_BREAKS):
        for match in pattern.finditer(text):
            if 0 < match.end() < len(text):
                points.setdefault(match.end(), rank)
    return points


def split_text(text: str, limit: int) -> list[str]:
    """``text`` cut into the fewest parts of at most ``limit`` characters that need the fewest weaker
    cuts (no clause cut where sentence cuts do, no word cut where clause cuts do), of lengths as even
    as possible. A text within the limit is one part, unchanged; a stretch with no place to cut
    longer than the limit stays one (longer) part."""
    if len(text) <= limit:
        return [text]
    flat = " ".join(text.split("\n"))
    points = _break_points(flat)
    starts = [0, *sorted(points), len(flat)]
    # best[i]: the least cost of cutting flat[:starts[i]] into parts; the cost is a tuple compared in
    # order: characters over the limit, word cuts, clause cuts, parts, sum of squared part lengths.
    best: list[tuple | None] = [None] * len(starts)
    came_from = [0] * len(starts)
    best[0] = (0, 0, 0, 0, 0)
    for i in range(1, len(starts)):
        for j in range(i - 1, -1, -1):
            part = flat[starts[j]:starts[i]].strip()
            over = max(0, len(part) - limit)
            if over and j < i - 1:
                break  # longer parts from further back only get longer
            if best[j] is None:
                continue
            cut = points.get(starts[j])  # None at the text's start
            cost = (best[j][0] + over, best[j][1] + (cut == 2), best[j][2] + (cut == 1), best[j][3] + 1,
                    best[j][4] + len(part) ** 2)
            if best[i] is None or cost < best[i]:
                best[i], came_from[i] = cost, j
    parts, i = [], len(starts) - 1
    while i > 0:
        parts.append(flat[starts[came_from[i]]:starts[i]].strip())
        i = came_from[i]
    return parts[::-1]


def split_long_cues(cues: list[Cue], lang: str) -> list[Cue]:
    """Every cue longer than ``MAX_CUE_CHARS[lang]`` cut into consecutive cues (``split_text``), each
    timed in proportion to its length within the cue's span; shorter cues are kept as they are."""
    if lang not in MAX_CUE_CHARS:
        raise ValueError(f"no subtitle line length for language {lang!r}; add it to MAX_CUE_CHARS "
                         f"(known: {', '.join(MAX_CUE_CHARS)})")
    result: list[Cue] = []
    for start, end, text in cues:
        parts = split_text(text, MAX_CUE_CHARS[lang])
        total = sum(len(part) for part in parts)
        done = 0
        for k, part in enumerate(parts):
            part_start = start + (end - start) * done / total
            done += len(part)
            part_end = end if k == len(parts) - 1 else start + (end - start) * done / total
            result.append((part_start, part_end, part))
    return result


_TIME = re.compile(r"(\d+):(\d+):(\d+),(\d+)")


def _seconds(stamp: str) -> float:
    h, m, s, ms = map(int, _TIME.match(stamp.strip()).groups())
    return h * 3600 + m * 60 + s + ms / 1000


def _stamp(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def read_srt(path: Path) -> list[Cue]:
    """(start, end, text) of every cue in an .srt file."""
    cues = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.strip().splitlines()
        if len(lines) >= 3 and "-->" in lines[1]:
            start, end = lines[1].split("-->")
            cues.append((_seconds(start), _seconds(end), "\n".join(lines[2:])))
    return cues


def write_srt(cues: list[Cue], path: Path) -> None:
    blocks = [f"{i}\n{_stamp(a)} --> {_stamp(b)}\n{text}\n" for i, (a, b, text) in enumerate(cues, start=1)]
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text("\n".join(blocks), encoding="utf-8")
    os.replace(partial, path)


def split_srt_file(path: Path, lang: str) -> None:
    """Rewrite an .srt file with its long cues split (``split_long_cues``)."""
    write_srt(split_long_cues(read_srt(path), lang), path)
