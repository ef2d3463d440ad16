"""mathcore: the numbers behind the explainer (numpy/scipy only, never manim).

One idea per module, with the book's names (W, b, c, r, a):

- ``activations``  sigmoid, relu, hard_sigmoid and their derivatives
- ``piecewise``    knots <-> constant + hard sigmoids <-> constant + ReLUs
- ``models``       MLP / Linear with hand-written back-propagation
- ``losses``       mse, mae
- ``optim``        GradientDescent, Momentum, AdaGrad, RMSProp, Adam (PyTorch's rules)
- ``train``        fit(...) -> Trajectory, every step recorded
- ``data``         the shipped real series and previous-k windows
- ``surface``      error surfaces and 2-D loss slices
- ``cache``        trajectories on disk keyed by their config
- ``experiments``  the book's experiment grid, rerun
"""

__version__ = "0.1.0"
