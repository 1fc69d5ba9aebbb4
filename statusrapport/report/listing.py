"""The overview `statusrapport list` shows: the reports in the data, and each initiative's state."""

from __future__ import annotations

from dataclasses import dataclass

from statusrapport.report import formatting as fmt
from statusrapport.data.model import Initiative, Programme
from statusrapport.report.portfolio import ended_text
from statusrapport.report.context import InitiativeContext, report_contexts
from statusrapport.report.rules import is_moved


@dataclass(frozen=True)
class ReportRow:
    key: str  # 2021-uke-33, as the commands take it
    week: int
    year: int
    date: str  # the latest date the report speaks for, 18.08.21
    initiatives: int  # how many initiatives have this report


@dataclass(frozen=True)
class InitiativeRow:
    id: str
    name: str
    group: str
    leader: str
    latest: str  # its latest report, 2021-uke-33; "" when it has none
    overdue: int | None  # as of its latest report's date; None without a report
    moved: int


@dataclass(frozen=True)
class Overview:
    programme: str
    reports: tuple[ReportRow, ...]
    initiatives: tuple[InitiativeRow, ...]


def overview(programme: Programme) -> Overview:
    """Every report in the data (one context each) and each initiative as its latest report
    saw it."""
    contexts = report_contexts(programme)
    reports = tuple(ReportRow(c.week.key, c.week.week, c.week.year, fmt.short_date(c.day),
                              len(c.initiatives)) for c in contexts)
    last = contexts[-1] if contexts else None
    return Overview(programme.name, reports,
                    tuple(initiative_row(i, last.latest(i.id) if last else None)
                          for i in programme.initiatives))


def initiative_row(initiative: Initiative, latest: InitiativeContext | None) -> InitiativeRow:
    """`initiative` as its latest report saw it (None when it has none: then only the moves,
    which need no report's day, are counted)."""
    if latest is None:
        return InitiativeRow(initiative.id, initiative.name, initiative.group, initiative.leader,
                             "", None, sum(is_moved(m) for m in initiative.milestones))
    ended = f" ({ended_text(latest)})" if latest.closing is not None else ""
    return InitiativeRow(initiative.id, initiative.name, latest.initiative.group,
                         initiative.leader, latest.week.key + ended, len(latest.overdue),
                         sum(m.moved for m in latest.milestones))
