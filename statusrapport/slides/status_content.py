"""The status slide's texts at one size, as table cells and paragraphs: nothing measured.

The labels in the programme's language (statusrapport.words), each milestone's dates in
the colours of its state, the economy's figures, the colour legend.
"""

from __future__ import annotations

from statusrapport.report.rules import MilestoneState
from statusrapport.report.view import MilestoneRow, StatusView
from statusrapport.slides.layout import GREY, ORANGE, RED, TEXT, Para, Span
from statusrapport.words import current

LEGEND_SIZE = 8.0
LEGEND_COLOURS = {"red": RED, "orange": ORANGE, "grey": GREY}
LEGEND_GAP = "   "  # between the milestones' entries and the cost's


def _p(spans: str | tuple[Span, ...], size: float, *, bold: bool = False,
       colour: str | None = TEXT, align: str = "l", space_before: float = 0.0) -> Para:
    if isinstance(spans, str):
        spans = (Span(spans, bold, colour),)
    return Para(spans, size, align=align, space_before=space_before)


class StatusContent:
    """The panels' paragraphs at `size` (headers and milestone rows made once, then reused)."""

    def __init__(self, status: StatusView, size: float):
        self.v, self.size = status, size
        self._headers: dict[tuple[str, ...], list[tuple[Para, ...]]] = {}
        self._rows: dict[int, list[tuple[Para, ...]]] = {}

    def header(self, labels: list[str]) -> list[tuple[Para, ...]]:
        key = tuple(labels)
        if key not in self._headers:
            self._headers[key] = [(_p(label, self.size, bold=True),) for label in labels]
        return self._headers[key]

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

    def legend(self, rows: list[MilestoneRow], first: bool) -> Para | None:
        """What the colours on this page mean: the milestones' when a row is marked, the
        cost's when the first page's deviation is red; None when nothing is coloured."""
        words = current()
        entries: list[tuple[str, str]] = []
        if any(r.state.needs_attention or r.moved for r in rows):
            entries += words.legend
        if first and self.v.costs and self.v.costs.over_plan:
            if entries:
                entries[-1] = (entries[-1][0] + LEGEND_GAP, entries[-1][1])
            entries += words.cost_legend
        if not entries:
            return None
        spans = ((text, LEGEND_COLOURS[key]) for text, key in entries)
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
                         (_p(v.costs.deviation_cell, s, align="r", colour=over),)])
        return rows

    def comments(self) -> list[Para]:
        texts = ([self.v.costs_as_of] if self.v.costs_as_of else []) + list(
            self.v.budget_comments)
        return [_p(t, self.size, space_before=round(self.size * 0.3, 1)) for t in texts]


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
