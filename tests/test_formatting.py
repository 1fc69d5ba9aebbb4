from datetime import date
from decimal import Decimal

import pytest

from statusrapport.report import formatting as fmt
from statusrapport.data.dates import PlanDate
from statusrapport.data.weeks import IsoWeek

S = fmt.NBSP


@pytest.mark.parametrize("kroner, text", [
    (0, "0"), (950, "950"), (2_900_000, f"2{S}900{S}000"), (-303_000, f"-303{S}000"),
    (1_000, f"1{S}000"),
])
def test_amounts_group_thousands_with_a_no_break_space(kroner, text):
    assert fmt.amount(kroner) == text


@pytest.mark.parametrize("kroner, text", [
    (2_250_000, f"2,25{S}MNOK"), (4_800_000, f"4,8{S}MNOK"), (3_500_000, f"3,5{S}MNOK"),
    (1_000_000, f"1{S}MNOK"), (1_234_567, f"1,23{S}MNOK"), (250_000, f"0,25{S}MNOK"),
])
def test_millions_use_a_decimal_comma_and_no_trailing_zeros(kroner, text):
    assert fmt.mnok(kroner) == text


def test_budget_total_says_whether_vat_is_included():
    assert fmt.budget_total(2_250_000, True) == f"Totalbudsjett for tiltaket: 2,25{S}MNOK inkl. mva."
    assert fmt.budget_total(3_500_000, False).endswith("ekskl. mva.")
    assert fmt.budget_total(3_500_000, None) == f"Totalbudsjett for tiltaket: 3,5{S}MNOK"


@pytest.mark.parametrize("value, unit, text", [
    ("3167", "", "3167"), ("12345", "", f"12{S}345"), ("99.5", "%", f"99,5{S}%"),
    ("-4", "", "-4"), ("1000000.250", "", f"1{S}000{S}000,25"),
])
def test_figures_group_from_five_digits(value, unit, text):
    assert fmt.figure(Decimal(value), unit) == text


def test_dates_in_tables_are_dd_mm_yy_and_months_are_named():
    assert fmt.short_date(date(2019, 11, 30)) == "30.11.19"
    assert fmt.plan_date(PlanDate(2021, 9, 21)) == "21.09.21"


@pytest.mark.parametrize("written, shown", [
    ("Jan 2022", "Jan 2022"),  # the seed's own form: abbreviated, it stays abbreviated
    ("jan. 2022", "Jan 2022"),
    ("mars 2022", "mars 2022"),  # written out: its Norwegian name, in lower case
    ("Mars 2022", "mars 2022"),
    ("2022-03", "mars 2022"),
    ("05.2022", "mai 2022"),
    ("Q1 2022", "1. kv. 2022"),
    ("4. kvartal 2021", "4. kv. 2021"),
    ("31.01.22", "31.01.22"),
])
def test_months_and_quarters_are_shown_in_norwegian(written, shown):
    assert fmt.plan_date(PlanDate.parse(written)) == shown


def test_costs_as_of_reads_as_end_of_month_when_it_is():
    assert fmt.costs_as_of(date(2021, 7, 31)) == "Status økonomi er per utgangen av juli 2021."
    assert fmt.costs_as_of(date(2021, 7, 15)) == "Status økonomi er per 15.07.21."


def test_period_across_new_year_and_single_week():
    assert fmt.period(IsoWeek(2021, 22), IsoWeek(2021, 33)) == "Uke 22 – 33"
    assert fmt.period(IsoWeek(2021, 45), IsoWeek(2022, 2)) == "Uke 45 (2021) – 2 (2022)"
    assert fmt.period(IsoWeek(2021, 33), IsoWeek(2021, 33)) == "Uke 33"


def test_percent_of_plan():
    assert fmt.percent(-303_000, 2_900_000) == f"-10,4{S}%"
    assert fmt.percent(5, 0) == "–"
