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
    for path in _files(folder):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
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
    """The week after the latest report, and this week: the reports one is likely to open."""
    try:
        from statusrapport.data.weeks import IsoWeek

        weeks = [IsoWeek(y, w) for y, w in report_weeks(_data(ctx))]
        candidates = [max(weeks).next()] if weeks else []
        candidates.append(IsoWeek.of(date.today()))
        names = [f"uke-{w.week}" for w in candidates]
        return [n for n in dict.fromkeys(names) if n.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - completion never fails
        return []


def complete_initiative(ctx: Any, incomplete: str) -> list[str]:
    try:
        return [i for i in initiative_ids(_data(ctx)) if i.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - completion never fails
        return []
