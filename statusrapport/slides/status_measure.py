"""The status slide measured at one size: column widths, row and panel heights.

Safe heights (what the plan reserves) and LibreOffice's exact ones (what is drawn), from
statusrapport.text.fit; the layout (status.py) decides with them what goes on a page.
"""

from __future__ import annotations

import re

from statusrapport.report.view import MilestoneRow
from statusrapport.slides.common import CELL_MARGINS
from statusrapport.slides.layout import Para, Rect, pt
from statusrapport.slides.status_content import (StatusContent, _ms_labels, _p, _planned_dates,
                                                 _progress_labels)
from statusrapport.text.fit import WIDTH_SLACK, cell_height, line_height, row_height
from statusrapport.text.metrics import text_width
from statusrapport.words import current

HEADING_SIZE = 12.0
GAP_V, GAP_H, HEADING_GAP = 8.0, 16.0, 1.0
MIDDLE_SHARE = 0.6  # of the width, for the milestones (the economy gets the rest)


class StatusMeasure:
    """Column widths and panel heights at the content's size, in the status area."""

    def __init__(self, content: StatusContent, area: Rect, font: str, heading_font: str):
        self.c, self.v, self.size = content, content.v, content.size
        self.area, self.font = area, font
        self.width = pt(area.w)
        self.heading_h = line_height(HEADING_SIZE, heading_font) + HEADING_GAP
        self.middle_w = [(self.width - GAP_H) * MIDDLE_SHARE, 0.0]
        self.middle_w[1] = self.width - GAP_H - self.middle_w[0]
        self.ms_cols = self._milestone_columns()

    def cell_h(self, paras: tuple[Para, ...] | list[Para], width: float,
               safe: bool = True) -> float:
        """Safe height (what the plan reserves), or LibreOffice's exact one (what is drawn:
        rows grow by themselves in a renderer that needs more, into the reserved room)."""
        return cell_height(paras, width, self.font, self.size, CELL_MARGINS, safe)

    def row_h(self, cells: list[tuple[Para, ...]], widths: list[float],
              safe: bool = True) -> float:
        return row_height(cells, widths, self.font, self.size, CELL_MARGINS, safe)

    def tw(self, text: str, bold: bool = False) -> float:
        """The width a cell needs for `text` on one line (text.fit wraps with a safety margin)."""
        return text_width(text, self.font, self.size, bold) / (1 - WIDTH_SLACK) + 1.0

    def info(self) -> tuple[list[float], list[list[tuple[Para, ...]]]]:
        v, pad = self.v, CELL_MARGINS[0] + CELL_MARGINS[1]
        labels = [current().initiative, current().leader, current().period]
        values = [v.name, v.leader, v.period]
        side = [min(max(self.tw(labels[i], True), self.tw(values[i])) + pad, self.width * 0.3)
                for i in (1, 2)]
        side = [max(w, self.width * 0.2) for w in side]
        widths = [self.width - sum(side), *side]
        return widths, [self.c.header(labels), [(_p(text, self.size),) for text in values]]

    def _milestone_columns(self) -> list[float]:
        rows, pad = self.v.milestones, CELL_MARGINS[0] + CELL_MARGINS[1]
        w = self.middle_w[0]
        ident = max([self.tw(current().id, True)] + [self.tw(r.id) for r in rows]) + pad
        planned = max([self.tw(current().planned, True)]
                      + [self.tw(" ".join(_planned_dates(r))) for r in rows]) + pad
        delivered = max([self.tw(current().delivered, True)]
                        + [self.tw(r.delivered, r.state.needs_attention) for r in rows]) + pad
        ident, planned, delivered = min(ident, w * 0.14), min(planned, w * 0.24), min(
            delivered, w * 0.2)
        return [ident, w - ident - planned - delivered, planned, delivered]

    def economy_columns(self) -> list[float]:
        we, pad = self.middle_w[1], CELL_MARGINS[0] + CELL_MARGINS[1]
        if not self.v.costs:
            return [we * 0.5, we * 0.5]
        c = self.v.costs
        figures = (("plan", c.plan), ("actual", c.actual), ("deviation", c.deviation_cell))
        cols = [max(self.tw(getattr(current(), k), True), self.tw(value)) + pad
                for k, value in figures]
        scale = min(1.0, we * 0.62 / sum(cols))
        cols = [w * scale for w in cols]
        # In a narrow panel (a template's small content area) a figure and each word of its
        # label keep their width, and only the labels wrap: never "2 597 0" / "00".
        least = [max([self.tw(value)] + [self.tw(word, True) for word in
                                          re.split(r"(?<=/)| ", getattr(current(), k)) if word])
                 + pad for k, value in figures]
        if any(w < need for w, need in zip(cols, least)) and sum(least) <= we * 0.75:
            cols = [max(w, need) for w, need in zip(cols, least)]
        return cols + [we - sum(cols)]

    def info_h(self) -> float:
        widths, rows = self.info()
        return self.heading_h + sum(self.row_h(r, widths) for r in rows)

    def milestones_h(self, rows: list[MilestoneRow]) -> float:
        cols = self.ms_cols
        h = self.heading_h + self.row_h(self.c.header(_ms_labels()), cols)
        return h + sum(self.row_h(self.c.milestone_cells(r), cols) for r in rows)

    def economy_heights(self, comments: list[Para],
                        safe: bool = True) -> tuple[list[float], float]:
        """Row heights of the economy table on the first slide, and its total height."""
        cols = self.economy_columns()
        left_w = sum(cols[:-1])
        heights = [self.row_h(self.c.header([current().budget, current().comment]),
                              [left_w, cols[-1]], safe)]
        for row in self.c.economy_left():
            heights.append(self.row_h(row, cols[:-1] if len(row) == 3 else [left_w], safe))
        need = self.cell_h(comments, cols[-1], safe)
        body = sum(heights[1:])
        if need > body:
            heights[-1] += need - body
        return heights, self.heading_h + sum(heights)

    def comments_room(self, cap: float, first: bool) -> float:
        """Room for the comments in an economy panel `cap` pt high."""
        if first:
            cols = self.economy_columns()
            header = self.row_h(self.c.header([current().budget, current().comment]),
                                [sum(cols[:-1]), cols[-1]])
        else:
            header = self.row_h(self.c.header([current().comment]), [self.middle_w[1]])
        return cap - self.heading_h - header - CELL_MARGINS[2] - CELL_MARGINS[3]

    def progress_widths(self) -> list[float]:
        return [self.width / 3] * 3

    def progress_header_h(self) -> float:
        return self.row_h(self.c.header(_progress_labels()), self.progress_widths())

    def progress_h(self, columns: list[list[Para]]) -> float:
        widths = self.progress_widths()
        return self.heading_h + self.progress_header_h() + self.row_h(
            [tuple(c) for c in columns], widths)

    def comments_panel_h(self, comments: list[Para]) -> float:
        w = self.middle_w[1]
        return (self.heading_h + self.row_h(self.c.header([current().comment]), [w])
                + self.cell_h(comments, w))
