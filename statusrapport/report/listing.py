"""The overview `statusrapport list` shows: the reports in the data, and each initiative's state."""

from __future__ import annotations

from dataclasses import dataclass

from statusrapport.report import formatting as fmt
from statusrapport.data.model import Initiative, Programme, report_date
from statusrapport.report.rules import MilestoneState, is_moved, milestone_state


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
    reports = []
    for week in programme.weeks():
        having = [i for i in programme.initiatives if week in i.reports]
        day = max(report_date(week, i.reports[week]) for i in having)
        reports.append(ReportRow(week.key, week.week, week.year, fmt.short_date(day), len(having)))
    return Overview(programme.name, tuple(reports),
                    tuple(initiative_row(i) for i in programme.initiatives))


def initiative_row(initiative: Initiative) -> InitiativeRow:
    latest = max(initiative.reports, default=None)
    overdue = None
    if latest is not None:
        day = report_date(latest, initiative.reports[latest])
        overdue = sum(milestone_state(m, day) is MilestoneState.OVERDUE
                      for m in initiative.milestones)
    return InitiativeRow(initiative.id, initiative.name, initiative.group, initiative.leader,
                         latest.key if latest else "", overdue,
                         sum(is_moved(m) for m in initiative.milestones))
