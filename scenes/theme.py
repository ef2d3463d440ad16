"""Colours, fonts and sizes: the one place a scene's look is decided."""

from __future__ import annotations

import os

# The two roles of the book's figures: the red target curve and the blue pieces.
CURVE_RED = "#E0524B"
PIECE_BLUE = "#4A90E2"
SIGMOID_GREEN = "#58C48B"
RELU_UP = "#F2A541"      # the rising ReLU of a pair
RELU_DOWN = "#B07CD8"    # the ReLU that cancels it
DATA_GREY = "#8A93A6"
TEXT = "#E8EAF0"
MUTED = "#9AA3B5"
ACCENT = "#FFD166"
BACKGROUND = "#0F1117"
POSITIVE = PIECE_BLUE
NEGATIVE = CURVE_RED

# Thin lines for components, thick for the sum the story is about.
THIN = 2.5
THICK = 6.0

# One colour per ReLU component, cycling; chosen to stay distinct on the dark background.
COMPONENT_COLOURS = [
    "#4A90E2", "#F2A541", "#58C48B", "#B07CD8", "#4FC1C9", "#E57FB0", "#C9D05C", "#8C9EFF",
]

# Loss surfaces and descent (Scenes III): one colour scale, blue low -> red high, shared by
# the contour map, its colour bar and the 3D surface; one colour per optimiser.
LOSS_COLOURS = ["#1D3F8F", "#2F7FC1", "#4FB6B0", "#E9D87E", "#F08C3A", "#D7263D"]
CONTOUR_LINE = "#F4F5F8"
PATH_COLOUR = "#FFFFFF"
MINIMUM_COLOUR = "#FFD166"
OPTIMISER_COLOURS = {"gd": "#FFFFFF", "momentum": "#FFD166", "adagrad": "#58C48B",
                     "rmsprop": "#E57FB0", "adam": "#4FC1C9"}
LR_COLOURS = {"small": "#58C48B", "good": "#FFFFFF", "large": "#FF6B6B"}

# Losses on the training period vs the unseen period (the experiment table, Scenes II).
TRAIN_COLOUR = "#4A90E2"
UNSEEN_COLOUR = "#F2A541"
OVERFIT_COLOUR = "#FF6B6B"

FONT_EN = "DejaVu Sans"
FONT_ZH = "Noto Sans CJK SC"

TITLE_SIZE = 40
BODY_SIZE = 28
SMALL_SIZE = 22

LANG_ENV = "EXPLAINER_LANG"
LANGUAGES = ("en", "zh")


def language() -> str:
    """The on-screen language: $EXPLAINER_LANG (en or zh), English by default."""
    lang = os.environ.get(LANG_ENV, "en").strip().lower() or "en"
    if lang not in LANGUAGES:
        raise ValueError(f"{LANG_ENV}={lang!r} is not a supported language; use one of {LANGUAGES}")
    return lang


def font() -> str:
    """The font for the current language (Chinese needs a CJK font)."""
    return FONT_ZH if language() == "zh" else FONT_EN
