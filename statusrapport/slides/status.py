"""The status slide's four panels, measured: which size, and what continues on a "(forts.)" slide.

    Informasjon (full width)
    Status milepæler (left)        | Status økonomi (right)
    Status fremdrift: done | planned | risks (full width, down to the bottom)

One size for the whole slide, the largest of SIZES at which everything fits; if nothing fits
at the smallest, milestone rows, economy comments and progress bullets continue on
continuation slides (same columns, headers repeated; the info panel only on the first).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from statusrapport.slides.layout import (ACCENT, BAND_FILL, GREY, HEADER_FILL, ORANGE, RED, TEXT, Cell,
                                  Frame, Para, Rect, Region, Span, Table, TextBox, distribute, emu,
                                  emu_up, pt, rect_pt)
from statusrapport.report.rules import MilestoneState
from statusrapport.text.fit import (HEIGHT_SLACK, WIDTH_SLACK, cell_height, line_height, para_height,
                                    row_height, take)
from statusrapport.text.metrics import text_width
from statusrapport.report.view import BulletView, MilestoneRow, StatusView
from statusrapport.words import current

SIZES = (12.0, 11.0, 10.5, 10.0, 9.5, 9.0)  # body text of the whole slide, largest first
START = 2  # the size to try first: the seed's slides come out at 10.5 and 10 pt
HEADING_SIZE = 12.0
LEGEND_SIZE = 8.0
MARGINS = (4.0, 4.0, 2.0, 2.0)  # table cell insets l, r, t, b (pt)
GAP_V, GAP_H, HEADING_GAP = 8.0, 16.0, 1.0
MIDDLE_SHARE = 0.6  # of the width, for the milestones (the economy gets the rest)
BULLET_MARGINS = (10.0, 22.0)  # text margin of level 0 and level 1 bullets
BULLET_HANG = 10.0
LEGEND_COLOURS = {"red": RED, "orange": ORANGE, "grey": GREY}


@dataclass(frozen=True)
class Page:
    shapes: tuple[TextBox | Table, ...]
    regions: tuple[Region, ...]


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


def _p(spans: str | tuple[Span, ...], size: float, *, bold: bool = False,
       colour: str | None = TEXT, align: str = "l", space_before: float = 0.0) -> Para:
    if isinstance(spans, str):
        spans = (Span(spans, bold, colour),)
    return Para(spans, size, align=align, space_before=space_before)


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


class _Status:
    def __init__(self, status: StatusView, area: Rect, footer: Rect, font: str,
                 heading_font: str, size: float):
        self.v, self.area, self.font, self.hfont, self.size = status, area, font, heading_font, size
        self.footer = footer
        self.width = pt(area.w)
        self.heading_h = line_height(HEADING_SIZE, heading_font) + HEADING_GAP
        self.middle_w = [(self.width - GAP_H) * MIDDLE_SHARE, 0.0]
        self.middle_w[1] = self.width - GAP_H - self.middle_w[0]
        self._headers: dict[tuple[str, ...], list[tuple[Para, ...]]] = {}
        self._rows: dict[int, list[tuple[Para, ...]]] = {}
        self.ms_cols = self._milestone_columns()

    # --- measuring -----------------------------------------------------------------------
    def cell_h(self, paras: tuple[Para, ...] | list[Para], width: float,
               safe: bool = True) -> float:
        """Safe height (what the plan reserves), or LibreOffice's exact one (what is drawn:
        rows grow by themselves in a renderer that needs more, into the reserved room)."""
        return cell_height(paras, width, self.font, self.size, MARGINS, safe)

    def row_h(self, cells: list[tuple[Para, ...]], widths: list[float],
              safe: bool = True) -> float:
        return row_height(cells, widths, self.font, self.size, MARGINS, safe)

    def tw(self, text: str, bold: bool = False) -> float:
        """The width a cell needs for `text` on one line (text.fit wraps with a safety margin)."""
        return text_width(text, self.font, self.size, bold) / (1 - WIDTH_SLACK) + 1.0

    def header(self, labels: list[str]) -> list[tuple[Para, ...]]:
        key = tuple(labels)
        if key not in self._headers:
            self._headers[key] = [(_p(label, self.size, bold=True),) for label in labels]
        return self._headers[key]

    # --- the panels' contents --------------------------------------------------------------
    def info(self) -> tuple[list[float], list[list[tuple[Para, ...]]]]:
        v, pad = self.v, MARGINS[0] + MARGINS[1]
        labels = [current().initiative, current().leader, current().period]
        values = [v.name, v.leader, v.period]
        side = [min(max(self.tw(labels[i], True), self.tw(values[i])) + pad, self.width * 0.3)
                for i in (1, 2)]
        side = [max(w, self.width * 0.2) for w in side]
        widths = [self.width - sum(side), *side]
        return widths, [self.header(labels), [(_p(text, self.size),) for text in values]]

    def _milestone_columns(self) -> list[float]:
        rows, pad = self.v.milestones, MARGINS[0] + MARGINS[1]
        w = self.middle_w[0]
        ident = max([self.tw(current().id, True)] + [self.tw(r.id) for r in rows]) + pad
        planned = max([self.tw(current().planned, True)]
                      + [self.tw(" ".join(_planned_dates(r))) for r in rows]) + pad
        delivered = max([self.tw(current().delivered, True)]
                        + [self.tw(r.delivered) for r in rows]) + pad
        ident, planned, delivered = min(ident, w * 0.14), min(planned, w * 0.24), min(
            delivered, w * 0.2)
        return [ident, w - ident - planned - delivered, planned, delivered]

    def milestone_cells(self, row: MilestoneRow) -> list[tuple[Para, ...]]:
        if id(row) not in self._rows:
            self._rows[id(row)] = self._milestone_cells(row)
        return self._rows[id(row)]

    def _milestone_cells(self, row: MilestoneRow) -> list[tuple[Para, ...]]:
        s = self.size
        attention = row.state.needs_attention
        cancelled = row.state is MilestoneState.CANCELLED
        muted = GREY if cancelled else TEXT
        dates = _planned_dates(row)
        if row.moved and len(dates) > 1:
            planned = tuple(span for d in dates[:-1]
                            for span in (Span(d, colour=GREY, strike=True), Span(" "))) + (
                Span(dates[-1], colour=ORANGE),)
        else:
            planned = (Span(dates[-1] if dates else ""),)
        delivered = Span(row.delivered, bold=attention, colour=RED if attention else muted)
        return [(_p(row.id, s, colour=muted),), (_p(row.description, s, colour=muted),),
                (_p(planned, s),), (_p((delivered,), s),)]

    def legend(self) -> Para:
        spans = ((text, LEGEND_COLOURS[key]) for text, key in current().legend)
        return _p(tuple(Span(text, colour != GREY, colour) for text, colour in spans),
                  LEGEND_SIZE)

    def economy_left(self) -> list[list[tuple[Para, ...]]]:
        """The rows of the budget column (total; periodisation; cost header; cost figures)."""
        s, v = self.size, self.v
        rows = [[(_p(v.budget_total, s),)]]
        if v.costs:
            rows.append([(_p(current().periodisation, s, bold=True),
                          _p(current().costs_so_far, s))])
            rows.append([(_p(getattr(current(), k), s, bold=True, align="r"),)
                         for k in ("plan", "actual", "deviation")])
            over = RED if v.costs.over_plan else TEXT
            rows.append([(_p(v.costs.plan, s, align="r"),), (_p(v.costs.actual, s, align="r"),),
                         (_p(v.costs.deviation, s, align="r", colour=over),)])
        return rows

    def comments(self) -> list[Para]:
        texts = ([self.v.costs_as_of] if self.v.costs_as_of else []) + list(
            self.v.budget_comments)
        return [_p(t, self.size, space_before=round(self.size * 0.3, 1)) for t in texts]

    def economy_columns(self) -> list[float]:
        we, pad = self.middle_w[1], MARGINS[0] + MARGINS[1]
        if not self.v.costs:
            return [we * 0.5, we * 0.5]
        c = self.v.costs
        cols = [max(self.tw(getattr(current(), k), True), self.tw(value)) + pad for k, value in
                (("plan", c.plan), ("actual", c.actual), ("deviation", c.deviation))]
        scale = min(1.0, we * 0.62 / sum(cols))
        cols = [w * scale for w in cols]
        return cols + [we - sum(cols)]

    # --- heights ---------------------------------------------------------------------------
    def info_h(self) -> float:
        widths, rows = self.info()
        return self.heading_h + sum(self.row_h(r, widths) for r in rows)

    def milestones_h(self, rows: list[MilestoneRow]) -> float:
        cols = self.ms_cols
        h = self.heading_h + self.row_h(self.header(_ms_labels()), cols)
        return h + sum(self.row_h(self.milestone_cells(r), cols) for r in rows)

    def economy_heights(self, comments: list[Para],
                        safe: bool = True) -> tuple[list[float], float]:
        """Row heights of the economy table on the first slide, and its total height."""
        cols = self.economy_columns()
        left_w = sum(cols[:-1])
        heights = [self.row_h(self.header([current().budget, current().comment]),
                              [left_w, cols[-1]], safe)]
        for row in self.economy_left():
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
            header = self.row_h(self.header([current().budget, current().comment]),
                                [sum(cols[:-1]), cols[-1]])
        else:
            header = self.row_h(self.header([current().comment]), [self.middle_w[1]])
        return cap - self.heading_h - header - MARGINS[2] - MARGINS[3]

    def progress_widths(self) -> list[float]:
        return [self.width / 3] * 3

    def progress_header_h(self) -> float:
        return self.row_h(self.header(_progress_labels()), self.progress_widths())

    def progress_h(self, columns: list[list[Para]]) -> float:
        widths = self.progress_widths()
        return self.heading_h + self.progress_header_h() + self.row_h(
            [tuple(c) for c in columns], widths)

    # --- pages -----------------------------------------------------------------------------
    def fits(self) -> bool:
        """Whether everything fits one slide at this size: the test page() makes for its first
        slide, by measuring alone (nothing drawn, no exact heights)."""
        v, (ml, mr, mt, mb) = self.v, MARGINS
        info = self.info_h()
        mid = max(self.milestones_h(list(v.milestones)), self.economy_heights(self.comments())[1])
        above = self.heading_h + self.progress_header_h()
        room = (pt(self.area.h) - info - GAP_V) * (1 - HEIGHT_SLACK) - GAP_V  # as page() has it
        drawn = pt(self.area.h) - info - 2 * GAP_V - mid - above  # as _progress() has it
        body = min(room - mid - above, drawn * (1 - HEIGHT_SLACK)) - mt - mb
        if body < line_height(self.size, self.font):
            return False
        for items, width in zip((v.done, v.planned, v.risks), self.progress_widths()):
            used = 0.0
            for para in bullet_paras(items, self.size):  # stop measuring at the first overflow
                used += para_height(para, width - ml - mr, self.font)
                if used > body:
                    return False
        return True

    def pages(self) -> list[Page]:
        v, s = self.v, self.size
        milestones = list(v.milestones)
        comments = self.comments()
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
            y = self._info(y, shapes, regions) + GAP_V
        room = (bottom - y) * (1 - HEIGHT_SLACK)
        has_mid = first or bool(milestones) or bool(comments)
        has_prog = first or any(columns)
        economy_fixed = self.economy_heights([])[1] if first else 0.0
        mid_need = max(self.milestones_h(milestones) if (milestones or first) else 0.0,
                       self.economy_heights(comments)[1] if first else (
                           self.comments_panel_h(comments) if comments else 0.0))
        prog_need = self.progress_h(columns) if has_prog else 0.0
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
                mid_h = self._milestones(x, y, placed, shapes, regions)
            if first:
                placed_c, comments = self._take_comments(comments, mid_cap, first=True)
                mid_h = max(mid_h, self._economy(x + self.middle_w[0] + GAP_H, y, placed_c,
                                                 shapes, regions))
            elif comments:
                placed_c, comments = self._take_comments(comments, mid_cap, first=False)
                mid_h = max(mid_h, self._comments_panel(x + self.middle_w[0] + GAP_H, y,
                                                        placed_c, shapes, regions))
            y += mid_h + gap
        if has_prog:
            columns = self._progress(y, bottom, columns, shapes, regions)
        return Page(tuple(shapes), tuple(regions)), milestones, comments, columns

    def _take_rows(self, rows: list[MilestoneRow], cap: float, first: bool):
        used = self.milestones_h([])
        placed: list[MilestoneRow] = []
        for row in rows:
            used += self.row_h(self.milestone_cells(row), self.ms_cols)
            if used > cap and (placed or first):
                break
            placed.append(row)
        return placed, rows[len(placed):]

    def _take_comments(self, comments: list[Para], cap: float, first: bool):
        column = self.economy_columns()[-1] if first else self.middle_w[1]
        width = column - MARGINS[0] - MARGINS[1]
        return take(comments, width, self.comments_room(cap, first), self.font, must=not first)

    # --- drawing ---------------------------------------------------------------------------
    def _heading(self, label: str, x: float, y: float, w: float) -> TextBox:
        para = Para((Span(label, True, ACCENT),), HEADING_SIZE)
        return TextBox(label, rect_pt(x, y, w, self.heading_h - HEADING_GAP), Frame((para,)))

    def _table(self, name: str, x: float, y: float, widths_pt: list[float],
               rows: list[list[Cell]], heights_pt: list[float]) -> Table:
        total_w = emu(sum(widths_pt))
        heights = tuple(emu_up(h) for h in heights_pt)
        return Table(name, Rect(emu(x), emu(y), total_w, sum(heights)),
                     distribute(total_w, widths_pt), heights,
                     tuple(tuple(r) for r in rows), MARGINS)

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

    def _info(self, y: float, shapes: list, regions: list) -> float:
        widths, rows = self.info()
        cells = [[Cell(c, HEADER_FILL) for c in rows[0]], [Cell(c) for c in rows[1]]]
        exact = [self.row_h(r, widths, False) for r in rows]
        x = pt(self.area.x)
        table = self._table(current().info, x, y + self.heading_h, widths, cells, exact)
        reserved = sum(self.row_h(r, widths) for r in rows)
        return y + self._panel("info", current().info, x, y, self.width, table, reserved,
                               shapes, regions)

    def _milestones(self, x: float, y: float, rows: list[MilestoneRow], shapes: list,
                    regions: list) -> float:
        cols = self.ms_cols
        header = self.header(_ms_labels())
        body = [self.milestone_cells(r) for r in rows]
        cells = [[Cell(c, HEADER_FILL) for c in header]] + [[Cell(c) for c in r] for r in body]
        exact = [self.row_h(r, cols, False) for r in [header] + body]
        table = self._table(current().milestones, x, y + self.heading_h, cols, cells, exact)
        reserved = sum(self.row_h(r, cols) for r in [header] + body)
        height = self._panel("milestones", current().milestones, x, y, self.middle_w[0], table,
                             reserved, shapes, regions)
        if any(r.state.needs_attention or r.moved for r in rows):
            legend = TextBox("Forklaring", self.footer, Frame((self.legend(),)), anchor="b")
            shapes.append(legend)
            regions.append(Region("legend", self.footer, self.legend().text))
        return height

    def _economy(self, x: float, y: float, comments: list[Para], shapes: list,
                 regions: list) -> float:
        cols = self.economy_columns()
        exact, _ = self.economy_heights(comments, safe=False)
        reserved = self.economy_heights(comments)[1] - self.heading_h
        left = self.economy_left()
        n = len(cols)
        comment_cell = Cell(tuple(comments), row_span=len(left))
        header = [Cell(self.header([current().budget])[0], HEADER_FILL, grid_span=n - 1)]
        header += [Cell(h_merge=True)] * (n - 2) + [
            Cell(self.header([current().comment])[0], HEADER_FILL)]
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

    def comments_panel_h(self, comments: list[Para]) -> float:
        w = self.middle_w[1]
        return (self.heading_h + self.row_h(self.header([current().comment]), [w])
                + self.cell_h(comments, w))

    def _comments_panel(self, x: float, y: float, comments: list[Para], shapes: list,
                        regions: list) -> float:
        w = self.middle_w[1]
        header = self.header([current().comment])
        rows = [[Cell(header[0], HEADER_FILL)], [Cell(tuple(comments))]]
        exact = [self.row_h(header, [w], False), self.cell_h(comments, w, False)]
        table = self._table(current().economy, x, y + self.heading_h, [w], rows, exact)
        reserved = self.row_h(header, [w]) + self.cell_h(comments, w)
        return self._panel("economy", current().economy, x, y, w, table, reserved, shapes,
                           regions)

    def _progress(self, y: float, bottom: float, columns: list[list[Para]], shapes: list,
                  regions: list) -> list[list[Para]]:
        widths = self.progress_widths()
        header = self.header(_progress_labels())
        header_h = self.row_h(header, widths)
        body_h = bottom - y - self.heading_h - header_h
        room = body_h * (1 - HEIGHT_SLACK) - MARGINS[2] - MARGINS[3]
        placed, rest = [], []
        for column, w in zip(columns, widths):
            here, left = take(column, w - MARGINS[0] - MARGINS[1], room, self.font)
            placed.append(tuple(here))
            rest.append(left)
        if not any(placed) and any(rest):  # nothing fits: a bug in the limits; still progress
            i = next(i for i, c in enumerate(rest) if c)
            placed[i], rest[i] = tuple(rest[i][:1]), rest[i][1:]
        cells = [[Cell(c, HEADER_FILL) for c in header], [Cell(c) for c in placed]]
        exact_header = self.row_h(header, widths, False)
        table = self._table(current().progress, pt(self.area.x), y + self.heading_h, widths,
                            cells, [exact_header, body_h + header_h - exact_header])
        # the body row reaches exactly down to the area's bottom edge
        heights = (table.heights[0], self.area.bottom - table.rect.y - table.heights[0])
        table = replace(table, heights=heights, rect=replace(table.rect, h=sum(heights)))
        self._panel("progress", current().progress, pt(self.area.x), y, self.width, table,
                    header_h + body_h, shapes, regions, bottom=self.area.bottom)
        return rest


def _planned_dates(row: MilestoneRow) -> list[str]:
    """The planned dates to show: each distinct date, the one in force last."""
    out: list[str] = []
    for date in row.planned:
        if not out or out[-1] != date:
            out.append(date)
    return out if row.moved else out[-1:]


def _ms_labels() -> list[str]:
    return [current().id, current().description, current().planned, current().delivered]


def _progress_labels() -> list[str]:
    return [current().done, current().next, current().risks]


def _cells(table: Table):
    return [cell for row in table.rows for cell in row]
