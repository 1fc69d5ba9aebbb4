"""The milestone timeline slide: one lane per milestone of a group (or of one initiative),
its marks drawn with native shapes against a dated axis, a legend in the footer."""

from __future__ import annotations

from datetime import date

from statusrapport.report import formatting as fmt
from statusrapport.report.portfolio import Mark, Portfolio, Timeline, axis_ticks
from statusrapport.slides.common import SMALL, Page, para, titled_slides
from statusrapport.slides.layout import (ACCENT, BAND_FILL, FAINT, GREEN, GREY, ORANGE, RED,
                                         TIMELINE, WHITE, Frame, Geometry, Rect, Region, Shape,
                                         SlidePlan, TextBox, emu_up, pt, rect_pt)
from statusrapport.text.fit import cut_to_fit
from statusrapport.text.metrics import text_width
from statusrapport.words import current

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


def timeline_slides(portfolio: Portfolio | None, key: str,
                    geometry: Geometry) -> list[SlidePlan]:
    """The timeline of `key` ("group:NAME" or "initiative:ID"), where the order asks for it."""
    slides = []
    for timeline in portfolio.timelines if portfolio else ():
        if timeline.key == key:
            pages = timeline_pages(timeline, geometry.area(TIMELINE), geometry.footer(TIMELINE),
                                   geometry.font)
            slides += titled_slides(TIMELINE, TIMELINE, timeline.title, pages, geometry)
    return slides


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
                              Frame((para(tick.label, colour=GREY, size=SMALL, align="ctr"),)),
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
                                  Frame((para(label, bold=True, size=9.0),), (2, 0, 2, 0)),
                                  anchor="ctr"))
            texts.append(label)
        else:
            label = _fitted(item.label, label_w - 4, font, False)
            shapes.append(TextBox(label, rect_pt(x0, y, label_w, lane_h),
                                  Frame((para(label, size=9.0),), (2, 0, 2, 0)), anchor="ctr"))
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
    # A cancelled milestone's mark is explained where one is drawn, in the office's word.
    cancelled = [(Mark.CANCELLED, timeline.cancelled_label)] if timeline.has_cancelled else []
    items = [*_legend_marks(), *cancelled,
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
                              Frame((para(label, colour=GREY, size=SMALL),)), anchor="b"))
        texts.append(label)
        x += w + 9
    return shapes, " ".join(texts)


def _fitted(text: str, width: float, font: str, bold: bool) -> str:
    """`text` on one line of `width` pt at 9 pt, cut with "…" where it would not fit."""
    return cut_to_fit(text, lambda shown: text_width(shown, font, 9.0, bold) <= width * 0.95)
