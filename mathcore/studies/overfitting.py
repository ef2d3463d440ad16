"""Overfitting over epochs, and early stopping (CHAPTER.md §6): real curves of a deep net.

A deep ReLU network reads the previous k days of the Seattle daily maximum temperature
and predicts the next day. It is trained for a fixed number of epochs with NO early
stopping, once per seed, through the trajectory cache (``mathcore.cache.get_or_train``),
recording θ once per epoch. From those θ we read three loss curves, MAE in °C:

- ``train``: the fitting part (the rows gradient descent saw), 2012 to mid 2014;
- ``val``: the validation part, the last 20% of the training period (second half of
  2014): never trained on; the one early stopping watches;
- ``unseen``: 2015, never looked at while training or stopping; only reported.

Overfitting is claimed only where it is real (``OverfitCurves.overfits``): in every run
the unseen loss rises after its lowest epoch by more than the spread of the runs
(seeds), while the training loss keeps falling.

Early stopping is the same run with ``patience`` set (``fit(patience=...)``): it stops
after ``patience`` epochs without a new lowest validation loss and keeps the epoch of
the lowest validation loss. Because the run is otherwise identical (same seed, same
batches), its θ are the first rows of the long run's θ (tested).

Bike-share does not show the book's overfitting (see ``mathcore.studies.experiments``: its unseen
loss at depth moves by less than the seed spread), which is why this uses Seattle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.data import DATASETS, load, windows
from mathcore.validation import check_choice, check_positive_float, check_positive_int

__all__ = [
    "DEFAULT",
    "REDUCED",
    "EarlyStop",
    "OverfitCurves",
    "OverfitSpec",
    "early_stop",
    "overfit_curves",
    "run_config",
]


@dataclass(frozen=True)
class OverfitSpec:
    """Everything that fixes the runs: data, network, training, the seeds and the patience."""

    name: str = "seattle"
    k: int = 56                                  # previous days the network reads
    hidden: tuple[int, ...] = (32, 32, 32, 32)   # four hidden layers of 32 ReLUs
    lr: float = 1e-3                             # Adam
    batch_size: int = 64
    epochs: int = 150                            # trained this long, whatever happens
    seeds: tuple[int, ...] = (0, 1, 2)
    patience: int = 20                           # early stopping: epochs without a new best

    def __post_init__(self) -> None:
        check_choice("data set name", self.name, DATASETS)
        for label, value in (("k", self.k), ("batch_size", self.batch_size), ("epochs", self.epochs),
                             ("patience", self.patience)):
            check_positive_int(label, value)
        check_positive_float("lr", self.lr)
        if not self.hidden or min(self.hidden) < 1:
            raise ValueError(f"hidden must list at least one width >= 1, such as (32, 32), got {self.hidden!r}")
        if len(self.seeds) < 2 or len(set(self.seeds)) != len(self.seeds):
            raise ValueError(f"seeds must hold at least two distinct seeds (for the spread), got {self.seeds!r}")


DEFAULT = OverfitSpec()
#: A quick version for tests: narrow layers, few epochs (not expected to overfit).
REDUCED = OverfitSpec(hidden=(8, 8), epochs=12, seeds=(0, 1), patience=3)


def run_config(spec: OverfitSpec, seed: int, patience: int | None = None) -> dict:
    """The cache config of one run: MAE, Adam, mini-batches, θ recorded once per epoch."""
    n_fit = len(windows(spec.k, spec.name).y_train)
    return {
        "data": {"source": "windows", "name": spec.name, "k": spec.k},
        "model": {"hidden": list(spec.hidden), "activation": "relu", "seed": int(seed)},
        "loss": "mae",
        "optimizer": {"name": "adam", "lr": spec.lr},
        "epochs": spec.epochs,
        "batch_size": spec.batch_size,
        "seed": int(seed),
        "record_every": math.ceil(n_fit / spec.batch_size),  # one row per epoch
        "patience": patience,
    }


@dataclass(frozen=True)
class OverfitCurves:
    """MAE (original units) per epoch 0..E, one row per seed: ``train``, ``val``, ``unseen``."""

    spec: OverfitSpec
    unit: str
    train: np.ndarray
    val: np.ndarray
    unseen: np.ndarray
    periods: dict  # "train", "val", "unseen" -> (first date, last date) of the targets

    @property
    def epochs(self) -> np.ndarray:
        return np.arange(self.train.shape[1])

    def lowest_unseen_epoch(self) -> np.ndarray:
        """Per seed, the epoch of the lowest unseen loss."""
        return np.argmin(self.unseen, axis=1)

    def unseen_rise(self) -> np.ndarray:
        """Per seed, how far the unseen loss ends above its lowest value."""
        return self.unseen[:, -1] - self.unseen.min(axis=1)

    def seed_spread(self) -> float:
        """How much the runs differ: the larger sample std over seeds of the unseen loss at its
        lowest point and at the last epoch."""
        return float(max(np.std(self.unseen.min(axis=1), ddof=1), np.std(self.unseen[:, -1], ddof=1)))

    def training_keeps_falling(self) -> np.ndarray:
        """Per seed: is the training loss at the last epoch below its value at the unseen minimum?"""
        at_min = self.train[np.arange(len(self.train)), self.lowest_unseen_epoch()]
        return self.train[:, -1] < at_min

    def overfits(self) -> bool:
        """Overfitting, honestly: in every run the unseen loss rises after its minimum by more
        than the seed spread, while the training loss keeps falling."""
        return bool(np.all(self.unseen_rise() > self.seed_spread()) and np.all(self.training_keeps_falling()))


@lru_cache(maxsize=8)
def overfit_curves(spec: OverfitSpec = DEFAULT) -> OverfitCurves:
    """The three loss curves of every seed's run (trained once, then read from the cache)."""
    train, val, unseen = [], [], []
    for seed in spec.seeds:
        config = run_config(spec, seed)
        trajectory = get_or_train(config)
        data = training_data(config)
        std = data.meta["std"]
        model = model_for(config)
        unseen_mae = []
        for theta in trajectory.thetas:
            model.set_theta(theta)
            unseen_mae.append(np.mean(np.abs(model.forward(data.X_unseen) - data.y_unseen)))
        train.append(np.asarray(trajectory.train_loss) * std)
        val.append(np.asarray(trajectory.val_loss) * std)
        unseen.append(np.asarray(unseen_mae) * std)
    meta = training_data(run_config(spec, spec.seeds[0])).meta
    series = load(spec.name)

    def period(times: np.ndarray) -> tuple[str, str]:
        where = np.searchsorted(series.time, [times[0], times[-1]])
        return str(series.dates[where[0]]), str(series.dates[where[1]])

    curves = OverfitCurves(
        spec=spec, unit=meta["unit"], train=np.array(train), val=np.array(val), unseen=np.array(unseen),
        periods={part: period(meta[f"t_{part}"]) for part in ("train", "val", "unseen")},
    )
    for array in (curves.train, curves.val, curves.unseen):
        array.setflags(write=False)
    return curves


@dataclass(frozen=True)
class EarlyStop:
    """One seed's early-stopped run: where it stopped, which epoch it kept, and that epoch's losses."""

    seed: int
    stopped_at: int        # the last epoch trained
    kept_epoch: int        # the epoch of the lowest validation loss (its θ is kept)
    val: float             # validation MAE at the kept epoch
    unseen: float          # unseen MAE at the kept epoch (reported, never used to choose)


def early_stop(spec: OverfitSpec = DEFAULT, seed: int | None = None) -> EarlyStop:
    """Train ``seed``'s run again with ``patience`` (cached), and read the epoch it keeps."""
    seed = spec.seeds[0] if seed is None else seed
    if seed not in spec.seeds:
        raise ValueError(f"seed {seed} is not one of the spec's seeds {spec.seeds}")
    trajectory = get_or_train(run_config(spec, seed, patience=spec.patience))
    curves = overfit_curves(spec)
    row = spec.seeds.index(seed)
    kept = int(trajectory.best_step)
    return EarlyStop(seed=seed, stopped_at=int(trajectory.n_steps), kept_epoch=kept,
                     val=float(curves.val[row, kept]), unseen=float(curves.unseen[row, kept]))
