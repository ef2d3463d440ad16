"""DepthTable: the book's experiment rerun on real data, beside the book's numbers (CHAPTER.md §9).

The table comes from ``mathcore.experiments.load_or_run`` (cached JSON; the full grid
trains for minutes the first time). Rows appear group by group (more days, more ReLUs,
more layers) as bars of our training and unseen MAE, with the book's numbers beside
them. Overfitting is marked only where the numbers show it: after its lowest point the
unseen loss rises while the training loss keeps falling. If that never happens, the
scene says so; if the rise is smaller than the spread over seeds, it says that too.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, ORIGIN, UP, GrowFromEdge, Rectangle, SurroundingRectangle, VGroup

from mathcore.experiments import ExperimentTable, RowResult, load_or_run
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.quick_fade import QuickFadeIn
from scenes.params import Param
from scenes.strings import t

ROW_SIZE = 19
ROW_STEP = 0.32
BAR_LENGTH = 2.0
BAR_HEIGHT = 0.2
LABEL_X = -6.85        # left edge of the row labels
TRAIN_X = -3.55        # left edge of the training bars
UNSEEN_X = -0.45       # left edge of the unseen bars
BOOK_TRAIN_X = 3.75    # centre of the book's training numbers
BOOK_UNSEEN_X = 5.75   # centre of the book's unseen numbers


def overfitting(train: Sequence[float], unseen: Sequence[float]) -> tuple[int, int] | None:
    """Where the unseen loss turns up: (row of its minimum, row of its largest rise after it).

    Only rows after the minimum whose unseen loss is higher while their training loss is
    lower than at the minimum count (more capacity fits the training data better but the
    unseen data worse). None when no row does.

    >>> overfitting([0.28, 0.18, 0.14, 0.10], [0.43, 0.39, 0.38, 0.44])
    (2, 3)
    >>> overfitting([3.0, 2.0, 1.0], [3.0, 2.0, 1.0]) is None
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
        # Ours with two decimals: the rises that decide "overfitting" can be a few hundredths.
        self.ours_digits, self.book_digits = 2, digits_for(book)
        self.scale = BAR_LENGTH / max(ours)
        unit = self.unit_word(table)

        title = self.text("depth.table.title", size=theme.TITLE_SIZE - 4).to_edge(UP, buff=0.25)
        subtitle = self.text("depth.table.data", size=ROW_SIZE, color=theme.MUTED,
                             label=t(f"network.data.{table.name}"), unit=unit, seeds=len(rows[0].seeds),
                             step=t(f"network.step.{table.step}"))
        subtitle.next_to(title, DOWN, buff=0.12)
        header = self.header(subtitle.get_bottom()[1] - 0.62, unit)
        self.add(title)
        self.play(QuickFadeIn(subtitle), QuickFadeIn(header), run_time=0.8)

        y = header.get_bottom()[1] - 0.3
        self.cells: dict[str, dict[str, object]] = {}
        for group in ("days", "relus", "layers"):
            heading = self.text(f"depth.table.{group}", size=ROW_SIZE, color=theme.ACCENT)
            heading.move_to(np.array([LABEL_X, y, 0]), aligned_edge=LEFT)
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

    def verdict(self, table: ExperimentTable, y: float) -> None:
        layers = table.group("layers")
        ours = overfitting([r.train_mae_mean for r in layers], [r.unseen_mae_mean for r in layers])
        theirs = overfitting([r.book_train for r in layers], [r.book_unseen for r in layers])
        self.overfit_rows = ours
        marks, lines = VGroup(), VGroup()
        if ours is None:
            lines.add(self.text("depth.table.no_overfit", size=ROW_SIZE, color=theme.TEXT))
        else:
            best, worst = layers[ours[0]], layers[ours[1]]
            d = self.ours_digits
            lines.add(self.text("depth.table.overfit", size=ROW_SIZE, color=theme.OVERFIT_COLOUR,
                                a=f"{best.unseen_mae_mean:.{d}f}", b=f"{worst.unseen_mae_mean:.{d}f}"))
            spread = max(best.unseen_mae_std or 0.0, worst.unseen_mae_std or 0.0)
            if worst.unseen_mae_mean - best.unseen_mae_mean < spread:
                lines.add(self.text("depth.table.within_spread", size=ROW_SIZE - 1, color=theme.MUTED,
                                    spread=f"{spread:.{d}f}"))
            marks.add(self.mark([self.cells[r.label]["unseen_bar"] for r in layers[ours[0] + 1: ours[1] + 1]]
                                + [self.cells[r.label]["unseen"] for r in layers[ours[0] + 1: ours[1] + 1]]))
        if theirs is not None:
            marks.add(self.mark([self.cells[r.label]["book_unseen"] for r in layers[theirs[0] + 1: theirs[1] + 1]]))
            lines.add(self.text("depth.table.book_overfit", size=ROW_SIZE - 1, color=theme.MUTED,
                                d=len(layers[theirs[1]].hidden), a=f"{layers[theirs[0]].book_unseen:.2f}",
                                b=f"{layers[theirs[1]].book_unseen:.2f}"))
        if table.reduced:
            lines.add(self.text("depth.table.reduced", size=ROW_SIZE - 2, color=theme.MUTED))
        lines.arrange(DOWN, buff=0.08, aligned_edge=LEFT)
        lines.move_to(np.array([LABEL_X, y - 0.05, 0]), aligned_edge=UP + LEFT)
        self.play(QuickFadeIn(marks), QuickFadeIn(lines), run_time=1.0)
        self.pause(1.5)

    @staticmethod
    def mark(mobjects: list) -> SurroundingRectangle:
        return SurroundingRectangle(VGroup(*mobjects), color=theme.OVERFIT_COLOUR, buff=0.06, stroke_width=2.5)

