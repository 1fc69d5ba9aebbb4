"""A report resolved for reading: every value formatted, every rule applied, nothing left to compute.

The deck and the terminal both render these views, so the two can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from statusrapport.report import formatting as fmt
from statusrapport.data.model import (Bullet, HighlightBullet, Initiative, Kpi, Milestone,
                                      Programme, Report, previous_week, report_period)
from statusrapport.report.context import CostDeviation, InitiativeContext, MilestoneContext, ReportContext
from statusrapport.report.rules import MilestoneState
from statusrapport.data.weeks import IsoWeek
from statusrapport.words import Labels, current

# [label](https://…) or a bare https://… address; trailing punctuation stays text.
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^\s)]+)\)|(https?://[^\s<>\"]*[^\s<>\".,;:!?)»])")


@dataclass(frozen=True)
class Run:
    text: str
    url: str | None = None


@dataclass(frozen=True)
class BulletView:
    runs: tuple[Run, ...]
    children: tuple[BulletView, ...] = ()

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class MilestoneRow:
    id: str
    description: str
    planned: tuple[str, ...]  # the original first, the date in force last
    delivered: str  # a date, "(forecast)", "NA" when overdue, "Avlyst", or ""
    state: MilestoneState
    moved: bool


@dataclass(frozen=True)
class CostFigures:
    plan: str
    actual: str
    deviation: str  # signed: +815 500, -303 000
    deviation_percent: str
    over_plan: bool

    @property
    def deviation_cell(self) -> str:
        """The status slide's deviation: an overrun (red there) with its share of the plan,
        "+815 500 (13,2 %)", as the overview shows it; an underrun as the seed deck shows it."""
        if self.over_plan:
            return f"{self.deviation} ({self.deviation_percent})"
        return self.deviation


@dataclass(frozen=True)
class StatusView:
    initiative_id: str
    group: str
    title: str
    name: str
    leader: str
    period: str
    milestones: tuple[MilestoneRow, ...]
    budget_total: str  # "Totalbudsjett for tiltaket: 2,25 MNOK inkl. mva.", or ""
    costs: CostFigures | None
    costs_as_of: str
    budget_comments: tuple[str, ...]
    done: tuple[BulletView, ...]
    planned: tuple[BulletView, ...]
    risks: tuple[BulletView, ...]
    no_progress: str = ""  # the one line shown when done, planned and risks are all empty


@dataclass(frozen=True)
class KpiView:
    title: str
    bullets: tuple[BulletView, ...]


@dataclass(frozen=True)
class InitiativeView:
    status: StatusView
    kpi: KpiView | None


@dataclass(frozen=True)
class GroupView:
    name: str
    initiatives: tuple[InitiativeView, ...]


@dataclass(frozen=True)
class ReportView:
    programme: str
    week: IsoWeek
    date: date
    groups: tuple[GroupView, ...] = field(default_factory=tuple)
    title: str = ""  # the deck's title, worded when the view is made (in the programme's language)

    def initiatives(self) -> list[InitiativeView]:
        return [i for g in self.groups for i in g.initiatives]


# The labels of the deck and the terminal, by key, in the words in force (statusrapport.words).
LABELS = Labels()


def report_view(context: ReportContext) -> ReportView:
    """Resolve the report of the context's week for every initiative (the loader has checked
    they all have one)."""
    groups = []
    for group in context.programme.groups:
        members = context.in_group(group.name)
        if members:
            groups.append(GroupView(group.name, tuple(initiative_view(i, context.programme)
                                                      for i in members)))
    title = current().deck_title.format(programme=context.programme.name,
                                        week=context.week.week, year=context.week.year)
    return ReportView(context.programme.name, context.week, context.day, tuple(groups), title)


def initiative_view(context: InitiativeContext, programme: Programme | None = None) -> InitiativeView:
    """`programme` brings the office's choices (its words, how KPIs are compared)."""
    settings = programme or Programme("", [], [])
    return InitiativeView(status_view(context, settings),
                          kpi_view(context.initiative, context.week, context.report,
                                   settings.kpi_comparison))


def status_view(context: InitiativeContext, programme: Programme | None = None) -> StatusView:
    settings = programme or Programme("", [], [])
    initiative, report = context.initiative, context.report
    budget = initiative.budget
    costs = report.costs
    return StatusView(
        initiative_id=initiative.id,
        group=initiative.group,
        title=current().group_title.format(group=initiative.group),
        name=initiative.name,
        leader=initiative.leader,
        period=fmt.period(*report_period(initiative, context.week)),
        milestones=tuple(milestone_row(m, settings.cancelled_label) for m in context.milestones),
        budget_total=fmt.budget_total(budget.total, budget.vat_included) if budget else "",
        costs=cost_figures(context.cost) if context.cost else None,
        costs_as_of=fmt.costs_as_of(costs.as_of) if costs and costs.as_of else "",
        budget_comments=tuple(costs.comments) if costs else (),
        done=bullets(report.done),
        planned=bullets(report.planned),
        risks=bullets(report.risks),
        no_progress="" if report.done or report.planned or report.risks
        else settings.no_progress_label or current().no_progress,
    )


def milestone_row(context: MilestoneContext, cancelled: str | None = None) -> MilestoneRow:
    """`cancelled`: the office's word for a cancelled milestone (programme.yaml), else the
    language's."""
    milestone, state = context.milestone, context.state
    planned = milestone.plans
    return MilestoneRow(
        id=milestone.id,
        description=milestone.description,
        planned=tuple(fmt.plan_date(p) for p in planned),
        delivered=_delivered_cell(milestone, state, cancelled or current().cancelled),
        state=state,
        moved=context.moved,
    )


def _delivered_cell(milestone: Milestone, state: MilestoneState, cancelled: str) -> str:
    if state is MilestoneState.CANCELLED:
        return cancelled
    if milestone.delivered is not None:
        return fmt.short_date(milestone.delivered)
    if milestone.forecast is not None:
        return f"({fmt.plan_date(milestone.forecast)})"
    return current().not_delivered_mark if state is MilestoneState.OVERDUE else ""


def cost_figures(cost: CostDeviation) -> CostFigures:
    return CostFigures(
        plan=fmt.amount(cost.plan),
        actual=fmt.amount(cost.actual),
        deviation=fmt.amount(cost.deviation, signed=True),
        deviation_percent=fmt.percent(cost.deviation, cost.plan),
        over_plan=cost.deviation > 0,
    )


def bullets(items: list[Bullet]) -> tuple[BulletView, ...]:
    return tuple(BulletView(runs(b.text), tuple(BulletView(runs(t)) for t in b.items))
                 for b in items)


def kpi_view(initiative: Initiative, week: IsoWeek, report: Report,
             comparison: str = "date") -> KpiView | None:
    if not report.kpis and not (report.highlights and report.highlights.bullets):
        return None
    highlights = report.highlights
    title = (highlights.title if highlights and highlights.title
             else current().status_title.format(name=initiative.name))
    items = list(highlights.bullets) if highlights else []
    if report.kpis and not any(b.kpis for b in items):
        items.append(HighlightBullet(kpis=True))
    lines = [kpi_line(k, earlier_figure(initiative, week, k), comparison, week)
             for k in report.kpis]
    return KpiView(title, tuple(_highlight(b, report.kpis, lines) for b in items))


def _highlight(bullet: HighlightBullet, kpis: list[Kpi], lines: list[str]) -> BulletView:
    text = bullet.text
    children = []
    if bullet.kpis:
        if text is None:
            text = (current().kpis_as_of.format(day=fmt.short_date(max(k.measured for k in kpis)))
                    if kpis else "")
        children = [BulletView((Run(line),)) for line in lines]
    children += [BulletView(runs(t)) for t in bullet.items]
    return BulletView(runs(text or ""), tuple(children))


class Earlier(NamedTuple):
    """A KPI's earlier figure: from an earlier report, or as the KPI itself carries it."""

    value: Decimal
    unit: str
    measured: date | None
    week: IsoWeek | None


def kpi_line(kpi: Kpi, before: Earlier | None, comparison: str = "date",
             week: IsoWeek | None = None) -> str:
    """Antall avbestilte reiser: 3167 (26.05.21: 1944); by week: 12 480 (uke 45: 8 911); a
    percentage with its change in points: 41 % (uke 45: 33 %, +8 pp); a target last: mål 60 %."""
    shown = [kpi.value] + ([before.value] if before else []) + (
        [kpi.target] if kpi.target is not None else [])
    texts = fmt.figures(shown, kpi.unit)
    line = f"{kpi.name}: {texts[0]}"
    if before is not None:
        was = fmt.figures(shown, before.unit)[1]
        change = (f", {fmt.figure_change(kpi.value - before.value, kpi.unit)}"
                  if fmt.is_percentage(kpi.unit) and before.unit == kpi.unit else "")
        line += f" ({_earlier_label(before, comparison, week)}: {was}{change})"
    if kpi.target is not None:
        line += f", {LABELS['target']} {texts[-1]}"
    return line


def _earlier_label(before: Earlier, comparison: str, week: IsoWeek | None) -> str:
    if comparison == "week" or before.measured is None:
        reported = before.week or IsoWeek.of(before.measured)
        return fmt.week_label(reported, week or reported)
    return fmt.short_date(before.measured)


def earlier_figure(initiative: Initiative, week: IsoWeek, kpi: Kpi) -> Earlier | None:
    """The figure a KPI is compared with: the earlier value it carries, else its latest value
    in a report before `week`."""
    if kpi.earlier is not None:
        e = kpi.earlier
        return Earlier(e.value, kpi.unit, e.measured,
                       e.week.latest_not_after(week) if e.week else None)
    before = previous_week(initiative, week)
    while before is not None:
        for found in initiative.reports[before].kpis:
            if found.name == kpi.name:
                return Earlier(found.value, found.unit, found.measured, before)
        before = previous_week(initiative, before)
    return None


def runs(text: str) -> tuple[Run, ...]:
    """Split text into plain runs and hyperlinks."""
    out: list[Run] = []
    position = 0
    for match in _LINK.finditer(text):
        if match.start() > position:
            out.append(Run(text[position:match.start()]))
        label, url, bare = match.groups()
        out.append(Run(label, url) if url else Run(bare, bare))
        position = match.end()
    if position < len(text) or not out:
        out.append(Run(text[position:]))
    return tuple(out)
