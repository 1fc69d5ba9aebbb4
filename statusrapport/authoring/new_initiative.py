"""`statusrapport new initiative SLUG`: a new initiative file, explained, and listed in programme.yaml."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from statusrapport.errors import UserError
from statusrapport.data.loader import PROGRAMME_FILE, load_files
from statusrapport.authoring.new_report import _scalar
from statusrapport.authoring.roundtrip import open_editable

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The programme model takes an id of at most 80 characters (Group.initiatives); a longer
# slug made a file programme.yaml could not list. Its staged copy fits 255 bytes too.
MAX_SLUG = 80
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
# Når en dato flyttes: revised: [01.02.2022] (hver flytting, eldste først); meldt i en senere
# rapport: - {{date: 01.02.2022, report: 2022-uke-5}}. Også: forecast, delivered (datoen den ble
# levert), cancelled: true (eller rapporten den ble avlyst i) og added: rapporten den kom til i.
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

# Bytter tiltaket gruppe: group_changes: [{{report: 2022-uke-2, group: Ny gruppe}}] (og
# programme.yaml lister det under begge). Når det er ferdig: finished: {{report: 2022-uke-2,
# date: 31.01.2022, note: én avsluttende linje}}; stanset: stopped: med de samme nøklene.
"""


def create_initiative(data: Path, slug: str, name: str, group: str, leader: str) -> Created:
    """The new file and programme.yaml's new line, written together (files/transaction.py)
    under the data folder's lock, or neither."""
    from statusrapport.files.lock import data_lock
    from statusrapport.files.transaction import recover

    data = Path(data)
    _check_slug(slug)
    if not data.is_dir():
        raise UserError(f"{data}: no such folder (nothing was written)")
    with data_lock(data):
        recover(data)  # a change a killed command left is finished before anything is read
        return _create(data, slug, name, group, leader)


def _check_slug(slug: str) -> None:
    if not _SLUG.fullmatch(slug):
        raise UserError(f"{slug!r}: an initiative id is its file name: lower-case letters, "
                        "digits and hyphens, such as selvbetjening-endre (nothing was written)")
    if len(slug) > MAX_SLUG:
        raise UserError(f"{slug[:20]}…: an initiative id is at most {MAX_SLUG} characters, this "
                        f"one has {len(slug)} (nothing was written)")


def _create(data: Path, slug: str, name: str, group: str, leader: str) -> Created:
    from statusrapport.files.transaction import Change, commit

    path = data / f"{slug}.yaml"
    if os.path.lexists(path):
        what = "already exists" if path.is_file() else "exists and is not a file"
        raise UserError(f"{path}: {what}; choose another id (nothing was written)")
    programme_path = data / PROGRAMME_FILE
    if not programme_path.is_file():
        raise UserError(f"{programme_path}: missing; the new initiative must be listed in it "
                        "(nothing was written)")
    programme = open_editable(programme_path)
    groups = programme.data.get("groups") if isinstance(programme.data, dict) else None
    if not isinstance(groups, list):
        raise UserError(f"{programme_path}: expected a mapping with a list of groups "
                        "(`groups:`); nothing was written")
    _check_groups(programme_path, groups, slug)
    group_created = _add_to_group(groups, group, slug)
    text = initiative_text(name, group, leader, _modeline(data))
    # The folder as it will be must load: a bad name or group is the user's mistake, said once.
    contents = {p.name: p.read_bytes() for p in data.glob("*.yaml") if _regular(p)}
    contents[path.name] = text.encode("utf-8")
    contents[PROGRAMME_FILE] = programme.encoded()
    load_files(data, contents)
    commit(data, [Change(path, contents[path.name], None),
                  Change(programme_path, contents[PROGRAMME_FILE], programme.raw)])
    return Created(path, group_created)


def _check_groups(programme_path: Path, groups: CommentedSeq, slug: str) -> None:
    """Each group a mapping whose `initiatives` is a list (or absent): the one shape that
    can take a new entry without rewriting what the user wrote."""
    for number, entry in enumerate(groups, 1):
        if not isinstance(entry, dict):
            raise UserError(f"{programme_path}: groups: entry {number} is not a mapping "
                            "(name:, initiatives:); nothing was written")
        listed = entry.get("initiatives")
        if listed is not None and not isinstance(listed, list):
            raise UserError(f"{programme_path}: groups: {entry.get('name')!r}: initiatives "
                            "must be a list of ids; nothing was written")
        if listed is not None and slug in listed:
            raise UserError(f"{programme_path}: already lists {slug!r} (nothing was written)")


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _add_to_group(groups: CommentedSeq, group: str, slug: str) -> bool:
    for entry in groups:
        if entry.get("name") == group:
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
        if existing.name == PROGRAMME_FILE or not _regular(existing):
            continue
        try:
            with existing.open(encoding="utf-8") as f:
                first = f.readline().strip()
        except (OSError, UnicodeDecodeError):
            continue
        if _MODELINE.fullmatch(first):
            return first
    return None
