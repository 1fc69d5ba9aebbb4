"""Dates as programme officers write them: ISO or Norwegian, to the day or only to the month."""

from datetime import date

import pytest

from statusrapport.data.dates import PlanDate, parse_day


@pytest.mark.parametrize("text, expected", [
    ("2021-08-18", date(2021, 8, 18)),
    ("18.08.2021", date(2021, 8, 18)),
    ("8.8.2021", date(2021, 8, 8)),
    ("2021-8-8", date(2021, 8, 8)),
    ("  18.08.2021 ", date(2021, 8, 18)),
    ("29.02.2024", date(2024, 2, 29)),  # a leap year
    # Two digits are this century's year, as the deck itself writes its dates.
    ("31.01.22", date(2022, 1, 31)),
    ("18.08.21", date(2021, 8, 18)),
    ("1.2.00", date(2000, 2, 1)),
    ("31.12.99", date(2099, 12, 31)),
])
def test_day_iso_and_norwegian(text, expected):
    assert parse_day(text) == expected


@pytest.mark.parametrize("text, message", [
    ("2021-02-30", "'2021-02-30' is not a date in the calendar"),
    ("29.02.2021", "'29.02.2021' is not a date in the calendar"),
    ("31.04.2021", "is not a date in the calendar"),
    ("2021-13-01", "is not a date in the calendar"),
    ("18.08.021", "expected a date such as 2021-08-18, 18.08.2021 or 18.08.21, got '18.08.021'"),
    ("29.02.21", "'29.02.21' is not a date in the calendar"),
    ("08/18/2021", "expected a date such as"),
    ("Jan 2022", "expected a date such as"),  # a month is not a day
    ("", "expected a date such as"),
    ("0221-08-18", "the year 221 is outside 1900–2100; a typo?"),
    ("18.08.9999", "the year 9999 is outside"),
])
def test_day_refused(text, message):
    with pytest.raises(ValueError) as caught:
        parse_day(text)
    assert message in str(caught.value)


@pytest.mark.parametrize("text, expected", [
    ("2021-09-21", PlanDate(2021, 9, 21)),
    ("21.09.2021", PlanDate(2021, 9, 21)),
    ("Jan 2022", PlanDate(2022, 1)),
    ("jan. 2022", PlanDate(2022, 1)),
    ("januar 2022", PlanDate(2022, 1)),
    ("Januar 2022", PlanDate(2022, 1)),
    ("sept 2021", PlanDate(2021, 9)),
    ("Des 2021", PlanDate(2021, 12)),
    ("mai 2021", PlanDate(2021, 5)),
    ("2022-01", PlanDate(2022, 1)),
    ("01.2022", PlanDate(2022, 1)),
    ("1.2022", PlanDate(2022, 1)),
    ("31.01.22", PlanDate(2022, 1, 31)),
    ("Q1 2022", PlanDate(2022, 3, quarter=True)),
    ("q4-2021", PlanDate(2021, 12, quarter=True)),
    ("2022-Q2", PlanDate(2022, 6, quarter=True)),
    ("1. kvartal 2022", PlanDate(2022, 3, quarter=True)),
    ("3. kv. 2022", PlanDate(2022, 9, quarter=True)),
    ("2 kvartal 2022", PlanDate(2022, 6, quarter=True)),
])
def test_plan_date_to_the_day_or_the_month(text, expected):
    assert PlanDate.parse(text) == expected


@pytest.mark.parametrize("text, message", [
    ("2022-13", "'2022-13' is not a month in the calendar"),
    ("13.2022", "'13.2022' is not a month in the calendar"),
    ("00.2022", "is not a month in the calendar"),
    ("Jnu 2022", "unknown month 'jnu' in 'Jnu 2022'; write e.g. Jan 2022"),
    ("ja 2022", "unknown month 'ja'"),  # too short to be an abbreviation
    ("Jan 22", "expected a date such as 2021-08-18, 18.08.2021 or 18.08.21, a month such as "
               "Jan 2022, januar 2022 or 2022-01, or a quarter such as Q1 2022"),
    ("Q5 2022", "or a quarter such as Q1 2022 or 1. kvartal 2022; got 'Q5 2022'"),
    ("Q1 2222", "the year 2222 is outside"),
    ("2021-02-30", "not a date in the calendar"),
    ("0000-01", "the year 0 is outside"),
    ("Jan 2222", "the year 2222 is outside"),
])
def test_plan_date_refused(text, message):
    with pytest.raises(ValueError) as caught:
        PlanDate.parse(text)
    assert message in str(caught.value)


def test_month_only_deadline_is_the_months_last_day():
    assert PlanDate.parse("Feb 2024").deadline == date(2024, 2, 29)
    assert PlanDate.parse("Feb 2023").deadline == date(2023, 2, 28)
    assert PlanDate.parse("21.09.2021").deadline == date(2021, 9, 21)
    assert PlanDate.parse("Jan 2022").month_only
    assert not PlanDate.parse("21.09.2021").month_only


def test_text_form():
    assert str(PlanDate.parse("Jan 2022")) == "2022-01"
    assert str(PlanDate.parse("1.9.2021")) == "2021-09-01"
    assert PlanDate.of(date(2021, 9, 1)) == PlanDate(2021, 9, 1)


def test_month_only_sorts_after_the_days_of_its_month():
    # The dataclass order compared None with an int and raised TypeError.
    days = [PlanDate(2022, 2, 1), PlanDate(2022, 1), PlanDate(2022, 1, 31), PlanDate(2021, 12)]
    assert sorted(days) == [PlanDate(2021, 12), PlanDate(2022, 1, 31), PlanDate(2022, 1),
                            PlanDate(2022, 2, 1)]
    assert max(days) == PlanDate(2022, 2, 1)
    assert PlanDate(2022, 1) >= PlanDate(2022, 1, 31)
    assert PlanDate(2022, 1) != PlanDate(2022, 1, 31)


def test_a_quarter_is_due_and_ordered_at_its_last_day():
    q1 = PlanDate.parse("Q1 2022")
    assert q1.deadline == date(2022, 3, 31)
    assert PlanDate.parse("Q4 2021").deadline == date(2021, 12, 31)
    assert not q1.month_only
    assert str(q1) == "2022-Q1"
    # After every day and the month of its end, before the next quarter's first day.
    assert sorted([PlanDate(2022, 4, 1), q1, PlanDate(2022, 3), PlanDate(2022, 3, 31)]) == [
        PlanDate(2022, 3, 31), PlanDate(2022, 3), q1, PlanDate(2022, 4, 1)]
    assert q1 != PlanDate(2022, 3)


def test_how_a_month_was_written_is_kept_but_is_not_part_of_the_date():
    assert PlanDate.parse("Jan 2022").abbreviated
    assert PlanDate.parse("jan. 2022").abbreviated
    assert not PlanDate.parse("januar 2022").abbreviated
    assert not PlanDate.parse("2022-01").abbreviated
    assert PlanDate.parse("Jan 2022") == PlanDate.parse("januar 2022")
