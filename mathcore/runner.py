"""Train one run spec: its data, its model, its optimiser, ``fit``, and a progress line."""

from __future__ import annotations

from mathcore.progress import ProgressLine, ProgressMode
from mathcore.runspec import RunSpec
from mathcore.train import Trajectory, fit


def train(spec: RunSpec, progress: ProgressMode = None) -> Trajectory:
    """The trajectory of ``spec``, trained now (``mathcore.cache.get_or_train`` stores it).

    ``progress`` is ``ProgressLine``'s mode: None, True, False or a callable
    ``(steps_done, total_steps)``.
    """
    data = spec.training_data()
    o = spec.optimizer.to_dict()
    label = (f"{spec.data.source} hidden={list(spec.model.hidden)} {o['name']} lr={o['lr']:g} "
             f"epochs={spec.epochs}")
    reporter = ProgressLine(label, progress)
    trajectory = fit(
        spec.new_model(), data.X, data.y,
        loss=spec.loss,
        optimizer=spec.optimizer.make(),
        epochs=spec.epochs,
        batch_size=spec.batch_size,
        seed=spec.seed,
        X_val=data.X_val,
        y_val=data.y_val,
        record_every=spec.record_every,
        on_divergence=spec.on_divergence,
        patience=spec.patience,
        on_step=reporter,
    )
    reporter.finish()
    return trajectory
