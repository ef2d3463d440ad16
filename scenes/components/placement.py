"""Placing a label beside a mark where nothing drawn is near it."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP


def place_clear(label, anchor, points: np.ndarray, low: np.ndarray, high: np.ndarray, buff: float = 0.08) -> None:
    """Put ``label`` beside ``anchor`` on the side (of eight) where it stays inside the box ``low``-``high``
    and its nearest point of ``points`` (scene coordinates, one per row) is farthest away: a label beside a
    mark is then not buried by the curves or paths around it."""
    def clearance(direction: np.ndarray) -> float:
        label.next_to(anchor, direction, buff=buff)
        a, b = label.get_corner(DOWN + LEFT)[:2], label.get_corner(UP + RIGHT)[:2]
        if np.any(a < low[:2] + 0.05) or np.any(b > high[:2] - 0.05):
            return -1.0
        gap = np.maximum(np.maximum(a - points[:, :2], points[:, :2] - b), 0.0)  # distance from each point to the box
        return float(np.min(np.linalg.norm(gap, axis=1)))

    best = max([UP, DOWN, LEFT, RIGHT, UP + LEFT, UP + RIGHT, DOWN + LEFT, DOWN + RIGHT], key=clearance)
    label.next_to(anchor, best, buff=buff)
