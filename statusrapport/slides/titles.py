"""The title slides: the programme's (its name, the report's week) and a group's or a
section's divider (a group of several initiatives, or of one)."""

from __future__ import annotations

from statusrapport import words
from statusrapport.report.view import ReportView
from statusrapport.slides.common import inner, title_frame, title_region
from statusrapport.slides.layout import (COVER, GROUP_TITLE, SECTION, Frame, Geometry, Para,
                                         SlidePlan, Span)
from statusrapport.slides.look import title_look
from statusrapport.text.fit import fit_size

DIVIDER_SIZES = {GROUP_TITLE: (44.0, 40.0, 36.0, 32.0, 28.0, 24.0, 20.0),
                 SECTION: (40.0, 36.0, 32.0, 28.0, 24.0, 20.0)}
DIVIDER_SIZES[COVER] = DIVIDER_SIZES[GROUP_TITLE]
DIVIDER_INSETS = {GROUP_TITLE: (0.0, 3.6, 0.0, 3.6), SECTION: (7.2, 3.6, 7.2, 3.6)}
DIVIDER_INSETS[COVER] = DIVIDER_INSETS[GROUP_TITLE]
SUBTITLE_SHARE = 0.55  # the programme slide's second line, relative to its name


def divider(name: str, layout: str, geometry: Geometry) -> SlidePlan:
    frame = title_frame(name, geometry.titles[layout], geometry, DIVIDER_SIZES[layout],
                        DIVIDER_INSETS[layout], layout=layout)
    kind = "group" if layout == GROUP_TITLE else "section"
    return SlidePlan(kind, layout, frame, regions=(title_region(frame, geometry, layout),))


def programme_slide(view: ReportView, geometry: Geometry) -> SlidePlan:
    box = geometry.titles[COVER]
    sizes, insets = title_look(geometry, COVER, DIVIDER_SIZES[COVER], DIVIDER_INSETS[COVER])
    subtitle = words.current().deck_subtitle.format(week=view.week.week, year=view.week.year)
    width, height = inner(box, insets)

    def at(size: float) -> list[Para]:
        small = round(size * SUBTITLE_SHARE)
        return [Para((Span(view.programme, bold=True),), size, line_spacing=0.9),
                Para((Span(subtitle),), small, space_before=small * 0.4, line_spacing=0.9)]

    size, _ = fit_size(at, width, height, geometry.heading_font, sizes)
    frame = Frame(tuple(at(size)), insets)
    return SlidePlan("programme", COVER, frame, regions=(title_region(frame, geometry, COVER),))
