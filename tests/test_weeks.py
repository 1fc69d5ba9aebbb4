"""ISO weeks: report keys, periods that cross a new year, and `uke-33` resolved against the data."""

import pytest

from statusrapport.data.dates import parse_day
from statusrapport.data.model import resolve_week_ref
from statusrapport.data.weeks import IsoWeek, WeekRef, parse_period, parse_week_key, weeks_in_year


def test_iso_week_knows_which_years_have_week_53():
    assert weeks_in_year(2020) == 53
    assert weeks_in_year(2021) == 52
    IsoWeek(2020, 53)
    with pytest.raises(ValueError, match="2021 has no week 53"):
        IsoWeek(2021, 53)
    with pytest.raises(ValueError, match="2021 has no week 0"):
        IsoWeek(2021, 0)


def test_iso_week_of_a_day_and_its_names():
    week = IsoWeek.of(parse_day("2021-08-18"))
    assert week == IsoWeek(2021, 33)
    assert week.key == "2021-uke-33" == str(week)
    assert week.short == "uke-33"
    assert week.day(1).isoformat() == "2021-08-16"
    assert week.day(5).isoformat() == "2021-08-20"
    # 1 January 2021 belongs to the last ISO week of 2020.
    assert IsoWeek.of(parse_day("2021-01-01")) == IsoWeek(2020, 53)


def test_next_week_crosses_the_new_year():
    assert IsoWeek(2021, 33).next() == IsoWeek(2021, 34)
    assert IsoWeek(2021, 52).next() == IsoWeek(2022, 1)
    assert IsoWeek(2020, 52).next() == IsoWeek(2020, 53)
    assert IsoWeek(2020, 53).next() == IsoWeek(2021, 1)


@pytest.mark.parametrize("text, expected", [
    ("uke-33", WeekRef(33)),
    ("uke 33", WeekRef(33)),
    ("Uke33", WeekRef(33)),
    ("w33", WeekRef(33)),
    ("week 5", WeekRef(5)),
    ("2021-uke-33", WeekRef(33, 2021)),
    ("2021 uke 33", WeekRef(33, 2021)),
    ("2021-W33", WeekRef(33, 2021)),
    ("2020-uke-53", WeekRef(53, 2020)),
])
def test_week_ref_forms(text, expected):
    assert WeekRef.parse(text) == expected


@pytest.mark.parametrize("text, message", [
    ("33", "expected a week such as uke-33 or 2021-uke-33, got '33'"),
    ("uke-", "expected a week such as"),
    ("uke-99", "there is no week 99"),
    ("uke-0", "there is no week 0"),
    ("2021-uke-53", "2021 has no week 53"),
    ("2021-uke-99", "2021 has no week 99"),
    ("0221-uke-33", "the year 221 is outside 1900–2100"),
])
def test_week_ref_refused(text, message):
    with pytest.raises(ValueError) as caught:
        WeekRef.parse(text)
    assert message in str(caught.value)


def test_report_key_names_its_year():
    assert parse_week_key("2021-uke-33") == IsoWeek(2021, 33)
    with pytest.raises(ValueError, match="a report key names its year, e.g. 2021-uke-33"):
        parse_week_key("uke-33")


@pytest.mark.parametrize("text, start, end", [
    ("uke 22 – 33", WeekRef(22), WeekRef(33)),
    ("Uke 22 – 33", WeekRef(22), WeekRef(33)),
    ("uke 22 - 33", WeekRef(22), WeekRef(33)),
    ("uke 22-33", WeekRef(22), WeekRef(33)),
    ("22 til 33", WeekRef(22), WeekRef(33)),
    ("uke-45 – uke-2", WeekRef(45), WeekRef(2)),
    ("uke 45 – 2", WeekRef(45), WeekRef(2)),
    ("2021-uke-45 – 2022-uke-2", WeekRef(45, 2021), WeekRef(2, 2022)),
    ("2021-uke-45-2022-uke-2", WeekRef(45, 2021), WeekRef(2, 2022)),
    ("uke 33", WeekRef(33), None),
    # Across new year, with each week's year after it, as offices write it.
    ("uke 45 2021 – uke 2 2022", WeekRef(45, 2021), WeekRef(2, 2022)),
    ("uke 45 (2021) – uke 2 (2022)", WeekRef(45, 2021), WeekRef(2, 2022)),
    ("Uke 45 (2021) – 2 (2022)", WeekRef(45, 2021), WeekRef(2, 2022)),  # as the deck shows it
    ("uke 45 (2021)-uke 2 (2022)", WeekRef(45, 2021), WeekRef(2, 2022)),
    ("uke 45/2021 – uke 2/2022", WeekRef(45, 2021), WeekRef(2, 2022)),
    ("45/2021 - 2/2022", WeekRef(45, 2021), WeekRef(2, 2022)),
    ("uke 45, 2021 – uke 2, 2022", WeekRef(45, 2021), WeekRef(2, 2022)),
    ("uke 45 i 2021 til uke 2 i 2022", WeekRef(45, 2021), WeekRef(2, 2022)),
    ("uke 45 – uke 2 2022", WeekRef(45), WeekRef(2, 2022)),
])
def test_period_forms(text, start, end):
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize("text, message", [
    ("blah", "expected a period such as 'uke 22 – 33', got 'blah'"),
    # The user's text is quoted, not the piece the parser split off ("uke-blah").
    ("uke 22 – blah", "got 'uke 22 – blah'"),
    ("uke 22 – 33 – 44", "expected a period such as"),
    ("uke 60 – 33", "there is no week 60"),
    ("uke 45 (2021 – uke 2 (2022)", "got 'uke 45 (2021 – uke 2 (2022)'"),
    ("uke 53 (2021) – uke 2 (2022)", "2021 has no week 53"),
])
def test_period_refused(text, message):
    with pytest.raises(ValueError) as caught:
        parse_period(text)
    assert message in str(caught.value)


def test_period_crossing_new_year_resolves_backwards_from_its_end():
    start, end = parse_period("uke 45 – 2")
    end_week = end.nearest_to(IsoWeek(2022, 2))
    assert end_week == IsoWeek(2022, 2)
    assert start.latest_not_after(end_week) == IsoWeek(2021, 45)
    # A start in the same year as the end stays in that year.
    assert WeekRef(1).latest_not_after(IsoWeek(2022, 2)) == IsoWeek(2022, 1)
    # Week 53 is looked for in the latest year that has it.
    assert WeekRef(53).latest_not_after(IsoWeek(2022, 2)) == IsoWeek(2020, 53)


def test_nearest_to_picks_the_closest_year():
    assert WeekRef(52).nearest_to(IsoWeek(2022, 1)) == IsoWeek(2021, 52)
    assert WeekRef(1).nearest_to(IsoWeek(2021, 52)) == IsoWeek(2022, 1)
    assert WeekRef(33).nearest_to(IsoWeek(2021, 33)) == IsoWeek(2021, 33)
    assert WeekRef(33, 2019).nearest_to(IsoWeek(2021, 33)) == IsoWeek(2019, 33)


def test_week_53_far_from_any_long_year_still_resolves():
    # 2022, 2023 and 2024 have 52 weeks: this used to be min() of nothing, a traceback.
    assert WeekRef(53).nearest_to(IsoWeek(2023, 10)) == IsoWeek(2020, 53)


DATA = [IsoWeek(2021, 21), IsoWeek(2021, 33), IsoWeek(2022, 2)]


@pytest.mark.parametrize("text, expected", [
    ("uke-33", IsoWeek(2021, 33)),
    ("uke 33", IsoWeek(2021, 33)),
    ("2021-uke-33", IsoWeek(2021, 33)),
    ("uke-2", IsoWeek(2022, 2)),
])
def test_uke_33_is_the_one_week_33_of_the_data(text, expected):
    assert resolve_week_ref(text, DATA) == expected


def test_week_not_in_the_data_lists_the_weeks_there_are():
    with pytest.raises(ValueError) as caught:
        resolve_week_ref("uke-34", DATA)
    assert str(caught.value) == ("there is no report for uke-34; reports in the data: "
                                 "2021-uke-21, 2021-uke-33, 2022-uke-2")
    with pytest.raises(ValueError, match="there is no report for 2020-uke-33"):
        resolve_week_ref("2020-uke-33", DATA)
    with pytest.raises(ValueError, match="reports in the data: none"):
        resolve_week_ref("uke-33", [])


def test_week_in_two_years_is_ambiguous_without_its_year():
    data = [IsoWeek(2021, 33), IsoWeek(2022, 33)]
    with pytest.raises(ValueError) as caught:
        resolve_week_ref("uke-33", data)
    assert str(caught.value) == ("uke-33 is ambiguous: the data has 2021-uke-33 and 2022-uke-33; "
                                 "write e.g. 2022-uke-33")
    assert resolve_week_ref("2022-uke-33", data) == IsoWeek(2022, 33)
