"""Every scene renders with plain manim from the file the README names.

`manim render scenes/<part>/<file>.py <Scene>` loads the file with manim's own loader
(``manim.utils.module_ops.get_module``: the module named after the path, its folder on sys.path),
so the check runs that loader in a fresh interpreter for every scene in the catalog, the way
manim's command line would, and looks for the class in what it loaded. The README's scene table
names each scene beside that file.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from scenes.catalog import SCENES

ROOT = Path(__file__).resolve().parent.parent

LOAD_LIKE_MANIM = r"""
import json, sys
from pathlib import Path
from manim import Scene
from manim.utils.module_ops import get_module
found = {}
for path, name in json.loads(sys.argv[1]):
    module = get_module(Path(path))
    cls = getattr(module, name, None)
    found[name] = bool(isinstance(cls, type) and issubclass(cls, Scene))
print(json.dumps(found))
"""


def scene_file(module: str) -> str:
    return module.replace(".", "/") + ".py"


def test_every_scene_loads_from_its_file_as_manim_loads_it():
    wanted = [(scene_file(e.module), e.name) for e in SCENES]
    for path, _ in wanted:
        assert (ROOT / path).is_file(), path
    proc = subprocess.run([sys.executable, "-c", LOAD_LIKE_MANIM, json.dumps(wanted)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found == {name: True for _, name in wanted}


def test_the_readme_table_names_each_scene_with_its_file():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` <br>`([\w/]+\.py)` \|", readme, flags=re.M))
    assert rows == {e.name: scene_file(e.module).removeprefix("scenes/") for e in SCENES}
