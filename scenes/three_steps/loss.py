"""LossDefinition (step 2): real hours, the model's outputs against the labels, each error e_n, L = (1/N) Σ e_n.

The model is the chapter's one-feature line y = b + w x₁ with x₁ the riders of the hour
before (Capital Bikeshare, 2011), at the second guess of step 1 (``mathcore.studies.lesson.GUESSES``):
step 2 scores a guess before step 3 finds the best line. Book notation: y is the model's
output, ŷ the label (the riders counted). A few consecutive training hours are shown with
their errors as vertical bars; the loss is summed live, first as MAE, then as MSE, and
finally over every training hour, all in riders/hour. Every number comes from
``mathcore.studies.lesson`` and ``mathcore.losses`` (CHAPTER.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DecimalNumber,
    Dot,
    Indicate,
    Line,
    MathTex,
    Text,
    ValueTracker,
    VGroup,
)

from mathcore.data import load
from mathcore.losses import mae, mse
from mathcore.studies.lesson import one_hour_linear_model
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.glyph_number import set_decimal_in_place
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.number_format import tex_number
from scenes.params import Param
from scenes.steps import step_badge, title_beside_badge

ERROR_COLOUR = theme.CURVE_RED
LABEL_COLOUR = theme.TEXT
OUTPUT_COLOUR = theme.PIECE_BLUE
LEFT_COLUMN_X = -3.4    # centre of the plot column
RIGHT_COLUMN_X = 0.75   # left edge of the table column


@dataclass(frozen=True)
class HoursShown:
    """The hours on screen, in riders/hour: label ŷ, the previous hour x₁, model output y = b + w x₁."""

    hours: np.ndarray       # hour of the day of each label
    label: np.ndarray       # ŷ, the riders counted
    x1: np.ndarray
    output: np.ndarray      # y, the model's output
    date: str
    unit: str
    w: float
    b: float                # riders/hour
    n_train: int
    train_mae: float        # over all training hours, riders/hour
    train_mse: float        # (riders/hour)²
    number: int             # the guess's number on screen in step 1 (guess 1, guess 2)


def hours_shown(name: str, start: str, n_hours: int, guess: int = 1) -> HoursShown:
    """``n_hours`` consecutive training hours from ``start`` ("YYYY-MM-DD HH:MM"), with guess ``guess``'s y."""
    series = load(name)
    match = np.flatnonzero(series.dates == start)
    if len(match) == 0:
        raise ValueError(f"start={start!r} is not a time in the {name!r} data; use e.g. '2011-05-10 05:00'")
    lesson = one_hour_linear_model(name)
    first = int(np.searchsorted(lesson.time, series.time[match[0]]))
    rows = np.arange(first, first + n_hours)
    expected = series.time[match[0]] + np.arange(n_hours)
    if rows[-1] >= lesson.n or not np.array_equal(lesson.time[rows], expected):
        raise ValueError(f"start={start!r}: the {n_hours} hours from there are not all consecutive training "
                         "hours (a gap, or the unseen period); pick another start")
    if not 0 <= guess < len(lesson.guesses):
        raise ValueError(f"guess={guess} is not one of the {len(lesson.guesses)} guesses of step 1")
    line = lesson.guesses[guess]
    hour_index = np.searchsorted(series.time, lesson.time[rows])
    return HoursShown(
        hours=series.hour[hour_index].astype(int), label=lesson.label[rows], x1=lesson.x1[rows],
        output=lesson.output(line.w, line.b, lesson.x1[rows]), date=start.split(" ")[0], unit=lesson.unit,
        w=line.w, b=line.b, n_train=lesson.n, train_mae=line.mae, train_mse=line.mse, number=guess + 1,
    )


class LossDefinition(ExplainerScene):
    """Step 2 on a guess of step 1: a few real hours, each error as a bar, the loss summed live: MAE, MSE, all hours."""

    PARAMS = (
        Param("dataset", "bikeshare", "the real series", choices=("bikeshare",)),
        Param("start", "2011-05-10 05:00", "the first hour shown (a weekday morning rush)"),
        Param("hours", 7, "how many consecutive hours to show", low=3, high=10),
    )

    def construct(self) -> None:
        data = hours_shown(str(self.param("dataset")), str(self.param("start")), int(self.param("hours")))
        self.data = data
        self.badge = step_badge(2)
        title = title_beside_badge(self.text("loss.title", size=theme.TITLE_SIZE - 4), self.badge)
        axes = self.axes = self._axes(data)
        legend = VGroup(
            self.legend_row(Dot(radius=0.08, color=LABEL_COLOUR), "loss.label", LABEL_COLOUR,
                            size=theme.SMALL_SIZE - 2, buff=0.18),
            self.legend_row(Dot(radius=0.08, color=OUTPUT_COLOUR), "loss.output", OUTPUT_COLOUR,
                            size=theme.SMALL_SIZE - 2, buff=0.18),
            self.legend_row(Line(DOWN * 0.15, UP * 0.15, color=ERROR_COLOUR, stroke_width=5), "loss.error_bar",
                             ERROR_COLOUR, size=theme.SMALL_SIZE - 2, buff=0.18),
        ).arrange(RIGHT, buff=0.4).move_to(LEFT_COLUMN_X * RIGHT + UP * 2.85)
        model = self.text("loss.model", size=theme.SMALL_SIZE - 2, color=theme.MUTED, n=data.number,
                          w=f"{data.w:.2f}", b=f"{data.b:.1f}")
        model.next_to(legend, DOWN, buff=0.22)

        labels = VGroup(*[Dot(axes.c2p(h, v), radius=0.07, color=LABEL_COLOUR)
                          for h, v in zip(data.hours, data.label)])
        outputs = VGroup(*[Dot(axes.c2p(h, v), radius=0.07, color=OUTPUT_COLOUR)
                           for h, v in zip(data.hours, data.output)])
        self.error_bars = VGroup(*[
            Line(axes.c2p(h, p), axes.c2p(h, v), color=ERROR_COLOUR, stroke_width=5)
            for h, p, v in zip(data.hours, data.output, data.label)
        ])
        self.add(self.badge, title)
        self.play(Create(axes), QuickFadeIn(legend[0]), QuickFadeIn(labels), run_time=1.2)
        self.play(QuickFadeIn(legend[1]), QuickFadeIn(model), QuickFadeIn(outputs), run_time=1.0)
        # "its output y misses the label ŷ by an error e": the bars come with those words.
        self.play(QuickFadeIn(legend[2]), *[Create(bar) for bar in self.error_bars], run_time=1.0)
        self.pause(4.0)

        # MAE, one hour at a time: the bar, its row, and the running sum.
        errors = np.abs(data.output - data.label)
        table = self._table(data, errors, digits=1)
        table.move_to(RIGHT * RIGHT_COLUMN_X + UP * 2.75, aligned_edge=UP + LEFT)
        summary, total = self._summary("mae", errors, digits=1)
        summary.next_to(table, DOWN, buff=0.15).align_to(table, LEFT)
        self.play(QuickFadeIn(table.header), run_time=0.6)
        self.play(QuickFadeIn(summary.formula), QuickFadeIn(summary.running), run_time=0.6)
        for n in range(len(errors)):
            self.play(Indicate(self.error_bars[n], scale_factor=1.0, color=theme.TEXT), QuickFadeIn(table.rows[n]),
                      total.animate.set_value(float(np.sum(errors[: n + 1]))), run_time=0.35)
        self.play(QuickFadeIn(summary.result), run_time=0.6)
        self.loss_shown = {"mae": mae(data.output, data.label)}
        self.pause(3.0)

        # MSE: the same hours, each error squared.
        squared = (data.output - data.label) ** 2
        table_mse = self._table(data, squared, digits=0).move_to(table, aligned_edge=UP + LEFT)
        summary_mse, total_mse = self._summary("mse", squared, digits=0)
        summary_mse.move_to(summary, aligned_edge=UP + LEFT)
        self.play(QuickFadeOut(table.error_column), QuickFadeOut(summary), QuickFadeIn(table_mse.error_column),
                  QuickFadeIn(summary_mse.formula), QuickFadeIn(summary_mse.running), run_time=0.8)
        self.play(total_mse.animate.set_value(float(np.sum(squared))), run_time=1.5)
        self.play(QuickFadeIn(summary_mse.result), run_time=0.6)
        self.loss_shown["mse"] = mse(data.output, data.label)
        self.pause(2.5)

        # Every training hour: the same two losses over all N rows.
        everything = self._all_rows(data).next_to(summary_mse, DOWN, buff=0.12).align_to(table, LEFT)
        from_here = self.text("loss.from_here", size=theme.SMALL_SIZE - 2, color=theme.ACCENT)
        from_here.next_to(everything, DOWN, buff=0.12).align_to(table, LEFT)
        self.play(QuickFadeIn(everything), run_time=1.0)
        self.play(QuickFadeIn(from_here), run_time=0.8)
        self.pause(7.5)

    # ------------------------------------------------------------------ pieces
    def _axes(self, data: HoursShown) -> Axes:
        y_top = float(np.ceil(max(data.label.max(), data.output.max()) / 100.0) * 100.0)
        axes = Axes(
            x_range=(data.hours[0] - 0.6, data.hours[-1] + 0.6, 1), y_range=(0, y_top, 100),
            x_length=5.8, y_length=4.2, tips=False,
            axis_config={"color": theme.MUTED, "font_size": 24},
            x_axis_config={"numbers_to_include": [int(h) for h in data.hours]},
            y_axis_config={"include_numbers": True, "decimal_number_config": {"num_decimal_places": 0}},
        )
        axes.move_to(RIGHT * LEFT_COLUMN_X + DOWN * 0.75).align_to(RIGHT * (LEFT_COLUMN_X - 2.9), LEFT)
        x_label = self.text("loss.x_axis", size=theme.SMALL_SIZE - 4, color=theme.MUTED, date=data.date)
        x_label.next_to(axes, DOWN, buff=0.4)
        y_label = self.text("loss.y_axis", size=theme.SMALL_SIZE - 4, color=theme.MUTED, unit=data.unit)
        y_label.rotate(np.pi / 2).next_to(axes, LEFT, buff=0.5)
        axes.add(x_label, y_label)
        return axes

    def _table(self, data: HoursShown, errors: np.ndarray, digits: int) -> VGroup:
        """Columns hour | ŷ | y | e; ``.header``, ``.rows`` and ``.error_column`` for animating."""
        size = theme.SMALL_SIZE - 2
        col_x = (0.0, 1.15, 2.35, 3.75)
        header = VGroup(
            self.text("loss.col_hour", size=size, color=theme.MUTED),
            MathTex(r"\hat y", font_size=size + 8, color=LABEL_COLOUR),
            MathTex("y", font_size=size + 8, color=OUTPUT_COLOUR),
            MathTex("e", font_size=size + 8, color=ERROR_COLOUR),
        )
        for cell, x in zip(header, col_x):
            cell.move_to(RIGHT * x)
        rows, error_cells = VGroup(), VGroup()
        for n in range(len(errors)):
            cells = [
                Text(f"{data.hours[n]:d}:00", font=theme.FONT_EN, font_size=size, color=theme.MUTED),
                self.number(data.label[n], 0, size=size, color=LABEL_COLOUR),
                self.number(data.output[n], 1, size=size, color=OUTPUT_COLOUR),
            ]
            error = self.number(errors[n], digits, size=size, color=ERROR_COLOUR)
            for cell, x in zip([*cells, error], col_x):
                cell.move_to(RIGHT * x + DOWN * 0.3 * (n + 1))
            error_cells.add(error)
            rows.add(VGroup(*cells, error))
        table = VGroup(header, rows)
        table.header, table.rows, table.error_column = header, rows, error_cells
        return table

    def _summary(self, loss: str, errors: np.ndarray, digits: int) -> tuple[VGroup, ValueTracker]:
        """``L = (1/N) Σ e_n`` with e's definition, the live sum, and the result from mathcore."""
        definition = r"e = |y - \hat y|" if loss == "mae" else r"e = (y - \hat y)^2"
        # the loss's full name above its formula: the first time either is on screen
        name = self.text(f"loss.{loss}_full", size=theme.BODY_SIZE - 2, color=theme.ACCENT)
        formula = VGroup(name, MathTex(r"L = \frac{1}{N}\sum_n e_n,\quad " + definition, font_size=32,
                                       color=theme.TEXT)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        total = ValueTracker(0.0)
        sum_label = MathTex(r"\sum_n e_n =", font_size=30, color=theme.TEXT)
        running_number = DecimalNumber(0.0, num_decimal_places=digits, font_size=30, color=ERROR_COLOUR,
                                       group_with_commas=True)  # the chapter's format, as final_width
        # set_value + next_to(sum_label, RIGHT, buff=0.15), without re-typesetting every frame.
        running_number.add_updater(lambda m: set_decimal_in_place(
            m, total.get_value(), left=sum_label.get_right()[0] + 0.15, centre_y=sum_label.get_y()))
        running = VGroup(sum_label, running_number)
        value = (mae if loss == "mae" else mse)(self.data.output, self.data.label)
        result = VGroup(
            MathTex(rf"L = \frac{{{tex_number(float(np.sum(errors)), digits)}}}{{{len(errors)}}} =", font_size=30,
                    color=theme.TEXT),
            self.number(value, digits, size=theme.BODY_SIZE, color=theme.ACCENT),
        ).arrange(RIGHT, buff=0.15)
        running.next_to(formula, DOWN, buff=0.15, aligned_edge=LEFT)
        # The result sits right of where the running sum will end (its final width).
        final_width = DecimalNumber(float(np.sum(errors)), num_decimal_places=digits, font_size=30).width
        result.next_to(sum_label, RIGHT, buff=0.15 + final_width + 0.55)
        group = VGroup(formula, running, result)
        group.formula, group.running, group.result = formula, running, result
        return group, total

    def _all_rows(self, data: HoursShown) -> VGroup:
        size = theme.SMALL_SIZE - 2
        head = self.text("loss.all_rows", size=size, color=theme.MUTED, n=data.n_train)
        mae_row = VGroup(self.text("loss.mae_name", size=size, color=theme.ACCENT),
                         self.number(data.train_mae, 1, size=size, color=theme.TEXT),
                         self.text("loss.units_mae", size=size, color=theme.MUTED)).arrange(RIGHT, buff=0.15)
        mse_row = VGroup(self.text("loss.mse_name", size=size, color=theme.ACCENT),
                         self.number(data.train_mse, 0, size=size, color=theme.TEXT),
                         self.text("loss.units_mse", size=size, color=theme.MUTED)).arrange(RIGHT, buff=0.15)
        return VGroup(head, mae_row, mse_row).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
