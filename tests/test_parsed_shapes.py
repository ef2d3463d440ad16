"""The parsed-shape cache (``typeset/parsed/``) holds plain data that cannot run code when read:
shapes read back are the parsed ones to the last bit, a planted pickle under any name the cache
could read is never executed, and a damaged or foreign entry is parsed again and rewritten."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from manim import MathTex, Text, VGroup, tempconfig
from manim.mobject.svg import svg_mobject

from explainer.settings import REPO_ROOT
from manim_engine import compat as manim_compat
from manim_engine import fast_paths, shape_store, svg_cache

LABEL, FORMULA = "riders per hour, 8:00", r"\sigma(z) = \frac{1}{1 + e^{-z}}"


@pytest.fixture(autouse=True)
def nothing_in_memory(monkeypatch):
    """Each test starts as a new process would: with no shapes kept in memory (only on disk)."""
    monkeypatch.setattr(svg_cache, "_IN_MEMORY", {})


class Planted:
    """A pickle payload that, when unpickled, writes ``marker``: what an attacker would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').write('ran')",)


def _typeset(folder: Path) -> VGroup:
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()  # past manim's in-process cache
    with tempconfig({"text_dir": str(folder / "texts"), "tex_dir": str(folder / "Tex"), "verbosity": "ERROR"}):
        return VGroup(Text(LABEL, font_size=30), MathTex(FORMULA))


def _exactly(group: VGroup) -> list:
    """Every family member's class and attributes, plus each SVG's named groups as member indices."""
    from tests.test_render_speed import _structure, _without_sources

    family = group.get_family()
    index = {id(m): i for i, m in enumerate(family)}
    groups = [{name: [index[id(m)] for m in g.submobjects] for name, g in svg.id_to_vgroup_dict.items()}
              for svg in group.submobjects]
    return [_without_sources(_structure(group)), groups]


def test_shapes_read_back_cold_and_warm_are_the_parsed_ones_bit_for_bit(tmp_path, monkeypatch):
    fast_paths.uninstall()
    try:
        upstream = _exactly(_typeset(tmp_path))  # manim's own parse, nothing kept
    finally:
        fast_paths.install()
    assert not (tmp_path / "parsed").exists()
    monkeypatch.setattr(svg_cache, "_IN_MEMORY", {})
    cold = _exactly(_typeset(tmp_path))  # parsed, then kept
    entries = sorted((tmp_path / "parsed").iterdir())
    assert [e.suffix for e in entries] == [".shapes", ".shapes"]
    monkeypatch.setattr(svg_cache, "_IN_MEMORY", {})

    def no_parse(self):
        raise AssertionError("a kept entry was parsed again")

    monkeypatch.setattr(manim_compat, "parse_svg_privately", no_parse)
    warm = _exactly(_typeset(tmp_path))  # read from the files only
    assert warm == cold == upstream
    points = [m.points for m in _typeset(tmp_path).get_family() if len(m.points)]
    assert len(points) > 20 and all(p.dtype == np.float64 and p.flags.writeable for p in points)


def test_an_entry_holds_no_pickle_and_names_only_allowed_classes(tmp_path):
    _typeset(tmp_path)
    for entry in (tmp_path / "parsed").glob("*.shapes"):
        data = entry.read_bytes()
        assert data.startswith(svg_cache.MAGIC)
        graph, blob = svg_cache.read_entry(entry, entry.stem)
        assert {name for name, _ in graph["objects"]} <= set(shape_store.allowed_classes())
        assert all(dtype in shape_store.DTYPES for dtype, _, _ in graph["arrays"])
        with pytest.raises(pickle.UnpicklingError):
            pickle.loads(zlib.decompress(data[data.index(b"\n", len(svg_cache.MAGIC)) + 1:]))


def _keys_used(folder: Path, monkeypatch) -> tuple[list[str], list[str]]:
    """The entry names a typeset of LABEL and FORMULA reads in this format, and those format 2 (pickles) read."""
    seen = []
    real = svg_cache.entry_key

    def spy(svg, data):
        seen.append((svg, data))
        return real(svg, data)

    with monkeypatch.context() as patch:
        patch.setattr(svg_cache, "entry_key", spy)
        _typeset(folder)
        keys = sorted({real(svg, data) for svg, data in seen})
        patch.setattr(svg_cache, "FORMAT", 2)
        old_keys = sorted({real(svg, data) for svg, data in seen})
    assert len(keys) == len(old_keys) == 2 and not set(keys) & set(old_keys)
    return keys, old_keys


def test_a_planted_pickle_under_every_name_the_cache_could_read_never_runs(tmp_path, monkeypatch):
    marker = tmp_path / "marker"
    payload = pickle.dumps(Planted(marker))
    pickle.loads(payload)  # the payload is live: unpickled, it writes the marker
    assert marker.read_text() == "ran"
    marker.unlink()
    folder = tmp_path / "typeset"
    monkeypatch.setattr(svg_cache, "_IN_MEMORY", {})
    keys, old_keys = _keys_used(folder, monkeypatch)
    expected = _exactly(_typeset(folder))
    parsed = folder / "parsed"
    planted = []
    for key in keys + old_keys:
        for name, data in ((f"{key}.shapes", payload), (f"{key}.pickle", zlib.compress(payload)),
                           (f"{key}.npz", payload), (f"{key}.json", payload), (key, payload)):
            (parsed / name).write_bytes(data)
            planted.append(parsed / name)
    # A header that passes every check but the payload's checksum, before a pickle payload.
    magic, header, _ = svg_cache.entry_bytes(keys[0], {"objects": [], "arrays": [], "root": {}}, b"").split(b"\n", 2)
    (parsed / f"{keys[0]}.shapes").write_bytes(magic + b"\n" + header + b"\n" + zlib.compress(payload))
    monkeypatch.setattr(svg_cache, "_IN_MEMORY", {})
    monkeypatch.setattr(svg_cache, "_SWEPT", set())  # as in a new process
    again = _exactly(_typeset(folder))
    assert not marker.exists(), "a planted payload ran"
    assert again == expected
    rewritten = [p for p in planted if p.suffix == ".shapes" and svg_cache.read_entry(p, p.stem)]
    assert len(rewritten) == 2  # the two entries this format reads, whole again
    assert not list(parsed.glob("*.pickle"))  # old entries swept, unread


def _render(out: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "EXPLAINER_CACHE_DIR": str(cache)}
    env.pop("EXPLAINER_SLOW_PATHS", None)
    return subprocess.run([sys.executable, "-m", "explainer.cli", "render", "SectionTitle", "--format", "png",
                           "--resolution", "320x180", "-o", str(out)], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def _frames(folder: Path) -> list[np.ndarray]:
    from PIL import Image

    return [np.asarray(Image.open(p)) for p in sorted(folder.glob("*.png"))]


def test_a_render_through_the_cli_runs_no_planted_payload_and_draws_the_same_frames(tmp_path):
    cache = tmp_path / "cache"
    first = _render(tmp_path / "first", cache)
    assert first.returncode == 0, first.stderr[-2000:]
    parsed = cache / "typeset" / "parsed"
    names = sorted(p.name for p in parsed.glob("*.shapes"))
    assert len(names) >= 3
    marker = tmp_path / "marker"
    payload = pickle.dumps(Planted(marker))
    for name in names:
        (parsed / name).write_bytes(payload)
        (parsed / name).with_suffix(".pickle").write_bytes(zlib.compress(payload))
    second = _render(tmp_path / "second", cache)
    assert second.returncode == 0, second.stderr[-2000:]
    assert not marker.exists(), "a planted payload ran"
    before, after = _frames(tmp_path / "first"), _frames(tmp_path / "second")
    assert len(before) == len(after) >= 1
    assert all(np.array_equal(a, b) for a, b in zip(before, after))
    assert all(svg_cache.read_entry(parsed / name, name.removesuffix(".shapes")) for name in names)
    assert not list(parsed.glob("*.pickle"))


@pytest.mark.parametrize("forgery", ["a class outside the list", "an enum made an object", "an object array",
                                     "an array past the end", "a group that is no VGroup", "an unknown tag"])
def test_a_well_formed_entry_naming_anything_else_is_refused_and_rewritten(tmp_path, monkeypatch, forgery):
    """An entry whose checksum is right (anyone can compute one) still makes only what the list allows."""
    _typeset(tmp_path)
    entry = max((tmp_path / "parsed").glob("*.shapes"), key=lambda p: p.stat().st_size)
    graph, blob = svg_cache.read_entry(entry, entry.stem)
    first = graph["objects"][graph["root"]["mobjects"][0]]
    if forgery == "a class outside the list":
        first[0] = "posix.system"
    elif forgery == "an enum made an object":
        first[0] = "manim.constants.CapStyleType"
    elif forgery == "an object array":
        graph["arrays"][0][0] = "|O"
    elif forgery == "an array past the end":
        graph["arrays"][-1][2] = len(blob)
    elif forgery == "a group that is no VGroup":
        graph["root"]["groups"]["root"] = graph["root"]["mobjects"][0]
    else:
        first[1]["points"] = {"pickle": "cos\nsystem\n"}
    entry.write_bytes(svg_cache.entry_bytes(entry.stem, graph, blob))
    assert svg_cache.read_entry(entry, entry.stem) is not None  # it passes the checksum ...
    with pytest.raises(ValueError):
        shape_store.decode(*svg_cache.read_entry(entry, entry.stem))  # ... but not the rebuild
    monkeypatch.setattr(svg_cache, "_IN_MEMORY", {})
    _typeset(tmp_path)
    assert shape_store.decode(*svg_cache.read_entry(entry, entry.stem))  # parsed again and rewritten


def test_shapes_of_a_type_the_format_does_not_describe_are_parsed_every_time(tmp_path):
    from manim import Square

    with pytest.raises(TypeError, match="cannot be kept"):
        shape_store.encode([Square()], {"root": VGroup(), "odd": {1, 2}})
    assert svg_cache._plain([Square()], {"root": [object()]}) is None
