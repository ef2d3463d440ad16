"""ParametersVsHyperparameters: θ is learned; η, B, epochs and the size of the model are chosen (CHAPTER.md §4, §8).

One model on both sides: BatchesEpochs' network (1 input, the hour of day; its sigmoids).
Left: its parameters θ, counted block by block from the model itself (``mathcore.cache.model_for``
of BatchesEpochs' run config at its defaults), stacked into θ = [θ₁ … θ_P]ᵀ: the unknowns steps 2
and 3 find. Right: its hyperparameters, set before training, with the values BatchesEpochs used
(η, B of N, epochs, sigmoids), read from that scene's PARAMS; then, as examples, the other η of the
chapter so far (TangentStep, GradientDescent, LearningRates), and a preview of the two choices the
next sections bring (ReluFitTraining's ReLUs, LayersStacking's layers). Nothing is retyped: change
a scene's default and this scene follows.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Line, MathTex, VGroup

from mathcore.cache import model_for
from scenes import theme
from scenes.base import ExplainerScene
from scenes.catalog import scene_class
from scenes.components.quick_fade import QuickFadeIn
from scenes.piecewise.batches import BatchesEpochs, run_config

LEARNED_COLOUR = theme.PIECE_BLUE
CHOSEN_COLOUR = theme.ACCENT
#: The blocks of θ in the model, in θ's order, with their symbols (book notation).
BLOCK_SYMBOLS = {"W1": "W", "b1": r"\mathbf{b}", "c": r"\mathbf{c}", "b": "b"}
#: The scenes before this one that set η, in story order, with their η parameters (other parts' scenes are
#: named, and found through the catalog, so that the parts do not import each other).
OTHER_RATES = (("TangentStep", ("lr",)), ("GradientDescent", ("lr",)),
               ("LearningRates", ("lr_small", "lr_good", "lr_large")))


def defaults(scene: type | str) -> dict[str, object]:
    """A scene's hyperparameter defaults, by name (the scene's class, or its name in the catalog)."""
    cls = scene_class(scene) if isinstance(scene, str) else scene
    return {p.name: p.default for p in cls.PARAMS}


def model_config() -> dict:
    """BatchesEpochs' run config at its defaults (its mini-batch run)."""
    d = defaults(BatchesEpochs)
    return run_config(n=d["n"], batch_size=d["batch_size"], sigmoids=d["sigmoids"], lr=d["lr"], epochs=d["epochs"],
                      seed=d["seed"])


def parameter_blocks() -> list[tuple[str, tuple[int, ...], int]]:
    """(name, shape, size) of each block of θ in BatchesEpochs' model, in θ's order."""
    model = model_for(model_config())
    blocks = [(name, tuple(value.shape), int(value.size)) for name, value in model.params.items()]
    if sum(size for *_, size in blocks) != model.n_params:
        raise AssertionError("the blocks of θ do not add up to the model's parameter count")
    return blocks


def other_rates() -> list[float]:
    """The η of the scenes before (OTHER_RATES), in story order, each once."""
    rates = [float(defaults(scene)[name]) for scene, names in OTHER_RATES for name in names]
    return list(dict.fromkeys(rates))


def plain(value: float) -> str:
    """A number as written by hand: 0.00001, not 1e-05."""
    return np.format_float_positional(value, trim="-")


def chosen_values() -> dict[str, object]:
    """BatchesEpochs' hyperparameters (read from its PARAMS) and the next sections' previews."""
    batches = defaults(BatchesEpochs)
    return {
        "lr": batches["lr"], "batch": batches["batch_size"], "n": batches["n"], "epochs": batches["epochs"],
        "sigmoids": batches["sigmoids"],
        "relus": defaults("ReluFitTraining")["n_relus"], "layers": defaults("LayersStacking")["max_layers"],
    }


class ParametersVsHyperparameters(ExplainerScene):
    """θ of BatchesEpochs' model (learned, counted) beside its hyperparameters (chosen; values from that scene)."""

    def construct(self) -> None:
        blocks = self.blocks = parameter_blocks()
        n_params = self.n_params = sum(size for *_, size in blocks)
        values = self.values = chosen_values()
        values["inputs"] = dict((name, shape) for name, shape, _ in blocks)["W1"][1]  # W is sigmoids × inputs
        self.rates = other_rates()
        self.narration_values = {"n_params": n_params, **values, "lr": f"{values['lr']:g}"}

        title = self.text("hyper.title", size=theme.TITLE_SIZE - 6).to_edge(UP, buff=0.3)
        learned = self._learned(blocks, n_params).to_corner(LEFT + UP, buff=0.5).shift(DOWN * 0.75)
        divider = Line(UP * 2.6, DOWN * 3.3, color=theme.MUTED, stroke_width=2).shift(RIGHT * 0.05)
        self.add(title)
        self.play(QuickFadeIn(learned[:2]), run_time=1.0)
        self.play(QuickFadeIn(learned[2:]), run_time=1.5)
        self.pause(10.5)

        chosen = self._chosen(values)
        chosen.next_to(divider, RIGHT, buff=0.4).align_to(learned, UP)
        self.play(QuickFadeIn(divider), QuickFadeIn(chosen[0]), run_time=0.8)
        for row in chosen[1:-1]:
            self.play(QuickFadeIn(row), run_time=0.6)
        self.pause(8.0)

        self.play(QuickFadeIn(chosen[-1]), run_time=0.8)
        summary = self.text("hyper.summary", size=theme.SMALL_SIZE, color=theme.TEXT).to_edge(DOWN, buff=0.3)
        self.play(QuickFadeIn(summary), run_time=0.8)
        self.pause(7.0)

    # ------------------------------------------------------------------ parts
    def _learned(self, blocks, n_params: int) -> VGroup:
        """Heading, the model, one row per block of θ with its count, and θ stacked."""
        heading = self.text("hyper.learned", size=theme.BODY_SIZE, color=LEARNED_COLOUR)
        model = VGroup(
            self.text("hyper.model", size=theme.SMALL_SIZE, color=theme.MUTED, inputs=self.values["inputs"],
                      sigmoids=self.values["sigmoids"]),
            MathTex(r"y = b + \mathbf{c}^{T} \sigma(\mathbf{b} + W \mathbf{x})", font_size=36, color=theme.TEXT),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        rows = VGroup()
        for name, shape, size in blocks:
            dims = r" \times ".join(str(d) for d in shape)
            rows.add(MathTex(BLOCK_SYMBOLS[name], r":\;", dims, r"\;\to\;", str(size), font_size=32,
                             color=theme.TEXT))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        theta = MathTex(rf"\theta = [\theta_1, \theta_2, \ldots, \theta_{{{n_params}}}]^T", font_size=36,
                        color=LEARNED_COLOUR)
        count = self.text("hyper.count", size=theme.SMALL_SIZE, color=LEARNED_COLOUR, n=n_params)
        return VGroup(heading, model, rows, theta, count).arrange(DOWN, aligned_edge=LEFT, buff=0.25)

    def _chosen(self, values: dict[str, object]) -> VGroup:
        """Heading, one row per hyperparameter with the value a scene used, and what comes next."""
        size = theme.SMALL_SIZE
        heading = VGroup(self.text("hyper.chosen", size=theme.BODY_SIZE, color=CHOSEN_COLOUR),
                         self.text("hyper.used", size=size - 2, color=theme.MUTED)).arrange(DOWN, aligned_edge=LEFT,
                                                                                            buff=0.12)
        rows = [
            self.text("hyper.lr", size=size, lr=f"{values['lr']:g}"),
            self.text("hyper.batch", size=size, batch=values["batch"], n=values["n"]),
            self.text("hyper.epochs", size=size, epochs=values["epochs"]),
            self.text("hyper.sigmoids", size=size, sigmoids=values["sigmoids"]),
        ]
        elsewhere = self.text("hyper.lr_elsewhere", size=size - 2, color=theme.MUTED,
                              rates=", ".join(plain(rate) for rate in self.rates))
        rows.insert(1, elsewhere)
        later = self.text("hyper.later", size=size - 2, color=theme.MUTED, relus=values["relus"],
                          layers=values["layers"])
        group = VGroup(heading, *rows, later).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        later.shift(DOWN * 0.2)
        return group
