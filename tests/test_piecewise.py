"""Exact conversions between knots, hard sigmoids and ReLUs; the sigmoid fit."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.piecewise import (
    HardSigmoidSum,
    PiecewiseLinear,
    ReluSum,
    best_sigmoid_for_hard_sigmoid,
    best_sigmoid_steepness,
    curve_to_hard_sigmoids,
    curve_to_minimal_relus,
    hard_sigmoid_to_relu_pair,
    hard_sigmoids_to_curve,
    hard_sigmoids_to_relus,
    max_abs_error,
    max_sigmoid_error,
    relu_pair_to_hard_sigmoid,
    relus_to_curve,
    sample_smooth_curve_knots,
)

TOL = 1e-12


@st.composite
def curves(draw, flat=True):
    """Random curves: 2-10 knots at least 0.5 apart in [-10, 10], values in [-100, 100]."""
    n = draw(st.integers(2, 10))
    gaps = draw(st.lists(st.floats(0.5, 2.0), min_size=n - 1, max_size=n - 1))
    x = draw(st.floats(-10, -8)) + np.concatenate([[0.0], np.cumsum(gaps)])
    y = draw(st.lists(st.floats(-100, 100), min_size=n, max_size=n))
    if flat:
        return PiecewiseLinear(x, y)
    slopes = st.one_of(st.just(0.0), st.floats(-20, 20))
    return PiecewiseLinear(x, y, draw(slopes), draw(slopes))


def probe_points(curve, seed=0):
    """The knots, the midpoints and random points inside and a little outside."""
    rng = np.random.default_rng(seed)
    x = curve.x
    inside = rng.uniform(x[0], x[-1], 50)
    outside = np.concatenate([x[0] - rng.uniform(0, 3, 5), x[-1] + rng.uniform(0, 3, 5)])
    return np.concatenate([x, 0.5 * (x[1:] + x[:-1]), inside, outside])


def assert_same_curve(rebuilt, curve, tol=TOL):
    points = probe_points(curve)
    np.testing.assert_allclose(rebuilt(points), curve(points), rtol=0, atol=tol)
    assert rebuilt.left_slope == pytest.approx(curve.left_slope, abs=1e-12)
    assert rebuilt.right_slope == pytest.approx(curve.right_slope, abs=1e-12)


# --- round trips ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(curves())
def test_knots_to_hard_sigmoids_to_relus_to_knots(curve):
    hs = curve_to_hard_sigmoids(curve)
    rs = hard_sigmoids_to_relus(hs)
    assert len(hs) == len(curve.x) - 1
    assert len(rs) == 2 * len(hs)
    rebuilt = relus_to_curve(rs)
    np.testing.assert_array_equal(rebuilt.x, curve.x)
    assert_same_curve(rebuilt, curve)
    # each form on its own agrees with the curve too (direct sums round a little more)
    points = probe_points(curve)
    np.testing.assert_allclose(hs(points), curve(points), rtol=0, atol=TOL)
    np.testing.assert_allclose(rs(points), curve(points), rtol=0, atol=1e-9)


@settings(max_examples=200, deadline=None)
@given(curves())
def test_knots_to_hard_sigmoids_to_knots(curve):
    rebuilt = hard_sigmoids_to_curve(curve_to_hard_sigmoids(curve))
    np.testing.assert_array_equal(rebuilt.x, curve.x)
    assert_same_curve(rebuilt, curve)


@settings(max_examples=300, deadline=None)
@given(curves(flat=False))
def test_knots_to_minimal_relus_to_knots(curve):
    rs = curve_to_minimal_relus(curve)
    slopes = np.concatenate([[curve.left_slope], curve.slopes, [curve.right_slope]])
    n_changes = np.count_nonzero(np.diff(slopes))  # one ReLU per knot where the slope bends
    if curve.left_slope != 0 and curve.right_slope != 0:
        # the ReLU at x[0] carries the full slope right of it, plus one facing left
        n_changes += int(slopes[1] != 0) - int(slopes[1] != slopes[0]) + 1
    jumps = np.abs(np.diff(slopes))
    if np.all((jumps == 0) | (jumps > 1e-9 * np.abs(slopes).max())):
        assert len(rs) == n_changes
    else:  # a bend below rounding (say a slope of 1e-138 next to -1) may vanish
        assert len(rs) <= n_changes
    assert_same_curve(relus_to_curve(rs), curve)
    points = probe_points(curve)
    np.testing.assert_allclose(rs(points), curve(points), rtol=0, atol=1e-9)


def test_minimal_form_has_one_relu_per_knot():
    curve = PiecewiseLinear([0.0, 1.0, 3.0, 4.0], [2.0, 5.0, 1.0, 1.5])
    rs = curve_to_minimal_relus(curve)
    assert len(rs) == 4
    np.testing.assert_array_equal(rs.c, [3.0, -5.0, 2.5, -0.5])
    np.testing.assert_array_equal(rs.breakpoints, curve.x)
    assert rs.constant == 2.0
    # only a left end slope: every ReLU faces left, still one per knot
    tilted = PiecewiseLinear(curve.x, curve.y, left_slope=-1.0)
    rs_left = curve_to_minimal_relus(tilted)
    assert len(rs_left) == 4 and np.all(rs_left.w == -1.0)
    assert_same_curve(relus_to_curve(rs_left), tilted)
    # both end slopes: a straight line costs one extra ReLU
    assert len(curve_to_minimal_relus(PiecewiseLinear(curve.x, curve.y, -1.0, 2.0))) == 5


def test_hard_sigmoid_count_follows_corners():
    """The book's picture: the constant is the start value, one blue piece per segment."""
    curve = PiecewiseLinear([1.0, 2.0, 4.0, 5.0], [3.0, 1.0, 4.0, 4.5])
    hs = curve_to_hard_sigmoids(curve)
    assert hs.constant == 3.0
    np.testing.assert_array_equal(hs.starts, [1.0, 2.0, 4.0])
    np.testing.assert_array_equal(hs.ends, [2.0, 4.0, 5.0])
    np.testing.assert_array_equal(hs.heights, [-2.0, 3.0, 0.5])
    assert float(hs(0.0)) == 3.0 and float(hs(9.0)) == 4.5
    assert len(hard_sigmoids_to_relus(hs)) == 6


# --- the chapter's worked example -------------------------------------------------------------


def test_worked_example_relu_pair_sums_to_ten():
    pair = hard_sigmoid_to_relu_pair(start=0.0, end=10.0, height=10.0)
    np.testing.assert_array_equal(pair.c, [1.0, -1.0])
    np.testing.assert_array_equal(pair.b, [0.0, -10.0])
    np.testing.assert_array_equal(pair.w, [1.0, 1.0])
    x = np.array([11.0, 12.0, 13.0, 14.0])
    upper, lower = pair.terms(x).T
    np.testing.assert_array_equal(upper, [11.0, 12.0, 13.0, 14.0])
    np.testing.assert_array_equal(lower, [-1.0, -2.0, -3.0, -4.0])
    np.testing.assert_array_equal(pair(x), [10.0] * 4)
    np.testing.assert_array_equal(pair([-5.0, 0.0, 2.5, 10.0]), [0.0, 0.0, 2.5, 10.0])
    assert relu_pair_to_hard_sigmoid(pair) == (0.0, 10.0, 10.0)
    curve = relus_to_curve(pair)
    np.testing.assert_array_equal(curve.x, [0.0, 10.0])
    np.testing.assert_array_equal(curve.y, [0.0, 10.0])
    assert curve.flat_ends


def test_relu_pair_to_hard_sigmoid_rejects_other_pairs():
    with pytest.raises(ValueError, match="pair"):
        relu_pair_to_hard_sigmoid(ReluSum(0.0, [1.0, -2.0], [0.0, -1.0], [1.0, 1.0]))
    with pytest.raises(ValueError, match="pair"):
        relu_pair_to_hard_sigmoid(ReluSum(0.0, [1.0], [0.0], [1.0]))


# --- relus_to_curve corner cases --------------------------------------------------------------


def test_relus_to_curve_general_relus():
    rs = ReluSum(0.5, c=[2.0, -1.0, 3.0, 4.0], b=[1.0, 2.0, -3.0, -1.0], w=[-1.0, 0.5, 0.0, 2.0])
    curve = relus_to_curve(rs)
    np.testing.assert_array_equal(curve.x, [-4.0, 0.5, 1.0])
    assert curve.left_slope == -2.0 and curve.right_slope == 7.5
    x = np.linspace(-10, 10, 201)
    np.testing.assert_allclose(curve(x), rs(x), rtol=0, atol=1e-12)


def test_relus_to_curve_without_corners():
    constant_only = ReluSum(1.5, c=[2.0], b=[3.0], w=[0.0])  # 1.5 + 2*max(0, 3) = 7.5
    curve = relus_to_curve(constant_only)
    np.testing.assert_array_equal(curve.x, [0.0, 1.0])
    np.testing.assert_array_equal(curve.y, [7.5, 7.5])
    np.testing.assert_array_equal(relus_to_curve(constant_only, lo=-2, hi=2).x, [-2.0, 2.0])
    one = relus_to_curve(ReluSum(0.0, [2.0], [-1.0], [1.0]))
    np.testing.assert_array_equal(one.x, [1.0, 2.0])
    np.testing.assert_array_equal(one.y, [0.0, 2.0])
    assert one.right_slope == 2.0
    empty = hard_sigmoids_to_curve(HardSigmoidSum(3.0, [], [], []), lo=-1.0, hi=1.0)
    np.testing.assert_array_equal(empty.y, [3.0, 3.0])


# --- sigmoid versus hard sigmoid --------------------------------------------------------------


def test_sigmoid_error_shrinks_as_w_grows_to_the_ramp_scale():
    start, end, height = 2.0, 2.1, 3.0  # ramp width 0.1, so w * width runs 0.1 .. 5
    errors = [max_sigmoid_error(start, end, height, w) for w in [1, 2, 5, 10, 50]]
    assert all(a > b for a, b in itertools.pairwise(errors))
    assert errors[0] > 0.4 * height and errors[-1] < 0.07 * height
    c, b = best_sigmoid_for_hard_sigmoid(start, end, height, 50)
    assert c == pytest.approx(height, rel=0.07)
    assert -b / 50 == pytest.approx(2.05, abs=0.01)  # centred on the ramp


def test_sigmoid_error_depends_on_w_times_width_only():
    e1 = max_sigmoid_error(0.0, 1.0, 1.0, 3.0)
    e2 = max_sigmoid_error(10.0, 14.0, -2.0, 0.75)
    assert e2 == pytest.approx(2.0 * e1, rel=1e-4)


def test_best_steepness_and_the_step_limit():
    w_best = best_sigmoid_steepness(0.0, 2.0)
    assert w_best == pytest.approx(5.65 / 2.0, rel=0.01)
    best = max_sigmoid_error(0.0, 2.0, 1.0, w_best)
    assert best == pytest.approx(0.056, abs=0.002)
    c, b = best_sigmoid_for_hard_sigmoid(0.0, 2.0, 1.0, w_best)
    assert c == pytest.approx(1.0, abs=1e-3) and -b / w_best == pytest.approx(1.0, abs=1e-3)
    # too steep: the sigmoid is a step, best at 2/3 of the height, error towards 1/3
    steep = max_sigmoid_error(0.0, 2.0, 1.0, 1000.0)
    assert best < steep < 1 / 3
    assert steep == pytest.approx(1 / 3, abs=0.01)
    assert best_sigmoid_for_hard_sigmoid(0.0, 2.0, 1.0, 1000.0)[0] == pytest.approx(2 / 3, abs=0.01)


def test_flat_hard_sigmoid_fits_exactly():
    assert best_sigmoid_for_hard_sigmoid(0.0, 1.0, 0.0, 4.0) == (0.0, -2.0)


# --- more corners, less error -----------------------------------------------------------------


def test_more_pieces_less_error():
    errors = [
        max_abs_error(np.sin, sample_smooth_curve_knots(np.sin, 0.0, 2 * np.pi, n), 0, 2 * np.pi)
        for n in [2, 4, 8, 16, 32]
    ]
    assert all(a > b for a, b in itertools.pairwise(errors))
    # linear interpolation error of sin with step h is at most h^2 / 8
    assert errors[-1] <= (2 * np.pi / 32) ** 2 / 8 + 1e-12
    assert errors[-1] > 0.9 * (2 * np.pi / 32) ** 2 / 8
    curve = sample_smooth_curve_knots(math.cos, -1.0, 1.0, 4)  # scalar-only f works too
    np.testing.assert_allclose(curve.y, np.cos(np.linspace(-1, 1, 5)), rtol=0, atol=1e-15)
    assert curve.flat_ends


# --- evaluation and validation ----------------------------------------------------------------


def test_piecewise_linear_evaluates_exactly():
    curve = PiecewiseLinear([0, 1, 2], [0, 2, 1], left_slope=1.0, right_slope=-2.0)
    np.testing.assert_array_equal(curve([-1.0, 0.5, 1.5, 3.0]), [-1.0, 1.0, 1.5, -1.0])
    assert curve(np.zeros((2, 3))).shape == (2, 3)
    assert float(curve(1.0)) == 2.0
    np.testing.assert_array_equal(curve.breakpoints, [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(curve.slopes, [2.0, -1.0])
    with pytest.raises(ValueError):
        curve.x[0] = 5.0  # read-only


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [
        ([0.0, 1.0, 1.0], [1.0, 2.0, 3.0], "x must be strictly increasing"),
        ([0.0, 2.0, 1.0], [1.0, 2.0, 3.0], "x must be strictly increasing"),
        ([0.0, 1.0], [1.0, 2.0, 3.0], r"len\(y\)"),
        ([0.0], [1.0], "x needs at least 2 knots"),
        ([0.0, np.nan], [1.0, 2.0], "x contains"),
        ([0.0, 1.0], [1.0, np.inf], "y contains"),
    ],
)
def test_piecewise_linear_rejects_bad_knots(x, y, match):
    with pytest.raises(ValueError, match=match):
        PiecewiseLinear(x, y)


def test_bad_arguments_name_themselves():
    with pytest.raises(ValueError, match="left_slope"):
        PiecewiseLinear([0, 1], [0, 1], left_slope=np.nan)
    with pytest.raises(TypeError, match="right_slope"):
        PiecewiseLinear([0, 1], [0, 1], right_slope="steep")
    with pytest.raises(ValueError, match="starts < ends"):
        HardSigmoidSum(0.0, [1.0], [1.0], [2.0])
    with pytest.raises(ValueError, match=r"len\(heights\)"):
        HardSigmoidSum(0.0, [0.0], [1.0], [2.0, 3.0])
    with pytest.raises(ValueError, match=r"len\(w\)"):
        ReluSum(0.0, [1.0, 2.0], [0.0, 1.0], [1.0])
    with pytest.raises(ValueError, match="b contains"):
        ReluSum(0.0, [1.0], [np.nan], [1.0])
    with pytest.raises(ValueError, match="start must be smaller than end"):
        hard_sigmoid_to_relu_pair(1.0, 1.0, 2.0)
    with pytest.raises(ValueError, match="w must be"):
        best_sigmoid_for_hard_sigmoid(0.0, 1.0, 1.0, -2.0)
    with pytest.raises(ValueError, match="lo must be smaller than hi"):
        relus_to_curve(ReluSum(0.0, [1.0], [0.0], [1.0]), lo=2.0, hi=1.0)
    with pytest.raises(ValueError, match="n_pieces"):
        sample_smooth_curve_knots(np.sin, 0.0, 1.0, 0)


def test_non_flat_curve_to_hard_sigmoids_names_the_fix():
    curve = PiecewiseLinear([0.0, 1.0], [0.0, 1.0], right_slope=1.0)
    with pytest.raises(ValueError, match="curve_to_minimal_relus"):
        curve_to_hard_sigmoids(curve)
