"""`statusrapport new initiative SLUG`: a new initiative file, explained, and listed in programme.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from statusrapport.errors import UserError
from statusrapport.data.loader import PROGRAMME_FILE, load_files
from statusrapport.authoring.new_report import _scalar
from statusrapport.files.atomic import write_atomic
from statusrapport.authoring.roundtrip import open_editable

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


@dataclass(frozen=True)
class Created:
    path: Path
    group_created: bool


def initiative_text(name: str, group: str, leader: str, modeline: str | None = None) -> str:
    head = f"{modeline}\n" if modeline else ""
    return head + f"""\
# Ett tiltak per fil: tiltakets id er filnavnet (uten .yaml), og programme.yaml lister det.
name: {_scalar(name)}  # tiltakets navn, slik rapporten viser det
group: {_scalar(group)}  # må være gruppen programme.yaml lister tiltaket under
leader: {_scalar(leader)}  # tiltaksleder

# Milepæler (MP): id, hva, og planlagt dato: 15.12.2021, 2021-12-15 eller en måned (Jan 2022).
# Når en dato flyttes: revised: [01.02.2022] (hver flytting, eldste først). Også: forecast,
# delivered (datoen den ble levert) og cancelled: true.
milestones: []
#  - id: MP1
#    description: Kartlegging og analyse
#    planned: 15.12.2021

# Budsjett i hele kroner; mellomrom kan skille tusener. vat_included: true gir «inkl. mva.»
# budget:
#   total: 1 000 000
#   vat_included: true

# Rapportene, én per ISO-uke (2021-uke-33): `statusrapport new report uke-NN` åpner den neste.
reports: {{}}
"""


def create_initiative(data: Path, slug: str, name: str, group: str, leader: str) -> Created:
    data = Path(data)
    if not _SLUG.fullmatch(slug):
        raise UserError(f"{slug!r}: an initiative id is its file name: lower-case letters, "
                        "digits and hyphens, such as selvbetjening-endre")
    path = data / f"{slug}.yaml"
    if path.exists():
        raise UserError(f"{path}: already exists; choose another id (nothing was written)")
    programme_path = data / PROGRAMME_FILE
    if not programme_path.exists():
        raise UserError(f"{programme_path}: missing; the new initiative must be listed in it")
    programme = open_editable(programme_path)
    groups = programme.data.get("groups")
    if not isinstance(groups, list):
        raise UserError(f"{programme_path}: expected a list of groups")
    if any(slug in (g.get("initiatives") or []) for g in groups if isinstance(g, dict)):
        raise UserError(f"{programme_path}: already lists {slug!r}")
    group_created = _add_to_group(groups, group, slug)
    text = initiative_text(name, group, leader, _modeline(data))
    # The folder as it will be must load: a bad name or group is the user's mistake, said once.
    contents = {p.name: p.read_bytes() for p in data.glob("*.yaml")}
    contents[path.name] = text.encode("utf-8")
    contents[PROGRAMME_FILE] = programme.dumped().encode("utf-8")
    load_files(data, contents)
    write_atomic(path, contents[path.name])
    programme.save()
    return Created(path, group_created)


def _add_to_group(groups: CommentedSeq, group: str, slug: str) -> bool:
    for entry in groups:
        if isinstance(entry, dict) and entry.get("name") == group:
            listed = entry.get("initiatives")
            if listed is None:
                entry["initiatives"] = CommentedSeq([slug])
            else:
                listed.append(slug)
            return False
    new = CommentedMap()
    new["name"] = group
    new["initiatives"] = CommentedSeq([slug])
    groups.append(new)
    return True


def _modeline(data: Path) -> str | None:
    """The folder's schema line, when its files have one: the new file is edited like the rest."""
    for existing in sorted(data.glob("*.yaml")):
        if existing.name == PROGRAMME_FILE:
            continue
        try:
            with existing.open(encoding="utf-8") as f:
                first = f.readline().strip()
        except (OSError, UnicodeDecodeError):
            continue
        if _MODELINE.fullmatch(first):
            return first
    return None
