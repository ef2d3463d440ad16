"""Run configs as plain dicts: the functions scenes call, on top of ``mathcore.runspec``.

A config dict (documented in ``mathcore.runspec``) says everything a training run
depends on; ``mathcore.cache`` keys trajectories by it, and scenes use the same config
to get the data points (``training_data``) and the untrained model (``model_for``).
Every function here also accepts a ``RunSpec``.
"""

from __future__ import annotations

from mathcore.models import MLP
from mathcore.runspec import (  # noqa: F401  (re-exported: part of this module's API)
    FORMAT_VERSION,
    KEY_LENGTH,
    RunSpec,
    canonical_json,
)
from mathcore.sources import TrainingData  # noqa: F401  (re-exported)
from mathcore.spec_fields import ConfigError  # noqa: F401  (re-exported)


def normalise_config(config: dict | RunSpec) -> dict:
    """Check ``config``, fill every default and return a new canonical dict.

    Raises ``ConfigError`` (a ValueError) naming the offending key and the fix.
    ``normalise_config(normalise_config(c)) == normalise_config(c)``.
    """
    return RunSpec.from_dict(config).to_dict()


def config_key(config: dict | RunSpec) -> str:
    """A 20-hex-digit sha256 of everything that changes the run's result (``RunSpec.key``)."""
    return RunSpec.from_dict(config).key()


def training_data(config: dict | RunSpec) -> TrainingData:
    """The (read-only) arrays the run of ``config`` trains on; memoised per data config."""
    return RunSpec.from_dict(config).training_data()


def model_for(config: dict | RunSpec) -> MLP:
    """A new, untrained model for ``config``: the right n_inputs, theta = ``init`` if given."""
    return RunSpec.from_dict(config).new_model()
