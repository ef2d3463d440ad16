"""Training with every step recorded: ``fit(...) -> Trajectory``.

One step is one update. An epoch shuffles the N examples with the seed, cuts them
into batches of B (the last short batch is kept), and makes ceil(N/B) updates, each
from its own batch loss L^1, L^2, ... (CHAPTER.md §8). ``batch_size=None`` is full
batch: one update per epoch.

Early stopping (``patience=p``): the validation loss is evaluated at every recorded
step (``record_every``; set it to ceil(N/B) for once per epoch), and training stops
after ``p`` evaluations in a row without a new lowest value. ``Trajectory.best_step``
is the row of ``thetas`` with the lowest validation loss (the checkpoint to keep).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from mathcore.losses import get_loss
from mathcore.models import MLP
from mathcore.numerics import one_blas_thread
from mathcore.optim import Optimizer
from mathcore.validation import check_choice, check_positive_int, check_seed, check_xy


class DivergenceError(FloatingPointError):
    """Training produced a non-finite loss or parameter; ``step`` says when."""

    def __init__(self, step: int, message: str | None = None) -> None:
        self.step = step
        super().__init__(
            message
            or f"training diverged at step {step} (non-finite loss or theta); "
            "lower the learning rate, or pass on_divergence='record' to keep the path so far"
        )


@dataclass
class Trajectory:
    """A recorded training run. Row s of ``thetas`` is theta after recorded step s (row 0 = start).

    ``train_loss[s]`` is the loss on the whole training set at ``thetas[s]``;
    ``batch_loss[s-1]``, ``grad_norm[s-1]``, ``epoch_of_step[s-1]`` and
    ``batch_indices[s-1]`` describe the update that led to row s.
    ``best_step`` is the row with the lowest finite validation loss (None without
    validation data); ``stopped_early`` says whether ``patience`` ended the run.
    """

    thetas: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray | None
    grad_norm: np.ndarray
    batch_loss: np.ndarray
    epoch_of_step: np.ndarray
    step_number: np.ndarray
    batch_indices: list[np.ndarray]
    config: dict
    diverged_at: int | None = None
    extra: dict = field(default_factory=dict)
    best_step: int | None = None
    stopped_early: bool = False

    @property
    def n_steps(self) -> int:
        """Number of recorded steps (rows of ``thetas`` minus the start)."""
        return len(self.thetas) - 1

    @property
    def final_theta(self) -> np.ndarray:
        return self.thetas[-1]

    @property
    def best_theta(self) -> np.ndarray:
        """theta at ``best_step`` (the best-validation checkpoint); needs validation data."""
        if self.best_step is None:
            raise ValueError("best_theta needs a run with X_val and y_val; use final_theta instead")
        return self.thetas[self.best_step]


def fit(
    model: MLP,
    X: np.ndarray,
    y: np.ndarray,
    *,
    loss: str = "mse",
    optimizer: Optimizer,
    epochs: int,
    batch_size: int | None = None,
    seed: int = 0,
    X_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    record_every: int = 1,
    on_divergence: str = "raise",
    patience: int | None = None,
    on_step: Callable[[int, int], None] | None = None,
) -> Trajectory:
    """Train ``model`` in place and return the recorded trajectory.

    Every argument is checked before anything changes; ``optimizer`` is copied fresh
    (``optimizer.fresh()``) so the caller's object keeps no state from this run.
    ``patience`` (needs ``X_val``/``y_val``) stops training after that many recorded
    evaluations without a new lowest validation loss; the model is left at the last
    step taken, and ``Trajectory.best_step`` points at the best row. ``on_step(step,
    total_steps)``, if given, is called after each update (e.g. by a progress bar).
    The steps run on one BLAS thread (``mathcore.numerics``): the result does not depend
    on the machine's core count or ``OPENBLAS_NUM_THREADS``.
    """
    X, y = check_xy(X, y)
    if X.shape[1] != model.n_inputs:
        raise ValueError(f"X has {X.shape[1]} columns but the model has n_inputs = {model.n_inputs}")
    loss_fns = get_loss(loss)
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be a mathcore.optim optimiser such as Adam(lr=0.01), got {optimizer!r}")
    epochs = check_positive_int("epochs", epochs)
    n = len(X)
    if batch_size is not None:
        batch_size = check_positive_int("batch_size", batch_size)
        if batch_size > n:
            raise ValueError(f"batch_size = {batch_size} is larger than N = {n}; use at most {n} or None")
    record_every = check_positive_int("record_every", record_every)
    check_choice("on_divergence", on_divergence, ("raise", "record"))
    if (X_val is None) != (y_val is None):
        raise ValueError("give both X_val and y_val, or neither")
    if X_val is not None:
        X_val, y_val = check_xy(X_val, y_val, "X_val", "y_val")
        if X_val.shape[1] != model.n_inputs:
            raise ValueError(f"X_val has {X_val.shape[1]} columns but the model has n_inputs = {model.n_inputs}")
    seed = check_seed("seed", seed)
    if on_step is not None and not callable(on_step):
        raise TypeError(f"on_step must be None or a function (step, total_steps), got {on_step!r}")
    if patience is not None:
        patience = check_positive_int("patience", patience)
        if X_val is None:
            raise ValueError("patience needs validation data: pass X_val and y_val, or patience=None")

    optimizer = optimizer.fresh()
    full_batch = batch_size is None or batch_size == n
    config = {
        "model": model.spec(),
        "loss": loss,
        "optimizer": optimizer.config(),
        "epochs": epochs,
        "batch_size": batch_size,
        "seed": seed,
        "record_every": record_every,
        "n_train": n,
        "n_val": None if X_val is None else len(X_val),
    }
    if patience is not None:  # only then, so configs (and cache keys) without it are unchanged
        config["patience"] = patience
    recorder = _Recorder(model, X, y, X_val, y_val, loss_fns)
    rng = np.random.default_rng(seed)
    batch = n if full_batch else batch_size
    total_steps = epochs * math.ceil(n / batch)
    # Full batch: the loss of theta_t is the batch loss of step t+1, so it is not
    # computed twice; the recorded row waits for it ("pending").
    recorder.record_start(defer_train_loss=full_batch)
    # Divergence is detected and reported below, so overflow warnings would only be noise. One BLAS
    # thread: the products then add their terms in one order, so the bytes do not depend on the core count.
    with np.errstate(over="ignore", invalid="ignore"), one_blas_thread():
        theta = model.theta
        step = 0
        all_rows = np.arange(n)
        for epoch in range(epochs):
            order = all_rows if full_batch else rng.permutation(n)
            for start in range(0, n, batch):
                rows = order[start : start + batch]
                step += 1
                Xb, yb = (X, y) if full_batch else (X[rows], y[rows])
                batch_loss, grad = model.fast.loss_and_grad(Xb, yb, loss_fns)
                recorder.resolve_pending(batch_loss)
                # The norm is NaN or inf exactly when some gradient entry is (or when the
                # gradient is past 1e154, which is divergence too): one pass checks and records.
                grad_norm = float(np.linalg.norm(grad))
                if not (math.isfinite(batch_loss) and math.isfinite(grad_norm)):
                    return recorder.diverge(step - 1, on_divergence, config)  # theta_{step-1} is bad
                new_theta = optimizer.step(theta, grad)
                if not np.all(np.isfinite(new_theta)):
                    return recorder.diverge(step, on_divergence, config)
                theta = new_theta
                model.set_theta(theta, check=False)  # finite and of the right length: checked above
                if on_step is not None:
                    on_step(step, total_steps)
                if step % record_every == 0 or step == total_steps:
                    recorder.record_step(step, epoch, rows, batch_loss, grad_norm, defer_train_loss=full_batch)
                    if not np.isfinite(recorder.train_loss[-1]):
                        return recorder.diverge(step, on_divergence, config)
                    if patience is not None and recorder.evaluations_since_best() >= patience:
                        recorder.stopped_early = True
                        break
            if recorder.stopped_early:
                break
        recorder.resolve_pending(None)
    if not np.isfinite(recorder.train_loss[-1]):
        return recorder.diverge(step, on_divergence, config)
    return recorder.finish(config)


class _Recorder:
    """Collects the recorded rows of a run and builds the Trajectory."""

    def __init__(self, model, X, y, X_val, y_val, loss_fns) -> None:
        self.model, self.X, self.y, self.X_val, self.y_val = model, X, y, X_val, y_val
        self.loss_fn = loss_fns[0]
        self.thetas: list[np.ndarray] = []
        self.train_loss: list[float] = []
        self.val_loss: list[float] = []
        self.grad_norm: list[float] = []
        self.batch_loss: list[float] = []
        self.epoch_of_step: list[int] = []
        self.step_number: list[int] = []
        self.batch_indices: list[np.ndarray] = []

        self.pending: int | None = None
        self.stopped_early = False
        self._best_val = np.inf
        self._best_val_row = 0

    def _losses_now(self, defer_train_loss: bool) -> None:
        model = self.model
        with np.errstate(over="ignore", invalid="ignore"):
            if defer_train_loss:
                self.pending = len(self.train_loss)
                self.train_loss.append(0.0)  # filled in by resolve_pending
            else:
                self.train_loss.append(self.loss_fn(model.fast.forward(self.X), self.y))
            if self.X_val is not None:
                value = self.loss_fn(model.fast.forward(self.X_val), self.y_val)
                if value < self._best_val:  # False for NaN: a NaN is never an improvement
                    self._best_val, self._best_val_row = value, len(self.val_loss)
                self.val_loss.append(value)

    def resolve_pending(self, loss_at_current_theta: float | None) -> None:
        """Fill the waiting train-loss row; None means compute it now (end of training)."""
        if self.pending is None:
            return
        if loss_at_current_theta is None:
            with np.errstate(over="ignore", invalid="ignore"):
                loss_at_current_theta = self.loss_fn(self.model.fast.forward(self.X), self.y)
        self.train_loss[self.pending] = float(loss_at_current_theta)
        self.pending = None

    def best_row(self) -> int | None:
        """Row with the lowest finite validation loss (the first such row on ties)."""
        if not self.val_loss:
            return None
        values = np.asarray(self.val_loss)
        return int(np.argmin(np.where(np.isfinite(values), values, np.inf)))

    def evaluations_since_best(self) -> int:
        """Recorded evaluations after the lowest validation loss so far (0: the last is best)."""
        return len(self.val_loss) - 1 - self._best_val_row

    def record_start(self, defer_train_loss: bool) -> None:
        self.thetas.append(self.model.theta)
        self._losses_now(defer_train_loss)

    def record_step(self, step, epoch, rows, batch_loss, grad_norm: float, defer_train_loss: bool) -> None:
        self.thetas.append(self.model.theta)
        self._losses_now(defer_train_loss)
        self.grad_norm.append(grad_norm)
        self.batch_loss.append(float(batch_loss))
        self.epoch_of_step.append(epoch)
        self.step_number.append(step)
        self.batch_indices.append(rows)  # full batch: the same arange object every step

    def diverge(self, step: int, on_divergence: str, config: dict) -> Trajectory:
        if on_divergence == "raise":
            raise DivergenceError(step)
        # Drop a recorded row whose loss is not finite: keep only the honest, finite path.
        while len(self.train_loss) > 1 and not np.isfinite(self.train_loss[-1]):
            for rows in (self.thetas, self.train_loss, self.grad_norm, self.batch_loss,
                         self.epoch_of_step, self.step_number, self.batch_indices):
                rows.pop()
            if self.val_loss:
                self.val_loss.pop()
        return self.finish(config, diverged_at=step)

    def finish(self, config: dict, diverged_at: int | None = None) -> Trajectory:
        return Trajectory(
            thetas=np.array(self.thetas),
            train_loss=np.array(self.train_loss),
            val_loss=np.array(self.val_loss) if self.X_val is not None else None,
            grad_norm=np.array(self.grad_norm),
            batch_loss=np.array(self.batch_loss),
            epoch_of_step=np.array(self.epoch_of_step, dtype=np.int64),
            step_number=np.array(self.step_number, dtype=np.int64),
            batch_indices=self.batch_indices,
            config=config,
            diverged_at=diverged_at,
            best_step=self.best_row(),
            stopped_early=self.stopped_early,
        )
