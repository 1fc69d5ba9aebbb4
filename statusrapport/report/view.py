"""A report resolved for reading: every value formatted, every rule applied, nothing left to compute.

The deck and the terminal both render these views, so the two can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from statusrapport.report import formatting as fmt
from statusrapport.data.model import (Bullet, HighlightBullet, Initiative, Kpi, Milestone, Report,
                                 previous_week, report_period)
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
    deviation: str
    deviation_percent: str
    over_plan: bool


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

    @property
    def title(self) -> str:
        return current().deck_title.format(programme=self.programme, week=self.week.week,
                                           year=self.week.year)

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
            groups.append(GroupView(group.name, tuple(initiative_view(i) for i in members)))
    return ReportView(context.programme.name, context.week, context.day, tuple(groups))


def initiative_view(context: InitiativeContext) -> InitiativeView:
    return InitiativeView(status_view(context),
                          kpi_view(context.initiative, context.week, context.report))


def status_view(context: InitiativeContext) -> StatusView:
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
        milestones=tuple(milestone_row(m) for m in context.milestones),
        budget_total=fmt.budget_total(budget.total, budget.vat_included) if budget else "",
        costs=cost_figures(context.cost) if context.cost else None,
        costs_as_of=fmt.costs_as_of(costs.as_of) if costs and costs.as_of else "",
        budget_comments=tuple(costs.comments) if costs else (),
        done=bullets(report.done),
        planned=bullets(report.planned),
        risks=bullets(report.risks),
    )


def milestone_row(context: MilestoneContext) -> MilestoneRow:
    milestone, state = context.milestone, context.state
    planned = milestone.plans
    return MilestoneRow(
        id=milestone.id,
        description=milestone.description,
        planned=tuple(fmt.plan_date(p) for p in planned),
        delivered=_delivered_cell(milestone, state),
        state=state,
        moved=context.moved,
    )


def _delivered_cell(milestone: Milestone, state: MilestoneState) -> str:
    if state is MilestoneState.CANCELLED:
        return current().cancelled
    if milestone.delivered is not None:
        return fmt.short_date(milestone.delivered)
    if milestone.forecast is not None:
        return f"({fmt.plan_date(milestone.forecast)})"
    return current().not_delivered_mark if state is MilestoneState.OVERDUE else ""


def cost_figures(cost: CostDeviation) -> CostFigures:
    return CostFigures(
        plan=fmt.amount(cost.plan),
        actual=fmt.amount(cost.actual),
        deviation=fmt.amount(cost.deviation),
        deviation_percent=fmt.percent(cost.deviation, cost.plan),
        over_plan=cost.deviation > 0,
    )


def bullets(items: list[Bullet]) -> tuple[BulletView, ...]:
    return tuple(BulletView(runs(b.text), tuple(BulletView(runs(t)) for t in b.items))
                 for b in items)


def kpi_view(initiative: Initiative, week: IsoWeek, report: Report) -> KpiView | None:
    if not report.kpis and not (report.highlights and report.highlights.bullets):
        return None
    highlights = report.highlights
    title = (highlights.title if highlights and highlights.title
             else current().status_title.format(name=initiative.name))
    items = list(highlights.bullets) if highlights else []
    if report.kpis and not any(b.kpis for b in items):
        items.append(HighlightBullet(kpis=True))
    previous = _previous_figures(initiative, week)
    return KpiView(title, tuple(_highlight(b, report.kpis, previous) for b in items))


def _highlight(bullet: HighlightBullet, kpis: list[Kpi],
               previous: dict[str, Kpi]) -> BulletView:
    text = bullet.text
    children = []
    if bullet.kpis:
        if text is None:
            text = (current().kpis_as_of.format(day=fmt.short_date(max(k.measured for k in kpis)))
                    if kpis else "")
        children = [BulletView((Run(kpi_line(k, previous.get(k.name))),)) for k in kpis]
    children += [BulletView(runs(t)) for t in bullet.items]
    return BulletView(runs(text or ""), tuple(children))


def kpi_line(kpi: Kpi, before: Kpi | None) -> str:
    """Antall avbestilte reiser: 3167 (26.05.21: 1944)"""
    line = f"{kpi.name}: {fmt.figure(kpi.value, kpi.unit)}"
    if before is not None:
        line += f" ({fmt.short_date(before.measured)}: {fmt.figure(before.value, before.unit)})"
    return line


def _previous_figures(initiative: Initiative, week: IsoWeek) -> dict[str, Kpi]:
    """Each figure's latest value in a report before `week`."""
    found: dict[str, Kpi] = {}
    before = previous_week(initiative, week)
    while before is not None:
        for kpi in initiative.reports[before].kpis:
            found.setdefault(kpi.name, kpi)
        before = previous_week(initiative, before)
    return found


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
