"""The report in the terminal, with rich: the views the deck renders, drawn as tables and lists.

Nothing is formatted or decided here: every value and every state comes from view.py,
overview.py, portfolio.py or diff.py. Data text is always wrapped in `Text`, never parsed as markup.
Piped output has no colour (rich sees no terminal) and is 80 columns unless COLUMNS says more.
"""

from __future__ import annotations

import dataclasses
import io
import json
import sys
from datetime import date
from enum import Enum
from typing import IO, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from statusrapport.report.diff import Change, FigureChange, InitiativeDiff, ReportDiff
from statusrapport.errors import UserError
from statusrapport.report.listing import Overview
from statusrapport.report.portfolio import (CostLevel, PortfolioOverview,
                                     Schedule)
from statusrapport.report.view import (BulletView, InitiativeView, KpiView, MilestoneRow,
                                ReportView, Run, StatusView)
from statusrapport.data.weeks import IsoWeek
from statusrapport.visible import visible
from statusrapport.words import current

WIDE = 120  # from this width the progress lists stand side by side, as on the slide

ATTENTION = "bold red"  # delivered late, overdue: what readers look for first
MOVED = "dark_orange"
HEADING = "bold"
MUTED = "dim"


def console(width: int | None = None, *, file: IO[str] | None = None,
            record: bool = False) -> Console:
    """A console for data on stdout; printed to a pipe or file, lines lose their trailing padding."""
    out = file or sys.stdout
    if not out.isatty():
        out = _Trimmed(out)
    return Console(file=out, width=width, record=record, highlight=False, emoji=False,
                   markup=False)


class _Trimmed(io.TextIOBase):
    """Plain output without the spaces rich pads table cells with at the end of each line."""

    def __init__(self, target: IO[str]):
        self._target = target
        self._line = ""

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target, "encoding", None) or "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        *lines, self._line = (self._line + text).split("\n")
        for line in lines:
            self._target.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        if self._line:
            self._target.write(self._line)
            self._line = ""
        self._target.flush()


# ---- show ------------------------------------------------------------------------------------

def only(view: ReportView, initiative_id: str | None) -> ReportView:
    """The report narrowed to one initiative (by id, its file name); None keeps them all."""
    if initiative_id is None:
        return view
    ids = [i.status.initiative_id for i in view.initiatives()]
    if initiative_id not in ids:
        raise UserError(f"no initiative {initiative_id!r}; the initiatives are: {', '.join(ids)}")
    groups = tuple(dataclasses.replace(g, initiatives=tuple(
        i for i in g.initiatives if i.status.initiative_id == initiative_id)) for g in view.groups)
    return dataclasses.replace(view, groups=tuple(g for g in groups if g.initiatives))


def render_report(out: Console, view: ReportView) -> None:
    out.print(Text(visible(view.title), style=HEADING))
    for initiative in view.initiatives():
        out.print()
        render_initiative(out, initiative)


def render_initiative(out: Console, initiative: InitiativeView) -> None:
    status = initiative.status
    out.print(Rule(Text(visible(status.title), style=HEADING), style=MUTED))
    for block in status_blocks(status, wide=out.width >= WIDE):
        out.print(block)
    if initiative.kpi is not None:
        out.print()
        out.print(kpi_block(initiative.kpi))


def status_blocks(status: StatusView, *, wide: bool) -> list[RenderableType]:
    return [
        _heading(current().info), _indented(info_table(status)), Text(),
        _heading(current().milestones), _indented(milestone_table(status.milestones)), Text(),
        _heading(current().economy), _indented(economy(status, wide=wide)), Text(),
        _heading(current().progress), _indented(progress(status, wide=wide)),
    ]


def info_table(status: StatusView) -> Table:
    table = _table(current().initiative, current().leader, current().period)
    _names(table, 0, 1)
    table.add_row(Text(visible(status.name)), Text(visible(status.leader)), Text(status.period))
    return table


def milestone_table(rows: tuple[MilestoneRow, ...]) -> Table:
    table = _table(current().id, current().description, current().planned, current().delivered)
    for column in (0, 2, 3):
        table.columns[column].no_wrap = True
    for row in rows:
        table.add_row(Text(visible(row.id)), Text(row.description), planned_cell(row),
                      delivered_cell(row))
    return table


def planned_cell(row: MilestoneRow) -> Text:
    """The original date first, then the date in force (orange when it was moved)."""
    *earlier, in_force = row.planned
    cell = Text()
    for day in earlier:
        cell.append(day, style=MUTED if row.moved else "")
        cell.append(" → ", style=MUTED if row.moved else "")
    cell.append(in_force, style=MOVED if row.moved else "")
    return cell


def delivered_cell(row: MilestoneRow) -> Text:
    style = ATTENTION if row.state.needs_attention else ""
    return Text(row.delivered, style=style)


def economy(status: StatusView, *, wide: bool) -> RenderableType:
    budget = budget_block(status)
    comments = bullet_list(tuple(BulletView((Run(c),)) for c in status.budget_comments))
    if wide:
        table = _table(current().budget, current().comment)
        table.add_row(budget, comments)
        return table
    parts: list[RenderableType] = [_subheading(current().budget), _indented(budget)]
    if status.budget_comments:
        parts += [_subheading(current().comment), _indented(comments)]
    return Group(*parts)


def budget_block(status: StatusView) -> RenderableType:
    parts: list[RenderableType] = []
    if status.budget_total:
        parts.append(Text(status.budget_total))
    if status.costs is not None:
        costs = status.costs
        parts.append(Text(current().periodisation, style=MUTED))
        table = _table("", current().plan, current().actual, current().deviation)
        for column in table.columns[1:]:
            column.justify = "right"
            column.no_wrap = True
        deviation = Text(costs.deviation, style=ATTENTION if costs.over_plan else "")
        deviation.append(f" ({costs.deviation_percent})", style=MUTED)
        _names(table, 0)
        table.add_row(Text(current().costs_so_far), Text(costs.plan), Text(costs.actual), deviation)
        parts.append(table)
    if status.costs_as_of:
        parts.append(Text(status.costs_as_of))
    return Group(*parts) if parts else Text("–", style=MUTED)


def progress(status: StatusView, *, wide: bool) -> RenderableType:
    lists = [(current().done, status.done), (current().next, status.planned),
             (current().risks, status.risks)]
    if status.no_progress:
        return Text(status.no_progress)
    if wide:
        table = _table(*(label for label, _ in lists), ratios=True)
        table.add_row(*(bullet_list(items) for _, items in lists))
        return table
    parts: list[RenderableType] = []
    for label, items in lists:
        parts += [_subheading(label), _indented(bullet_list(items))]
    return Group(*parts)


def kpi_block(kpi: KpiView) -> RenderableType:
    return Group(_heading(kpi.title), _indented(bullet_list(kpi.bullets)))


def bullet_list(items: tuple[BulletView, ...], level: int = 0) -> RenderableType:
    """Bullets with a hanging indent; sub-bullets one step in."""
    if not items:
        return Text("–", style=MUTED)
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")  # a long address breaks, never ends in "…"
    for item in items:
        grid.add_row("•" if level == 0 else "–", runs_text(item.runs))
        if item.children:
            grid.add_row("", bullet_list(item.children, level + 1))
    return grid


def runs_text(runs: tuple[Run, ...]) -> Text:
    text = Text()
    for run in runs:
        if run.url is None:
            text.append(run.text)
            continue
        text.append(run.text, style=Style(link=run.url, underline=True))
        if run.text != run.url:  # a labelled link: the address is still readable when printed
            text.append(f" <{run.url}>", style=MUTED)
    return text


# ---- list ------------------------------------------------------------------------------------

def render_overview(out: Console, data: Overview) -> None:
    out.print(Text(visible(data.programme), style=HEADING))
    out.print()
    out.print(_heading(current().reports))
    reports = _table(current().report, current().week, current().year,
                     current().date, current().initiative)
    for column in reports.columns[1:]:
        column.justify = "right"
    total = len(data.initiatives)
    for row in data.reports:
        reports.add_row(Text(row.key), Text(str(row.week)), Text(str(row.year)), Text(row.date),
                        Text(current().of_total.format(count=row.initiatives, total=total)))
    out.print(reports if data.reports else Text("–", style=MUTED))
    out.print()
    out.print(_heading(current().initiative))
    out.print(initiative_table(data, wide=out.width >= WIDE))


def initiative_table(data: Overview, *, wide: bool) -> Table:
    """Group and leader in columns of their own when wide, else under the initiative's name."""
    who = (current().group, current().leader) if wide else ()
    table = _table(current().initiative, *who, current().latest,
                   current().overdue, current().moved)
    table.columns[-3].no_wrap = True
    table.show_lines = True  # an initiative takes several lines: keep them apart
    _names(table, *range(len(who) + 1))
    for column in table.columns[-2:]:
        column.justify = "right"
    for row in data.initiatives:
        name = Text(visible(row.id))
        name.append(f"\n{visible(row.name)}", style=MUTED)
        if not wide:
            name.append(f"\n{visible(row.group)} · {visible(row.leader)}", style=MUTED)
        overdue = "–" if row.overdue is None else str(row.overdue)
        table.add_row(name, *(Text(visible(row.group)), Text(visible(row.leader))) if wide else (),
                      Text(row.latest or "–"),
                      Text(overdue, style=ATTENTION if row.overdue else ""),
                      Text(str(row.moved), style=MOVED if row.moved else ""))
    return table


# ---- show --overview -------------------------------------------------------------------------

SCHEDULE_STYLE = {Schedule.OVERDUE: ATTENTION, Schedule.MOVED: MOVED, Schedule.ON_TRACK: "",
                  Schedule.ENDED: ""}
COST_STYLE = {CostLevel.OVER: ATTENTION, CostLevel.UNDER: "", CostLevel.WITHIN: MUTED,
              CostLevel.NO_FIGURES: MUTED}


def only_rows(data: PortfolioOverview, initiative_id: str) -> PortfolioOverview:
    rows = tuple(r for r in data.rows if r.initiative_id == initiative_id)
    if not rows:
        ids = ", ".join(r.initiative_id for r in data.rows)
        raise UserError(f"no initiative {initiative_id!r}; the initiatives are: {ids}")
    return dataclasses.replace(data, rows=rows)


def render_portfolio(out: Console, data: PortfolioOverview) -> None:
    """The deck's overview slide as a table: what is late, what is over budget."""
    words = current()
    out.print(Text(f"{visible(data.programme)} – {words.overview.lower()} "
                   f"{words.week_label.format(week=data.week.week, year=data.week.year)}",
                   style=HEADING))
    wide = out.width >= WIDE
    keys = ("initiative", "group", "leader") if wide else ("initiative",)
    table = _table(*(getattr(words, k) for k in (*keys, "milestones_short", "costs", "comment")))
    table.show_lines = not wide
    _names(table, *range(len(keys)))
    for row in data.rows:
        name = Text(visible(row.name))
        if not wide:
            name.append(f"\n{visible(row.group)} · {visible(row.leader)}", style=MUTED)
        who = (Text(visible(row.group)), Text(visible(row.leader))) if wide else ()
        table.add_row(name, *who, Text(row.schedule_text, style=SCHEDULE_STYLE[row.schedule]),
                      Text(row.cost.text, style=COST_STYLE[row.cost.level]), Text(row.comment))
    out.print(table)
    out.print(Text(words.tolerance_note.format(costs=words.costs, tolerance=data.tolerance),
                   style=MUTED))


# ---- diff ------------------------------------------------------------------------------------

def render_diff(out: Console, data: ReportDiff) -> None:
    out.print(Text(f"{visible(data.programme)}: {data.old} → {data.new}", style=HEADING))
    for initiative in data.initiatives:
        out.print()
        render_initiative_diff(out, initiative)
    if data.removed:
        out.print()
        out.print(_heading(current().removed_from_data))
        out.print(bullet_list(tuple(BulletView((Run(visible(r)),)) for r in data.removed)))


def render_initiative_diff(out: Console, item: InitiativeDiff) -> None:
    out.print(Rule(Text(visible(item.name), style=HEADING), style=MUTED))
    sides = (item.new,) if item.old == item.new else (item.old, item.new)
    span = " → ".join(side for side in sides if side)
    shown = visible(item.initiative_id)
    line = Text(f"{shown}: {span}" if span else shown, style=MUTED)
    if item.note:
        line.append(f" ({item.note})", style=MUTED)
    out.print(line)
    if not item.changed:
        out.print(Text(current().unchanged))
        return
    if item.ended:
        out.print(Text(visible(item.ended), style=HEADING))
    if item.group:
        out.print(Text(f"{current().group}: {visible(item.group)}", style=MOVED))
    if item.milestones:
        out.print(_subheading(current().milestones_short))
        table = _table("", current().id, current().description, "", header=False)
        table.columns[0].no_wrap = table.columns[1].no_wrap = table.columns[3].no_wrap = True
        for change in item.milestones:
            style = ATTENTION if change.needs_attention else (
                MOVED if change.change is Change.MOVED else "")
            table.add_row(Text(current().changes[change.change.name], style=style),
                          Text(visible(change.id)),
                          Text(change.description), Text(change.detail, style=style))
        out.print(_indented(table))
    if item.costs:
        out.print(_subheading(current().costs))
        out.print(_indented(_figure_table(item.costs)))
    if item.kpis:
        out.print(_subheading(current().kpis))
        out.print(_indented(_figure_table(item.kpis)))
    if item.risks_added or item.risks_removed:
        out.print(_subheading(current().risks))
        table = _table("", "", header=False)
        for text in item.risks_added:
            table.add_row(Text("+", style="green"), Text(text))
        for text in item.risks_removed:
            table.add_row(Text("-", style="red"), Text(text, style=MUTED))
        out.print(_indented(table))


def _figure_table(rows: tuple[FigureChange, ...]) -> Table:
    table = _table("", "", "", "", "", header=False)
    _names(table, 0)  # a cost's or a KPI's name
    for column in table.columns[1:]:
        column.justify = "right"
        column.no_wrap = True
    for row in rows:
        table.add_row(Text(visible(row.name)), Text(row.old or "–", style=MUTED),
                      Text("→", style=MUTED),
                      Text(row.new or "–"), Text(row.change))
    return table


# ---- shared ----------------------------------------------------------------------------------

def _table(*headers: str, header: bool = True, ratios: bool = False) -> Table:
    table = Table(box=box.SIMPLE_HEAD if header else None, show_header=header, show_edge=False,
                  pad_edge=False, header_style=HEADING, expand=ratios)
    for name in headers:
        table.add_column(name, ratio=1 if ratios else None, vertical="top", overflow="fold")
    return table


def _names(table: Table, *columns: int) -> None:
    """Columns of ids and names: wrapped at spaces, and a word wider than its column cut with
    "…" (folded, `selvbetjening-avbestille-bekrefte` broke mid-word at 60 columns)."""
    for column in columns:
        table.columns[column].overflow = "ellipsis"


def _indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, 2))


def _heading(text: str) -> Text:
    return Text(text, style=f"{HEADING} underline")


def _subheading(text: str) -> Text:
    return Text(text, style=HEADING)


# ---- JSON ------------------------------------------------------------------------------------

def to_json(value: Any) -> str:
    """Views as JSON: dataclasses as objects, dates ISO, enums by value, weeks as 2021-uke-33."""
    return json.dumps(jsonable(value), ensure_ascii=False, indent=2)


def jsonable(value: Any) -> Any:
    if isinstance(value, IsoWeek):
        return {"key": value.key, "year": value.year, "week": value.week}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value

