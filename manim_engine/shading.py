"""manim's Cairo ThreeDCamera, with the per-face work of a frame done for all faces at once.

Upstream, every frame, for every face of a surface (ErrorSurface: 676 faces): ``z_key`` finds
the face's centre (a bounding box over its anchors, in Python), ``modified_rgbas`` computes
two unit normals and two shaded colours (for the fill, then again for the stroke), and
``set_cairo_context_path`` / ``set_cairo_context_color`` project its points and the gradient's
end points (three ``project_points`` calls). Here each of those is one numpy pass over all
faces of the same size: the depth keys, the projection, the normals (``unit_normals``, the
same cases as ``manim.utils.space_ops.get_unit_normal``) and the lit colours (``shade``,
``get_shaded_rgb``'s formula). Cairo then gets the same calls in the same order: a path of
cubic curves, a two-stop linear gradient from the start corner to the end corner, fill, stroke.

A face takes this path when it is a plain shaded VMobject of at least two curves in one
closed-or-open subpath, with finite points, no background stroke, not fixed in frame or
orientation; anything else (text, axes, lines) goes through upstream's ``display_vectorized``
in its place in the depth order. ``tests/test_render_speed.py`` compares frames with upstream.
"""

from __future__ import annotations

import numpy as np

RTOL = 1.0e-5    # numpy.isclose's default, as manim's point comparisons use
#: An edge whose cubic stays this close (in pixels) to its chord is drawn as that chord:
#: ErrorSurface's edges bend by at most 0.07 px at 854x480 (0.16 px at 1080p).
STRAIGHT_PX = 0.25
NORMAL_TOL = 1e-6  # get_unit_normal's default tolerance


def install() -> None:
    from manim.camera.three_d_camera import ThreeDCamera

    ThreeDCamera.get_mobjects_to_display = sorted_by_depth
    ThreeDCamera.display_multiple_non_background_colored_vmobjects = display_faces_at_once


def _upstream():
    from manim.camera.camera import Camera

    return Camera


# ------------------------------------------------------------------------------- depth order
def sorted_by_depth(self, *args, **kwargs) -> list:
    """``ThreeDCamera.get_mobjects_to_display``: the same stable sort by the same keys."""
    mobjects = _upstream().get_mobjects_to_display(self, *args, **kwargs)
    rot_matrix = self.get_rotation_matrix()
    keys = np.full(len(mobjects), np.inf)
    by_size: dict[int, list[int]] = {}
    for i, mob in enumerate(mobjects):
        if not getattr(mob, "shade_in_3d", False):
            continue
        n = len(mob.points)
        if getattr(mob, "z_index_group", mob) is mob and not mob.submobjects and n >= 4 and n % 4 == 0:
            by_size.setdefault(n, []).append(i)
        else:
            keys[i] = np.dot(mob.get_z_index_reference_point(), rot_matrix.T)[2]
    for indices in by_size.values():
        points = np.stack([mobjects[i].points for i in indices])
        anchors = np.concatenate([points[:, 0::4], points[:, 3::4]], axis=1)  # VMobject.get_anchors
        centres = (anchors.min(axis=1) + anchors.max(axis=1)) / 2             # get_critical_point(ORIGIN)
        keys[indices] = centres @ rot_matrix[2]
    key_list = keys.tolist()
    return [mobjects[i] for i in sorted(range(len(mobjects)), key=key_list.__getitem__)]


# ------------------------------------------------------------------------------- shading
def unit_normals(v1: np.ndarray, v2: np.ndarray) -> np.ndarray:
    """``get_unit_normal(v1[k], v2[k])`` for every row k (then ``UP`` for a zero normal, as
    ``get_3d_vmob_unit_normal``); rows outside the usual case are handed to upstream."""
    from manim.utils.space_ops import get_unit_normal

    div1, div2 = np.abs(v1).max(axis=1), np.abs(v2).max(axis=1)
    usual = (div1 != 0) & (div2 != 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        u1, u2 = v1 / div1[:, None], v2 / div2[:, None]
        cp = np.stack([u1[:, 1] * u2[:, 2] - u1[:, 2] * u2[:, 1],
                       u1[:, 2] * u2[:, 0] - u1[:, 0] * u2[:, 2],
                       u1[:, 0] * u2[:, 1] - u1[:, 1] * u2[:, 0]], axis=1)
        cp_norm = np.sqrt(np.einsum("ij,ij->i", cp, cp))
        normals = cp / cp_norm[:, None]
    for k in np.flatnonzero(~(usual & (cp_norm > NORMAL_TOL))):
        normals[k] = get_unit_normal(v1[k], v2[k])
        if np.linalg.norm(normals[k]) == 0:
            normals[k] = (0.0, 1.0, 0.0)
    return normals


def corner_normals(points: np.ndarray, corner: int) -> np.ndarray:
    """``get_3d_vmob_unit_normal(face, corner)`` for faces (F, n, 3) of n points each."""
    n = points.shape[1]
    before = corner - 3 if corner > 2 else n - 4
    after = corner + 3 if corner < n - 3 else 3
    return unit_normals(points[:, after] - points[:, corner], points[:, before] - points[:, corner])


def shade(rgbs: np.ndarray, corners: np.ndarray, normals: np.ndarray, light: np.ndarray) -> np.ndarray:
    """``get_shaded_rgb`` for every row: rgb + 0.5 (n · to_sun)³, halved when negative."""
    to_sun = light - corners
    norms = np.sqrt(np.einsum("ij,ij->i", to_sun, to_sun))
    to_sun = np.divide(to_sun, norms[:, None], out=np.zeros_like(to_sun), where=norms[:, None] > 0)
    lit = 0.5 * np.einsum("ij,ij->i", normals, to_sun) ** 3
    lit = np.where(lit < 0, lit * 0.5, lit)
    return rgbs + lit[:, None]


def two_rows(all_rgbas: list) -> np.ndarray:
    """(F, 2, 4): for each face the two colours ``modified_rgbas`` shades (its first two, or its
    only one twice)."""
    if all(len(rgbas) == 1 for rgbas in all_rgbas):
        single = np.concatenate(all_rgbas).astype(float)
        return np.stack([single, single], axis=1)
    return np.array([rgbas.repeat(2, axis=0) if len(rgbas) < 2 else rgbas[:2] for rgbas in all_rgbas], dtype=float)


# ------------------------------------------------------------------------------- drawing
def _fast_face(camera, vmobject) -> bool:
    """A face ``FacePlan`` can draw (finite points are checked there, for all faces at once)."""
    n = len(vmobject.points)
    return (vmobject.shade_in_3d and n >= 8 and n % 4 == 0 and not vmobject.submobjects
            and not vmobject.background_stroke_width
            and vmobject not in camera.fixed_in_frame_mobjects
            and vmobject not in camera.fixed_orientation_mobjects)


def _close(a: np.ndarray, b: np.ndarray, atol: np.ndarray) -> np.ndarray:
    """manim's 2D point equality (np.isclose per coordinate, both coordinates), row-wise."""
    return np.all((a == b) | (np.abs(a - b) <= atol[..., None] + RTOL * np.abs(b)), axis=-1)


def _off_chord(projected: np.ndarray) -> np.ndarray:
    """(F,): how far any handle of a face's cubic edges lies from its edge's chord, or beyond
    its ends (in the projected units); 0 for edges drawn as straight lines."""
    start, h1, h2, end = (projected[:, k::4] for k in range(4))
    chord = end - start
    length2 = np.maximum(np.einsum("fij,fij->fi", chord, chord), 1e-300)
    worst = np.zeros(projected.shape[0])
    for handle in (h1, h2):
        rel = handle - start
        along = np.einsum("fij,fij->fi", rel, chord) / length2          # 0..1 inside the edge
        across = np.abs(chord[..., 0] * rel[..., 1] - chord[..., 1] * rel[..., 0]) / np.sqrt(length2)
        beyond = np.maximum(np.maximum(-along, along - 1), 0) * np.sqrt(length2)
        worst = np.maximum(worst, np.max(np.maximum(across, beyond), axis=1))
    return worst


class FacePlan:
    """Everything Cairo needs for faces of one size: 2D points, gradient ends, lit colours."""

    def __init__(self, camera, faces: list) -> None:
        points = np.stack([f.points for f in faces])              # (F, n, 3)
        count, n = points.shape[:2]
        end = ((n - 1) // 6) * 3                                   # get_3d_vmob_end_corner_index
        projected = camera.project_points(points.reshape(-1, 3)).reshape(count, n, 3)[:, :, :2]
        atol = np.array([f.tolerance_for_point_equality for f in faces], dtype=float)
        inner = np.arange(4, n, 4)
        # One subpath: every curve starts where the last one ended (else upstream draws the face).
        # (and finite: upstream draws a face with a non-finite point as a single point at the origin)
        self.one_path = np.all(_close(projected[:, inner - 1], projected[:, inner],
                                      np.broadcast_to(atol[:, None], (count, len(inner)))), axis=1)
        self.one_path &= np.isfinite(points).all(axis=(1, 2))
        self.closed = _close(projected[:, 0], projected[:, n - 1], atol).tolist()
        self.xy = projected.reshape(count, -1).tolist()
        # Faces whose every edge is straight to within STRAIGHT_PX of a pixel are drawn with
        # line_to (Cairo strokes and fills cubic curves at twice the cost of lines).
        self.straight = (_off_chord(projected) <= STRAIGHT_PX * camera.frame_width / camera.pixel_width).tolist()
        self.corners = projected[:, 3::4].reshape(count, -1).tolist()
        self.ends = projected[:, [0, end]].reshape(count, 4).tolist()
        light = camera.light_source.points[0]
        start_normals, end_normals = corner_normals(points, 0), corner_normals(points, end)
        self.colours = {}
        for kind, rgbas in (("fill", two_rows([f.get_fill_rgbas() for f in faces])),
                            ("stroke", two_rows([f.get_stroke_rgbas() for f in faces]))):
            rgbas[:, 0, :3] = shade(rgbas[:, 0, :3], points[:, 0], start_normals, light)
            rgbas[:, 1, :3] = shade(rgbas[:, 1, :3], points[:, end], end_normals, light)
            self.colours[kind] = rgbas[:, :, [2, 1, 0, 3]].reshape(count, 8).tolist()  # Cairo's BGR order


def display_faces_at_once(self, vmobjects, pixel_array) -> None:
    """``display_multiple_non_background_colored_vmobjects`` for the 3D camera (see the module)."""
    vmobjects = list(vmobjects)
    if not self.should_apply_shading:
        return _upstream().display_multiple_non_background_colored_vmobjects(self, vmobjects, pixel_array)
    import cairo
    from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP
    from manim.constants import CapStyleType, LineJointType

    ctx = self.get_cairo_context(pixel_array)
    by_size: dict[int, list[int]] = {}
    for i, vm in enumerate(vmobjects):
        if _fast_face(self, vm):
            by_size.setdefault(len(vm.points), []).append(i)
    plan_of: dict[int, tuple[FacePlan, int]] = {}
    for indices in by_size.values():
        plan = FacePlan(self, [vmobjects[i] for i in indices])
        for row, i in enumerate(indices):
            if plan.one_path[row]:
                plan_of[i] = (plan, row)
    for i, vm in enumerate(vmobjects):
        if i not in plan_of:
            self.display_vectorized(vm, ctx)
            continue
        plan, row = plan_of[i]
        xy = plan.xy[row]
        ctx.new_path()
        ctx.new_sub_path()
        ctx.move_to(xy[0], xy[1])
        if plan.straight[row]:
            corners = plan.corners[row]
            for b in range(0, len(corners), 2):
                ctx.line_to(corners[b], corners[b + 1])
        else:
            for b in range(2, len(xy), 8):
                ctx.curve_to(*xy[b:b + 6])
        if plan.closed[row]:
            ctx.close_path()
        x0, y0, x1, y1 = plan.ends[row]
        for kind in ("fill", "stroke"):
            if kind == "stroke":
                width = vm.get_stroke_width()
                if width == 0:
                    continue
            c = plan.colours[kind][row]
            gradient = cairo.LinearGradient(x0, y0, x1, y1)
            gradient.add_color_stop_rgba(0.0, *c[:4])
            gradient.add_color_stop_rgba(1.0, *c[4:])
            ctx.set_source(gradient)
            if kind == "fill":
                ctx.fill_preserve()
                continue
            ctx.set_line_width(width * self.cairo_line_width_multiple)
            if vm.joint_type != LineJointType.AUTO:
                ctx.set_line_join(LINE_JOIN_MAP[vm.joint_type])
            if vm.cap_style != CapStyleType.AUTO:
                ctx.set_line_cap(CAP_STYLE_MAP[vm.cap_style])
            ctx.stroke_preserve()
    return None
