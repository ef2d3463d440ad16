"""Imports flow one way: mathcore -> scenes (components below them) -> explainer; speech
(the narration voice) and manim_engine (the manim extensions) import nothing of ours, so
scenes and explainer may both use them.

mathcore imports nothing of ours (and never manim), and its general library never imports the
chapter's studies (``mathcore.studies``); scenes/components never import mathcore (they take
plain numbers); scenes never import the delivery package; the lesson's parts
(``scenes/<part>/``) import each other only through the shared infrastructure at the top of
``scenes/`` (the catalog, for a scene of another part). Checked on the source with ``ast``, so
an import inside a function counts too.
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
    # The engine extensions know nothing of the lesson.
    "manim_engine": ("mathcore", "scenes", "explainer", "speech"),
}

#: The lesson's parts, in story order: the sub-packages of scenes/ (the catalog's SECTIONS).
PARTS = ("three_steps", "piecewise", "relu", "deep", "optimisers")


def imported_modules(path: Path) -> set[tuple[str, int]]:
    """(module, line) of every absolute import in a file; ``from a.b import c`` counts as a.b.c too."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name, node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module, node.lineno))
            found |= {(f"{node.module}.{alias.name}", node.lineno) for alias in node.names}
    return found


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """(top-level package, line) of every absolute import in a file."""
    return {(module.split(".")[0], line) for module, line in imported_modules(path)}


def violations(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{line} imports {package}"
            for path in sorted((ROOT / folder).rglob("*.py"))
            for package, line in sorted(imported_packages(path)) if package in forbidden]


@pytest.mark.parametrize("folder", RULES)
def test_imports_point_one_way(folder):
    assert (ROOT / folder).is_dir()
    assert violations(folder, RULES[folder]) == []


def part_violations(root: Path = ROOT) -> list[str]:
    """Imports from one lesson part (scenes/<part>/) of another part's modules."""
    found = []
    for part in PARTS:
        others = tuple(f"scenes.{other}" for other in PARTS if other != part)
        for path in sorted((root / "scenes" / part).rglob("*.py")):
            lines = {}  # line -> the shortest offending module named there
            for module, line in sorted(imported_modules(path), key=lambda m: (m[1], len(m[0]))):
                if module in others or module.startswith(tuple(f"{o}." for o in others)):
                    lines.setdefault(line, module)
            found += [f"{path.relative_to(root)}:{line} imports {module}" for line, module in sorted(lines.items())]
    return found


def test_every_part_is_a_package_of_scenes_in_the_catalog():
    from scenes.catalog import SCENES, SECTIONS

    assert PARTS == SECTIONS
    for entry in SCENES:
        assert entry.module.startswith(f"scenes.{entry.section}."), entry
    for part in PARTS:
        assert (ROOT / "scenes" / part / "__init__.py").is_file()


def test_lesson_parts_do_not_import_each_other():
    assert part_violations() == []


def test_the_part_checker_sees_an_import_of_another_part(tmp_path):
    for part in PARTS:
        (tmp_path / "scenes" / part).mkdir(parents=True)
    (tmp_path / "scenes" / "relu" / "a.py").write_text("from scenes.piecewise.hard_sigmoids import RED_CURVE\n")
    (tmp_path / "scenes" / "deep" / "b.py").write_text("from scenes import piecewise\nfrom scenes.relu import x\n")
    (tmp_path / "scenes" / "optimisers" / "c.py").write_text("from scenes.red_curve import RED_CURVE\n")
    assert part_violations(tmp_path) == [
        "scenes/relu/a.py:1 imports scenes.piecewise.hard_sigmoids",
        "scenes/deep/b.py:1 imports scenes.piecewise",
        "scenes/deep/b.py:2 imports scenes.relu",
    ]


def test_mathcore_library_does_not_import_the_studies():
    library = [path for path in sorted((ROOT / "mathcore").glob("*.py"))]
    assert [f"{path.name}:{line}" for path in library for module, line in sorted(imported_modules(path))
            if module.startswith("mathcore.studies")] == []


def test_the_checker_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    from explainer.render import RenderJob\n    import mathcore.cache\n")
    assert {p for p, _ in imported_packages(sample)} == {"os", "explainer", "mathcore"}
