"""Shell completion from the data: report weeks and initiative ids.

These run on every press of Tab, so they read the folder with a regular expression instead of
the loader, and never raise: a broken file completes what can be read, never a traceback.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

_REPORT_KEY = re.compile(r"^[ \t]+['\"]?(\d{4})-(?:uke-|[wW])(\d{1,2})['\"]?[ \t]*:", re.MULTILINE)
DEFAULT_DATA = "initiatives"
PROGRAMME_FILE = "programme.yaml"
MAX_FILE_BYTES = 1024 * 1024  # as the loader's bound: a larger file is not read for completion
TEMPLATE_SUFFIXES = (".pptx", ".potx")


def _data(ctx: Any) -> Path:
    try:
        given = (ctx.params or {}).get("data") if ctx is not None else None
    except Exception:  # noqa: BLE001 - completion never fails
        given = None
    return Path(given or DEFAULT_DATA)


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.yaml") if p.name != PROGRAMME_FILE)
    except OSError:
        return []


def initiative_ids(folder: Path) -> list[str]:
    return [p.stem for p in _files(folder)]


def report_weeks(folder: Path) -> list[tuple[int, int]]:
    weeks: set[tuple[int, int]] = set()
    from statusrapport.files.regular import NotReadable, read_regular

    for path in _files(folder):
        try:  # a FIFO or /dev/zero named *.yaml: skipped at once, never waited on
            text = read_regular(path, MAX_FILE_BYTES).decode("utf-8", errors="replace")
        except NotReadable:
            continue
        weeks.update((int(y), int(w)) for y, w in _REPORT_KEY.findall(text))
    return sorted(weeks)


def complete_report(ctx: Any, incomplete: str) -> list[str]:
    """uke-33 for each week in the data, latest first; 2021-uke-33 when the year is typed."""
    try:
        weeks = report_weeks(_data(ctx))[::-1]
        names = [f"uke-{w}" for _, w in weeks] + [f"{y}-uke-{w}" for y, w in weeks]
        return [n for n in dict.fromkeys(names) if n.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - completion never fails
        return []


def complete_new_report(ctx: Any, incomplete: str) -> list[str]:
    """The week after the data's latest report: the report one opens next (today's week was
    offered too, and was wrong whenever the reports ran behind or ahead of the calendar)."""
    try:
        from statusrapport.data.weeks import IsoWeek

        weeks = [IsoWeek(y, w) for y, w in report_weeks(_data(ctx))]
        following = max(weeks).next() if weeks else IsoWeek.of(date.today())
        names = [f"uke-{following.week}", following.key]
        return [n for n in names if n.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - completion never fails
        return []


def complete_initiative(ctx: Any, incomplete: str) -> list[str]:
    try:
        return [i for i in initiative_ids(_data(ctx)) if i.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - completion never fails
        return []


def complete_template(ctx: Any, incomplete: str) -> list[str]:
    """The .pptx and .potx files where the typed path points, and the folders on the way."""
    try:
        typed = Path(incomplete or ".")
        folder, prefix = (typed, "") if incomplete.endswith("/") or not incomplete else (
            typed.parent, typed.name)
        shown = ("" if str(folder) == "." and not incomplete.startswith("./")
                 else str(folder).rstrip("/") + "/")
        found = []
        for entry in sorted(folder.iterdir()):  # lists names only: nothing is opened
            if not entry.name.startswith(prefix) or entry.name.startswith(".") and not prefix:
                continue
            if entry.is_dir():
                found.append(f"{shown}{entry.name}/")
            elif entry.suffix.lower() in TEMPLATE_SUFFIXES:
                found.append(f"{shown}{entry.name}")
        return found
    except Exception:  # noqa: BLE001 - completion never fails
        return []
