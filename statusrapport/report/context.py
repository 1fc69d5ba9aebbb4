"""The report of a week, derived once: per initiative its report, the day it speaks for, each
milestone's state and each cost's deviation, as rules.py decides them.

Each initiative is seen as it stood in that report (initiative_as_of): its group then, and its
milestones as the report knew them (one added, moved or cancelled in a later report is not, a
delivery dated after the report belongs to the next one). So a past week's deck rebuilds from
the current files as it was, whatever later reports added. The programme's report of a week
holds the initiatives active in it (model.Initiative.active_in): from their first report to
their last, finished or stopped.

The deck's view, the portfolio (overview, timelines), `list`, `show --overview` and diff all
read these values from one ReportContext instead of working them out again, so no two of them
can disagree about a report. Plain NamedTuples and slotted classes (cheap to import, unlike
dataclasses): this module is imported by every command that reads a report.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from statusrapport.data.model import (Closing, Initiative, Milestone, Programme, Report,
                                      report_date)
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

    __slots__ = ("initiative", "week", "report", "day", "cost", "closing", "_milestones")

    def __init__(self, initiative: Initiative, week: IsoWeek, tolerance: Decimal = Decimal(5)):
        self.week = week  # the week of `report`
        self.report: Report = initiative.reports[week]
        # The day the report speaks for: its own date, else its week's Friday.
        self.day: date = report_date(week, self.report)
        self.initiative = initiative_as_of(initiative, week, self.day)  # as this report saw it
        # Its end, in the report it ends with (the overview says so); None in every other.
        closing = initiative.closing
        self.closing: Closing | None = closing if closing and closing.report == week else None
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


def initiative_as_of(initiative: Initiative, week: IsoWeek, day: date) -> Initiative:
    """`initiative` as its report of `week` (speaking for `day`) saw it: its group then; its
    milestones without those added, moves and cancellations reported later; a delivery dated
    after `day` only in its latest report (a later one reported it). The same object when
    nothing differs, so a file without history costs nothing."""
    latest = week == max(initiative.reports)
    milestones = [m for m in (_milestone_as_of(m, week, day, latest)
                              for m in initiative.milestones) if m is not None]
    group = initiative.group_in(week)
    same = len(milestones) == len(initiative.milestones) and all(
        a is b for a, b in zip(milestones, initiative.milestones))
    if group == initiative.group and same:
        return initiative
    return initiative.model_copy(update={"group": group, "milestones": milestones})


def _milestone_as_of(milestone: Milestone, week: IsoWeek, day: date,
                     latest: bool) -> Milestone | None:
    if milestone.added is not None and milestone.added > week:
        return None
    update: dict = {}
    revised = [r for r in milestone.revised if r.report is None or r.report <= week]
    if len(revised) != len(milestone.revised):
        update["revised"] = revised
    if not isinstance(milestone.cancelled, bool) and milestone.cancelled > week:
        update["cancelled"] = False
    if milestone.delivered is not None and milestone.delivered > day and not latest:
        update["delivered"] = None
    return milestone.model_copy(update=update) if update else milestone


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
    """The programme's report of one week: the initiatives active in it (each has a report of
    that week: the loader checks it), in deck order with their groups of that week, and the
    day the programme's report speaks for (the latest of theirs)."""

    __slots__ = ("programme", "week", "day", "words", "initiatives", "_by_id", "_latest")

    def __init__(self, programme: Programme, week: IsoWeek):
        self.programme = programme
        self.week = week
        self.words: Words = words_for(programme.language)  # what the deck and views speak
        tolerance = programme.cost_tolerance
        self.initiatives: tuple[InitiativeContext, ...] = tuple(
            initiative_context(i, week, tolerance) for i in in_deck_order(programme, week)
            if i.active_in(week) and week in i.reports)
        self.day: date = max((i.day for i in self.initiatives), default=week.day(5))
        self._by_id = {i.initiative.id: i for i in self.initiatives}
        self._latest: dict[str, InitiativeContext | None] = {}  # filled by latest()

    def __repr__(self) -> str:
        return f"ReportContext({self.programme.name!r}, {self.week.key})"

    def __getitem__(self, initiative_id: str) -> InitiativeContext:
        """An initiative's report of this week (KeyError when it has none)."""
        return self._by_id[initiative_id]

    def in_group(self, group: str) -> list[InitiativeContext]:
        """The initiatives in `group` in this week's report (their group of this week)."""
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


def in_deck_order(programme: Programme, week: IsoWeek) -> list[Initiative]:
    """The initiatives in the order programme.yaml lists them under their groups of `week` (an
    initiative that changed group is listed under each, in its place there); any it does not
    list, after them, in the programme's order."""
    by_id = {i.id: i for i in programme.initiatives}
    ordered: dict[str, Initiative] = {}
    listed: set[str] = set()
    for group in programme.groups:
        for initiative_id in group.initiatives:
            listed.add(initiative_id)
            initiative = by_id.get(initiative_id)
            if initiative is not None and initiative.group_in(week) == group.name:
                ordered.setdefault(initiative_id, initiative)
    for initiative in programme.initiatives:  # listed under none of the groups
        if initiative.id not in listed:
            ordered.setdefault(initiative.id, initiative)
    return list(ordered.values())


def report_context(programme: Programme, week: IsoWeek) -> ReportContext:
    """The programme's report of `week`, resolved: derive it once per command and pass it to
    every reader (report_view, portfolio, diff)."""
    return ReportContext(programme, week)


def report_contexts(programme: Programme) -> list[ReportContext]:
    """One context per week with a report in the data, oldest first."""
    return [ReportContext(programme, week) for week in programme.weeks()]
