"""Faster rendering mechanics for manim 0.21's Cairo renderer, drawing the same pixels as upstream.

``install()`` (explicit, idempotent; ``scenes.base`` calls it after ``manim_compat.install``;
``EXPLAINER_SLOW_PATHS=1`` keeps manim's own paths, the reference for tests and the benchmark)
replaces four of manim's inner steps. ``tests/test_render_speed.py`` renders both ways and
compares: 1-3 give identical pixels; 4 changes only the compression, measured by PSNR.

1. Encoding each frame once. manim's encoder thread (``_PartialMovieEncodeJob``) wraps every frame
   it writes in a new RGBA ``av.VideoFrame`` (an 8 MB copy at 1080p) and lets the stream convert
   it to YUV 4:2:0 (swscale), once per *written* frame: a 3-second still is converted 180 times
   at 60 fps. Here the RGBA array is wrapped without a copy, converted once with the stream's
   own conversion (same size, format and thread count as ``VideoCodecContext`` uses), and
   repeats are cheap copies of the converted planes. The encoded video is bit-identical.
2. The 3D camera's per-face work done for all faces at once (``scenes.shading``): depth order,
   projection, normals and lit colours in numpy, then the same Cairo calls per face.
3. Families without copies. ``Mobject.get_family`` runs for every mobject in every frame and
   de-duplicates a list even for a mobject without submobjects (most of them): it returns
   ``[self]`` for those at once (the same list upstream builds).
5. ``Camera.type_or_raise`` answered once per class instead of per mobject and frame.
6. Copies without the generic walk. ``Mobject.copy`` (every animation's target, every cached
   Text/MathTex handed out again) deep-copies each attribute with ``copy.deepcopy``; most are
   numbers, flags and numpy arrays, copied here directly, and a text glyph's ``path_obj`` (the
   svgelements path it was built from, read only in ``__init__``) is shared instead of rebuilt
   object by object (two thirds of the time to copy a Text). Same attributes, same values.
4. A faster x264 preset (``X264_OPTIONS``) instead of manim's "medium", crf 23: the one change
   that is not bit-identical, chosen so the video is at least as close to the rendered frames.
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
    from manim.scene.scene_file_writer import SceneFileWriter, _PartialMovieEncodeJob

    from scenes import shading

    return {
        (_PartialMovieEncodeJob, "_encode_and_write_frame"): _encode_once,
        (SceneFileWriter, "open_partial_movie_stream"): _open_stream_with_preset,
        (Mobject, "get_family"): _family,
        (Camera, "type_or_raise"): _type_or_raise,
        (Mobject, "__deepcopy__"): _deepcopy_mobject,
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


# ---------------------------------------------------------------------------- 6. copies
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

