"""The .pptx package as bytes: the same template, plan and date always give the same bytes
(fixed zip dates, attributes and member order; document properties from the data)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from statusrapport.writer.markup import clean

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Properties:
    """The document properties: the deck's title, its author (the programme) and its day."""

    title: str
    author: str
    day: date


def midnight(day: date) -> datetime:
    """The moment a deck of `day` is dated (its properties, its charts' workbooks)."""
    return datetime(day.year, day.month, day.day)


def set_properties(prs, properties: Properties) -> None:
    core = prs.core_properties
    moment = midnight(properties.day)
    core.title = clean(properties.title)
    core.author = clean(properties.author)
    core.last_modified_by = "statusrapport"
    core.revision = 1
    core.created = moment
    core.modified = moment


def package_bytes(prs) -> bytes:
    """Serialise the package straight into a reproducible zip (one compression pass); falls
    back to python-pptx's save and a rewrite should its internals ever change."""
    try:
        from pptx.opc.oxml import serialize_part_xml
        from pptx.opc.serialized import _ContentTypesItem

        package = prs.part.package
        parts = tuple(package.iter_parts())
        members = [("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts))),
                   ("_rels/.rels", package._rels.xml)]
        for part in parts:  # each blob made as it is written (a slide's XML is made then)
            members.append((part.partname.membername, lambda part=part: part.blob))
            if part._rels:
                members.append((part.partname.rels_uri.membername, part.rels.xml))
    except (ImportError, AttributeError):  # pragma: no cover - another python-pptx
        buffer = io.BytesIO()
        prs.save(buffer)
        return reproducible_zip(buffer.getvalue())
    return _zip(members)


def reproducible_zip(data: bytes) -> bytes:
    """The same package with fixed member dates and attributes, in a stable order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return _zip([(info.filename, source.read(info)) for info in source.infolist()])


def _zip(members: list[tuple[str, bytes | Callable[[], bytes]]]) -> bytes:
    first = ("[Content_Types].xml", "_rels/.rels")
    members = sorted(members, key=lambda m: (m[0] not in first,
                                             first.index(m[0]) if m[0] in first else 0, m[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            data = blob() if callable(blob) else blob
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()
