"""The long valley's maps (``mathcore.studies.long_bowl``), drawn by LearningRates and OptimizerRace.

Axes in (w, b riders/h) with 100 riders/h of b as long as 1 of w, the loss grid in (riders/h)²,
recorded runs moved into the maps' coordinates, and what a panel says about its run."""

from __future__ import annotations

import numpy as np
from manim import MathTex

from mathcore.studies.long_bowl import in_riders, long_bowl, loss_in_riders
from scenes import theme
from scenes.components.contour import BoxFrame, map_axes

#: The window of every map: w, and b in hundreds of riders/h (the units of the steps).
W_RANGE = (-1.0, 2.5)
B_RANGE = (-1.0, 2.0)
PANEL_WIDTH = 3.2
GRID = (71, 61)


def bowl_map(centre: np.ndarray, width: float = PANEL_WIDTH, number_size: float = 16, name_size: float = 28,
             show_b_name: bool = True, w_range: tuple = W_RANGE, b_range: tuple = B_RANGE):
    """Axes in (w, b riders/h), drawn so that 100 riders/h of b is as long as 1 of w, and their frame.

    ``w_range``, ``b_range``: the window, b in hundreds of riders/h (the units of the steps).
    """
    b_riders = (in_riders(b_range[0]), in_riders(b_range[1]))
    axes = map_axes(w_range, b_riders, width, centre, b_per_w=in_riders(1.0))
    w_ticks = np.arange(np.ceil(w_range[0]), w_range[1] + 1e-9, 1.0)
    b_ticks = np.arange(np.ceil(b_riders[0] / 100) * 100, b_riders[1] + 1e-9, 100.0)
    frame = BoxFrame(axes, w_ticks, b_ticks, MathTex("w", font_size=name_size, color=theme.TEXT),
                     MathTex("b", font_size=name_size, color=theme.TEXT) if show_b_name else None,
                     number_size=number_size, x_digits=0, y_digits=0)
    return axes, frame


def bowl_grid(w_range: tuple = W_RANGE, b_range: tuple = B_RANGE):
    """(w grid, b grid in riders/h, L in (riders/h)²) of the long bowl over a window (b in hundreds)."""
    bowl = long_bowl()
    w = np.linspace(*w_range, GRID[0])
    b = np.linspace(*b_range, GRID[1])
    return w, in_riders(b), loss_in_riders(bowl.loss_grid(w, b))


def plane_points(thetas: np.ndarray) -> np.ndarray:
    """(w, b) rows in hundreds of riders/h -> (w, b riders/h), the maps' coordinates."""
    return np.column_stack([thetas[:, 0], in_riders(thetas[:, 1])])


def verdict(bowl, run, steps: int, exit_step: int | None) -> tuple[str, dict]:
    """What a panel says about its run: the strings key and its values, all computed here."""
    if exit_step is not None:
        return "descent.left_map", {"step": exit_step}
    loss = float(run.train_loss[steps])
    if bowl.is_near_minimum(loss):
        return "descent.near_min", {}
    return "descent.above_min", {"percent": f"{100 * (loss / bowl.loss_star - 1):.0f}"}
