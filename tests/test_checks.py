"""data/checks.py: the warnings, each located by its key path, on initiatives made in the test."""

from __future__ import annotations

from statusrapport.data.checks import DRAFT_MARKER, findings
from statusrapport.data.model import Initiative
from statusrapport.data.weeks import parse_week_key

W21, W33 = parse_week_key("2021-uke-21"), parse_week_key("2021-uke-33")


def initiative(**fields) -> Initiative:
    return Initiative.model_validate({"name": "Tiltak", "group": "Gruppe", "leader": "Leder",
                                      **fields})


def found(item: Initiative, week=W33) -> dict[tuple, str]:
    return dict(findings(item, week))


def test_a_clean_initiative_has_no_findings():
    item = initiative(milestones=[{"id": "MP1", "description": "x", "planned": "01.03.2021",
                                   "delivered": "01.03.2021"}],
                      reports={"2021-uke-21": {}, "2021-uke-33": {"done": ["Gjort."]}})
    assert found(item) == {}


def test_a_milestone_id_used_twice_names_the_first():
    item = initiative(milestones=[{"id": "MP1", "description": "a", "planned": "01.03.2021"},
                                  {"id": "MP1", "description": "b", "planned": "01.04.2021"}])
    assert found(item, None) == {
        ("milestones", 1, "id"): "milestone ID MP1 is used twice (also milestones[0])"}


def test_costs_without_as_of():
    item = initiative(reports={"2021-uke-33": {"costs": {"plan": "100", "actual": "90"}}})
    assert found(item)[("reports", "2021-uke-33", "costs")].startswith("costs without as_of")


def test_a_period_that_ends_before_or_after_the_reports_week():
    for period, end in (("uke 30 – 31", 31), ("uke 33 – 34", 34)):
        item = initiative(reports={"2021-uke-33": {"period": period}})
        assert found(item)[("reports", "2021-uke-33", "period")] == (
            f"the period ends at uke {end}, not at the report's own week 33")
    across_the_new_year = initiative(reports={"2021-uke-33": {"period": "uke 35 – 33"}})
    assert found(across_the_new_year) == {}  # 2020's uke 35 to 2021's uke 33


def test_a_period_that_does_not_follow_the_previous_report():
    item = initiative(reports={"2021-uke-21": {}, "2021-uke-33": {"period": "uke 20 – 33"}})
    assert found(item)[("reports", "2021-uke-33", "period")] == (
        "the period starts at uke 20, but the previous report is uke 21: it should start at "
        "uke 22")


def test_a_draft_item_left_in_done_is_located_at_its_index():
    item = initiative(reports={"2021-uke-33": {"done": ["Gjort.", f"{DRAFT_MARKER} Planlagt."]}})
    message = found(item)[("reports", "2021-uke-33", "done", 1)]
    assert message.startswith(DRAFT_MARKER) and "delete the item" in message


def test_a_delivery_after_the_report_is_checked_for_the_latest_report_asked():
    milestones = [{"id": "MP1", "description": "x", "planned": "01.08.2021",
                   "delivered": "20.08.2021"}]
    item = initiative(milestones=milestones, reports={"2021-uke-21": {}, "2021-uke-33": {}})
    assert ("milestones", 0, "delivered") not in found(item)  # on uke 33's Friday: in time
    # After uke 21's report, but uke 33's reported it (uke 21's deck does not show it).
    assert ("milestones", 0, "delivered") not in found(item, W21)
    alone = initiative(milestones=milestones, reports={"2021-uke-21": {}})
    late = found(alone, W21)[("milestones", 0, "delivered")]
    assert late == "delivered 20.08.2021, after the report of 2021-uke-21 (28.05.2021)"
    assert ("milestones", 0, "delivered") not in found(item, None)
