"""What changed: between two reports in the data, or between two states of the data (a git
revision and the working tree). Pure: validated models in, a resolved, formatted diff out.

Each initiative is compared with its own previous report, both as they stood then
(context.initiative_as_of: its group, milestones added, moved or cancelled from a report on,
a delivery known from its date), with the same rules as the deck; so the files of one day tell
what was delivered, moved, cancelled, added or fell overdue between two reports, which group
it moved to and whether it ended. Removals show only between two states of the data (git),
since a file keeps no milestone it no longer lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum

from statusrapport.report import formatting as fmt
from statusrapport.errors import UserError
from statusrapport.data.model import (Bullet, Initiative, Kpi, Milestone, Programme,
                                 resolve_week_ref)
from statusrapport.report.context import (InitiativeContext, ReportContext, in_deck_order,
                                          initiative_context)
from statusrapport.report.portfolio import ended_text
from statusrapport.report.rules import MilestoneState, known_state
from statusrapport.words import current
from statusrapport.data.weeks import IsoWeek


class Change(str, Enum):
    DELIVERED = "levert"
    MOVED = "flyttet"
    ADDED = "ny"
    REMOVED = "fjernet"
    OVERDUE = "forfalt"
    CANCELLED = "avlyst"


@dataclass(frozen=True)
class MilestoneChange:
    change: Change
    id: str
    description: str
    detail: str  # "01.09.21 → 21.09.21", "29.10.20 (planlagt 15.10.20)"
    needs_attention: bool  # delivered late, or overdue: red, as in the deck


@dataclass(frozen=True)
class FigureChange:
    """One amount or KPI figure before and after; "" where a side has none."""

    name: str
    old: str
    new: str
    change: str  # signed: "+1223", "-303 000"; "" when a side is missing


@dataclass(frozen=True)
class InitiativeDiff:
    initiative_id: str
    name: str
    old: str  # the report compared against, "uke 21 (26.05.21)"; "" when none
    new: str
    note: str  # "første rapport", "ny i dataene", …; "" usually
    milestones: tuple[MilestoneChange, ...] = ()
    costs: tuple[FigureChange, ...] = ()
    kpis: tuple[FigureChange, ...] = ()
    risks_added: tuple[str, ...] = ()
    risks_removed: tuple[str, ...] = ()
    group: str = ""  # "Selvbetjening → Digitalisering" when it changed group; "" usually
    ended: str = ""  # "Fullført 31.01.22: Overlevert til linjen" in the report it ended with

    @property
    def changed(self) -> bool:
        return bool(self.milestones or self.costs or self.kpis or self.risks_added
                    or self.risks_removed or self.group or self.ended)


@dataclass(frozen=True)
class ReportDiff:
    programme: str
    old: str  # "2021-uke-21", or "HEAD~1 (1a2b3c4d5e)"
    new: str  # "2021-uke-33", or "arbeidskopien"
    initiatives: tuple[InitiativeDiff, ...]
    removed: tuple[str, ...] = ()  # initiatives in the old state only: "id (name)"


def choose_weeks(programme: Programme, old: str | None, new: str | None) -> tuple[IsoWeek, IsoWeek]:
    """The two reports to compare; by default the latest and the one before it."""
    weeks = programme.weeks()
    new_week = _resolve(new, weeks) if new else (weeks[-1] if weeks else None)
    if new_week is None:
        raise UserError("there are no reports in the data")
    if old:
        old_week = _resolve(old, weeks)
    else:
        earlier = [w for w in weeks if w < new_week]
        if not earlier:
            raise UserError(f"{new_week.key} is the first report in the data: there is nothing "
                            "before it to compare with")
        old_week = earlier[-1]
    if old_week >= new_week:
        raise UserError(f"compare an earlier report with a later one: {old_week.key} is not "
                        f"before {new_week.key}")
    return old_week, new_week


def _resolve(text: str, weeks: list[IsoWeek]) -> IsoWeek:
    try:
        return resolve_week_ref(text, weeks)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def compare_reports(old: ReportContext, new: ReportContext) -> ReportDiff:
    """Each initiative in the report of `new` (or ended since `old`) against its own latest
    report up to `old`, each as it stood in its report and on its own day."""
    out = []
    tolerance = new.programme.cost_tolerance
    for initiative in in_deck_order(new.programme, new.week):
        now_week = _latest_week(initiative, new.week)
        closing = initiative.closing
        if now_week is None or (closing is not None and closing.report <= old.week):
            continue  # not started by `new`, or ended before `old`: in neither report
        now = initiative_context(initiative, now_week, tolerance)
        then_week = _latest_week(initiative, old.week)
        if then_week is None:  # it starts in between: all of it is new
            out.append(initiative_diff(now.initiative, None, now.day, now,
                                       current().first_report))
            continue
        then = initiative_context(initiative, then_week, tolerance)
        note = ("" if then_week != now_week
                else current().no_new_report.format(week=_week_label(then_week)))
        out.append(initiative_diff(then.initiative, then, then.day, now, note))
    return ReportDiff(new.programme.name, old.week.key, new.week.key, tuple(out))


def _latest_week(initiative: Initiative, week: IsoWeek) -> IsoWeek | None:
    return max((w for w in initiative.reports if w <= week), default=None)


def compare_states(before: Programme, after: Programme, before_label: str,
                   after_label: str | None = None) -> ReportDiff:
    """Each initiative's latest report in `after` against its latest report in `before`."""
    old_by_id = {i.id: i for i in before.initiatives}
    old_context, new_context = _last_context(before), _last_context(after)
    out = []
    for initiative in after.initiatives:
        now = new_context.latest(initiative.id) if new_context else None
        old = old_by_id.get(initiative.id)
        if now is None:
            out.append(InitiativeDiff(initiative.id, initiative.name, "", "",
                                      current().no_report))
            continue
        if old is None:
            out.append(initiative_diff(None, None, None, now, current().new_initiative))
            continue
        then = old_context.latest(old.id) if old_context else None
        out.append(initiative_diff(old, then, then.day if then else None, now))
    new_ids = {i.id for i in after.initiatives}
    removed = tuple(f"{i.id} ({i.name})" for i in before.initiatives if i.id not in new_ids)
    return ReportDiff(after.name or before.name, before_label,
                      after_label or current().working_tree, tuple(out), removed)


def _last_context(programme: Programme) -> ReportContext | None:
    """The context of the programme's latest week: in it, each initiative's latest report."""
    weeks = programme.weeks()
    return ReportContext(programme, weeks[-1]) if weeks else None


def initiative_diff(old: Initiative | None, then: InitiativeContext | None, old_day: date | None,
                    now: InitiativeContext, note: str = "") -> InitiativeDiff:
    """`now` (a report of the initiative) against `old` as it stood on `old_day` (its report
    `then`; None when it had none)."""
    new = now.initiative
    old_report = then.report if then else None
    if old is not None and then is None and not note:
        note = current().first_report
    return InitiativeDiff(
        initiative_id=new.id,
        name=new.name,
        old=_report_label(then.week, old_day) if then and old_day else "",
        new=_report_label(now.week, now.day),
        note=note,
        milestones=tuple(milestone_changes(
            then.initiative.milestones if then else old.milestones if old else [], old_day,
            new.milestones, now.day)),
        costs=tuple(cost_changes(old, then, new, now)),
        kpis=tuple(kpi_changes(_figures(old, then.week) if old and then else {},
                               _figures(new, now.week))),
        risks_added=_added(_texts(old_report.risks if old_report else []),
                           _texts(now.report.risks)),
        risks_removed=_added(_texts(now.report.risks),
                             _texts(old_report.risks if old_report else [])),
        group=(f"{then.initiative.group} → {new.group}"
               if then and then.initiative.group != new.group else ""),
        ended=_ended(now),
    )


def _ended(now: InitiativeContext) -> str:
    """"Fullført 31.01.22: note" in the report the initiative ended with."""
    text = ended_text(now)
    note = now.closing.note if now.closing else None
    return f"{text}: {note}" if text and note else text


def milestone_changes(old: list[Milestone], old_day: date | None, new: list[Milestone],
                      new_day: date) -> Iterator[MilestoneChange]:
    before = dict(_keyed(old))
    after_keys = set()
    for key, milestone in _keyed(new):
        after_keys.add(key)
        previous = before.get(key)
        if previous is None or old_day is None:
            yield _change(Change.ADDED, milestone,
                          f"{current().planned_lower} {_plan(milestone)}", False)
            continue
        yield from _changes(previous, old_day, milestone, new_day)
    for key, milestone in _keyed(old):
        if key not in after_keys:
            yield _change(Change.REMOVED, milestone, f"{current().planned_lower} {_plan(milestone)}",
                          False)


def _changes(old: Milestone, old_day: date, new: Milestone, new_day: date) -> Iterator[MilestoneChange]:
    was = known_state(old, old_day)
    now = known_state(new, new_day)
    delivered = (MilestoneState.DELIVERED, MilestoneState.DELIVERED_LATE)
    if now in delivered and was not in delivered:
        late = now is MilestoneState.DELIVERED_LATE
        yield _change(Change.DELIVERED, new, f"{fmt.short_date(new.delivered)} "
                      f"({current().planned_lower} {_plan(new)})", late)
    if now is MilestoneState.CANCELLED and was is not MilestoneState.CANCELLED:
        yield _change(Change.CANCELLED, new, f"{current().planned_lower} {_plan(new)}", False)
    if old.current_plan != new.current_plan:
        yield _change(Change.MOVED, new, f"{_plan(old)} → {_plan(new)}", False)
    if now is MilestoneState.OVERDUE and was is not MilestoneState.OVERDUE:
        yield _change(Change.OVERDUE, new, f"{current().planned_lower} {_plan(new)}, "
                      f"{current().not_delivered}", True)


def _keyed(milestones: list[Milestone]) -> Iterator[tuple[tuple[str, int], Milestone]]:
    # An ID may be used twice by mistake (the seed does): match the n-th use with the n-th.
    seen: dict[str, int] = {}
    for milestone in milestones:
        n = seen.get(milestone.id, 0)
        seen[milestone.id] = n + 1
        yield (milestone.id, n), milestone


def _change(change: Change, milestone: Milestone, detail: str, attention: bool) -> MilestoneChange:
    return MilestoneChange(change, milestone.id, milestone.description, detail, attention)


def _plan(milestone: Milestone) -> str:
    return fmt.plan_date(milestone.current_plan)


def cost_changes(old: Initiative | None, then: InitiativeContext | None, new: Initiative,
                 now: InitiativeContext) -> Iterator[FigureChange]:
    def figures(initiative: Initiative | None,
                report: InitiativeContext | None) -> dict[str, int | None]:
        costs = report.cost if report else None  # the context's figures and deviation
        budget = initiative.budget if initiative else None
        return {
            current().budget_total_short: budget.total if budget else None,
            current().plan: costs.plan if costs else None,
            current().actual: costs.actual if costs else None,
            current().deviation: costs.deviation if costs else None,
        }

    before, after = figures(old, then), figures(new, now)
    for name, value in after.items():
        was = before[name]
        if value == was:
            continue
        yield FigureChange(
            name,
            "" if was is None else fmt.amount(was),
            "" if value is None else fmt.amount(value),
            "" if was is None or value is None else fmt.amount(value - was, signed=True))


def kpi_changes(old: dict[str, Kpi], new: dict[str, Kpi]) -> Iterator[FigureChange]:
    for name, kpi in new.items():
        was = old.get(name)
        if was is not None and (was.value, was.unit, was.measured) == (kpi.value, kpi.unit,
                                                                       kpi.measured):
            continue
        change = "" if was is None or was.unit != kpi.unit else fmt.figure_change(
            kpi.value - was.value, kpi.unit)
        shown = [k for k in (was, kpi) if k is not None]
        yield FigureChange(name, _kpi(was, shown) if was else "", _kpi(kpi, shown), change)
    for name, was in old.items():
        if name not in new:
            yield FigureChange(name, _kpi(was, [was]), "", "")


def _kpi(kpi: Kpi, beside: list[Kpi]) -> str:
    """The figure as written beside the others of its comparison, grouped alike."""
    text = fmt.figures([kpi.value] + [k.value for k in beside], kpi.unit)[0]
    return f"{text} ({fmt.short_date(kpi.measured)})"


def _figures(initiative: Initiative, week: IsoWeek) -> dict[str, Kpi]:
    """The figures a report gives, or else the latest earlier report gave (the last known)."""
    found: dict[str, Kpi] = {}
    for earlier in sorted((w for w in initiative.reports if w <= week), reverse=True):
        for kpi in initiative.reports[earlier].kpis:
            found.setdefault(kpi.name, kpi)
    current = [k.name for k in initiative.reports[week].kpis]
    return {name: found[name] for name in [*current, *(n for n in found if n not in current)]}


def _texts(bullets: Iterable[Bullet]) -> list[str]:
    return [re.sub(r"\s+", " ", b.text).strip() for b in bullets]


def _added(old: list[str], new: list[str]) -> tuple[str, ...]:
    known = set(old)
    return tuple(text for text in new if text not in known)


def _week_label(week: IsoWeek) -> str:
    return current().week_label.format(week=week.week, year=week.year)


def _report_label(week: IsoWeek, day: date) -> str:
    return current().week_day_label.format(week=week.week, day=fmt.short_date(day))
