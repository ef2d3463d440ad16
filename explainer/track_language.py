"""The language a chapter video's tracks are tagged with (ISO 639-2), so that a player labels the
Chinese chapter's narration and chapter list as Chinese.

The narration track is tagged through its stream's metadata when it is written. The chapter-name
track that the MP4 muxer adds for the chapter markers (a QuickTime text track) takes no metadata,
and FFmpeg leaves its language code 0, which players read as English; ``tag_text_tracks`` writes
the language into that track's media header (``mdhd``) once the file is written.
"""

from __future__ import annotations

import struct
from pathlib import Path

#: The chapter languages as ISO 639-2 (terminology) codes, which MP4 media headers hold.
ISO_639_2 = {"en": "eng", "zh": "zho"}

#: Handler types of the MP4 tracks that hold text (chapter names, subtitles).
TEXT_HANDLERS = (b"text", b"sbtl", b"subt")


def iso_639_2(lang: str) -> str:
    """The three-letter code of a chapter language; an unknown one is an error naming the known."""
    if lang not in ISO_639_2:
        raise ValueError(f"no ISO 639-2 code for language {lang!r}; add it to ISO_639_2 in "
                         f"explainer/track_language.py (known: {', '.join(ISO_639_2)})")
    return ISO_639_2[lang]


def _packed(code: str) -> bytes:
    """An ISO 639-2 code as an MP4 media header packs it: three 5-bit letters (a = 1)."""
    value = 0
    for letter in code:
        value = value << 5 | (ord(letter) - 0x60)
    return struct.pack(">H", value)


def _boxes(data: bytes, start: int, end: int):
    """(type, payload start, box end) of the boxes laid one after another in ``data[start:end]``."""
    position = start
    while position + 8 <= end:
        size, kind = struct.unpack(">I4s", data[position:position + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[position + 8:position + 16])[0], 16
        elif size == 0:
            size = end - position
        if size < header:
            raise ValueError(f"malformed MP4 box {kind!r} at byte {position}")
        yield kind, position + header, position + size
        position += size


def _child(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    return next(((s, e) for k, s, e in _boxes(data, start, end) if k == kind), None)


def _find_moov(path: Path) -> tuple[int, bytes, int]:
    """The file offset and bytes of the ``moov`` box, and its header's length, read without
    reading the media data."""
    with path.open("rb") as file:
        file.seek(0, 2)
        size_of_file = file.tell()
        position = 0
        while position + 8 <= size_of_file:
            file.seek(position)
            size, kind = struct.unpack(">I4s", file.read(8))
            header = 8
            if size == 1:
                size, header = struct.unpack(">Q", file.read(8))[0], 16
            elif size == 0:
                size = size_of_file - position
            if kind == b"moov":
                file.seek(position)
                return position, file.read(size), header
            if size < 8:
                break
            position += size
    raise ValueError(f"{path} has no moov box: not a finished MP4 file")


def tag_text_tracks(path: Path, lang: str) -> int:
    """Write the language ``lang`` into the media header of every text track of the MP4 file
    ``path`` (in place, two bytes each); return how many tracks were tagged."""
    packed = _packed(iso_639_2(lang))
    offset, moov, header = _find_moov(path)
    patches = []
    for kind, start, end in _boxes(moov, header, len(moov)):
        mdia = _child(moov, start, end, b"mdia") if kind == b"trak" else None
        if mdia is None:
            continue
        hdlr, mdhd = _child(moov, *mdia, b"hdlr"), _child(moov, *mdia, b"mdhd")
        if hdlr is None or mdhd is None or moov[hdlr[0] + 8:hdlr[0] + 12] not in TEXT_HANDLERS:
            continue
        # mdhd: version, flags, then times (4 bytes each, 8 in version 1), timescale, duration, language.
        language_at = mdhd[0] + (4 + 8 + 8 + 4 + 8 if moov[mdhd[0]] == 1 else 4 + 4 + 4 + 4 + 4)
        patches.append(offset + language_at)
    with path.open("r+b") as file:
        for position in patches:
            file.seek(position)
            file.write(packed)
    return len(patches)
