"""The deck's words, one module per language: every label, title and sentence the deck (and the
terminal views that show the deck's tables) puts before a reader, and how that language writes
numbers and dates. `programme.yaml`'s `language:` chooses one (nb, nn or en; default nb).

Each language is one `Words`: a typed record, so a label missing in one language is an error
when its module is imported, not a bokmål word left in a nynorsk deck. The words in force are
set once per command by `speaking(words)` (the build, `show`, `list`, `diff`) and read by the
formatting and planning code through `current()`.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

Language = Literal["nb", "nn", "en"]  # programme.yaml's `language:`
LANGUAGES: tuple[str, ...] = get_args(Language)
DEFAULT_LANGUAGE = "nb"


@dataclass(frozen=True, slots=True)
class Words:
    language: str

    # how numbers and dates are written
    thousands: str  # between groups of three digits
    decimal: str  # the decimal mark
    group_from: int  # a figure groups its thousands from this many digits on (amounts always)
    date_format: str  # a day, short: 18.08.21 ({day}, {month}, {yy}, {year}, {mon}: Aug)
    months: tuple[str, ...]  # januar …
    month_short: tuple[str, ...]  # Jan … (a plan date known to the month, timeline ticks)
    quarter: str  # {quarter}, {year}: a plan date known to the quarter

    # the title slides and slide titles
    deck_title: str  # {programme}, {week}, {year}: the document's title
    deck_subtitle: str  # {week}, {year}
    group_title: str  # {group}
    status_title: str  # {name}: a KPI slide without a title of its own
    overview_title: str  # {overview}, {week}
    continued: str

    # the status slide (and `show`)
    info: str
    initiative: str
    leader: str
    period: str
    milestones: str
    id: str
    description: str
    planned: str
    delivered: str
    economy: str
    budget: str
    comment: str
    periodisation: str
    costs_so_far: str
    plan: str
    actual: str
    deviation: str
    progress: str
    done: str
    next: str
    risks: str
    agenda: str
    cancelled: str
    not_delivered_mark: str  # in the delivered column of an overdue milestone
    kpis_as_of: str  # {day}
    target: str  # before a KPI's target: "mål 15 000"
    points: str  # percentage points: the change of a percentage, "+8 pp"
    no_progress: str  # the one line of a report with nothing under progress
    legend: tuple[tuple[str, str], ...]  # (text, colour key: red, orange or grey)
    cost_legend: tuple[tuple[str, str], ...]  # what red means for cost, where a deviation is red

    # budget and costs
    budget_total: str  # {amount}, {vat}
    vat_included: str
    vat_excluded: str
    costs_as_of_month: str  # {month}, {year}
    costs_as_of_day: str  # {day}
    period_one: str  # {week}
    period_range: str  # {start}, {end}
    period_years: str  # {start}, {start_year}, {end}, {end_year}: a period across new year
    week_category: str  # {week}: a cost chart's category

    # the overview, timelines and cost charts
    overview: str
    group: str
    milestones_short: str
    costs: str
    timeline: str
    cost_chart: str
    on_track: str
    moved: str
    overdue: str
    within: str
    tolerance_note: str  # {costs}, {tolerance}
    colour_note: str
    original_date: str
    planned_mark: str
    delivered_late: str
    report_day: str  # {day}
    last_deviation: str  # {amount}, {percent}
    finished: str  # {day}: an initiative in the report it finished with (overview, diff)
    stopped: str  # {day}: likewise, stopped

    # `list`
    reports: str
    report: str
    week: str
    year: str
    date: str
    latest: str
    of_total: str  # {count}, {total}: initiatives with a report of a week

    # `diff`
    budget_total_short: str
    kpis: str
    unchanged: str
    removed_from_data: str
    first_report: str
    new_initiative: str
    no_new_report: str  # {week}
    no_report: str
    working_tree: str
    planned_lower: str
    not_delivered: str
    week_label: str  # {week}, {year}
    week_short: str  # {week}: a week of the report's own year (a KPI's earlier figure)
    week_day_label: str  # {week}, {day}
    changes: dict[str, str]  # a milestone's change by report.diff.Change's name, as shown


def words_for(language: str) -> Words:
    """The words of `language` (one of LANGUAGES; the model has checked it)."""
    if language == "nn":
        from statusrapport.words.nn import WORDS
    elif language == "en":
        from statusrapport.words.en import WORDS
    elif language == "nb":
        from statusrapport.words.nb import WORDS
    else:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    return WORDS


_CURRENT: contextvars.ContextVar[Words | None] = contextvars.ContextVar("words", default=None)


def current() -> Words:
    """The words in force: the programme's, inside `speaking`; bokmål otherwise."""
    return _CURRENT.get() or words_for(DEFAULT_LANGUAGE)


@contextlib.contextmanager
def speaking(words: Words) -> Iterator[Words]:
    token = _CURRENT.set(words)
    try:
        yield words
    finally:
        _CURRENT.reset(token)


class Labels(Mapping[str, str]):
    """The words in force by name, for code that picks a label by key: `LABELS["done"]`."""

    def __getitem__(self, key: str) -> str:
        value = getattr(current(), key, None)
        if not isinstance(value, str):
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        words = current()
        return (name for name in Words.__dataclass_fields__ if isinstance(getattr(words, name), str))

    def __len__(self) -> int:
        return sum(1 for _ in self)
