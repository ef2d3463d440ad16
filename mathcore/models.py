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
        views, n_layers = self._views, len(self.hidden)
        self._hidden_layers = [(views[f"W{k}"], views[f"b{k}"]) for k in range(1, n_layers + 1)]  # (W_k, b_k)
        self._workspaces: dict[int, dict[str, list[np.ndarray]]] = {}
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
        _, rs, activations = self._forward(self._check_X(X), keep_r=True)
        return [{"r": r.T, "a": a.T} for r, a in zip(rs, activations[1:])]

    def _workspace(self, n: int, reuse: bool = True) -> dict[str, list[np.ndarray]]:
        """Arrays for a batch of n examples, kept for the last few n: a step allocates nothing big.

        "x1" is [X 1] (n, n_inputs + 1); "a1"[k-1] is [a_k; 1] (width_k + 1, n), r_k being
        computed in its first rows; "Wb"[k-1] is [W_k b_k]; "delta"[k-1] holds dL/da_k and
        then dL/dr_k for k < L; "a_dy" the last layer's input with column n times dy_n.
        """
        workspace = self._workspaces.pop(n, None) if reuse else None
        if workspace is None:
            fan_ins = (self.n_inputs, *self.hidden)
            x1 = np.empty((n, self.n_inputs + 1))
            a1 = [np.empty((width + 1, n)) for width in self.hidden]
            for array in (x1.T, *a1):
                array[-1] = 1.0   # the constant input that multiplies b
            workspace = {
                "x1": [x1],
                "a1": a1,
                "Wb": [np.empty((width, fan_in + 1)) for width, fan_in in zip(self.hidden, fan_ins)],
                "delta": [np.empty((width, n)) for width in self.hidden[:-1]],
                "a_dy": [np.empty((fan_ins[-2], n))] if self.hidden else [],
            }
            if not reuse:
                return workspace
            while len(self._workspaces) >= 4:
                del self._workspaces[next(iter(self._workspaces))]  # the least recently used
        self._workspaces[n] = workspace
        return workspace

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_workspaces": {}}  # scratch space is not worth pickling

    def _forward(
        self, X: np.ndarray, keep_r: bool = False
    ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """y_hat (N,), [r_1..r_L] and [a_0, a_1..a_L], each r_k and a_k of shape (width, N).

        Inside, the examples are columns, as the book's x is a column vector: a_0 = X^T
        and r_k = W_k a_{k-1} + b_k is r = b + W x for all N examples at once (BLAS is
        also faster this way round). The bias rides in the matrix product,
        W_k a_{k-1} + b_k = [W_k b_k] [a_{k-1}; 1], which saves a pass over r_k.
        r_k is computed in the array of a_k and act() is applied in place; the a_k are
        the model's reusable arrays (overwritten by the next call) and rs is empty,
        unless ``keep_r=True``, which returns fresh arrays and a copy of each r_k.
        """
        workspace = self._workspace(len(X), reuse=not keep_r)
        activations, rs = [X.T], []
        if self.hidden:
            (x1,) = workspace["x1"]
            x1[:, :-1] = X
            a1 = x1.T                                              # [a_0; 1]
        for (W, b), Wb, next_a1 in zip(self._hidden_layers, workspace["Wb"], workspace["a1"]):
            Wb[:, :-1], Wb[:, -1] = W, b
            r = np.matmul(Wb, a1, out=next_a1[:-1])                  # r_k = W_k a_{k-1} + b_k
            if keep_r:
                rs.append(r.copy())
            activations.append(self.activation.output(r, out=r))   # a_k = act(r_k)
            a1 = next_a1
        y_hat = self._views["c"] @ activations[-1] + self._views["b"][0]    # y = c^T a_L + b
        return y_hat, rs, activations

    def loss_and_grad(self, X: np.ndarray, y: np.ndarray, loss: str = "mse") -> tuple[float, np.ndarray]:
        """The loss at the current theta and its gradient dL/dtheta, shape (P,)."""
        X, y = check_xy(X, y)
        if X.shape[1] != self.n_inputs:
            raise ValueError(f"X has {X.shape[1]} columns but the model has n_inputs = {self.n_inputs}")
        return self._loss_and_grad(X, y, get_loss(loss))

    def _loss_and_grad(self, X: np.ndarray, y: np.ndarray, loss_fns) -> tuple[float, np.ndarray]:
        """Back-propagation on already-validated arrays, from the output layer down.

        With the examples as columns (see ``_forward``) and dy = dL/dy_hat:

            dL/dc = a_L dy                      dL/db = sum(dy)
            dL/da_L = c dy^T
            dL/dr_k = dL/da_k * act'(r_k)
            dL/dW_k = dL/dr_k a_{k-1}^T         dL/db_k = sum over the examples of dL/dr_k
            dL/da_{k-1} = W_k^T dL/dr_k

        The (width, N) arrays are the model's reusable ones, updated in place.
        """
        loss_fn, loss_der = loss_fns
        y_hat, _, a = self._forward(X)          # a[k] is a_k
        grad = np.empty(self.n_params)
        g = self._make_views(grad)
        c, der = self._views["c"], self.activation.der_from_output

        dy = loss_der(y_hat, y)                 # dL/dy_hat, (N,)
        np.matmul(a[-1], dy, out=g["c"])        # dL/dc = a_L dy
        g["b"][0] = dy.sum()
        L = len(self.hidden)
        if L == 0:
            return loss_fn(y_hat, y), grad
        workspace = self._workspace(len(X))

        # Layer L. dL/dr_L = (c dy^T) * act'(r_L) scales the rows of act'(r_L) by c and its
        # columns by dy, so its products are taken without forming it (or c dy^T):
        #   dL/dW_L = c * (act'(r_L) (a_{L-1} dy)^T)      dL/db_L = c * (act'(r_L) dy)
        #   dL/da_{L-1} = ((c * W_L)^T act'(r_L)) dy
        # a_L is not needed any more, so its array now takes act'(r_L).
        W, _ = self._hidden_layers[L - 1]
        der_L = der(a[L], out=a[L])
        a_dy = np.multiply(a[L - 1], dy, out=workspace["a_dy"][0])     # column n times dy_n
        np.multiply(np.matmul(der_L, a_dy.T, out=g[f"W{L}"]), c[:, None], out=g[f"W{L}"])
        np.multiply(np.matmul(der_L, dy, out=g[f"b{L}"]), c, out=g[f"b{L}"])
        if L > 1:
            dA = np.matmul((c[:, None] * W).T, der_L, out=workspace["delta"][L - 2])
            dA *= dy                                                     # dL/da_{L-1}

        for k in range(L - 1, 0, -1):
            W, _ = self._hidden_layers[k - 1]
            dR = np.multiply(dA, der(a[k], out=a[k]), out=dA)            # dL/dr_k
            np.matmul(dR, a[k - 1].T, out=g[f"W{k}"])                   # dL/dW_k = dL/dr_k a_{k-1}^T
            np.sum(dR, axis=1, out=g[f"b{k}"])                          # dL/db_k
            if k > 1:
                dA = np.matmul(W.T, dR, out=workspace["delta"][k - 2])  # dL/da_{k-1} = W_k^T dL/dr_k
        return loss_fn(y_hat, y), grad


def Linear(n_inputs: int, seed: int = 0) -> MLP:
    """The linear model y = b + c·x (the book's w is c); same as ``MLP(n_inputs, hidden=())``."""
    return MLP(n_inputs, hidden=(), seed=seed)


def model_from_spec(spec: dict) -> MLP:
    """Rebuild a model from ``MLP.spec()`` output (e.g. a Trajectory's config)."""
    return MLP(spec["n_inputs"], tuple(spec["hidden"]), spec["activation"], spec["seed"])
