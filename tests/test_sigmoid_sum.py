"""mathcore.studies.sigmoid_sum: a flat-ended curve as b + a sum of sigmoids, one per hard sigmoid."""

import numpy as np
import pytest

from mathcore.activations import sigmoid
from mathcore.piecewise import (
    PiecewiseLinear,
    best_sigmoid_for_hard_sigmoid,
    best_sigmoid_steepness,
    curve_to_hard_sigmoids,
    max_abs_error,
    max_sigmoid_error,
)
from mathcore.studies.sigmoid_sum import SigmoidSum, curve_to_sigmoids

CURVE = PiecewiseLinear(x=[1.0, 3.0, 4.5, 6.5], y=[1.0, 3.5, 2.0, 3.5])


def test_the_sum_is_b_plus_each_sigmoid():
    s = SigmoidSum(0.5, c=[2.0, -1.0], b_i=[-1.0, 3.0], w=[1.0, 0.5])
    x = np.linspace(-4, 4, 9)
    assert np.allclose(s(x), 0.5 + 2 * sigmoid(-1 + x) - sigmoid(3 + 0.5 * x))
    assert s.terms(x).shape == (9, 2) and len(s) == 2


def test_each_hard_sigmoid_becomes_its_closest_sigmoid():
    approx, hs = curve_to_sigmoids(CURVE), curve_to_hard_sigmoids(CURVE)
    assert approx.b == hs.constant == CURVE.y[0]
    for i, (start, end, height) in enumerate(zip(hs.starts, hs.ends, hs.heights)):
        w = best_sigmoid_steepness(start, end)
        assert approx.w[i] == pytest.approx(w)
        assert (approx.c[i], approx.b_i[i]) == pytest.approx(best_sigmoid_for_hard_sigmoid(start, end, height, w))
    # the sum's gap is at most the pieces' gaps added up, and small against the curve's range
    bound = sum(max_sigmoid_error(s, e, h, w) for s, e, h, w in zip(hs.starts, hs.ends, hs.heights, approx.w))
    gap = max_abs_error(approx, CURVE, 0.0, 8.0)
    assert gap <= bound + 1e-6 and gap < 0.1 * np.ptp(CURVE.y)


def test_bad_lengths_are_named():
    with pytest.raises(ValueError, match="same length"):
        SigmoidSum(0.0, c=[1.0, 2.0], b_i=[0.0], w=[1.0, 1.0])
    with pytest.raises((TypeError, ValueError), match="c"):
        SigmoidSum(0.0, c=[np.nan], b_i=[0.0], w=[1.0])
