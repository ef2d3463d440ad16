"""Models of the chapter: the linear model and the multi-layer network (MLP).

With the book's names, layer k = 1..L hidden and the output linear, for one example x:

    a_0 = x
    r_k = b_k + W_k a_{k-1}            # r = b + W x
    a_k = σ(r_k)                       # a = σ(r)
    y   = b + cᵀ a_L                   # y = b + cᵀ a

All parameters live in one flat vector ``theta`` (the book's θ), in the order
W1, b1, W2, b2, ..., WL, bL, c, b. ``book_forward`` and ``book_loss_and_grad`` are
these formulas and their back-propagation, one row of X per example. ``forward``,
``trace`` and ``loss_and_grad`` give the same numbers (to a few ulps, tested) through
``mathcore.fast_mlp``, the in-place kernel that training uses.
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

from mathcore.activations import get_activation
from mathcore.fast_mlp import FastMLP
from mathcore.losses import get_loss
from mathcore.memory import check_fits
from mathcore.validation import as_finite_array, check_positive_int, check_seed, check_xy


def parameter_layout(n_inputs: int, hidden: Sequence[int]) -> list[tuple[str, tuple[int, ...], int]]:
    """(name, shape, offset in theta) of each parameter, in theta order."""
    shapes: list[tuple[str, tuple[int, ...]]] = []
    fan_in = n_inputs
    for k, width in enumerate(hidden, start=1):
        shapes += [(f"W{k}", (width, fan_in)), (f"b{k}", (width,))]
        fan_in = width
    shapes += [("c", (fan_in,)), ("b", (1,))]
    layout, offset = [], 0
    for name, shape in shapes:
        layout.append((name, shape, offset))
        offset += math.prod(shape)  # Python ints: a width typo cannot overflow int64 here
    return layout


def n_parameters(n_inputs: int, hidden: Sequence[int]) -> int:
    """How many numbers theta holds for these widths (counted, nothing allocated)."""
    return sum(math.prod(shape) for _, shape, _ in parameter_layout(n_inputs, hidden))


class MLP:
    """y = b + cᵀ σ(... σ(b1 + W1 x) ...); ``hidden=()`` is the linear model.

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
        n_inputs = check_positive_int("n_inputs", n_inputs)
        if isinstance(hidden, (str, bytes, dict)) or not isinstance(hidden, Iterable):
            raise TypeError(f"hidden must be a sequence of widths such as (8,) or (6, 4), or () for the linear "
                            f"model; got {hidden!r} ({type(hidden).__name__})")
        hidden = tuple(check_positive_int(f"hidden width {i + 1}", h) for i, h in enumerate(hidden))
        get_activation(activation)
        n_params = n_parameters(n_inputs, hidden)
        check_fits(f"MLP(n_inputs={n_inputs}, hidden={hidden}) with {n_params:,} parameters", 8 * n_params,
                   "use fewer or narrower hidden layers")
        self._build(n_inputs, hidden, activation, check_seed("seed", seed))
        self._initialise(np.random.default_rng(self.seed))

    def _build(self, n_inputs: int, hidden: tuple[int, ...], activation: str, seed: int) -> None:
        self.n_inputs, self.hidden, self.seed = n_inputs, hidden, seed
        self.activation = get_activation(activation)
        #: (name, shape, offset in theta) of each parameter, in theta order.
        self.layout = parameter_layout(n_inputs, hidden)
        self.n_params = sum(int(np.prod(shape)) for _, shape, _ in self.layout)
        self._theta = np.empty(self.n_params)
        self._views = self.unflatten(self._theta)
        #: The in-place kernel on this model's live parameters (see ``mathcore.fast_mlp``).
        self.fast = FastMLP(self._views, n_inputs, hidden, self.activation)

    def _initialise(self, rng: np.random.Generator) -> None:
        """PyTorch's nn.Linear default: W and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
        fan_in = self.n_inputs
        for name, shape, _ in self.layout:
            bound = 1.0 / np.sqrt(fan_in)
            self._views[name][...] = rng.uniform(-bound, bound, size=shape)
            if name.startswith("b") and name != "b":
                fan_in = shape[0]  # the next layer's fan-in is this layer's width

    # copies and pickles carry the architecture and theta, not the kernel's scratch arrays
    def __getstate__(self) -> dict:
        return {"spec": self.spec(), "theta": self.theta}

    def __setstate__(self, state: dict) -> None:
        spec = state["spec"]
        self._build(spec["n_inputs"], tuple(spec["hidden"]), spec["activation"], spec["seed"])
        self._theta[...] = state["theta"]

    # ----------------------------------------------------------------- parameters
    @property
    def params(self) -> dict[str, np.ndarray]:
        """The parameters by the book's names, in theta order (copies)."""
        return {name: view.copy() for name, view in self._views.items()}

    @property
    def theta(self) -> np.ndarray:
        """All parameters as one flat vector (a copy)."""
        return self._theta.copy()

    def set_theta(self, theta: np.ndarray, check: bool = True) -> None:
        """Replace all parameters; the length must be ``n_params`` and every value finite.

        ``check=False`` skips the checks, for callers whose theta is known to be a
        finite float64 vector of the right length (the training loop, every step).
        """
        if check:
            theta = as_finite_array("theta", theta, ndim=1)
            if theta.shape != (self.n_params,):
                raise ValueError(f"theta must have length n_params = {self.n_params}, got {theta.shape[0]}")
        self._theta[...] = theta

    def unflatten(self, theta: np.ndarray) -> dict[str, np.ndarray]:
        """Named views (no copies) of any theta-shaped vector, e.g. a recorded trajectory's row."""
        theta = np.asarray(theta, dtype=np.float64)
        if theta.shape != (self.n_params,):
            raise ValueError(f"theta must have length n_params = {self.n_params}, got {theta.shape}")
        return {name: theta[offset : offset + int(np.prod(shape))].reshape(shape)
                for name, shape, offset in self.layout}

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

    # ----------------------------------------------------------- the book's formulas
    def book_forward(self, X: np.ndarray) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """y (N,), [r_1..r_L] and [a_0 = X, a_1..a_L]: the book's formulas, one row per example."""
        p, a, rs = self._views, [self._check_X(X)], []
        for k in range(1, len(self.hidden) + 1):
            rs.append(p[f"b{k}"] + a[-1] @ p[f"W{k}"].T)      # r = b + W a
            a.append(self.activation.output(rs[-1]))          # a = σ(r)
        y = p["b"][0] + a[-1] @ p["c"]                         # y = b + cᵀ a
        return y, rs, a

    def book_loss_and_grad(self, X: np.ndarray, y: np.ndarray, loss: str = "mse") -> tuple[float, np.ndarray]:
        """The loss and dL/dθ by back-propagation as the book writes it (the chain rule, layer
        by layer from the output down). ``loss_and_grad`` computes the same, faster."""
        X, y = self._check_Xy(X, y)
        loss_fn, loss_der = get_loss(loss)
        p, act = self._views, self.activation
        y_hat, r, a = self.book_forward(X)                     # r[k-1] is r_k, a[k] is a_k
        dy = loss_der(y_hat, y)                                # dL/dy, one per example
        grads = {"c": a[-1].T @ dy, "b": np.array([dy.sum()])}  # y = b + cᵀ a_L
        dA = np.outer(dy, p["c"])                              # dL/da_L = dL/dy · c
        for k in range(len(self.hidden), 0, -1):
            dR = dA * act.der(r[k - 1])                         # dL/dr_k = dL/da_k · σ'(r_k)
            grads[f"W{k}"] = dR.T @ a[k - 1]                   # dL/dW_k = dL/dr_k a_{k-1}ᵀ
            grads[f"b{k}"] = dR.sum(axis=0)                    # dL/db_k = dL/dr_k
            dA = dR @ p[f"W{k}"]                               # dL/da_{k-1} = W_kᵀ dL/dr_k
        return loss_fn(y_hat, y), np.concatenate([grads[name].ravel() for name in p])

    # -------------------------------------------------- the same numbers, fast (checked)
    def _check_X(self, X: object) -> np.ndarray:
        X = as_finite_array("X", X, ndim=2)
        if X.shape[1] != self.n_inputs:
            raise ValueError(f"X has {X.shape[1]} columns but the model has n_inputs = {self.n_inputs}")
        return X

    def _check_Xy(self, X: object, y: object) -> tuple[np.ndarray, np.ndarray]:
        X, y = check_xy(X, y)
        return self._check_X(X), y

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Predictions y_hat, shape (N,)."""
        return self.fast.forward(self._check_X(X))

    def trace(self, X: np.ndarray) -> list[dict[str, np.ndarray]]:
        """Per hidden layer, its pre-activations r and activations a, each (N, width)."""
        _, rs, activations = self.fast.forward_layers(self._check_X(X), keep_r=True)
        return [{"r": r.T, "a": a.T} for r, a in zip(rs, activations[1:])]

    def loss_and_grad(self, X: np.ndarray, y: np.ndarray, loss: str = "mse") -> tuple[float, np.ndarray]:
        """The loss at the current theta and its gradient dL/dtheta, shape (P,)."""
        X, y = self._check_Xy(X, y)
        return self.fast.loss_and_grad(X, y, get_loss(loss))


def Linear(n_inputs: int, seed: int = 0) -> MLP:
    """The linear model y = b + c·x (the book's w is c); same as ``MLP(n_inputs, hidden=())``."""
    return MLP(n_inputs, hidden=(), seed=seed)


def model_from_spec(spec: dict) -> MLP:
    """Rebuild a model from ``MLP.spec()`` output (e.g. a Trajectory's config)."""
    return MLP(spec["n_inputs"], tuple(spec["hidden"]), spec["activation"], spec["seed"])
