"""One error type for everything a user can get wrong, and the problems it carries."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from statusrapport.visible import visible


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or suspicious) at one place in one file."""

    path: str
    line: int  # 1-based; 0 when the problem concerns the file as a whole
    column: int  # 1-based
    field: str  # dotted data path, "" when it has none
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        path, field = _one_line(self.path), _one_line(self.field)
        where = f"{path}:{self.line}:{self.column}" if self.line else path
        message = visible(self.message)  # an id or a path quoted in it, shown as written
        what = f"{field}: {message}" if field else message
        # Tagged both ways, as compilers do: `grep ': error: '` finds what stops a build.
        prefix = f"{self.severity.value}: "
        return f"{where}: {prefix}{what}" if where else f"{prefix}{what}"


def _one_line(text: str) -> str:
    """A quoted key ("a\\nb") or a file name as written, but on one line: a line break in it
    split one problem over two lines of output."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)


def problem_at(path: Path | str, line: int, column: int, field: str, message: str,
               severity: Severity = Severity.ERROR) -> Problem:
    return Problem(str(path), line, column, field, message, severity)


class UserError(Exception):
    """A mistake in the user's input or command: shown as a clear message, exit code 1."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("", 0, 0, "", problems)]
        self.problems = sorted(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
