"""The programme at a glance, for a report: each initiative's schedule and cost state, the
milestones on a time axis, and the costs over the reports. Pure data, no layout.

Every state comes from the report's context (report/context.py, applying rules.py: the status
slide's rules); nothing here re-derives them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from statusrapport.report import formatting as fmt
from statusrapport.errors import UserError
from statusrapport.data.model import Initiative, Programme
from statusrapport.report.context import (CostDeviation, InitiativeContext, MilestoneContext,
                                          ReportContext, cost_deviation)
from statusrapport.report.rules import CostLevel, MilestoneState
from statusrapport.data.weeks import IsoWeek
from statusrapport.words import current

class Schedule(str, Enum):
    """An initiative's milestones in one word: the worst of its open milestones."""

    ON_TRACK = "on track"
    MOVED = "moved"  # an open milestone's planned date has been moved
    OVERDUE = "overdue"  # a milestone's date has passed and it is not delivered
    ENDED = "ended"  # finished or stopped with this report: its last deck


def schedule_text(schedule: Schedule) -> str:
    words = current()
    return {Schedule.ON_TRACK: words.on_track, Schedule.MOVED: words.moved,
            Schedule.OVERDUE: words.overdue}[schedule]


@dataclass(frozen=True)
class CostState:
    level: CostLevel
    text: str  # "-303 000 (-10,4 %)" beyond the tolerance, "Innenfor", or "–"


@dataclass(frozen=True)
class OverviewRow:
    initiative_id: str
    name: str
    group: str
    leader: str
    schedule: Schedule
    overdue: tuple[str, ...]  # milestone ids
    moved: tuple[str, ...]
    cost: CostState
    comment: str
    ended: str = ""  # "Fullført 31.01.22" in the report it finished (or stopped) with

    @property
    def schedule_text(self) -> str:
        """"Forfalt: MP2", "Flyttet: MP4, MP5", both, or "I rute"; at most a few ids of each
        ("Flyttet: MP1, MP2, MP3 +27"), as the overview slide and `show --overview` show it;
        "Fullført 31.01.22" in an initiative's last report."""
        if self.ended:
            return self.ended
        parts = [f"{schedule_text(state)}: {fmt.id_list(ids)}" for state, ids in
                 ((Schedule.OVERDUE, self.overdue), (Schedule.MOVED, self.moved)) if ids]
        return "; ".join(parts) or schedule_text(Schedule.ON_TRACK)


@dataclass(frozen=True)
class PortfolioOverview:
    programme: str
    week: IsoWeek
    tolerance: str  # "5 %"
    rows: tuple[OverviewRow, ...]


def select_group(programme: Programme, name: str | None) -> Programme:
    """The programme narrowed to one group (None keeps them all)."""
    if name is None:
        return programme
    groups = [g for g in programme.groups if g.name == name]
    if not groups:
        known = ", ".join(repr(g.name) for g in programme.groups)
        raise UserError(f"no group {name!r}; the groups are: {known}")
    return replace(programme, groups=groups, initiatives=programme.in_group(name))


# --- the overview ----------------------------------------------------------------------------

def overview(context: ReportContext) -> PortfolioOverview:
    rows = tuple(overview_row(i, context.programme.overview_cost_comment)
                 for i in context.initiatives)
    tolerance = context.programme.cost_tolerance
    return PortfolioOverview(context.programme.name, context.week,
                             fmt.figure(tolerance) + "\u00a0%", rows)


def overview_row(context: InitiativeContext, cost_comment: bool = False) -> OverviewRow:
    """`cost_comment`: without cost figures, the report's cost comment stands for them."""
    initiative = context.initiative
    overdue = context.overdue
    moved = tuple(m.milestone.id for m in context.milestones
                  if m.state is MilestoneState.PENDING and m.moved)
    schedule = (Schedule.OVERDUE if overdue else Schedule.MOVED if moved
                else Schedule.ON_TRACK)
    costs = context.report.costs
    cost_comment_text = " ".join(costs.comments) if cost_comment and costs else ""
    comment, ended = context.report.comment or "", ""
    if context.closing is not None:  # its last deck: the overview says how it ended
        schedule, ended = Schedule.ENDED, ended_text(context)
        comment = context.closing.note or comment
    return OverviewRow(initiative.id, initiative.name, initiative.group, initiative.leader,
                       schedule, overdue, moved, describe_cost(context.cost, cost_comment_text),
                       comment, ended)


def ended_text(context: InitiativeContext) -> str:
    """"Fullført 31.01.22" (or "Stanset …") in the report an initiative ended with; else ""."""
    closing = context.closing
    if closing is None:
        return ""
    words = current()
    said = words.finished if context.initiative.finished is closing else words.stopped
    return said.format(day=fmt.short_date(closing.date))


def describe_cost(cost: CostDeviation | None, comment: str = "") -> CostState:
    """The deviation (actual minus plan) as amount and per cent, when it is beyond the
    programme's tolerance in either direction (rules.cost_level); without figures, `comment`
    (the report's cost comment, "Innenfor rammen") or "–"."""
    if cost is None:
        return CostState(CostLevel.NO_FIGURES, comment or "–")
    if cost.level is CostLevel.WITHIN:
        return CostState(CostLevel.WITHIN, current().within)
    return CostState(cost.level, f"{fmt.amount(cost.deviation, signed=True)} "
                                 f"({fmt.percent(cost.deviation, cost.plan)})")


def cost_state(plan: int | None, actual: int | None, tolerance: Decimal) -> CostState:
    """describe_cost for figures given on their own (a report's costs hold both or neither)."""
    return describe_cost(cost_deviation(plan, actual, tolerance))


# --- the timeline ----------------------------------------------------------------------------

class Mark(str, Enum):
    ORIGINAL = "original"  # an earlier planned date of a moved milestone (drawn faintly)
    PLANNED = "planned"
    MOVED = "moved"  # the date in force of a moved, open milestone
    DELIVERED = "delivered"
    LATE = "delivered late"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Point:
    day: date
    mark: Mark


@dataclass(frozen=True)
class Lane:
    """One milestone on the axis: its points, and the span a faint line joins (a move, a late
    delivery)."""

    label: str  # "MP4 Oppstart pilotering av løsning"
    points: tuple[Point, ...]
    span: tuple[date, date] | None


@dataclass(frozen=True)
class LaneGroup:
    title: str  # the initiative's name (shown above its lanes on a group's timeline)
    initiative_id: str
    lanes: tuple[Lane, ...]


@dataclass(frozen=True)
class Timeline:
    title: str
    start: date
    end: date
    report_day: date
    groups: tuple[LaneGroup, ...]
    key: str  # group:<name> or initiative:<id>
    cancelled_label: str = ""  # the word for a cancelled milestone in the legend (timelines())

    @property
    def has_cancelled(self) -> bool:
        return any(p.mark is Mark.CANCELLED for g in self.groups for lane in g.lanes
                   for p in lane.points)


def timelines(context: ReportContext) -> list[Timeline]:
    """One timeline per group, or per initiative when programme.yaml says `timeline: initiative`;
    none for initiatives without milestones."""
    out: list[Timeline] = []
    programme = context.programme
    if programme.timeline == "initiative":
        for item in context.initiatives:
            initiative = item.initiative
            if initiative.milestones:
                out.append(_timeline(f"{initiative.name} – {current().timeline}",
                                     [item], f"initiative:{initiative.id}"))
    else:
        for group in programme.groups:
            members = [i for i in context.in_group(group.name) if i.initiative.milestones]
            if members:
                out.append(_timeline(f"{group.name} – {current().timeline}", members,
                                     f"group:{group.name}"))
    cancelled = programme.cancelled_label or current().cancelled
    return [replace(t, cancelled_label=cancelled) for t in out]


def _timeline(title: str, initiatives: list[InitiativeContext], key: str) -> Timeline:
    groups, days = [], []
    report_day = max(i.day for i in initiatives)
    for item in initiatives:
        lanes = tuple(lane(m) for m in item.milestones)
        groups.append(LaneGroup(item.initiative.name, item.initiative.id, lanes))
        days += [p.day for lane_ in lanes for p in lane_.points]
    days.append(report_day)
    start, end = min(days), max(days)
    start = start.replace(day=1)
    end = (end.replace(day=28) + timedelta(days=4)).replace(day=1)  # the next month's first
    return Timeline(title, start, end, report_day, tuple(groups), key)


def lane(context: MilestoneContext) -> Lane:
    milestone, state = context.milestone, context.state
    label = f"{milestone.id} {milestone.description}"
    plans = [p.deadline for p in milestone.plans]
    plan = plans[-1]
    earlier = [Point(day, Mark.ORIGINAL) for day in dict.fromkeys(plans[:-1]) if day != plan]
    if state is MilestoneState.CANCELLED:
        return Lane(label, (Point(plan, Mark.CANCELLED),), None)
    if milestone.delivered is not None:
        late = state is MilestoneState.DELIVERED_LATE
        marks = (*earlier, Point(plan, Mark.ORIGINAL)) if late else tuple(earlier)
        done = Point(milestone.delivered, Mark.LATE if late else Mark.DELIVERED)
        days = [p.day for p in marks] + [done.day]
        return Lane(label, (*marks, done), (min(days), max(days)) if marks else None)
    mark = (Mark.OVERDUE if state is MilestoneState.OVERDUE
            else Mark.MOVED if context.moved else Mark.PLANNED)
    days = [p.day for p in earlier] + [plan]
    return Lane(label, (*earlier, Point(plan, mark)), (min(days), max(days)) if earlier else None)


@dataclass(frozen=True)
class Tick:
    day: date
    label: str


def axis_ticks(start: date, end: date) -> list[Tick]:
    """Month, quarter or year marks between start and end, about 6 to 18 of them."""
    months = (end.year - start.year) * 12 + end.month - start.month
    # Past 32 years (a milestone in 1989 beside one in 2022): whole years, still at most 16.
    step = next((s for s in (1, 2, 3, 6, 12, 24) if months / s <= 16),
                12 * -(-months // (12 * 16)))
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        index = year * 12 + month - 1
        if index % step == 0:
            day = date(year, month, 1)
            if step >= 12:
                label = str(year)
            elif step == 1 and out and month != 1:  # the year on the first and on January
                label = current().month_short[month - 1]
            else:
                label = f"{current().month_short[month - 1]} {year % 100:02d}"
            out.append(Tick(day, label))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


# --- the cost chart --------------------------------------------------------------------------

@dataclass(frozen=True)
class CostSeries:
    initiative_id: str
    title: str
    categories: tuple[str, ...]  # "Uke 31", one per report with cost figures
    plan: tuple[int, ...]
    actual: tuple[int, ...]
    as_of: str  # the latest report's "Status økonomi er per …", or ""


def cost_series(initiative: Initiative, week: IsoWeek) -> CostSeries | None:
    """Plan and actual over the reports up to `week` that have both; None below two."""
    weeks = [w for w in sorted(initiative.reports) if w <= week
             and (c := initiative.reports[w].costs) is not None
             and c.plan is not None and c.actual is not None]
    if len(weeks) < 2:
        return None
    years = {w.year for w in weeks}
    costs = [initiative.reports[w].costs for w in weeks]
    latest = costs[-1]
    return CostSeries(
        initiative.id, f"{initiative.name} – {current().cost_chart}",
        tuple(current().week_category.format(week=w.week) + (f" {w.year}" if len(years) > 1 else "")
              for w in weeks),
        tuple(c.plan for c in costs), tuple(c.actual for c in costs),
        fmt.costs_as_of(latest.as_of) if latest.as_of else "")


@dataclass(frozen=True)
class Portfolio:
    """What the deck adds to the initiatives' own slides."""

    overview: PortfolioOverview
    timelines: tuple[Timeline, ...]
    costs: dict[str, CostSeries]  # by initiative id
    per_initiative: bool  # a timeline per initiative (else per group)


def portfolio(context: ReportContext) -> Portfolio:
    costs = {}
    for item in context.initiatives:  # the initiatives in this week's deck
        series = cost_series(item.initiative, context.week)
        if series is not None:
            costs[item.initiative.id] = series
    return Portfolio(overview(context), tuple(timelines(context)), costs,
                     context.programme.timeline == "initiative")
