"""The one-feature linear model's run configs, error surface and gradients, for Scenes III.

y = b + w x₁ on Capital Bikeshare (x₁ = riders the hour before, standardised), theta =
(w, b) (mathcore names them c and b). Everything here asks mathcore: trajectories come
from ``mathcore.cache.get_or_train``, surfaces from ``mathcore.surface.error_surface``,
gradients from the model's own back-propagation. The scenes only draw.

The loss is MAE by default, the book's loss. (With standardised data the MSE surface of
this model is an exactly round bowl, which hides what the optimisers do differently.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.surface import error_surface
from mathcore.train import Trajectory

#: Where every path starts unless a lecturer says otherwise: far from the minimum, up left.
DEFAULT_INIT = (-0.5, 1.1)
#: The (w, b) window the surfaces show.
W_RANGE = (-1.0, 2.5)
B_RANGE = (-1.5, 1.5)


def linear_data(name: str = "bikeshare") -> dict:
    return {"source": "windows", "name": name, "k": 1}


def linear_config(optimizer: str, lr: float, *, loss: str = "mae", epochs: int = 25,
                  init: tuple[float, float] = DEFAULT_INIT, batch_size: int | None = None,
                  data: dict | None = None, seed: int = 0, on_divergence: str = "raise",
                  **optimizer_args: float) -> dict:
    """A run config for the one-feature linear model, started at ``init`` = (w0, b0)."""
    return {
        "data": data or linear_data(),
        "model": {"hidden": []},
        "init": [float(init[0]), float(init[1])],
        "loss": loss,
        "optimizer": {"name": optimizer, "lr": float(lr), **optimizer_args},
        "epochs": int(epochs),
        "batch_size": batch_size,
        "seed": int(seed),
        "on_divergence": on_divergence,
    }


def trajectory(config: dict) -> Trajectory:
    """The recorded run of ``config`` (trained once, then loaded from the cache)."""
    return get_or_train(config)


@dataclass(frozen=True, eq=False)
class Surface:
    """L(w, b) on a grid: ``loss[j, i]`` at ``(w[i], b[j])``, and where the grid is lowest."""

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    loss_name: str

    @property
    def argmin(self) -> tuple[float, float]:
        """(w, b) of the smallest grid value."""
        j, i = np.unravel_index(int(np.argmin(self.loss)), self.loss.shape)
        return float(self.w[i]), float(self.b[j])

    @property
    def cell(self) -> tuple[float, float]:
        return float(self.w[1] - self.w[0]), float(self.b[1] - self.b[0])


@lru_cache(maxsize=8)
def _surface(data_key: str, loss: str, w_range: tuple, b_range: tuple, n_w: int, n_b: int) -> Surface:
    import json

    data = json.loads(data_key)
    td = training_data({"data": data, "optimizer": {"name": "gd", "lr": 0.1}, "epochs": 1})
    w = np.linspace(*w_range, n_w)
    b = np.linspace(*b_range, n_b)
    return Surface(w, b, error_surface(td.X[:, 0], td.y, w, b, loss=loss), loss)


def surface(config: dict, n_w: int = 91, n_b: int = 79, w_range: tuple = W_RANGE,
            b_range: tuple = B_RANGE) -> Surface:
    """The error surface of ``config``'s data and loss over the (w, b) window (cached per process)."""
    import json

    return _surface(json.dumps(config["data"], sort_keys=True), config.get("loss", "mse"),
                    tuple(w_range), tuple(b_range), n_w, n_b)


def gradient(config: dict, theta: np.ndarray) -> np.ndarray:
    """dL/d(w, b) at ``theta`` on the whole training set of ``config`` (mathcore's back-propagation)."""
    td = training_data(config)
    model = model_for(config)
    model.set_theta(np.asarray(theta, dtype=float))
    return model.loss_and_grad(td.X, td.y, config.get("loss", "mse"))[1]
