"""The --json answers of `validate` and `template check`: what CI and scripts read on stdout.

The exit code says the same as on a terminal (0, or 1 with errors); the text lines still go
to stderr for the person watching. Strings are as written in the files (JSON escapes them):
escaping for the terminal (visible.py) is not done here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from statusrapport.errors import Problem, Severity


def problem(p: Problem) -> dict[str, Any]:
    return {"path": p.path, "line": p.line, "column": p.column, "field": p.field,
            "message": p.message, "severity": p.severity.value}


def _counts(problems: list[Problem]) -> dict[str, int]:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return {"errors": errors, "warnings": len(problems) - errors}


def validation(problems: list[Problem], programme: Any = None) -> str:
    """`validate --json`: every problem located, and what was read when it loaded."""
    answer: dict[str, Any] = {"valid": programme is not None, **_counts(problems)}
    if programme is not None:
        answer.update(programme=programme.name, initiatives=len(programme.initiatives),
                      reports=sum(len(i.reports) for i in programme.initiatives))
    answer["problems"] = [problem(p) for p in _ordered(problems)]
    return json.dumps(answer, ensure_ascii=False, indent=2)


def template(path: Path, checked: Any, problems: list[Problem]) -> str:
    """`template check --json`: per role the layout and why, the template's layouts, the fonts
    it names and what each is measured with, and the problems (`complete`: the deck can be
    built on it)."""
    errors = _counts(problems)["errors"]
    answer: dict[str, Any] = {"template": str(path), "complete": not errors}
    answer.update(roles=checked.roles if checked else [],
                  layouts=checked.layouts if checked else [],
                  fonts=checked.fonts if checked else [],
                  measured=checked.measured if checked else [],
                  problems=[problem(p) for p in _ordered(problems)])
    return json.dumps(answer, ensure_ascii=False, indent=2)


def _ordered(problems: list[Problem]) -> list[Problem]:
    """As printed: warnings first, then errors."""
    return sorted(problems, key=lambda p: p.severity is Severity.ERROR)
