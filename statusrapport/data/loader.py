"""The one loader: a folder of YAML in, a validated Programme out, or one UserError with every problem."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from statusrapport.data import checks
from statusrapport.errors import Problem, Severity, UserError, problem_at
from statusrapport.data.model import (Initiative, Programme, ProgrammeFile, TemplateChoice,
                                      report_date, resolve_week_ref)
from statusrapport.data.weeks import IsoWeek
from statusrapport.data.yamlsafe import Document, dotted, read_yaml

PROGRAMME_FILE = "programme.yaml"
# More errors than this in one file are counted, not listed: nobody reads the 101st.
MAX_ERRORS_PER_FILE = 100


@dataclass(frozen=True)
class Loaded:
    programme: Programme
    warnings: list[Problem]
    week: IsoWeek | None = None  # the report asked for, resolved


@dataclass(frozen=True)
class _Files:
    """The YAML files of a folder: on disk, or given as their contents (as committed in git)."""

    folder: Path
    contents: Mapping[str, bytes] | None = None

    def names(self) -> list[str]:
        if self.contents is None:
            return sorted(p.name for p in self.folder.glob("*.yaml"))
        return sorted(name for name in self.contents if name.endswith(".yaml"))

    def exists(self, name: str) -> bool:
        return (self.folder / name).exists() if self.contents is None else name in self.contents

    def read(self, name: str) -> tuple[Document, list[Problem]]:
        return read_yaml(self.folder / name, None if self.contents is None else self.contents[name])


def load(folder: Path, report: str | None = None, complete: bool = True) -> Loaded:
    """Load and check every file under `folder`; raise UserError listing all problems found.
    `complete=False` skips the check that every active initiative has the latest report (a
    report opened for some initiatives only is valid data, just not a whole report yet)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder of initiatives")
    return _load(_Files(folder), report, complete)


def load_files(folder: Path | str, contents: Mapping[str, bytes], report: str | None = None,
               complete: bool = True) -> Loaded:
    """`load` for files given as {file name: bytes}; `folder` names where they are, in messages."""
    return _load(_Files(Path(folder), contents), report, complete)


def _load(files: _Files, report: str | None, complete: bool = True) -> Loaded:
    problems: list[Problem] = []
    programme_file = _load_document(files, PROGRAMME_FILE, ProgrammeFile, problems)
    initiatives: dict[str, tuple[Initiative, Document]] = {}
    for name in files.names():
        if name == PROGRAMME_FILE:
            continue
        loaded = _load_initiative(files, name, problems)
        if loaded:
            initiatives[Path(name).stem] = loaded
    ordered = _in_programme_order(files, programme_file, initiatives, problems)
    programme = Programme(name=programme_file[0].programme if programme_file else "",
                          groups=programme_file[0].groups if programme_file else [],
                          initiatives=[i for i, _ in ordered])
    if programme_file:
        settings = programme_file[0]
        programme = replace(programme, cost_tolerance=settings.cost_tolerance,
                            timeline=settings.timeline, language=settings.language,
                            template=_template_choice(files, *programme_file),
                            kpi_comparison=settings.kpi_comparison,
                            cancelled_label=settings.cancelled_label,
                            no_progress_label=settings.no_progress_label,
                            overview_cost_comment=settings.overview_cost_comment,
                            fonts=_font_folder(files, settings.fonts, programme_file[1], problems))
    # A file that failed to load may hold the report asked for: name the files' errors only,
    # not "there is no report for uke-33; reports in the data: none" beside them.
    failed = any(p.severity is Severity.ERROR for p in problems)
    week = None if failed else _resolve_week(report, programme, problems)
    for initiative, doc in ordered:
        for loc, message in checks.findings(initiative, week or _latest(initiative)):
            line, col = doc.locate(loc)
            problems.append(problem_at(doc.path, line, col, dotted(loc), message, Severity.WARNING))
    for initiative, doc in ordered:
        _check_history(initiative, doc, problems)
    # With no week asked, the latest: so `validate` passes exactly when `build <latest>` can.
    checked = (week if week is not None or failed or not complete
               else max(programme.weeks(), default=None))
    if checked is not None:
        _require_report(checked, ordered, problems)
    if any(p.severity is Severity.ERROR for p in problems):
        raise UserError(problems)
    return Loaded(programme, sorted(problems), week)


def load_template_choice(folder: Path) -> TemplateChoice | None:
    """Only programme.yaml's `template:` (for `template check --data`), or its problems."""
    problems: list[Problem] = []
    loaded = _load_document(_Files(Path(folder)), PROGRAMME_FILE, ProgrammeFile, problems)
    if loaded is None:
        raise UserError(problems)
    return _template_choice(_Files(Path(folder)), *loaded)


def load_font_folder(folder: Path) -> Path | None:
    """Only programme.yaml's `fonts:` (for `template check --data`), or its problems."""
    problems: list[Problem] = []
    files = _Files(Path(folder))
    loaded = _load_document(files, PROGRAMME_FILE, ProgrammeFile, problems)
    found = _font_folder(files, loaded[0].fonts, loaded[1], problems) if loaded else None
    if problems:
        raise UserError(problems)
    return found


def _template_choice(files: _Files, settings: ProgrammeFile,
                     doc: Document) -> TemplateChoice | None:
    if settings.template is None:
        return None
    template = settings.template
    file = files.folder / template.file if template.file else None
    where = {role: doc.locate(("template", "layouts", role)) for role in template.layouts}
    return TemplateChoice(file, dict(template.layouts), doc.path, where)


def _font_folder(files: _Files, fonts: str | None, doc: Document,
                 problems: list[Problem]) -> Path | None:
    """`fonts:` as a folder found from the data folder; a missing one is an error where the
    files are on disk (a programme read from git names it, but the fonts are not in git's
    files here)."""
    if fonts is None:
        return None
    folder = files.folder / fonts
    if files.contents is None and not folder.is_dir():
        line, col = doc.locate(("fonts",))
        problems.append(problem_at(doc.path, line, col, "fonts", f"no such folder: {folder} "
                                   "(the office's font files, relative to this file's folder)"))
    return folder


def _latest(initiative: Initiative) -> IsoWeek | None:
    return max(initiative.reports, default=None)


def _resolve_week(report: str | None, programme: Programme,
                  problems: list[Problem]) -> IsoWeek | None:
    if report is None:
        return None
    try:
        return resolve_week_ref(report, programme.weeks())
    except ValueError as exc:
        problems.append(problem_at("", 0, 0, "", str(exc)))
        return None


def _require_report(week: IsoWeek, ordered: list[tuple[Initiative, Document]],
                    problems: list[Problem]) -> None:
    for initiative, doc in ordered:
        if initiative.active_in(week) and week not in initiative.reports:
            known = ", ".join(w.key for w in sorted(initiative.reports)) or "none"
            line, col = doc.locate(("reports",), key=True)
            problems.append(problem_at(doc.path, line, col, "reports",
                                       f"no report for {week.key}; this file has: {known} "
                                       "(an initiative that has ended says so: finished: or "
                                       "stopped:)"))


def _check_history(initiative: Initiative, doc: Document, problems: list[Problem]) -> None:
    """An end and group changes that name reports the file has, in order."""
    def error(loc: tuple[str | int, ...], message: str, key: bool = False) -> None:
        line, col = doc.locate(loc, key=key)
        problems.append(problem_at(doc.path, line, col, dotted(loc), message))

    for key in ("finished", "stopped"):
        closing = getattr(initiative, key)
        if closing is None:
            continue
        if closing.report not in initiative.reports:
            known = ", ".join(w.key for w in sorted(initiative.reports)) or "none"
            error((key, "report"), f"{closing.report.key} is not a report in this file (it "
                  f"has: {known}); name its last report")
        for later in sorted(w for w in initiative.reports if w > closing.report):
            error(("reports", later.key), f"a report after the initiative {key} with "
                  f"{closing.report.key}; remove it or move {key}.report", key=True)
        first = initiative.first_week
        if first is not None and closing.date < report_date(first, initiative.reports[first]):
            error((key, "date"), f"{closing.date:%d.%m.%Y} is before its first report "
                  f"({first.key})")
    previous: tuple[IsoWeek | None, str] = (None, initiative.group)
    for index, change in enumerate(initiative.group_changes):
        before, group = previous
        if before is not None and change.report <= before:
            error(("group_changes", index, "report"), f"{change.report.key} is not after the "
                  f"change before it ({before.key}); list the changes oldest first")
        elif change.group == group:
            error(("group_changes", index, "group"), f"already in {group!r} then; name the "
                  "group it moves to")
        previous = (change.report, change.group)


def _load_document(files: _Files, name: str, model: type[BaseModel],
                   problems: list[Problem]) -> tuple[Any, Document] | None:
    if not files.exists(name):
        problems.append(problem_at(files.folder / name, 0, 0, "", "missing: the programme file "
                                   "names the programme and orders its groups and initiatives"))
        return None
    doc, found = files.read(name)
    problems.extend(_capped(found))
    if found:
        return None
    validated = _validate_document(doc, model, problems)
    return (validated, doc) if validated else None


def _load_initiative(files: _Files, name: str,
                     problems: list[Problem]) -> tuple[Initiative, Document] | None:
    doc, found = files.read(name)
    path = doc.path
    problems.extend(_capped(found))
    if found:
        return None
    data = doc.data
    if isinstance(data, dict) and "id" in data:
        line, col = doc.key_at[("id",)]
        problems.append(problem_at(path, line, col, "id", "unknown key: an initiative's id is "
                                   f"its file name ({path.stem!r}); remove this key"))
        data = {key: value for key, value in data.items() if key != "id"}  # check the rest too
    model = _validate_document(doc, Initiative, problems, data)
    if model is None or data is not doc.data:
        return None
    return model.model_copy(update={"id": path.stem}), doc


def _validate_document(doc: Document, model: type[BaseModel], problems: list[Problem],
                       data: Any = None) -> Any:
    data = doc.data if data is None else data
    if not isinstance(data, dict):
        keys = ", ".join(_known_keys(model)[:3])
        line, col = doc.locate(())  # where the data starts, after any comments
        problems.append(problem_at(doc.path, line, col, "", f"expected a mapping of keys "
                                   f"({keys}, …)" + (_found(data) or ", found a single value")))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # Locate only what is shown: naming each of 60,000 unknown keys took seconds.
        problems.extend(_capped([_located(doc, model, error)
                                 for error in errors[:MAX_ERRORS_PER_FILE + 1]], len(errors)))
        return None


def _capped(found: list[Problem], total: int | None = None) -> list[Problem]:
    """A file's first MAX_ERRORS_PER_FILE problems, and one line counting the rest."""
    total = len(found) if total is None else total
    if total <= MAX_ERRORS_PER_FILE:
        return found
    rest = found[MAX_ERRORS_PER_FILE]  # the first not shown: where the count points
    return found[:MAX_ERRORS_PER_FILE] + [problem_at(
        rest.path, rest.line, rest.column, "", f"{total - MAX_ERRORS_PER_FILE} more errors "
        "in this file from here on; fix the ones above first")]


def _located(doc: Document, model: type[BaseModel], error: Any) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    if len(loc) > 2 and loc[-1] == "date" and loc[-3] == "revised" \
            and isinstance(_written(doc.data, loc[:-1]), str):
        loc = loc[:-1]  # a move written as a plain date: its error is the date's
    if loc and loc[-1] == "[key]":  # a dict key that failed (a report key such as 2021-uke-99)
        loc = loc[:-1]
        line, col = doc.locate(loc, key=True)
        return problem_at(doc.path, line, col, dotted(loc), _message(error, loc[-1]))
    if kind == "extra_forbidden":
        line, col = doc.locate(loc, key=True)
        return problem_at(doc.path, line, col, dotted(loc), _unknown_key(model, loc))
    if kind == "missing":
        line, col = doc.locate(loc[:-1])
        return problem_at(doc.path, line, col, dotted(loc), "required, but missing")
    line, col = doc.locate(loc)
    return problem_at(doc.path, line, col, dotted(loc), _message(error, _written(doc.data, loc)))


def _written(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value as the file has it (pydantic's input may be our cleaned-up form of it)."""
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


# pydantic's words for a wrong type name Python ("a valid dictionary or instance of Bullet");
# the user wrote YAML.
_WRONG_TYPE = {
    "model_type": "expected keys and values",
    "dict_type": "expected keys and values",
    "list_type": "expected a list (lines that start with '- ')",
    "string_type": "expected text",
    "int_parsing": "expected a whole number, such as 2 900 000",
    "int_type": "expected a whole number, such as 2 900 000",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
}


def _message(error: Any, written: Any = None) -> str:
    kind = error["type"]
    value = error.get("input") if written is None else written
    if kind in _WRONG_TYPE:
        return _WRONG_TYPE[kind] + _found(value)
    if kind == "greater_than_equal" and error.get("ctx", {}).get("ge") == 0:
        return "cannot be negative" + _found(value)
    message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind != "value_error" and isinstance(value, str):
        message += _found(value)
    return message


def _found(value: Any) -> str:
    if value is None:
        return ", found nothing"
    if isinstance(value, list):
        return ", found a list"
    if isinstance(value, dict):
        return ", found keys and values"
    return f", got {value!r}" if isinstance(value, str) and len(value) <= 40 else ""


def _unknown_key(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    owner = _model_at(model, loc[:-1])
    known = _known_keys(owner) if owner else []
    close = difflib.get_close_matches(str(loc[-1]), known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown key{hint}" + (f" (known keys: {', '.join(known)})" if known else "")


def _known_keys(model: type[BaseModel]) -> list[str]:
    return [name for name, field in model.model_fields.items() if not field.exclude]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc` (to name its known keys)."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        else:  # a list or dict: step into its items
            args = [a for a in typing.get_args(current) if a is not type(None)]
            current = args[-1] if args else None
        current = _unwrapped(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrapped(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _in_programme_order(files: _Files, programme_file: tuple[ProgrammeFile, Document] | None,
                        initiatives: dict[str, tuple[Initiative, Document]],
                        problems: list[Problem]) -> list[tuple[Initiative, Document]]:
    if programme_file is None:
        return list(initiatives.values())
    programme, programme_doc = programme_file
    path = programme_doc.path
    listed: dict[str, list[str]] = {}  # id: the groups that list it
    group_names: set[str] = set()
    read = {Path(name).stem for name in files.names() if name != PROGRAMME_FILE}
    ordered = []
    for g, group in enumerate(programme.groups):
        if group.name in group_names:  # the deck would show the group twice
            line, col = programme_doc.locate(("groups", g, "name"))
            problems.append(problem_at(path, line, col, f"groups[{g}].name", f"the group "
                                       f"{group.name!r} is listed twice; list it once"))
        group_names.add(group.name)
        for i, initiative_id in enumerate(group.initiatives):
            loc = ("groups", g, "initiatives", i)
            line, col = programme_doc.locate(loc)
            if group.name in listed.get(initiative_id, []):
                problems.append(problem_at(path, line, col, dotted(loc),
                                           f"{initiative_id!r} is listed twice"))
                continue
            listed.setdefault(initiative_id, []).append(group.name)
            if (wrong := _not_an_id(initiative_id)) is not None:
                problems.append(problem_at(path, line, col, dotted(loc), wrong))
                continue
            if initiative_id not in initiatives:
                if initiative_id not in read:  # else its file's own errors are listed
                    problems.append(problem_at(path, line, col, dotted(loc),
                                               _no_file(files, initiative_id)))
                continue
            initiative, doc = initiatives[initiative_id]
            if len(listed[initiative_id]) > 1:  # listed under each group it has been in
                if group.name not in initiative.groups:
                    problems.append(problem_at(path, line, col, dotted(loc), f"{initiative_id!r} "
                                               f"is listed twice, and never in {group.name!r} "
                                               "(see its group and group_changes)"))
                continue
            ordered.append((initiative, doc))
    for initiative_id, (initiative, doc) in initiatives.items():
        groups = listed.get(initiative_id)
        if not groups:
            problems.append(problem_at(doc.path, 1, 1, "", f"not listed in {PROGRAMME_FILE}; "
                                       f"add {initiative_id!r} to its group {initiative.group!r}"))
            continue
        for loc, group in [(("group",), initiative.group), *(
                (("group_changes", i, "group"), c.group)
                for i, c in enumerate(initiative.group_changes))]:
            if group not in groups:
                line, col = doc.locate(loc)
                where = " and ".join(repr(g) for g in groups)
                problems.append(problem_at(doc.path, line, col, dotted(loc),
                                           f"{group!r}, but {PROGRAMME_FILE} lists this "
                                           f"initiative under {where}"))
    return ordered


def _not_an_id(initiative_id: str) -> str | None:
    """Why a listed id cannot name an initiative file in the folder, or None when it can.

    An id is a file name in the data folder, without .yaml: `../outside` or `sub/beta` named
    files the loader never reads, and `programme` the programme file, so each entry dropped
    out of the deck without a word."""
    if initiative_id == Path(PROGRAMME_FILE).stem:
        return f"'programme' names {PROGRAMME_FILE} itself, not an initiative"
    if "/" in initiative_id or "\\" in initiative_id or initiative_id in ("", ".", ".."):
        return (f"{initiative_id!r} is not a file name: an initiative's id is the name of its "
                "file in this folder, without '.yaml' (no '/', '\\' or '..')")
    return None


def _no_file(files: _Files, initiative_id: str) -> str:
    message = f"no file {initiative_id}.yaml in {files.folder}"
    if initiative_id.endswith((".yaml", ".yml")):
        return f"{message}; write the initiative's file name without '.yaml'"
    if files.exists(f"{initiative_id}.yml"):  # only *.yaml files are read
        return f"{message}; rename {initiative_id}.yml to {initiative_id}.yaml"
    return message
