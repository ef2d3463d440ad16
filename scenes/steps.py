"""The three steps of machine learning on screen: the list, and the badge saying which step a scene is in.

1 a function with unknown parameters, 2 the loss, 3 optimisation (CHAPTER.md §1). The
strings are ``steps.<n>`` (the full name) and ``steps.badge`` ("Step n · short name").
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Mobject, RoundedRectangle, VGroup, config

from scenes import theme
from scenes.base import ExplainerScene
from scenes.number_format import number_text
from scenes.strings import t

STEPS = (1, 2, 3)


def step_badge(step: int, size: float = theme.SMALL_SIZE - 2) -> VGroup:
    """'Step n · name' in a rounded box, for the top-left corner of a scene of that step."""
    if step not in STEPS:
        raise ValueError(f"step must be one of {STEPS}, got {step!r}")
    label = ExplainerScene.text("steps.badge", size=size, color=theme.ACCENT, n=step, name=t(f"steps.short.{step}"))
    box = RoundedRectangle(corner_radius=0.1, width=label.width + 0.3, height=label.height + 0.22,
                           stroke_color=theme.ACCENT, stroke_width=2)
    badge = VGroup(box, label.move_to(box))
    badge.step = step
    return badge.to_corner(UP + LEFT, buff=0.25)


def three_steps_list(highlight: int | None = None, size: float = theme.BODY_SIZE) -> VGroup:
    """The three steps as a numbered column; step ``highlight`` in the accent colour, the others muted."""
    rows = VGroup()
    for step in STEPS:
        colour = theme.ACCENT if highlight in (None, step) else theme.MUTED
        row = ExplainerScene.text(f"steps.{step}", size=size, color=colour, n=step)
        row.step = step
        rows.add(row)
    rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
    if highlight is not None:
        frame = RoundedRectangle(corner_radius=0.12, width=rows[highlight - 1].width + 0.4,
                                 height=rows[highlight - 1].height + 0.25, stroke_color=theme.ACCENT,
                                 stroke_width=3).move_to(rows[highlight - 1])
        rows.add(frame)
        rows.highlight_frame = frame
    return rows



def title_beside_badge(title: Mobject, badge: VGroup, gap: float = 0.4, margin: float = 0.25) -> Mobject:
    """Put ``title`` right of ``badge`` on the same line, shrunk if needed to stay inside the frame."""
    room = config.frame_width / 2 - margin - (badge.get_right()[0] + gap)
    if title.width > room:
        title.scale_to_fit_width(room)
    return title.next_to(badge, RIGHT, buff=gap)


def best_line_numbers(best) -> dict[str, str]:
    """w*, b*, L* of the lesson's best line (``mathcore.studies.lesson.Line``) as every scene writes them:
    w* with 3 decimals, b* in riders/hour with 1, L* (MSE) in (riders/hour)² with none."""
    return {"w": f"{best.w:.3f}", "b": f"{best.b:.1f}", "loss": number_text(best.mse)}
