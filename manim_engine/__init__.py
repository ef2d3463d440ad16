"""manim_engine: the project's extensions to the manim engine, apart from the lesson.

Nothing here knows the chapter: it imports manim (and manim-slides, svgelements, cairo, av),
never ``scenes``, ``mathcore``, ``explainer`` or ``speech``. Nothing is patched on import;
``scenes.base`` installs both halves explicitly, before any scene builds a Text:

- ``compat``      workarounds for manim 0.21.0 / manim-slides 5.7.0 / manimpango, each behind a
                  version assert (``install()``; ``UpstreamVersionError`` when a pin moved)
- ``fast_paths``  faster copies, Cairo paths and encoding that draw the same pixels
                  (``install()``; ``EXPLAINER_SLOW_PATHS=1`` keeps manim's own paths)
- ``svg_cache``   the shapes parsed from typeset SVGs, kept between renders as plain data
                  (``shape_store``: JSON and raw arrays, never pickle), checksummed
- ``checksums``   the SHA-256 kept beside every typeset SVG, checked before manim reuses it
- ``shading``     the 3D camera's faces shaded and drawn at once
"""
