"""OptimizerRace: gradient descent, momentum, AdaGrad, RMSProp and Adam from one start.

1. On the one-hour model's real MAE surface (``mathcore.surface.error_surface``), each
   optimiser's recorded path (theta = (w, b) itself), all advancing step by step together.
2. On a 2-layer ReLU network fitted to hour of day -> riders: the five recorded runs from
   one initialisation, projected onto the plane of their two principal directions, over the
   network's loss on that plane (``mathcore.surface.slice_2d(directions="pca")``). The
   caption says how much of the paths' spread that plane holds.
The legend shows each optimiser's learning rate and its loss at the step shown.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Circle, Line, MathTex, Text, ValueTracker, VGroup, linear

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.surface import Slice2D, slice_2d
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.contour import ContourMap, LossColourScale, map_axes, map_frame
from scenes.components.path import TrajectoryPath
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.components.step_readout import StepReadout
from scenes.linear_landscape import B_RANGE, W_RANGE, linear_config, surface, trajectory
from scenes.params import Param, parse_widths

OPTIMISERS = ("gd", "momentum", "adagrad", "rmsprop", "adam")
#: Learning rates per optimiser: (one-hour linear model, deep network). Each is a rate at
#: which that optimiser makes steady progress on that loss; none is tuned to win.
LINEAR_RATES = {"gd": 0.3, "momentum": 0.1, "adagrad": 0.5, "rmsprop": 0.05, "adam": 0.1}
DEEP_RATES = {"gd": 0.1, "momentum": 0.02, "adagrad": 0.05, "rmsprop": 0.005, "adam": 0.01}
DEEP_DATA = {"source": "relation", "name": "bikeshare", "kind": "cycle", "n": 200, "seed": 0}
MAP_WIDTH = 6.0
MAP_CENTRE = np.array([-1.55, -0.45, 0.0])
LEGEND_LEFT = 2.75


def deep_config(optimizer: str, lr: float, hidden: tuple[int, ...], seed: int, epochs: int) -> dict:
    return {"data": DEEP_DATA, "model": {"hidden": list(hidden), "activation": "relu", "seed": seed},
            "loss": "mae", "optimizer": {"name": optimizer, "lr": float(lr)}, "epochs": int(epochs)}


@lru_cache(maxsize=4)
def deep_race(hidden: tuple[int, ...], seed: int, epochs: int, resolution: int = 51):
    """The five recorded deep runs and the loss on the PCA plane of all their thetas together.

    The plane is centred at the last run's final theta (Adam's); ``paths[name]`` are each
    run's projected (alpha, beta) coordinates, ``residual[name]`` its distances from the plane.
    """
    configs = {name: deep_config(name, DEEP_RATES[name], hidden, seed, epochs) for name in OPTIMISERS}
    runs = {name: get_or_train(cfg) for name, cfg in configs.items()}
    stacked = np.concatenate([runs[name].thetas for name in OPTIMISERS])
    td = training_data(configs["adam"])
    plane: Slice2D = slice_2d(model_for(configs["adam"]), td.X, td.y, runs["adam"].final_theta, loss="mae",
                              directions="pca", trajectory_thetas=stacked, span=None, resolution=resolution)
    bounds = np.cumsum([0] + [len(runs[name].thetas) for name in OPTIMISERS])
    paths = {name: plane.path[bounds[k]:bounds[k + 1]] for k, name in enumerate(OPTIMISERS)}
    residual = {name: plane.path_residual[bounds[k]:bounds[k + 1]] for k, name in enumerate(OPTIMISERS)}
    return configs, runs, plane, paths, residual


class OptimizerRace(ExplainerScene):
    """Five optimisers from one start: on the real (w, b) surface, then on a deep network's loss plane."""

    PARAMS = (
        Param("epochs", 50, "recorded full-batch steps on the one-hour model", low=5, high=500),
        Param("w0", -0.5, "start w", low=W_RANGE[0], high=W_RANGE[1]),
        Param("b0", 1.1, "start b", low=B_RANGE[0], high=B_RANGE[1]),
        Param("deep_hidden", "8,8", "hidden layer widths of the deep network, comma-separated"),
        Param("deep_seed", 3, "the deep network's initialisation seed (the common start)", low=0, high=10_000),
        Param("deep_epochs", 150, "recorded full-batch steps on the deep network", low=5, high=2000),
        *(Param(f"lr_{name}", LINEAR_RATES[name], f"{name}'s learning rate on the one-hour model",
                low=1e-5, high=10.0) for name in OPTIMISERS),
    )

    def construct(self) -> None:
        init = (float(self.param("w0")), float(self.param("b0")))
        epochs = int(self.param("epochs"))
        self.rates = {name: float(self.param(f"lr_{name}")) for name in OPTIMISERS}
        self.configs = {name: linear_config(name, self.rates[name], loss="mae", init=init, epochs=epochs)
                        for name in OPTIMISERS}
        self.runs = {name: trajectory(cfg) for name, cfg in self.configs.items()}
        grid = surface(self.configs["gd"])
        title = self.title = self.text("race.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.25)
        self.add(title)

        axes = self.axes = map_axes(W_RANGE, B_RANGE, MAP_WIDTH, MAP_CENTRE)
        points = {name: run.thetas for name, run in self.runs.items()}
        self._race(axes, map_frame(axes), grid.w, grid.b, grid.loss, points,
                   {name: run.train_loss for name, run in self.runs.items()}, self.rates,
                   self.text("race.linear", size=theme.SMALL_SIZE, color=theme.MUTED), run_time=8.0)
        self.linear_paths = self.paths
        self.pause()

        self.play(*[QuickFadeOut(m) for m in self.mobjects if m is not title], run_time=0.8)
        hidden = parse_widths(self.param("deep_hidden"), "deep_hidden")
        configs, runs, plane, paths, residual = deep_race(hidden, int(self.param("deep_seed")),
                                                          int(self.param("deep_epochs")))
        self.deep = (configs, runs, plane, paths, residual)
        share = 100 * float(np.sum(plane.explained_variance))
        caption = self.text("race.deep", size=theme.SMALL_SIZE - 2, color=theme.MUTED, share=f"{share:.0f}")
        a, b = plane.alpha, plane.beta
        deep_axes = self.deep_axes = map_axes((a[0], a[-1]), (b[0], b[-1]), MAP_WIDTH * 0.95, MAP_CENTRE)
        step = 1.0 if a[-1] - a[0] > 4 else 0.5
        frame = map_frame(deep_axes, w_step=step, b_step=step, names=(r"\alpha", r"\beta"))
        self._race(deep_axes, frame, a, b, plane.loss, paths, {name: runs[name].train_loss for name in OPTIMISERS},
                   {name: configs[name]["optimizer"]["lr"] for name in OPTIMISERS}, caption, run_time=9.0)
        self.deep_paths = self.paths
        self.pause(1.5)

    def _race(self, axes, frame, xs, ys, loss, points, losses, rates, caption, run_time: float) -> None:
        """A contour map, one path per optimiser and a legend with η and the live loss; then the race."""
        scale = LossColourScale.for_grid(loss)
        all_points = np.concatenate([points[name] for name in OPTIMISERS])
        contours = ContourMap(axes, xs, ys, loss, scale=scale, n_levels=6, label_size=15,
                              avoid_points=all_points[np.all(np.isfinite(all_points), axis=1)])
        caption.next_to(self.title, DOWN, buff=0.2)
        self.paths = {name: TrajectoryPath(axes, points[name], colour=theme.OPTIMISER_COLOURS[name],
                                           stroke_width=3.0, dot_radius=0.0, head_radius=0.085, show_dots=False)
                      for name in OPTIMISERS}
        n_steps = max(len(p) for p in points.values()) - 1
        step_value = ValueTracker(0.0)
        size = theme.SMALL_SIZE - 2
        rows = VGroup()
        for name in OPTIMISERS:
            swatch = Line(LEFT * 0.2, RIGHT * 0.2, color=theme.OPTIMISER_COLOURS[name], stroke_width=6)
            label = VGroup(swatch, self.text(f"race.{name}", size=size, color=theme.OPTIMISER_COLOURS[name]),
                           Text(f"η = {rates[name]:g}", font=theme.FONT_EN, font_size=size - 2, color=theme.MUTED)
                           ).arrange(RIGHT, buff=0.18)
            readout = StepReadout(Text("L =", font=theme.FONT_EN, font_size=size - 2, color=theme.MUTED),
                                  losses[name], 3, size=size - 2)
            rows.add(VGroup(label, readout).arrange(DOWN, aligned_edge=LEFT, buff=0.1).shift(RIGHT * 0.0))
        for row in rows:
            row[1].shift(RIGHT * 0.58)
        counter = StepReadout(self.text("descent.step", size=size, color=theme.TEXT), np.arange(n_steps + 1), 0,
                              size=size)
        legend = VGroup(counter, *rows).arrange(DOWN, aligned_edge=LEFT, buff=0.28)
        legend.move_to(RIGHT * LEGEND_LEFT + UP * 1.9, aligned_edge=UP + LEFT)
        self.legend = legend

        start = points[OPTIMISERS[0]][0]
        ring = Circle(radius=0.13, color=theme.TEXT, stroke_width=3).move_to(axes.c2p(*start))
        start_label = MathTex(r"\theta^0", font_size=32, color=theme.TEXT).next_to(ring, UP, buff=0.08)
        start_label.set_stroke(theme.BACKGROUND, width=3, background=True)
        self.start_marker = VGroup(ring, start_label)
        # Opacity-only fades: manim's FadeIn/FadeOut copy and interpolate every point of the maps.
        self.play(QuickFadeIn(contours), QuickFadeIn(frame), QuickFadeIn(caption), QuickFadeIn(self.start_marker),
                  run_time=1.2)
        self.play(QuickFadeIn(legend), *[QuickFadeIn(p) for p in self.paths.values()], run_time=0.8)

        # Each moving thing has its own updater, so the renderer redraws it every frame.
        def step_now() -> int:
            return int(np.floor(step_value.get_value() + 1e-9))

        moving = [*self.paths.values(), counter, *[row[1] for row in rows]]
        for path in self.paths.values():
            path.add_updater(lambda m: m.show_until(step_value.get_value()))
        for readout in (counter, *[row[1] for row in rows]):
            readout.add_updater(lambda m: m.show(step_now()))
        self.play(step_value.animate.set_value(n_steps), run_time=run_time, rate_func=linear)
        for mobject in moving:
            mobject.clear_updaters()
