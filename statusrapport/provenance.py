"""Where a deck comes from, recorded in its custom document properties so that `statusrapport
verify` can rebuild it: the tool's version, the data's git commit (and whether the folder was
clean), the report, the group and the template (its place and the SHA-256 of its bytes)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from statusrapport import __version__
from statusrapport.data.gitread import Source, source_of

BUNDLED = "bundled"  # the template that comes with statusrapport
PREFIX = "statusrapport."


@dataclass(frozen=True)
class Provenance:
    version: str
    report: str  # 2021-uke-33
    group: str  # "" for the whole programme
    template: str  # BUNDLED, or the path as given to --template
    template_sha256: str
    source: Source | None  # None: not built from a git work tree

    def properties(self) -> tuple[tuple[str, str], ...]:
        values = [("version", self.version), ("report", self.report), ("group", self.group),
                  ("template", self.template), ("template-sha256", self.template_sha256)]
        if self.source is not None:
            values += [("commit", self.source.commit), ("data", self.source.folder or "."),
                       ("clean", "yes" if self.source.clean else "no")]
        return tuple((PREFIX + name, value) for name, value in values)

    @classmethod
    def from_properties(cls, values: dict[str, str]) -> Provenance | None:
        """The provenance a deck recorded, or None if it recorded none (or not all of it)."""
        own = {k[len(PREFIX):]: v for k, v in values.items() if k.startswith(PREFIX)}
        needed = ("version", "report", "group", "template", "template-sha256")
        if any(name not in own for name in needed):
            return None
        source = None
        if {"commit", "data", "clean"} <= own.keys():
            folder = "" if own["data"] == "." else own["data"]
            source = Source(own["commit"], folder, own["clean"] == "yes")
        return cls(own["version"], own["report"], own["group"], own["template"],
                   own["template-sha256"], source)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def provenance_of(data: Path, report: str, group: str | None, template: Path | None,
                  template_sha256: str) -> Provenance:
    also = (Path(template),) if template is not None else ()
    return Provenance(__version__, report, group or "", str(template) if template else BUNDLED,
                      template_sha256, source_of(data, also))
