"""Trained networks as the scenes show them: the model at the end of its recorded run, and its numbers as text.

MatrixForm, LayersStacking and ForwardPass draw networks from the trajectory cache through these."""

from __future__ import annotations

from mathcore.cache import get_or_train, model_for
from mathcore.models import MLP
from mathcore.train import Trajectory
from scenes.number_format import number_text


def trained_model(config: dict) -> tuple[MLP, Trajectory]:
    """The model of ``config`` at the end of its training run, from the trajectory cache (trained once)."""
    trajectory = get_or_train(config)
    model = model_for(config)
    model.set_theta(trajectory.final_theta)
    return model, trajectory


def fmt(value: float, digits: int = 2) -> str:
    """A number for the screen in the chapter's format (scenes/number_format.py); never '-0.00'."""
    return number_text(value, digits)


def subscript(*numbers: int) -> str:
    """Unicode subscript digits, so that plain text can say x₁ or w₂₁."""
    return "".join(str(n) for n in numbers).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
