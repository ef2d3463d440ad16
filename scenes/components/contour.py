"""The error surface drawn three ways with ONE colour scale: contour map, colour bar, 3D surface.

- ``LossColourScale`` maps a loss value to a colour, blue (low) to red (high), on a log
  scale by default so the valley around the minimum stays visible.
- ``ContourMap`` fills an ``Axes`` box with the scale's colour bands (filled contours, drawn
  as vector regions, so nothing is rebuilt per frame) and adds labelled contour lines.
- ``ColourBar`` shows the same scale with ticks.
- ``LossSurface`` is the same grid as a 3D ``Surface`` on ``ThreeDAxes``, each face coloured
  by the same scale, so a colour means the same loss in 2D and 3D.

The grids come from ``mathcore.surface``; nothing here computes a loss.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Line,
    ManimColor,
    MathTex,
    Rectangle,
    Surface,
    Text,
    ThreeDAxes,
    VGroup,
    VMobject,
)
from scipy.interpolate import RegularGridInterpolator

from scenes import theme
from scenes.components.isolines import isolines, sublevel_loops
from scenes.number_format import number_text


def _check_grid(w_grid, b_grid, loss) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    w_grid, b_grid, loss = (np.asarray(a, dtype=float) for a in (w_grid, b_grid, loss))
    if loss.shape != (len(b_grid), len(w_grid)):
        raise ValueError(f"loss must have shape (len(b_grid), len(w_grid)) = {(len(b_grid), len(w_grid))}, "
                         f"got {loss.shape}; mathcore.surface.error_surface returns that shape")
    if not (np.all(np.diff(w_grid) > 0) and np.all(np.diff(b_grid) > 0)):
        raise ValueError("w_grid and b_grid must be strictly increasing")
    if not np.all(np.isfinite(loss)):
        raise ValueError("loss must be finite everywhere on the grid")
    return w_grid, b_grid, loss


def format_level(value: float) -> str:
    """A contour value in at most three significant digits, without exponent notation."""
    if value >= 100:
        return number_text(value)
    if value >= 10:
        return f"{value:.1f}".rstrip("0").rstrip(".")
    if value >= 1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.3f}".rstrip("0").rstrip(".")


class LossColourScale:
    """Loss -> colour, blue for low and red for high, linear in log(loss) (or in loss).

    The scale is cut into ``n_bands`` equal bands; ``band_rgb`` gives a band's one colour, as
    the filled contour map, the colour bar and the 3D surface all show it.

    >>> scale = LossColourScale(0.5, 8.0)
    >>> float(scale.fraction(2.0))  # halfway on the log scale
    0.5
    """

    def __init__(self, low: float, high: float, log: bool = True, n_bands: int = 24,
                 colours: Sequence[str] = tuple(theme.LOSS_COLOURS)) -> None:
        if not (np.isfinite(low) and np.isfinite(high) and high > low):
            raise ValueError(f"need finite low < high for the colour scale, got low={low}, high={high}")
        if log and low <= 0:
            raise ValueError(f"a log colour scale needs low > 0, got {low}; pass log=False")
        if n_bands < 2:
            raise ValueError(f"n_bands must be at least 2, got {n_bands}")
        self.low, self.high, self.log, self.n_bands = float(low), float(high), bool(log), int(n_bands)
        self._rgb = np.array([ManimColor(c).to_rgb() for c in colours])

    @classmethod
    def for_grid(cls, loss: np.ndarray, log: bool = True, n_bands: int = 24) -> "LossColourScale":
        """A scale spanning a grid's smallest to largest loss."""
        loss = np.asarray(loss, dtype=float)
        return cls(float(loss.min()), float(loss.max()), log=log, n_bands=n_bands)

    def _t(self, values) -> np.ndarray:
        v = np.asarray(values, dtype=float)
        return np.log(np.maximum(v, 1e-300)) if self.log else v

    def fraction(self, values) -> np.ndarray:
        """Position on the scale, 0 at ``low`` and 1 at ``high`` (clipped)."""
        lo, hi = self._t(self.low), self._t(self.high)
        return np.clip((self._t(values) - lo) / (hi - lo), 0.0, 1.0)

    def value_at(self, fraction) -> np.ndarray:
        """The loss at a position on the scale (the inverse of ``fraction``)."""
        lo, hi = self._t(self.low), self._t(self.high)
        t = lo + np.asarray(fraction, dtype=float) * (hi - lo)
        return np.exp(t) if self.log else t

    def rgb_at_fraction(self, fraction) -> np.ndarray:
        """RGB in [0, 1] at scale positions, piecewise linear through the palette."""
        f = np.clip(np.asarray(fraction, dtype=float), 0.0, 1.0) * (len(self._rgb) - 1)
        i = np.minimum(f.astype(int), len(self._rgb) - 2)
        frac = (f - i)[..., None]
        return self._rgb[i] * (1 - frac) + self._rgb[i + 1] * frac

    def band_edges(self) -> np.ndarray:
        """The ``n_bands + 1`` loss values where the bands meet (``low`` ... ``high``)."""
        return self.value_at(np.linspace(0, 1, self.n_bands + 1))

    def band(self, values) -> np.ndarray:
        """The band index 0 .. n_bands - 1 of each loss value."""
        return np.minimum((self.fraction(values) * self.n_bands).astype(int), self.n_bands - 1)

    def band_rgb(self, values) -> np.ndarray:
        """The colour of each value's band (the colour at the band's middle)."""
        return self.rgb_at_fraction((self.band(values) + 0.5) / self.n_bands)

    def colour(self, value: float) -> ManimColor:
        """The band colour of one loss value."""
        return ManimColor.from_rgb(tuple(float(c) for c in self.band_rgb(value)))

    def levels(self, n: int) -> np.ndarray:
        """``n`` contour values evenly spaced on the scale (inside it), rounded to two significant digits."""
        values = self.value_at(np.linspace(0, 1, n + 2)[1:-1])
        rounded = np.array([float(f"{v:.2g}") for v in values])
        return np.unique(rounded[(rounded > self.low) & (rounded < self.high)])


class ContourMap(VGroup):
    """A loss grid over an ``Axes`` box: filled colour bands, contour lines and their values.

    ``loss[j, i]`` is the loss at ``(w_grid[i], b_grid[j])``; the grid's rectangle should be
    the axes' x/y range. The bands are the sub-level regions ``loss < edge`` of the scale's
    band edges (marching squares, so their borders are smooth), stacked from high to low.
    Labels keep clear of the ``avoid`` boxes ([x0, y0, x1, y1], scene units) and of
    ``avoid_points`` (data units, e.g. a path drawn later).

    >>> from manim import Axes
    >>> w = b = np.linspace(-1, 1, 31)
    >>> axes = Axes(x_range=[-1, 1, 0.5], y_range=[-1, 1, 0.5])
    >>> cmap = ContourMap(axes, w, b, 1 + w[None, :] ** 2 + b[:, None] ** 2, n_levels=4)
    >>> len(cmap.lines) >= 4
    True
    """

    def __init__(self, axes: Axes, w_grid, b_grid, loss, *, scale: LossColourScale | None = None,
                 levels: Sequence[float] | None = None, n_levels: int = 7, label_size: float = 16,
                 opacity: float = 1.0, avoid: Sequence[np.ndarray] = (), avoid_points: np.ndarray | None = None,
                 show_labels: bool = True) -> None:
        super().__init__()
        self.axes = axes
        self.w_grid, self.b_grid, self.loss = _check_grid(w_grid, b_grid, loss)
        self.colour_scale = scale or LossColourScale.for_grid(self.loss)
        self.levels = np.asarray(levels if levels is not None else self.colour_scale.levels(n_levels), dtype=float)

        self.bands = self._filled_bands(opacity)
        self.lines = VGroup()
        self.line_levels: list[float] = []
        for level in self.levels:
            for run in isolines(self.w_grid, self.b_grid, self.loss, level):
                line = VMobject(stroke_color=theme.CONTOUR_LINE, stroke_width=1.6, stroke_opacity=0.75)
                line.set_points_as_corners(self._to_scene(run))
                line.data_points = run
                self.lines.add(line)
                self.line_levels.append(float(level))
        avoid = [np.asarray(b, dtype=float) for b in avoid]
        if avoid_points is not None:  # e.g. a path's points (data units): keep labels off them
            for p in self._to_scene(np.asarray(avoid_points, dtype=float)):
                avoid.append(np.array([p[0] - 0.1, p[1] - 0.1, p[0] + 0.1, p[1] + 0.1]))
        self.labels = self._place_labels(label_size, avoid) if show_labels else VGroup()
        self.add(self.bands, self.lines, self.labels)

    def _to_scene(self, points: np.ndarray) -> np.ndarray:
        return np.asarray(self.axes.c2p(points[:, 0], points[:, 1])).T

    def _filled_bands(self, opacity: float) -> VGroup:
        """Band k is drawn as the region loss < edge[k + 1], on top of the higher bands."""
        edges = self.colour_scale.band_edges()
        w0, w1, b0, b1 = self.w_grid[0], self.w_grid[-1], self.b_grid[0], self.b_grid[-1]
        rect = np.array([[w0, b0], [w1, b0], [w1, b1], [w0, b1], [w0, b0]])
        bands = VGroup()
        for k in range(self.colour_scale.n_bands - 1, -1, -1):
            loops = [rect] if k == self.colour_scale.n_bands - 1 else sublevel_loops(
                self.w_grid, self.b_grid, self.loss, edges[k + 1])
            if not loops:
                continue
            band = VMobject(stroke_width=0, fill_opacity=opacity)
            colour = self.colour_scale.rgb_at_fraction((k + 0.5) / self.colour_scale.n_bands)
            band.set_fill(ManimColor.from_rgb(tuple(colour)), opacity=opacity)
            for loop in loops:
                points = self._to_scene(loop)
                band.start_new_path(points[0])
                band.add_points_as_corners(points[1:])
            band.band_index = k
            bands.add(band)
        return bands

    def _place_labels(self, size: float, avoid: list[np.ndarray]) -> VGroup:
        """One value per level, on its longest line, where it fits inside the axes and apart."""
        labels = VGroup()
        x0, y0 = self.axes.c2p(self.w_grid[0], self.b_grid[0])[:2]
        x1, y1 = self.axes.c2p(self.w_grid[-1], self.b_grid[-1])[:2]
        taken = [np.asarray(b, dtype=float) for b in avoid]
        for level in self.levels:
            candidates = [line for line, lv in zip(self.lines, self.line_levels) if lv == level]
            if not candidates:
                continue
            line = max(candidates, key=lambda m: len(m.data_points))
            label = Text(format_level(level), font=theme.FONT_EN, font_size=size, color=theme.TEXT)
            label.set_stroke(theme.BACKGROUND, width=3, background=True)
            anchors = line.get_anchors()
            for frac in (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9, 0.05, 0.95):
                label.move_to(anchors[int(frac * (len(anchors) - 1))])
                box = _box(label)
                pad = 0.05
                inside = box[0] > x0 + pad and box[2] < x1 - pad and box[1] > y0 + pad and box[3] < y1 - pad
                if inside and not any(_overlap(box, other, 0.06) for other in taken):
                    taken.append(box)
                    label.level = float(level)
                    labels.add(label)
                    break
        return labels


def _box(mobject) -> np.ndarray:
    low, high = mobject.get_corner(DOWN + LEFT), mobject.get_corner(UP + RIGHT)
    return np.array([low[0], low[1], high[0], high[1]])


def _overlap(a: np.ndarray, b: np.ndarray, gap: float = 0.0) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > -gap and min(a[3], b[3]) - max(a[1], b[1]) > -gap


class ColourBar(VGroup):
    """The colour scale as a vertical strip of its bands with labelled ticks (low at the bottom)."""

    def __init__(self, scale: LossColourScale, ticks: Sequence[float], height: float = 3.0,
                 width: float = 0.22, label_size: float = 16, title: Text | None = None) -> None:
        super().__init__()
        self.colour_scale = scale
        step = height / scale.n_bands
        self.strip = VGroup(*[
            Rectangle(width=width, height=step, stroke_width=0, fill_opacity=1.0,
                      fill_color=ManimColor.from_rgb(tuple(scale.rgb_at_fraction((k + 0.5) / scale.n_bands))))
            .move_to(UP * (k + 0.5) * step)
            for k in range(scale.n_bands)
        ])
        self.tick_labels = VGroup()
        bottom = self.strip.get_bottom()[1]
        for value in ticks:
            label = Text(format_level(float(value)), font=theme.FONT_EN, font_size=label_size, color=theme.MUTED)
            label.next_to(self.strip, RIGHT, buff=0.1).set_y(bottom + float(scale.fraction(value)) * height)
            self.tick_labels.add(label)
        self.add(self.strip, self.tick_labels)
        if title is not None:
            title.next_to(self.strip, UP, buff=0.2)
            self.title = title
            self.add(title)


class LossSurface(Surface):
    """A loss grid as a 3D surface on ``ThreeDAxes`` (x = w, y = b, z = loss, clipped to z_range).

    Faces are coloured by ``scale`` at the loss in their centre, the same colours as the
    ``ContourMap`` built with the same scale. ``resolution`` faces a side keep it fast.
    """

    def __init__(self, axes: ThreeDAxes, w_grid, b_grid, loss, scale: LossColourScale,
                 resolution: int = 28, opacity: float = 0.95, **kwargs) -> None:
        w_grid, b_grid, loss = _check_grid(w_grid, b_grid, loss)
        self.loss_at = RegularGridInterpolator((b_grid, w_grid), loss)
        self.z_max = float(axes.z_range[1])
        self.colour_scale = scale
        self.axes = axes
        self._mapping_uv_grid = True  # Surface.__init__'s apply_function maps the grid: see below
        super().__init__(
            lambda u, v: axes.c2p(u, v, min(float(self.loss_at([[v, u]])[0]), self.z_max)),
            u_range=[w_grid[0], w_grid[-1]], v_range=[b_grid[0], b_grid[-1]],
            resolution=(resolution, resolution), fill_opacity=opacity, stroke_width=0.4,
            stroke_color=theme.BACKGROUND, checkerboard_colors=False, **kwargs,
        )
        for face in self:
            face.centre_loss = float(self.loss_at([[(face.v1 + face.v2) / 2, (face.u1 + face.u2) / 2]])[0])
            face.set_fill(scale.colour(face.centre_loss), opacity=opacity)  # same band colour as the map

    def apply_function(self, function, **kwargs):
        """``Surface.__init__`` maps every point of its (u, v, 0) grid through ``func``, one point
        at a time (10,816 interpolations for 26 x 26 faces); the first call here maps them all in
        one pass instead, to the same points. Later calls are manim's own."""
        if not self.__dict__.pop("_mapping_uv_grid", False) or kwargs:
            return super().apply_function(function, **kwargs)
        factor = self.pre_function_handle_to_anchor_scale_factor  # as VMobject.apply_function
        self.scale_handle_to_anchor_distances(factor)
        faces = self.family_members_with_points()
        uv = np.concatenate([face.points for face in faces])
        u, v = uv[:, 0], uv[:, 1]
        z = np.minimum(self.loss_at(np.column_stack([v, u])), self.z_max)
        mapped = np.asarray(self.axes.c2p(u, v, z), dtype=float).T
        start = 0
        for face in faces:
            face.points = mapped[start:start + len(face.points)].copy()
            start += len(face.points)
        self.scale_handle_to_anchor_distances(1.0 / factor)
        if self.make_smooth_after_applying_functions:
            self.make_smooth()
        return self


class BoxFrame(VGroup):
    """A box around an ``Axes`` area with tick numbers outside it and axis names (maps, plots).

    The axes' own lines are not drawn (a map has no axis through its middle); ``axes`` is
    only used to place things. ``x_ticks``/``y_ticks`` are data values, written with
    ``x_digits``/``y_digits`` decimals; names are optional.
    """

    def __init__(self, axes: Axes, x_ticks: Sequence[float], y_ticks: Sequence[float],
                 x_name: VMobject | None = None, y_name: VMobject | None = None, number_size: float = 18,
                 x_digits: int = 1, y_digits: int = 1) -> None:
        super().__init__()
        (x0, x1), (y0, y1) = axes.x_range[:2], axes.y_range[:2]
        low, high = axes.c2p(x0, y0), axes.c2p(x1, y1)
        self.box = Rectangle(width=high[0] - low[0], height=high[1] - low[1], stroke_color=theme.MUTED,
                             stroke_width=1.5).move_to((low + high) / 2)
        self.numbers = VGroup()
        self.ticks = VGroup()
        for x in x_ticks:
            p = axes.c2p(x, y0)
            self.ticks.add(Line(p, p + DOWN * 0.1, stroke_color=theme.MUTED, stroke_width=1.5))
            self.numbers.add(Text(number_text(x, x_digits), font=theme.FONT_EN, font_size=number_size,
                                  color=theme.MUTED).next_to(p, DOWN, buff=0.16))
        for y in y_ticks:
            p = axes.c2p(x0, y)
            self.ticks.add(Line(p, p + LEFT * 0.1, stroke_color=theme.MUTED, stroke_width=1.5))
            self.numbers.add(Text(number_text(y, y_digits), font=theme.FONT_EN, font_size=number_size,
                                  color=theme.MUTED).next_to(p, LEFT, buff=0.16))
        self.add(self.box, self.ticks, self.numbers)
        if x_name is not None:
            x_name.next_to(self.box, DOWN, buff=0.5)
            self.add(x_name)
        if y_name is not None:
            y_name.next_to(self.numbers if len(y_ticks) else self.box, LEFT, buff=0.25)
            self.add(y_name)


def map_axes(w_range: Sequence[float], b_range: Sequence[float], width: float, centre,
             b_per_w: float = 1.0) -> Axes:
    """Axes for a (w, b) map centred at ``centre`` (lines never drawn).

    Scales are equal on both axes, except that ``b_per_w`` units of b take the length of one
    unit of w (e.g. 100 when b is in riders/h but the maths counted riders in hundreds).
    """
    height = width * (b_range[1] - b_range[0]) / b_per_w / (w_range[1] - w_range[0])
    axes = Axes(x_range=(*w_range, 0.5), y_range=(*b_range, 0.5 * b_per_w), x_length=width, y_length=height,
                tips=False)
    axes.shift(np.asarray(centre, dtype=float)
               - axes.c2p((w_range[0] + w_range[1]) / 2, (b_range[0] + b_range[1]) / 2))
    return axes


def map_frame(axes: Axes, number_size: float = 18, w_step: float = 1.0, b_step: float = 0.5,
              names: tuple[str, str] = ("w", "b"), name_size: float = 34, show_b_name: bool = True) -> BoxFrame:
    """A ``BoxFrame`` for a (w, b) map with ticks every ``w_step``/``b_step`` and the names w and b."""
    (w0, w1), (b0, b1) = axes.x_range[:2], axes.y_range[:2]
    w_ticks = np.arange(np.ceil(w0 / w_step) * w_step, w1 + 1e-9, w_step)
    b_ticks = np.arange(np.ceil(b0 / b_step) * b_step, b1 + 1e-9, b_step)
    return BoxFrame(axes, w_ticks, b_ticks, MathTex(names[0], font_size=name_size, color=theme.TEXT),
                    MathTex(names[1], font_size=name_size, color=theme.TEXT) if show_b_name else None,
                    number_size=number_size)
