"""Memory, estimated before it is allocated: what the machine has available, and a refusal with the estimate.

``available_bytes()`` reads ``MemAvailable`` from /proc/meminfo (Linux), else asks
``os.sysconf`` for the free physical pages; None where neither says. ``check_fits(what,
need, fix)`` raises ``TooLargeError`` (a ValueError) when ``need`` bytes exceed that,
with the estimate, the machine's figure and the fix. ``mathcore.models.MLP`` checks its
parameters this way, ``mathcore.runspec.RunSpec.check`` a whole training run.
"""

from __future__ import annotations

import os
from pathlib import Path

MEMINFO = Path("/proc/meminfo")


class TooLargeError(ValueError):
    """A model or a run would need more memory than this machine has available; the message
    gives the estimate, what is available and what to make smaller."""


def available_bytes() -> int | None:
    """Memory available to a new allocation without swapping, in bytes; None if the system does not say."""
    try:
        for line in MEMINFO.read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024  # the figure is in kB
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, OSError, ValueError):
        return None


def gib(n_bytes: float) -> str:
    """``80,000,000,000`` -> ``'74.5 GiB'`` (MiB below one GiB)."""
    if n_bytes < 1024**3:
        return f"{n_bytes / 1024**2:,.1f} MiB"
    return f"{n_bytes / 1024**3:,.1f} GiB"


def check_fits(what: str, need: int, fix: str) -> None:
    """Raise TooLargeError if ``what`` (needing about ``need`` bytes) exceeds the available memory."""
    free = available_bytes()
    if free is not None and need > free:
        raise TooLargeError(f"{what} needs about {gib(need)} of memory and this machine has {gib(free)} available; "
                            f"{fix}")
