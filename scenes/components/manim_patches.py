"""Make a Text's line layout independent of the output resolution.

manim 0.21's ``Text`` lays its SVG out on a page ``config.pixel_width`` pixels wide, so a
long title wraps onto two lines at a small resolution (tests, previews) but not at 1080p.
Worse, the SVG is cached under a hash that leaves the width out, so whichever resolution
rendered a sentence first decides its layout for every later render. We lay every Text out
on one fixed, wide page instead, so all resolutions get the same single-line layout
(explicit newlines still break lines). Imported for its effect by ``scenes.base``.
"""

from __future__ import annotations

import functools

import manimpango

# Wide and tall enough that no on-screen sentence wraps; independent of the render size.
LAYOUT_WIDTH, LAYOUT_HEIGHT = 3840, 2160


def _fixed_page(text2svg):
    @functools.wraps(text2svg)
    def text2svg_on_fixed_page(settings, size, line_spacing, disable_liga, file_name,
                               start_x, start_y, width, height, orig_text):
        return text2svg(settings, size, line_spacing, disable_liga, file_name,
                        start_x, start_y, LAYOUT_WIDTH, LAYOUT_HEIGHT, orig_text)

    text2svg_on_fixed_page.fixed_page = True
    return text2svg_on_fixed_page


def install() -> None:
    """Patch manimpango.text2svg once (idempotent)."""
    if not getattr(manimpango.text2svg, "fixed_page", False):
        manimpango.text2svg = _fixed_page(manimpango.text2svg)


install()
