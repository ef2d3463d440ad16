"""Argument checks shared by mathcore's public functions.

Every error names the argument and says what would fix it, and is raised before
anything is changed.
"""

from __future__ import annotations

import numbers

import numpy as np


def _integer(name: str, value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be {what}, got {value!r} ({type(value).__name__})")
    return int(value)


def _real(name: str, value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {what}, got {value!r} ({type(value).__name__})")
    return float(value)


def check_positive_int(name: str, value: object) -> int:
    """Return ``value`` as an int, or raise if it is not an integer >= 1."""
    number = _integer(name, value, "an integer >= 1")
    if number < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value}")
    return number


def check_seed(name: str, value: object) -> int:
    """Return ``value`` as an int, or raise if it is not an integer >= 0 (a random seed)."""
    number = _integer(name, value, "an integer >= 0 (a random seed)")
    if number < 0:
        raise ValueError(f"{name} must be an integer >= 0 (a random seed), got {value!r}")
    return number


def check_seeds(name: str, values: object) -> tuple[int, ...]:
    """Return distinct seeds (a non-empty sequence of integers >= 0) as a tuple, or raise."""
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be a sequence of integers such as (0, 1, 2), got {values!r}")
    out = tuple(check_seed(f"each of {name} ({values!r})", s) for s in values)
    if not out:
        raise ValueError(f"{name} is empty; give at least one seed, e.g. {name}=(0, 1, 2)")
    if len(set(out)) != len(out):
        raise ValueError(f"{name} must be distinct, got {values!r}")
    return out


def check_finite_float(name: str, value: object, minimum: float | None = None) -> float:
    """Return ``value`` as a float, or raise naming ``name`` if it is not a finite number
    (``>= minimum`` when given)."""
    what = "a finite number" + ("" if minimum is None else f" >= {minimum:g}")
    number = _real(name, value, what)
    if not np.isfinite(number) or (minimum is not None and number < minimum):
        raise ValueError(f"{name} must be {what}, got {value!r}")
    return number


def check_positive_float(name: str, value: object) -> float:
    """Return ``value`` as a float, or raise if it is not a finite number > 0."""
    number = _real(name, value, "a number > 0")
    if not np.isfinite(number) or number <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {number}")
    return number


def check_unit_interval(name: str, value: object) -> float:
    """Return ``value`` as a float in [0, 1), or raise naming ``name``."""
    number = _real(name, value, "a number in [0, 1)")
    if not (0.0 <= number < 1.0):
        raise ValueError(f"{name} must lie in [0, 1), got {number}")
    return number


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise listing them."""
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; choose one of {', '.join(map(repr, choices))}")
    return str(value)


def refuse_complex(name: str, value: object) -> None:
    """Raise TypeError if ``value`` holds complex numbers (numpy would drop their imaginary parts, silently)."""
    try:
        complex_values = np.iscomplexobj(value)
    except (TypeError, ValueError):  # not array-like: the caller's own conversion says so
        return
    if complex_values:
        raise TypeError(f"{name} holds complex numbers, and mathcore works on real ones; pass np.real({name}) "
                        f"or np.abs({name}), whichever you mean")


def as_finite_array(name: str, value: object, ndim: int, shape_hint: str | None = None) -> np.ndarray:
    """Return a float64 copy of ``value`` with ``ndim`` dimensions and only finite entries.

    ``shape_hint`` is the expected shape shown in the error; by default the data's:
    (N, n_inputs) for 2-D, (N,) for 1-D. Complex values are refused (TypeError).
    """
    refuse_complex(name, value)
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers: {exc}") from None
    if array.ndim != ndim:
        data_shape = shape_hint is None
        shape_hint = shape_hint or ("(N, n_inputs)" if ndim == 2 else "(N,)")
        raise ValueError(
            f"{name} must be {ndim}-D with shape {shape_hint}, got shape {array.shape}"
            + ("; reshape a single feature with X.reshape(-1, 1)"
               if data_shape and ndim == 2 and array.ndim == 1 else "")
        )
    if not np.all(np.isfinite(array)):
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(f"{name} contains {bad} NaN or inf value(s); drop or impute them first")
    return array


def check_xy(X: object, y: object, x_name: str = "X", y_name: str = "y") -> tuple[np.ndarray, np.ndarray]:
    """Validate a design matrix and its targets; return float64 copies."""
    X = as_finite_array(x_name, X, ndim=2)
    y = as_finite_array(y_name, y, ndim=1)
    if len(X) != len(y):
        raise ValueError(f"len({y_name}) = {len(y)} but len({x_name}) = {len(X)}; they must match")
    if len(X) == 0:
        raise ValueError(f"{x_name} has no rows")
    return X, y


def check_vector(name: str, value: object, hint: str) -> np.ndarray:
    """Return a float64 copy of a non-empty, finite 1-D ``value``; ``hint`` says what it is."""
    refuse_complex(name, value)
    try:
        a = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a 1-D array of numbers ({hint}): {exc}") from None
    if a.ndim != 1 or len(a) == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array ({hint}), got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{name} contains NaN or inf; pass finite values ({hint})")
    return a


def check_ordered(names: tuple[str, str], low: object, high: object) -> tuple[float, float]:
    """Both as finite floats, or raise unless ``low < high``."""
    low, high = check_finite_float(names[0], low), check_finite_float(names[1], high)
    if low >= high:
        raise ValueError(
            f"{names[0]} must be smaller than {names[1]}, got {names[0]} = {low}, "
            f"{names[1]} = {high}"
        )
    return low, high
