"""The initiative model: field types convert the reader's text, derived values are never typed."""

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from statusrapport.data.dates import PlanDate
from statusrapport.data.model import (Costs, Initiative, Kpi, Milestone, Report, previous_week,
                                 report_date, report_period)
from statusrapport.data.weeks import IsoWeek, WeekRef

BASE = {"name": "Selvbetjening – «endre»", "group": "Selvbetjening", "leader": "David Låås"}


def initiative(**fields) -> Initiative:
    return Initiative.model_validate({**BASE, **fields})


def errors(model, data) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(e["loc"], e["msg"]) for e in caught.value.errors()]


def test_deviation_is_actual_minus_plan():
    costs = Costs.model_validate({"plan": "2 900 000", "actual": "2 597 000"})
    assert (costs.plan, costs.actual, costs.deviation) == (2_900_000, 2_597_000, -303_000)
    assert Costs.model_validate({"plan": "100", "actual": "250"}).deviation == 150
    assert Costs.model_validate({"comments": ["Levert iht. budsjett."]}).deviation is None


def test_deviation_cannot_be_typed():
    assert errors(Costs, {"plan": "1", "actual": "2", "deviation": "1"}) == [
        (("deviation",), "Extra inputs are not permitted")]


def test_plan_and_actual_come_together():
    # Located at the one that was given, where the other one belongs.
    assert errors(Costs, {"plan": "5"}) == [(("plan",), "give both plan and actual, or neither")]
    assert errors(Costs, {"actual": "5"}) == [
        (("actual",), "give both plan and actual, or neither")]


@pytest.mark.parametrize("written, value", [
    ("2 900 000", 2_900_000), ("2\u00a0900\u00a0000", 2_900_000), ("2_900_000", 2_900_000),
    ("0", 0), ("010", 10),
])
def test_amounts_in_whole_kroner(written, value):
    assert Costs.model_validate({"plan": written, "actual": "0"}).plan == value


@pytest.mark.parametrize("written", ["-5", "2,25", "2.5", "1e6", ".nan", "mye", "10000000000000"])
def test_amounts_refused(written):
    assert errors(Costs, {"plan": written, "actual": "0"})[0][0] == ("plan",)


@pytest.mark.parametrize("written, value", [
    ("3167", Decimal(3167)), ("3 167", Decimal(3167)), ("2,25", Decimal("2.25")),
    ("1e3", Decimal(1000)), ("-4", Decimal(-4)),
])
def test_kpi_values(written, value):
    kpi = Kpi.model_validate({"name": "Antall", "value": written, "measured": "18.08.2021"})
    assert kpi.value == value and kpi.measured == date(2021, 8, 18)


@pytest.mark.parametrize("written, message", [
    ("NaN", "expected a finite number"), ("inf", "expected a finite number"),
    (".nan", "expected a number, got '.nan'"), ("mange", "expected a number, got 'mange'"),
])
def test_kpi_values_refused(written, message):
    [(loc, text)] = errors(Kpi, {"name": "Antall", "value": written, "measured": "18.08.2021"})
    assert loc == ("value",) and message in text


def milestone(**fields) -> Milestone:
    return Milestone.model_validate({"id": "MP4", "description": "Pilot", **fields})


def test_current_plan_is_the_last_revision():
    assert milestone(planned="01.09.2021").current_plan == PlanDate(2021, 9, 1)
    assert milestone(planned="01.09.2021", revised="21.09.2021").current_plan == \
        PlanDate(2021, 9, 21)
    moved_twice = milestone(planned="01.11.2021", revised=["21.12.2021", "Jan 2022"])
    assert moved_twice.current_plan == PlanDate(2022, 1)
    assert moved_twice.planned == PlanDate(2021, 11, 1)  # the original stays shown


def test_milestone_states():
    forecast = milestone(planned="01.04.2021", forecast="05.04.2021")
    assert forecast.forecast == PlanDate(2021, 4, 5) and forecast.delivered is None
    assert milestone(planned="01.04.2021", cancelled="true").cancelled
    assert not milestone(planned="01.04.2021", cancelled="NO").cancelled
    assert errors(Milestone, {"id": "MP1", "description": "d", "planned": "Jan 2022",
                              "delivered": "2022-01-10", "cancelled": "true"}) == [
        (("cancelled",), "a milestone cannot be both delivered and cancelled")]


def test_delivered_must_be_a_day():
    [(loc, message)] = errors(Milestone, {"id": "MP1", "description": "d", "planned": "Jan 2022",
                                          "delivered": "Jan 2022"})
    assert loc == ("delivered",) and "expected a date such as" in message


def test_text_is_stripped_and_bullets_have_a_short_form():
    report = Report.model_validate({
        "done": ["  Fulgt opp  ", {"text": "Tilbakemeldinger:", "items": ["373 svar"]}]})
    assert [b.text for b in report.done] == ["Fulgt opp", "Tilbakemeldinger:"]
    assert report.done[1].items == ["373 svar"]


def test_period_error_is_located_at_the_period():
    assert errors(Report, {"period": "blah"}) == [
        (("period",), "Value error, expected a period such as 'uke 22 – 33', got 'blah'")]


def test_initiative_id_comes_from_the_file_not_the_data():
    assert "id" not in initiative().model_dump()


def test_reports_keyed_by_iso_week():
    item = initiative(reports={"2021-uke-21": {}, "2021-uke-33": {}})
    assert list(item.reports) == [IsoWeek(2021, 21), IsoWeek(2021, 33)]


def test_two_keys_for_one_week_are_an_error_at_the_second():
    # Both spell week 33: the second would silently replace the first report.
    assert errors(Initiative, {**BASE, "reports": {"2021-uke-33": {}, "2021-W33": {}}}) == [
        (("reports", "2021-W33", "[key]"),
         "the same week as '2021-uke-33'; keep one report per week")]


@pytest.mark.parametrize("key, message", [
    ("uke-33", "a report key names its year, e.g. 2021-uke-33"),
    ("2021-uke-99", "2021 has no week 99"),
    ("2021-uke-53", "2021 has no week 53"),
])
def test_report_keys_refused(key, message):
    [(loc, text)] = errors(Initiative, {**BASE, "reports": {key: {}}})
    assert loc == ("reports", key, "[key]") and message in text


def test_report_period_as_written():
    item = initiative(reports={"2021-uke-33": {"period": "uke 22 – 33"}})
    assert report_period(item, IsoWeek(2021, 33)) == (IsoWeek(2021, 22), IsoWeek(2021, 33))


def test_report_period_derived_from_the_previous_report():
    item = initiative(reports={"2021-uke-21": {}, "2021-uke-33": {}})
    assert report_period(item, IsoWeek(2021, 33)) == (IsoWeek(2021, 22), IsoWeek(2021, 33))
    # The first report covers its own week.
    assert report_period(item, IsoWeek(2021, 21)) == (IsoWeek(2021, 21), IsoWeek(2021, 21))
    assert previous_week(item, IsoWeek(2021, 33)) == IsoWeek(2021, 21)
    assert previous_week(item, IsoWeek(2021, 21)) is None


def test_report_period_crossing_new_year():
    written = initiative(reports={"2022-uke-2": {"period": "uke 45 – 2"}})
    assert report_period(written, IsoWeek(2022, 2)) == (IsoWeek(2021, 45), IsoWeek(2022, 2))
    derived = initiative(reports={"2021-uke-44": {}, "2022-uke-2": {}})
    assert report_period(derived, IsoWeek(2022, 2)) == (IsoWeek(2021, 45), IsoWeek(2022, 2))
    with_years = initiative(reports={"2022-uke-2": {"period": "uke 45 (2021) – uke 2 (2022)"}})
    assert report_period(with_years, IsoWeek(2022, 2)) == (IsoWeek(2021, 45), IsoWeek(2022, 2))
    after_week_53 = initiative(reports={"2020-uke-53": {}, "2021-uke-2": {}})
    assert report_period(after_week_53, IsoWeek(2021, 2)) == (IsoWeek(2021, 1), IsoWeek(2021, 2))


def test_report_date_is_its_own_or_the_friday_of_its_week():
    assert report_date(IsoWeek(2021, 33), Report.model_validate({"date": "18.08.2021"})) == \
        date(2021, 8, 18)
    assert report_date(IsoWeek(2021, 33), Report()) == date(2021, 8, 20)


@pytest.mark.parametrize("written, asks", [
    ("12.480", "'12.480' is ambiguous: write 12 480 (thousands grouped by spaces) or 12,48 "
               "(a decimal comma)"),
    ("1.000", "write 1 000 (thousands grouped by spaces) or 1,0 (a decimal comma)"),
    ("1.234.567", "'1.234.567': write 1 234 567 (thousands grouped by spaces)"),
    ("-3.500", "write -3 500"),
])
def test_a_figure_with_a_dot_before_three_digits_is_ambiguous(written, asks):
    [(loc, text)] = errors(Kpi, {"name": "Antall", "value": written, "measured": "18.08.2021"})
    assert loc == ("value",) and asks in text


@pytest.mark.parametrize("written, value", [
    ("12 480", Decimal(12480)), ("12,48", Decimal("12.48")), ("12.48", Decimal("12.48")),
    ("0.480", Decimal("0.48")), ("12.4800", Decimal("12.48")), ("1.5", Decimal("1.5")),
])
def test_figures_that_read_one_way_only_stay_accepted(written, value):
    kpi = Kpi.model_validate({"name": "Antall", "value": written, "measured": "18.08.2021"})
    assert kpi.value == value


def test_a_kpi_carries_its_earlier_figure_and_a_target():
    kpi = Kpi.model_validate({"name": "Antall", "value": "12 480", "measured": "14.01.22",
                              "earlier": {"value": "8911", "week": "uke 45"},
                              "target": "15 000"})
    assert kpi.earlier.value == 8911 and kpi.earlier.week == WeekRef(45)
    assert kpi.earlier.measured is None and kpi.target == 15000
    dated = Kpi.model_validate({"name": "Antall", "value": "1", "measured": "14.01.22",
                                "earlier": {"value": "2", "measured": "12.11.21"}})
    assert dated.earlier.measured == date(2021, 11, 12)


def test_an_earlier_figure_says_when_it_was_measured():
    assert errors(Kpi, {"name": "Antall", "value": "1", "measured": "14.01.22",
                        "earlier": {"value": "2"}}) == [
        (("earlier",), "Value error, say when the earlier value was measured: measured (a date) "
                       "or week (uke-45)")]
    [(loc, _)] = errors(Kpi, {"name": "Antall", "value": "1", "measured": "14.01.22",
                              "earlier": {"value": "2", "week": "uke 60"}})
    assert loc == ("earlier", "week")


def test_the_programme_files_choices_have_the_seeds_defaults():
    from statusrapport.data.model import ProgrammeFile

    base = {"programme": "P", "groups": [{"name": "G", "initiatives": ["a"]}]}
    plain = ProgrammeFile.model_validate(base)
    assert (plain.kpi_comparison, plain.cancelled_label, plain.no_progress_label,
            plain.overview_cost_comment) == ("date", None, None, False)  # None: the language's
    own = ProgrammeFile.model_validate({**base, "kpi_comparison": "week",
                                        "cancelled_label": "utgår",
                                        "no_progress_label": "Ingen nye punkter",
                                        "overview_cost_comment": "true"})
    assert (own.kpi_comparison, own.cancelled_label, own.no_progress_label,
            own.overview_cost_comment) == ("week", "utgår", "Ingen nye punkter", True)
    assert errors(ProgrammeFile, {**base, "kpi_comparison": "uke"})[0][0] == ("kpi_comparison",)
