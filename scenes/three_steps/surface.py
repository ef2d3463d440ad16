"""ErrorSurface (step 2 as a picture): L(w, b) of the one-hour model, in riders/hour.

1. The map: every (w, b) is one line y = b + w x₁, coloured by its loss L (the MSE over every
   training hour, in (riders/hour)²), with labelled contours; step 1's two guesses are
   points on it, with the same L as LossDefinition shows (``mathcore.studies.lesson``).
2. The same grid lifted to a 3D surface with the same colour scale and readable axis names;
   the camera tilts and turns.
3. Back on the map: the lowest point (w*, b*) with L*, the least-squares line, which step 3
   (gradient descent) will find (CHAPTER.md §7).

The grid is ``mathcore.surface.error_surface`` on the lesson's data in original units.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Axes,
    Circle,
    Create,
    Dot,
    Line,
    MathTex,
    ThreeDAxes,
    VGroup,
)

from mathcore.studies.lesson import LinearLesson, one_hour_linear_model
from mathcore.surface import error_surface
from scenes import theme
from scenes.components.contour import BoxFrame, ColourBar, ContourMap, LossColourScale, LossSurface
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.number_format import number_text
from scenes.params import Param
from scenes.steps import best_line_numbers, step_badge, title_beside_badge
from scenes.three_d import ExplainerThreeDScene

W_RANGE = (0.2, 1.5)          # unit-free
B_RANGE = (-80.0, 140.0)      # riders/hour
MAP_SIZE = (4.5, 4.4)         # scene units of the w and b ranges
MAP_CENTRE = np.array([1.45, -0.4, 0.0])
PANEL_LEFT = -6.85            # left edge of the text column
Z_LENGTH = 2.6                # scene height of the 3D surface's loss axis
GUESS_COLOURS = (theme.SIGMOID_GREEN, theme.RELU_DOWN)   # as LinearModel draws the guesses


@lru_cache(maxsize=4)
def riders_surface(n_w: int = 91, n_b: int = 81) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(w grid, b grid, MSE[j, i] at (w[i], b[j])) of the lesson's model, in riders/hour units."""
    lesson = one_hour_linear_model("bikeshare")
    w, b = np.linspace(*W_RANGE, n_w), np.linspace(*B_RANGE, n_b)
    return w, b, error_surface(lesson.x1, lesson.label, w, b, loss="mse")


class ErrorSurface(ExplainerThreeDScene):
    """L(w, b) in riders/hour: contour map with the guesses, the same colours in 3D, the lowest point."""

    PARAMS = (
        Param("levels", 7, "how many labelled contours", low=3, high=12),
    )

    def construct(self) -> None:
        self.lesson = lesson = one_hour_linear_model("bikeshare")
        self.w, self.b, self.loss = riders_surface()
        self.scale = LossColourScale.for_grid(self.loss)
        self.narration_values.update(guess_a=number_text(lesson.guesses[0].mse),
                                     guess_b=number_text(lesson.guesses[1].mse),
                                     **best_line_numbers(lesson.best))

        self.badge = step_badge(2)
        title = title_beside_badge(self.text("surface.title", size=theme.TITLE_SIZE - 4), self.badge)
        self.add_fixed_in_frame_mobjects(self.badge, title)
        self.axes = axes = self._map_axes()
        frame = self._frame(axes)
        bar = ColourBar(self.scale, self.scale.levels(5), height=3.6,
                        title=self.text("surface.scale", size=theme.SMALL_SIZE - 2))
        bar.next_to(frame.box, RIGHT, buff=0.45).shift(DOWN * 0.2)
        guess_points = np.array([[g.w, g.b] for g in lesson.guesses] + [[lesson.best.w, lesson.best.b]])
        self.contours = ContourMap(axes, self.w, self.b, self.loss, scale=self.scale,
                                   n_levels=int(self.param("levels")), label_size=16, avoid_points=guess_points)
        each_point = self.text("surface.each_point", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        each_point.move_to(RIGHT * PANEL_LEFT + UP * 2.3, aligned_edge=UP + LEFT)
        self.guesses = self._guesses(axes, lesson)
        self.guesses[1].next_to(each_point, DOWN, buff=0.4).align_to(each_point, LEFT)
        self.play(QuickFadeIn(self.contours.bands), Create(frame), QuickFadeIn(bar), QuickFadeIn(each_point),
                  run_time=1.5)
        self.play(Create(self.contours.lines), QuickFadeIn(self.contours.labels), run_time=1.2)
        self.play(QuickFadeIn(self.guesses[0]), QuickFadeIn(self.guesses[1]), run_time=1.2)
        self.add_fixed_in_frame_mobjects(bar)
        self.pause(6.0)

        self._show_in_3d(frame, VGroup(each_point, self.guesses))

        self._lowest_point(axes)
        self.pause(6.0)

    # ------------------------------------------------------------------ the map
    def _map_axes(self) -> Axes:
        axes = Axes(x_range=(*W_RANGE, 0.1), y_range=(*B_RANGE, 20), x_length=MAP_SIZE[0], y_length=MAP_SIZE[1],
                    tips=False)
        return axes.shift(MAP_CENTRE - axes.c2p(np.mean(W_RANGE), np.mean(B_RANGE)))

    def _frame(self, axes: Axes) -> BoxFrame:
        w_ticks = np.arange(0.2, W_RANGE[1] + 1e-9, 0.4)
        b_ticks = np.arange(-80.0, B_RANGE[1] + 1e-9, 40.0)
        frame = BoxFrame(axes, w_ticks, b_ticks, MathTex("w", font_size=34, color=theme.TEXT), None,
                         number_size=18, x_digits=1, y_digits=0)
        b_name = self.text("surface.b_axis", size=theme.SMALL_SIZE - 2, color=theme.TEXT)
        frame.add(b_name.next_to(frame.box, UP, buff=0.15).align_to(frame.box, LEFT).shift(LEFT * 0.6))
        self.map_frame = frame
        return frame

    def _guesses(self, axes: Axes, lesson: LinearLesson) -> VGroup:
        """Dots at step 1's guesses, and a legend with each guess's L (the same numbers as LossDefinition)."""
        dots, legend = VGroup(), VGroup()
        for n, (line, colour) in enumerate(zip(lesson.guesses, GUESS_COLOURS), start=1):
            dot = Dot(axes.c2p(line.w, line.b), radius=0.1, color=colour)
            dot.set_stroke(theme.BACKGROUND, width=2, background=True)
            dot.data_point = (line.w, line.b)
            dots.add(dot)
            legend.add(VGroup(Dot(radius=0.08, color=colour),
                              self.text("surface.guess", size=theme.SMALL_SIZE - 2, color=colour, n=n, w=f"{line.w:g}",
                                        b=f"{line.b:g}", loss=number_text(line.mse))).arrange(RIGHT, buff=0.15))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        return VGroup(dots, legend)

    # ------------------------------------------------------------------ 3D
    def _show_in_3d(self, frame: BoxFrame, panel: VGroup) -> None:
        z_top = float(np.ceil(self.loss.max() / 10_000) * 10_000)
        axes3d = ThreeDAxes(x_range=(*W_RANGE, 0.1), y_range=(*B_RANGE, 20), z_range=(0, z_top, 10_000),
                            x_length=MAP_SIZE[0], y_length=MAP_SIZE[1], z_length=Z_LENGTH)
        axes3d.shift(self.axes.c2p(W_RANGE[0], B_RANGE[0]) - axes3d.c2p(W_RANGE[0], B_RANGE[0], 0))
        self.axes3d = axes3d
        self.surface3d = LossSurface(axes3d, self.w, self.b, self.loss, self.scale, resolution=26)
        corner = axes3d.c2p(W_RANGE[0], B_RANGE[1], 0)
        z_axis = Line(corner, axes3d.c2p(W_RANGE[0], B_RANGE[1], z_top), color=theme.MUTED, stroke_width=2)
        w_axis = Line(axes3d.c2p(W_RANGE[0], B_RANGE[0], 0), axes3d.c2p(W_RANGE[1], B_RANGE[0], 0),
                      color=theme.MUTED, stroke_width=2)
        b_axis = Line(axes3d.c2p(W_RANGE[1], B_RANGE[0], 0), axes3d.c2p(W_RANGE[1], B_RANGE[1], 0),
                      color=theme.MUTED, stroke_width=2)
        # Axis names stand upright facing the camera, whatever its angle (readable in every frame).
        names = VGroup(
            MathTex("w", font_size=44, color=theme.TEXT).move_to(axes3d.c2p(np.mean(W_RANGE), B_RANGE[0] - 35, 0)),
            MathTex("b", font_size=44, color=theme.TEXT).move_to(axes3d.c2p(W_RANGE[1] + 0.12, np.mean(B_RANGE), 0)),
            MathTex("L", font_size=44, color=theme.TEXT).move_to(axes3d.c2p(W_RANGE[0], B_RANGE[1] + 20, z_top)),
        )
        self.axis_names_3d = names
        height = self.text("surface.height", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        height.move_to(RIGHT * PANEL_LEFT + UP * 2.3, aligned_edge=UP + LEFT)
        self.add_fixed_in_frame_mobjects(height)
        self.remove(height)

        # From straight above the surface looks like the map; tilting shows the heights.
        self.play(QuickFadeOut(self.contours.lines), QuickFadeOut(self.contours.labels), QuickFadeOut(panel),
                  QuickFadeOut(frame), run_time=0.6)
        self.play(QuickFadeIn(self.surface3d), QuickFadeOut(self.contours.bands), run_time=1.0)
        self.add_fixed_orientation_mobjects(*names)
        self.move_camera(phi=62 * DEGREES, theta=-115 * DEGREES, zoom=0.8, frame_center=axes3d.c2p(0.85, 30, z_top / 3),
                         added_anims=[Create(z_axis), Create(w_axis), Create(b_axis), QuickFadeIn(height),
                                      QuickFadeIn(names)], run_time=3.0)
        self.move_camera(theta=-65 * DEGREES, run_time=3.0)
        self.pause(2.0)
        self.move_camera(phi=0, theta=-90 * DEGREES, zoom=1.0, frame_center=ORIGIN,
                         added_anims=[QuickFadeOut(z_axis), QuickFadeOut(w_axis), QuickFadeOut(b_axis),
                                      QuickFadeOut(height), QuickFadeOut(names)], run_time=2.5)
        self.remove(*names)
        self.play(QuickFadeIn(self.contours.bands), QuickFadeOut(self.surface3d), run_time=0.8)
        self.play(QuickFadeIn(self.contours.lines), QuickFadeIn(self.contours.labels), QuickFadeIn(frame),
                  QuickFadeIn(panel), run_time=0.8)

    # ------------------------------------------------------------------ the lowest point
    def _lowest_point(self, axes: Axes) -> None:
        best = self.lesson.best
        ring = Circle(radius=0.14, color=theme.ACCENT, stroke_width=4).move_to(axes.c2p(best.w, best.b))
        ring.data_point = (best.w, best.b)
        size = theme.SMALL_SIZE - 2
        texts = VGroup(
            self.text("surface.lowest", size=size, color=theme.ACCENT),
            self.text("surface.final", size=size, color=theme.ACCENT, **best_line_numbers(best)),
            self.text("surface.final_loss", size=size, color=theme.ACCENT, **best_line_numbers(best)),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        texts.next_to(self.guesses[1], DOWN, buff=0.45).align_to(self.guesses[1], LEFT)
        self.final_ring, self.final_texts = ring, texts
        self.play(Create(ring), QuickFadeIn(texts), run_time=1.2)
