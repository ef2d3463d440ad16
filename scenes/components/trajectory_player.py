"""Play a recorded training run: chosen recorded steps, eased between them.

A scene never trains; it reads a ``mathcore.train.Trajectory`` (from the cache) and shows
it step by step. ``TrajectoryPlayer`` picks which recorded rows to show (log-spaced by
default, so the fast early changes get as much screen time as the slow late ones) and
answers, for a fractional position ``u`` along those rows, the parameters eased linearly
between the two neighbouring recorded rows, and the recorded step number and loss.
At a whole-number position everything is exactly a recorded row.
"""

from __future__ import annotations

import numpy as np


def log_spaced_rows(n_rows: int, count: int) -> np.ndarray:
    """About ``count`` distinct rows of ``0 .. n_rows - 1``: 0, then log-spaced up to the last.

    Early rows sit close together (training changes fast there), late rows far apart.
    Always includes the first and the last row.
    """
    if not isinstance(n_rows, (int, np.integer)) or n_rows < 1:
        raise ValueError(f"n_rows must be a positive integer, got {n_rows!r}")
    if not isinstance(count, (int, np.integer)) or count < 2:
        raise ValueError(f"count must be an integer >= 2 (first and last row), got {count!r}")
    last = n_rows - 1
    if last == 0:
        return np.array([0])
    rows = np.round(np.geomspace(1, last, max(count - 1, 1))).astype(int)
    return np.unique(np.concatenate([[0], rows, [last]]))


class TrajectoryPlayer:
    """Positions along chosen rows of a recorded trajectory.

    ``thetas`` is the (S+1, P) array of recorded parameters (row 0 = the start),
    ``step_numbers`` the update count of each row (length S+1, 0 first) and
    ``losses`` the recorded loss of each row. ``rows`` are the rows to show, increasing.

    >>> import numpy as np
    >>> player = TrajectoryPlayer(np.array([[0.0], [1.0], [3.0]]), np.array([0, 1, 2]),
    ...                           np.array([9.0, 4.0, 1.0]), rows=np.array([0, 2]))
    >>> player.theta_at(0.5).tolist(), player.step_at(0.5), player.loss_at(1.0)
    ([1.5], 0, 1.0)
    """

    def __init__(self, thetas: np.ndarray, step_numbers: np.ndarray, losses: np.ndarray,
                 rows: np.ndarray) -> None:
        thetas = np.asarray(thetas, dtype=float)
        if thetas.ndim != 2 or len(thetas) == 0:
            raise ValueError(f"thetas must be a non-empty (rows, parameters) array, got shape {thetas.shape}")
        step_numbers, losses = np.asarray(step_numbers), np.asarray(losses, dtype=float)
        if len(step_numbers) != len(thetas) or len(losses) != len(thetas):
            raise ValueError(f"step_numbers ({len(step_numbers)}) and losses ({len(losses)}) need one entry "
                             f"per row of thetas ({len(thetas)})")
        rows = np.asarray(rows, dtype=int)
        if rows.ndim != 1 or len(rows) == 0 or np.any(np.diff(rows) <= 0) or rows[0] < 0 \
                or rows[-1] >= len(thetas):
            raise ValueError(f"rows must be increasing row numbers in 0..{len(thetas) - 1}, got {rows}")
        self.thetas, self.step_numbers, self.losses, self.rows = thetas, step_numbers, losses, rows

    @classmethod
    def from_trajectory(cls, trajectory, count: int = 60) -> TrajectoryPlayer:
        """A player over about ``count`` log-spaced recorded rows of a ``Trajectory``."""
        steps = np.concatenate([[0], np.asarray(trajectory.step_number)])
        rows = log_spaced_rows(len(trajectory.thetas), count)
        return cls(trajectory.thetas, steps, trajectory.train_loss, rows)

    @property
    def end(self) -> float:
        """The last position (the last chosen row)."""
        return float(len(self.rows) - 1)

    def _split(self, u: float) -> tuple[int, float]:
        u = float(np.clip(u, 0.0, self.end))
        i = min(int(np.floor(u)), max(len(self.rows) - 2, 0))
        return i, u - i

    def theta_at(self, u: float) -> np.ndarray:
        """Parameters at position ``u``: linear between the two neighbouring chosen rows."""
        i, frac = self._split(u)
        if len(self.rows) == 1 or frac == 0.0:
            return self.thetas[self.rows[i]].copy()
        a, b = self.thetas[self.rows[i]], self.thetas[self.rows[i + 1]]
        return (1.0 - frac) * a + frac * b

    def row_at(self, u: float) -> int:
        """The last chosen recorded row reached at position ``u``."""
        i, frac = self._split(u)
        return int(self.rows[i + 1] if frac >= 1.0 - 1e-9 and i + 1 < len(self.rows) else self.rows[i])

    def step_at(self, u: float) -> int:
        """The recorded update count of ``row_at(u)``."""
        return int(self.step_numbers[self.row_at(u)])

    def loss_at(self, u: float) -> float:
        """The recorded loss of ``row_at(u)``."""
        return float(self.losses[self.row_at(u)])
