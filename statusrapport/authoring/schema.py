"""JSON Schemas of the two kinds of file, generated from the models, for editors.

An editor with the YAML language server reads the `# yaml-language-server: $schema=…` line at
the top of a file and completes keys, shows each field's Norwegian description and flags
mistakes as the user types. The loader stays the judge: the schema describes what it accepts.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from statusrapport.data.model import Initiative, ProgrammeFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FILES = {"initiative": "initiative.schema.json", "programme": "programme.schema.json"}

# The models' docstrings are written for developers; an editor shows these instead.
_TITLES = {
    "Initiative": ("Tiltak", "Ett tiltak per fil; tiltakets id er filnavnet uten .yaml."),
    "ProgrammeFile": ("Programfil", "programme.yaml: programmets navn og rapportens rekkefølge "
                      "av grupper og tiltak."),
    "Bullet": ("Punkt", "Et punkt med høyst ett nivå underpunkter; ren tekst er kortformen."),
    "HighlightBullet": ("Punkt på KPI-lysbildet", "kpis: true viser rapportens KPI-er under "
                        "punktet."),
    "Highlights": ("KPI-/statuslysbildet", None),
    "Kpi": ("KPI", None),
    "EarlierFigure": ("Tidligere verdi", "Der ingen tidligere rapport gir KPI-en: verdien og når "
                      "den ble målt (measured) eller rapportert (week)."),
    "Costs": ("Status økonomi", None),
    "Report": ("Rapport", None),
    "Milestone": ("Milepæl", None),
    "Budget": ("Budsjett", None),
    "Group": ("Gruppe", None),
}


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    # An initiative's id is its file name, never a key in the file (the loader refuses one).
    schema["properties"].pop("id", None)
    _retitle(schema, model.__name__)
    for name, definition in schema.get("$defs", {}).items():
        _retitle(definition, name)
    return {"$schema": DIALECT, **schema}


def _retitle(schema: dict[str, Any], name: str) -> None:
    title, description = _TITLES.get(name, (None, None))
    if title:
        schema["title"] = title
    schema.pop("description", None)
    if description:
        schema["description"] = description


def initiative_schema() -> dict[str, Any]:
    return schema_of(Initiative)


def programme_schema() -> dict[str, Any]:
    return schema_of(ProgrammeFile)


def render(schema: dict[str, Any]) -> str:
    """The schema as committed under schema/: stable order, readable Norwegian, one newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
