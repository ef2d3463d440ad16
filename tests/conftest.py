"""Every test process gets the manim workarounds before any test builds a Text: components and
tests that never import ``scenes.base`` write into the same typeset cache renders read."""

from manim_engine import compat as manim_compat


def pytest_configure(config):
    manim_compat.install()
