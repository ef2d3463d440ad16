"""Error surfaces: L(w, b) of the one-feature linear model on a grid, and 2-D slices of any model.

``error_surface`` is exact and vectorised:

- MSE from sufficient statistics. With x̄, ȳ the means, xc = x - x̄, yc = y - ȳ,
  S = mean(xc²), w* = mean(xc·yc)/S and R = mean((yc - w*·xc)²) (the least-squares
  residual), every grid value is a sum of non-negative terms,

      L(w, b) = u² + S (w - w*)² + R + 2u·mean(w·xc - yc),   u = b + w·x̄ - ȳ,

  (the last term is zero up to rounding), so there is no cancellation: it agrees
  with the direct mean((b + w x - y)²) to a few ulps, at O(N + W·B) cost.
- MAE by sorting: for each w, mean|b + w x - y| is piecewise linear in b with
  corners at r = y - w x. Sorting r once and taking prefix sums gives every b in the
  grid through ``searchsorted``: O(W·N log N + W·B) instead of O(W·B·N).

``slice_2d`` evaluates any model's loss on the plane center + α d1 + β d2, with
filter-normalised random directions (Li et al., 2018, "Visualizing the loss
landscape of neural nets") or the top two principal directions of a trajectory.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from mathcore.losses import get_loss
from mathcore.models import MLP, model_from_spec
from mathcore.validation import check_choice, check_positive_int, check_vector, check_xy

LOSSES = ("mse", "mae")
_CHUNK_VALUES = 4_000_000  # floats per MAE work block (32 MB)


# ------------------------------------------------------------------------ (w, b) grid


def _check_surface_args(x, y, w_grid, b_grid, loss):
    x = check_vector("x", x, "the one feature, shape (N,); use X[:, 0]")
    y = check_vector("y", y, "the targets, shape (N,)")
    if len(x) != len(y):
        raise ValueError(f"len(x) = {len(x)} but len(y) = {len(y)}; they must match")
    w = check_vector("w_grid", w_grid, "e.g. np.linspace(-1, 2, 200)")
    b = check_vector("b_grid", b_grid, "e.g. np.linspace(-1, 1, 200)")
    return x, y, w, b, check_choice("loss", loss, LOSSES)


def _mse_surface(x: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    x_mean, y_mean = np.mean(x), np.mean(y)
    xc, yc = x - x_mean, y - y_mean
    s_xx = np.mean(xc * xc)
    w_star = np.mean(xc * yc) / s_xx if s_xx > 0 else 0.0
    resid = yc - w_star * xc
    r_min = np.mean(resid * resid)
    mx, my = np.mean(xc), np.mean(yc)  # zero up to rounding
    u = b[:, None] + (w * x_mean - y_mean)[None, :]
    return u * u + (s_xx * (w - w_star) ** 2 + r_min)[None, :] + 2.0 * u * (w * mx - my)[None, :]


def _mae_surface(x: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    n = len(x)
    out = np.empty((len(b), len(w)))
    chunk = max(1, _CHUNK_VALUES // n)
    for start in range(0, len(w), chunk):
        wc = w[start : start + chunk]
        r = y[None, :] - wc[:, None] * x[None, :]          # corners in b, (W_c, N)
        shift = np.mean(r, axis=1)                         # centre them: small prefix sums
        r = np.sort(r - shift[:, None], axis=1)
        prefix = np.zeros((len(wc), n + 1))
        np.cumsum(r, axis=1, out=prefix[:, 1:])
        for j in range(len(wc)):
            t = b - shift[j]
            k = np.searchsorted(r[j], t)                   # how many corners lie below t
            below = t * k - prefix[j, k]                   # sum of (t - r_i) over r_i < t
            above = (prefix[j, n] - prefix[j, k]) - t * (n - k)
            out[:, start + j] = (below + above) / n
    return out


def error_surface(
    x: np.ndarray, y: np.ndarray, w_grid: np.ndarray, b_grid: np.ndarray, loss: str = "mse"
) -> np.ndarray:
    """L(w, b) = mean(e(b + w x_n - y_n)) of the one-feature linear model on a grid.

    Returns shape ``(len(b_grid), len(w_grid))``: row i is ``b_grid[i]``, column j is
    ``w_grid[j]`` (ready for a contour plot with w across and b up). Exact up to
    rounding for ``loss`` "mse" and "mae" (see the module docstring).
    """
    x, y, w, b, loss = _check_surface_args(x, y, w_grid, b_grid, loss)
    return _mse_surface(x, y, w, b) if loss == "mse" else _mae_surface(x, y, w, b)


def error_surface_loop(
    x: np.ndarray, y: np.ndarray, w_grid: np.ndarray, b_grid: np.ndarray, loss: str = "mse"
) -> np.ndarray:
    """The naive reference: one full pass over the data per grid point (O(W·B·N))."""
    x, y, w, b, loss = _check_surface_args(x, y, w_grid, b_grid, loss)
    loss_fn = get_loss(loss)[0]
    out = np.empty((len(b), len(w)))
    for i, b_i in enumerate(b):
        for j, w_j in enumerate(w):
            out[i, j] = loss_fn(b_i + w_j * x, y)
    return out


def least_squares_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(w*, b*) minimising mean((b + w x - y)²); needs at least two distinct x."""
    x = check_vector("x", x, "the one feature, shape (N,)")
    y = check_vector("y", y, "the targets, shape (N,)")
    if len(x) != len(y):
        raise ValueError(f"len(x) = {len(x)} but len(y) = {len(y)}; they must match")
    xc = x - np.mean(x)
    s_xx = np.mean(xc * xc)
    if not s_xx > 0:
        raise ValueError("x is constant, so w* is not determined; give at least two distinct x")
    w = float(np.mean(xc * (y - np.mean(y))) / s_xx)
    return w, float(np.mean(y) - w * np.mean(x))


# --------------------------------------------------------------------- slices of θ


@dataclass(frozen=True, eq=False)
class Slice2D:
    """The loss on the plane theta = center + alpha·d1 + beta·d2.

    ``loss[i, j]`` is at ``(alpha[j], beta[i])``. ``path`` (T, 2) holds the (alpha,
    beta) of each trajectory theta: the least-squares projection of theta - center
    onto span{d1, d2}; ``path_residual`` (T,) is the distance of each theta from the
    plane. ``explained_variance`` (PCA only) is the fraction of the trajectory's
    variance around its final theta along d1 and d2.
    """

    alpha: np.ndarray
    beta: np.ndarray
    loss: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    center: np.ndarray
    method: str  # "random", "pca" or "given"
    loss_name: str
    path: np.ndarray | None = None
    path_residual: np.ndarray | None = None
    explained_variance: np.ndarray | None = None

    def theta_at(self, alpha: float, beta: float) -> np.ndarray:
        """The parameter vector at plane coordinates (alpha, beta)."""
        return self.center + alpha * self.d1 + beta * self.d2


def filter_normalised_direction(
    model: MLP, center_theta: np.ndarray, rng: np.random.Generator, bias: str = "zero"
) -> np.ndarray:
    """A Gaussian direction, each filter rescaled to the norm of that filter in ``center_theta``.

    A filter is one neuron's incoming weights: row i of W_k, and the output weights
    c as a whole (the output layer has one neuron). Biases b_k and b: ``bias="zero"``
    sets their directions to 0 (Li et al.'s default, 'ignore biasbn'); ``"filter"``
    treats each bias as a one-weight filter (direction ±|bias|).
    """
    check_choice("bias", bias, ("zero", "filter"))
    d = rng.standard_normal(model.n_params)
    dv, cv = model.unflatten(d), model.unflatten(center_theta)
    for name, shape, _ in model.layout:
        block, ref = dv[name], cv[name]
        if len(shape) == 2:  # W_k: one filter per row
            norms = np.linalg.norm(block, axis=1, keepdims=True)
            block *= np.linalg.norm(ref, axis=1, keepdims=True) / np.where(norms > 0, norms, 1.0)
        elif name == "c":
            norm = np.linalg.norm(block)
            block *= np.linalg.norm(ref) / norm if norm > 0 else 0.0
        elif bias == "zero":
            block[...] = 0.0
        else:
            block[...] = np.sign(block) * np.abs(ref)
    return d


def _pca_directions(thetas: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if thetas is None or len(thetas) < 3:
        raise ValueError("directions='pca' needs trajectory_thetas with at least 3 rows (T, P)")
    m = thetas - thetas[-1]
    _, s, vt = np.linalg.svd(m, full_matrices=False)
    if len(s) < 2 or not s[1] > 1e-12 * max(s[0], 1e-300):
        raise ValueError("trajectory_thetas spans fewer than two directions; "
                         "use directions='random' or give the directions")
    d1, d2 = vt[0].copy(), vt[1].copy()
    for d in (d1, d2):  # sign: the trajectory starts on the negative side
        if m[0] @ d > 0:
            d *= -1.0
    var = s**2
    return d1, d2, var[:2] / var.sum()


def _span(span: object, path: np.ndarray | None) -> tuple[float, float]:
    if span is None:
        if path is None:
            raise ValueError("span=None (fit the trajectory) needs trajectory_thetas; "
                             "or give span=1.0")
        extent = 1.25 * np.max(np.abs(path), axis=0)
        return tuple(float(e) if e > 0 else 1.0 for e in extent)
    pair = span if isinstance(span, (tuple, list)) and len(span) == 2 else (span, span)
    out = []
    for s in pair:
        if isinstance(s, bool) or not isinstance(s, numbers.Real) or not (0 < s < np.inf):
            raise ValueError("span must be a number > 0, a pair (alpha_span, beta_span), "
                             f"or None; got {span!r}")
        out.append(float(s))
    return out[0], out[1]


def slice_2d(
    model: MLP,
    X: np.ndarray,
    y: np.ndarray,
    center_theta: np.ndarray,
    loss: str = "mse",
    directions: str | Sequence[np.ndarray] = "random",
    trajectory_thetas: np.ndarray | None = None,
    span: float | tuple[float, float] | None = 1.0,
    resolution: int = 41,
    seed: int = 0,
    bias: str = "zero",
) -> Slice2D:
    """The loss of ``model``'s architecture on a plane through ``center_theta``.

    ``directions``: "random" (two filter-normalised Gaussian directions from ``seed``;
    see ``filter_normalised_direction`` for ``bias``), "pca" (unit top-two principal
    directions of ``trajectory_thetas - trajectory_thetas[-1]``), or a pair
    ``(d1, d2)`` of length-P vectors used as given. The grid is
    ``alpha = linspace(-span_a, span_a, resolution)`` and likewise beta; ``span=None``
    fits the projected trajectory with a 25% margin. ``model`` itself is not changed.
    """
    if not isinstance(model, MLP):
        raise TypeError(f"model must be a mathcore.models.MLP, got {type(model).__name__}")
    X, y = check_xy(X, y)
    if X.shape[1] != model.n_inputs:
        raise ValueError(
            f"X has {X.shape[1]} columns but the model has n_inputs = {model.n_inputs}")
    loss = check_choice("loss", loss, LOSSES)
    resolution = check_positive_int("resolution", resolution)
    if resolution < 2:
        raise ValueError(f"resolution must be >= 2 grid points per axis, got {resolution}")
    p = model.n_params
    center = check_vector("center_theta", center_theta, f"length n_params = {p}")
    if len(center) != p:
        raise ValueError(f"center_theta must have length n_params = {p}, got {len(center)}")
    thetas = None
    if trajectory_thetas is not None:
        thetas = np.array(trajectory_thetas, dtype=np.float64)
        if thetas.ndim != 2 or thetas.shape[1] != p or not np.all(np.isfinite(thetas)):
            raise ValueError(
                f"trajectory_thetas must be a finite (T, {p}) array, got shape {thetas.shape}")

    explained = None
    if isinstance(directions, str):
        method = check_choice("directions", directions, ("random", "pca"))
        if method == "random":
            rng = np.random.default_rng(seed)
            d1, d2 = (filter_normalised_direction(model, center, rng, bias) for _ in range(2))
        else:
            d1, d2, explained = _pca_directions(thetas)
    else:
        method = "given"
        if len(directions) != 2:
            raise ValueError(
                "directions must be 'random', 'pca' or a pair (d1, d2) of length-P vectors")
        d1, d2 = (check_vector(f"d{i + 1}", d, f"length n_params = {p}")
                  for i, d in enumerate(directions))
        if len(d1) != p or len(d2) != p:
            raise ValueError(f"directions d1, d2 must have length n_params = {p}")
    basis = np.column_stack([d1, d2])
    gram = basis.T @ basis
    if not np.linalg.cond(gram) < 1e12:
        raise ValueError(
            f"the {method} directions d1, d2 are zero or (nearly) parallel, so they span no plane"
            + (" (a model with a single filter and bias='zero' gives one line); pass "
               "bias='filter', directions='pca' or explicit directions"
               if method == "random" else "")
        )

    path = residual = None
    if thetas is not None:
        offsets = thetas - center
        coords = np.linalg.lstsq(basis, offsets.T, rcond=None)[0]  # (2, T) least squares
        residual = np.linalg.norm(offsets - (basis @ coords).T, axis=1)
        path = coords.T
    span_a, span_b = _span(span, path)
    alpha = np.linspace(-span_a, span_a, resolution)
    beta = np.linspace(-span_b, span_b, resolution)

    work = model_from_spec(model.spec())  # leave the caller's model alone
    loss_fn = get_loss(loss)[0]
    grid = np.empty((resolution, resolution))
    for i, b_i in enumerate(beta):
        for j, a_j in enumerate(alpha):
            work.set_theta(center + a_j * d1 + b_i * d2, check=False)  # finite: checked above
            grid[i, j] = loss_fn(work.fast.forward(X), y)
    return Slice2D(alpha, beta, grid, d1, d2, center, method, loss, path, residual, explained)
