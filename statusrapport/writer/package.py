"""The .pptx package as bytes: the same template, plan and date always give the same bytes
(fixed zip dates, attributes and member order; document properties from the data), and the
document properties a deck carries: its title and day, what it holds (app.xml: slide count and
titles, never the template's), and where it was built from (custom.xml: `verify` reads it)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from statusrapport.writer.markup import clean

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Properties:
    """The document properties: the deck's title, its author (the programme) and its day; the
    slides' titles; and the build's provenance, written as custom properties (name, value)."""

    title: str
    author: str
    day: date
    slide_titles: tuple[str, ...] = ()
    provenance: tuple[tuple[str, str], ...] = ()


_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id every custom property carries (the "user defined" property set).
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


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
    _put_part(prs, "/docProps/app.xml", CT.OFC_EXTENDED_PROPERTIES, RT.EXTENDED_PROPERTIES,
              _app_xml(prs, properties.slide_titles))
    if properties.provenance:
        _put_part(prs, "/docProps/custom.xml", CT.OFC_CUSTOM_PROPERTIES, RT.CUSTOM_PROPERTIES,
                  custom_xml(properties.provenance))


def custom_xml(values: tuple[tuple[str, str], ...]) -> bytes:
    root = etree.Element(f"{{{_CUSTOM}}}Properties", nsmap={None: _CUSTOM, "vt": _VT})
    for pid, (name, value) in enumerate(values, start=2):  # ids start at 2, by the standard
        prop = etree.SubElement(root, f"{{{_CUSTOM}}}property",
                                {"fmtid": _USER_DEFINED, "pid": str(pid), "name": name})
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = clean(value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_custom(blob: bytes) -> dict[str, str]:
    """custom.xml's properties, {name: text}; a malformed part reads as none."""
    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    return {prop.get("name", ""): "".join(prop.itertext())
            for prop in root.iter(f"{{{_CUSTOM}}}property")}


def _app_xml(prs, slide_titles: tuple[str, ...]) -> bytes:
    """What the deck holds, as PowerPoint lists it: its themes and its slides' titles."""
    themes = []
    for master in prs.slide_masters:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        themes.append(theme.get("name") or "Office Theme")
    root = etree.Element(f"{{{_APP}}}Properties", nsmap={None: _APP, "vt": _VT})

    def add(tag: str, text: str | None = None):
        element = etree.SubElement(root, f"{{{_APP}}}{tag}")
        element.text = text
        return element

    add("TotalTime", "0")
    add("Application", "statusrapport")
    add("Slides", str(len(slide_titles)))
    add("Notes", "0")
    add("HiddenSlides", "0")
    pairs = [(name, count) for name, count in (("Theme", len(themes)),
                                                ("Slide Titles", len(slide_titles))) if count]
    vector = etree.SubElement(add("HeadingPairs"), f"{{{_VT}}}vector",
                              {"size": str(2 * len(pairs)), "baseType": "variant"})
    for name, count in pairs:
        etree.SubElement(etree.SubElement(vector, f"{{{_VT}}}variant"),
                         f"{{{_VT}}}lpstr").text = name
        etree.SubElement(etree.SubElement(vector, f"{{{_VT}}}variant"),
                         f"{{{_VT}}}i4").text = str(count)
    parts = [*themes, *slide_titles]
    vector = etree.SubElement(add("TitlesOfParts"), f"{{{_VT}}}vector",
                              {"size": str(len(parts)), "baseType": "lpstr"})
    for text in parts:
        etree.SubElement(vector, f"{{{_VT}}}lpstr").text = clean(" ".join(text.split()))
    add("LinksUpToDate", "false")
    add("SharedDoc", "false")
    add("HyperlinksChanged", "false")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _put_part(prs, name: str, content_type: str, reltype: str, blob: bytes) -> None:
    """Replace the package-level part of `reltype` (the template's own) by `blob`."""
    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == reltype:
            package._rels.pop(rel.rId)
    package.relate_to(Part(PackURI(name), content_type, package, blob), reltype)


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
