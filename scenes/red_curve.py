"""The red curve of the book's figure (flat, up, down, up, flat) and the window it is drawn in.

PiecewiseAsHardSigmoids builds it from hard sigmoids, SigmoidKnobs from sigmoids and
ReluPairHardSigmoid from ReLUs: one curve, defined once."""

from __future__ import annotations

from mathcore.piecewise import PiecewiseLinear

#: The red curve of the book's figure: flat, up, down, up, flat. ReluPairHardSigmoid reuses it.
RED_CURVE = PiecewiseLinear(x=[1.0, 3.0, 4.5, 6.5], y=[1.0, 3.5, 2.0, 3.5])
X_RANGE = (0.0, 8.0, 1.0)
Y_RANGE = (0.0, 5.0, 1.0)
