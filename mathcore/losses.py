"""Losses: L = (1/N) sum_n e_n, with e = (y_hat - y)^2 (MSE) or |y_hat - y| (MAE).

Each loss also gives dL/dy_hat, which back-propagation starts from. For MAE the
derivative uses sign(0) = 0, as PyTorch does.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from mathcore.validation import check_choice, refuse_complex


def mse(y_hat: np.ndarray, y: np.ndarray) -> float:
    """Mean squared error, mean((y_hat - y)^2)."""
    refuse_complex("y_hat", y_hat)
    refuse_complex("y", y)
    e = np.asarray(y_hat, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    return float(np.mean(e * e))


def mae(y_hat: np.ndarray, y: np.ndarray) -> float:
    """Mean absolute error, mean(|y_hat - y|)."""
    refuse_complex("y_hat", y_hat)
    refuse_complex("y", y)
    e = np.asarray(y_hat, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    return float(np.mean(np.abs(e)))


def mse_grad(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dL/dy_hat for MSE: 2 (y_hat - y) / N."""
    return 2.0 * (y_hat - y) / len(y)


def mae_grad(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dL/dy_hat for MAE: sign(y_hat - y) / N, with sign(0) = 0."""
    return np.sign(y_hat - y) / len(y)


LOSSES: dict[str, tuple[Callable[..., float], Callable[..., np.ndarray]]] = {
    "mse": (mse, mse_grad),
    "mae": (mae, mae_grad),
}


def get_loss(name: str) -> tuple[Callable[..., float], Callable[..., np.ndarray]]:
    """Return (loss, dloss/dy_hat) for "mse" or "mae"."""
    return LOSSES[check_choice("loss", name, tuple(LOSSES))]
