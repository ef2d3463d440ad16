"""Manim scenes of the explainer. Each scene reads mathcore's recorded results and draws them."""
