"""The errors a user can cause and fix, shared by the command line and its builders.

Each becomes one line on stderr and exit status 2 (see ``explainer.cli``).
"""

from __future__ import annotations


class UsageError(Exception):
    """A mistake on the command line; the message says how to fix it."""


class SlidesError(RuntimeError):
    """Building slides failed (a missing package, a failed render, an unwritable folder); the message says
    what to do."""
