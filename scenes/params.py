"""A scene's documented hyperparameters, which a lecturer may override from the CLI.

A scene declares ``PARAMS = (Param(...), ...)`` and reads values with ``self.param(name)``.
Overrides arrive as JSON in the environment variable ``EXPLAINER_PARAMS`` (the CLI's
``--set KEY=VALUE`` writes it), so they reach scenes rendered in separate processes.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from typing import Sequence

PARAMS_ENV = "EXPLAINER_PARAMS"


@dataclass(frozen=True)
class Param:
    """One hyperparameter: its default and what values are allowed."""

    name: str
    default: object
    help: str
    low: float | None = None        # inclusive bounds for numbers
    high: float | None = None
    choices: tuple | None = None    # allowed values for strings

    def parse(self, raw: object) -> object:
        """Convert and check a value (a string from the command line, or a JSON value)."""
        kind = type(self.default)
        try:
            if kind is bool:
                value = _parse_bool(raw)
            elif kind is int:
                if isinstance(raw, bool) or isinstance(raw, float) and not raw.is_integer():
                    raise ValueError
                value = int(raw if isinstance(raw, (int, float)) else str(raw).strip())
            elif kind is float:
                if isinstance(raw, bool):
                    raise ValueError
                value = float(raw)
            else:
                value = str(raw)
        except (TypeError, ValueError):
            what = {bool: "true or false", int: "a whole number", float: "a number"}.get(kind, "a text")
            raise ValueError(f"{self.name} must be {what}, got {raw!r}") from None
        if kind is float and not math.isfinite(value):
            raise ValueError(f"{self.name} must be a finite number, got {raw!r}")
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"{self.name} must be one of {', '.join(map(str, self.choices))}; got {value!r}")
        if self.low is not None and value < self.low or self.high is not None and value > self.high:
            raise ValueError(f"{self.name} must lie in [{self.low}, {self.high}], got {value}")
        return value

    def describe(self) -> str:
        allowed = (", ".join(map(str, self.choices)) if self.choices is not None
                   else f"{self.low} .. {self.high}" if self.low is not None
                   else "text: see its help" if isinstance(self.default, str)
                   else "true or false" if isinstance(self.default, bool) else "any")
        return f"{self.name} = {self.default!r}  ({allowed})  {self.help}"


def _parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    raise ValueError


def overrides_from_env() -> dict[str, object]:
    raw = os.environ.get(PARAMS_ENV, "").strip()
    if not raw:
        return {}
    try:
        values = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{PARAMS_ENV} is not valid JSON ({exc}); it should look like {{\"lr\": 0.1}}") from None
    if not isinstance(values, dict):
        raise ValueError(f"{PARAMS_ENV} must be a JSON object such as {{\"lr\": 0.1}}")
    return values


def parse_widths(text: object, name: str) -> tuple[int, ...]:
    """'8,8' -> (8, 8): hidden-layer widths, comma-separated, each >= 1; errors name the parameter."""
    try:
        widths = tuple(int(part) for part in str(text).split(","))
    except ValueError:
        widths = ()
    if not widths or min(widths) < 1:
        raise ValueError(f"{name} must be comma-separated layer widths >= 1, such as '8,8' or '6,4'; got {text!r}")
    return widths


def resolve(params: Sequence[Param], overrides: dict[str, object]) -> dict[str, object]:
    """Defaults with checked overrides applied; unknown keys are an error naming the known ones."""
    by_name = {p.name: p for p in params}
    unknown = sorted(set(overrides) - set(by_name))
    if unknown:
        known = ", ".join(by_name) or "none"
        raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; this scene takes: {known}")
    return {name: (p.parse(overrides[name]) if name in overrides else p.default) for name, p in by_name.items()}


def check_variants(params: Sequence[Param], variants: object, scene: str) -> dict[str, tuple]:
    """A scene's ``VARIANTS`` checked against its ``PARAMS``; returns it with every value parsed.

    ``VARIANTS = {"batch_size": (10, 20, 50)}`` names the runs worth switching between in class
    (``explainer slides --variants``): each key a declared parameter, each value allowed by it,
    at least two distinct values, the default among them (the deck's own run is one of the choices).
    """
    if not isinstance(variants, dict):
        raise ValueError(f"{scene}.VARIANTS must be a dict such as {{'lr': (0.1, 0.3)}}, "
                         f"got {type(variants).__name__}")
    by_name = {p.name: p for p in params}
    checked = {}
    for name, values in variants.items():
        if name not in by_name:
            raise ValueError(f"{scene}.VARIANTS names {name!r}, which is not one of its PARAMS "
                             f"({', '.join(by_name) or 'none'})")
        if not isinstance(values, tuple) or len(set(values)) != len(values) or len(values) < 2:
            raise ValueError(f"{scene}.VARIANTS[{name!r}] must be a tuple of at least two distinct values, "
                             f"got {values!r}")
        parsed = tuple(by_name[name].parse(value) for value in values)  # ValueError names the bound
        if parsed != values:
            raise ValueError(f"{scene}.VARIANTS[{name!r}] = {values!r} must hold values of the parameter's own "
                             f"type ({type(by_name[name].default).__name__})")
        if by_name[name].default not in parsed:
            raise ValueError(f"{scene}.VARIANTS[{name!r}] must include the default {by_name[name].default!r} "
                             "(the deck's own run is one of the choices)")
        checked[name] = parsed
    return checked
