"""ISO weeks, the unit a report is named by: `uke-33`, `2021-uke-33`, periods `uke 22 – 33`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from statusrapport.data.dates import check_year

_WEEK = re.compile(r"(?:(\d{4})[-\s]?)?(?:uke|w|week)[-\s]?(\d{1,2})", re.IGNORECASE)
# A week with its year after it, as offices write a period across new year: "uke 45 2021",
# "uke 45 (2021)", "uke 45/2021", "uke 45, 2021", "uke 45 i 2021", "45/2021".
_WEEK_THEN_YEAR = re.compile(
    r"(?:\b(?:uke|week|w)[\s-]*)?\b(\d{1,2})(?:\s*\(\s*(\d{4})\s*\)|\s*/\s*(\d{4})\b"
    r"|\s*,\s*(\d{4})\b|\s+i\s+(\d{4})\b|\s+(\d{4})\b)", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    def __post_init__(self) -> None:
        if not 1 <= self.week <= weeks_in_year(self.year):
            raise ValueError(f"{self.year} has no week {self.week}")

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @property
    def key(self) -> str:
        return f"{self.year}-uke-{self.week}"

    @property
    def short(self) -> str:
        return f"uke-{self.week}"

    def day(self, weekday: int) -> date:
        """The day of this week, 1 = Monday … 7 = Sunday."""
        return date.fromisocalendar(self.year, self.week, weekday)

    def next(self) -> IsoWeek:
        return IsoWeek.of(self.day(1) + timedelta(weeks=1))

    def __str__(self) -> str:
        return self.key


def weeks_in_year(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


@dataclass(frozen=True)
class WeekRef:
    """A week as written by a user: the year may be left to the context."""

    week: int
    year: int | None = None

    @classmethod
    def parse(cls, text: str) -> WeekRef:
        m = _WEEK.fullmatch(text.strip())
        if not m:
            raise ValueError(f"expected a week such as uke-33 or 2021-uke-33, got {text!r}")
        ref = cls(int(m[2]), int(m[1]) if m[1] else None)
        if ref.year is not None:
            check_year(ref.year, text)
            IsoWeek(ref.year, ref.week)  # raises on a week the year does not have
        elif not 1 <= ref.week <= 53:
            raise ValueError(f"there is no week {ref.week}")
        return ref

    def latest_not_after(self, end: IsoWeek) -> IsoWeek:
        """This week in the latest year that puts it at or before `end` (a period may cross new year)."""
        if self.year is not None:
            return IsoWeek(self.year, self.week)
        year = end.year if self.week <= end.week else end.year - 1
        while self.week > weeks_in_year(year):
            year -= 1
        return IsoWeek(year, self.week)

    def nearest_to(self, anchor: IsoWeek) -> IsoWeek:
        """This week in the year that puts it closest to `anchor`."""
        if self.year is not None:
            return IsoWeek(self.year, self.week)
        # Week 53 comes only every five to seven years: look far enough to always find one.
        candidates = [IsoWeek(y, self.week) for y in range(anchor.year - 7, anchor.year + 8)
                      if self.week <= weeks_in_year(y)]
        return min(candidates, key=lambda w: abs((w.day(1) - anchor.day(1)).days))

    def __str__(self) -> str:
        return f"{self.year}-uke-{self.week}" if self.year else f"uke-{self.week}"


def parse_week_key(text: str) -> IsoWeek:
    """A report key must name its year: `2021-uke-33`."""
    ref = WeekRef.parse(text)
    if ref.year is None:
        raise ValueError(f"a report key names its year, e.g. 2021-uke-{ref.week}")
    return IsoWeek(ref.year, ref.week)


def parse_period(text: str) -> tuple[WeekRef, WeekRef | None]:
    """`uke 22 – 33`, `uke-45 – uke-2`, `2021-uke-45 – 2022-uke-2`, `uke 45 (2021) – uke 2
    (2022)` (and the other spellings of _WEEK_THEN_YEAR), or one week."""
    body = _WEEK_THEN_YEAR.sub(_as_week_key, text.strip())
    body = re.sub(r"^uke[\s-]*(?=\d{1,2}\b)", "", body, flags=re.IGNORECASE)
    parts = [p for p in _split_period(body) if p]
    if len(parts) not in (1, 2):
        raise ValueError(f"expected a period such as 'uke 22 – 33', got {text!r}")
    refs = [_period_week(p, text) for p in parts]
    return refs[0], refs[1] if len(refs) == 2 else None


def _as_week_key(match: re.Match[str]) -> str:
    year = next(y for y in match.groups()[1:] if y)
    return f"{year}-uke-{match[1]}"


def _period_week(part: str, text: str) -> WeekRef:
    if part.isdigit():
        return WeekRef.parse(f"uke-{part}")
    if not _WEEK.fullmatch(part):  # name the user's period, not the piece of it we split off
        raise ValueError(f"expected a period such as 'uke 22 – 33', got {text!r}")
    return WeekRef.parse(part)


def _split_period(body: str) -> list[str]:
    # "2021-uke-45 – 2022-uke-2": the hyphens inside a week are not separators.
    tokens = re.split(r"\s*(?:–|—|\.\.|\btil\b|\s-\s|(?<!\d{4})-(?=\s*uke)|-(?=\s*\d{4}-uke))\s*", body)
    if len(tokens) == 1 and re.fullmatch(r"\d{1,2}\s*-\s*\d{1,2}", body):
        tokens = re.split(r"\s*-\s*", body)
    return [t.strip() for t in tokens]
