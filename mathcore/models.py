"""Models of the chapter: the linear model and the multi-layer network (MLP).

Forward pass, with the book's names (layer k = 1..L hidden, the output linear):

    a0 = X
    r_k = a_{k-1} @ W_k.T + b_k        # r = b + W x
    a_k = act(r_k)                     # a = sigma(r)
    y   = a_L @ c + b                  # y = b + c^T a

All parameters live in one flat vector ``theta`` (the book's θ), in the order
W1, b1, W2, b2, ..., WL, bL, c, b. Back-propagation is written out by hand and
vectorised over the batch.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from mathcore.activations import get_activation
from mathcore.losses import get_loss
from mathcore.validation import as_finite_array, check_positive_int, check_xy


class MLP:
    """y = b + c^T act(... act(b1 + W1 x) ...); ``hidden=()`` is the linear model.

    >>> model = MLP(n_inputs=1, hidden=(2,), activation="relu", seed=0)
    >>> list(model.params)
    ['W1', 'b1', 'c', 'b']
    >>> model.forward(np.zeros((3, 1))).shape
    (3,)
    """

    def __init__(
        self,
        n_inputs: int,
        hidden: Sequence[int] = (),
        activation: str = "relu",
        seed: int = 0,
    ) -> None:
        self.n_inputs = check_positive_int("n_inputs", n_inputs)
        if isinstance(hidden, (int, np.integer)):
            raise TypeError(f"hidden must be a sequence of widths such as (100,), got {hidden!r}")
        self.hidden = tuple(check_positive_int(f"hidden width {i + 1}", h) for i, h in enumerate(hidden))
        self.activation = get_activation(activation)
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
            raise TypeError(f"seed must be an integer, got {seed!r}")
        self.seed = int(seed)

        self._layout = self._build_layout()
        self.n_params = sum(int(np.prod(shape)) for _, shape, _ in self._layout)
        self._theta = np.empty(self.n_params)
        self._views = self._make_views(self._theta)
        self._initialise(np.random.default_rng(self.seed))

    # ----------------------------------------------------------------- parameters
    def _build_layout(self) -> list[tuple[str, tuple[int, ...], int]]:
        shapes: list[tuple[str, tuple[int, ...]]] = []
        fan_in = self.n_inputs
        for k, width in enumerate(self.hidden, start=1):
            shapes += [(f"W{k}", (width, fan_in)), (f"b{k}", (width,))]
            fan_in = width
        shapes += [("c", (fan_in,)), ("b", (1,))]
        layout, offset = [], 0
        for name, shape in shapes:
            layout.append((name, shape, offset))
            offset += int(np.prod(shape))
        return layout

    def _make_views(self, flat: np.ndarray) -> dict[str, np.ndarray]:
        """Named views into a flat parameter-sized vector (no copies)."""
        return {
            name: flat[offset : offset + int(np.prod(shape))].reshape(shape)
            for name, shape, offset in self._layout
        }

    def _initialise(self, rng: np.random.Generator) -> None:
        """PyTorch's nn.Linear default: W and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
        fan_in = self.n_inputs
        for name, shape, _ in self._layout:
            bound = 1.0 / np.sqrt(fan_in)
            self._views[name][...] = rng.uniform(-bound, bound, size=shape)
            if name.startswith("b") and name != "b":
                fan_in = shape[0]  # the next layer's fan-in is this layer's width

    @property
    def params(self) -> dict[str, np.ndarray]:
        """The parameters by the book's names, in theta order (copies)."""
        return {name: view.copy() for name, view in self._views.items()}

    @property
    def theta(self) -> np.ndarray:
        """All parameters as one flat vector (a copy)."""
        return self._theta.copy()

    def set_theta(self, theta: np.ndarray) -> None:
        """Replace all parameters; the length must be ``n_params`` and every value finite."""
        theta = as_finite_array("theta", theta, ndim=1)
        if theta.shape != (self.n_params,):
            raise ValueError(f"theta must have length n_params = {self.n_params}, got {theta.shape[0]}")
        self._theta[...] = theta

    def unflatten(self, theta: np.ndarray) -> dict[str, np.ndarray]:
        """Named views of any theta-shaped vector (for reading recorded trajectories)."""
        theta = np.asarray(theta, dtype=np.float64)
        if theta.shape != (self.n_params,):
            raise ValueError(f"theta must have length n_params = {self.n_params}, got {theta.shape}")
        return self._make_views(theta)

    def spec(self) -> dict:
        """Everything needed to rebuild this model (before training)."""
        return {
            "n_inputs": self.n_inputs,
            "hidden": list(self.hidden),
            "activation": self.activation.name,
            "seed": self.seed,
        }

    def __repr__(self) -> str:
        return (
            f"MLP(n_inputs={self.n_inputs}, hidden={self.hidden}, "
            f"activation={self.activation.name!r}, seed={self.seed})"
        )

    # ---------------------------------------------------------------- computation
    def _check_X(self, X: object) -> np.ndarray:
        X = as_finite_array("X", X, ndim=2)
        if X.shape[1] != self.n_inputs:
            raise ValueError(f"X has {X.shape[1]} columns but the model has n_inputs = {self.n_inputs}")
        return X

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Predictions y_hat, shape (N,)."""
        return self._forward(self._check_X(X))[0]

    def trace(self, X: np.ndarray) -> list[dict[str, np.ndarray]]:
        """Per hidden layer, its pre-activations r and activations a, each (N, width)."""
        _, rs, activations = self._forward(self._check_X(X))
        return [{"r": r, "a": a} for r, a in zip(rs, activations[1:])]

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        views, act = self._views, self.activation
        activations, rs = [X], []
        a = X
        for k in range(1, len(self.hidden) + 1):
            r = a @ views[f"W{k}"].T
            r += views[f"b{k}"]
            a = act.output(r)
            rs.append(r)
            activations.append(a)
        y_hat = a @ views["c"] + views["b"][0]
        return y_hat, rs, activations

    def loss_and_grad(self, X: np.ndarray, y: np.ndarray, loss: str = "mse") -> tuple[float, np.ndarray]:
        """The loss at the current theta and its gradient dL/dtheta, shape (P,)."""
        X, y = check_xy(X, y)
        if X.shape[1] != self.n_inputs:
            raise ValueError(f"X has {X.shape[1]} columns but the model has n_inputs = {self.n_inputs}")
        return self._loss_and_grad(X, y, get_loss(loss))

    def _loss_and_grad(self, X: np.ndarray, y: np.ndarray, loss_fns) -> tuple[float, np.ndarray]:
        """Back-propagation on already-validated arrays."""
        loss_fn, loss_der = loss_fns
        y_hat, rs, activations = self._forward(X)
        grad = np.empty(self.n_params)
        g = self._make_views(grad)
        views = self._views

        dy = loss_der(y_hat, y)                      # dL/dy_hat, (N,)
        np.matmul(dy, activations[-1], out=g["c"])   # dL/dc = a_L^T dy
        g["b"][0] = dy.sum()
        if self.hidden:
            dA = np.multiply.outer(dy, views["c"])   # dL/da_L, (N, h_L)
            for k in range(len(self.hidden), 0, -1):
                dR = dA * self.activation.der(rs[k - 1])      # dL/dr_k
                np.matmul(dR.T, activations[k - 1], out=g[f"W{k}"])
                np.sum(dR, axis=0, out=g[f"b{k}"])
                if k > 1:
                    dA = dR @ views[f"W{k}"]                 # dL/da_{k-1}
        return loss_fn(y_hat, y), grad


def Linear(n_inputs: int, seed: int = 0) -> MLP:
    """The linear model y = b + c·x (the book's w is c); same as ``MLP(n_inputs, hidden=())``."""
    return MLP(n_inputs, hidden=(), seed=seed)


def model_from_spec(spec: dict) -> MLP:
    """Rebuild a model from ``MLP.spec()`` output (e.g. a Trajectory's config)."""
    return MLP(spec["n_inputs"], tuple(spec["hidden"]), spec["activation"], spec["seed"])
