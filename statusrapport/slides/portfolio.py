"""The portfolio's slides planned: the overview table (continued over slides when long), a
milestone timeline of native shapes, and a cost chart. Measured like the status slide, no
python-pptx: slides.py gives each page its title, deck.py draws it.
"""

from __future__ import annotations

from datetime import date

from statusrapport.slides.layout import (ACCENT, BAND_FILL, FAINT, GREEN, GREY, HEADER_FILL, ORANGE,
                                  RED, TEXT, WHITE, Cell, Chart, Frame, Para, Rect, Region, Shape,
                                  Span, Table, TextBox, distribute, emu, emu_up, pt, rect_pt)
from statusrapport.slides.status import Page
from statusrapport.report.portfolio import (CostLevel, CostSeries, Mark,
                                     OverviewRow, PortfolioOverview, Schedule, Timeline,
                                     axis_ticks)
from statusrapport.text.fit import (HEIGHT_SLACK, cut_to_fit, line_height, paginate_rows,
                                    para_height, row_height)
from statusrapport.text.metrics import text_width
from statusrapport.report import formatting as fmt
from statusrapport.words import current

SIZE = 10.0
SMALL = 8.0
MARGINS = (4.0, 4.0, 2.0, 2.0)
HEADING_GAP = 6.0
LINES = 6  # the most lines an overview cell takes (its text cut with "…" beyond)

# --- the overview ----------------------------------------------------------------------------

COLUMNS = (("initiative", 0.25), ("group", 0.13), ("leader", 0.12), ("milestones_short", 0.15),
           ("costs", 0.15), ("comment", 0.20))
SCHEDULE_COLOUR = {Schedule.OVERDUE: RED, Schedule.MOVED: ORANGE, Schedule.ON_TRACK: TEXT}
COST_COLOUR = {CostLevel.OVER: RED, CostLevel.UNDER: TEXT, CostLevel.WITHIN: GREY,
               CostLevel.NO_FIGURES: GREY}


def _p(text: str, *, bold: bool = False, colour: str | None = TEXT, size: float = SIZE,
       align: str = "l") -> Para:
    return Para((Span(text, bold, colour),), size, align=align)


def overview_pages(data: PortfolioOverview, area: Rect, footer: Rect, font: str) -> list[Page]:
    columns = distribute(area.w, [share for _, share in COLUMNS])  # EMU, as drawn
    widths = [pt(c) for c in columns]
    header = [[_p(getattr(current(), key), bold=True)] for key, _ in COLUMNS]
    rows = [_overview_cells(row, widths, font) for row in data.rows]

    def height(cells: list[list[Para]]) -> tuple[float, float]:
        """The row as drawn (LibreOffice's exact height, the measure a renderer is checked
        by) and the room it takes on the slide (the larger of that and the safe height)."""
        exact = row_height(cells, widths, font, SIZE, MARGINS, safe=False)
        return exact, max(exact, row_height(cells, widths, font, SIZE, MARGINS))

    header_h, header_room = height(header)
    room = pt(area.h) * (1 - HEIGHT_SLACK) - header_room
    measured = [(cells, *height(cells)) for cells in rows]
    pages = [[(cells, h) for cells, h, _ in page]
             for page in paginate_rows(measured, lambda row: row[2], room)]
    words = current()
    note = _p(f"{words.tolerance_note.format(costs=words.costs, tolerance=data.tolerance)} "
              f"{words.colour_note}", colour=GREY, size=SMALL)
    out = []
    for page in pages:
        table_rows = [[Cell(tuple(c), HEADER_FILL) for c in header]]
        table_rows += [[Cell(tuple(c)) for c in cells] for cells, _ in page]
        heights = tuple(emu_up(h) for h in [header_h] + [h for _, h in page])
        table = Table(current().overview, Rect(area.x, area.y, area.w, sum(heights)), columns,
                      heights, tuple(tuple(r) for r in table_rows), MARGINS)
        text = " ".join(p.text for r in table_rows for c in r for p in c.paras)
        legend = TextBox("Forklaring", footer, Frame((note,)), anchor="b")
        out.append(Page((table, legend), (Region("overview", area, text),
                                          Region("legend", footer, note.text))))
    return out


def _overview_cells(row: OverviewRow, widths: list[float], font: str) -> list[list[Para]]:
    """A row's cells, each cut to at most LINES lines (the comment to one) so that a row never
    outgrows a slide: the status slides have the full texts."""
    name, group, leader, schedule, _, comment = widths
    flagged = row.schedule is not Schedule.ON_TRACK  # overdue or moved: bold
    over = row.cost.level is CostLevel.OVER
    cells = [[_p(_cut(row.name, name, font))], [_p(_cut(row.group, group, font))],
             [_p(_cut(row.leader, leader, font))],
             [_p(_cut(row.schedule_text, schedule, font, bold=flagged), bold=flagged,
                 colour=SCHEDULE_COLOUR[row.schedule])],
             [_p(row.cost.text, bold=over, colour=COST_COLOUR[row.cost.level])]]
    one_line = " ".join(row.comment.split())
    cells.append([_p(_cut(one_line, comment, font, lines=1))] if one_line else [])
    return cells


def _cut(text: str, width: float, font: str, *, bold: bool = False, lines: int = LINES) -> str:
    """`text` in a cell `width` pt wide on at most `lines` lines by both the safe and the exact
    measure, cut with "…" where it would take more."""
    inner = width - MARGINS[0] - MARGINS[1]
    safe_room = lines * line_height(SIZE, font) + 1e-6
    exact_room = lines * line_height(SIZE, font, safe=False, table=True) + 1e-6

    def fits(candidate: str) -> bool:
        para = _p(candidate, bold=bold)
        return (para_height(para, inner, font) <= safe_room
                and para_height(para, inner, font, safe=False, table=True) <= exact_room)

    return cut_to_fit(text, fits)


# --- the timeline ----------------------------------------------------------------------------

LABEL_SHARE = 0.32
AXIS_H = 14.0
LANE_H = (22.0, 15.0)  # the most and the least a lane is given
MARKER = 8.0
MARKS = {  # geometry, fill, outline
    Mark.PLANNED: ("diamond", WHITE, ACCENT),
    Mark.MOVED: ("diamond", ORANGE, ORANGE),
    Mark.ORIGINAL: ("diamond", WHITE, FAINT),
    Mark.OVERDUE: ("diamond", RED, RED),
    Mark.DELIVERED: ("ellipse", GREEN, GREEN),
    Mark.LATE: ("ellipse", RED, RED),
    Mark.CANCELLED: ("rect", FAINT, FAINT),
}


def _legend_marks() -> tuple[tuple[Mark, str], ...]:
    words = current()
    return ((Mark.PLANNED, words.planned_mark), (Mark.MOVED, words.moved),
            (Mark.ORIGINAL, words.original_date), (Mark.DELIVERED, words.delivered),
            (Mark.LATE, words.delivered_late), (Mark.OVERDUE, words.overdue))


def timeline_pages(timeline: Timeline, area: Rect, footer: Rect, font: str) -> list[Page]:
    lines: list[tuple[str, object]] = []  # ("group", LaneGroup) or ("lane", Lane)
    for group in timeline.groups:
        if len(timeline.groups) > 1:
            lines.append(("group", group))
        lines += [("lane", lane) for lane in group.lanes]
    plot_h = pt(area.h) - AXIS_H
    per_page = max(int(plot_h // LANE_H[1]), 1)
    chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    lane_h = min(LANE_H[0], plot_h / max(len(chunks[0]), 1))
    return [_timeline_page(timeline, chunk, lane_h, area, footer, font) for chunk in chunks]


def _timeline_page(timeline: Timeline, lines, lane_h: float, area: Rect, footer: Rect,
                   font: str) -> Page:
    x0, y0, width = pt(area.x), pt(area.y), pt(area.w)
    label_w = width * LABEL_SHARE
    left, right = x0 + label_w + MARKER, x0 + width - MARKER
    span = max((timeline.end - timeline.start).days, 1)

    def x(day: date) -> float:
        return left + (right - left) * (day - timeline.start).days / span

    shapes: list = []
    texts: list[str] = []
    top = y0 + AXIS_H
    bottom = top + lane_h * len(lines)
    for tick in axis_ticks(timeline.start, timeline.end):
        tx = x(tick.day)
        shapes.append(Shape("Rutenett", rect_pt(tx, top, 0, bottom - top), "line", line=FAINT,
                            line_width=0.5))
        w = text_width(tick.label, font, SMALL) + 4
        bx = min(max(tx - w / 2, left - MARKER), right + MARKER - w)
        shapes.append(TextBox(f"Akse {tick.label}", rect_pt(bx, y0, w, AXIS_H),
                              Frame((_p(tick.label, colour=GREY, size=SMALL, align="ctr"),)),
                              anchor="b"))
        texts.append(tick.label)
    day_x = x(timeline.report_day)
    shapes.append(Shape("Rapportdato", rect_pt(day_x, top, 0, bottom - top), "line", line=RED,
                        line_width=1.0, dashed=True))
    y = top
    for kind, item in lines:
        if kind == "group":
            shapes.append(Shape("Bånd", rect_pt(x0, y, width, lane_h), "rect", fill=BAND_FILL))
            label = _fitted(item.title, label_w - 4, font, True)
            shapes.append(TextBox(label, rect_pt(x0, y, label_w, lane_h),
                                  Frame((_p(label, bold=True, size=9.0),), (2, 0, 2, 0)),
                                  anchor="ctr"))
            texts.append(label)
        else:
            label = _fitted(item.label, label_w - 4, font, False)
            shapes.append(TextBox(label, rect_pt(x0, y, label_w, lane_h),
                                  Frame((_p(label, size=9.0),), (2, 0, 2, 0)), anchor="ctr"))
            texts.append(label)
            middle = y + lane_h / 2
            if item.span is not None:
                a, b = x(item.span[0]), x(item.span[1])
                shapes.append(Shape("Forskyvning", rect_pt(a, middle, b - a, 0), "line",
                                    line=FAINT, line_width=1.5))
            for point in item.points:
                geometry, fill, outline = MARKS[point.mark]
                shapes.append(Shape(f"{point.mark.value} {fmt.short_date(point.day)}",
                                    rect_pt(x(point.day) - MARKER / 2, middle - MARKER / 2,
                                          MARKER, MARKER), geometry, fill, outline, 1.0))
        y += lane_h
    legend_shapes, legend_text = _legend(timeline, footer, font)
    region = Rect(area.x, area.y, area.w, emu_up(bottom - y0))
    return Page(tuple(shapes + legend_shapes),
                (Region("timeline", region, " ".join(texts)),
                 Region("legend", footer, legend_text)))


def _legend(timeline: Timeline, footer: Rect, font: str) -> tuple[list, str]:
    items = [*_legend_marks(),
             (None, current().report_day.format(day=fmt.short_date(timeline.report_day)))]
    x, y = pt(footer.x), pt(footer.y)
    h = pt(footer.h)
    shapes, texts = [], []
    for mark, label in items:
        mid = y + h - SMALL * 0.75
        if mark is None:
            shapes.append(Shape("Forklaring rapportdato", rect_pt(x, mid, MARKER, 0), "line",
                                line=RED, line_width=1.0, dashed=True))
        else:
            geometry, fill, outline = MARKS[mark]
            shapes.append(Shape(f"Forklaring {label}", rect_pt(x, mid - 3.5, 7, 7), geometry,
                                fill, outline, 1.0))
        x += MARKER + 3
        w = text_width(label, font, SMALL) + 3
        shapes.append(TextBox(f"Forklaring {label}", rect_pt(x, y, w, h),
                              Frame((_p(label, colour=GREY, size=SMALL),)), anchor="b"))
        texts.append(label)
        x += w + 9
    return shapes, " ".join(texts)


def _fitted(text: str, width: float, font: str, bold: bool) -> str:
    """`text` on one line of `width` pt at 9 pt, cut with "…" where it would not fit."""
    return cut_to_fit(text, lambda candidate: text_width(candidate, font, 9.0, bold) <= width * 0.95)


# --- the cost chart --------------------------------------------------------------------------

def cost_page(series: CostSeries, area: Rect, font: str) -> Page:
    note_h = line_height(SIZE, font) + 4
    chart_rect = Rect(area.x, area.y, area.w, area.h - emu(note_h + HEADING_GAP))
    chart = Chart(current().cost_chart, chart_rect, series.categories,
                  ((current().plan, series.plan), (current().actual, series.actual)))
    deviation = series.actual[-1] - series.plan[-1]
    note = " ".join(t for t in (
        series.as_of, current().last_deviation.format(
            amount=fmt.amount(deviation, signed=True),
            percent=fmt.percent(deviation, series.plan[-1]))) if t)
    box = Rect(area.x, area.bottom - emu(note_h), area.w, emu(note_h))
    text = TextBox("Merknad", box, Frame((_p(note, colour=GREY),)), anchor="b")
    chart_text = " ".join([*series.categories, current().plan, current().actual])
    return Page((chart, text), (Region("chart", chart_rect, chart_text),
                                Region("note", box, note)))
