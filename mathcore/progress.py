"""A one-line training progress report on stderr, fed by ``fit(..., on_step=...)``."""

from __future__ import annotations

import math
import sys
import time
from typing import Callable

#: With ``mode=None`` the line appears only once training has run this long.
PROGRESS_AFTER_S = 2.0

ProgressMode = bool | None | Callable[[int, int], None]


class ProgressLine:
    """Pass as ``fit``'s ``on_step``; call ``finish()`` after training.

    ``mode``: None shows the line once training has taken more than 2 s, True from the
    start, False never; a callable is handed ``(steps_done, total_steps)`` instead.
    On a terminal the line is redrawn at most 4 times a second, elsewhere every 10 s.
    """

    def __init__(self, label: str, mode: ProgressMode = None) -> None:
        self.label, self.mode = label, mode
        self.done, self.total, self.start = 0, 1, time.monotonic()
        self.last_print = -math.inf
        self.shown = False
        self.tty = sys.stderr.isatty()

    def __call__(self, step: int, total_steps: int) -> None:
        self.done, self.total = step, max(total_steps, 1)
        if callable(self.mode):
            self.mode(step, total_steps)
            return
        if self.mode is False:
            return
        now = time.monotonic()
        elapsed = now - self.start
        if (self.mode is None and elapsed < PROGRESS_AFTER_S) or now - self.last_print < (
            0.25 if self.tty else 10.0
        ):
            return
        self.last_print = now
        self._print(elapsed, final=False)

    def _print(self, elapsed: float, final: bool) -> None:
        frac = min(self.done / self.total, 1.0)
        bar = "#" * int(24 * frac) + "." * (24 - int(24 * frac))
        left = "" if final or frac == 0 else f", ~{elapsed / frac - elapsed:.0f} s left"
        line = (f"training {self.label} [{bar}] {frac:4.0%} {self.done}/{self.total} steps, "
                f"{elapsed:.1f} s{left}")
        end = "\n" if final or not self.tty else ""
        sys.stderr.write(("\r" if self.tty else "") + line + end)
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        """End the line (if it was shown) with the final count."""
        if self.shown:
            self._print(time.monotonic() - self.start, final=True)
