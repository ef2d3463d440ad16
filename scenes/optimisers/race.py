"""OptimizerRace: gradient descent, momentum, AdaGrad, RMSProp and Adam from one start.

Each optimiser runs with its own best learning rate, chosen by one rule stated on screen:
from the 1-2-5 list ``mathcore.studies.rate_sweep.RATE_GRID`` (0.001 … 5), the η whose run has the
lowest training loss after the steps shown.

1. On the one-hour model's long MSE valley (LearningRates' map: ``mathcore.studies.long_bowl``),
   each optimiser's path θ = (w, b) itself, all advancing step by step together; then
   each one's loss after the last step against the lowest loss L*.
2. On a network with two hidden layers of ReLUs fitted to hour of day -> riders (MSE): the
   five recorded runs from one initialisation, projected onto the plane of their two
   principal directions, over the network's loss on that plane
   (``mathcore.surface.slice_2d(directions="pca")``); the caption says how much of the
   paths' spread that plane holds. Then which run ended lowest and which highest.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Circle, Line, MathTex, Text, ValueTracker, VGroup, linear

from mathcore.cache import get_or_train, model_for, training_data
from mathcore.studies.long_bowl import descend, in_riders, long_bowl, loss_in_riders, sweep_rates
from mathcore.studies.rate_sweep import RATE_GRID, RateSweep, sweep
from mathcore.surface import Slice2D, slice_2d
from scenes import theme
from scenes.base import ExplainerScene
from scenes.components.contour import ContourMap, LossColourScale, map_axes, map_frame
from scenes.components.path import TrajectoryPath
from scenes.components.placement import place_clear
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut
from scenes.components.step_readout import StepReadout
from scenes.long_bowl_map import B_RANGE, W_RANGE, bowl_grid, bowl_map, plane_points, verdict
from scenes.params import Param, parse_widths
from scenes.strings import t
from scenes.theme import language

OPTIMISERS = ("gd", "momentum", "adagrad", "rmsprop", "adam")
DEEP_DATA = {"source": "relation", "name": "bikeshare", "kind": "cycle", "n": 200, "seed": 0}
MAP_WIDTH = 5.6
MAP_HEIGHT = 4.4
MAP_CENTRE = np.array([-1.9, -0.75, 0.0])
LEGEND_LEFT = 2.2
#: Two paths closer than this (scene units) at every step look like one path, and are said to.
SAME_PATH = 0.1


def deep_config(optimizer: str, lr: float, hidden: tuple[int, ...], seed: int, epochs: int) -> dict:
    return {"data": DEEP_DATA, "model": {"hidden": list(hidden), "activation": "relu", "seed": seed},
            "loss": "mse", "optimizer": {"name": optimizer, "lr": float(lr)}, "epochs": int(epochs),
            "on_divergence": "record"}


def deep_sweep(optimizer: str, hidden: tuple[int, ...], seed: int, epochs: int) -> RateSweep:
    """``optimizer`` on the network at every rate of ``RATE_GRID`` (recorded runs), scored after ``epochs``."""
    return sweep(optimizer, RATE_GRID, epochs,
                 lambda lr: get_or_train(deep_config(optimizer, lr, hidden, seed, epochs)))


@lru_cache(maxsize=4)
def deep_race(hidden: tuple[int, ...], seed: int, epochs: int, resolution: int = 51):
    """The five deep runs at their best rates and the loss on the PCA plane of all their thetas.

    The plane's directions are the top two principal directions of all thetas around the last
    run's final theta (Adam's); it is centred in the middle of the projected paths.
    ``paths[name]`` are each run's (alpha, beta) coordinates, ``residual[name]`` its distances
    from the plane.
    """
    sweeps = {name: deep_sweep(name, hidden, seed, epochs) for name in OPTIMISERS}
    configs = {name: deep_config(name, sweeps[name].best_rate, hidden, seed, epochs) for name in OPTIMISERS}
    runs = {name: get_or_train(cfg) for name, cfg in configs.items()}
    stacked = np.concatenate([runs[name].thetas for name in OPTIMISERS])
    td = training_data(configs["adam"])
    model = model_for(configs["adam"])
    pca: Slice2D = slice_2d(model, td.X, td.y, runs["adam"].final_theta, loss="mse", directions="pca",
                            trajectory_thetas=stacked, span=None, resolution=2)
    # The same plane, re-centred on the middle of the paths' box so that the map frames them.
    low, high = pca.path.min(axis=0), pca.path.max(axis=0)
    middle = pca.center + pca.d1 * (low[0] + high[0]) / 2 + pca.d2 * (low[1] + high[1]) / 2
    half = tuple(float(v) for v in np.maximum(0.6 * (high - low), 1e-3))
    plane = replace(slice_2d(model, td.X, td.y, middle, loss="mse", directions=(pca.d1, pca.d2),
                             trajectory_thetas=stacked, span=half, resolution=resolution),
                    explained_variance=pca.explained_variance)
    bounds = np.cumsum([0] + [len(runs[name].thetas) for name in OPTIMISERS])
    paths = {name: plane.path[bounds[k]:bounds[k + 1]] for k, name in enumerate(OPTIMISERS)}
    residual = {name: plane.path_residual[bounds[k]:bounds[k + 1]] for k, name in enumerate(OPTIMISERS)}
    return sweeps, configs, runs, plane, paths, residual


def same_paths(points: dict[str, np.ndarray], apart: float = SAME_PATH) -> list[tuple[str, str]]:
    """Pairs of paths (scene points, step by step) that never come ``apart`` scene units apart."""
    names = list(points)
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
            if len(points[a]) == len(points[b]) and np.max(np.linalg.norm(points[a] - points[b], axis=1)) < apart]


def nice_step(span: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving about four ticks over ``span``."""
    raw = span / 4
    power = 10 ** np.floor(np.log10(raw))
    return float(min((m * power for m in (1, 2, 5, 10)), key=lambda v: abs(v - raw)))


def name_list(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' (English) or 'A、B 和 C' (Chinese)."""
    if language() == "zh":
        return names[0] if len(names) == 1 else "、".join(names[:-1]) + " 和 " + names[-1]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class OptimizerRace(ExplainerScene):
    """Five optimisers from one start, each at its best η: the long valley, then a network's loss plane."""

    PARAMS = (
        Param("steps", 20, "updates shown on the one-hour model (the sweep scores each rate here)", low=5, high=200),
        Param("w0", -0.3, "start w", low=W_RANGE[0], high=W_RANGE[1]),
        Param("b0", 1.2, "start b, in hundreds of riders/h", low=B_RANGE[0], high=B_RANGE[1]),
        Param("deep_hidden", "8,8", "hidden layer widths of the network, comma-separated"),
        Param("deep_seed", 3, "the network's initialisation seed (the common start)", low=0, high=10_000),
        Param("deep_epochs", 150, "recorded full-batch steps on the network", low=5, high=2000),
    )

    def construct(self) -> None:
        title = self.title = self.text("race.title", size=theme.TITLE_SIZE).to_edge(UP, buff=0.2)
        self.add(title)
        self._linear_race()
        self.pause()
        self._linear_verdicts()
        self.pause(11.0)

        self.play(*[QuickFadeOut(m) for m in self.mobjects if m is not title], run_time=0.8)
        self._deep_race()
        self.pause(1.5)
        self._deep_verdicts()
        self.pause(5.0)

    # ------------------------------------------------------------------ the long valley
    def _linear_race(self) -> None:
        self.steps = steps = int(self.param("steps"))
        self.start = start = (float(self.param("w0")), float(self.param("b0")))
        self.bowl = long_bowl()
        self.sweeps = {name: sweep_rates(name, RATE_GRID, start, steps) for name in OPTIMISERS}
        self.rates = {name: self.sweeps[name].best_rate for name in OPTIMISERS}
        self.runs = {name: descend(name, self.rates[name], start, steps) for name in OPTIMISERS}
        self._ideas()
        # The window holds every path (adaptive methods' first steps are about η in each coordinate).
        every = np.vstack([run.thetas for run in self.runs.values()])
        self.window = window = (
            (min(W_RANGE[0], np.floor(every[:, 0].min() * 2) / 2), max(W_RANGE[1], np.ceil(every[:, 0].max() * 2) / 2)),
            (min(B_RANGE[0], np.floor(every[:, 1].min() * 2) / 2), max(B_RANGE[1], np.ceil(every[:, 1].max() * 2) / 2)),
        )
        w, b, loss = bowl_grid(*window)
        width = min(MAP_WIDTH, MAP_HEIGHT * (window[0][1] - window[0][0]) / (window[1][1] - window[1][0]))
        axes, frame = bowl_map(MAP_CENTRE, width=width, number_size=18, name_size=32, w_range=window[0],
                               b_range=window[1])
        captions = self._captions(("race.linear",), steps=steps)
        points = {name: plane_points(run.thetas) for name, run in self.runs.items()}
        losses = {name: loss_in_riders(run.train_loss) for name, run in self.runs.items()}
        minimum = MathTex(r"\times", font_size=40, color=theme.ACCENT).set_z_index(5)  # above the paths' heads
        minimum.set_stroke(theme.BACKGROUND, width=4, background=True)
        self.minimum_marker = minimum.move_to(axes.c2p(self.bowl.w_star, in_riders(self.bowl.b_star)))
        self._race(axes, frame, w, b, loss, points, losses, self.rates, 0, captions, run_time=0.45 * steps,
                   show_labels=False, extras=minimum)
        self.linear_paths, self.linear_legend = self.paths, self.legend
        self.twins = same_paths({name: path.scene_points for name, path in self.paths.items()})
        near = [name for name in OPTIMISERS if self.bowl.is_near_minimum(self.runs[name].train_loss[steps])]
        self.near_minimum = near
        far = [name for name in OPTIMISERS if name not in near]
        self.narration_values.update({
            "steps": steps,
            "near": name_list([t(f"race.{n}") for n in near]) if near else t("race.none"),
            "far": name_list([t(f"race.{n}") for n in far]) if far else t("race.none"),
            "twins": " ".join(t("race.twins", a=t(f"race.{a}"), b=t(f"race.{b}")).replace("\n", " ")
                              for a, b in self.twins),
        })

    def _linear_verdicts(self) -> None:
        self.linear_verdicts = {}
        for name, row in zip(OPTIMISERS, self.legend_rows):
            key, values = verdict(self.bowl, self.runs[name], self.steps, None)  # every path stays on the map
            note = self.text(key, size=theme.SMALL_SIZE - 4, color=theme.OPTIMISER_COLOURS[name], **values)
            note.next_to(row[1], RIGHT, buff=0.3)
            self.linear_verdicts[name] = (key, values, note)
        self.twin_notes = VGroup(*[self.text("race.twins", size=theme.SMALL_SIZE - 4, color=theme.MUTED,
                                             a=t(f"race.{a}"), b=t(f"race.{b}")) for a, b in self.twins])
        if self.twins:
            self.twin_notes.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
            self.twin_notes.next_to(self.legend, DOWN, buff=0.3).align_to(self.legend, LEFT)
        self.play(*[QuickFadeIn(note) for _, _, note in self.linear_verdicts.values()], QuickFadeIn(self.twin_notes),
                  run_time=0.8)

    def _ideas(self) -> None:
        """Before the race: each optimiser's name and its idea in one line (a table), said aloud too."""
        # momentum's factor β is the one its runs used (their recorded optimiser config)
        beta = f"{self.runs['momentum'].config['optimizer']['beta']:g}"
        size = theme.SMALL_SIZE - 2
        names = [self.legend_row(Line(LEFT * 0.2, RIGHT * 0.2, color=theme.OPTIMISER_COLOURS[name], stroke_width=6),
                                 f"race.{name}", theme.OPTIMISER_COLOURS[name], size=size) for name in OPTIMISERS]
        ideas = [self.text(f"race.idea.{name}", size=size - 2, color=theme.TEXT, beta=beta) for name in OPTIMISERS]
        column = max(row.width for row in names) + 0.35
        rows = VGroup(*[VGroup(row, idea.next_to(row, RIGHT, buff=column - row.width))
                        for row, idea in zip(names, ideas)]).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        self.idea_table = rows.move_to(DOWN * 0.4)
        self.narration_values["beta"] = beta
        self.play(QuickFadeIn(rows), run_time=0.8)
        self.pause()
        self.play(QuickFadeOut(rows), run_time=0.5)

    # ------------------------------------------------------------------ the network
    def _deep_race(self) -> None:
        hidden = parse_widths(self.param("deep_hidden"), "deep_hidden")
        epochs = int(self.param("deep_epochs"))
        self.deep = sweeps, configs, runs, plane, paths, residual = deep_race(hidden, int(self.param("deep_seed")),
                                                                                 epochs)
        # MSE in (riders/h)² = std² x the MSE of the standardised data the network trains on
        to_riders_squared = float(training_data(configs["adam"]).meta["std"]) ** 2
        share = 100 * float(np.sum(plane.explained_variance))
        captions = self._captions(("race.deep", "race.deep_plane", "race.deep_colour"), steps=epochs,
                                  share=f"{share:.0f}",
                                  layers=len(hidden),
                                  width=hidden[0] if len(set(hidden)) == 1 else "/".join(map(str, hidden)))
        a, b = plane.alpha, plane.beta
        # The plane's two directions are both unit vectors in θ, but the paths spread much further
        # along the first: the map is stretched to fill its box, and its ticks say so.
        stretch = (b[-1] - b[0]) / (a[-1] - a[0]) * MAP_WIDTH / MAP_HEIGHT
        deep_axes = self.deep_axes = map_axes((a[0], a[-1]), (b[0], b[-1]), MAP_WIDTH, MAP_CENTRE, b_per_w=stretch)
        frame = map_frame(deep_axes, w_step=nice_step(a[-1] - a[0]), b_step=nice_step(b[-1] - b[0]),
                          names=(r"\alpha", r"\beta"))
        self.deep_losses = {name: to_riders_squared * runs[name].train_loss for name in OPTIMISERS}
        self.deep_rates = {name: sweeps[name].best_rate for name in OPTIMISERS}
        self._race(deep_axes, frame, a, b, to_riders_squared * plane.loss, paths, self.deep_losses, self.deep_rates,
                   0, captions, run_time=9.0)
        self.deep_paths = self.paths
        final = {name: float(self.deep_losses[name][-1]) for name in OPTIMISERS}
        ranking = sorted(OPTIMISERS, key=final.get)
        self.deep_lowest, self.deep_runner_up, self.deep_highest = ranking[0], ranking[1], ranking[-1]
        # one start only: how far the runner-up ended above the lowest, in percent of the lowest L
        self.deep_gap_percent = 100 * (final[self.deep_runner_up] / final[self.deep_lowest] - 1)
        self.narration_values.update({
            "epochs": epochs, "lowest": t(f"race.{self.deep_lowest}"), "runner_up": t(f"race.{self.deep_runner_up}"),
            "gap": f"{self.deep_gap_percent:.1f}", "highest": t(f"race.{self.deep_highest}"),
        })

    def _deep_verdicts(self) -> None:
        values = self.narration_values
        note = self.text("race.deep_result", size=theme.SMALL_SIZE - 4, color=theme.TEXT, steps=values["epochs"],
                         lowest=values["lowest"], runner_up=values["runner_up"], gap=values["gap"],
                         highest=values["highest"])
        note.next_to(self.legend, DOWN, buff=0.25).align_to(self.legend, LEFT)
        self.deep_note = note
        self.play(QuickFadeIn(note), run_time=0.8)

    # ------------------------------------------------------------------ shared
    def _captions(self, keys: tuple[str, ...], **values) -> VGroup:
        """The data and model (muted), then the rule for η (plain), one line each."""
        return VGroup(*[self.text(key, size=theme.SMALL_SIZE - 4, color=theme.MUTED, **values) for key in keys],
                      self.text("race.rule", size=theme.SMALL_SIZE - 4, color=theme.TEXT,
                                steps=values["steps"])).arrange(DOWN, buff=0.1)

    def _race(self, axes, frame, xs, ys, loss, points, losses, rates, digits: int, captions, run_time: float,
              show_labels: bool = True, extras: VGroup | None = None) -> None:
        """A contour map, one path per optimiser and a legend with η and the live loss; then the race."""
        scale = LossColourScale.for_grid(loss)
        all_points = np.concatenate([points[name] for name in OPTIMISERS])
        contours = ContourMap(axes, xs, ys, loss, scale=scale, n_levels=6, label_size=16, show_labels=show_labels,
                              avoid_points=all_points[np.all(np.isfinite(all_points), axis=1)])
        captions.next_to(self.title, DOWN, buff=0.12)
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
                                  losses[name], digits, size=size - 2)
            row = VGroup(label, readout).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
            readout.shift(RIGHT * 0.58)
            rows.add(row)
        counter = StepReadout(self.text("descent.step", size=size, color=theme.TEXT), np.arange(n_steps + 1), 0,
                              size=size)
        legend = VGroup(counter, *rows).arrange(DOWN, aligned_edge=LEFT, buff=0.26)
        top = min(1.75, captions.get_bottom()[1] - 0.2)  # below the captions, however many lines they take
        legend.move_to(RIGHT * LEGEND_LEFT + UP * top, aligned_edge=UP + LEFT)
        # Laid out, the legend goes on screen as two mobjects, its static labels before its readouts:
        # manim redraws every frame each scene mobject from the first that has (or holds one with)
        # an updater, so the labels stay in the still background. Nothing overlaps: same pixels.
        labels, readouts = VGroup(*[row[0] for row in rows]), VGroup(counter, *[row[1] for row in rows])
        self.legend, self.legend_rows = VGroup(labels, readouts), rows

        start = points[OPTIMISERS[0]][0]
        ring = Circle(radius=0.13, color=theme.TEXT, stroke_width=3).move_to(axes.c2p(*start))
        start_label = MathTex(r"\theta^0", font_size=32, color=theme.TEXT)
        path_points = np.vstack([path.scene_points for path in self.paths.values()])
        path_points = path_points[np.all(np.isfinite(path_points), axis=1)]
        place_clear(start_label, ring, path_points, frame.box.get_corner(DOWN + LEFT), frame.box.get_corner(UP + RIGHT))
        start_label.set_stroke(theme.BACKGROUND, width=3, background=True)
        self.start_label = start_label
        self.start_marker = VGroup(ring, start_label)
        # Opacity-only fades: manim's FadeIn/FadeOut copy and interpolate every point of the maps.
        extras = [QuickFadeIn(extras)] if extras is not None else []
        self.play(QuickFadeIn(contours), QuickFadeIn(frame), QuickFadeIn(captions), QuickFadeIn(self.start_marker),
                  *extras, run_time=1.2)
        self.play(QuickFadeIn(labels), QuickFadeIn(readouts), *[QuickFadeIn(p) for p in self.paths.values()],
                  run_time=0.8)

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
