"""Delivery: the `explainer` command, and rendering the lesson's scenes as videos, key frames,
the chapter video and lecture slides. Reads ``scenes/`` and ``mathcore/``; neither imports it."""
