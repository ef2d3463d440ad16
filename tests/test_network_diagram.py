"""NetworkDiagram and QuickFade: real weights drawn faithfully, wide layers abbreviated, fades in place."""

import numpy as np
import pytest
from manim import ManimColor, Text

from scenes import theme
from scenes.components.network_diagram import NetworkDiagram, shown_indices, weights_from_params
from scenes.components.quick_fade import QuickFadeIn, QuickFadeOut


def random_weights(widths, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=(widths[k + 1], widths[k])) for k in range(len(widths) - 1)]


def test_edges_take_their_colour_from_the_sign_and_their_width_from_the_size_of_w():
    widths = [3, 4, 2, 1]
    weights = random_weights(widths)
    diagram = NetworkDiagram(widths, weights, edge_width=(0.5, 5.0))
    for k, W in enumerate(weights):
        largest = np.abs(W).max()
        for (i, j), line in diagram.edge_of[k].items():
            expected = theme.POSITIVE if W[i, j] > 0 else theme.NEGATIVE
            assert line.get_stroke_color() == ManimColor(expected)
            assert line.get_stroke_width() == pytest.approx(0.5 + 4.5 * abs(W[i, j]) / largest)
        # the largest |w| of each matrix gets the full width
        i, j = np.unravel_index(np.argmax(np.abs(W)), W.shape)
        assert diagram.edge(k, i, j).get_stroke_width() == pytest.approx(5.0)


def test_wide_layers_show_a_few_neurons_an_ellipsis_and_their_true_width():
    widths = [56, 1000, 4, 1]
    diagram = NetworkDiagram(widths, random_weights(widths), max_shown=7)
    assert [len(column) for column in diagram.neurons] == [6, 6, 4, 1]
    assert diagram.shown[1] == [0, 1, 2, 997, 998, 999]
    assert set(diagram.ellipses) == {0, 1} and set(diagram.braces) == {0, 1}
    assert [diagram.braces[k][1].text for k in (0, 1)] == ["56", "1000"]
    # edges only between drawn neurons: 6*6 + 4*6 + 1*4, never 56*1000
    assert [len(group) for group in diagram.edges] == [36, 24, 4]
    with pytest.raises(ValueError, match="hidden behind the ellipsis"):
        diagram.neuron(1, 500)
    assert shown_indices(7, 7) == list(range(7))
    assert shown_indices(8, 7) == [0, 1, 2, None, 5, 6, 7]


def test_activation_fills_are_discs_whose_area_is_the_level():
    diagram = NetworkDiagram([2, 3, 1], random_weights([2, 3, 1]), radius=0.2)
    diagram.set_activations(1, np.array([0.0, 1.0, 4.0]), low=0.0, high=2.0)
    np.testing.assert_allclose(diagram.fill_levels[1], [0.0, 0.5, 1.0])
    empty, half, full = diagram.cores[1]
    assert full.get_fill_color() == ManimColor(theme.ACCENT) and full.get_fill_opacity() == 1.0
    assert empty.get_fill_opacity() == 0.0  # a neuron that does not fire is an empty ring
    # area proportional to the level: radius ~ sqrt(level); the full disc nearly fills the circle
    assert full.width / 2 == pytest.approx(diagram.core_radius(1.0)) and 0.8 * 0.2 < full.width / 2 < 0.2
    assert (half.width / full.width) ** 2 == pytest.approx(0.5)
    assert np.allclose(half.get_center(), diagram.neurons[1][1].get_center())
    # the discs are drawn above the circles that hide the edges
    assert diagram.submobjects.index(diagram.cores[1]) > diagram.submobjects.index(diagram.neurons[1])
    with pytest.raises(ValueError, match="shape"):
        diagram.set_activations(1, np.zeros(2), 0.0, 1.0)
    with pytest.raises(ValueError, match="high must exceed low"):
        diagram.set_activations(1, np.zeros(3), 1.0, 1.0)


def test_weights_from_params_follow_mathcore_order_and_shapes_are_checked():
    params = {"W1": np.ones((4, 3)), "b1": np.zeros(4), "W2": np.ones((2, 4)), "b2": np.zeros(2),
              "c": np.arange(2.0), "b": np.zeros(1)}
    matrices = weights_from_params(params)
    assert [m.shape for m in matrices] == [(4, 3), (2, 4), (1, 2)]
    np.testing.assert_array_equal(matrices[-1], [[0.0, 1.0]])
    with pytest.raises(ValueError, match="expected"):
        NetworkDiagram([3, 4, 1], [np.ones((3, 4)), np.ones((1, 4))])
    with pytest.raises(ValueError, match="widths"):
        NetworkDiagram([3], None)


def test_quick_fades_scale_opacity_in_place_and_restore_it():
    text = Text("abc").set_opacity(0.8)
    fade = QuickFadeIn(text)
    fade.begin()
    assert text.family_members_with_points()[0].fill_rgbas[0, 3] == pytest.approx(0.0)
    fade.interpolate(0.5)
    assert text.family_members_with_points()[0].fill_rgbas[0, 3] == pytest.approx(0.4)
    fade.finish()
    assert text.family_members_with_points()[0].fill_rgbas[0, 3] == pytest.approx(0.8)
    out = QuickFadeOut(text)
    out.begin()
    out.interpolate(1.0)
    assert text.family_members_with_points()[0].fill_rgbas[0, 3] == pytest.approx(0.0)
    assert out.is_remover() and not out.is_introducer() and fade.is_introducer()
