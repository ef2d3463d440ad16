"""Activation functions, each with its derivative (TensorFlow Playground style).

An activation is a small object with ``output(r)`` and ``der(r)``; the derivative is
taken with respect to the pre-activation ``r``. ReLU's derivative at 0 is 0, as in
PyTorch. ``der_from_output(a)`` is the same derivative written with the output
a = act(r) (ReLU: a > 0; sigmoid: a (1 - a)), so back-propagation needs to keep
only a, not r. The functions take an optional ``out=`` array, like numpy's ufuncs,
so training can work in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from mathcore.validation import check_choice


def sigmoid(r: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """1 / (1 + exp(-r)), stable for large |r| (no overflow warnings)."""
    r = np.asarray(r, dtype=np.float64)
    # exp of a non-positive number never overflows: use exp(-|r|) on both sides.
    e = np.exp(-np.abs(r))
    s = np.where(r >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if out is None:
        return s
    out[...] = s
    return out


def sigmoid_der(r: np.ndarray) -> np.ndarray:
    """d sigmoid / dr = sigmoid(r) (1 - sigmoid(r))."""
    s = sigmoid(r)
    return s * (1.0 - s)


def sigmoid_der_from_output(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """d sigmoid / dr written with the output a = sigmoid(r): a (1 - a)."""
    return np.multiply(a, 1.0 - a, out=out)  # out may be a itself


def relu(r: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """max(0, r)."""
    return np.maximum(np.asarray(r, dtype=np.float64), 0.0, out=out)


def relu_der(r: np.ndarray) -> np.ndarray:
    """1 where r > 0, else 0 (PyTorch's choice at the kink)."""
    return (np.asarray(r) > 0).astype(np.float64)


def relu_der_from_output(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """ReLU's derivative written with the output a = max(0, r): 1 where a > 0 (iff r > 0)."""
    if out is None:
        out = np.empty(np.shape(a))
    return np.greater(a, 0.0, out=out)  # True/False are stored as 1.0/0.0


def hard_sigmoid(x: np.ndarray, start: float = 0.0, end: float = 1.0, height: float = 1.0) -> np.ndarray:
    """Flat at 0, a straight ramp from ``start`` to ``end``, then flat at ``height``."""
    if not end > start:
        raise ValueError(f"end must be greater than start, got start={start}, end={end}")
    x = np.asarray(x, dtype=np.float64)
    return height * np.clip((x - start) / (end - start), 0.0, 1.0)


def hard_sigmoid_der(x: np.ndarray, start: float = 0.0, end: float = 1.0, height: float = 1.0) -> np.ndarray:
    """Slope height/(end-start) strictly inside the ramp, 0 outside (and at the corners)."""
    if not end > start:
        raise ValueError(f"end must be greater than start, got start={start}, end={end}")
    x = np.asarray(x, dtype=np.float64)
    inside = (x > start) & (x < end)
    return np.where(inside, height / (end - start), 0.0)


@dataclass(frozen=True)
class Activation:
    """An activation function and its derivative with respect to its input.

    ``der_from_output(a)`` equals ``der(r)`` where ``a = output(r)``.
    """

    name: str
    output: Callable[..., np.ndarray]
    der: Callable[[np.ndarray], np.ndarray]
    der_from_output: Callable[..., np.ndarray]


ACTIVATIONS: dict[str, Activation] = {
    "relu": Activation("relu", relu, relu_der, relu_der_from_output),
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_der, sigmoid_der_from_output),
}


def get_activation(name: str) -> Activation:
    """Look up an activation by name ("relu" or "sigmoid")."""
    return ACTIVATIONS[check_choice("activation", name, tuple(ACTIVATIONS))]
