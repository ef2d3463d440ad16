"""The scenes in story order: where each lives and what it shows. The CLI reads this list.

Add a scene here when you add its file: (Class name, module, one-line description).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class SceneEntry:
    name: str
    module: str
    description: str
    section: str

    def load(self):
        """Import the scene class."""
        return getattr(importlib.import_module(self.module), self.name)


SCENES: list[SceneEntry] = [
    SceneEntry("ReluPairHardSigmoid", "scenes.relu_pair", "Two ReLUs add up to one hard sigmoid (11+(-1)=10).",
               "Sigmoid and ReLU"),
]


def find(name: str) -> SceneEntry:
    """The entry called ``name``; an unknown name suggests the closest ones."""
    for entry in SCENES:
        if entry.name.lower() == name.lower():
            return entry
    import difflib

    close = difflib.get_close_matches(name, [e.name for e in SCENES], n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"unknown scene {name!r}{hint} (`explainer list` shows them all)")
