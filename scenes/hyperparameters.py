"""ParametersVsHyperparameters: θ is learned; η, B, epochs and the size of the model are chosen (CHAPTER.md §4, §8).

Left: the parameters θ of MatrixForm's model (3 inputs, 3 sigmoids), counted block by block
from the model itself (``mathcore.cache.model_for`` of MatrixForm's run config), stacked into
θ = [θ₁ … θ_P]ᵀ: the unknowns steps 2 and 3 find. Right: the hyperparameters, which we set
before training, each with the value a scene of this chapter used, read from that scene's
PARAMS defaults (LearningRates' three η, BatchesEpochs' B, N and epochs, MatrixForm's number of
sigmoids), and the two choices the next sections bring (ReluFitTraining's ReLUs, LayersStacking's
layers). Nothing is retyped: change a scene's default and this scene follows.
"""

from __future__ import annotations

from types import SimpleNamespace

from manim import DOWN, LEFT, RIGHT, UP, Line, MathTex, VGroup

from mathcore.cache import model_for
from scenes import theme
from scenes.base import ExplainerScene
from scenes.batches import BatchesEpochs
from scenes.components.quick_fade import QuickFadeIn
from scenes.depth import LayersStacking
from scenes.descent import LearningRates
from scenes.network import MatrixForm
from scenes.relu_fit import ReluFitTraining

LEARNED_COLOUR = theme.PIECE_BLUE
CHOSEN_COLOUR = theme.ACCENT
#: The blocks of θ in MatrixForm's model, in θ's order, with their symbols (book notation).
BLOCK_SYMBOLS = {"W1": "W", "b1": r"\mathbf{b}", "c": r"\mathbf{c}", "b": "b"}


def defaults(scene_class) -> dict[str, object]:
    """A scene's hyperparameter defaults, by name."""
    return {p.name: p.default for p in scene_class.PARAMS}


def matrix_form_config() -> dict:
    """MatrixForm's run config at its defaults (its own ``config`` method, fed the defaults)."""
    stand_in = SimpleNamespace(param=defaults(MatrixForm).__getitem__, N_INPUTS=MatrixForm.N_INPUTS,
                               N_SIGMOIDS=MatrixForm.N_SIGMOIDS)
    return MatrixForm.config(stand_in)


def parameter_blocks() -> list[tuple[str, tuple[int, ...], int]]:
    """(name, shape, size) of each block of θ in MatrixForm's model, in θ's order."""
    model = model_for(matrix_form_config())
    blocks = [(name, tuple(value.shape), int(value.size)) for name, value in model.params.items()]
    if sum(size for *_, size in blocks) != model.n_params:
        raise AssertionError("the blocks of θ do not add up to the model's parameter count")
    return blocks


def chosen_values() -> dict[str, object]:
    """The hyperparameters the chapter's scenes use by default, read from their PARAMS."""
    rates, batches = defaults(LearningRates), defaults(BatchesEpochs)
    return {
        "lr_small": rates["lr_small"], "lr_good": rates["lr_good"], "lr_large": rates["lr_large"],
        "batch": batches["batch_size"], "n": batches["n"], "epochs": batches["epochs"],
        "sigmoids": MatrixForm.N_SIGMOIDS, "relus": defaults(ReluFitTraining)["n_relus"],
        "layers": defaults(LayersStacking)["max_layers"],
    }


class ParametersVsHyperparameters(ExplainerScene):
    """θ (learned, counted from MatrixForm's model) beside the hyperparameters we choose (values from the scenes)."""

    def construct(self) -> None:
        blocks = self.blocks = parameter_blocks()
        n_params = self.n_params = sum(size for *_, size in blocks)
        values = self.values = chosen_values()
        self.narration_values = {"n_params": n_params, "n_inputs": MatrixForm.N_INPUTS, **values}

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
            self.text("hyper.model", size=theme.SMALL_SIZE, color=theme.MUTED, inputs=MatrixForm.N_INPUTS,
                      sigmoids=MatrixForm.N_SIGMOIDS),
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
            self.text("hyper.lr", size=size, **{k: f"{values[k]:g}" for k in ("lr_small", "lr_good", "lr_large")}),
            self.text("hyper.batch", size=size, batch=values["batch"], n=values["n"]),
            self.text("hyper.epochs", size=size, epochs=values["epochs"]),
            self.text("hyper.sigmoids", size=size, sigmoids=values["sigmoids"]),
        ]
        later = self.text("hyper.later", size=size - 2, color=theme.MUTED, relus=values["relus"],
                          layers=values["layers"])
        group = VGroup(heading, *rows, later).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        later.shift(DOWN * 0.2)
        return group
