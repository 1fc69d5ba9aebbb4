"""The status slide's panels drawn into the plan: a heading and a table each, and the region
each takes (the room reserved for it, which the exact table may grow into).
"""

from __future__ import annotations

from dataclasses import replace

from statusrapport.report.view import MilestoneRow
from statusrapport.slides.common import CELL_MARGINS
from statusrapport.slides.layout import (ACCENT, BAND_FILL, HEADER_FILL, Cell, Frame, Para, Rect,
                                         Region, Span, Table, TextBox, distribute, emu, emu_up, pt,
                                         rect_pt)
from statusrapport.slides.status_content import _ms_labels, _p, _progress_labels
from statusrapport.slides.status_measure import HEADING_GAP, HEADING_SIZE, StatusMeasure
from statusrapport.text.fit import HEIGHT_SLACK, take
from statusrapport.words import current


class StatusDrawing:
    """Each panel as a heading and a table placed at (x, y), its region appended."""

    def __init__(self, measure: StatusMeasure, footer: Rect):
        self.m, self.c, self.v, self.size = measure, measure.c, measure.v, measure.size
        self.footer = footer
        self.area, self.font = measure.area, measure.font
        self.width, self.heading_h = measure.width, measure.heading_h
        self.middle_w, self.ms_cols = measure.middle_w, measure.ms_cols

    def _heading(self, label: str, x: float, y: float, w: float) -> TextBox:
        para = Para((Span(label, True, ACCENT),), HEADING_SIZE)
        return TextBox(label, rect_pt(x, y, w, self.heading_h - HEADING_GAP), Frame((para,)))

    def _table(self, name: str, x: float, y: float, widths_pt: list[float],
               rows: list[list[Cell]], heights_pt: list[float]) -> Table:
        total_w = emu(sum(widths_pt))
        heights = tuple(emu_up(h) for h in heights_pt)
        return Table(name, Rect(emu(x), emu(y), total_w, sum(heights)),
                     distribute(total_w, widths_pt), heights,
                     tuple(tuple(r) for r in rows), CELL_MARGINS)

    def _panel(self, key: str, label: str, x: float, y: float, w: float, table: Table,
               reserved: float, shapes: list, regions: list, bottom: int | None = None) -> float:
        """Heading and table as one panel; its region is the room reserved for the table
        (`reserved` pt, safe), which the drawn table (exact heights) may grow into."""
        shapes += [self._heading(label, x, y, w), table]
        if bottom is None:
            bottom = max(emu(y) + emu_up(self.heading_h + reserved), table.rect.bottom)
        rect = Rect(emu(x), emu(y), emu(w), bottom - emu(y))
        text = " ".join([label] + [p.text for c in _cells(table) for p in c.paras])
        regions.append(Region(key, rect, text))
        return pt(rect.h)

    def info_panel(self, y: float, shapes: list, regions: list) -> float:
        widths, rows = self.m.info()
        cells = [[Cell(c, HEADER_FILL) for c in rows[0]], [Cell(c) for c in rows[1]]]
        exact = [self.m.row_h(r, widths, False) for r in rows]
        x = pt(self.area.x)
        table = self._table(current().info, x, y + self.heading_h, widths, cells, exact)
        reserved = sum(self.m.row_h(r, widths) for r in rows)
        return y + self._panel("info", current().info, x, y, self.width, table, reserved,
                               shapes, regions)

    def milestones_panel(self, x: float, y: float, rows: list[MilestoneRow], first: bool,
                         shapes: list, regions: list) -> float:
        cols = self.ms_cols
        header = self.c.header(_ms_labels())
        body = [self.c.milestone_cells(r) for r in rows]
        cells = [[Cell(c, HEADER_FILL) for c in header]] + [[Cell(c) for c in r] for r in body]
        exact = [self.m.row_h(r, cols, False) for r in [header] + body]
        table = self._table(current().milestones, x, y + self.heading_h, cols, cells, exact)
        reserved = sum(self.m.row_h(r, cols) for r in [header] + body)
        height = self._panel("milestones", current().milestones, x, y, self.middle_w[0], table,
                             reserved, shapes, regions)
        legend = self.c.legend(rows, first)
        if legend is not None:
            shapes.append(TextBox("Forklaring", self.footer, Frame((legend,)), anchor="b"))
            regions.append(Region("legend", self.footer, legend.text))
        return height

    def economy_panel(self, x: float, y: float, comments: list[Para], shapes: list,
                 regions: list) -> float:
        cols = self.m.economy_columns()
        exact, _ = self.m.economy_heights(comments, safe=False)
        reserved = self.m.economy_heights(comments)[1] - self.heading_h
        left = self.c.economy_left()
        n = len(cols)
        comment_cell = Cell(tuple(comments), row_span=len(left))
        header = [Cell(self.c.header([current().budget])[0], HEADER_FILL, grid_span=n - 1)]
        header += [Cell(h_merge=True)] * (n - 2) + [
            Cell(self.c.header([current().comment])[0], HEADER_FILL)]
        rows = [header]
        for i, row in enumerate(left):
            if len(row) == 1:
                cells = [Cell(row[0], grid_span=n - 1)] + [Cell(h_merge=True)] * (n - 2)
            else:
                fill = BAND_FILL if i == 2 else None
                cells = [Cell(c, fill) for c in row]
            cells.append(comment_cell if i == 0 else Cell(v_merge=True))
            rows.append(cells)
        table = self._table(current().economy, x, y + self.heading_h, cols, rows, exact)
        return self._panel("economy", current().economy, x, y, self.middle_w[1], table,
                           reserved, shapes, regions)

    def comments_panel(self, x: float, y: float, comments: list[Para], shapes: list,
                        regions: list) -> float:
        w = self.middle_w[1]
        header = self.c.header([current().comment])
        rows = [[Cell(header[0], HEADER_FILL)], [Cell(tuple(comments))]]
        exact = [self.m.row_h(header, [w], False), self.m.cell_h(comments, w, False)]
        table = self._table(current().economy, x, y + self.heading_h, [w], rows, exact)
        reserved = self.m.row_h(header, [w]) + self.m.cell_h(comments, w)
        return self._panel("economy", current().economy, x, y, w, table, reserved, shapes,
                           regions)

    def progress_panel(self, y: float, bottom: float, columns: list[list[Para]], shapes: list,
                  regions: list) -> list[list[Para]]:
        if self.v.no_progress and not any(columns):
            self.no_progress_panel(y, shapes, regions)
            return columns
        widths = self.m.progress_widths()
        header = self.c.header(_progress_labels())
        header_h = self.m.row_h(header, widths)
        body_h = bottom - y - self.heading_h - header_h
        room = body_h * (1 - HEIGHT_SLACK) - CELL_MARGINS[2] - CELL_MARGINS[3]
        placed, rest = [], []
        for column, w in zip(columns, widths):
            here, left = take(column, w - CELL_MARGINS[0] - CELL_MARGINS[1], room, self.font)
            placed.append(tuple(here))
            rest.append(left)
        if not any(placed) and any(rest):  # nothing fits: a bug in the limits; still progress
            i = next(i for i, c in enumerate(rest) if c)
            placed[i], rest[i] = tuple(rest[i][:1]), rest[i][1:]
        cells = [[Cell(c, HEADER_FILL) for c in header], [Cell(c) for c in placed]]
        exact_header = self.m.row_h(header, widths, False)
        table = self._table(current().progress, pt(self.area.x), y + self.heading_h, widths,
                            cells, [exact_header, body_h + header_h - exact_header])
        # the body row reaches exactly down to the area's bottom edge
        heights = (table.heights[0], self.area.bottom - table.rect.y - table.heights[0])
        table = replace(table, heights=heights, rect=replace(table.rect, h=sum(heights)))
        self._panel("progress", current().progress, pt(self.area.x), y, self.width, table,
                    header_h + body_h, shapes, regions, bottom=self.area.bottom)
        return rest


    def no_progress_panel(self, y: float, shapes: list, regions: list) -> None:
        """A report with nothing under progress says so in one line, not an empty table."""
        cells = [(_p(self.v.no_progress, self.size),)]
        widths = [self.width]
        table = self._table(current().progress, pt(self.area.x), y + self.heading_h, widths,
                            [[Cell(cells[0])]], [self.m.row_h(cells, widths, False)])
        self._panel("progress", current().progress, pt(self.area.x), y, self.width, table,
                    self.m.row_h(cells, widths), shapes, regions)


def _cells(table: Table):
    return [cell for row in table.rows for cell in row]
