"""`explainer table`, `explainer train` and `explainer cache`: the command line over mathcore's runs."""

from __future__ import annotations

import json
import math
from pathlib import Path

from explainer.errors import UsageError
from mathcore.train import DivergenceError


def cmd_table(args) -> int:
    from mathcore.studies.experiments import load_or_run

    table = load_or_run(args.data, reduced=args.reduced)
    print(table.format_table())
    return 0


def read_config(text: str) -> dict:
    """CONFIG as given to `explainer train`: a JSON object, or the path of a file holding one."""
    if not text.strip():
        raise UsageError("CONFIG is empty; give a JSON file or a JSON object such as "
                         "'{\"data\": {\"source\": \"windows\", \"k\": 1}, \"optimizer\": "
                         "{\"name\": \"gd\", \"lr\": 0.1}, \"epochs\": 100}'")
    looks_like_json = text.lstrip().startswith(("{", "["))
    if not looks_like_json:
        source = Path(text)
        if not source.exists():
            raise UsageError(f"config file {text} does not exist; give an existing JSON file or a JSON object")
        if source.is_dir():
            raise UsageError(f"config file {text} is a folder; give a JSON file or a JSON object")
        text = source.read_text(encoding="utf-8")  # an OSError (unreadable) is reported by main
    try:
        config = json.loads(text)
    except json.JSONDecodeError as exc:
        where = "CONFIG" if looks_like_json else f"config file {source}"
        raise UsageError(f"{where} is not valid JSON ({exc})") from None
    if not isinstance(config, dict):
        raise UsageError(f"CONFIG must be a JSON object {{...}}, got a {type(config).__name__}")
    return config


#: The most memory a run's recorded trajectory may take (`explainer train` refuses larger runs).
MAX_TRAJECTORY_BYTES = 4 * 1024**3


def check_run_size(config: dict) -> None:
    """Refuse a run whose recorded trajectory would not fit in memory (a typo'd epochs=10**9)."""
    from mathcore.cache import model_for, normalise_config, training_data

    cfg = normalise_config(config)
    n = len(training_data(cfg).y)
    batch = n if cfg["batch_size"] is None else min(cfg["batch_size"], n)
    steps = cfg["epochs"] * math.ceil(n / batch)
    # each recorded step: theta (a numpy array, ~100 bytes of its own), six list entries (~50 bytes
    # each) and, for mini-batches, its rows' indices
    per_record = 8 * model_for(cfg).n_params + 400 + (8 * batch if batch < n else 0)
    size = (steps // cfg["record_every"] + 1) * per_record
    if size > MAX_TRAJECTORY_BYTES:
        raise UsageError(f"this run would record {steps:,} steps, about {size / 1024**3:,.0f} GiB (the limit is "
                         f"{MAX_TRAJECTORY_BYTES / 1024**3:.0f} GiB); lower \"epochs\" or raise \"record_every\"")


def cmd_train(args) -> int:
    from mathcore.cache import get_or_train

    config = read_config(args.config)
    check_run_size(config)
    try:
        trajectory = get_or_train(config, progress=True)
    except DivergenceError as exc:
        raise UsageError(f"{exc.args[0].split(';')[0]}; lower the learning rate, or add "
                         "\"on_divergence\": \"record\" to the config to keep the path up to there") from None
    losses = trajectory.train_loss
    print(f"steps recorded: {trajectory.n_steps}")
    print(f"train loss:     {losses[0]:.6g} -> {losses[-1]:.6g}")
    if trajectory.val_loss is not None:
        print(f"val loss:       {trajectory.val_loss[0]:.6g} -> {trajectory.val_loss[-1]:.6g}")
    if trajectory.diverged_at is not None:
        print(f"diverged at step {trajectory.diverged_at}")
    print(f"parameters:     {trajectory.thetas.shape[1]}")
    return 0


def cmd_cache(args) -> int:
    from mathcore.cache import cache_info, clear_cache

    if args.action == "info":
        info = cache_info()
        print(f"folder:  {info.path}")
        print(f"entries: {info.count}")
        print(f"size:    {info.bytes / 1e6:.1f} MB")
    else:
        removed = clear_cache()
        print(f"removed {removed} cached trajectories from {cache_info().path}")
    return 0
