"""manim_engine/fast_paths.py and manim_engine/shading.py draw what manim's own paths draw, and the chapter's
packet-copy join shows the frames the scenes encoded: each fast path against the slow one."""

from __future__ import annotations

import enum
import io
from types import SimpleNamespace

import av
import numpy as np
import pytest
from manim import DEGREES, Line, Text, ThreeDAxes, ThreeDScene, VGroup, tempconfig

from manim_engine import fast_paths
from scenes.components.contour import LossColourScale, LossSurface


@pytest.fixture
def fast_and_slow():
    """Run a function once with the fast paths and once with manim's own (then restore)."""
    def both(function):
        fast_paths.install()
        fast = function()
        fast_paths.uninstall()
        try:
            slow = function()
        finally:
            fast_paths.install()
        return fast, slow
    return both


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = np.mean((a.astype(float) - b.astype(float)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


# ------------------------------------------------------------------ 3D surface frames
def _surface_frames(size=(320, 180)) -> list[np.ndarray]:
    """A LossSurface (the ErrorSurface kind, 26 x 26 lit faces) with a line and a fixed-in-frame
    title, at four camera angles, captured as manim renders a frame."""
    w, b = np.linspace(0.2, 1.5, 40), np.linspace(-80, 140, 36)
    W, B = np.meshgrid(w, b)
    loss = 3000 + 50_000 * (W - 0.85) ** 2 + 2 * (B - 20) ** 2
    frames = []
    with tempconfig({"pixel_width": size[0], "pixel_height": size[1], "dry_run": True,
                     "disable_caching": True, "verbosity": "ERROR"}):
        scene = ThreeDScene(skip_animations=True)
        axes = ThreeDAxes(x_range=(0.2, 1.5, 0.1), y_range=(-80, 140, 20), z_range=(0, 60_000, 10_000),
                          x_length=4.5, y_length=4.4, z_length=2.6)
        surface = LossSurface(axes, w, b, loss, LossColourScale.for_grid(loss), resolution=26)
        title = Text("L(w, b)", font_size=30).to_corner()
        scene.add_fixed_in_frame_mobjects(title)
        scene.add(surface, Line(axes.c2p(0.2, -80, 0), axes.c2p(0.2, -80, 60_000)), title)
        for phi, theta, zoom in ((0, -90, 1.0), (62, -115, 0.8), (62, -65, 0.8), (80, 10, 1.2)):
            scene.set_camera_orientation(phi=phi * DEGREES, theta=theta * DEGREES, zoom=zoom)
            scene.renderer.update_frame(scene)
            frames.append(scene.renderer.get_frame().copy())
    return frames


def test_lit_surface_frames_are_pixel_identical_to_manims_with_curved_edges_kept(fast_and_slow, monkeypatch):
    from manim_engine import shading

    monkeypatch.setattr(shading, "STRAIGHT_PX", 0.0)  # every edge drawn as manim draws it: a cubic
    fast, slow = fast_and_slow(_surface_frames)
    assert len(fast) == len(slow) == 4
    for f, s in zip(fast, slow):
        assert f.std() > 5  # something is drawn
        np.testing.assert_array_equal(f, s)


def test_nearly_straight_edges_drawn_as_lines_change_the_frame_below_what_the_encoder_does(fast_and_slow):
    """Edges within STRAIGHT_PX of straight become lines: sub-pixel moves of some edge pixels,
    less than x264's own loss (PSNR about 50 dB against the frames, see below)."""
    from manim_engine import shading

    fast, slow = fast_and_slow(lambda: _surface_frames((854, 480)))
    for f, s in zip(fast, slow):
        assert f.std() > 5
        assert _psnr(f, s) >= 50.0
    assert any(not np.array_equal(f, s) for f, s in zip(fast, slow))  # the line path was taken
    assert shading.STRAIGHT_PX <= 0.25


def test_depth_order_and_shading_match_upstream_face_by_face():
    from manim.camera.three_d_camera import ThreeDCamera
    from manim.mobject.three_d.three_d_utils import (
        get_3d_vmob_end_corner,
        get_3d_vmob_end_corner_unit_normal,
        get_3d_vmob_start_corner,
        get_3d_vmob_start_corner_unit_normal,
    )
    from manim.utils.color.core import get_shaded_rgb

    from manim_engine import shading

    rng = np.random.default_rng(0)
    with tempconfig({"pixel_width": 160, "pixel_height": 90, "dry_run": True, "verbosity": "ERROR"}):
        camera = ThreeDCamera()
        camera.set_phi(55 * DEGREES)
        camera.set_theta(-120 * DEGREES)
        faces = LossSurface(ThreeDAxes(), np.linspace(-5, 5, 9), np.linspace(-5, 5, 9),
                            rng.uniform(0, 8, (9, 9)), LossColourScale(0.1, 8.0), resolution=12)
        mobjects = [*faces, Line()]  # a line (not shaded) sorts last, as upstream's inf key
        upstream = ThreeDCamera.__mro__[1].get_mobjects_to_display(camera, mobjects)
        rot = camera.get_rotation_matrix()
        expected = sorted(upstream, key=lambda m: np.dot(m.get_z_index_reference_point(), rot.T)[2]
                          if getattr(m, "shade_in_3d", False) else np.inf)
        assert shading.sorted_by_depth(camera, mobjects) == expected

        plan = shading.FacePlan(camera, list(faces))
        light = camera.light_source.points[0]
        for row, face in enumerate(faces):
            rgba = face.get_fill_rgbas()[0]
            start = get_shaded_rgb(rgba[:3], get_3d_vmob_start_corner(face),
                                   get_3d_vmob_start_corner_unit_normal(face), light)
            end = get_shaded_rgb(rgba[:3], get_3d_vmob_end_corner(face),
                                 get_3d_vmob_end_corner_unit_normal(face), light)
            bgr = plan.colours["fill"][row]
            np.testing.assert_allclose(bgr[2::-1], start, rtol=0, atol=1e-12)
            np.testing.assert_allclose(bgr[6:3:-1], end, rtol=0, atol=1e-12)


def test_unit_normals_take_upstreams_special_cases():
    from manim.utils.space_ops import get_unit_normal

    from manim_engine.shading import unit_normals

    v1 = np.array([[1.0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 2.0], [1.0, 1.0, 0], [3.0, -1.0, 2.0]])
    v2 = np.array([[0, 1.0, 0], [0, 0, 0], [1.0, 0, 0], [0, 0, 5.0], [2.0, 2.0, 0], [0.5, 4.0, -1.0]])
    got = unit_normals(v1, v2)
    for k in range(len(v1)):
        want = get_unit_normal(v1[k], v2[k])
        want = want if np.linalg.norm(want) else np.array([0.0, 1.0, 0.0])
        np.testing.assert_allclose(got[k], want, atol=1e-15)


# ------------------------------------------------------------------ families
def test_family_is_upstreams_for_shared_and_nested_members(fast_and_slow):
    from manim import Circle, Square

    shared, circle = Square(), Circle()
    tree = VGroup(shared, VGroup(circle, shared), VGroup())
    fast, slow = fast_and_slow(lambda: [tree.get_family(), shared.get_family(), tree[1].get_family()])
    assert fast == slow
    assert fast[0] == [tree, tree[1], circle, shared, tree[2]]


# ------------------------------------------------------------------ copies
def _structure(mobject) -> list:
    """Everything a copy holds, as comparable values: per family member its class and, per
    attribute, arrays/colours as lists and references to family members as their index."""
    from manim import Mobject
    from manim.utils.color.core import ManimColor

    family = mobject.get_family()
    index = {id(m): i for i, m in enumerate(family)}

    def value(v):
        if isinstance(v, Mobject):
            return ("member", index.get(id(v), type(v).__name__))
        if isinstance(v, np.ndarray):
            return ("array", v.shape, v.tolist())
        if isinstance(v, ManimColor):
            return ("colour", v.to_rgba().tolist())
        if isinstance(v, (list, tuple)):
            return [value(x) for x in v]
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        if callable(v) or type(v).__name__ in ("Path", "TexTemplate"):
            return type(v).__name__
        if hasattr(v, "__dict__") and not isinstance(v, enum.Enum):
            return (type(v).__name__, value(vars(v)))
        return v

    return [(type(m).__name__, {k: value(v) for k, v in m.__dict__.items() if k != "original_id"})
            for m in family]


def test_copy_is_upstreams_copy(fast_and_slow):
    from manim import Axes, DecimalNumber, MathTex, Square

    shared = Square()
    tree = VGroup(Text("riders per hour", font_size=30), MathTex(r"y = b + w x_1"), DecimalNumber(0.846),
                  Axes(x_range=(0, 4, 1), y_range=(0, 2, 1)).add_coordinates(), shared, VGroup(shared))
    tree[2].add_updater(lambda m: m)
    fast, slow = fast_and_slow(tree.copy)
    assert _structure(fast) == _structure(slow) == _structure(tree)
    assert fast[4] is fast[5][0] and fast[4] is not shared  # shared stays shared, inside the copy
    # Nothing is shared with the original except the glyphs' source paths (never changed).
    originals = {id(v) for m in tree.get_family() for k, v in m.__dict__.items() if k != "path_obj"}
    for member in fast.get_family():
        for key, v in member.__dict__.items():
            if isinstance(v, (np.ndarray, list, dict)) or type(v).__name__ == "ManimColor":
                assert id(v) not in originals, key
    fast[0].shift(np.array([1.0, 0, 0]))
    fast[0].set_color("#ff0000")
    assert _structure(tree) == _structure(slow)


# ------------------------------------------------------------------ 2D paths
class _CallLog:
    """A stand-in for a Cairo context that records the path calls it gets."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *args: self.calls.append((name, tuple(float(a) for a in args)))


def test_paths_reach_cairo_as_upstream_sends_them(fast_and_slow):
    from manim import Axes, Circle, MathTex, VMobject
    from manim.camera.camera import Camera

    from manim_engine import fast_paths

    axes = Axes(x_range=(0, 24, 4), y_range=(0, 900, 300)).add_coordinates()
    long_curve = axes.plot(lambda x: 400 + 300 * np.sin(x / 3), x_range=(0, 24, 0.05))
    assert len(long_curve.points) > fast_paths.SMALL_PATH_POINTS
    gap = VMobject().set_points_as_corners([[0, 0, 0], [1, 0, 0], [1, 1, 0]])
    gap.append_points(Circle().points + 3)  # a second subpath, not joined to the first
    tiny = VMobject()
    tiny.points = np.array([[0.0, 0, 0], [1.0, 1, 0]])  # fewer points than one curve
    near = VMobject().set_points_as_corners([[0, 0, 0], [1, 0, 0], [1, 1, 0], [1e-9, 1e-9, 0]])  # closes
    group = VGroup(Text("8:00 riders/h", font_size=30), MathTex(r"\\hat{y} = b + \\sum_i c_i"), axes,
                   long_curve, gap, tiny, near)
    members = [m for m in group.get_family() if len(m.points) or m is tiny]
    camera = Camera()

    def calls():
        log = _CallLog()
        for member in members:
            camera.set_cairo_context_path(log, member)
        return log.calls

    fast, slow = fast_and_slow(calls)
    assert fast == slow
    assert sum(name == "close_path" for name, _ in slow) > 10 and sum(name == "new_sub_path" for name, _ in slow) > 50
    assert Camera.set_cairo_context_path is fast_paths._set_cairo_context_path


# ------------------------------------------------------------------ parsed SVGs
def _typeset(tmp_path):
    """A Text and a MathTex typeset into ``tmp_path``, past manim's in-process cache of SVG shapes."""
    from manim import MathTex
    from manim.mobject.svg import svg_mobject

    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    with tempconfig({"text_dir": str(tmp_path / "texts"), "tex_dir": str(tmp_path / "Tex")}):
        return VGroup(Text("riders per hour, 8:00", font_size=30), MathTex(r"y = b + \\sum_i c_i\\,\\sigma(r_i)"))


def _without_sources(structure: list) -> list:
    return [(name, {k: v for k, v in attributes.items() if k != "path_obj"}) for name, attributes in structure]


def test_shapes_from_the_parsed_svg_cache_are_the_parsed_ones(tmp_path, monkeypatch):
    from manim_engine import svg_cache

    fast_paths.uninstall()
    try:
        parsed = _typeset(tmp_path)  # manim's own parse
    finally:
        fast_paths.install()
    first = _typeset(tmp_path)  # parsed, then kept
    entries = sorted((tmp_path / "parsed").glob(f"*{svg_cache.SUFFIX}"))
    assert len(entries) == 2
    monkeypatch.setattr(svg_cache, "_IN_MEMORY", {})
    cached = _typeset(tmp_path)  # read back from the files
    # Every attribute of every family member (points, colours, widths, groups) equal, to the last bit.
    assert _without_sources(_structure(cached)) == _without_sources(_structure(parsed)) \
        == _without_sources(_structure(first))
    assert len(cached.get_family()) > 20
    # A damaged entry is parsed again and replaced; a new process reads the repaired one.
    for damage in (b"not an entry", entries[0].read_bytes()[:-1] + b"\0"):
        entries[0].write_bytes(damage)
        assert svg_cache.read_entry(entries[0], entries[0].stem) is None
        monkeypatch.setattr(svg_cache, "_IN_MEMORY", {})
        again = _typeset(tmp_path)
        assert _without_sources(_structure(again)) == _without_sources(_structure(parsed))
        assert svg_cache.read_entry(entries[0], entries[0].stem) is not None


def test_svgs_outside_the_typeset_folders_are_not_kept(tmp_path):
    from manim_engine import svg_cache

    assert svg_cache.cache_folder(tmp_path / "logo.svg") is None


# ------------------------------------------------------------------ encoding
def _encode(frames_and_repeats, slow: bool, options: dict | None = None) -> tuple[list[np.ndarray], bytes]:
    """Encode through the partial-movie job's write method as manim sets it up; decode back."""
    from manim.scene.scene_file_writer import _PartialMovieEncodeJob

    height, width = frames_and_repeats[0][0].shape[:2]
    buffer = io.BytesIO()
    container = av.open(buffer, "w", format="mp4")
    stream = container.add_stream("libx264", rate=15, options={"an": "1", "crf": "23", **(options or {})})
    stream.pix_fmt, stream.width, stream.height = "yuv420p", width, height
    job = SimpleNamespace(stream=stream, container=container)
    write = (fast_paths._UPSTREAM.get((_PartialMovieEncodeJob, "_encode_and_write_frame"))
             or _PartialMovieEncodeJob._encode_and_write_frame) if slow else fast_paths._encode_once
    for frame, repeats in frames_and_repeats:
        write(job, frame, repeats)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    buffer.seek(0)
    with av.open(buffer) as decoded:
        frames = [f.to_ndarray(format="rgb24") for f in decoded.decode(video=0)]
    return frames, buffer.getvalue()


def _moving_frames(n=6, size=(96, 64)) -> list[np.ndarray]:
    rng = np.random.default_rng(1)
    base = np.zeros((size[1], size[0], 4), np.uint8)
    base[..., 3] = 255
    frames = []
    for i in range(n):
        frame = base.copy()
        frame[10 + 3 * i: 30 + 3 * i, 5 + 8 * i: 40 + 8 * i, :3] = rng.integers(0, 255, 3)
        frames.append(frame)
    return frames


def test_encoding_once_gives_the_same_video():
    fast_paths.install()
    frames = _moving_frames()
    # single frames, a still held 7 frames (a wait), and a non-contiguous array
    sequence = [(frames[0], 1), (frames[1], 7), (frames[2], 1), (np.asfortranarray(frames[3]), 3), (frames[4], 1)]
    fast, fast_bytes = _encode(sequence, slow=False)
    slow, slow_bytes = _encode(sequence, slow=True)
    assert len(fast) == len(slow) == 13
    for f, s in zip(fast, slow):
        np.testing.assert_array_equal(f, s)
    assert fast_bytes == slow_bytes


def test_faster_preset_is_as_close_to_the_frames_as_manims_default():
    frames = _surface_frames((480, 270))[1:3]  # RGBA, as manim hands frames to the encoder
    sequence = [(frame, 4) for frame in frames]
    source = [frame[..., :3] for frame in frames for _ in range(4)]
    default, _ = _encode(sequence, slow=True)  # preset medium, crf 23 (manim's)
    faster, _ = _encode(sequence, slow=True, options=fast_paths.X264_OPTIONS)
    psnr_default = [_psnr(a, b) for a, b in zip(default, source)]
    psnr_faster = [_psnr(a, b) for a, b in zip(faster, source)]
    assert np.mean(psnr_faster) >= np.mean(psnr_default) - 0.25
    assert min(psnr_faster) >= min(psnr_default) - 0.5
    assert min(psnr_faster) > 38


def test_preset_is_applied_to_the_partial_movie_stream(tmp_path):
    from manim import Scene, Square

    class OneSquare(Scene):
        def construct(self):
            self.add(Square())
            self.wait(0.2)

    fast_paths.install()
    with tempconfig({"media_dir": str(tmp_path), "pixel_width": 64, "pixel_height": 36, "frame_rate": 10,
                     "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"}):
        scene = OneSquare()
        scene.render()
        movie = scene.renderer.file_writer.movie_file_path
    data = open(movie, "rb").read()
    settings = data[data.find(b"x264 - core"):][:2000]
    assert b"subme=1 " in settings and b"me=dia" in settings  # superfast's, not medium's subme=7 me=hex
    assert b"crf=22.0" in settings


# ------------------------------------------------------------------ the chapter join
def _part(path, frames) -> None:
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=15, options={"crf": "23", **fast_paths.X264_OPTIONS})
        stream.pix_fmt, stream.width, stream.height = "yuv420p", 96, 64
        for frame in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgba")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def test_copy_join_shows_each_parts_own_frames_with_markers(tmp_path, monkeypatch):
    from explainer.chapter import Part, join_videos

    frames = _moving_frames(6)
    lengths = (4, 7, 5)
    parts = []
    for k, n in enumerate(lengths):
        path = tmp_path / f"part{k}.mp4"
        _part(path, [frames[(i + k) % 6] for i in range(n)])
        parts.append(Part(path, f"part {k}"))
    decoded_parts = []
    for part in parts:
        with av.open(str(part.video)) as c:
            decoded_parts += [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]

    target = tmp_path / "joined.mp4"
    durations = join_videos(parts, target, "en")
    assert durations == pytest.approx([n / 15 for n in lengths])
    with av.open(str(target)) as c:
        joined = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
        chapters = c.chapters()
        stream = c.streams.video[0]
        duration = float(stream.duration * stream.time_base)
    assert len(joined) == sum(lengths)
    for a, b in zip(joined, decoded_parts):  # copied packets: exactly the parts' frames
        np.testing.assert_array_equal(a, b)
    assert [ch["metadata"]["title"] for ch in chapters] == ["part 0", "part 1", "part 2"]
    assert duration == pytest.approx(sum(lengths) / 15, abs=1e-6)

    monkeypatch.setenv(fast_paths.SLOW_PATHS_ENV, "1")  # the re-encoding join: same frame count, close
    durations_slow = join_videos(parts, tmp_path / "slow.mp4", "en")
    assert durations_slow == durations
    with av.open(str(tmp_path / "slow.mp4")) as c:
        slow = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    assert len(slow) == len(joined)
    assert min(_psnr(a, b) for a, b in zip(slow, joined)) > 35
