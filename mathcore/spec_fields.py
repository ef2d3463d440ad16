"""Checked fields for the run specifications (``mathcore.runspec``, ``mathcore.sources``).

A spec is a frozen dataclass whose fields carry a check in their metadata
(``checked(default, check)``); ``build(cls, path, given)`` makes one from a plain dict:
it rejects unknown keys (suggesting the nearest), fills the defaults and runs each
field's check. Every error is a ``ConfigError`` that names the key, e.g.
``config['data']['k']: k must be an integer >= 1, got 0``.
"""

from __future__ import annotations

import dataclasses
import difflib
from typing import Any, Callable

Path = tuple[str, ...]
Check = Callable[[Path, Any], Any]


class ConfigError(ValueError):
    """A run config is malformed; the message names the key and the fix."""


def where(path: Path) -> str:
    """``config['data']['k']`` for the path ("data", "k")."""
    return "config" + "".join(f"[{p!r}]" for p in path)


def after_key(check: Callable[..., Any], label: str | None = None, *args: Any) -> Check:
    """A ``mathcore.validation`` check whose message follows the key:
    ``config['data']['k']: k must be ...`` (``label`` defaults to the key's name)."""
    def run(path: Path, value: Any) -> Any:
        try:
            return check(label or path[-1], value, *args)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where(path)}: {exc}") from None
    return run


def key_is_subject(check: Callable[..., Any], **kwargs: Any) -> Check:
    """A ``mathcore.validation`` check with the key as its subject:
    ``config['seed'] must be an integer >= 0 (a random seed), got -1``."""
    def run(path: Path, value: Any) -> Any:
        try:
            return check(where(path), value, **kwargs)
        except (TypeError, ValueError) as exc:
            raise ConfigError(str(exc)) from None
    return run


def checked(default: Any, check: Check) -> Any:
    """A dataclass field with a default and the check ``build`` runs on it."""
    return dataclasses.field(default=default, metadata={"check": check})


def as_dict(path: Path, value: object, example: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where(path)} must be a dict such as {example}, got {value!r}")
    return value


def reject_unknown(path: Path, given: dict, allowed: tuple[str, ...]) -> None:
    for key in given:
        if key not in allowed:
            near = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise ConfigError(
                f"{where(path)} has an unknown key {key!r}; {hint}"
                f"allowed keys: {', '.join(allowed)}"
            )


def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def build(cls: type, path: Path, given: dict, also_allowed: tuple[str, ...] = ()) -> Any:
    """``cls`` from the dict ``given``: unknown keys rejected, defaults filled, fields checked."""
    reject_unknown(path, given, (*also_allowed, *field_names(cls)))
    values = {}
    for f in dataclasses.fields(cls):
        value = given[f.name] if f.name in given else f.default
        values[f.name] = f.metadata["check"]((*path, f.name), value)
    return cls(**values)


def plain(value: Any) -> Any:
    """JSON-ready: tuples become lists (recursively); other values are returned as they are."""
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def fields_as_dict(spec: Any) -> dict:
    """The spec's fields as a plain dict, in field order."""
    return {name: plain(getattr(spec, name)) for name in field_names(type(spec))}
