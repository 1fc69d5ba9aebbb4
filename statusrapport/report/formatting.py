"""Formatting of dates, amounts, figures and weeks in the words in force (statusrapport.words):
one place, for deck and terminal alike."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from statusrapport.data.dates import PlanDate
from statusrapport.data.weeks import IsoWeek
from statusrapport.words import current

NBSP = "\u00a0"  # between a figure and its unit, so the two never wrap apart


def short_date(day: date) -> str:
    """18.08.21 (bokmål, nynorsk); 18 Aug 2021 (English)"""
    words = current()
    return words.date_format.format(day=day.day, month=day.month, yy=day.year % 100,
                                    year=day.year, mon=words.month_short[day.month - 1])


def plan_date(value: PlanDate) -> str:
    """30.11.19; a month as the office wrote it: "Jan 2022" abbreviated (the seed's form), else
    by its name, "mars 2022"; a quarter "1. kv. 2022"."""
    if value.quarter:
        return current().quarter.format(quarter=value.quarter_number, year=value.year)
    if value.day is None:
        words = current()
        names = words.month_short if value.abbreviated else words.months
        return f"{names[value.month - 1]} {value.year}"
    return short_date(value.deadline)


def group_thousands(digits: str) -> str:
    """Språkrådet's rule: group by a space from five digits on ("3167", "12 345", "2 900 000")."""
    words = current()
    if len(digits) < words.group_from:
        return digits
    head = len(digits) % 3 or 3
    return words.thousands.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def amount(kroner: int, *, signed: bool = False) -> str:
    """2 900 000; -303 000. Amounts always group thousands, so columns line up."""
    digits = f"{abs(kroner):,}".replace(",", current().thousands)
    sign = "-" if kroner < 0 else ("+" if signed and kroner > 0 else "")
    return sign + digits


def figure(value: Decimal, unit: str = "", *, grouped: bool = False) -> str:
    """A KPI figure: 3167, 12 345, 99,5 %, with a decimal comma; `grouped` groups four digits
    too (8 911), beside a larger figure."""
    sign = "-" if value < 0 else ""
    text = format(abs(value).normalize(), "f")
    whole, _, fraction = text.partition(".")
    digits = (amount(int(whole)) if grouped else group_thousands(whole))
    out = sign + digits + (current().decimal + fraction if fraction else "")
    return f"{out}{NBSP}{unit}" if unit else out


def figures(values: list[Decimal], unit: str = "") -> list[str]:
    """Figures shown side by side, grouped alike: "12 480 (uke 45: 8 911)", not "… 8911"; the
    rule of `figure` decided by the largest of them, so "3167 (26.05.21: 1944)" stays."""
    group_from = current().group_from
    grouped = any(len(format(abs(v).normalize(), "f").partition(".")[0]) >= group_from
                  for v in values)
    return [figure(v, unit, grouped=grouped) for v in values]


PERCENT_UNITS = ("%", "prosent", "percent")


def is_percentage(unit: str) -> bool:
    return unit.strip().lower() in PERCENT_UNITS


def figure_change(delta: Decimal, unit: str = "") -> str:
    """+1223; a change of a percentage in percentage points: 33 % to 41 % is "+8 pp", not
    "+8 %" (which would read as a rise by 8 per cent of 33)."""
    sign = "+" if delta > 0 else ""
    if is_percentage(unit):
        return f"{sign}{figure(delta)}{NBSP}{current().points}"
    return sign + figure(delta, unit)


def mnok(kroner: int) -> str:
    """2,25 MNOK: millions with up to two decimals and a decimal comma."""
    millions = Decimal(kroner) / Decimal(1_000_000)
    text = format(millions.quantize(Decimal("0.01")).normalize(), "f")
    return text.replace(".", current().decimal) + f"{NBSP}MNOK"


def budget_total(kroner: int, vat_included: bool | None) -> str:
    words = current()
    vat = {True: words.vat_included, False: words.vat_excluded, None: ""}[vat_included]
    return words.budget_total.format(amount=mnok(kroner), vat=vat)


def costs_as_of(day: date) -> str:
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        words = current()
        return words.costs_as_of_month.format(month=words.months[day.month - 1], year=day.year)
    return current().costs_as_of_day.format(day=short_date(day))


def week_label(week: IsoWeek, beside: IsoWeek) -> str:
    """uke 45; with its year when it is not the year of the report beside it: uke 45 2021
    (no parentheses: the label stands inside the comparison's own)."""
    words = current()
    if week.year == beside.year:
        return words.week_short.format(week=week.week)
    return words.week_label.format(week=week.week, year=week.year)


def period(start: IsoWeek, end: IsoWeek) -> str:
    """Uke 22 – 33; one week alone: Uke 33; across a new year with both years:
    Uke 45 (2021) – 2 (2022)."""
    if start == end:
        return current().period_one.format(week=end.week)
    if start.year != end.year:
        return current().period_years.format(start=start.week, start_year=start.year,
                                             end=end.week, end_year=end.year)
    return current().period_range.format(start=start.week, end=end.week)


IDS_SHOWN = 3  # an overview lists this many milestone ids of a state, then counts the rest


def id_list(ids: tuple[str, ...] | list[str], shown: int = IDS_SHOWN) -> str:
    """MP1, MP2, MP3 +27: the first `shown` ids and how many more, so that an overview row stays
    short however many milestones an initiative has (the status slides list them all)."""
    head = ", ".join(ids[:shown])
    return f"{head} +{len(ids) - shown}" if len(ids) > shown else head


def percent(part: int, whole: int) -> str:
    if whole == 0:
        return "–"
    value = Decimal(part * 100) / Decimal(whole)
    return format(value.quantize(Decimal("0.1")), "f").replace(".", current().decimal) + f"{NBSP}%"
