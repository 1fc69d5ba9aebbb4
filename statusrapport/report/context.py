"""The report of a week, derived once: per initiative its report, the day it speaks for, each
milestone's state and each cost's deviation, as rules.py decides them.

The deck's view, the portfolio (overview, timelines), `list`, `show --overview` and diff all
read these values from one ReportContext instead of working them out again, so no two of them
can disagree about a report. Plain NamedTuples and slotted classes (cheap to import, unlike
dataclasses): this module is imported by every command that reads a report.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from statusrapport.data.model import Initiative, Milestone, Programme, Report, report_date
from statusrapport.data.weeks import IsoWeek
from statusrapport.report.rules import CostLevel, MilestoneState, cost_level, is_moved, milestone_state
from statusrapport.words import Words, words_for


class MilestoneContext(NamedTuple):
    milestone: Milestone
    state: MilestoneState  # as the deck shows it on the report's day
    moved: bool  # its planned date has been revised (rules.is_moved)


class CostDeviation(NamedTuple):
    """A report's costs so far, when it gives both figures."""

    plan: int
    actual: int
    deviation: int  # actual minus plan: derived, never typed
    level: CostLevel  # within, over or under the programme's tolerance


class InitiativeContext:
    """One initiative's report of one week. Its milestones' states are resolved when first
    read: `list` holds a context per week but reads only each initiative's latest report's
    states, and diff (which compares what each report knew, rules.known_state) reads none."""

    __slots__ = ("initiative", "week", "report", "day", "cost", "_milestones")

    def __init__(self, initiative: Initiative, week: IsoWeek, tolerance: Decimal = Decimal(5)):
        self.initiative = initiative
        self.week = week  # the week of `report`
        self.report: Report = initiative.reports[week]
        # The day the report speaks for: its own date, else its week's Friday.
        self.day: date = report_date(week, self.report)
        costs = self.report.costs
        # None without figures.
        self.cost = cost_deviation(costs.plan, costs.actual, tolerance) if costs else None
        self._milestones: tuple[MilestoneContext, ...] | None = None

    def __repr__(self) -> str:
        return f"InitiativeContext({self.initiative.id!r}, {self.week.key})"

    @property
    def milestones(self) -> tuple[MilestoneContext, ...]:
        """Each milestone with its state on the report's day, in the file's order."""
        if self._milestones is None:
            day = self.day
            self._milestones = tuple(MilestoneContext(m, milestone_state(m, day), is_moved(m))
                                     for m in self.initiative.milestones)
        return self._milestones

    @property
    def overdue(self) -> tuple[str, ...]:
        """The ids of the milestones overdue on the report's day."""
        return tuple(m.milestone.id for m in self.milestones if m.state is MilestoneState.OVERDUE)


def cost_deviation(plan: int | None, actual: int | None,
                   tolerance: Decimal) -> CostDeviation | None:
    """The deviation of `actual` from `plan`; None unless both are given."""
    if plan is None or actual is None:
        return None
    return CostDeviation(plan, actual, actual - plan, cost_level(plan, actual, tolerance))


def initiative_context(initiative: Initiative, week: IsoWeek,
                       tolerance: Decimal = Decimal(5)) -> InitiativeContext:
    """`initiative`'s report of `week` (which it must have), resolved."""
    return InitiativeContext(initiative, week, tolerance)


class ReportContext:
    """The programme's report of one week: the initiatives with a report of that week, in deck
    order, and the day the programme's report speaks for (the latest of theirs)."""

    __slots__ = ("programme", "week", "day", "words", "initiatives", "_by_id", "_latest")

    def __init__(self, programme: Programme, week: IsoWeek):
        self.programme = programme
        self.week = week
        self.words: Words = words_for(programme.language)  # what the deck and views speak
        tolerance = programme.cost_tolerance
        self.initiatives: tuple[InitiativeContext, ...] = tuple(
            initiative_context(i, week, tolerance) for i in programme.initiatives
            if week in i.reports)
        self.day: date = max((i.day for i in self.initiatives), default=week.day(5))
        self._by_id = {i.initiative.id: i for i in self.initiatives}
        self._latest: dict[str, InitiativeContext | None] = {}  # filled by latest()

    def __repr__(self) -> str:
        return f"ReportContext({self.programme.name!r}, {self.week.key})"

    def __getitem__(self, initiative_id: str) -> InitiativeContext:
        """An initiative's report of this week (KeyError when it has none)."""
        return self._by_id[initiative_id]

    def in_group(self, group: str) -> list[InitiativeContext]:
        return [i for i in self.initiatives if i.initiative.group == group]

    def latest(self, initiative_id: str) -> InitiativeContext | None:
        """An initiative's latest report up to this week (this week's when it has one); None
        when it has none so early, or is not in the programme. Resolved when first asked
        (diff asks; the deck does not)."""
        if initiative_id in self._by_id:
            return self._by_id[initiative_id]
        if not self._latest:
            for initiative in self.programme.initiatives:
                if initiative.id in self._by_id:
                    continue
                weeks = [w for w in initiative.reports if w <= self.week]
                self._latest[initiative.id] = (initiative_context(
                    initiative, max(weeks), self.programme.cost_tolerance) if weeks else None)
        return self._latest.get(initiative_id)


def report_context(programme: Programme, week: IsoWeek) -> ReportContext:
    """The programme's report of `week`, resolved: derive it once per command and pass it to
    every reader (report_view, portfolio, diff)."""
    return ReportContext(programme, week)


def report_contexts(programme: Programme) -> list[ReportContext]:
    """One context per week with a report in the data, oldest first."""
    return [ReportContext(programme, week) for week in programme.weeks()]
