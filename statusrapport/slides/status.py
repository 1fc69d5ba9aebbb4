"""The status slide's four panels, measured: which size, and what continues on a "(forts.)" slide.

    Informasjon (full width)
    Status milepæler (left)        | Status økonomi (right)
    Status fremdrift: done | planned | risks (full width, down to the bottom)

One size for the whole slide, the largest of SIZES at which everything fits; if nothing fits
at the smallest, milestone rows, economy comments and progress bullets continue on
continuation slides (same columns, headers repeated; the info panel only on the first).

The layout is here; the texts, the measuring and the drawing are status_content.py,
status_measure.py and status_draw.py.
"""

from __future__ import annotations

from statusrapport.report.view import MilestoneRow, StatusView
from statusrapport.slides.common import CELL_MARGINS, Page, bullet_paras, titled_slides
from statusrapport.slides.layout import (STATUS, Geometry, Para, Rect, Region, SlidePlan, Table,
                                         TextBox, pt)
from statusrapport.slides.status_content import StatusContent
from statusrapport.slides.status_draw import StatusDrawing
from statusrapport.slides.status_measure import GAP_H, GAP_V, StatusMeasure
from statusrapport.text.fit import HEIGHT_SLACK, line_height, para_height, take

SIZES = (12.0, 11.0, 10.5, 10.0, 9.5, 9.0)  # body text of the whole slide, largest first
START = 2  # the size to try first: the seed's slides come out at 10.5 and 10 pt


def status_slides(status: StatusView, geometry: Geometry) -> list[SlidePlan]:
    pages = status_pages(status, geometry.status_area, geometry.footer(STATUS), geometry.font,
                         geometry.heading_font)
    return titled_slides("status", STATUS, status.title, pages, geometry, status.initiative_id)


def status_pages(status: StatusView, area: Rect, footer: Rect, font: str,
                 heading_font: str) -> list[Page]:
    """The status slide (and its continuations) in `area`; `footer` takes the colour legend."""
    def planner(i: int) -> _Status:
        return _Status(status, area, footer, font, heading_font, SIZES[i])

    # The largest size that fits, searched from a typical one up or down (each try measures
    # every text again: most slides need two or three tries instead of up to six).
    i = START
    if planner(i).fits():
        while i > 0 and planner(i - 1).fits():
            i -= 1
    else:
        while i < len(SIZES) - 1 and not planner(i + 1).fits():
            i += 1
        i += 1
    for i in range(min(i, len(SIZES) - 1), len(SIZES)):  # fits() is never laxer than pages()
        pages = planner(i).pages()
        if len(pages) == 1:
            break
    return pages


class _Status:
    """The layout at one size: what goes on which page. fits() answers by measuring alone,
    pages() lays every page out and draws it (status_draw.py)."""

    def __init__(self, status: StatusView, area: Rect, footer: Rect, font: str,
                 heading_font: str, size: float):
        self.c = StatusContent(status, size)
        self.m = StatusMeasure(self.c, area, font, heading_font)
        self.d = StatusDrawing(self.m, footer)
        self.v, self.size, self.area, self.font = status, size, area, font
        self.heading_h = self.m.heading_h
        self.middle_w, self.ms_cols = self.m.middle_w, self.m.ms_cols

    def fits(self) -> bool:
        """Whether everything fits one slide at this size: the test page() makes for its first
        slide, by measuring alone (nothing drawn, no exact heights)."""
        v, (ml, mr, mt, mb) = self.v, CELL_MARGINS
        info = self.m.info_h()
        mid = max(self.m.milestones_h(list(v.milestones)),
                  self.m.economy_heights(self.c.comments())[1])
        above = self.heading_h + self.m.progress_header_h()
        room = (pt(self.area.h) - info - GAP_V) * (1 - HEIGHT_SLACK) - GAP_V  # as page() has it
        drawn = pt(self.area.h) - info - 2 * GAP_V - mid - above  # as _progress() has it
        body = min(room - mid - above, drawn * (1 - HEIGHT_SLACK)) - mt - mb
        if body < line_height(self.size, self.font):
            return False
        for items, width in zip((v.done, v.planned, v.risks), self.m.progress_widths()):
            used = 0.0
            for para in bullet_paras(items, self.size):  # stop measuring at the first overflow
                used += para_height(para, width - ml - mr, self.font)
                if used > body:
                    return False
        return True

    def pages(self) -> list[Page]:
        v, s = self.v, self.size
        milestones = list(v.milestones)
        comments = self.c.comments()
        columns = [bullet_paras(items, s) for items in (v.done, v.planned, v.risks)]
        pages: list[Page] = []
        while not pages or milestones or comments or any(columns):
            first = not pages
            left = (milestones, comments, columns)
            page, milestones, comments, columns = self.page(first, milestones, comments,
                                                            columns)
            # A page that placed nothing would repeat for ever: that is a bug. A count of
            # pages is no bound: valid data (30 bullets x 30 items x 600 characters) needs 300.
            if not first and (milestones, comments, columns) == left:
                raise RuntimeError(f"{v.initiative_id}: a status slide placed nothing")
            pages.append(page)
        return pages

    def page(self, first: bool, milestones: list[MilestoneRow], comments: list[Para],
             columns: list[list[Para]]):
        top, bottom = pt(self.area.y), pt(self.area.bottom)
        shapes: list[TextBox | Table] = []
        regions: list[Region] = []
        y = top
        if first:
            y = self.d.info_panel(y, shapes, regions) + GAP_V
        room = (bottom - y) * (1 - HEIGHT_SLACK)
        has_mid = first or bool(milestones) or bool(comments)
        has_prog = first or any(columns)
        economy_fixed = self.m.economy_heights([])[1] if first else 0.0
        mid_need = max(self.m.milestones_h(milestones) if (milestones or first) else 0.0,
                       self.m.economy_heights(comments)[1] if first else (
                           self.m.comments_panel_h(comments) if comments else 0.0))
        prog_need = self.m.progress_h(columns) if has_prog else 0.0
        gap = GAP_V if has_mid and has_prog else 0.0
        room -= gap
        if not has_prog:
            mid_cap = room
        elif not has_mid:
            mid_cap = 0.0
        elif mid_need + prog_need <= room or mid_need <= room / 2:
            mid_cap = min(mid_need, room)
        elif prog_need <= room / 2:
            mid_cap = room - prog_need
        else:
            mid_cap = room / 2
        mid_cap = max(mid_cap, economy_fixed)

        mid_h = 0.0
        if has_mid:
            x = pt(self.area.x)
            if milestones or first:
                placed, milestones = self._take_rows(milestones, mid_cap, first)
                mid_h = self.d.milestones_panel(x, y, placed, first, shapes, regions)
            if first:
                placed_c, comments = self._take_comments(comments, mid_cap, first=True)
                mid_h = max(mid_h, self.d.economy_panel(x + self.middle_w[0] + GAP_H, y, placed_c,
                                                 shapes, regions))
            elif comments:
                placed_c, comments = self._take_comments(comments, mid_cap, first=False)
                mid_h = max(mid_h, self.d.comments_panel(x + self.middle_w[0] + GAP_H, y,
                                                        placed_c, shapes, regions))
            y += mid_h + gap
        if has_prog and not (mid_h and self._no_room_for_progress(y, bottom)):
            columns = self.d.progress_panel(y, bottom, columns, shapes, regions)
        # else: a short content area (a template's) is full; the progress goes on the next page
        return Page(tuple(shapes), tuple(regions)), milestones, comments, columns

    def _no_room_for_progress(self, y: float, bottom: float) -> bool:
        """Whether below `y` the progress panel would not hold one line of its text."""
        body_h = bottom - y - self.heading_h - self.m.progress_header_h()
        room = body_h * (1 - HEIGHT_SLACK) - CELL_MARGINS[2] - CELL_MARGINS[3]
        return room < line_height(self.size, self.font)

    def _take_rows(self, rows: list[MilestoneRow], cap: float, first: bool):
        used = self.m.milestones_h([])
        placed: list[MilestoneRow] = []
        for row in rows:
            used += self.m.row_h(self.c.milestone_cells(row), self.ms_cols)
            if used > cap and (placed or first):
                break
            placed.append(row)
        return placed, rows[len(placed):]

    def _take_comments(self, comments: list[Para], cap: float, first: bool):
        column = self.m.economy_columns()[-1] if first else self.middle_w[1]
        width = column - CELL_MARGINS[0] - CELL_MARGINS[1]
        return take(comments, width, self.m.comments_room(cap, first), self.font, must=not first)
