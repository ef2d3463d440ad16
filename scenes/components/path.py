"""A recorded optimisation path drawn over a map: polyline, step dots, head, step arrows.

``TrajectoryPath`` takes the (n, 2) plane coordinates of a recorded trajectory (for the
one-feature linear model, ``thetas`` itself: column 0 is w, column 1 is b) and an ``Axes``
to map them into the scene. ``show_until(s)`` reveals steps 0..s in place (no new
mobjects per frame), so a ``ValueTracker`` can drive it. Where the path leaves the axes
box it is clipped at the exact crossing, and ``exit_step`` says at which step it left.
The maths (the thetas) comes from ``mathcore``; nothing here computes a gradient.
"""

from __future__ import annotations

import numpy as np
from manim import Arrow, Axes, Dot, VGroup, VMobject

from scenes import theme


def clip_segment(p0: np.ndarray, p1: np.ndarray, box: tuple[float, float, float, float]
                 ) -> tuple[float, float] | None:
    """Liang-Barsky: the parameter range [t0, t1] of p0 + t (p1 - p0) inside ``box``, or None."""
    x_min, y_min, x_max, y_max = box
    d = p1 - p0
    t0, t1 = 0.0, 1.0
    for p, q in ((-d[0], p0[0] - x_min), (d[0], x_max - p0[0]), (-d[1], p0[1] - y_min), (d[1], y_max - p0[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return t0, t1


def inside(point: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


class TrajectoryPath(VGroup):
    """Steps 0..n-1 of a recorded path in an axes box: a polyline, a dot per step and a head.

    >>> from manim import Axes
    >>> axes = Axes(x_range=[-1, 1, 1], y_range=[-1, 1, 1])
    >>> path = TrajectoryPath(axes, np.array([[0.5, 0.5], [0.0, 0.2], [-0.1, 0.0]]))
    >>> path.show_until(2).visible_steps
    3
    """

    def __init__(self, axes: Axes, points: np.ndarray, colour: str = theme.PATH_COLOUR,
                 stroke_width: float = 3.0, dot_radius: float = 0.045, head_radius: float = 0.09,
                 show_dots: bool = True) -> None:
        super().__init__()
        points = np.asarray(points, dtype=float)
        if points.ndim != 2 or points.shape[1] != 2 or len(points) < 1:
            raise ValueError(f"points must be an (n, 2) array of plane coordinates, got shape {points.shape}")
        if not np.all(np.isfinite(points)):
            raise ValueError("points must be finite; cut a diverged trajectory at its last finite row")
        self.axes, self.data_points, self.colour = axes, points, colour
        self.box = (axes.x_range[0], axes.y_range[0], axes.x_range[1], axes.y_range[1])
        self.scene_points = np.asarray(axes.c2p(points[:, 0], points[:, 1])).T
        self.exit_step = next((s for s, p in enumerate(points) if not inside(p, self.box)), None)
        self.line = VMobject(stroke_color=colour, stroke_width=stroke_width)
        self.line.set_stroke(theme.BACKGROUND, width=stroke_width + 2.5, background=True)
        self.dots = VGroup(*[Dot(p, radius=dot_radius, color=colour) for p in self.scene_points])
        self.head = Dot(self.scene_points[0], radius=head_radius, color=colour)
        self.head.set_stroke(theme.BACKGROUND, width=2, background=True)
        self.show_dots = show_dots
        self._dot_shown = np.ones(len(self.dots), dtype=bool)  # the opacity each dot was last given
        # Dots that are never shown are left out of the group: Cairo would draw them, invisible,
        # on every frame (5 paths x 100 steps of them cost the race most of its frame time).
        self.add(*((self.line, self.dots, self.head) if show_dots else (self.line, self.head)))
        self.show_until(0)

    def visible_runs(self, s: float) -> list[np.ndarray]:
        """The drawn pieces (data coordinates) of the path up to position ``s``, clipped to the box.

        A fractional ``s`` ends part-way along the segment from step floor(s) to the next.
        """
        s = float(np.clip(s, 0, len(self.data_points) - 1))
        last = int(np.floor(s))
        pts = list(self.data_points[: last + 1])
        if s > last:
            pts.append(self.data_points[last] + (s - last) * (self.data_points[last + 1] - self.data_points[last]))
        runs: list[list[np.ndarray]] = []
        current: list[np.ndarray] = []
        for p0, p1 in zip(pts[:-1], pts[1:]):
            span = clip_segment(p0, p1, self.box)
            if span is None:
                if current:
                    runs.append(current)
                    current = []
                continue
            a, b = p0 + span[0] * (p1 - p0), p0 + span[1] * (p1 - p0)
            if current and span[0] > 0:
                runs.append(current)
                current = []
            if not current:
                current = [a]
            current.append(b)
            if span[1] < 1:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return [np.array(run) for run in runs if len(run) > 1]

    def show_until(self, s: float) -> "TrajectoryPath":
        """Show the path from step 0 to position ``s`` (fractional between steps); updates in place."""
        s = float(np.clip(s, 0, len(self.data_points) - 1))
        self.position = s
        self.line.clear_points()
        for run in self.visible_runs(s):
            scene_run = np.asarray(self.axes.c2p(run[:, 0], run[:, 1])).T
            self.line.start_new_path(scene_run[0])
            self.line.add_points_as_corners(scene_run[1:])
        self.visible_steps = int(np.floor(s)) + 1
        for k, dot in enumerate(self.dots):
            shown = self.show_dots and k < self.visible_steps and inside(self.data_points[k], self.box)
            if shown != self._dot_shown[k]:  # set_opacity only where it changes (it is not free)
                dot.set_opacity(1.0 if shown else 0.0)
                self._dot_shown[k] = shown
        last = int(np.floor(s))
        head = self.data_points[last] if s == last else (
            self.data_points[last] + (s - last) * (self.data_points[last + 1] - self.data_points[last]))
        self.head.move_to(self.axes.c2p(*head))
        self.head.set_opacity(1.0 if inside(head, self.box) else 0.0)
        return self

    def step_arrow(self, s: int, vector: np.ndarray, colour: str = theme.ACCENT) -> Arrow:
        """An arrow from step ``s`` along ``vector`` (data units), e.g. the update -eta * gradient."""
        start = self.data_points[s]
        end = start + np.asarray(vector, dtype=float)
        return Arrow(self.axes.c2p(*start), self.axes.c2p(*end), buff=0, color=colour, stroke_width=4,
                     max_tip_length_to_length_ratio=0.3, max_stroke_width_to_length_ratio=8)
