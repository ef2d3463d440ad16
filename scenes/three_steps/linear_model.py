"""LinearModel (step 1): the chapter opens with the three steps and the real series they are taught on.

1. The three steps of machine learning (CHAPTER.md §1), listed.
2. Step 1 on real data: two days of Capital Bikeshare riders per hour (``mathcore.data``);
   one hour's label ŷ and the hour before it, x₁.
3. Every training hour as a point (x₁, ŷ), and the function with unknown parameters
   y = b + w x₁: w the weight, b the bias (CHAPTER.md §2).
4. Two guesses of (w, b), drawn as lines (``mathcore.studies.lesson.GUESSES``): which is better is
   what step 2, the loss, answers.

Every number comes from ``mathcore.studies.lesson`` / ``mathcore.data``; nothing is fitted here.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    Dot,
    Line,
    MathTex,
    ReplacementTransform,
    VGroup,
    VMobject,
)

from mathcore.data import load
from mathcore.studies.lesson import one_hour_linear_model
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.params import Param
from scenes.steps import step_badge, three_steps_list, title_beside_badge

RIDERS_TOP = 700.0        # riders/hour at the top of both plots (the data's maximum is below it)
GUESS_COLOURS = (theme.SIGMOID_GREEN, theme.RELU_DOWN)


def day_window(name: str, first_hour: str, n_hours: int) -> tuple[np.ndarray, np.ndarray]:
    """(hours since ``first_hour``, riders) of ``n_hours`` consecutive hours; a gap is refused."""
    series = load(name)
    match = np.flatnonzero(series.dates == first_hour)
    if len(match) == 0:
        raise ValueError(f"first_hour={first_hour!r} is not a time in the {name!r} data; use e.g. '2011-05-09 00:00'")
    rows = np.arange(match[0], match[0] + n_hours)
    if rows[-1] >= len(series.time) or series.time[rows[-1]] - series.time[rows[0]] != n_hours - 1:
        raise ValueError(f"the {n_hours} hours from {first_hour!r} are not all in the data (a gap); pick another day")
    return series.time[rows] - series.time[rows[0]], series.values[rows]


class LinearModel(ExplainerScene):
    """The three steps; riders per hour; y = b + w x₁ with unknown w, b; two guessed lines."""

    PARAMS = (
        Param("first_hour", "2011-05-09 00:00", "the first hour of the two days drawn"),
        Param("marked_hour", 32, "which hour of the two days is used as the example label", low=1, high=47),
        Param("every", 10, "draw every n-th training hour in the scatter plot", low=1, high=100),
    )

    def construct(self) -> None:
        self.lesson = lesson = one_hour_linear_model("bikeshare")

        # 1. The three steps.
        title = self.text("linear.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.45)
        steps = self.steps_list = three_steps_list(size=theme.BODY_SIZE + 4).move_to(DOWN * 0.3)
        self.add(title)
        self.play(QuickFadeIn(steps[0]), run_time=1.2)
        self.play(QuickFadeIn(steps[1]), run_time=1.2)
        self.play(QuickFadeIn(steps[2]), run_time=1.2)
        self.pause(5.0)

        # 2. The data: two days of riders per hour; one label and the hour before it.
        self.badge = badge = step_badge(1)
        title_1 = title_beside_badge(self.text("linear.data_title", size=theme.TITLE_SIZE - 6), badge)
        self.play(ReplacementTransform(steps, badge), ReplacementTransform(title, title_1), run_time=1.2)
        series = self._two_days()
        self.play(Create(series.axes), run_time=1.0)
        self.play(Create(series.curve), QuickFadeIn(series.dots), run_time=2.0)
        self.play(QuickFadeIn(series.marks), run_time=1.2)
        self.pause(3.0)

        # 3. Every training hour as a point (x1, label); the function with unknowns.
        scatter = self._scatter(int(self.param("every")))
        self.play(QuickFadeOut(series), run_time=0.6)
        self.play(Create(scatter.axes), QuickFadeIn(scatter.dots), run_time=1.5)
        model = self._model_panel().move_to(RIGHT * 3.35 + UP * 1.1)
        self.model_panel = model
        self.play(QuickFadeIn(model[0]), run_time=1.0)
        self.play(QuickFadeIn(model[1:]), run_time=1.5)
        self.pause(5.5)

        # 4. Two guesses of (w, b) as lines; which is better is step 2's question.
        self.guess_lines = VGroup()
        guesses = VGroup()
        for n, (line, colour) in enumerate(zip(lesson.guesses, GUESS_COLOURS), start=1):
            drawn = self._line(scatter.axes, line.w, line.b, colour)
            label = self.text("linear.guess", size=theme.SMALL_SIZE, color=colour, n=n, w=f"{line.w:g}",
                              b=f"{line.b:g}")
            self.guess_lines.add(drawn)
            guesses.add(VGroup(Line(LEFT * 0.25, RIGHT * 0.25, color=colour, stroke_width=5), label)
                        .arrange(RIGHT, buff=0.2))
        guesses.arrange(DOWN, aligned_edge=LEFT, buff=0.22).next_to(model, DOWN, buff=0.45).align_to(model, LEFT)
        question = self.text("linear.which", size=theme.SMALL_SIZE, color=theme.ACCENT)
        question.next_to(guesses, DOWN, buff=0.4).align_to(model, LEFT)
        for drawn, row in zip(self.guess_lines, guesses):
            self.play(Create(drawn), QuickFadeIn(row), run_time=1.2)
        self.play(QuickFadeIn(question), run_time=1.0)
        self.pause(5.5)

    # ------------------------------------------------------------------ pieces
    def _two_days(self) -> VGroup:
        hours, riders = day_window("bikeshare", str(self.param("first_hour")), 48)
        self.day_hours, self.day_riders = hours, riders
        axes = Axes(x_range=(0, 48, 6), y_range=(0, RIDERS_TOP, 100), x_length=11.0, y_length=4.6, tips=False,
                    axis_config={"color": theme.MUTED, "font_size": 22},
                    x_axis_config={"numbers_to_include": list(range(0, 49, 6))},
                    y_axis_config={"numbers_to_include": list(range(0, 701, 200))})
        axes.move_to(DOWN * 0.45 + RIGHT * 0.35)
        date = str(self.param("first_hour")).split(" ")[0]
        x_label = self.text("linear.hours_axis", size=theme.SMALL_SIZE - 2, color=theme.MUTED, date=date)
        x_label.next_to(axes, DOWN, buff=0.35)
        y_label = self.text("linear.riders_axis", size=theme.SMALL_SIZE - 2, color=theme.MUTED)
        y_label.rotate(np.pi / 2).next_to(axes, LEFT, buff=0.3)
        axes.add(x_label, y_label)
        points = np.asarray(axes.c2p(hours, riders)).T
        curve = VMobject(stroke_color=theme.DATA_GREY, stroke_width=2.5).set_points_as_corners(points)
        dots = VGroup(*[Dot(p, radius=0.045, color=theme.TEXT) for p in points])
        marked = int(self.param("marked_hour"))
        label_dot = Dot(points[marked], radius=0.1, color=theme.ACCENT)
        previous_dot = Dot(points[marked - 1], radius=0.1, color=theme.PIECE_BLUE)
        label_text = self.text("linear.label_here", size=theme.SMALL_SIZE, color=theme.ACCENT,
                               v=f"{riders[marked]:.0f}")
        previous_text = self.text("linear.previous_here", size=theme.SMALL_SIZE, color=theme.PIECE_BLUE,
                                  v=f"{riders[marked - 1]:.0f}")
        # Above the label's dot and left of the previous hour's, where the curve runs low.
        label_text.next_to(label_dot, UP, buff=0.35)
        previous_text.next_to(previous_dot, LEFT, buff=0.3)
        marks = VGroup(previous_dot, label_dot, previous_text, label_text)
        self.marked = (riders[marked - 1], riders[marked])
        group = VGroup(axes, curve, dots, marks)
        group.axes, group.curve, group.dots, group.marks = axes, curve, dots, marks
        return group

    def _scatter(self, every: int) -> VGroup:
        lesson = self.lesson
        axes = Axes(x_range=(0, RIDERS_TOP, 100), y_range=(0, RIDERS_TOP, 100), x_length=5.0, y_length=5.0,
                    tips=False, axis_config={"color": theme.MUTED, "font_size": 20},
                    x_axis_config={"numbers_to_include": list(range(0, 701, 200))},
                    y_axis_config={"numbers_to_include": list(range(0, 701, 200))})
        axes.move_to(LEFT * 3.3 + DOWN * 0.45)
        x_label = self.text("linear.x1_axis", size=theme.SMALL_SIZE - 2, color=theme.PIECE_BLUE)
        x_label.next_to(axes, DOWN, buff=0.3)
        y_label = self.text("linear.label_axis", size=theme.SMALL_SIZE - 2, color=theme.TEXT)
        y_label.rotate(np.pi / 2).next_to(axes, LEFT, buff=0.3)
        axes.add(x_label, y_label)
        self.scatter_rows = rows = np.arange(0, lesson.n, every)
        points = np.asarray(axes.c2p(lesson.x1[rows], lesson.label[rows])).T
        dots = VGroup(*[Dot(p, radius=0.03, color=theme.DATA_GREY, fill_opacity=0.6) for p in points])
        self.scatter_dots = list(dots)
        note = self.text("linear.scatter_note", size=theme.SMALL_SIZE - 4, color=theme.MUTED, n=lesson.n,
                         every=every)
        note.next_to(axes, UP, buff=0.15).align_to(axes, LEFT)
        dots.add(note)
        group = VGroup(axes, dots)
        group.axes, group.dots = axes, dots
        self.scatter_axes = axes
        return group

    def _model_panel(self) -> VGroup:
        size = theme.SMALL_SIZE
        equation = MathTex("y", "=", "b", "+", "w", "x_1", font_size=56, color=theme.TEXT)
        equation.set_color_by_tex("x_1", theme.PIECE_BLUE)
        equation[2].set_color(theme.ACCENT)
        equation[4].set_color(theme.ACCENT)
        rows = VGroup(*[self.text(key, size=size, color=colour) for key, colour in (
            ("linear.y_is", theme.TEXT), ("linear.x1_is", theme.PIECE_BLUE), ("linear.w_is", theme.ACCENT),
            ("linear.b_is", theme.ACCENT), ("linear.unknown", theme.ACCENT))])
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        return VGroup(equation, *rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)

    def _line(self, axes: Axes, w: float, b: float, colour: str) -> Line:
        """y = b + w x₁ across the plot, clipped to the box [0, RIDERS_TOP]²."""
        x_end = min(RIDERS_TOP, (RIDERS_TOP - b) / w) if w > 0 else RIDERS_TOP
        line = Line(axes.c2p(0.0, b), axes.c2p(x_end, b + w * x_end), color=colour, stroke_width=5)
        line.wb = (w, b)
        return line
