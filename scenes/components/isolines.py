"""Contour lines of a gridded function by marching squares (numpy only, no drawing).

``isolines(xs, ys, grid, level)`` returns the level set ``grid == level`` as polylines in
data coordinates. Each crossing point is linearly interpolated along a cell edge, so a
line through a fine grid is smooth and never leaves the grid's rectangle. Saddle cells
are split by the value at the cell centre (the mean of its four corners).
"""

from __future__ import annotations

import numpy as np

# Cell corners: 0 = (j, i) bottom-left, 1 = (j, i+1) bottom-right, 2 = (j+1, i+1) top-right,
# 3 = (j+1, i) top-left. Cell edges: 0 bottom (0-1), 1 right (1-2), 2 top (3-2), 3 left (0-3).
# For each 4-bit case (bit k set when corner k is above the level), the edge pairs joined.
_SEGMENTS: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((3, 0),), 2: ((0, 1),), 3: ((3, 1),), 4: ((1, 2),), 6: ((0, 2),), 7: ((3, 2),),
    8: ((2, 3),), 9: ((2, 0),), 11: ((2, 1),), 12: ((1, 3),), 13: ((1, 0),), 14: ((0, 3),),
}
# Saddles: corners 0 and 2 on one side, 1 and 3 on the other; the centre decides which pair joins.
_SADDLE_CENTRE_ABOVE = {5: ((3, 2), (1, 0)), 10: ((0, 3), (2, 1))}
_SADDLE_CENTRE_BELOW = {5: ((3, 0), (1, 2)), 10: ((0, 1), (2, 3))}


def _edge_key(j: int, i: int, edge: int) -> tuple[int, int, int]:
    """A global name for a cell edge, shared by the two cells on either side of it."""
    if edge == 0:
        return (0, j, i)        # horizontal edge from (j, i) to (j, i+1)
    if edge == 2:
        return (0, j + 1, i)
    if edge == 3:
        return (1, j, i)        # vertical edge from (j, i) to (j+1, i)
    return (1, j, i + 1)


def _edge_point(key: tuple[int, int, int], xs, ys, grid, level) -> tuple[float, float]:
    kind, j, i = key
    if kind == 0:
        v0, v1 = grid[j, i], grid[j, i + 1]
        t = (level - v0) / (v1 - v0)
        return xs[i] + t * (xs[i + 1] - xs[i]), ys[j]
    v0, v1 = grid[j, i], grid[j + 1, i]
    t = (level - v0) / (v1 - v0)
    return xs[i], ys[j] + t * (ys[j + 1] - ys[j])


def isolines(xs: np.ndarray, ys: np.ndarray, grid: np.ndarray, level: float) -> list[np.ndarray]:
    """The curves where ``grid`` (shape ``(len(ys), len(xs))``) equals ``level``.

    Returns a list of ``(n, 2)`` arrays of (x, y) points; a closed curve repeats its first
    point at the end. Grid values must be finite.

    >>> xs = ys = np.linspace(-1, 1, 21)
    >>> ring = isolines(xs, ys, xs[None, :] ** 2 + ys[:, None] ** 2, 0.5)[0]
    >>> bool(np.allclose(np.hypot(ring[:, 0], ring[:, 1]), np.sqrt(0.5), atol=0.02))
    True
    """
    xs, ys, grid = np.asarray(xs, float), np.asarray(ys, float), np.asarray(grid, float)
    if grid.shape != (len(ys), len(xs)) or len(xs) < 2 or len(ys) < 2:
        raise ValueError(f"grid must have shape (len(ys), len(xs)) with both >= 2; got {grid.shape} "
                         f"for {len(ys)} ys and {len(xs)} xs")
    if not np.all(np.isfinite(grid)):
        raise ValueError("grid must be finite everywhere; clip or mask infinite losses first")
    above = grid > level
    case = (above[:-1, :-1] * 1 + above[:-1, 1:] * 2 + above[1:, 1:] * 4 + above[1:, :-1] * 8)
    links: dict[tuple, list[tuple]] = {}
    for j, i in zip(*np.nonzero((case > 0) & (case < 15))):
        c = int(case[j, i])
        if c in _SADDLE_CENTRE_ABOVE:
            centre = grid[j:j + 2, i:i + 2].mean()
            pairs = (_SADDLE_CENTRE_ABOVE if centre > level else _SADDLE_CENTRE_BELOW)[c]
        else:
            pairs = _SEGMENTS[c]
        for a, b in pairs:
            ka, kb = _edge_key(j, i, a), _edge_key(j, i, b)
            links.setdefault(ka, []).append(kb)
            links.setdefault(kb, []).append(ka)

    lines: list[np.ndarray] = []
    unvisited = set(links)
    # Open curves start at an end (a key with one neighbour, on the grid's border); then the loops.
    starts = [k for k in links if len(links[k]) == 1] + list(links)
    for start in starts:
        if start not in unvisited:
            continue
        chain, previous, current = [start], None, start
        unvisited.discard(start)
        while True:
            following = [k for k in links[current] if k != previous and k in unvisited]
            if not following:
                if len(chain) > 2 and start in links[current] and previous != start:
                    chain.append(start)  # close the loop
                break
            previous, current = current, following[0]
            unvisited.discard(current)
            chain.append(current)
        if len(chain) > 1:
            lines.append(np.array([_edge_point(k, xs, ys, grid, level) for k in chain]))
    return lines


def _signed_area(loop: np.ndarray) -> float:
    x, y = loop[:, 0], loop[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def _inside(point: np.ndarray, loop: np.ndarray) -> bool:
    """Even-odd ray test: is ``point`` inside the closed polygon ``loop``?"""
    x, y = point
    x0, y0, x1, y1 = loop[:-1, 0], loop[:-1, 1], loop[1:, 0], loop[1:, 1]
    crosses = (y0 > y) != (y1 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_cross = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
    return bool(np.count_nonzero(crosses & (x < x_cross)) % 2)


def sublevel_loops(xs: np.ndarray, ys: np.ndarray, grid: np.ndarray, level: float) -> list[np.ndarray]:
    """The region ``grid < level`` as closed loops, outer ones counter-clockwise, holes clockwise.

    The grid is padded with a value above ``level`` at the same border coordinates, so every
    loop closes (along the border where the region touches it). Filled with the non-zero
    winding rule (Cairo's default), the loops cover exactly the region, holes left open.
    """
    xs, ys, grid = np.asarray(xs, float), np.asarray(ys, float), np.asarray(grid, float)
    if grid.shape != (len(ys), len(xs)):
        raise ValueError(f"grid must have shape (len(ys), len(xs)) = {(len(ys), len(xs))}, got {grid.shape}")
    # Above the level by far more than the grid's range, so border crossings sit on the border.
    high = max(float(level), float(np.max(grid))) + 1e9 * (1.0 + float(np.ptp(grid)) + abs(float(level)))
    padded = np.pad(grid, 1, constant_values=high)
    xs_p = np.concatenate([[xs[0]], xs, [xs[-1]]])
    ys_p = np.concatenate([[ys[0]], ys, [ys[-1]]])
    loops = [loop for loop in isolines(xs_p, ys_p, padded, level) if len(loop) > 3]
    oriented = []
    for k, loop in enumerate(loops):
        depth = sum(_inside(loop[0], other) for m, other in enumerate(loops) if m != k)
        counter_clockwise = _signed_area(loop) > 0
        want_ccw = depth % 2 == 0
        oriented.append(loop if counter_clockwise == want_ccw else loop[::-1])
    return oriented
