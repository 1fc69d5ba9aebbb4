"""The overview slide: one table row per initiative (its milestones' state, its cost deviation,
its comment), continued over slides when long, with a legend of the colours in the footer."""

from __future__ import annotations

from statusrapport.report.portfolio import (CostLevel, OverviewRow, Portfolio, PortfolioOverview,
                                            Schedule)
from statusrapport.slides.common import CELL_MARGINS, SIZE, SMALL, Page, para, titled_slides
from statusrapport.slides.layout import (GREY, HEADER_FILL, ORANGE, OVERVIEW, RED, TEXT, Cell,
                                         Frame, Geometry, Para, Rect, Region, SlidePlan, Table,
                                         TextBox, distribute, emu_up, pt)
from statusrapport.text.fit import (HEIGHT_SLACK, cut_to_fit, line_height, paginate_rows,
                                    para_height, row_height)
from statusrapport.words import current

LINES = 6  # the most lines an overview cell takes (its text cut with "…" beyond)

COLUMNS = (("initiative", 0.25), ("group", 0.13), ("leader", 0.12), ("milestones_short", 0.15),
           ("costs", 0.15), ("comment", 0.20))
SCHEDULE_COLOUR = {Schedule.OVERDUE: RED, Schedule.MOVED: ORANGE, Schedule.ON_TRACK: TEXT,
                   Schedule.ENDED: TEXT}
COST_COLOUR = {CostLevel.OVER: RED, CostLevel.UNDER: TEXT, CostLevel.WITHIN: GREY,
               CostLevel.NO_FIGURES: GREY}


def overview_slides(portfolio: Portfolio | None, geometry: Geometry) -> list[SlidePlan]:
    """The overview after the programme's title slide (none without a portfolio or rows)."""
    if portfolio is None or not portfolio.overview.rows:
        return []
    pages = overview_pages(portfolio.overview, geometry.area(OVERVIEW), geometry.footer(OVERVIEW),
                           geometry.font)
    title = current().overview_title.format(overview=current().overview,
                                            week=portfolio.overview.week.week)
    return titled_slides(OVERVIEW, OVERVIEW, title, pages, geometry)  # the slide's own role


def overview_pages(data: PortfolioOverview, area: Rect, footer: Rect, font: str) -> list[Page]:
    columns = distribute(area.w, [share for _, share in COLUMNS])  # EMU, as drawn
    widths = [pt(c) for c in columns]
    header = [[para(getattr(current(), key), bold=True)] for key, _ in COLUMNS]
    rows = [_overview_cells(row, widths, font) for row in data.rows]

    def height(cells: list[list[Para]]) -> tuple[float, float]:
        """The row as drawn (LibreOffice's exact height, the measure a renderer is checked
        by) and the room it takes on the slide (the larger of that and the safe height)."""
        exact = row_height(cells, widths, font, SIZE, CELL_MARGINS, safe=False)
        return exact, max(exact, row_height(cells, widths, font, SIZE, CELL_MARGINS))

    header_h, header_room = height(header)
    room = pt(area.h) * (1 - HEIGHT_SLACK) - header_room
    measured = [(cells, *height(cells)) for cells in rows]
    pages = [[(cells, h) for cells, h, _ in page]
             for page in paginate_rows(measured, lambda row: row[2], room)]
    words = current()
    note = para(f"{words.tolerance_note.format(costs=words.costs, tolerance=data.tolerance)} "
              f"{words.colour_note}", colour=GREY, size=SMALL)
    out = []
    for page in pages:
        table_rows = [[Cell(tuple(c), HEADER_FILL) for c in header]]
        table_rows += [[Cell(tuple(c)) for c in cells] for cells, _ in page]
        heights = tuple(emu_up(h) for h in [header_h] + [h for _, h in page])
        table = Table(current().overview, Rect(area.x, area.y, area.w, sum(heights)), columns,
                      heights, tuple(tuple(r) for r in table_rows), CELL_MARGINS)
        text = " ".join(p.text for r in table_rows for c in r for p in c.paras)
        legend = TextBox("Forklaring", footer, Frame((note,)), anchor="b")
        out.append(Page((table, legend), (Region("overview", area, text),
                                          Region("legend", footer, note.text))))
    return out


def _overview_cells(row: OverviewRow, widths: list[float], font: str) -> list[list[Para]]:
    """A row's cells, each cut to at most LINES lines (the comment to one) so that a row never
    outgrows a slide: the status slides have the full texts."""
    name, group, leader, schedule, cost, comment = widths
    flagged = row.schedule in (Schedule.OVERDUE, Schedule.MOVED)  # bold
    over = row.cost.level is CostLevel.OVER
    cells = [[para(_cut(row.name, name, font))], [para(_cut(row.group, group, font))],
             [para(_cut(row.leader, leader, font))],
             [para(_cut(row.schedule_text, schedule, font, bold=flagged), bold=flagged,
                 colour=SCHEDULE_COLOUR[row.schedule])],
             [para(_cut(row.cost.text, cost, font, bold=over), bold=over,
                   colour=COST_COLOUR[row.cost.level])]]
    one_line = " ".join(row.comment.split())
    cells.append([para(_cut(one_line, comment, font, lines=1))] if one_line else [])
    return cells


def _cut(text: str, width: float, font: str, *, bold: bool = False, lines: int = LINES) -> str:
    """`text` in a cell `width` pt wide on at most `lines` lines by both the safe and the exact
    measure, cut with "…" where it would take more."""
    inner = width - CELL_MARGINS[0] - CELL_MARGINS[1]
    safe_room = lines * line_height(SIZE, font) + 1e-6
    exact_room = lines * line_height(SIZE, font, safe=False, table=True) + 1e-6

    def fits(candidate: str) -> bool:
        shown = para(candidate, bold=bold)
        return (para_height(shown, inner, font) <= safe_room
                and para_height(shown, inner, font, safe=False, table=True) <= exact_room)

    return cut_to_fit(text, fits)
