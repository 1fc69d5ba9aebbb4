"""Warnings: things that are allowed but are probably a mistake in the data."""

from __future__ import annotations

from collections.abc import Iterator

from statusrapport.data.model import Initiative, IsoWeek, previous_week, report_date, report_period

# A warning found in an initiative: where in the data (a key path) and what is wrong.
Finding = tuple[tuple[str | int, ...], str]

# `new report` offers the previous report's plan as the start of `done`, each item marked
# with this until someone confirms it; the deck would show the mark, so it stands out there too.
DRAFT_MARKER = "(UTKAST)"


def findings(initiative: Initiative, week: IsoWeek | None) -> Iterator[Finding]:
    """Everything suspicious in one initiative; dated checks use the report of `week`."""
    yield from _duplicate_milestone_ids(initiative)
    for key in initiative.reports:
        yield from _report_findings(initiative, key)
    # A delivery dated after an earlier report belongs to the later one (its deck shows it,
    # the earlier deck does not): only the latest report can be ahead of its deliveries.
    if week is not None and week in initiative.reports and week == max(initiative.reports):
        yield from _deliveries_after_report(initiative, week)


def _duplicate_milestone_ids(initiative: Initiative) -> Iterator[Finding]:
    first_seen: dict[str, int] = {}
    for index, milestone in enumerate(initiative.milestones):
        if milestone.id in first_seen:
            yield (("milestones", index, "id"),
                   f"milestone ID {milestone.id} is used twice "
                   f"(also milestones[{first_seen[milestone.id]}])")
        first_seen.setdefault(milestone.id, index)


def _report_findings(initiative: Initiative, week: IsoWeek) -> Iterator[Finding]:
    report = initiative.reports[week]
    where = ("reports", week.key)
    costs = report.costs
    if costs and costs.plan is not None and costs.as_of is None:
        yield (*where, "costs"), "costs without as_of: say which date the figures are valid for"
    start, end = report_period(initiative, week)
    if end != week:
        yield ((*where, "period"),
               f"the period ends at uke {end.week}, not at the report's own week {week.week}")
    if start > end:
        yield (*where, "period"), f"the period starts (uke {start.week}) after it ends"
    for index, bullet in enumerate(report.done):
        if bullet.text.startswith(DRAFT_MARKER):
            yield ((*where, "done", index),
                   f"{DRAFT_MARKER}: planned in the previous report; if it was done, remove "
                   f"{DRAFT_MARKER}, if not, delete the item")
    before = previous_week(initiative, week)
    for index, kpi in enumerate(report.kpis):
        given = _earlier_report_with(initiative, week, kpi.name)
        if kpi.earlier is not None and given is not None:
            yield ((*where, "kpis", index, "earlier"),
                   f"the report {given.key} also gives {kpi.name!r}: the deck compares with "
                   "this earlier figure; remove it to compare with the report's")
    if report.period and before and start != before.next():
        yield ((*where, "period"),
               f"the period starts at uke {start.week}, but the previous report is "
               f"uke {before.week}: it should start at uke {before.next().week}")


def _earlier_report_with(initiative: Initiative, week: IsoWeek, name: str) -> IsoWeek | None:
    before = previous_week(initiative, week)
    while before is not None:
        if any(k.name == name for k in initiative.reports[before].kpis):
            return before
        before = previous_week(initiative, before)
    return None


def _deliveries_after_report(initiative: Initiative, week: IsoWeek) -> Iterator[Finding]:
    day = report_date(week, initiative.reports[week])
    for index, milestone in enumerate(initiative.milestones):
        if milestone.delivered and milestone.delivered > day:
            yield (("milestones", index, "delivered"),
                   f"delivered {milestone.delivered:%d.%m.%Y}, after the report of "
                   f"{week.key} ({day:%d.%m.%Y})")
