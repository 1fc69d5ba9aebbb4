"""The data a programme office keeps: one initiative per YAML file, and the programme's order.

Every model forbids unknown keys (a typo is an error, never silently ignored data). Scalars
arrive as text from `yamlsafe`; the field types below decide what the text may mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      PlainValidator, ValidationError, WithJsonSchema, field_validator,
                      model_validator)
from pydantic_core import InitErrorDetails, PydanticCustomError

from statusrapport.data.dates import DATE_FORMATS, MONTH_FORMATS, QUARTER_FORMATS, PlanDate, parse_day
from statusrapport.data.weeks import IsoWeek, WeekRef, parse_period, parse_week_key
from statusrapport.words import Language

MAX_TEXT = 600


class Strict(BaseModel):
    # defer_build: only the two models that validate files are ever built (start-up time).
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              defer_build=True)


def _day(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date such as {DATE_FORMATS}")
    return parse_day(value)


def _plan_date(value: Any) -> PlanDate:
    if isinstance(value, PlanDate):
        return value
    if isinstance(value, date):
        return PlanDate.of(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date such as {DATE_FORMATS}, a month such as {MONTH_FORMATS}, "
                         f"or a quarter such as {QUARTER_FORMATS}")
    return PlanDate.parse(value)


def _week_key(value: Any) -> IsoWeek:
    if isinstance(value, IsoWeek):
        return value
    return parse_week_key(str(value))


def _amount(value: Any) -> Any:
    """Whole kroner; spaces or underscores may group the thousands ("2 900 000")."""
    if isinstance(value, str):
        return value.replace(" ", "").replace("\u00a0", "").replace("_", "")
    return value


# A KPI figure's size: 1e999999999 is finite, but writing it out crashed the deck (and
# 1e400000 took minutes to draw).
FIGURE_DIGITS, FIGURE_DECIMALS = 15, 6
_FIGURE_SIZE = (f"a figure has at most {FIGURE_DIGITS} digits before the decimal comma and "
                f"{FIGURE_DECIMALS} after it")


# 12.480: a Norwegian reader means twelve thousand, Python twelve and a half; either reading
# may be the writer's, so the figure is refused and both spellings offered. 0.480 and 1.48 are
# decimals to anyone.
_AMBIGUOUS_FIGURE = re.compile(r"-?[1-9]\d{0,2}(?:\.\d{3})+")


def _ambiguous(written: str) -> str:
    thousands = f"{written.replace('.', ' ')} (thousands grouped by spaces)"
    whole, _, fraction = written.partition(".")
    if "." in fraction:  # 1.234.567 cannot be a decimal: only the dots are wrong
        return f"{written!r}: write {thousands}"
    decimal = f"{whole},{fraction.rstrip('0') or '0'}"
    return f"{written!r} is ambiguous: write {thousands} or {decimal} (a decimal comma)"


def _figure(value: Any) -> Decimal:
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, str):
        if _AMBIGUOUS_FIGURE.fullmatch(value.strip()):
            raise ValueError(_ambiguous(value.strip()))
        written = value.replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if len(written) > 2 * (FIGURE_DIGITS + FIGURE_DECIMALS):
            raise ValueError(_FIGURE_SIZE)
        try:
            number = Decimal(written)
        except InvalidOperation:
            raise ValueError(f"expected a number, got {value!r}") from None
    else:
        raise ValueError("expected a number")
    if not number.is_finite():
        raise ValueError("expected a finite number")
    if number and (number.adjusted() >= FIGURE_DIGITS
                   or number.normalize().as_tuple().exponent < -FIGURE_DECIMALS):
        raise ValueError(f"{_FIGURE_SIZE}, got {value!r}")
    return number


def _period(value: str) -> str:
    parse_period(value)  # kept as written: its weeks are resolved against the report's week
    return value


def _error_at(loc: tuple[str, ...], message: str, value: Any) -> ValidationError:
    """A check of several fields, reported at the one that needs changing, not the whole mapping."""
    return ValidationError.from_exception_data("value_error", [InitErrorDetails(
        type=PydanticCustomError("value_error", message), loc=loc, input=value)])


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


_DATE_SCHEMA = {"type": "string",
                "description": "Dato, f.eks. 2021-08-18, 18.08.2021 eller 18.08.21"}
Day = Annotated[date, PlainValidator(_day), WithJsonSchema(_DATE_SCHEMA)]
_PLANNED_SCHEMA = {"type": "string", "description": "Dato (18.08.2021, 18.08.21 eller 2021-08-18), "
                   "måned (Jan 2022, januar 2022 eller 2022-01) eller kvartal (Q1 2022, "
                   "1. kvartal 2022)"}
Planned = Annotated[PlanDate, PlainValidator(_plan_date), WithJsonSchema(_PLANNED_SCHEMA)]
_WEEK_KEY_SCHEMA = {"type": "string", "pattern": r"^\d{4}-uke-\d{1,2}$"}
WeekKey = Annotated[IsoWeek, PlainValidator(_week_key), WithJsonSchema(_WEEK_KEY_SCHEMA)]
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
ShortText = Annotated[str, Field(min_length=1, max_length=120)]
Period = Annotated[str, Field(max_length=40), AfterValidator(_period)]
Amount = Annotated[int, BeforeValidator(_amount), Field(ge=0, le=10**12), WithJsonSchema({
    "anyOf": [{"type": "integer", "minimum": 0, "maximum": 10**12},
              {"type": "string", "pattern": r"^\d{1,3}([ \u00a0_]?\d{3})*$"}],
    "description": "Hele kroner; mellomrom kan skille tusener (2 900 000)"})]
Figure = Annotated[Decimal, PlainValidator(_figure), WithJsonSchema({"type": ["number", "string"]})]


def _bullet_shorthand(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class _OrPlainText:
    """JSON Schema of a bullet: the model, or plain text (the short form the loader accepts)."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
                          handler(core_schema)]}


class Bullet(Strict):
    """A bullet with at most one level of sub-bullets. Plain text is the short form."""

    text: Text = Field(description="Punktets tekst")
    items: list[Text] = Field(default_factory=list, max_length=30,
                              description="Underpunkter (ett nivå)")


BulletItem = Annotated[Bullet, BeforeValidator(_bullet_shorthand), _OrPlainText()]


class HighlightBullet(Strict):
    """A bullet of the KPI slide; `kpis: true` puts the report's figures below it."""

    text: Text | None = Field(None, description="Punktets tekst")
    items: list[Text] = Field(default_factory=list, max_length=30,
                              description="Underpunkter (ett nivå)")
    kpis: bool = Field(False, description="true: rapportens KPI-er vises under dette punktet")

    @model_validator(mode="after")
    def _has_content(self) -> HighlightBullet:
        if self.text is None and not self.kpis:
            raise ValueError("a bullet needs text (or kpis: true)")
        return self


HighlightItem = Annotated[HighlightBullet, BeforeValidator(_bullet_shorthand), _OrPlainText()]


class Highlights(Strict):
    title: ShortText | None = Field(None, description="Tittel på KPI-/statuslysbildet")
    bullets: list[HighlightItem] = Field(default_factory=list, max_length=40,
                                         description="Punktene på KPI-/statuslysbildet")


def _week_ref(value: Any) -> WeekRef:
    if isinstance(value, WeekRef):
        return value
    return WeekRef.parse(str(value))


WeekOfYear = Annotated[WeekRef, PlainValidator(_week_ref), WithJsonSchema(
    {"type": "string", "description": "Uke, f.eks. uke-45 eller 2021-uke-45"})]


class EarlierFigure(Strict):
    """A KPI's earlier value where the data holds no earlier report that gives it."""

    value: Figure = Field(description="Tidligere målt verdi")
    measured: Day | None = Field(None, description="Datoen den tidligere verdien ble målt")
    week: WeekOfYear | None = Field(
        None, description="Uken den tidligere verdien ble rapportert, f.eks. uke-45")

    @model_validator(mode="after")
    def _dated(self) -> EarlierFigure:
        if self.measured is None and self.week is None:
            raise ValueError("say when the earlier value was measured: measured (a date) or "
                             "week (uke-45)")
        return self


class Kpi(Strict):
    name: ShortText = Field(description="KPI-ens navn; sammenlignes med samme navn i forrige rapport")
    value: Figure = Field(description="Målt verdi, f.eks. 3167 eller 12,5")
    unit: Annotated[str, Field(max_length=20)] = Field("", description="Enhet, f.eks. % eller stk")
    measured: Day = Field(description="Datoen verdien er målt")
    earlier: EarlierFigure | None = Field(
        None, description="Tidligere verdi, der ingen tidligere rapport gir den")
    target: Figure | None = Field(None, description="Målet for KPI-en")


class Costs(Strict):
    plan: Amount | None = Field(None, description="Planlagt kostnad hittil (kr); avviket regnes ut")
    actual: Amount | None = Field(None, description="Faktisk kostnad hittil (kr)")
    as_of: Day | None = Field(None, description="Datoen tallene gjelder for")
    comments: list[Text] = Field(default_factory=list, max_length=10,
                                 description="Kommentarer til økonomien")

    @model_validator(mode="after")
    def _plan_with_actual(self) -> Costs:
        if (self.plan is None) != (self.actual is None):
            given = "plan" if self.actual is None else "actual"
            raise _error_at((given,), "give both plan and actual, or neither",
                            getattr(self, given))
        return self

    @property
    def deviation(self) -> int | None:
        """Actual minus plan: derived, never typed."""
        if self.plan is None or self.actual is None:
            return None
        return self.actual - self.plan


class Report(Strict):
    date: Day | None = Field(None, description="Rapportens dato; standard: fredagen i uken")
    period: Period | None = Field(None, description="Ukene rapporten dekker, f.eks. «uke 22 – 33»; "
                                  "standard: fra uken etter forrige rapport")
    done: list[BulletItem] = Field(default_factory=list, max_length=40,
                                   description="Hva er gjort siden forrige rapportering?")
    planned: list[BulletItem] = Field(
        default_factory=list, max_length=40,
        description="Hva planlegges gjennomført frem til neste rapportering?")
    risks: list[BulletItem] = Field(default_factory=list, max_length=40,
                                    description="Risiko og avhengigheter")
    costs: Costs | None = Field(None, description="Status økonomi: plan og faktisk hittil")
    kpis: list[Kpi] = Field(default_factory=list, max_length=30,
                            description="Nøkkeltall, sammenlignet med forrige rapport")
    highlights: Highlights | None = Field(None, description="KPI-/statuslysbildet")
    comment: ShortText | None = Field(  # one line for the overview slide
        None, description="Én linje til oversiktslysbildet")


def _revision_shorthand(value: Any) -> Any:
    return {"date": value} if isinstance(value, (str, PlanDate, date)) else value


class Revision(Strict):
    """A move of a milestone's planned date; `report` says from which report it holds (the
    decks of earlier reports keep the date before it). Plain date: known from the first report."""

    date: Planned = Field(description="Ny planlagt dato")
    report: WeekKey | None = Field(None, description="Rapporten flyttingen ble meldt i, "
                                   "f.eks. 2021-uke-37; tidligere rapporter viser datoen før")


def _cancelled(value: Any) -> bool | IsoWeek:
    """`true`, or the report the milestone was cancelled in (earlier decks show it open)."""
    if isinstance(value, (bool, IsoWeek)):
        return value
    text = str(value).strip()
    if text.lower() in _TRUE or text.lower() in _FALSE:
        return text.lower() in _TRUE
    try:
        return parse_week_key(text)
    except ValueError:
        raise ValueError(f"expected true, or the report it was cancelled in (such as "
                         f"2021-uke-37), got {value!r}") from None


_TRUE = {"true", "yes", "on", "y", "t", "1"}
_FALSE = {"false", "no", "off", "n", "f", "0"}

_REVISION_SCHEMA = {"anyOf": [_PLANNED_SCHEMA, {
    "type": "object", "additionalProperties": False, "required": ["date"],
    "properties": {"date": _PLANNED_SCHEMA, "report": _WEEK_KEY_SCHEMA}}]}
RevisionItem = Annotated[Revision, BeforeValidator(_revision_shorthand),
                         WithJsonSchema(_REVISION_SCHEMA)]


class Milestone(Strict):
    id: Annotated[str, Field(min_length=1, max_length=12)] = Field(
        description="Milepælens ID, f.eks. MP1")
    description: Text = Field(description="Hva milepælen er")
    planned: Planned = Field(description="Opprinnelig planlagt dato")
    revised: Annotated[list[RevisionItem], BeforeValidator(_one_or_many), Field(max_length=10),
                       WithJsonSchema({"anyOf": [_PLANNED_SCHEMA, {
                           "type": "array", "items": _REVISION_SCHEMA,
                           "maxItems": 10}]})] = Field(
        default_factory=list, description="Hver flytting av planlagt dato, eldste først")
    forecast: Planned | None = Field(None, description="Prognose: når milepælen ventes levert")
    delivered: Day | None = Field(None, description="Datoen milepælen ble levert")
    cancelled: Annotated[bool | IsoWeek, PlainValidator(_cancelled), WithJsonSchema({
        "anyOf": [{"type": "boolean"}, {"type": "string"}]})] = Field(
        False, description="true, eller rapporten den ble avlyst i (f.eks. 2021-uke-37)")
    added: WeekKey | None = Field(None, description="Rapporten milepælen kom til i; "
                                  "tidligere rapporter viser den ikke")

    @model_validator(mode="after")
    def _consistent(self) -> Milestone:
        if self.cancelled and self.delivered:
            raise _error_at(("cancelled",), "a milestone cannot be both delivered and cancelled",
                            self.cancelled)
        return self

    @property
    def current_plan(self) -> PlanDate:
        return self.revised[-1].date if self.revised else self.planned

    @property
    def plans(self) -> tuple[PlanDate, ...]:
        """The original planned date first, then each move, the date in force last."""
        return (self.planned, *(r.date for r in self.revised))


class Budget(Strict):
    total: Amount = Field(description="Tiltakets totale budsjett (kr)")
    vat_included: bool | None = Field(None, description="true: «inkl. mva.», false: «ekskl. mva.»")


class GroupChange(Strict):
    """From `report` on, the initiative belongs to `group` (earlier decks keep the group before)."""

    report: WeekKey = Field(
        description="Den første rapporten i den nye gruppen, f.eks. 2022-uke-2")
    group: ShortText = Field(
        description="Den nye gruppen (programme.yaml lister tiltaket under den)")


class Closing(Strict):
    """How an initiative ended: its last report shows it so, later decks leave it out."""

    report: WeekKey = Field(description="Den siste rapporten, f.eks. 2022-uke-2: der vises "
                            "tiltaket som avsluttet, senere rapporter tar det ikke med")
    date: Day = Field(description="Datoen tiltaket ble avsluttet")
    note: ShortText | None = Field(None, description="Én avsluttende linje til oversikten")


class Initiative(Strict):
    """One initiative ("tiltak"); its id is the file's name without `.yaml`."""

    id: str = Field(default="", exclude=True, json_schema_extra={"readOnly": True})
    name: ShortText = Field(description="Tiltakets navn")
    group: ShortText = Field(description="Gruppen programme.yaml lister tiltaket under (den "
                             "første, når tiltaket har byttet gruppe)")
    leader: ShortText = Field(description="Tiltaksleder")
    milestones: list[Milestone] = Field(default_factory=list, max_length=60,
                                        description="Milepæler (MP)")
    budget: Budget | None = Field(None, description="Tiltakets budsjett")
    reports: dict[WeekKey, Report] = Field(
        default_factory=dict, max_length=200,
        description="Én rapport per ISO-uke, med året: 2021-uke-33",
        json_schema_extra={"additionalProperties": False})
    group_changes: list[GroupChange] = Field(
        default_factory=list, max_length=20,
        description="Hvert bytte av gruppe, eldste først: fra hvilken rapport, til hvilken gruppe")
    finished: Closing | None = Field(None, description="Tiltaket er fullført: siste rapport, "
                                     "dato og en avsluttende linje")
    stopped: Closing | None = Field(None, description="Tiltaket er stanset: siste rapport, "
                                    "dato og en avsluttende linje")

    @model_validator(mode="after")
    def _ends_once(self) -> Initiative:
        if self.finished and self.stopped:
            raise _error_at(("stopped",), "an initiative is either finished or stopped, not "
                            "both; keep one", None)
        return self

    @property
    def closing(self) -> Closing | None:
        """Its end (finished or stopped), or None while it runs."""
        return self.finished or self.stopped

    @property
    def first_week(self) -> IsoWeek | None:
        """Its first report: it is in no deck before it."""
        return min(self.reports, default=None)

    def active_in(self, week: IsoWeek) -> bool:
        """Whether the programme's report of `week` includes it: from its first report to its
        closing report (or on, while it runs)."""
        first = self.first_week
        closing = self.closing
        return (first is not None and first <= week
                and (closing is None or week <= closing.report))

    def group_in(self, week: IsoWeek) -> str:
        """Its group in the report of `week`: the last change from that report or earlier."""
        group = self.group
        for change in self.group_changes:
            if change.report <= week:
                group = change.group
        return group

    @property
    def groups(self) -> list[str]:
        """Every group it has belonged to, first to last (each lists it in programme.yaml)."""
        return list(dict.fromkeys([self.group, *(c.group for c in self.group_changes)]))

    @field_validator("reports", mode="before")
    @classmethod
    def _one_report_per_week(cls, value: Any) -> Any:
        """`2021-uke-33` and `2021-W33` are one week: the second would silently replace the first."""
        if not isinstance(value, dict):
            return value
        first: dict[IsoWeek, str] = {}
        for key in value:
            try:
                week = parse_week_key(str(key))
            except ValueError:
                continue  # the key's own validation reports it
            if week in first:  # raised as the key's error, so that it is located at the key
                raise _error_at((key, "[key]"), f"the same week as {first[week]!r}; keep one "
                                "report per week", key)
            first[week] = key
        return value


class Group(Strict):
    name: ShortText = Field(description="Gruppens navn")
    initiatives: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        min_length=1, description="Tiltakene i gruppen, i rapportens rekkefølge: filnavn uten .yaml")


# The deck's roles (statusrapport/slides/layout.py ROLES): what `template: layouts:` may map.
LayoutRole = Literal["cover", "group", "section", "agenda", "status", "kpi", "overview",
                     "timeline", "costs"]


class TemplateSettings(Strict):
    """`template:` in programme.yaml: the office's template and, per role, the layout to use."""

    file: ShortText | None = Field(None, description="Malen (.pptx eller .potx), relativt til "
                                   "mappen programme.yaml ligger i; --template overstyrer den")
    layouts: dict[LayoutRole, ShortText] = Field(
        default_factory=dict, description="Lysbildeoppsettet for hver rolle (cover, group, "
        "section, agenda, status, kpi, overview, timeline, costs), med navnet malen gir det")


class ProgrammeFile(Strict):
    """`programme.yaml`: the programme's name and the deck's order of groups and initiatives."""

    programme: ShortText = Field(description="Programmets navn")
    groups: list[Group] = Field(min_length=1, max_length=100,
                                description="Gruppene og tiltakene, i rapportens rekkefølge")
    # The overview shows a cost deviation beyond this share of the plan (per cent).
    cost_tolerance: Annotated[Figure, Field(ge=0, le=100)] = Field(
        Decimal(5), description="Kostnadsavvik over denne andelen av planen (prosent) vises i oversikten")
    timeline: Literal["group", "initiative"] = Field(  # one timeline slide per group, or per initiative
        "group", description="Ett tidslinjelysbilde per gruppe (group) eller per tiltak (initiative)")
    language: Language = Field(  # the deck's words: statusrapport.words
        "nb", description="Rapportens språk: bokmål (nb), nynorsk (nn) eller engelsk (en)")
    template: TemplateSettings | None = Field(
        None, description="Malen og hvilke av dens lysbildeoppsett rapporten bruker")
    # How a KPI's earlier figure is labelled: by the day it was measured ("26.05.21: 1944", as
    # the seed deck) or by the week of the report that gave it ("uke 45: 8 911").
    kpi_comparison: Literal["date", "week"] = Field(
        "date", description="Tidligere KPI-verdi merkes med datoen (date: «26.05.21: 1944») "
        "eller rapportuken (week: «uke 45: 8 911»)")
    # The office's own words on the slides.
    # Default (None): the language's own word ("Avlyst", "Ingen endringer rapportert").
    cancelled_label: Annotated[str, Field(min_length=1, max_length=20)] | None = Field(
        None, description="Ordet for en avlyst milepæl, f.eks. «utgår» (standard: «Avlyst»)")
    no_progress_label: ShortText | None = Field(
        None, description="Linjen som vises når en rapport ikke har noe under fremdrift "
        "(standard: «Ingen endringer rapportert»)")
    # An initiative without cost figures shows its cost comment in the overview's cost column
    # instead of "–". Off by default: the seed deck's overview stays as it was.
    overview_cost_comment: bool = Field(
        False, description="true: et tiltak uten kostnadstall viser økonomikommentaren i oversikten")
    # The office's own font files (a folder relative to this file's folder), measured first.
    fonts: Annotated[str, Field(min_length=1, max_length=400)] | None = Field(
        None, description="Mappe med kontorets egne fontfiler, relativt til denne filens mappe")


@dataclass(frozen=True)
class TemplateChoice:
    """programme.yaml's `template:` as the build uses it: the file resolved against the data
    folder, and each mapped layout name with where it is written (for a located error)."""

    file: Path | None
    layouts: dict[str, str]
    source: Path  # programme.yaml
    where: dict[str, tuple[int, int]]  # role -> (line, column) of its layout name


@dataclass(frozen=True)
class Programme:
    """Everything loaded: the programme file and its initiatives, in deck order."""

    name: str
    groups: list[Group]
    initiatives: list[Initiative]
    cost_tolerance: Decimal = Decimal(5)
    timeline: str = "group"
    language: str = "nb"  # the deck's words (statusrapport.words.words_for)
    template: TemplateChoice | None = None
    kpi_comparison: str = "date"
    cancelled_label: str | None = None  # None: the language's word
    no_progress_label: str | None = None
    overview_cost_comment: bool = False
    fonts: Path | None = None  # the office's font folder (`fonts:`), as found from the data folder

    def in_group(self, group: str) -> list[Initiative]:
        """The initiatives that belong to `group` in any report."""
        return [i for i in self.initiatives if group in i.groups]

    def weeks(self) -> list[IsoWeek]:
        return sorted({week for i in self.initiatives for week in i.reports})


def resolve_week_ref(text: str, available: list[IsoWeek]) -> IsoWeek:
    """`uke-33` names the one report of week 33 in the data; `2021-uke-33` names its year too."""
    ref = WeekRef.parse(text)
    matches = [w for w in available if w.week == ref.week and ref.year in (None, w.year)]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(w.key for w in available) or "none"
    if not matches:
        raise ValueError(f"there is no report for {ref}; reports in the data: {known}")
    raise ValueError(f"{ref} is ambiguous: the data has " +
                     " and ".join(w.key for w in matches) + f"; write e.g. {matches[-1].key}")


def report_date(week: IsoWeek, report: Report) -> date:
    """The day a report speaks for: its own `date`, else the Friday of its week."""
    return report.date or week.day(5)


def previous_week(initiative: Initiative, week: IsoWeek) -> IsoWeek | None:
    earlier = [w for w in initiative.reports if w < week]
    return max(earlier) if earlier else None


def report_period(initiative: Initiative, week: IsoWeek) -> tuple[IsoWeek, IsoWeek]:
    """The weeks a report covers: as written, else from the week after the previous report."""
    report = initiative.reports[week]
    if report.period:
        start, end = parse_period(report.period)
        end_week = end.nearest_to(week) if end else week
        return start.latest_not_after(end_week), end_week
    before = previous_week(initiative, week)
    return (before.next() if before else week), week
