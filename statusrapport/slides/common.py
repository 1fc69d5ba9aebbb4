"""What every slide shares: the title frame, the "(forts.)" continuation, the one loop from
pages to titled slides, the regions the tests check, the text sizes and cell insets of the
tables, and bullet lists.

A planner of one slide kind (agenda.py, status.py, overview.py, …) lays out its pages —
`Page`s of shapes and regions, or body `Frame`s on the Agenda and KPI layouts — and hands
them to `titled_slides`.
"""

from __future__ import annotations

from dataclasses import dataclass

from statusrapport import words
from statusrapport.report.view import BulletView
from statusrapport.slides.layout import (TEXT, Frame, Geometry, Para, Rect, Region, SlidePlan,
                                         Span, Table, TextBox, pt)
from statusrapport.slides.look import title_look
from statusrapport.text.fit import HEIGHT_SLACK, cut_to_fit, fit_size, paras_height

TITLE_SIZES = (28.0, 26.0, 24.0, 22.0, 20.0, 18.0, 16.0)
TITLE_INSETS = (0.0, 3.6, 0.0, 3.6)
BODY_INSETS = (0.0, 3.6, 0.0, 3.6)
LIST_MARGINS = (22.5, 49.5)  # text margin of level 0 and 1 in the Agenda and KPI bodies
LIST_HANGS = (22.5, 18.0)


@dataclass(frozen=True)
class Page:
    """One slide's content below its title, as a planner lays it out."""

    shapes: tuple[TextBox | Table, ...]
    regions: tuple[Region, ...]


def titled_slides(kind: str, layout: str, title: str, pages: list[Page] | list[Frame],
                  geometry: Geometry, initiative: str | None = None,
                  first: int = 0) -> list[SlidePlan]:
    """Each page on a slide of `layout` under `title`, the second and later ones "(forts.)":
    a `Page`'s shapes, or a `Frame` as the layout's body. `first` is the first page's number
    among all of them (an agenda shows the one page of its list that has the current item)."""
    slides = []
    for i, page in enumerate(pages, start=first):
        frame = title_frame(continued(title, i), geometry.titles[layout], geometry,
                            layout=layout)
        if isinstance(page, Frame):
            moved = geometry.bodies[layout] if layout in geometry.moved else None
            slides.append(SlidePlan(kind, layout, frame, page,
                                    regions=body_regions(frame, page, geometry, layout),
                                    initiative=initiative, continued=i > 0, body_box=moved))
        else:
            slides.append(SlidePlan(kind, layout, frame, shapes=page.shapes,
                                    regions=(title_region(frame, geometry, layout),
                                             *page.regions),
                                    initiative=initiative, continued=i > 0))
    return slides


def continued(title: str, page: int) -> str:
    return f"{title} {words.current().continued}" if page else title


def title_frame(text: str, box: Rect, geometry: Geometry, sizes=TITLE_SIZES,
                insets=TITLE_INSETS, line_spacing: float = 0.9,
                layout: str | None = None) -> Frame:
    """The title, at the first of `sizes` it fits (with `layout`: the sizes and insets of that
    layout's title placeholder, where the template's look was read)."""
    if layout is not None:
        sizes, insets = title_look(geometry, layout, sizes, insets)
    width, height = inner(box, insets)

    def at(size: float, shown: str = text) -> list[Para]:
        return [Para((Span(shown, bold=True),), size, line_spacing=line_spacing)]

    size, fits = fit_size(at, width, height, geometry.heading_font, sizes)
    if not fits:  # too long at the smallest size: cut it, rather than let it leave its box
        room = height * (1 - HEIGHT_SLACK)
        text = cut_to_fit(text, lambda shown: paras_height(
            at(size, shown), width, geometry.heading_font) <= room)
    return Frame(tuple(at(size, text)), insets)


def inner(box: Rect, insets: tuple[float, float, float, float]) -> tuple[float, float]:
    return pt(box.w) - insets[0] - insets[2], pt(box.h) - insets[1] - insets[3]


def title_region(title: Frame, geometry: Geometry, layout: str) -> Region:
    return Region("title", geometry.titles[layout], " ".join(p.text for p in title.paras))


def body_regions(title: Frame, body: Frame, geometry: Geometry,
                 layout: str) -> tuple[Region, ...]:
    return (title_region(title, geometry, layout),
            Region("body", geometry.bodies[layout], " ".join(p.text for p in body.paras)))


# --- text in tables and shapes ----------------------------------------------------------------

SIZE = 10.0  # the portfolio slides' text (overview, timeline, costs)
SMALL = 8.0  # their notes, axis labels and legends
CELL_MARGINS = (4.0, 4.0, 2.0, 2.0)  # table cell insets l, r, t, b (pt)


def para(text: str, *, bold: bool = False, colour: str | None = TEXT, size: float = SIZE,
         align: str = "l") -> Para:
    return Para((Span(text, bold, colour),), size, align=align)


# --- bullet lists -----------------------------------------------------------------------------

BULLET_MARGINS = (10.0, 22.0)  # text margin of level 0 and level 1 bullets in a table cell
BULLET_HANG = 10.0


def bullet_paras(items: tuple[BulletView, ...], size: float) -> list[Para]:
    space = round(size * 0.3, 1)
    out = []
    for item in items:
        out.append(Para(bullet_spans(item), size, 0, "•", BULLET_MARGINS[0], space,
                        hang=BULLET_HANG))
        out += [Para(bullet_spans(child), size, 1, "–", BULLET_MARGINS[1], space / 2,
                     hang=BULLET_HANG) for child in item.children]
    return out


def bullet_spans(item: BulletView) -> tuple[Span, ...]:
    return tuple(Span(run.text, url=run.url) for run in item.runs) or (Span(""),)
