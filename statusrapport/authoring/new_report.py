"""`statusrapport new report uke-35`: open the next report in each initiative file, in place.

What the tool can know is written for the user: the period (from the week after the previous
report), the risks (carried over), a draft of `done` (last time's plan, each item marked
(UTKAST) until someone confirms it: `validate` warns about every mark) and the KPIs to
measure again, as a commented template: a KPI has no value until someone measures it, and a
file with an empty value would not load.
"""

from __future__ import annotations

import copy
import io
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from statusrapport.data.checks import DRAFT_MARKER
from statusrapport.errors import Problem, UserError, problem_at
from statusrapport.data.model import MAX_TEXT, Initiative, previous_week
from statusrapport.authoring.roundtrip import Editable, make_yaml, open_editable, uncommitted
from statusrapport.data.weeks import IsoWeek, WeekRef, parse_week_key

FOLD_AT = 80  # a carried item longer than this is written folded (>-), as the seed writes them


@dataclass(frozen=True)
class Opened:
    week: IsoWeek
    paths: list[Path]
    drafts: int  # items of `done` marked for review


def choose_week(text: str, weeks: list[IsoWeek], today: date | None = None) -> IsoWeek:
    """`uke-35` is the week 35 nearest the latest report (uke-2 after uke-50 is next year's)."""
    try:
        ref = WeekRef.parse(text)
        anchor = max(weeks) if weeks else IsoWeek.of(today or date.today())
        return ref.nearest_to(anchor)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def period_text(start: IsoWeek, end: IsoWeek) -> str:
    if start == end:
        return f"uke {end.week}"
    if start.year == end.year:
        return f"uke {start.week} – {end.week}"
    if end.year == start.year + 1:  # across one new year: each week with its year, as offices write it
        return f"uke {start.week} ({start.year}) – uke {end.week} ({end.year})"
    return f"{start.key} – {end.key}"


def open_reports(data: Path, week_text: str, only: list[str] | None = None,
                 force: bool = False) -> Opened:
    """Add the report to every file in one transaction, holding the data folder's lock from
    before the files are read (a second `new report` waits, then sees this one's reports)."""
    from statusrapport.files.lock import data_lock
    from statusrapport.files.transaction import recover

    with data_lock(data):
        recover(data)  # a change a killed command left is finished before anything is read
        return _open_reports(Path(data), week_text, only, force)


def _open_reports(data: Path, week_text: str, only: list[str] | None, force: bool) -> Opened:
    from statusrapport.data.loader import load
    from statusrapport.files.transaction import Change, commit

    # The files must be valid before anything is added; the latest report may be opened for
    # some initiatives only so far (this command opens it for the others).
    programme = load(data, complete=False).programme
    week = choose_week(week_text, programme.weeks())
    initiatives = _selected(programme.initiatives, only or [], data)
    problems: list[Problem] = []
    for initiative in initiatives:
        problems.extend(_refusals(data / f"{initiative.id}.yaml", initiative, week, force))
    if problems:
        raise UserError(problems)
    edits = []
    for initiative in initiatives:  # every file's problems said at once
        try:
            edits.append(_prepared(data / f"{initiative.id}.yaml", initiative, week))
        except UserError as exc:
            problems.extend(exc.problems)
    if problems:
        raise UserError(problems)
    _check(data, [e for e, _ in edits])
    commit(data, [Change(e.path, e.encoded(), e.raw) for e, _ in edits])
    return Opened(week, [e.path for e, _ in edits], sum(count for _, count in edits))


def _selected(initiatives: list[Initiative], only: list[str], data: Path) -> list[Initiative]:
    if not only:  # every initiative still running: one that has ended takes no new report
        return [i for i in initiatives if i.closing is None]
    by_id = {i.id: i for i in initiatives}
    unknown = [name for name in only if name.removesuffix(".yaml") not in by_id]
    if unknown:
        raise UserError(f"no initiative {', '.join(map(repr, unknown))} in {data}; "
                        f"the initiatives are: {', '.join(by_id)}")
    return [by_id[name.removesuffix(".yaml")] for name in dict.fromkeys(only)]


def _refusals(path: Path, initiative: Initiative, week: IsoWeek, force: bool) -> list[Problem]:
    found = []
    if week in initiative.reports:
        found.append(problem_at(path, 0, 0, "reports", f"already has the report {week.key}"))
    elif initiative.closing is not None:
        kind = "finished" if initiative.finished else "stopped"
        found.append(problem_at(path, 0, 0, kind, f"{kind} with {initiative.closing.report.key}: "
                                "it takes no later report"))
    elif initiative.reports and max(initiative.reports) > week:
        found.append(problem_at(path, 0, 0, "reports", f"its latest report is "
                                f"{max(initiative.reports).key}; a new report comes after it"))
    status = None if force else uncommitted(path)
    if status:
        what = "is not committed yet" if status == "??" else "has uncommitted changes"
        found.append(problem_at(path, 0, 0, "", f"{what} (git status: {status}); commit first, "
                                "so that the new report is a change of its own, or use --force"))
    return found


def _prepared(path: Path, initiative: Initiative, week: IsoWeek) -> tuple[Editable, int]:
    editable = open_editable(path)
    data = editable.data
    reports = data.get("reports")
    before = previous_week(initiative, week)
    previous = _node_of(reports, before) if before else None
    _check_drafts_fit(path, previous, before)
    new, drafts = _new_report(initiative, week, before, previous)
    snippet = _with_comments(editable, week, new, drafts, initiative, before)
    loaded = editable.yaml.load(snippet)
    parsed = loaded["reports"]
    _keep_trailing_comments(loaded, parsed[week.key], _kpi_template(initiative, week, before,
                                                                    " " * 4))
    if isinstance(reports, CommentedMap) and reports:
        reports[week.key] = parsed[week.key]
        reports.yaml_set_comment_before_after_key(week.key, before="")  # a blank line between
    else:  # no reports yet (or `reports: {}`): the whole mapping
        data["reports"] = parsed
    return editable, drafts


def _check_drafts_fit(path: Path, previous: Any, before: IsoWeek | None) -> None:
    """A planned item that the draft mark would push past the model's limit is refused where
    it is written: cutting it would lose the user's words, an unmarked copy would claim it done."""
    planned = (previous or {}).get("planned") or []
    room = MAX_TEXT - len(DRAFT_MARKER) - 1
    problems = []
    for index, item in enumerate(planned):
        text = item.get("text") if isinstance(item, dict) else item
        if isinstance(text, str) and len(text) > room:
            line, column = _position(planned, index)
            problems.append(problem_at(
                path, line, column, f"reports.{before.key if before else ''}.planned[{index}]", f"{len(text)} characters: the next "
                f"report's draft of done marks it «{DRAFT_MARKER} », which passes the "
                f"{MAX_TEXT}-character limit; shorten it to at most {room} characters"))
    if problems:
        raise UserError(problems)


def _position(sequence: Any, index: int) -> tuple[int, int]:
    try:
        line, column = sequence.lc.item(index)
        return line + 1, column + 1
    except (AttributeError, KeyError, TypeError):
        return 0, 0


def _keep_trailing_comments(loaded: Any, new: CommentedMap, kpi_lines: list[str]) -> None:
    """The KPI template is the snippet's last comment. After a block sequence ruamel keeps it
    on that sequence's last item; after a flow one (`risks: []`, `[a, b]`) it is stored at the
    end of the whole snippet, which is not copied: there it is put on the last key instead,
    written out again at the indentation it must have."""
    if not (kpi_lines and getattr(loaded, "ca", None) and loaded.ca.end):
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    loaded.ca.end = []
    last = list(new)[-1]
    new.ca.items[last] = [None, None, CommentToken("\n" + "".join(kpi_lines), CommentMark(0),
                                                  None), None]


def _node_of(reports: Any, week: IsoWeek) -> Any:
    """The report of `week` as written (its key may be `2021-uke-33` or `2021-W33`)."""
    for key, value in reports.items():
        try:
            if parse_week_key(str(key)) == week:
                return value
        except ValueError:
            continue
    return None


def _new_report(initiative: Initiative, week: IsoWeek, before: IsoWeek | None,
                previous: Any) -> tuple[CommentedMap, int]:
    new = CommentedMap()
    if before is not None:
        new["period"] = period_text(before.next(), week)
    planned = (previous or {}).get("planned") or []
    new["done"] = CommentedSeq(_draft(item) for item in planned) if planned else _empty()
    new["planned"] = _empty()
    risks = (previous or {}).get("risks")
    new["risks"] = _without_comments(copy.deepcopy(risks)) if risks else _empty()
    return new, len(planned)


def _empty() -> CommentedSeq:
    seq = CommentedSeq()
    seq.fa.set_flow_style()  # written `[]`: one line, the user adds the items below
    return seq


def _without_comments(node: Any) -> Any:
    """A copied node without the comments around it: they belong where they were written
    (a comment above the next key of the old report is stored on its last item)."""
    if isinstance(node, (CommentedMap, CommentedSeq)):
        node.ca.comment = None
        node.ca.items.clear()
        node.ca.end = []
        for child in node.values() if isinstance(node, CommentedMap) else node:
            _without_comments(child)
    return node


def _draft(item: Any) -> Any:
    if isinstance(item, dict):  # text with sub-items
        draft = _without_comments(copy.deepcopy(item))
        draft["text"] = _text(f"{DRAFT_MARKER} {item['text']}")
        return draft
    return _text(f"{DRAFT_MARKER} {item}")


def _text(text: str) -> Any:
    if len(text) <= FOLD_AT or "\n" in text:
        return text
    folded = FoldedScalarString(text)
    lines = textwrap.wrap(text, FOLD_AT, break_long_words=False, break_on_hyphens=False)
    if " ".join(lines) != text:  # runs of spaces: folding would change the text
        return text
    positions, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
        at += 1
    folded.fold_pos = positions
    return folded


def _with_comments(editable: Editable, week: IsoWeek, new: CommentedMap, drafts: int,
                   initiative: Initiative, before: IsoWeek | None) -> str:
    """The new report as YAML text, at the depth it will have, with comments for the editor.

    Written as text and read back, because a comment ruamel is given this way keeps its
    indentation; comments attached through its API land at column 0."""
    out = io.StringIO()
    make_yaml(*_sequence_style(editable)).dump({"reports": {week.key: new}}, out)
    pad = " " * 4
    lines = []
    for line in out.getvalue().splitlines(keepends=True):
        if line.startswith(f"{pad}done:") and drafts:
            lines.append(f"{pad}# Hva er gjort? Forslag: det som var planlagt i {before.key}. "
                         f"Gjort: fjern «{DRAFT_MARKER} ».\n")
            lines.append(f"{pad}# Ikke gjort: slett punktet. `statusrapport validate` viser "
                         f"hvert {DRAFT_MARKER}-punkt som gjenstår.\n")
        elif line.startswith(f"{pad}done:"):
            lines.append(f"{pad}# Hva er gjort siden forrige rapportering?\n")
        elif line.startswith(f"{pad}planned:"):
            lines.append(f"{pad}# Hva planlegges gjennomført frem til neste rapportering?\n")
        elif line.startswith(f"{pad}risks:"):
            lines.append(f"{pad}# Risiko/avhengigheter" +
                         (f" (fra {before.key}; oppdater dem)" if before else "") + ":\n")
        lines.append(line)
    lines.extend(_kpi_template(initiative, week, before, pad))
    return "".join(lines)


def _sequence_style(editable: Editable) -> tuple[int, int]:
    yaml = editable.yaml
    return yaml.sequence_indent or 4, yaml.sequence_dash_offset or 0


def _kpi_template(initiative: Initiative, week: IsoWeek, before: IsoWeek | None,
                  pad: str) -> list[str]:
    kpis = initiative.reports[before].kpis if before else []
    if not kpis:
        return []
    measured = week.day(5).strftime("%d.%m.%Y")  # the report's default date, its Friday
    lines = [f"{pad}# KPI-er fra {before.key} (måles på nytt): fjern «# » foran linjene "
             "under og fyll inn value.\n", f"{pad}# kpis:\n"]
    for kpi in kpis:
        lines.append(f"{pad}#   - name: {_one_line(kpi.name)}\n")
        lines.append(f"{pad}#     value:\n")
        if kpi.unit:
            lines.append(f"{pad}#     unit: {_one_line(kpi.unit)}\n")
        lines.append(f"{pad}#     measured: {measured}\n")
        if kpi.target is not None:  # a target stands until someone changes it
            lines.append(f"{pad}#     target: {_figure_text(kpi.target)}\n")
    return lines


def _figure_text(value) -> str:
    """A figure as the file may hold it: a decimal comma, never a dot ("12.480" is refused)."""
    return format(value.normalize(), "f").replace(".", ",")


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when it reads back as the same text, else quoted."""
    import yaml

    dumped = yaml.safe_dump(text, allow_unicode=True, width=10**6)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _one_line(text: str) -> str:
    """`text` as a YAML scalar on one line (it is written in a comment): plain or quoted as
    `_scalar` writes it when that fits one line, else double-quoted with escapes."""
    plain = _scalar(text)
    if plain.isprintable():
        return plain
    escaped = []
    for char in text:
        if char == "\\" or char == '"':
            escaped.append("\\" + char)
        elif char.isprintable():
            escaped.append(char)
        elif ord(char) <= 0xFFFF:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(f"\\U{ord(char):08x}")
    return '"' + "".join(escaped) + '"'


def _check(data: Path, edits: list[Editable]) -> None:
    """The folder as it will be must load: a failure here is a bug of this module, not the user's."""
    from statusrapport.data.loader import load_files

    contents = {p.name: p.read_bytes() for p in data.glob("*.yaml")}
    contents.update({e.path.name: e.encoded() for e in edits})
    try:
        load_files(data, contents, complete=False)  # `only` opens the report for some
    except UserError as exc:
        raise RuntimeError(f"the new reports would not load:\n{exc}") from None
