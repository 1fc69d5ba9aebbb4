"""Dates as programme officers write them: ISO or Norwegian, to the day, the month or the quarter."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from datetime import date

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni",
          "juli", "august", "september", "oktober", "november", "desember")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "mai", "jun",
                       "jul", "aug", "sep", "okt", "nov", "des")

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NORWEGIAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_NUMERIC_MONTH = re.compile(r"(\d{1,2})\.(\d{4})")
_NAMED_MONTH = re.compile(r"([a-zæøå]+)\.?\s+(\d{4})")
# Q1 2022, Q1-2022, 2022-Q1, 1. kvartal 2022, 1. kv. 2022, 1 kv 2022
_QUARTERS = (re.compile(r"q([1-4])[\s-]*(\d{4})"), re.compile(r"(?P<y>\d{4})[\s-]*q(?P<q>[1-4])"),
             re.compile(r"([1-4])\.?\s*(?:kvartal|kv\.?)\s*(\d{4})"))

DATE_FORMATS = "2021-08-18, 18.08.2021 or 18.08.21"
MONTH_FORMATS = "Jan 2022, januar 2022 or 2022-01"
QUARTER_FORMATS = "Q1 2022 or 1. kvartal 2022"

# A two-digit year is this century's (18.08.21 is 2021), as a deck writes its dates: a
# programme's dates are never a century away, and a date of another century takes four digits.
CENTURY = 2000

# A programme's dates lie in this range; anything outside is a typo (0221 for 2021), and
# outside it the calendar arithmetic of the deck (month ends, ISO weeks) would fail.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def parse_day(text: str) -> date:
    """A date known to the day: ISO (2021-08-18) or Norwegian (18.08.2021, 18.08.21)."""
    text = text.strip()
    if m := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _NORWEGIAN.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
        if len(m[3]) == 2:
            year += CENTURY
    else:
        raise ValueError(f"expected a date such as {DATE_FORMATS}, got {text!r}")
    return _checked(year, month, day, text)


def check_year(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{text!r}: the year {year} is outside {FIRST_YEAR}–{LAST_YEAR}; a typo?")


def _checked(year: int, month: int, day: int, text: str) -> date:
    check_year(year, text)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the calendar") from None


@functools.total_ordering
@dataclass(frozen=True)
class PlanDate:
    """A date known to the day, only to the month ("Jan 2022") or to the quarter ("Q1 2022").

    A quarter is held by its last month (Q1 2022: year 2022, month 3, quarter true), so that
    its deadline and its place in time are those of the quarter's last day.
    """

    year: int
    month: int
    day: int | None = None
    quarter: bool = False
    # How a month was written, so the deck shows it as the office does: "Jan 2022" (abbreviated)
    # or "mars 2022" (written out or as digits). Not part of the date: equal either way.
    abbreviated: bool = field(default=False, compare=False)

    def __lt__(self, other: PlanDate) -> bool:
        # Not the dataclass order: it compares a month-only None day with an int and fails.
        # "Jan 2022" allows the whole month, so it sorts after every day of January.
        if not isinstance(other, PlanDate):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def _sort_key(self) -> tuple[int, int, int]:
        # A quarter allows its whole last month too, so it sorts after that month.
        return self.year, self.month, self.day or (33 if self.quarter else 32)

    @classmethod
    def parse(cls, text: str) -> PlanDate:
        text = text.strip()
        if _ISO.fullmatch(text) or _NORWEGIAN.fullmatch(text):
            d = parse_day(text)
            return cls(d.year, d.month, d.day)
        if quarter := _quarter(text):
            return quarter
        abbreviated = False
        if m := _ISO_MONTH.fullmatch(text):
            year, month = int(m[1]), int(m[2])
        elif m := _NUMERIC_MONTH.fullmatch(text):
            month, year = int(m[1]), int(m[2])
        elif m := _NAMED_MONTH.fullmatch(text.lower()):
            month, year = _month_number(m[1], text), int(m[2])
            abbreviated = m[1] != MONTHS[month - 1]
        else:
            raise ValueError(
                f"expected a date such as {DATE_FORMATS}, a month such as {MONTH_FORMATS}, "
                f"or a quarter such as {QUARTER_FORMATS}; got {text!r}")
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} is not a month in the calendar")
        check_year(year, text)
        return cls(year, month, abbreviated=abbreviated)

    @classmethod
    def of(cls, day: date) -> PlanDate:
        return cls(day.year, day.month, day.day)

    @property
    def month_only(self) -> bool:
        return self.day is None and not self.quarter

    @property
    def quarter_number(self) -> int:
        return (self.month + 2) // 3

    @property
    def deadline(self) -> date:
        """The last day the date allows: the day itself, or the month's or quarter's last day."""
        day = self.day or calendar.monthrange(self.year, self.month)[1]
        return date(self.year, self.month, day)

    def __str__(self) -> str:
        if self.quarter:
            return f"{self.year:04d}-Q{self.quarter_number}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _month_number(name: str, text: str) -> int:
    for number, (full, short) in enumerate(zip(MONTHS, MONTH_ABBREVIATIONS), start=1):
        if name in (full, short) or (len(name) >= 3 and full.startswith(name)):
            return number
    raise ValueError(f"unknown month {name!r} in {text!r}; write e.g. {MONTH_FORMATS}")


def _quarter(text: str) -> PlanDate | None:
    lowered = text.lower()
    for pattern in _QUARTERS:
        if m := pattern.fullmatch(lowered):
            number, year = (int(m["q"]), int(m["y"])) if "q" in pattern.groupindex else (
                int(m[1]), int(m[2]))
            check_year(year, text)
            return PlanDate(year, 3 * number, quarter=True)
    return None
