"""Imports flow one way: mathcore -> scenes (components below them) -> explainer; speech
(the narration voice) imports nothing of ours, so scenes and explainer may both use it.

mathcore imports nothing of ours (and never manim); scenes/components never import mathcore
(they take plain numbers); scenes never import the delivery package. Checked on the source
with ``ast``, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: package folder -> top-level packages it must not import
RULES = {
    "mathcore": ("scenes", "explainer", "manim", "manim_slides"),
    "scenes/components": ("mathcore", "explainer"),
    "scenes": ("explainer",),
    # The voice is used by scenes (it sets their timing) and by the delivery tools alike.
    "speech": ("mathcore", "scenes", "explainer", "manim", "manim_slides"),
}


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """(top-level package, line) of every absolute import in a file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
    return found


def violations(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{line} imports {package}"
            for path in sorted((ROOT / folder).rglob("*.py"))
            for package, line in sorted(imported_packages(path)) if package in forbidden]


@pytest.mark.parametrize("folder", RULES)
def test_imports_point_one_way(folder):
    assert (ROOT / folder).is_dir()
    assert violations(folder, RULES[folder]) == []


def test_the_checker_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    from explainer.render import RenderJob\n    import mathcore.cache\n")
    assert {p for p, _ in imported_packages(sample)} == {"os", "explainer", "mathcore"}
