"""diff.py: what changed between two reports, or two states of the data."""

from __future__ import annotations

from typing import Any

import pytest

from statusrapport.report.context import report_context
from statusrapport.report.diff import Change, FigureChange, choose_weeks, compare_states
from statusrapport.report import diff as report_diff
from statusrapport.errors import UserError
from statusrapport.data.loader import load
from statusrapport.data.model import Initiative, Programme, ProgrammeFile
from statusrapport.data.weeks import IsoWeek

S = "\u00a0"
W20, W30 = IsoWeek(2021, 20), IsoWeek(2021, 30)


def initiative(id_: str = "tiltak", **fields: Any) -> Initiative:
    data = {"name": "Tiltak", "group": "G", "leader": "Kari", "milestones": [],
            "reports": {"2021-uke-20": {"date": "2021-05-21"},
                        "2021-uke-30": {"date": "2021-07-30"}}}
    data.update(fields)
    return Initiative.model_validate(data).model_copy(update={"id": id_})


def programme(*initiatives: Initiative) -> Programme:
    groups = ProgrammeFile.model_validate(
        {"programme": "P", "groups": [{"name": "G", "initiatives": [i.id for i in initiatives]}]})
    return Programme("P", groups.groups, list(initiatives))


def compare_reports(p: Programme, old: IsoWeek, new: IsoWeek):
    """diff.compare_reports on the contexts of the two weeks, as the CLI calls it."""
    return report_diff.compare_reports(report_context(p, old), report_context(p, new))


def changes(diff, initiative_id="tiltak"):
    item = next(i for i in diff.initiatives if i.initiative_id == initiative_id)
    return [(c.change, c.id, c.detail, c.needs_attention) for c in item.milestones]


def test_default_is_the_latest_report_against_the_one_before():
    p = programme(initiative(reports={"2021-uke-10": {}, "2021-uke-20": {}, "2021-uke-30": {}}))
    assert choose_weeks(p, None, None) == (W20, W30)
    assert choose_weeks(p, "uke-10", None) == (IsoWeek(2021, 10), W30)
    assert choose_weeks(p, "uke-10", "uke-20") == (IsoWeek(2021, 10), W20)
    assert choose_weeks(p, None, "uke-20") == (IsoWeek(2021, 10), W20)


@pytest.mark.parametrize("old, new, message", [
    ("uke-30", "uke-20", "is not before"),
    ("uke-30", None, "is not before"),
    ("uke-40", None, "there is no report for uke-40"),
    (None, "uke-10", "there is no report for uke-10"),
])
def test_choose_weeks_refuses(old, new, message):
    with pytest.raises(UserError, match=message):
        choose_weeks(programme(initiative()), old, new)


def test_one_report_has_nothing_to_compare_with():
    with pytest.raises(UserError, match="first report"):
        choose_weeks(programme(initiative(reports={"2021-uke-20": {}})), None, None)


def test_delivered_and_overdue_between_two_reports_of_the_same_data():
    milestones = [
        {"id": "M1", "description": "før", "planned": "2021-05-01", "delivered": "2021-05-01"},
        {"id": "M2", "description": "i tide", "planned": "2021-07-01", "delivered": "2021-06-30"},
        {"id": "M3", "description": "for sent", "planned": "2021-06-01",
         "delivered": "2021-07-10"},
        {"id": "M4", "description": "forfalt", "planned": "2021-07-15"},
        {"id": "M5", "description": "senere", "planned": "2021-12-01"},
        {"id": "M6", "description": "levert etter rapporten", "planned": "2021-07-01",
         "delivered": "2021-08-05"},
    ]
    diff = compare_reports(programme(initiative(milestones=milestones)), W20, W30)
    assert changes(diff) == [
        (Change.DELIVERED, "M2", "30.06.21 (planlagt 01.07.21)", False),
        (Change.DELIVERED, "M3", "10.07.21 (planlagt 01.06.21)", True),
        (Change.OVERDUE, "M4", "planlagt 15.07.21, ikke levert", True),
        # The report of uke 30 did not know of a delivery dated 05.08: overdue then.
        (Change.OVERDUE, "M6", "planlagt 01.07.21, ikke levert", True),
    ]


def test_between_two_states_moved_added_removed_cancelled():
    before = initiative(milestones=[
        {"id": "M1", "description": "a", "planned": "2021-09-01"},
        {"id": "M2", "description": "b", "planned": "2021-10-01"},
        {"id": "M3", "description": "c", "planned": "2021-11-01"},
        {"id": "M4", "description": "d", "planned": "2021-11-01"},
    ])
    after = initiative(milestones=[
        {"id": "M1", "description": "a", "planned": "2021-09-01", "revised": ["2021-09-21"]},
        {"id": "M2", "description": "b", "planned": "2021-10-01", "revised": ["Jan 2022"]},
        {"id": "M4", "description": "d", "planned": "2021-11-01", "cancelled": "true"},
        {"id": "M5", "description": "e", "planned": "2022-02-01"},
    ])
    diff = compare_states(programme(before), programme(after), "HEAD~1 (abc)")
    assert changes(diff) == [
        (Change.MOVED, "M1", "01.09.21 → 21.09.21", False),
        (Change.MOVED, "M2", "01.10.21 → Jan 2022", False),
        (Change.CANCELLED, "M4", "planlagt 01.11.21", False),  # what it was planned for
        (Change.ADDED, "M5", "planlagt 01.02.22", False),
        (Change.REMOVED, "M3", "planlagt 01.11.21", False),
    ]
    assert (diff.old, diff.new) == ("HEAD~1 (abc)", "arbeidskopien")


def test_a_milestone_id_used_twice_is_matched_by_its_place():
    twice = [{"id": "MP2", "description": "første", "planned": "2021-09-01"},
             {"id": "MP2", "description": "andre", "planned": "2021-10-01"}]
    moved = [twice[0], {**twice[1], "revised": ["2021-10-15"]}]
    diff = compare_states(programme(initiative(milestones=twice)),
                          programme(initiative(milestones=moved)), "old")
    item = diff.initiatives[0]
    assert [(c.change, c.description) for c in item.milestones] == [(Change.MOVED, "andre")]


def test_cost_changes_are_signed_and_the_deviation_derived():
    def with_costs(plan, actual):
        return initiative(budget={"total": "4 800 000"}, reports={
            "2021-uke-30": {"costs": {"plan": plan, "actual": actual, "as_of": "2021-07-31"}}})

    diff = compare_states(programme(with_costs("2 000 000", "1 900 000")),
                          programme(with_costs("2 900 000", "2 597 000")), "old")
    assert diff.initiatives[0].costs == (
        FigureChange("Plan/budsjett", f"2{S}000{S}000", f"2{S}900{S}000", f"+900{S}000"),
        FigureChange("Virkelig", f"1{S}900{S}000", f"2{S}597{S}000", f"+697{S}000"),
        FigureChange("Avvik", f"-100{S}000", f"-303{S}000", f"-203{S}000"),
    )


def test_kpi_changes_against_the_last_known_figure():
    p = programme(initiative(reports={
        "2021-uke-10": {"kpis": [{"name": "Reiser", "value": "1944", "measured": "2021-03-12"},
                                 {"name": "Svar", "value": "10", "measured": "2021-03-12"}]},
        "2021-uke-20": {},
        "2021-uke-30": {"kpis": [
            {"name": "Reiser", "value": "3167", "measured": "2021-07-30"},
            {"name": "Andel", "value": "99,5", "unit": "%", "measured": "2021-07-30"}]},
    }))
    item = compare_reports(p, W20, W30).initiatives[0]
    assert item.kpis == (
        FigureChange("Reiser", "1944 (12.03.21)", "3167 (30.07.21)", "+1223"),
        FigureChange("Andel", "", f"99,5{S}% (30.07.21)", ""),
    )


def test_a_percentage_changes_in_points_and_a_comparison_is_grouped_alike():
    p = programme(initiative(reports={
        "2021-uke-20": {"kpis": [{"name": "Andel", "value": "33", "unit": "%",
                                  "measured": "2021-05-21"},
                                 {"name": "Reiser", "value": "8911", "measured": "2021-05-21"}]},
        "2021-uke-30": {"kpis": [{"name": "Andel", "value": "41", "unit": "%",
                                  "measured": "2021-07-30"},
                                 {"name": "Reiser", "value": "12 480", "measured": "2021-07-30"}]},
    }))
    item = compare_reports(p, W20, W30).initiatives[0]
    assert item.kpis == (
        FigureChange("Andel", f"33{S}% (21.05.21)", f"41{S}% (30.07.21)", f"+8{S}pp"),
        FigureChange("Reiser", f"8{S}911 (21.05.21)", f"12{S}480 (30.07.21)", "+3569"),
    )


def test_risks_added_and_removed_ignore_line_breaks():
    def risks(*texts):
        return initiative(reports={"2021-uke-30": {"risks": list(texts)}})

    diff = compare_states(programme(risks("Ressurser hos  NHN.", "Gammel risiko")),
                          programme(risks("Ressurser hos\nNHN.", "Ny risiko")), "old")
    item = diff.initiatives[0]
    assert (item.risks_added, item.risks_removed) == (("Ny risiko",), ("Gammel risiko",))


def test_an_initiative_without_an_earlier_report_is_its_first():
    p = programme(initiative("a"), initiative("b", reports={
        "2021-uke-30": {"risks": ["Risiko"], "costs": {"plan": "10", "actual": "12"}}}))
    diff = compare_reports(p, W20, W30)
    b = diff.initiatives[1]
    assert (b.old, b.note) == ("", "første rapport")
    assert b.risks_added == ("Risiko",)
    assert [(c.name, c.old, c.new, c.change) for c in b.costs] == [
        ("Plan/budsjett", "", "10", ""), ("Virkelig", "", "12", ""), ("Avvik", "", "2", "")]  # as in the deck


def test_no_new_report_since():
    p = programme(initiative("a"), initiative("b", reports={"2021-uke-20": {}}))
    b = compare_reports(p, W20, W30).initiatives[1]
    assert b.note == "ingen ny rapport etter uke 20 2021" and not b.changed


def test_initiatives_new_and_removed_between_states():
    diff = compare_states(programme(initiative("a"), initiative("gone")),
                          programme(initiative("a"), initiative("new", milestones=[
                              {"id": "M1", "description": "x", "planned": "2021-12-01"}])), "old")
    assert diff.removed == ("gone (Tiltak)",)
    new = diff.initiatives[1]
    assert new.note == "nytt tiltak"
    assert [c.change for c in new.milestones] == [Change.ADDED]
    assert not diff.initiatives[0].changed


def test_the_seed(seed_dir):
    loaded = load(seed_dir)
    diff = compare_reports(loaded.programme, *choose_weeks(loaded.programme, "uke-21", "uke-33"))
    assert (diff.old, diff.new) == ("2021-uke-21", "2021-uke-33")
    first = diff.initiatives[0]
    assert (first.old, first.new) == ("uke 21 (26.05.21)", "uke 33 (18.08.21)")
    assert [(k.name, k.change) for k in first.kpis] == [("Antall avbestilte reiser", "+1223"),
                                                       ("Antall bekreftede reiser", "+2545")]
    assert not first.milestones
    assert [i.note for i in diff.initiatives[1:]] == ["første rapport", "første rapport"]
    # By default the latest report (the seed's second, uke 37) against the one before it.
    assert [w.key for w in choose_weeks(loaded.programme, None, None)] == [
        "2021-uke-33", "2021-uke-37"]
