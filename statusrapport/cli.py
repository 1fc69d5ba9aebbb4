"""The command line: parse options, call one function of the core, map errors to exit codes.

Exit codes: 0 success, 1 a mistake in the user's input, 2 wrong usage (typer), 3 a bug.
Heavy modules (python-pptx, rich) are imported inside the commands that need them.
"""

from __future__ import annotations

import functools
import sys
import traceback
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
import typer.core

from statusrapport import completion, stdout
from statusrapport.errors import Problem, Severity, UserError

BUG_EXIT = 3
ISSUES_URL = "https://github.com/statusrapport/statusrapport/issues"

app = typer.Typer(
    help="Build a programme office's status deck from one YAML file per initiative.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # click's plain help: typer's rich help tags every option with its Python type
    # (`--pdf <bool>`, `INITIATIVE <list[str]>`), which tells a user nothing.
    rich_markup_mode=None,
)

def _no_type_tag(self: Any, ctx: Any) -> None:
    return None


# typer prints each argument's Python type beside its name in the help (`REPORT <str>`,
# `INITIATIVE <list[str]>`); the name and its help say what to give.
typer.core.TyperArgument.display_type_rich = _no_type_tag  # type: ignore[method-assign]

DataDir = Annotated[Path, typer.Option("--data", "-d", metavar="FOLDER",
                                       help="Folder of initiative YAML files.")]
ReportArg = Annotated[str, typer.Argument(metavar="REPORT", help="The report, e.g. uke-33 or 2021-uke-33.",
                                          autocompletion=completion.complete_report)]


def _print_version(ctx: typer.Context, asked: bool) -> None:
    if asked and not ctx.resilient_parsing:  # Tab completion parses resiliently: no version
        from statusrapport import __version__

        print(f"statusrapport {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        # Eager: read before click asks for a command (without it: "Missing command.").
        "--version", is_eager=True, expose_value=False, callback=_print_version,
        help="Show the version and exit.")] = False,
) -> None:
    """Build a programme office's status deck from one YAML file per initiative."""


def _print_problems(problems: list[Problem]) -> None:
    """Warnings first, then errors: the last lines on the screen are what must be fixed."""
    for problem in sorted(problems, key=lambda p: p.severity is Severity.ERROR):
        print(problem, file=sys.stderr)


def _keep_traceback(text: str) -> str | None:
    """Save a bug's traceback where it outlives a scrolled-away terminal; the file's name."""
    import tempfile
    import time

    from statusrapport import __version__

    try:
        with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", delete=False, suffix=".txt",
                prefix=f"statusrapport-bug-{time.strftime('%Y%m%d-%H%M%S')}-") as file:
            file.write(f"statusrapport {__version__}, Python {sys.version.split()[0]}\n"
                       f"command: {' '.join(sys.argv)}\n\n{text}")
        return file.name
    except OSError:  # a full or read-only temp folder: the printed traceback is still there
        return None


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """A user's mistake becomes its message and exit 1; anything else is a bug with its traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with stdout.guarded():
                return command(*args, **kwargs)
        except stdout.ReaderGone:  # `show --json | head`: the reader has what it wanted
            raise typer.Exit(0) from None
        except stdout.OutputFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise typer.Exit(1) from None
        except UserError as exc:
            _print_problems(exc.problems)
            errors = sum(p.severity is Severity.ERROR for p in exc.problems)
            print(f"{errors} error{'s' * (errors != 1)}.", file=sys.stderr)
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception:  # noqa: BLE001 - the last line of defence: keep the traceback
            traceback.print_exc()
            kept = _keep_traceback(traceback.format_exc())
            print(f"\nThis is a bug in statusrapport, not a mistake of yours. Please report it "
                  f"with the traceback above{f' (also saved in {kept})' if kept else ''} at "
                  f"{ISSUES_URL}", file=sys.stderr)
            raise typer.Exit(BUG_EXIT) from None

    return wrapper


@app.command()
@user_errors
def validate(
    report: Annotated[Optional[str], typer.Argument(
        metavar="REPORT", help="Also check that every initiative active in this week has its "
        "report (e.g. uke-33; default: the latest week).")] = None,
    data: DataDir = Path("initiatives"),
    as_json: Annotated[bool, typer.Option("--json", help="Also print every problem as JSON "
                                          "on stdout, for CI and scripts.")] = False,
) -> None:
    """Check every initiative file: exit 0 (warnings shown), or 1 with every error located."""
    from statusrapport.data.loader import load

    try:
        loaded = load(data, report)
    except UserError as exc:
        if as_json:
            from statusrapport import answers

            print(answers.validation(exc.problems))
        raise
    if as_json:
        from statusrapport import answers

        print(answers.validation(loaded.warnings, loaded.programme))
    _print_problems(loaded.warnings)
    programme = loaded.programme
    reports = sum(len(i.reports) for i in programme.initiatives)
    warnings = len(loaded.warnings)
    print(f"{programme.name}: {len(programme.initiatives)} initiatives, {reports} reports, "
          f"{warnings} warning{'s' * (warnings != 1)}, no errors.", file=sys.stderr)


# ---- the deck: build, template check (python-pptx, imported only here) -----------------------

TemplateOption = Annotated[Optional[Path], typer.Option(
    "--template", "-t", help="A corporate .pptx or .potx (overrides programme.yaml's "
    "template: file:); `statusrapport template check` shows the layouts it will use; "
    "default: the bundled template.",
    metavar="FILE", autocompletion=completion.complete_template)]

@app.command()
@user_errors
def build(
    report: ReportArg,
    data: DataDir = Path("initiatives"),
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE",
        help="The deck to write (default: build/<programme>-<year>-uke-<week>.pptx).")] = None,
    template: TemplateOption = None,
    pdf: Annotated[bool, typer.Option(
        "--pdf", help="Also write the deck as PDF beside it, through LibreOffice.")] = False,
    group: Annotated[Optional[str], typer.Option(
        "--group", metavar="NAME", help="Only this group's initiatives, as programme.yaml "
        "names the group.")] = None,
) -> None:
    """Build the status deck of a report: written safely, byte-identical when built again."""
    from statusrapport.build import build as build_deck
    from statusrapport.terminal.progress import Steps

    if pdf:
        from statusrapport import pdf as pdf_export

        pdf_export.require_soffice()  # said at once, not after a long build
        if output is not None and output.suffix.lower() == ".pdf":
            raise UserError(f"{output}: -o names the deck, and --pdf writes its PDF beside it "
                            f"(.pdf); give the deck a .pptx name, e.g. -o {output.with_suffix('.pptx')}")
    with Steps() as step:
        step("Building the deck")
        built = build_deck(data, report, output, template, group)
        if pdf:
            step("Writing the PDF with LibreOffice")
            pdf_path = pdf_export.export_pdf(built.path, data=data,
                                             templates=[t for t in [template] if t],
                                             fonts=built.font_folder)
    _mention_warnings(built.warnings)
    for notice in built.font_notices:
        print(f"warning: {notice}", file=sys.stderr)
    print(f"{len(built.plan.slides)} slides.", file=sys.stderr)
    print(built.path)
    if pdf:
        print(pdf_path)


@app.command()
@user_errors
def verify(
    deck: Annotated[Path, typer.Argument(metavar="DECK", help="A deck statusrapport built.")],
    repository: Annotated[Path, typer.Option(
        "--repo", metavar="FOLDER", help="The git repository that holds the deck's data "
        "(default: the current folder's).")] = Path("."),
    template: Annotated[Optional[Path], typer.Option(
        "--template", "-t", metavar="FILE", help="The template the deck was built with, "
        "if it is no longer where the build found it.",
        autocompletion=completion.complete_template)] = None,
) -> None:
    """Rebuild a deck from the commit it records and say whether it is identical (exit 0) or what differs (exit 1)."""
    from statusrapport.verify import verify as verify_deck

    verdict = verify_deck(deck, repository, template)
    origin = verdict.provenance
    source = origin.source
    assert source is not None
    what = (f"commit {source.commit[:10]}, {source.folder or '.'}, {origin.report}"
            + (f", group {origin.group}" if origin.group else ""))
    for note in verdict.notes:
        print(f"note: {note}", file=sys.stderr)
    if verdict.identical and source.clean:
        print(f"identical: {deck} is what {what} builds")
        return
    if verdict.identical:
        print(f"identical to what {what} builds, but built from uncommitted changes")
    else:
        print(f"differs: {deck} is not what {what} builds:")
        for line in verdict.differences:
            print(f"  {line}")
    raise typer.Exit(1)


template_app = typer.Typer(help="Check a corporate template.", no_args_is_help=True,
                           rich_markup_mode=None)
app.add_typer(template_app, name="template")


@template_app.command("check")
@user_errors
def template_check(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The .pptx or .potx template "
                                         "to check.",
                                         autocompletion=completion.complete_template)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the layout of each role, the "
                                          "fonts and the problems as JSON instead.")] = False,
    data: Annotated[Optional[Path], typer.Option(
        "--data", "-d", metavar="FOLDER", help="Use the layout map (template: layouts:) of "
        "this folder's programme.yaml.")] = None,
) -> None:
    """Show the layout each slide role will use and why, the fonts the template names, and
    each problem with its fix; exit 1 when the deck cannot be built on it."""
    from statusrapport import answers
    from statusrapport.template_check import check_template

    try:
        checked = check_template(file, data)
    except UserError as exc:  # the file itself: not a template, a broken part
        if as_json:
            print(answers.template(file, None, exc.problems))
        raise
    if as_json:
        print(answers.template(file, checked, checked.problems))
    else:
        from statusrapport.visible import visible

        for line in checked.lines:  # a template's layout names shown as written, visibly
            print(visible(line))
    _print_problems(checked.problems)
    errors = sum(p.severity is Severity.ERROR for p in checked.problems)
    if errors:
        print(f"{errors} error{'s' * (errors != 1)}.", file=sys.stderr)
        raise typer.Exit(1)
    print(f"{file}: the deck can be built on this template.", file=sys.stderr)


# ---- the terminal: show, list, diff (rich; never python-pptx) --------------------------------

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the data as JSON instead.")]


def _mention_warnings(warnings: list[Problem]) -> None:
    if warnings:
        count = len(warnings)
        print(f"{count} warning{'s' * (count != 1)} in the data: `statusrapport validate` "
              "shows them.", file=sys.stderr)


@app.command()
@user_errors
def show(
    report: ReportArg,
    initiative: Annotated[Optional[str], typer.Argument(
        metavar="INITIATIVE", help="Only this initiative: its file name without .yaml.",
        autocompletion=completion.complete_initiative)] = None,
    as_json: JsonFlag = False,
    data: DataDir = Path("initiatives"),
    overview: Annotated[bool, typer.Option(
        "--overview", help="Only the overview: each initiative's milestone and cost state, "
        "as on the deck's first slides.")] = False,
) -> None:
    """Show a report in the terminal: each initiative's status panels and KPIs, as in the deck."""
    from statusrapport.terminal import views as terminal
    from statusrapport.data.loader import load
    from statusrapport.report.context import report_context
    from statusrapport.report.view import report_view
    from statusrapport.words import speaking

    loaded = load(data, report)
    _mention_warnings(loaded.warnings)
    context = report_context(loaded.programme, loaded.week)
    with speaking(context.words):
        if overview:
            from statusrapport.report.portfolio import overview as portfolio_overview

            rows = portfolio_overview(context)
            if initiative is not None:
                rows = terminal.only_rows(rows, initiative)
            if as_json:
                print(terminal.to_json(rows))
            else:
                terminal.render_portfolio(terminal.console(), rows)
            return
        view = terminal.only(report_view(context), initiative)
        if as_json:
            print(terminal.to_json(view))
        else:
            terminal.render_report(terminal.console(), view)


@app.command("list")
@user_errors
def list_reports(data: DataDir = Path("initiatives"), as_json: JsonFlag = False) -> None:
    """List the reports in the data, and each initiative with its overdue and moved milestones."""
    from statusrapport.terminal import views as terminal
    from statusrapport.data.loader import load
    from statusrapport.report.listing import overview
    from statusrapport.words import speaking, words_for

    loaded = load(data, complete=False)  # a report opened for some only is listed too
    _mention_warnings(loaded.warnings)
    with speaking(words_for(loaded.programme.language)):
        if as_json:
            print(terminal.to_json(overview(loaded.programme)))
        else:
            terminal.render_overview(terminal.console(), overview(loaded.programme))


@app.command()
@user_errors
def diff(
    old: Annotated[Optional[str], typer.Argument(
        metavar="OLD", help="The earlier report (default: the one before NEW).")] = None,
    new: Annotated[Optional[str], typer.Argument(
        metavar="NEW", help="The later report (default: the latest).")] = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="GIT-REV", help="Compare the files as committed at this git revision "
        "with the working tree (the latest report in each).")] = None,
    as_json: JsonFlag = False,
    data: DataDir = Path("initiatives"),
) -> None:
    """What changed since the previous report: milestones, costs, KPIs, risks."""
    from statusrapport.report import diff as changes
    from statusrapport.report.context import report_context
    from statusrapport.terminal import views as terminal
    from statusrapport.data.loader import load
    from statusrapport.words import speaking, words_for

    if since is not None:
        from statusrapport.data.gitread import load_at

        if old or new:
            raise UserError("--since compares the latest report in each state: give no OLD or NEW")
        revision, before = load_at(since, data)
        after = load(data, complete=False)
        print(f"Comparing {revision.label} ({revision.short}) with the working tree.",
              file=sys.stderr)
        with speaking(words_for(after.programme.language)):
            result = changes.compare_states(before.programme, after.programme,
                                            f"{since} ({revision.short})")
    else:
        after = load(data, complete=False)  # its reports so far
        old_week, new_week = changes.choose_weeks(after.programme, old, new)
        with speaking(words_for(after.programme.language)):
            result = changes.compare_reports(report_context(after.programme, old_week),
                                             report_context(after.programme, new_week))
    _mention_warnings(after.warnings)
    with speaking(words_for(after.programme.language)):
        if as_json:
            print(terminal.to_json(result))
        else:
            terminal.render_diff(terminal.console(), result)


# ---- authoring: new initiative, new report (ruamel.yaml, imported only here), schema -------

new_app = typer.Typer(help="Start a new initiative file, or the next report in the files.",
                      no_args_is_help=True, rich_markup_mode=None)
app.add_typer(new_app, name="new")


@new_app.command("initiative")
@user_errors
def new_initiative(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The initiative's id and file name "
                                        "(without .yaml), e.g. selvbetjening-endre.")],
    group: Annotated[str, typer.Option("--group", metavar="NAME", help="Its group; a new group is added last "
                                       "to programme.yaml.")],
    leader: Annotated[str, typer.Option("--leader", metavar="NAME", help="The initiative's leader.")],
    name: Annotated[str, typer.Option("--name", metavar="TEXT", help="The initiative's name, as the deck "
                                      "shows it.")],
    data: DataDir = Path("initiatives"),
) -> None:
    """Write a new initiative file (each field explained) and list it in programme.yaml."""
    from statusrapport.authoring.new_initiative import create_initiative

    created = create_initiative(data, slug, name, group, leader)
    listed = "a new group" if created.group_created else "its group"
    print(f"Listed {slug!r} under {listed} {group!r} in programme.yaml.", file=sys.stderr)
    print(created.path)


@new_app.command("report")
@user_errors
def new_report(
    report: Annotated[str, typer.Argument(metavar="REPORT", help="The new report's week, e.g. uke-35.",
                                          autocompletion=completion.complete_new_report)],
    initiatives: Annotated[Optional[list[str]], typer.Argument(
        metavar="INITIATIVE",
        help="Only these initiatives (default: every one that has not ended).",
        autocompletion=completion.complete_initiative)] = None,
    force: Annotated[bool, typer.Option("--force", help="Also edit files with uncommitted "
                                        "git changes.")] = False,
    data: DataDir = Path("initiatives"),
) -> None:
    """Open the next report in each initiative file: period, risks, last plan as a draft of done."""
    from statusrapport.authoring.new_report import open_reports

    opened = open_reports(data, report, initiatives or [], force)
    for path in opened.paths:
        print(path)
    files = len(opened.paths)
    print(f"Opened {opened.week.key} in {files} file{'s' * (files != 1)}.", file=sys.stderr)
    if opened.drafts:
        print(f"{opened.drafts} items of done are last report's plan, marked (UTKAST): keep "
              "what was done (remove the mark), delete the rest. `statusrapport validate` "
              "lists them.", file=sys.stderr)


@app.command()
@user_errors
def schema(
    programme: Annotated[bool, typer.Option("--programme", help="The schema of programme.yaml "
                                            "instead of an initiative file.")] = False,
) -> None:
    """Print the JSON Schema of an initiative file (or programme.yaml), for editors."""
    from statusrapport.authoring import schema as schemas

    print(schemas.render(schemas.programme_schema() if programme
                         else schemas.initiative_schema()), end="")


def main() -> None:
    app()
