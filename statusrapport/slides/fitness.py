"""Whether a template's boxes can hold the deck: a title placeholder must hold one line of
title text at the smallest size the plan would shrink to (else every title would be cut to
"…"), and the status slide's content area must hold its panels. Pure arithmetic on the plan's
own measures, for `template check` and every build."""

from __future__ import annotations

from statusrapport.slides.layout import STATUS, Geometry, Para, Rect, Span, pt
from statusrapport.slides.common import TITLE_INSETS, TITLE_SIZES
from statusrapport.slides.titles import DIVIDER_INSETS, DIVIDER_SIZES
from statusrapport.text.fit import HEIGHT_SLACK, paras_height

# The smallest content area the status slide's panels are laid out in (points): a milestone
# table beside the done/planned/risk lists needs about half of a 4:3 slide.
MIN_AREA_W, MIN_AREA_H = 400.0, 180.0
SAMPLE = "Mg Åå"  # an ascender, a descender and a Norwegian capital with its ring


def title_problem(role: str, box: Rect, font: str) -> str | None:
    """Why a title in `box` would be cut even at one line; None: one line fits."""
    sizes, insets = DIVIDER_SIZES.get(role, TITLE_SIZES), DIVIDER_INSETS.get(role, TITLE_INSETS)
    size = sizes[-1]
    width = pt(box.w) - insets[0] - insets[2]
    height = pt(box.h) - insets[1] - insets[3]
    line = [Para((Span(SAMPLE, bold=True),), size, line_spacing=0.9)]
    needed = paras_height(line, max(width, 1.0), font)
    if width > 0 and needed <= height * (1 - HEIGHT_SLACK):
        return None
    return (f"its title placeholder is {pt(box.w):.0f} x {pt(box.h):.0f} pt, too small for one "
            f"line of title text at {size:g} pt ({needed / (1 - HEIGHT_SLACK):.0f} pt high with "
            "its insets): make the title placeholder taller in the template")


def area_problem(geometry: Geometry) -> str | None:
    """Why the status slide's content area cannot hold its panels; None: it can."""
    area = geometry.area(STATUS)
    if pt(area.w) >= MIN_AREA_W and pt(area.h) >= MIN_AREA_H:
        return None
    return (f"the content area under its title is {pt(area.w):.0f} x {pt(area.h):.0f} pt; the "
            f"status slide needs at least {MIN_AREA_W:.0f} x {MIN_AREA_H:.0f} pt: move the title "
            "up or the footer placeholders down, or name a layout with more room")
