"""The shared typeset cache (Text SVGs, TeX and its SVGs) and the durations file under parallel
processes and damage.

Several renders at once share one cache folder (``explainer.settings.typeset_cache()``);
``manim_engine.compat`` makes every write there atomic, stops manimpango rewriting cached SVGs,
and has damaged entries typeset again. These tests hammer one folder from several processes
and damage entries on disk.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from manim import MathTex, Text, tempconfig

from explainer.settings import REPO_ROOT
from manim_engine import checksums
from manim_engine.compat import LAST_MOVE_PATTERN, whole_svg

#: Run in each hammering process: the same labels and formulas as every other process, at once.
HAMMER = """
import sys
from manim_engine import compat as manim_compat
manim_compat.install()
from manim import MathTex, Text, tempconfig
folder = sys.argv[1]
with tempconfig({"text_dir": folder + "/texts", "tex_dir": folder + "/Tex", "verbosity": "ERROR"}):
    for round in range(6):
        for i in range(10):
            Text(f"shared label {i}", font_size=24)
        MathTex(r"y = b + \\sum_i c_i \\, \\sigma(b_i + w_i x_1)")
        MathTex(rf"\\eta = 0.{round % 2 + 1}")
print("ok")
"""


def typeset_in(folder: Path):
    return tempconfig({"text_dir": str(folder / "texts"), "tex_dir": str(folder / "Tex"), "verbosity": "ERROR"})


@pytest.mark.parametrize("start", ["empty", "made before checksums"])
def test_processes_hammering_one_cache_all_succeed_and_leave_only_whole_files(tmp_path, start):
    if start == "made before checksums":  # every process finds every entry unverified and makes it again
        subprocess.run([sys.executable, "-c", HAMMER, str(tmp_path)], cwd=REPO_ROOT, check=True, capture_output=True)
        shutil.rmtree(tmp_path / "checksums")
    processes = [subprocess.Popen([sys.executable, "-c", HAMMER, str(tmp_path)], cwd=REPO_ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [p.communicate(timeout=300) for p in processes]
    for process, (out, err) in zip(processes, results):
        assert process.returncode == 0 and out.strip() == "ok", err[-2000:]
    svgs = sorted(tmp_path.rglob("*.svg"))
    assert len(list((tmp_path / "texts").glob("*.svg"))) == 10 and len(list((tmp_path / "Tex").glob("*.svg"))) == 3
    assert [svg for svg in svgs if not whole_svg(svg) or not checksums.verified(svg)] == []
    assert sorted(p.name for p in tmp_path.rglob(".*") if p.name != ".tex-compile.lock") == []  # no scratch left


def _edit_a_coordinate(svg: bytes) -> bytes:
    """The SVG with one digit of its first path changed: still a whole SVG, drawing another shape."""
    match = re.search(rb' d="[^"]*?(\d)', svg)
    digit = match.group(1)
    return svg[: match.start(1)] + (b"7" if digit != b"7" else b"3") + svg[match.end(1):]


TEXT_DAMAGE = {"empty": lambda svg: b"", "truncated": lambda svg: svg[: len(svg) // 2],
               "garbage": lambda svg: b"\x00\x13garbage", "random bytes": lambda svg: bytes(range(256)) * 4,
               "edited coordinate": _edit_a_coordinate, "made before checksums": None}


@pytest.mark.parametrize("damage", list(TEXT_DAMAGE))
def test_a_damaged_text_svg_is_typeset_again(tmp_path, damage):
    with typeset_in(tmp_path):
        good = Text("a label to damage", font_size=24)
        (svg,) = (tmp_path / "texts").glob("*.svg")
        whole = svg.read_bytes()
        assert checksums.verified(svg)
        if TEXT_DAMAGE[damage] is None:
            checksums.sidecar(svg).unlink()
        else:
            svg.write_bytes(TEXT_DAMAGE[damage](whole))
        again = Text("a label to damage", font_size=24)
    assert whole_svg(svg) and checksums.verified(svg)  # (not the same bytes: cairo numbers its surfaces)
    assert [m.points.tolist() for m in again.get_family()] == [m.points.tolist() for m in good.get_family()]
    assert sorted(p.name for p in tmp_path.rglob(".*")) == []  # no private folder or file left


TEX_DAMAGE = {"cut short": lambda data: data[: len(data) // 2], "random bytes": lambda data: bytes(range(256)) * 4,
              "flipped bytes": lambda data: data[:200] + bytes(b ^ 0xFF for b in data[200:216]) + data[216:]}


@pytest.mark.parametrize("damage", list(TEX_DAMAGE))
@pytest.mark.parametrize("which", ["svg", "tex"])
def test_a_damaged_tex_entry_is_typeset_again(tmp_path, which, damage):
    with typeset_in(tmp_path):
        good = MathTex(r"L(w, b) = \frac{1}{N} \sum_n e_n")
        (entry,) = (tmp_path / "Tex").glob(f"*.{which}")
        whole = entry.read_bytes()
        entry.write_bytes(TEX_DAMAGE[damage](whole))
        if which == "tex" and damage == "cut short":
            (tmp_path / "Tex" / f"{entry.stem}.svg").unlink()  # killed before its SVG was made
        again = MathTex(r"L(w, b) = \frac{1}{N} \sum_n e_n")
        later = MathTex(r"L(w, b) = \frac{1}{N} \sum_n e_n")  # the rebuilt entry is used from then on
    svg = tmp_path / "Tex" / f"{entry.stem}.svg"
    assert entry.read_bytes() == whole if which == "tex" else whole_svg(svg)
    assert checksums.verified(svg)
    for formula in (again, later):
        assert [m.points.tolist() for m in formula.get_family()] == [m.points.tolist() for m in good.get_family()]


def test_a_tex_svg_made_before_checksums_is_typeset_again_once(tmp_path):
    with typeset_in(tmp_path):
        MathTex(r"\eta = 0.1")
        (svg,) = (tmp_path / "Tex").glob("*.svg")
        checksums.sidecar(svg).unlink()
        before = svg.stat().st_mtime_ns
        MathTex(r"\eta = 0.1")
        remade = svg.stat().st_mtime_ns
        MathTex(r"\eta = 0.1")
    assert remade != before and svg.stat().st_mtime_ns == remade and checksums.verified(svg)


def test_a_cached_text_svg_is_never_written_again(tmp_path):
    with typeset_in(tmp_path):
        Text("written once", font_size=24)
        (svg,) = (tmp_path / "texts").glob("*.svg")
        before = svg.stat()
        for _ in range(3):
            Text("written once", font_size=24)
    after = svg.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert re.search(LAST_MOVE_PATTERN, svg.read_text()) is None  # manimpango's edit came before the rename


def test_the_typeset_cache_follows_explainer_cache_dir(tmp_path, monkeypatch):
    from explainer.runner import typeset_dirs
    from explainer.settings import TYPESET_CACHE, typeset_cache

    monkeypatch.delenv("EXPLAINER_CACHE_DIR", raising=False)
    assert typeset_cache() == TYPESET_CACHE
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(tmp_path / "caches"))
    assert typeset_cache() == tmp_path / "caches" / "typeset"
    dirs = typeset_dirs(tmp_path / "media")
    assert dirs == {"tex_dir": str(tmp_path / "caches" / "typeset" / "Tex"),
                    "text_dir": str(tmp_path / "caches" / "typeset" / "texts")}


@pytest.mark.parametrize("damage", ["", '{"broken', "[1, 2]", "{KEY: \"abc\"}", "{KEY: -1}"])
def test_a_damaged_durations_file_or_entry_is_measured_again(tmp_path, damage):
    from explainer.durations import _fingerprint, scene_duration
    from scenes.catalog import find

    entry = find("SectionTitle")
    key = json.dumps(f"{entry.name}:{_fingerprint(entry)}")
    cache_file = tmp_path / "durations.json"
    cache_file.write_text(damage.replace("KEY", key))
    seconds = scene_duration(entry, cache_file)
    assert seconds > 0
    assert json.loads(cache_file.read_text()) == {json.loads(key): seconds}
    assert [p.name for p in tmp_path.iterdir()] == ["durations.json"]  # no temporary file left
