"""Every scene of the chapter built once per test session (dry run, tiny frames), with what it says
recorded: the string keys it looks up, each sentence's values as it fills them in (so that both
languages can be formatted with the same numbers), and every text on screen at each pause.

tests/test_terms_order.py and tests/test_number_format.py read the same record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import scenes.strings as strings
from scenes.catalog import SCENES
from tests.scene_checks import build_scene


@dataclass
class SceneRecord:
    keys: set[str] = field(default_factory=set)
    calls: list[tuple[str, dict]] = field(default_factory=list)  # (key, the values it was formatted with)
    on_screen: list[str] = field(default_factory=list)  # texts at every pause and at the end (no spaces)


class _Template(str):
    """One language's sentence; formatting it notes its key and values."""

    def format(self, *args, **values):
        _Table.current.calls.append((self.key, dict(values)))
        return str(super().format(*args, **values))  # a plain str (manimpango accepts no subclass)


class _Entry(dict):
    def __init__(self, key: str, entry: dict):
        super().__init__(entry)
        self.key = key

    def __getitem__(self, lang):
        template = _Template(super().__getitem__(lang))
        template.key = self.key
        return template


class _Table(dict):
    """The string table, noting every key looked up and every sentence formatted."""

    current = SceneRecord()

    def __getitem__(self, key):
        _Table.current.keys.add(key)
        return _Entry(key, super().__getitem__(key))


def record_scenes(scene_classes: dict) -> dict[str, SceneRecord]:
    """Build each scene (name -> class) with the string table recording; name -> its record."""
    table = _Table(strings.STRINGS)
    original = strings.STRINGS
    strings.STRINGS = table
    records = {}
    try:
        for name, scene_class in scene_classes.items():
            _Table.current = records[name] = SceneRecord()
            scene = build_scene(scene_class, pixel_width=64, pixel_height=36)
            records[name].on_screen = [text for labels in [*scene.pause_labels, scene.label_boxes()]
                                       for text, _ in labels]
    finally:
        strings.STRINGS = original
        _Table.current = SceneRecord()
    return records


@lru_cache(maxsize=1)
def chapter_record() -> dict[str, SceneRecord]:
    """Every scene of the chapter, in story order (built once per test session)."""
    return record_scenes({entry.name: entry.load() for entry in SCENES})
