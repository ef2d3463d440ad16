"""docs/storyboard.md stays true: the chapter's sections and scenes in catalog order, every test it cites exists."""

import ast
import re
from pathlib import Path

from scenes.catalog import SCENES, SECTIONS
from scenes.strings import STRINGS

ROOT = Path(__file__).resolve().parent.parent
STORYBOARD = ROOT / "docs" / "storyboard.md"


def _text() -> str:
    return STORYBOARD.read_text(encoding="utf-8")


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_sections_and_scenes_are_the_catalogs_in_order():
    text = _text()
    sections = re.findall(r"^## \d+\. `(\w+)`: (.+)$", text, flags=re.M)
    assert [key for key, _ in sections] == list(SECTIONS)
    for key, title in sections:
        assert title == STRINGS[f"section.{key}"]["en"], f"section {key}: storyboard says {title!r}"
    scenes = re.findall(r"^### (\d+)\. (\w+)$", text, flags=re.M)
    assert [name for _, name in scenes] == [entry.name for entry in SCENES]
    assert [int(n) for n, _ in scenes] == list(range(1, len(SCENES) + 1))
    # each scene sits under its own section's heading
    for entry in SCENES:
        section_at = text.index(f"## {SECTIONS.index(entry.section) + 1}. `{entry.section}`")
        scene_at = text.index(f". {entry.name}\n")
        later = [text.index(f"`{s}`:") for s in SECTIONS[SECTIONS.index(entry.section) + 1:]]
        assert section_at < scene_at < min(later, default=len(text)), f"{entry.name} is not under {entry.section}"


def test_every_cited_test_exists_in_the_file_cited():
    text = _text()
    blocks = re.split(r"^### ", text, flags=re.M)[1:]
    assert blocks
    for block in blocks:
        name = block.split("\n", 1)[0]
        files = re.findall(r"`(tests/test_\w+\.py)`", block)
        cited = set(re.findall(r"`(test_\w+)`", block))
        assert files and cited, f"{name}: cite the test file and the tests that pin its claims"
        known = set().union(*(_test_names(ROOT / f) for f in files if (ROOT / f).exists()))
        missing = sorted(cited - known)
        assert not missing, f"{name}: the storyboard cites tests that do not exist in {files}: {missing}"


def test_the_terms_table_names_only_scenes_of_the_chapter():
    rows = re.findall(r"^\| .+ \| (\w+) \|$", _text(), flags=re.M)
    names = [entry.name for entry in SCENES]
    defined_in = [row for row in rows if row != "in"]
    assert defined_in and all(row in names for row in defined_in)
    order = [names.index(row) for row in defined_in]
    assert order == sorted(order), "the terms table lists its scenes in chapter order"
