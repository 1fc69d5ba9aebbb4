"""What changed: between two reports in the data, or between two states of the data (a git
revision and the working tree). Pure: validated models in, a resolved, formatted diff out.

Milestones are compared as each report saw them on its date (a delivery dated after a report
was not known to it), with the same rules as the deck; so the data of one day already tells
what was delivered or fell overdue since an earlier report. Moves, additions and removals show
only between two states of the data, since a file keeps no history of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from statusrapport.report import formatting as fmt
from statusrapport.errors import UserError
from statusrapport.data.model import (Bullet, Initiative, Kpi, Milestone, Programme, Report,
                                 programme_date, report_date, resolve_week_ref)
from statusrapport.report.rules import MilestoneState, milestone_state
from statusrapport.report.view import LABELS
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

    @property
    def changed(self) -> bool:
        return bool(self.milestones or self.costs or self.kpis or self.risks_added
                    or self.risks_removed)


@dataclass(frozen=True)
class ReportDiff:
    programme: str
    old: str  # "2021-uke-21", or "HEAD~1 (1a2b3c4d5e)"
    new: str  # "2021-uke-33", or "arbeidskopien"
    initiatives: tuple[InitiativeDiff, ...]
    removed: tuple[str, ...] = ()  # initiatives in the old state only: "id (name)"


DIFF_LABELS = {
    "milestones": "Milepæler",
    "costs": "Økonomi",
    "budget_total": "Totalbudsjett",
    "kpis": "KPI",
    "risks": LABELS["risks"],
    "risk_added": "+",
    "risk_removed": "-",
    "unchanged": "Ingen endringer.",
    "removed": "Fjernet fra dataene",
    "first_report": "første rapport",
    "new_initiative": "nytt tiltak",
    "no_new_report": "ingen ny rapport",
    "no_report": "ingen rapport",
    "working_tree": "arbeidskopien",
    "planned": "planlagt",
    "not_delivered": "ikke levert",
}


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


def compare_reports(programme: Programme, old: IsoWeek, new: IsoWeek) -> ReportDiff:
    """Each initiative's latest report up to `new` against its latest report up to `old`."""
    old_day = programme_date(programme, old)
    out = []
    for initiative in programme.initiatives:
        new_week = _latest(initiative, new)
        if new_week is None:
            continue
        old_week = _latest(initiative, old)
        note = ("" if old_week is None or old_week != new_week
                else f"{DIFF_LABELS['no_new_report']} etter {_week_label(old_week)}")
        out.append(initiative_diff(initiative, old_week, old_day, initiative, new_week, note))
    return ReportDiff(programme.name, old.key, new.key, tuple(out))


def compare_states(before: Programme, after: Programme, before_label: str,
                   after_label: str = DIFF_LABELS["working_tree"]) -> ReportDiff:
    """Each initiative's latest report in `after` against its latest report in `before`."""
    old_by_id = {i.id: i for i in before.initiatives}
    out = []
    for initiative in after.initiatives:
        new_week = _latest(initiative)
        old = old_by_id.get(initiative.id)
        if new_week is None:
            out.append(InitiativeDiff(initiative.id, initiative.name, "", "",
                                      DIFF_LABELS["no_report"]))
            continue
        if old is None:
            out.append(initiative_diff(None, None, None, initiative, new_week,
                                       DIFF_LABELS["new_initiative"]))
            continue
        old_week = _latest(old)
        old_day = report_date(old_week, old.reports[old_week]) if old_week else None
        out.append(initiative_diff(old, old_week, old_day, initiative, new_week))
    new_ids = {i.id for i in after.initiatives}
    removed = tuple(f"{i.id} ({i.name})" for i in before.initiatives if i.id not in new_ids)
    return ReportDiff(after.name or before.name, before_label, after_label, tuple(out), removed)


def initiative_diff(old: Initiative | None, old_week: IsoWeek | None, old_day: date | None,
                    new: Initiative, new_week: IsoWeek, note: str = "") -> InitiativeDiff:
    """`new`'s report of `new_week` against `old` as it stood on `old_day` (its report of `old_week`)."""
    new_report = new.reports[new_week]
    new_day = report_date(new_week, new_report)
    old_report = old.reports[old_week] if old and old_week else None
    if old is not None and old_week is None and not note:
        note = DIFF_LABELS["first_report"]
    return InitiativeDiff(
        initiative_id=new.id,
        name=new.name,
        old=_report_label(old_week, old_day) if old_week and old_day else "",
        new=_report_label(new_week, new_day),
        note=note,
        milestones=tuple(milestone_changes(old.milestones if old else [], old_day,
                                           new.milestones, new_day)),
        costs=tuple(cost_changes(old, old_report, new, new_report)),
        kpis=tuple(kpi_changes(_figures(old, old_week) if old and old_week else {},
                               _figures(new, new_week))),
        risks_added=_added(_texts(old_report.risks if old_report else []), _texts(new_report.risks)),
        risks_removed=_added(_texts(new_report.risks), _texts(old_report.risks if old_report else [])),
    )


def milestone_changes(old: list[Milestone], old_day: date | None, new: list[Milestone],
                      new_day: date) -> Iterator[MilestoneChange]:
    before = dict(_keyed(old))
    after_keys = set()
    for key, milestone in _keyed(new):
        after_keys.add(key)
        previous = before.get(key)
        if previous is None or old_day is None:
            yield _change(Change.ADDED, milestone,
                          f"{DIFF_LABELS['planned']} {_plan(milestone)}", False)
            continue
        yield from _changes(previous, old_day, milestone, new_day)
    for key, milestone in _keyed(old):
        if key not in after_keys:
            yield _change(Change.REMOVED, milestone, f"{DIFF_LABELS['planned']} {_plan(milestone)}",
                          False)


def _changes(old: Milestone, old_day: date, new: Milestone, new_day: date) -> Iterator[MilestoneChange]:
    was = milestone_state(_as_of(old, old_day), old_day)
    now = milestone_state(_as_of(new, new_day), new_day)
    delivered = (MilestoneState.DELIVERED, MilestoneState.DELIVERED_LATE)
    if now in delivered and was not in delivered:
        late = now is MilestoneState.DELIVERED_LATE
        yield _change(Change.DELIVERED, new, f"{fmt.short_date(new.delivered)} "
                      f"({DIFF_LABELS['planned']} {_plan(new)})", late)
    if now is MilestoneState.CANCELLED and was is not MilestoneState.CANCELLED:
        yield _change(Change.CANCELLED, new, "", False)
    if old.current_plan != new.current_plan:
        yield _change(Change.MOVED, new, f"{_plan(old)} → {_plan(new)}", False)
    if now is MilestoneState.OVERDUE and was is not MilestoneState.OVERDUE:
        yield _change(Change.OVERDUE, new, f"{DIFF_LABELS['planned']} {_plan(new)}, "
                      f"{DIFF_LABELS['not_delivered']}", True)


def _as_of(milestone: Milestone, day: date) -> Milestone:
    """The milestone as a report of `day` saw it: a delivery dated later was not known yet."""
    if milestone.delivered is not None and milestone.delivered > day:
        return milestone.model_copy(update={"delivered": None})
    return milestone


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


def cost_changes(old: Initiative | None, old_report: Report | None, new: Initiative,
                 new_report: Report) -> Iterator[FigureChange]:
    def figures(initiative: Initiative | None, report: Report | None) -> dict[str, int | None]:
        costs = report.costs if report else None
        budget = initiative.budget if initiative else None
        return {
            DIFF_LABELS["budget_total"]: budget.total if budget else None,
            LABELS["plan"]: costs.plan if costs else None,
            LABELS["actual"]: costs.actual if costs else None,
            LABELS["deviation"]: costs.deviation if costs else None,
        }

    before, after = figures(old, old_report), figures(new, new_report)
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
        change = "" if was is None or was.unit != kpi.unit else _signed(kpi.value - was.value,
                                                                        kpi.unit)
        yield FigureChange(name, _kpi(was) if was else "", _kpi(kpi), change)
    for name, was in old.items():
        if name not in new:
            yield FigureChange(name, _kpi(was), "", "")


def _kpi(kpi: Kpi) -> str:
    return f"{fmt.figure(kpi.value, kpi.unit)} ({fmt.short_date(kpi.measured)})"


def _signed(value: Decimal, unit: str) -> str:
    return ("+" if value > 0 else "") + fmt.figure(value, unit)


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


def _latest(initiative: Initiative, up_to: IsoWeek | None = None) -> IsoWeek | None:
    weeks = [w for w in initiative.reports if up_to is None or w <= up_to]
    return max(weeks) if weeks else None


def _week_label(week: IsoWeek) -> str:
    return f"uke {week.week} {week.year}"


def _report_label(week: IsoWeek, day: date) -> str:
    return f"uke {week.week} ({fmt.short_date(day)})"
