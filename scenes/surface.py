"""ErrorSurface: L(w, b) of the one-feature model as a contour map, as a 3D valley, and GD on it.

1. The map: every (w, b) is one model, coloured by its loss (red high, blue low), with
   labelled contours and the grid's lowest point (``mathcore.surface.error_surface``).
2. The same grid lifted to a 3D surface with the same colour scale; the camera tilts and
   turns; the recorded descent is drawn on it at the height of its recorded loss.
3. Back on the map: the recorded gradient-descent path step by step, each step with its
   update arrow −η∇L (the gradient from mathcore's back-propagation at that theta), ending
   at (w*, b*) = the trajectory's last theta, with its values (CHAPTER.md §7-8).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    ORIGIN,
    OUT,
    RIGHT,
    UP,
    Axes,
    Circle,
    Create,
    Dot,
    GrowArrow,
    Line,
    Square,
    Text,
    ThreeDAxes,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)

from scenes import theme
from scenes.components.contour import (
    BoxFrame,
    ColourBar,
    ContourMap,
    LossColourScale,
    LossSurface,
    map_axes,
    map_frame,
)
from scenes.components.path import TrajectoryPath
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.components.step_readout import StepReadout
from scenes.linear_landscape import B_RANGE, W_RANGE, gradient, linear_config, surface, trajectory
from scenes.params import Param
from scenes.three_d import ExplainerThreeDScene

MAP_WIDTH = 5.4                       # scene units for the w range; b keeps the same scale
MAP_CENTRE = np.array([0.2, -0.15, 0.0])
PANEL_LEFT = -6.85                    # left edge of the read-out column
Z_LENGTH = 2.6                        # scene height of the 3D surface's loss axis
SLOW_STEPS = 5                        # steps shown one at a time, arrow first; the rest in one sweep


class ErrorSurface(ExplainerThreeDScene):
    """The one-feature model's loss over (w, b): contour map, 3D surface, and the recorded descent."""

    PARAMS = (
        Param("loss", "mae", "the loss drawn and descended", choices=("mae", "mse")),
        Param("lr", 0.3, "gradient descent's learning rate eta", low=0.001, high=0.95),
        Param("epochs", 25, "recorded full-batch steps", low=2, high=200),
        Param("w0", -0.5, "start w", low=W_RANGE[0], high=W_RANGE[1]),
        Param("b0", 1.1, "start b", low=B_RANGE[0], high=B_RANGE[1]),
    )

    def construct(self) -> None:
        loss = str(self.param("loss"))
        self.config_gd = linear_config("gd", float(self.param("lr")), loss=loss, epochs=int(self.param("epochs")),
                                       init=(float(self.param("w0")), float(self.param("b0"))))
        self.trajectory = trajectory(self.config_gd)
        self.surface = surface(self.config_gd)
        self.scale = LossColourScale.for_grid(self.surface.loss)

        title = self.text("surface.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.3)
        self.add_fixed_in_frame_mobjects(title)
        self.axes = axes = map_axes(W_RANGE, B_RANGE, MAP_WIDTH, MAP_CENTRE)
        frame = map_frame(axes)
        bar = ColourBar(self.scale, self.scale.levels(6), height=3.6,
                        title=self.text("surface.scale", size=theme.SMALL_SIZE, loss=loss.upper()))
        bar.next_to(frame.box, RIGHT, buff=0.5).shift(DOWN * 0.2)
        self.contours = ContourMap(axes, self.surface.w, self.surface.b, self.surface.loss, scale=self.scale,
                                   n_levels=7, label_size=16, avoid_points=self.trajectory.thetas)
        self.minimum = self._grid_minimum(axes)
        each_point = self.text("surface.each_point", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        each_point.move_to(RIGHT * PANEL_LEFT + UP * 2.2, aligned_edge=LEFT)
        self.play(QuickFadeIn(self.contours.bands), Create(frame), QuickFadeIn(bar), QuickFadeIn(each_point),
                  run_time=1.5)
        self.play(Create(self.contours.lines), QuickFadeIn(self.contours.labels), QuickFadeIn(self.minimum),
                  run_time=1.2)
        self.add_fixed_in_frame_mobjects(bar)
        self.pause()

        self._show_in_3d(frame, each_point)

        self._descend(axes)
        self.pause(1.5)

    # ------------------------------------------------------------------ the map
    def _grid_minimum(self, axes: Axes) -> VGroup:
        w_min, b_min = self.surface.argmin
        marker = Square(side_length=0.16, color=theme.MINIMUM_COLOUR, stroke_width=3)
        marker.move_to(axes.c2p(w_min, b_min))
        marker.data_point = np.array([w_min, b_min])
        label = self.text("surface.grid_min", size=theme.SMALL_SIZE - 4, color=theme.MINIMUM_COLOUR)
        legend = VGroup(marker.copy(), label).arrange(RIGHT, buff=0.2)
        legend.move_to(RIGHT * PANEL_LEFT + DOWN * 3.2, aligned_edge=LEFT)
        group = VGroup(marker, legend)
        group.marker, group.legend = marker, legend
        return group

    # ------------------------------------------------------------------ 3D
    def _show_in_3d(self, frame: BoxFrame, each_point) -> None:
        z_top = float(np.ceil(self.surface.loss.max() * 2) / 2)
        axes3d = ThreeDAxes(x_range=(*W_RANGE, 0.5), y_range=(*B_RANGE, 0.5), z_range=(0, z_top, 0.5),
                            x_length=self.axes.x_length, y_length=self.axes.y_length, z_length=Z_LENGTH)
        axes3d.shift(self.axes.c2p(W_RANGE[0], B_RANGE[0]) - axes3d.c2p(W_RANGE[0], B_RANGE[0], 0))
        self.axes3d = axes3d
        self.surface3d = LossSurface(axes3d, self.surface.w, self.surface.b, self.surface.loss, self.scale,
                                     resolution=26)
        corner = axes3d.c2p(W_RANGE[0], B_RANGE[1], 0)
        z_axis = Line(corner, axes3d.c2p(W_RANGE[0], B_RANGE[1], z_top), color=theme.MUTED, stroke_width=2)
        height = self.text("surface.height", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        height.move_to(RIGHT * PANEL_LEFT + UP * 2.2, aligned_edge=LEFT)
        self.add_fixed_in_frame_mobjects(height)
        self.remove(height)

        # From straight above the surface looks like the map; tilting shows the heights.
        self.play(QuickFadeOut(self.contours.lines), QuickFadeOut(self.contours.labels), QuickFadeOut(self.minimum),
                  QuickFadeOut(each_point), run_time=0.6)
        self.play(QuickFadeIn(self.surface3d), QuickFadeOut(self.contours.bands), run_time=1.0)
        self.move_camera(phi=62 * DEGREES, theta=-115 * DEGREES, zoom=0.85, frame_center=axes3d.c2p(0.75, 0, 0.9),
                         added_anims=[Create(z_axis), QuickFadeIn(height)], run_time=3.0)
        lifted = self._lifted_path(axes3d)
        self.lifted_path = lifted[0]
        self.play(Create(lifted), run_time=2.0, rate_func=linear)
        self.move_camera(theta=-65 * DEGREES, run_time=3.0)
        self.pause()
        self.move_camera(phi=0, theta=-90 * DEGREES, zoom=1.0, frame_center=ORIGIN,
                         added_anims=[QuickFadeOut(lifted), QuickFadeOut(z_axis), QuickFadeOut(height)], run_time=2.5)
        self.play(QuickFadeIn(self.contours.bands), QuickFadeOut(self.surface3d), run_time=0.8)
        self.play(QuickFadeIn(self.contours.lines), QuickFadeIn(self.contours.labels), QuickFadeIn(self.minimum),
                  run_time=0.8)

    def _lifted_path(self, axes3d: ThreeDAxes) -> VMobject:
        """The recorded thetas at the height of their recorded training loss (just above the faces)."""
        th, loss = self.trajectory.thetas, self.trajectory.train_loss
        points = np.array([axes3d.c2p(w, b, min(value, axes3d.z_range[1])) for (w, b), value in zip(th, loss)])
        path = VMobject(stroke_color=theme.PATH_COLOUR, stroke_width=4).set_points_as_corners(points + OUT * 0.03)
        path.data_points = np.column_stack([th, loss])
        return VGroup(path, *[Dot(p + OUT * 0.03, radius=0.04, color=theme.PATH_COLOUR) for p in points])

    # ------------------------------------------------------------------ descent
    def _descend(self, axes: Axes) -> None:
        tr = self.trajectory
        self.path = path = TrajectoryPath(axes, tr.thetas)
        lr = float(self.config_gd["optimizer"]["lr"])
        panel, step_value = self._panel(lr)
        start_label = self.text("surface.start", size=theme.SMALL_SIZE - 4, color=theme.PATH_COLOUR)
        start_label.next_to(path.head, RIGHT, buff=0.15)
        self.play(QuickFadeIn(panel), QuickFadeIn(path), QuickFadeIn(start_label), run_time=0.8)

        # Each step: the arrow -∇L at theta_s (mathcore's back-propagation), then a move of eta times it.
        downhill = [-gradient(self.config_gd, theta) for theta in tr.thetas[:-1]]
        self.arrows = [path.step_arrow(s, vector) for s, vector in enumerate(downhill)]
        for arrow, vector in zip(self.arrows, downhill):
            arrow.vector = vector
        slow_steps = min(SLOW_STEPS, tr.n_steps)
        for s in range(slow_steps):
            self.play(GrowArrow(self.arrows[s]), run_time=0.4)
            self.play(step_value.animate.set_value(s + 1), run_time=0.6, rate_func=linear)
            self.remove(self.arrows[s])
        if tr.n_steps > slow_steps:  # the rest in one sweep, the current step's arrow following along
            def step_now() -> int:
                return min(int(step_value.get_value()), tr.n_steps - 1)

            # One arrow mobject that takes the shape of the current step's arrow (a copy: become()
            # changes its argument), so the renderer's list of moving mobjects stays valid.
            current_arrow = self.arrows[slow_steps].copy()
            current_arrow.add_updater(lambda m: m.become(self.arrows[step_now()].copy()))
            self.add(current_arrow)
            self.play(step_value.animate.set_value(tr.n_steps), run_time=0.25 * (tr.n_steps - slow_steps),
                      rate_func=linear)
            current_arrow.clear_updaters()
            self.remove(current_arrow)
        self.play(QuickFadeOut(start_label), run_time=0.3)

        w_star, b_star = tr.final_theta
        ring = Circle(radius=0.14, color=theme.ACCENT, stroke_width=4).move_to(axes.c2p(w_star, b_star))
        final = self.text("surface.final", size=theme.SMALL_SIZE - 2, color=theme.ACCENT,
                          w=f"{w_star:.3f}", b=f"{b_star:.3f}")
        final_loss = self.text("surface.final_loss", size=theme.SMALL_SIZE - 2, color=theme.ACCENT,
                               loss=f"{tr.train_loss[-1]:.3f}")
        VGroup(final, final_loss).arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(panel, DOWN, buff=0.4,
                                                                                      aligned_edge=LEFT)
        self.final_texts = VGroup(final, final_loss)
        self.final_ring = ring
        self.play(Create(ring), QuickFadeIn(final), QuickFadeIn(final_loss), run_time=0.8)

    def _panel(self, lr: float) -> tuple[VGroup, ValueTracker]:
        """gd's learning rate, the step, w, b and L of the step shown (all read from the trajectory)."""
        tr, size = self.trajectory, theme.SMALL_SIZE - 2
        step_value = ValueTracker(0.0)
        self.path.add_updater(lambda m: m.show_until(step_value.get_value()))
        heading = self.text("surface.gd", size=size, color=theme.PATH_COLOUR, lr=f"{lr:g}")
        arrow_key = VGroup(Line(ORIGIN, RIGHT * 0.45, color=theme.ACCENT, stroke_width=4),
                           self.text("surface.arrow", size=size - 2, color=theme.ACCENT)).arrange(RIGHT, buff=0.15)

        steps = np.arange(len(tr.thetas))
        rows = VGroup(*[
            StepReadout(self.text(key, size=size, color=theme.MUTED) if "." in key else Text(
                f"{key} =", font=theme.FONT_EN, font_size=size, color=theme.MUTED), values, digits, size=size)
            for key, values, digits in (("surface.step", steps, 0), ("w", tr.thetas[:, 0], 3),
                                        ("b", tr.thetas[:, 1], 3), ("L", tr.train_loss, 3))
        ])
        rows.add_updater(lambda m: [r.show(int(np.floor(step_value.get_value() + 1e-9))) for r in m])
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        panel = VGroup(heading, arrow_key, rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        panel.move_to(RIGHT * PANEL_LEFT + UP * 2.4, aligned_edge=UP + LEFT)
        return panel, step_value


