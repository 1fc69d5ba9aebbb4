"""context.py: the report of a week derived once (report, day, milestone states, cost deviations)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from statusrapport.data.loader import load
from statusrapport.data.model import Initiative, Programme, ProgrammeFile
from statusrapport.data.weeks import IsoWeek
from statusrapport.report.context import (CostDeviation, cost_deviation, initiative_context,
                                          report_context, report_contexts)
from statusrapport.report.listing import overview as list_overview
from statusrapport.report.portfolio import overview, timelines
from statusrapport.report.rules import CostLevel, MilestoneState as S
from statusrapport.report.view import report_view

W20, W30, W40 = IsoWeek(2021, 20), IsoWeek(2021, 30), IsoWeek(2021, 40)


def initiative(id_: str = "tiltak", **fields: Any) -> Initiative:
    data = {"name": f"Tiltak {id_}", "group": "G", "leader": "Kari", "milestones": [],
            "reports": {"2021-uke-20": {"date": "2021-05-21"}, "2021-uke-30": {}}}
    data.update(fields)
    return Initiative.model_validate(data).model_copy(update={"id": id_})


def programme(*initiatives: Initiative, tolerance: str = "5") -> Programme:
    settings = ProgrammeFile.model_validate(
        {"programme": "P", "cost_tolerance": tolerance,
         "groups": [{"name": "G", "initiatives": [i.id for i in initiatives]}]})
    return Programme("P", settings.groups, list(initiatives), settings.cost_tolerance)


# Every state a milestone can be in on 30.07.21 (uke 30's Friday), in the file's order.
MILESTONES = [
    {"id": "M1", "description": "levert", "planned": "2021-07-01", "delivered": "2021-06-30"},
    {"id": "M2", "description": "for sent", "planned": "2021-06-01", "delivered": "2021-07-10"},
    {"id": "M3", "description": "forfalt", "planned": "2021-07-15"},
    {"id": "M4", "description": "flyttet", "planned": "2021-07-15", "revised": ["Sep 2021"]},
    {"id": "M5", "description": "avlyst", "planned": "2021-07-01", "cancelled": "true"},
    {"id": "M6", "description": "levert etter rapporten", "planned": "2021-07-01",
     "delivered": "2021-08-05"},
    {"id": "M7", "description": "i dag", "planned": "2021-07-30"},
]


@pytest.fixture(scope="module")
def seed(seed_dir):
    loaded = load(seed_dir, "uke-33")
    return report_context(loaded.programme, loaded.week)


def states(item) -> list[tuple[str, S, bool]]:
    return [(m.milestone.id, m.state, m.moved) for m in item.milestones]


def test_the_seed_states(seed):
    assert seed.week == IsoWeek(2021, 33) and seed.day == date(2021, 8, 18)
    assert [i.initiative.id for i in seed.initiatives] == [
        "selvbetjening-avbestille-bekrefte", "selvbetjening-endre", "ny-rekvisisjonspraksis"]
    assert all(i.day == date(2021, 8, 18) and i.week == seed.week for i in seed.initiatives)
    assert states(seed["selvbetjening-endre"]) == [
        ("MP1", S.DELIVERED_LATE, False), ("MP2", S.DELIVERED, False),
        ("MP3", S.PENDING, False), ("MP4", S.PENDING, True), ("MP5", S.PENDING, True)]
    avbestille = seed["selvbetjening-avbestille-bekrefte"]
    assert [m.state for m in avbestille.milestones] == [S.DELIVERED] * 3 + [
        S.DELIVERED_LATE, S.DELIVERED]
    # The seed uses MP2 twice: each use keeps its own state.
    ny = seed["ny-rekvisisjonspraksis"]
    assert [(m.milestone.id, m.state) for m in ny.milestones][1:3] == [
        ("MP2", S.DELIVERED), ("MP2", S.OVERDUE)]
    assert ny.overdue == ("MP2",)


def test_the_seed_deviations(seed):
    assert seed["selvbetjening-avbestille-bekrefte"].cost is None  # no figures
    assert seed["selvbetjening-endre"].cost == CostDeviation(2_900_000, 2_597_000, -303_000,
                                                             CostLevel.UNDER)
    assert seed["ny-rekvisisjonspraksis"].cost == CostDeviation(3_500_000, 1_500_000,
                                                                -2_000_000, CostLevel.UNDER)


def test_a_synthetic_initiative_in_every_state():
    item = initiative(milestones=MILESTONES)
    context = report_context(programme(item), W30)
    found = context["tiltak"]
    assert found.report is item.reports[W30] and found.initiative is item
    assert found.day == date(2021, 7, 30)  # no date of its own: the Friday of its week
    assert states(found) == [
        ("M1", S.DELIVERED, False), ("M2", S.DELIVERED_LATE, False), ("M3", S.OVERDUE, False),
        ("M4", S.PENDING, True), ("M5", S.CANCELLED, False),
        ("M6", S.DELIVERED_LATE, False),  # the deck shows a delivery dated after the report
        ("M7", S.PENDING, False)]  # due on the report's day is not overdue yet
    assert found.overdue == ("M3",)
    # The same milestones seen from the report of uke 20 (21.05.21): nothing due yet, and
    # the deliveries dated after it belong to the later report of uke 30 (a past deck shows
    # what it showed then).
    earlier = report_context(programme(item), W20)["tiltak"]
    assert earlier.day == date(2021, 5, 21)
    assert [m.state for m in earlier.milestones] == [
        S.PENDING, S.PENDING, S.PENDING, S.PENDING, S.CANCELLED, S.PENDING, S.PENDING]


@pytest.mark.parametrize("plan, actual, tolerance, level, deviation", [
    ("1000", "1050", "5", CostLevel.WITHIN, 50),  # exactly at the tolerance
    ("1000", "1051", "5", CostLevel.OVER, 51),
    ("1000", "940", "5", CostLevel.UNDER, -60),
    ("1000", "940", "6", CostLevel.WITHIN, -60),  # the programme's tolerance decides
    ("0", "10", "5", CostLevel.OVER, 10),
])
def test_a_synthetic_deviation_uses_the_programmes_tolerance(plan, actual, tolerance, level,
                                                             deviation):
    item = initiative(reports={"2021-uke-30": {"costs": {"plan": plan, "actual": actual}}})
    cost = report_context(programme(item, tolerance=tolerance), W30)["tiltak"].cost
    assert cost == CostDeviation(int(plan), int(actual), deviation, level)
    assert cost.deviation == item.reports[W30].costs.deviation  # the model's own derivation


def test_cost_deviation_needs_both_figures():
    assert cost_deviation(None, None, Decimal(5)) is None
    assert cost_deviation(100, None, Decimal(5)) is None
    assert cost_deviation(100, 90, Decimal(5)) == CostDeviation(100, 90, -10, CostLevel.UNDER)


def test_only_initiatives_with_a_report_of_the_week_and_the_latest_day():
    a = initiative("a", reports={"2021-uke-30": {"date": "2021-07-28"}})
    b = initiative("b", reports={"2021-uke-20": {}, "2021-uke-30": {"date": "2021-08-02"}})
    c = initiative("c", reports={"2021-uke-20": {}})
    context = report_context(programme(a, b, c), W30)
    assert [i.initiative.id for i in context.initiatives] == ["a", "b"]
    assert context.day == date(2021, 8, 2)  # the latest of its initiatives' days
    with pytest.raises(KeyError):
        context["c"]
    assert [i.initiative.id for i in context.in_group("G")] == ["a", "b"]
    assert report_context(programme(c), W30).day == date(2021, 7, 30)  # none: the Friday


def test_latest_is_each_initiatives_latest_report_up_to_the_week():
    a = initiative("a", reports={"2021-uke-20": {"date": "2021-05-19"}})
    b = initiative("b", reports={"2021-uke-30": {}})
    context = report_context(programme(a, b), W40)
    assert context.initiatives == ()
    latest = context.latest("a")
    assert (latest.week, latest.day) == (W20, date(2021, 5, 19))
    assert context.latest("b").week == W30
    assert context.latest("nobody") is None
    assert report_context(programme(a, b), W20).latest("b") is None  # none so early
    this_week = report_context(programme(a, b), W30)
    assert this_week.latest("b") is this_week["b"]  # this week's own, not a second copy


def test_one_context_per_week_of_the_data():
    p = programme(initiative("a"), initiative("b", reports={"2021-uke-40": {}}))
    assert [c.week for c in report_contexts(p)] == [W20, W30, W40]
    assert [len(c.initiatives) for c in report_contexts(p)] == [1, 1, 1]


def test_every_reader_shows_the_contexts_states(seed):
    """The deck's view, the overview, the timeline and `list` read one context: they agree."""
    view = report_view(seed)
    assert view.date == seed.day
    for shown, item in zip(view.initiatives(), seed.initiatives):
        assert [(r.id, r.state, r.moved) for r in shown.status.milestones] == states(item)
        assert (shown.status.costs is None) == (item.cost is None)
    rows = {r.initiative_id: r for r in overview(seed).rows}
    assert rows["ny-rekvisisjonspraksis"].overdue == seed["ny-rekvisisjonspraksis"].overdue
    assert rows["selvbetjening-endre"].cost.level is seed["selvbetjening-endre"].cost.level
    lanes = {g.initiative_id: g.lanes for t in timelines(seed) for g in t.groups}
    assert {k: len(v) for k, v in lanes.items()} == {
        i.initiative.id: len(i.milestones) for i in seed.initiatives}
    # `list` shows each initiative as its latest report (uke 37) saw it.
    latest = report_context(seed.programme, max(seed.programme.weeks()))
    assert latest.week == IsoWeek(2021, 37)
    listed = {r.id: r for r in list_overview(seed.programme).initiatives}
    for item in latest.initiatives:
        row = listed[item.initiative.id]
        assert row.overdue == len(item.overdue)
        assert row.moved == sum(m.moved for m in item.milestones)


def test_initiative_context_alone():
    item = initiative(milestones=MILESTONES[:3],
                      reports={"2021-uke-30": {"costs": {"plan": "100", "actual": "120"}}})
    found = initiative_context(item, W30, Decimal(25))
    assert found.cost.level is CostLevel.WITHIN  # 20 % within 25 %
    assert [m.state for m in found.milestones] == [S.DELIVERED, S.DELIVERED_LATE, S.OVERDUE]
    with pytest.raises(KeyError):
        initiative_context(item, W20)  # no report of that week
