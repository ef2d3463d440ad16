"""The training kernel of ``mathcore.models.MLP``: the book's formulas, computed in place.

``MLP.book_loss_and_grad`` is back-propagation as the book writes it. Training calls it
thousands of times, so this module computes the same numbers (equal to within a few
ulps; ``tests/test_fast_paths.py``) with three tricks:

- the examples are columns, as the book's x is a column vector: a_0 = X^T, and
  r_k = W_k a_{k-1} + b_k for all N examples at once (BLAS is faster this way round);
- the bias rides in the matrix product, W_k a_{k-1} + b_k = [W_k b_k] [a_{k-1}; 1],
  which saves a pass over r_k;
- the arrays of a batch size are kept (for the last few sizes), so a step allocates
  nothing big, and the last layer's gradient is taken without forming dL/dr_L.

Nothing here checks its input: ``MLP.forward`` / ``MLP.loss_and_grad`` do, then call
this. ``mathcore.train.fit`` calls it directly on arrays it has already checked.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from mathcore.activations import Activation

#: How many batch sizes keep their arrays (the least recently used is dropped).
WORKSPACES_KEPT = 4

LossFunctions = tuple[Callable[..., float], Callable[..., np.ndarray]]


class FastMLP:
    """Forward and backward passes on the live parameters of one MLP.

    ``views`` are the model's named parameter views (W1, b1, ..., c, b) into its theta:
    the kernel always sees the current parameters. ``workspaces`` maps a batch size to
    its reusable arrays (scratch space: never pickled, never returned).
    """

    def __init__(self, views: dict[str, np.ndarray], n_inputs: int, hidden: tuple[int, ...],
                 activation: Activation) -> None:
        self.views, self.n_inputs, self.hidden, self.activation = views, n_inputs, hidden, activation
        self.n_params = sum(v.size for v in views.values())
        self.layers = [(views[f"W{k}"], views[f"b{k}"]) for k in range(1, len(hidden) + 1)]
        self.workspaces: dict[int, dict[str, list[np.ndarray]]] = {}

    def workspace(self, n: int, reuse: bool = True) -> dict[str, list[np.ndarray]]:
        """Arrays for a batch of n examples, kept for the last few n.

        "x1" is [X 1] (n, n_inputs + 1); "a1"[k-1] is [a_k; 1] (width_k + 1, n), r_k being
        computed in its first rows; "Wb"[k-1] is [W_k b_k]; "delta"[k-1] holds dL/da_k and
        then dL/dr_k for k < L; "a_dy" the last layer's input with column n times dy_n.
        """
        workspace = self.workspaces.pop(n, None) if reuse else None
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
            while len(self.workspaces) >= WORKSPACES_KEPT:
                del self.workspaces[next(iter(self.workspaces))]  # the least recently used
        self.workspaces[n] = workspace
        return workspace

    def forward(self, X: np.ndarray) -> np.ndarray:
        """y_hat (N,) for trusted X (float64, (N, n_inputs), finite)."""
        return self.forward_layers(X)[0]

    def forward_layers(
        self, X: np.ndarray, keep_r: bool = False
    ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """y_hat (N,), [r_1..r_L] and [a_0, a_1..a_L], each r_k and a_k of shape (width, N).

        r_k is computed in the array of a_k and act() is applied in place; the a_k are
        the reusable arrays (overwritten by the next call) and rs is empty, unless
        ``keep_r=True``, which returns fresh arrays and a copy of each r_k.
        """
        workspace = self.workspace(len(X), reuse=not keep_r)
        activations, rs = [X.T], []
        if self.hidden:
            (x1,) = workspace["x1"]
            x1[:, :-1] = X
            a1 = x1.T                                              # [a_0; 1]
        for (W, b), Wb, next_a1 in zip(self.layers, workspace["Wb"], workspace["a1"]):
            Wb[:, :-1], Wb[:, -1] = W, b
            r = np.matmul(Wb, a1, out=next_a1[:-1])                  # r_k = W_k a_{k-1} + b_k
            if keep_r:
                rs.append(r.copy())
            activations.append(self.activation.output(r, out=r))   # a_k = act(r_k)
            a1 = next_a1
        y_hat = self.views["c"] @ activations[-1] + self.views["b"][0]    # y = c^T a_L + b
        return y_hat, rs, activations

    def loss_and_grad(self, X: np.ndarray, y: np.ndarray, loss_fns: LossFunctions) -> tuple[float, np.ndarray]:
        """The loss and dL/dtheta (P,) for trusted X, y; ``loss_fns`` from ``losses.get_loss``.

        With the examples as columns and dy = dL/dy_hat (see ``MLP.book_loss_and_grad``
        for the same steps one row per example):

            dL/dc = a_L dy                      dL/db = sum(dy)
            dL/dr_k = dL/da_k * act'(r_k)       dL/da_L = c dy^T
            dL/dW_k = dL/dr_k a_{k-1}^T         dL/db_k = sum over the examples of dL/dr_k
            dL/da_{k-1} = W_k^T dL/dr_k
        """
        loss_fn, loss_der = loss_fns
        y_hat, _, a = self.forward_layers(X)     # a[k] is a_k
        grad = np.empty(self.n_params)
        g = _views_like(self.views, grad)
        c, der = self.views["c"], self.activation.der_from_output

        dy = loss_der(y_hat, y)                 # dL/dy_hat, (N,)
        np.matmul(a[-1], dy, out=g["c"])        # dL/dc = a_L dy
        g["b"][0] = dy.sum()
        L = len(self.hidden)
        if L == 0:
            return loss_fn(y_hat, y), grad
        workspace = self.workspace(len(X))

        # Layer L. dL/dr_L = (c dy^T) * act'(r_L) scales the rows of act'(r_L) by c and its
        # columns by dy, so its products are taken without forming it (or c dy^T):
        #   dL/dW_L = c * (act'(r_L) (a_{L-1} dy)^T)      dL/db_L = c * (act'(r_L) dy)
        #   dL/da_{L-1} = ((c * W_L)^T act'(r_L)) dy
        # a_L is not needed any more, so its array now takes act'(r_L).
        W, _ = self.layers[L - 1]
        der_L = der(a[L], out=a[L])
        a_dy = np.multiply(a[L - 1], dy, out=workspace["a_dy"][0])     # column n times dy_n
        np.multiply(np.matmul(der_L, a_dy.T, out=g[f"W{L}"]), c[:, None], out=g[f"W{L}"])
        np.multiply(np.matmul(der_L, dy, out=g[f"b{L}"]), c, out=g[f"b{L}"])
        if L > 1:
            dA = np.matmul((c[:, None] * W).T, der_L, out=workspace["delta"][L - 2])
            dA *= dy                                                     # dL/da_{L-1}

        for k in range(L - 1, 0, -1):
            W, _ = self.layers[k - 1]
            dR = np.multiply(dA, der(a[k], out=a[k]), out=dA)            # dL/dr_k
            np.matmul(dR, a[k - 1].T, out=g[f"W{k}"])                   # dL/dW_k = dL/dr_k a_{k-1}^T
            np.sum(dR, axis=1, out=g[f"b{k}"])                          # dL/db_k
            if k > 1:
                dA = np.matmul(W.T, dR, out=workspace["delta"][k - 2])  # dL/da_{k-1} = W_k^T dL/dr_k
        return loss_fn(y_hat, y), grad


def _views_like(views: dict[str, np.ndarray], flat: np.ndarray) -> dict[str, np.ndarray]:
    """Views into ``flat`` with the names and shapes of ``views``, in the same order."""
    out, offset = {}, 0
    for name, view in views.items():
        out[name] = flat[offset : offset + view.size].reshape(view.shape)
        offset += view.size
    return out
