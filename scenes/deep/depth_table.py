"""DepthTable: the book's experiment rerun on real data, beside the book's numbers (CHAPTER.md §9).

The table comes from ``mathcore.studies.experiments.load_or_run`` (cached JSON; the full grid
trains for minutes the first time). Rows appear group by group (more previous hours or
days, more ReLUs, more layers) as bars of our training and unseen MAE in the data's units,
with the book's numbers beside them. "Overfitting" is written only where the numbers show
it: past its lowest point the unseen loss rises, while the training loss is lower, by more
than the spread over seeds (``overfitting``). A smaller rise is called what it is (no clear
overfitting), and the same grid on Seattle temperatures is shown where it does overfit.
The one-hour linear row of bike-share is marked: it is trained like the other rows (MAE,
early stopping, the rows with a 56-hour history), not the first part's least-squares line,
whose numbers (``mathcore.studies.lesson``) the footnote quotes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, GrowFromEdge, MathTex, Rectangle, SurroundingRectangle, VGroup

from mathcore.studies.experiments import ExperimentTable, RowResult, load_or_run
from mathcore.studies.lesson import one_hour_linear_model
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.quick_fade import QuickFadeIn
from scenes.params import Param
from scenes.strings import t

ROW_SIZE = 19
ROW_STEP = 0.28
BAR_LENGTH = 2.0
BAR_HEIGHT = 0.2
LABEL_X = -6.85        # left edge of the row labels
TRAIN_X = -3.55        # left edge of the training bars
UNSEEN_X = -0.45       # left edge of the unseen bars
BOOK_TRAIN_X = 3.75    # centre of the book's training numbers
BOOK_UNSEEN_X = 5.75   # centre of the book's unseen numbers


def unseen_turns_up(train: Sequence[float], unseen: Sequence[float]) -> tuple[int, int] | None:
    """Where the unseen loss turns up: (row of its minimum, row of its largest rise after it).

    Only rows after the minimum whose unseen loss is higher while their training loss is
    lower than at the minimum count (more capacity fits the training data better but the
    unseen data worse). None when no row does. Says nothing about noise: see ``overfitting``.

    >>> unseen_turns_up([0.28, 0.18, 0.14, 0.10], [0.43, 0.39, 0.38, 0.44])
    (2, 3)
    >>> unseen_turns_up([3.0, 2.0, 1.0], [3.0, 2.0, 1.0]) is None
    True
    """
    train, unseen = np.asarray(train, dtype=float), np.asarray(unseen, dtype=float)
    if train.shape != unseen.shape or train.ndim != 1 or len(train) == 0:
        raise ValueError(f"train and unseen must be 1-D of one length, got {train.shape} and {unseen.shape}")
    best = int(np.argmin(unseen))
    later = [i for i in range(best + 1, len(unseen)) if unseen[i] > unseen[best] and train[i] < train[best]]
    if not later:
        return None
    return best, max(later, key=lambda i: unseen[i])


def overfitting(train: Sequence[float], unseen: Sequence[float],
                spread: Sequence[float | None] | None = None) -> tuple[int, int] | None:
    """``unseen_turns_up``, kept only if the rise is larger than the seed spread of both rows.

    ``spread[i]`` is row i's sample std over seeds (None or absent: one run, no spread known).

    >>> overfitting([2.0, 1.0], [21.68, 21.88], [0.2, 0.7]) is None   # a rise within the noise
    True
    >>> overfitting([2.0, 1.0], [2.18, 2.32], [0.02, 0.09])
    (0, 1)
    """
    turn = unseen_turns_up(train, unseen)
    if turn is None:
        return None
    spread = [0.0] * len(unseen) if spread is None else [s or 0.0 for s in spread]
    if len(spread) != len(unseen):
        raise ValueError(f"spread must have one value per row ({len(unseen)}), got {len(spread)}")
    best, worst = turn
    return turn if unseen[worst] - unseen[best] > max(spread[best], spread[worst]) else None


def layer_verdict(rows: Sequence[RowResult]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(the turn-up of our unseen loss over depth, the same if it beats the seed spread, else None)."""
    train, unseen = [r.train_mae_mean for r in rows], [r.unseen_mae_mean for r in rows]
    return unseen_turns_up(train, unseen), overfitting(train, unseen, [r.unseen_mae_std for r in rows])


def digits_for(values: Sequence[float]) -> int:
    """Two decimals for small losses (°C, the book's k views), one for larger ones (riders)."""
    return 2 if max(values) < 10 else 1


class DepthTable(ExplainerScene):
    """Our table (days, ReLUs, layers; training vs unseen) beside the book's, with honest overfitting."""

    PARAMS = (
        Param("dataset", "bikeshare", "the real series the grid is trained on", choices=("bikeshare", "seattle")),
        Param("grid", "full", "full: the book's grid (cached; minutes to train the first time); "
                              "reduced: narrow layers, few epochs (for tests)", choices=("full", "reduced")),
    )

    def construct(self) -> None:
        table = load_or_run(self.param("dataset"), reduced=self.param("grid") == "reduced", progress=True)
        self.table = table
        rows = table.rows
        ours = [v for r in rows for v in (r.train_mae_mean, r.unseen_mae_mean)]
        book = [v for r in rows for v in (r.book_train, r.book_unseen)]
        # One decimal for riders/h, two for °C: finer digits would claim more than the seeds agree on.
        self.ours_digits, self.book_digits = digits_for(ours), digits_for(book)
        self.scale = BAR_LENGTH / max(ours)
        unit = self.unit_word(table)
        self.set_narration(table)

        title = self.text("depth.table.title", size=theme.TITLE_SIZE - 4).to_edge(UP, buff=0.25)
        # The loss the grid was trained and measured with, read from its protocol (MAE, as in the book's table).
        self.loss_key = f"depth.table.loss.{table.protocol['loss']}"
        subtitle = VGroup(
            self.text("depth.table.data", size=ROW_SIZE, color=theme.MUTED, label=t(f"network.data.{table.name}"),
                      seeds=len(rows[0].seeds)),
            self.text(self.loss_key, size=ROW_SIZE - 1, color=theme.MUTED, unit=unit),
        ).arrange(DOWN, buff=0.08)
        subtitle.next_to(title, DOWN, buff=0.1)
        header = self.header(subtitle.get_bottom()[1] - 0.55, unit)
        self.add(title)
        self.play(QuickFadeIn(subtitle), QuickFadeIn(header), run_time=0.8)

        y = header.get_bottom()[1] - 0.3
        self.cells: dict[str, dict[str, object]] = {}
        for group in ("days", "relus", "layers"):
            heading = self.text(f"depth.table.{group}", size=ROW_SIZE, color=theme.ACCENT,
                                step=t(f"network.step.{table.step}"))
            heading.move_to(np.array([LABEL_X, y, 0]), aligned_edge=LEFT)
            if group == "days":  # the k-feature linear model these rows are
                heading = VGroup(heading, *self.linear_model(heading, t(f"network.step.{table.step}")))
            self.play(QuickFadeIn(heading), run_time=0.4)
            y -= ROW_STEP
            animations = []
            for row in table.group(group):
                cells = self.row_cells(row, y)
                self.cells[row.label] = cells
                animations += [QuickFadeIn(cells["label"]), GrowFromEdge(cells["train_bar"], LEFT),
                               GrowFromEdge(cells["unseen_bar"], LEFT), QuickFadeIn(cells["train"]),
                               QuickFadeIn(cells["unseen"]), QuickFadeIn(cells["book_train"]),
                               QuickFadeIn(cells["book_unseen"])]
                y -= ROW_STEP
            self.play(*animations, run_time=1.2)
            self.pause()

        self.verdict(table, y)

    def linear_model(self, heading, step: str) -> VGroup:
        """y = b + Σⱼ wⱼ xⱼ (j = 1 … k) beside the heading of the linear rows, and what xⱼ is."""
        formula = MathTex(r"y = b + \textstyle\sum_{j} w_j x_j", font_size=26, color=theme.ACCENT)
        formula.next_to(heading, RIGHT, buff=0.3)
        meaning = self.text("depth.table.linear_x", size=ROW_SIZE - 1, color=theme.MUTED, step=step)
        meaning.next_to(formula, RIGHT, buff=0.2)
        self.linear_formula = formula
        return VGroup(formula, meaning)

    @staticmethod
    def unit_word(table: ExperimentTable) -> str:
        return t(f"network.unit.{table.name}")

    def header(self, y: float, unit: str) -> VGroup:
        def cell(key: str, x: float, colour: str, centred: bool = False):
            text = self.text(key, size=ROW_SIZE - 1, color=colour, unit=unit)
            return text.move_to(np.array([x, y, 0]), aligned_edge=ORIGIN if centred else LEFT)

        return VGroup(
            cell("depth.table.train", TRAIN_X, theme.TRAIN_COLOUR),
            cell("depth.table.unseen", UNSEEN_X, theme.UNSEEN_COLOUR),
            cell("depth.table.book", (BOOK_TRAIN_X + BOOK_UNSEEN_X) / 2, theme.MUTED, centred=True)
            .shift(UP * 0.3),
            cell("depth.table.ours", (TRAIN_X + UNSEEN_X + BAR_LENGTH + 0.6) / 2, theme.MUTED, centred=True)
            .shift(UP * 0.3),
            cell("depth.table.train", BOOK_TRAIN_X, theme.MUTED, centred=True),
            cell("depth.table.unseen", BOOK_UNSEEN_X, theme.MUTED, centred=True),
        )

    @staticmethod
    def row_label(row: RowResult) -> tuple[str, dict]:
        """The strings key and values naming a row from what was trained (the reduced grid is narrower)."""
        width = row.hidden[0] if row.hidden else 0
        if row.group == "days":
            return "depth.table.row_days", {"k": row.k}
        if row.group == "relus":
            return "depth.table.row_relus", {"w": width, "k": row.k}
        return "depth.table.row_layers", {"d": len(row.hidden), "w": width}

    def row_cells(self, row: RowResult, y: float) -> dict[str, object]:
        def bar(value: float, x: float, colour: str) -> Rectangle:
            rect = Rectangle(width=max(value * self.scale, 0.01), height=BAR_HEIGHT, stroke_width=0)
            return rect.set_fill(colour, opacity=0.85).move_to(np.array([x, y, 0]), aligned_edge=LEFT)

        def number(value: float, digits: int, colour: str, x: float, centred: bool = False):
            text = self.number(value, digits, size=ROW_SIZE, color=colour)
            return text.move_to(np.array([x, y, 0]), aligned_edge=ORIGIN if centred else LEFT)

        key, values = self.row_label(row)
        if self.is_lesson_row(row):  # marked: a footnote says it is not the first part's least-squares line
            label = self.text("depth.table.row_marked", size=ROW_SIZE, color=theme.TEXT, label=t(key, **values))
        else:
            label = self.text(key, size=ROW_SIZE, color=theme.TEXT, **values)
        label.move_to(np.array([LABEL_X + 0.25, y, 0]), aligned_edge=LEFT)
        train_bar = bar(row.train_mae_mean, TRAIN_X, theme.TRAIN_COLOUR)
        unseen_bar = bar(row.unseen_mae_mean, UNSEEN_X, theme.UNSEEN_COLOUR)
        return {
            "label": label, "train_bar": train_bar, "unseen_bar": unseen_bar,
            "train": number(row.train_mae_mean, self.ours_digits, theme.TRAIN_COLOUR, train_bar.get_right()[0] + 0.1),
            "unseen": number(row.unseen_mae_mean, self.ours_digits, theme.UNSEEN_COLOUR,
                             unseen_bar.get_right()[0] + 0.1),
            "book_train": number(row.book_train, self.book_digits, theme.MUTED, BOOK_TRAIN_X, centred=True),
            "book_unseen": number(row.book_unseen, self.book_digits, theme.MUTED, BOOK_UNSEEN_X, centred=True),
        }

    def is_lesson_row(self, row: RowResult) -> bool:
        """The one-hour linear row of bike-share: the same model family as the first part's line."""
        return self.table.name == "bikeshare" and row.group == "days" and row.k == 1

    def set_narration(self, table: ExperimentTable) -> None:
        """Narration placeholders read from the numbers: how the training loss goes with depth, the verdict."""
        layers = table.group("layers")
        train = [r.train_mae_mean for r in layers]
        falls = all(b < a for a, b in itertools.pairwise(train))
        turn, ours = layer_verdict(layers)
        verdict = "overfit" if ours else "within_spread" if turn else "no_rise"
        elsewhere = ""
        if ours is None and table.name != "seattle":
            overfits = self.seattle_verdict(table)[1]
            elsewhere = t("depth.say.seattle_overfits" if overfits else "depth.say.seattle_neither")
        self.narration_values = {"train_trend": t("depth.say.train_falls" if falls else "depth.say.train_mixed"),
                                 "verdict": t(f"depth.say.{verdict}"), "elsewhere": elsewhere}

    def seattle_verdict(self, table: ExperimentTable) -> tuple[ExperimentTable, tuple[int, int] | None]:
        """The same grid (full or reduced) on Seattle temperatures, and its honest overfitting rows."""
        if not hasattr(self, "_seattle"):
            seattle = load_or_run("seattle", reduced=table.reduced, progress=True)
            self._seattle = seattle, layer_verdict(seattle.group("layers"))[1]
        return self._seattle

    def verdict(self, table: ExperimentTable, y: float) -> None:
        layers = table.group("layers")
        turn, ours = layer_verdict(layers)
        theirs = overfitting([r.book_train for r in layers], [r.book_unseen for r in layers])
        self.overfit_rows, self.turn_rows = ours, turn
        d, unit = self.ours_digits, self.unit_word(table)
        marks, lines = VGroup(), VGroup()
        if ours is not None:
            best, worst = layers[ours[0]], layers[ours[1]]
            lines.add(self.text("depth.table.overfit", size=ROW_SIZE - 1, color=theme.OVERFIT_COLOUR,
                                a=f"{best.unseen_mae_mean:.{d}f}", b=f"{worst.unseen_mae_mean:.{d}f}", unit=unit,
                                spread=f"{max(best.unseen_mae_std or 0.0, worst.unseen_mae_std or 0.0):.{d}f}",
                                seeds=len(best.seeds)))
            marks.add(self.mark([self.cells[r.label][part] for r in layers[ours[0] + 1: ours[1] + 1]
                                 for part in ("unseen_bar", "unseen")]))
        elif turn is not None:
            best, worst = layers[turn[0]], layers[turn[1]]
            lines.add(self.text("depth.table.within_spread", size=ROW_SIZE - 1, color=theme.TEXT,
                                d1=len(best.hidden), d2=len(worst.hidden), unit=unit,
                                a=f"{best.unseen_mae_mean:.{d}f}", b=f"{worst.unseen_mae_mean:.{d}f}",
                                spread=f"{max(best.unseen_mae_std or 0.0, worst.unseen_mae_std or 0.0):.{d}f}",
                                seeds=len(best.seeds)))
        else:
            lines.add(self.text("depth.table.no_overfit", size=ROW_SIZE - 1, color=theme.TEXT))
        if ours is None and table.name != "seattle":
            lines.add(self.seattle_line())
        if theirs is not None:
            marks.add(self.mark([self.cells[r.label]["book_unseen"] for r in layers[theirs[0] + 1: theirs[1] + 1]]))
            lines.add(self.text("depth.table.book_overfit", size=ROW_SIZE - 1, color=theme.MUTED,
                                d=len(layers[theirs[1]].hidden), a=f"{layers[theirs[0]].book_unseen:.2f}",
                                b=f"{layers[theirs[1]].book_unseen:.2f}"))
        if any(self.is_lesson_row(r) for r in table.rows):
            best_line = one_hour_linear_model(table.name).best
            self.lesson_line = best_line
            lines.add(self.text("depth.table.lesson_row", size=ROW_SIZE - 1, color=theme.MUTED,
                                w=f"{best_line.w:.3f}", b=f"{best_line.b:.1f}", unit=unit))
        if table.reduced:
            lines.add(self.text("depth.table.reduced", size=ROW_SIZE - 2, color=theme.MUTED))
        lines.arrange(DOWN, buff=0.08, aligned_edge=LEFT)
        lines.move_to(np.array([LABEL_X, y - 0.05, 0]), aligned_edge=UP + LEFT)
        self.verdict_lines = lines
        self.play(QuickFadeIn(marks), QuickFadeIn(lines), run_time=1.0)
        self.pause(4.0)

    def seattle_line(self):
        """Where the bike-share grid shows no overfitting: what the same grid does on Seattle temperatures."""
        seattle, rows = self.seattle_verdict(self.table)
        if rows is None:
            return self.text("depth.table.seattle_neither", size=ROW_SIZE - 1, color=theme.TEXT)
        layers = seattle.group("layers")
        best, worst = layers[rows[0]], layers[rows[1]]
        d = digits_for([best.unseen_mae_mean])
        return self.text("depth.table.seattle_overfits", size=ROW_SIZE - 1, color=theme.OVERFIT_COLOUR,
                         width=worst.hidden[0], epochs=seattle.protocol["max_epochs"],
                         d1=len(best.hidden), d2=len(worst.hidden), unit=self.unit_word(seattle),
                         a=f"{best.unseen_mae_mean:.{d}f}", b=f"{worst.unseen_mae_mean:.{d}f}",
                         spread=f"{max(best.unseen_mae_std or 0.0, worst.unseen_mae_std or 0.0):.{d}f}")

    @staticmethod
    def mark(mobjects: list) -> SurroundingRectangle:
        return SurroundingRectangle(VGroup(*mobjects), color=theme.OVERFIT_COLOUR, buff=0.06, stroke_width=2.5)

