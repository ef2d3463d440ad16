"""The chapter's own studies, built on the general library in ``mathcore``: the numbers each
part of the lesson shows (which model, which data, which runs), kept apart from the library
that anyone can use.

- ``lesson``        the one-hour linear model y = b + w x₁ of part 1, its best line and stable rates
- ``long_bowl``     the same model with riders in hundreds: the long valley of LearningRates/OptimizerRace
- ``model_bias``    riders by hour of day vs the best line: where a line cannot follow
- ``sigmoid_sum``   a curve as a constant plus sigmoids, each the closest to one of its hard sigmoids
- ``local_minima``  two ReLUs from two random starts: different stopping losses
- ``rate_sweep``    choosing a learning rate by a small sweep (each optimiser's best η)
- ``overfitting``   a deep network on Seattle without and with early stopping
- ``experiments``   the book's experiment grid (hours, ReLUs, layers), rerun (``experiments_io``: its table)
"""
