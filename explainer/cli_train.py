"""`explainer table`, `explainer train` and `explainer cache`: the command line over mathcore's runs."""

from __future__ import annotations

import json
from pathlib import Path

from explainer.errors import UsageError
from mathcore.train import DivergenceError


def cmd_table(args) -> int:
    from mathcore.studies.experiments import load_or_run

    table = load_or_run(args.data, reduced=args.reduced)
    print(table.format_table())
    return 0


#: The largest config file `explainer train` reads (a config is a few hundred bytes; an explicit
#: "init" theta of a large network can take megabytes).
MAX_CONFIG_BYTES = 64 * 1024**2
_EXAMPLE = ("'{\"data\": {\"source\": \"windows\", \"k\": 1}, \"optimizer\": {\"name\": \"gd\", "
            "\"lr\": 0.1}, \"epochs\": 100}'")


def read_config(text: str) -> dict:
    """CONFIG as given to `explainer train`: a JSON object, or the path of a file holding one.

    Text that starts like JSON ({, [ or a quote, after an optional UTF-8 byte-order mark) is JSON;
    otherwise an existing path is read, and text that is neither is parsed as JSON (a number or
    true) or refused as a missing file. Only a regular file is read (a FIFO or a device would block
    or never end), at most MAX_CONFIG_BYTES of it, as UTF-8 with or without a BOM.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise UsageError(f"CONFIG is empty; give a JSON file or a JSON object such as {_EXAMPLE}")
    where = "CONFIG"
    if not text.lstrip().startswith(("{", "[", '"')):
        if _names_a_file(text):
            where = f"config file {text}"
            text = _read_config_file(Path(text))
        elif not _is_json(text):
            shown = text if len(text) <= 100 else f"{text[:60]}... ({len(text):,} characters)"
            raise UsageError(f"config file {shown} does not exist; give an existing JSON file or a JSON object")
    try:
        config = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where} is not valid JSON ({exc})") from None
    except RecursionError:
        raise UsageError(f"{where} nests its JSON deeper than it can be read; a run config is a JSON object "
                         f"a few levels deep, such as {_EXAMPLE}") from None
    if not isinstance(config, dict):
        kind = {str: "a string", list: "a list", bool: "true or false", type(None): "null"}.get(type(config),
                                                                                               "a number")
        raise UsageError(f"{where} must be a JSON object {{...}}, got {kind} ({_short(config)}); "
                         f"give one such as {_EXAMPLE}")
    return config


def _names_a_file(text: str) -> bool:
    try:
        return Path(text).exists() or Path(text).is_symlink()
    except (OSError, ValueError):  # a name too long for the system, a NUL byte: no such file
        return False


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _short(value: object) -> str:
    shown = json.dumps(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _read_config_file(source: Path) -> str:
    """The text of a config file, refused with the reason when it is not a readable, regular UTF-8 file."""
    if source.is_dir():
        raise UsageError(f"config file {source} is a folder; give a JSON file or a JSON object")
    if not source.exists():
        raise UsageError(f"config file {source} is a broken symbolic link; give an existing JSON file")
    if not source.is_file():
        raise UsageError(f"config file {source} is not a regular file (a pipe, socket or device, which could "
                         "block or never end); save the config to a file and give that, or give the JSON itself")
    try:
        with source.open("rb") as handle:  # PermissionError and the like: main names the file
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise UsageError(f"cannot read config file {source}: {exc.strerror or exc}; give a readable JSON "
                         "file") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise UsageError(f"config file {source} is larger than {MAX_CONFIG_BYTES // 1024**2} MiB; a run config is "
                         "a small JSON file: is it the right file?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"config file {source} is not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x}: "
                         "a binary file?); give a JSON file") from None


#: The most memory a run's recorded trajectory may take (`explainer train` refuses larger runs).
MAX_TRAJECTORY_BYTES = 4 * 1024**3


def check_run_size(config: dict) -> None:
    """Everything checked before training: the config, the memory the run needs against the machine's
    (``RunSpec.check``: estimated before anything is allocated; its data, batch_size against N), and the
    recorded trajectory against MAX_TRAJECTORY_BYTES (a typo'd epochs=10**9)."""
    from mathcore.runspec import RunSpec

    spec = RunSpec.from_dict(config)
    n = len(spec.check().y)
    steps = spec.steps(n)
    size = spec.memory_needs(n)["trajectory"]
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

    info = cache_info()
    unusable = (f"{info.unusable} damaged, half-written or from another version (recomputed when used; "
                "`explainer cache clear` removes them)")
    if args.action == "info":
        print(f"folder:  {info.path}")
        print(f"entries: {info.count}")
        print(f"size:    {info.bytes / 1e6:.1f} MB")
        if info.unusable:
            print(f"unusable entries: {unusable}")
    else:
        removed = clear_cache()
        print(f"removed {removed} cache entries from {info.path}: {info.count} whole"
              + (f", {info.unusable} damaged, half-written or from another version" if info.unusable else ""))
    return 0
