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

from statusrapport.errors import Problem, Severity, UserError

BUG_EXIT = 3
ISSUES_URL = "https://github.com/statusrapport/statusrapport/issues"

app = typer.Typer(
    help="Build a programme office's status deck from one YAML file per initiative.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

DataDir = Annotated[Path, typer.Option("--data", "-d", help="Folder of initiative YAML files.")]
ReportArg = Annotated[str, typer.Argument(help="The report, e.g. uke-33 or 2021-uke-33.")]


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        from statusrapport import __version__

        print(__version__)
        raise typer.Exit()


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """A user's mistake becomes its message and exit 1; anything else is a bug with its traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as exc:
            _print_problems(exc.problems)
            errors = sum(p.severity is Severity.ERROR for p in exc.problems)
            print(f"{errors} error{'s' * (errors != 1)}.", file=sys.stderr)
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception:  # noqa: BLE001 - the last line of defence: keep the traceback
            traceback.print_exc()
            print(f"\nThis is a bug in statusrapport, not a mistake of yours. Please report it "
                  f"with the traceback above at {ISSUES_URL}", file=sys.stderr)
            raise typer.Exit(BUG_EXIT) from None

    return wrapper


@app.command()
@user_errors
def validate(
    report: Annotated[Optional[str], typer.Argument(
        help="Also check that every initiative has this report (e.g. uke-33).")] = None,
    data: DataDir = Path("initiatives"),
) -> None:
    """Check every initiative file: exit 0 (warnings shown), or 1 with every error located."""
    from statusrapport.loader import load

    loaded = load(data, report)
    _print_problems(loaded.warnings)
    programme = loaded.programme
    reports = sum(len(i.reports) for i in programme.initiatives)
    warnings = len(loaded.warnings)
    print(f"{programme.name}: {len(programme.initiatives)} initiatives, {reports} reports, "
          f"{warnings} warning{'s' * (warnings != 1)}, no errors.", file=sys.stderr)


def main() -> None:
    app()
