"""Faster rendering mechanics for manim 0.21's Cairo renderer, drawing what upstream draws.

``install()`` (explicit, idempotent; ``scenes.base`` calls it after ``manim_compat.install``;
``EXPLAINER_SLOW_PATHS=1`` keeps manim's own paths, the reference for tests and the benchmark)
replaces some of manim's inner steps. ``tests/test_render_speed.py`` renders or builds both ways
and compares: all give identical pixels or objects except 2b and 7, which are measured by PSNR.

1. Encoding each frame once. manim's encoder thread (``_PartialMovieEncodeJob``) wraps every frame
   it writes in a new RGBA ``av.VideoFrame`` (an 8 MB copy at 1080p) and lets the stream convert
   it to YUV 4:2:0 (swscale), once per *written* frame: a 3-second still is converted 180 times
   at 60 fps. Here the RGBA array is wrapped without a copy, converted once with the stream's
   own conversion (same size, format and thread count as ``VideoCodecContext`` uses), and
   repeats are cheap copies of the converted planes. The encoded video is bit-identical.
2. The 3D camera's per-face work done for all faces at once (``manim_engine.shading``): depth order,
   projection, normals and lit colours in numpy, then the same Cairo calls per face, except
   (2b) that an edge within ``shading.STRAIGHT_PX`` (a quarter pixel) of straight is drawn as a
   line, which Cairo fills and strokes at half the cost of a cubic curve.
3. Families without copies. ``Mobject.get_family`` runs for every mobject in every frame and
   de-duplicates a list even for a mobject without submobjects (most of them): it returns
   ``[self]`` for those at once (the same list upstream builds).
4. ``Camera.type_or_raise`` answered once per class instead of per mobject and frame.
5. Copies without the generic walk. ``Mobject.copy`` (every animation's target, every cached
   Text/MathTex handed out again) deep-copies each attribute with ``copy.deepcopy``; most are
   numbers, flags and numpy arrays, copied here directly, and a text glyph's ``path_obj`` (the
   svgelements path it was built from, read only in ``__init__``) is shared instead of rebuilt
   object by object (two thirds of the time to copy a Text). Same attributes, same values.
6. Typeset SVGs parsed once (``manim_engine.svg_cache``): the shapes a Text/MathTex SVG gives are kept
   between renders (as plain, checksummed data) instead of being parsed again by svgelements for
   every ``Text(...)``.
8. Paths of a few dozen points (every glyph) handed to Cairo without numpy's small-array overhead:
   the same calls with the same numbers.
7. A faster x264 preset (``X264_OPTIONS``) instead of manim's "medium", crf 23: not bit-identical,
   chosen so the video is at least as close to the rendered frames.
"""

from __future__ import annotations

import copy
import itertools as it

import numpy as np
from manim.utils.iterables import remove_list_redundancies

#: Set to "1" to render with manim's own paths (the benchmark's and the tests' reference).
SLOW_PATHS_ENV = "EXPLAINER_SLOW_PATHS"


def _targets() -> dict:
    """(class, method name) -> our replacement, for every method the fast paths replace."""
    from manim.camera.camera import Camera
    from manim.camera.three_d_camera import ThreeDCamera
    from manim.mobject.mobject import Mobject
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.scene.scene_file_writer import SceneFileWriter, _PartialMovieEncodeJob

    from manim_engine import shading, svg_cache

    return {
        (_PartialMovieEncodeJob, "_encode_and_write_frame"): _encode_once,
        (SceneFileWriter, "open_partial_movie_stream"): _open_stream_with_preset,
        (Mobject, "get_family"): _family,
        (Camera, "type_or_raise"): _type_or_raise,
        (Camera, "set_cairo_context_path"): _set_cairo_context_path,
        (Mobject, "__deepcopy__"): _deepcopy_mobject,
        (SVGMobject, "generate_mobject"): svg_cache.generate_mobject,
        (ThreeDCamera, "get_mobjects_to_display"): shading.sorted_by_depth,
        (ThreeDCamera, "display_multiple_non_background_colored_vmobjects"): shading.display_faces_at_once,
    }


_UPSTREAM: dict = {}


def install() -> None:
    """Install the fast paths unless ``EXPLAINER_SLOW_PATHS=1`` (idempotent)."""
    import os

    if os.environ.get(SLOW_PATHS_ENV) == "1":
        return
    for (cls, name), replacement in _targets().items():
        if (cls, name) not in _UPSTREAM:
            _UPSTREAM[(cls, name)] = cls.__dict__.get(name)  # None: inherited, restored by deleting
        setattr(cls, name, replacement)


def uninstall() -> None:
    """Back to manim's own paths (the reference the tests compare with)."""
    for (cls, name), original in _UPSTREAM.items():
        if original is None:
            if name in cls.__dict__:
                delattr(cls, name)
        else:
            setattr(cls, name, original)
    _UPSTREAM.clear()


def installed() -> bool:
    return all(getattr(cls, name) is replacement for (cls, name), replacement in _targets().items())


# ---------------------------------------------------------------------------- 3. families
def _family(self, recurse: bool = True) -> list:
    """``Mobject.get_family``: a mobject without submobjects is its own family, as upstream
    finds after building and de-duplicating an empty chain (every frame, for every mobject)."""
    if not self.submobjects:
        return [self]
    sub_families = [x.get_family() for x in self.submobjects]
    return remove_list_redundancies([self, *it.chain.from_iterable(sub_families)])


# ---------------------------------------------------------------------------- 5. copies
#: Values a deep copy may share: immutable, or (``path_obj``) never changed after ``__init__``.
_IMMUTABLE_TYPES = frozenset({int, float, bool, str, type(None), np.float64, np.int64})
_SHARED_ATTRIBUTES = frozenset({"path_obj"})


def _deepcopy_mobject(self, memo: dict):
    """``Mobject.__deepcopy__``: the same walk over ``__dict__`` (``memo`` keeps shared parts
    shared), with numbers, flags, plain arrays and colours copied directly."""
    from manim.utils.color.core import ManimColor

    cls = self.__class__
    result = cls.__new__(cls)
    memo[id(self)] = result
    for key, value in self.__dict__.items():
        kind = type(value)
        if kind in _IMMUTABLE_TYPES or key in _SHARED_ATTRIBUTES:
            new = value
        elif kind is np.ndarray and value.dtype != object:
            new = memo.get(id(value))
            if new is None:
                new = memo[id(value)] = value.copy(order="K")
        elif kind is ManimColor and len(value.__dict__) == 1:
            new = memo.get(id(value))
            if new is None:
                new = memo[id(value)] = ManimColor.__new__(ManimColor)
                new._internal_value = value._internal_value.copy()
        else:
            new = copy.deepcopy(value, memo)
        setattr(result, key, new)
    result.original_id = str(id(self))
    return result


# ---------------------------------------------------------------------------- 8. paths
#: Up to this many points a path's subpaths are found in plain Python (numpy's per-call cost
#: dominates for a glyph of a few dozen points); longer ones use upstream's vectorised search.
SMALL_PATH_POINTS = 256


def _set_cairo_context_path(self, ctx, vmobject):
    """``Camera.set_cairo_context_path``: the same Cairo calls with the same numbers; for short
    paths the subpath boundaries (upstream's ``get_subpath_split_indices_from_points`` with
    ``n_dims=2``) and the closing test are found on Python floats instead of small numpy arrays."""
    points = self.transform_points_pre_display(vmobject, vmobject.points)
    n = len(points)
    if n == 0:
        return self
    if n > SMALL_PATH_POINTS:
        return _upstream_path(self, ctx, vmobject)
    ctx.new_path()
    if n < 4:
        return self
    xy = points[:, :2].tolist()
    atol, rtol = vmobject.tolerance_for_point_equality, 1.0e-5

    def close(p, q) -> bool:  # numpy.isclose(p, q) on both coordinates, q the reference
        return ((p[0] == q[0] or abs(p[0] - q[0]) <= atol + rtol * abs(q[0]))
                and (p[1] == q[1] or abs(p[1] - q[1]) <= atol + rtol * abs(q[1])))

    starts = [0, *(b for b in range(4, n, 4) if not close(xy[b - 1], xy[b])), n]
    for start, end in zip(starts, starts[1:]):
        if end - start < 4:
            continue
        ctx.new_sub_path()
        ctx.move_to(*xy[start])
        for i in range(start, end - 3, 4):
            ctx.curve_to(*xy[i + 1], *xy[i + 2], *xy[i + 3])
        if vmobject.consider_points_equals_2d(xy[start], xy[end - 1]):
            ctx.close_path()
    return self


def _upstream_path(camera, ctx, vmobject):
    from manim.camera.camera import Camera

    return _UPSTREAM[(Camera, "set_cairo_context_path")](camera, ctx, vmobject)


_KIND_OF_CLASS: dict = {}


def _type_or_raise(self, mobject):
    """``Camera.type_or_raise``: which display function draws ``mobject``. Upstream rebuilds its
    table of display functions and walks it with isinstance for every mobject of every frame; the
    answer depends only on the class, so it is looked up once per class (same table, same order)."""
    from manim.camera.camera import Camera

    kind = _KIND_OF_CLASS.get(type(mobject))
    if kind is None or "display_funcs" not in self.__dict__:
        kind = _UPSTREAM[(Camera, "type_or_raise")](self, mobject)  # also sets self.display_funcs
        _KIND_OF_CLASS[type(mobject)] = kind
    return kind


# ---------------------------------------------------------------------------- 1. encoding once
def convert_for_stream(stream, frame: np.ndarray):
    """``frame`` (H x W x 4 uint8 RGBA) as the stream's own pixel format, converted as
    ``VideoCodecContext`` converts a frame it is given (same reformatter call), without copying
    the RGBA pixels first."""
    import av
    from av.video.reformatter import VideoReformatter

    rgba = (av.VideoFrame.from_numpy_buffer(frame, format="rgba") if frame.flags.c_contiguous
            else av.VideoFrame.from_ndarray(frame, format="rgba"))
    context = stream.codec_context
    if rgba.format.name == context.format.name and (rgba.width, rgba.height) == (context.width, context.height):
        return rgba
    return VideoReformatter().reformat(rgba, context.width, context.height, context.format,
                                       threads=context.thread_count)


#: x264's settings for every partial movie, instead of manim's preset "medium", crf 23: half
#: the encoder's CPU time at 1080p, and as close to the lossless frames (PSNR) or closer
#: (tests/test_render_speed.py checks that on rendered frames); files are ~30% larger.
X264_OPTIONS = {"preset": "superfast", "crf": "22"}


def _open_stream_with_preset(self, file_path=None) -> None:
    """``SceneFileWriter.open_partial_movie_stream``, then ``X264_OPTIONS`` for an H.264 stream
    (the options apply when the encoder opens, at its first frame)."""
    from manim.scene.scene_file_writer import SceneFileWriter

    _UPSTREAM[(SceneFileWriter, "open_partial_movie_stream")](self, file_path)
    job = self._current_encode_job
    if job is not None and job.stream.codec_context.name == "libx264":
        job.stream.codec_context.options = {**job.stream.codec_context.options, **X264_OPTIONS}


def _encode_once(self, frame: np.ndarray, num_frames: int) -> None:
    """``_PartialMovieEncodeJob._encode_and_write_frame``: the frame converted once, repeats copied."""
    import av

    converted = convert_for_stream(self.stream, frame)
    planes = converted.to_ndarray() if num_frames > 1 else None
    for i in range(num_frames):
        # A new frame each time: the encoder stamps each one's pts (upstream's note on reuse).
        av_frame = converted if i == 0 else av.VideoFrame.from_ndarray(planes, format=converted.format.name)
        for packet in self.stream.encode(av_frame):
            self.container.mux(packet)

