"""Norwegian formatting of dates, amounts, figures and weeks: one place, for deck and terminal alike."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from statusrapport.data.dates import MONTHS, PlanDate
from statusrapport.data.weeks import IsoWeek

NBSP = "\u00a0"  # thousands are grouped with a no-break space, so a number never wraps
MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Des")


def short_date(day: date) -> str:
    """18.08.21"""
    return f"{day:%d.%m.%y}"


def plan_date(value: PlanDate) -> str:
    """30.11.19, or "Jan 2022" for a date known only to the month."""
    if value.day is None:
        return f"{MONTH_SHORT[value.month - 1]} {value.year}"
    return short_date(value.deadline)


def group_thousands(digits: str) -> str:
    """Språkrådet's rule: group by a space from five digits on ("3167", "12 345", "2 900 000")."""
    if len(digits) <= 4:
        return digits
    head = len(digits) % 3 or 3
    return NBSP.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def amount(kroner: int, *, signed: bool = False) -> str:
    """2 900 000; -303 000. Amounts always group thousands, so columns line up."""
    digits = f"{abs(kroner):,}".replace(",", NBSP)
    sign = "-" if kroner < 0 else ("+" if signed and kroner > 0 else "")
    return sign + digits


def figure(value: Decimal, unit: str = "") -> str:
    """A KPI figure: 3167, 12 345, 99,5 %, with a decimal comma."""
    sign = "-" if value < 0 else ""
    text = format(abs(value).normalize(), "f")
    whole, _, fraction = text.partition(".")
    out = sign + group_thousands(whole) + ("," + fraction if fraction else "")
    return f"{out}{NBSP}{unit}" if unit else out


def mnok(kroner: int) -> str:
    """2,25 MNOK: millions with up to two decimals and a decimal comma."""
    millions = Decimal(kroner) / Decimal(1_000_000)
    text = format(millions.quantize(Decimal("0.01")).normalize(), "f")
    return text.replace(".", ",") + f"{NBSP}MNOK"


def budget_total(kroner: int, vat_included: bool | None) -> str:
    vat = {True: " inkl. mva.", False: " ekskl. mva.", None: ""}[vat_included]
    return f"Totalbudsjett for tiltaket: {mnok(kroner)}{vat}"


def costs_as_of(day: date) -> str:
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return f"Status økonomi er per utgangen av {MONTHS[day.month - 1]} {day.year}."
    return f"Status økonomi er per {short_date(day)}."


def period(start: IsoWeek, end: IsoWeek) -> str:
    """Uke 22 – 33; one week alone: Uke 33."""
    if start == end:
        return f"Uke {end.week}"
    return f"Uke {start.week} – {end.week}"


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
    return format(value.quantize(Decimal("0.1")), "f").replace(".", ",") + f"{NBSP}%"
