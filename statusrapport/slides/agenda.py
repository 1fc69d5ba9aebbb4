"""The agenda: one slide per initiative of a group, the current one standing out."""

from __future__ import annotations

from statusrapport import words
from statusrapport.report.view import GroupView
from statusrapport.slides.common import BODY_INSETS, LIST_HANGS, LIST_MARGINS, inner, titled_slides
from statusrapport.slides.layout import ACCENT, AGENDA, GREY, Frame, Geometry, Para, SlidePlan, Span
from statusrapport.text.fit import fit_size, paginate

AGENDA_SIZES = (24.0, 22.0, 20.0, 18.0, 16.0, 14.0)


def agenda_slides(group: GroupView, geometry: Geometry) -> list[SlidePlan]:
    """One agenda per initiative of the group, the current one standing out. A list too long
    for the slide at the smallest size shows the part with the current item, "(forts.)"."""
    box = geometry.bodies[AGENDA]
    width, height = inner(box, BODY_INSETS)
    names = [i.status.name for i in group.initiatives]

    def at(size: float, current: int = -1) -> list[Para]:
        return [Para((Span(name, bold=i == current, colour=ACCENT if i == current else GREY),),
                     size, 0, "•", LIST_MARGINS[0], round(size * 0.5, 1), hang=LIST_HANGS[0])
                for i, name in enumerate(names)]

    size, fits = fit_size(lambda s: at(s, 0), width, height, geometry.font, AGENDA_SIZES)
    slides = []
    for current, initiative in enumerate(group.initiatives):
        pages = [at(size, current)] if fits else paginate(at(size, current), width, [height],
                                                          geometry.font)
        page = next(i for i, paras in enumerate(pages) if any(p.bold for p in paras))
        slides += titled_slides("agenda", AGENDA, words.current().agenda,
                                [Frame(tuple(pages[page]), BODY_INSETS)], geometry,
                                initiative.status.initiative_id, first=page)
    return slides
