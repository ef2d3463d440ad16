"""mathcore: the numbers behind the explainer (numpy/scipy only, never manim).

One idea per module, with the book's names (W, b, c, r, a):

- ``activations``  sigmoid, relu, hard_sigmoid and their derivatives
- ``curves``       piecewise linear curves, hard-sigmoid sums, ReLU sums
- ``piecewise``    exact conversions between them (knots <-> hard sigmoids <-> ReLUs)
- ``sigmoid_fit``  the sigmoid closest to a hard sigmoid; smooth curves sampled
- ``pieces``       the linear pieces of a trained 1-input network
- ``models``       MLP / Linear, the book's forward and backward pass
- ``fast_mlp``     the same passes in place: what training runs
- ``losses``       mse, mae
- ``optim``        GradientDescent, Momentum, AdaGrad, RMSProp, Adam (PyTorch's rules)
- ``train``        fit(...) -> Trajectory, every step recorded
- ``series``       the shipped real series (one table) and their CSV parsing
- ``data``         previous-k windows, one-feature relations, synthetic data
- ``surface``      error surfaces and 2-D loss slices
- ``sources``      the data sources of a run config (one table)
- ``runspec``      a run, specified: typed, checked, keyed (``spec_fields``; ``runconfig``: the dict API)
- ``runner``       trains a RunSpec (with ``progress``, the progress line)
- ``cache``        trajectories on disk keyed by their config (``npz_tree``, ``storage``)
- ``validation``   argument checks shared by all of them

The chapter's own studies (which model, data and runs each part of the lesson shows) are in
the sub-package ``mathcore.studies``: ``lesson``, ``long_bowl``, ``model_bias``, ``sigmoid_sum``,
``local_minima``, ``rate_sweep``, ``overfitting``, ``experiments`` (``experiments_io``: its table).
"""

__version__ = "0.1.0"
