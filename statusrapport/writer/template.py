"""The template: opened safely (a bounded zip, a .potx too), checked for what the deck needs
(`statusrapport template check` and every build), and read for the plan: the boxes of the
layouts its roles resolve to (writer/roles.py), the slide size and the fonts it names."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.exc import InvalidXmlError, PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from statusrapport.errors import Problem, Severity, UserError
from statusrapport.files.regular import NotReadable, read_regular
from statusrapport.slides.layout import BODY_ROLES, ROLES, STATUS, Geometry, Rect
from statusrapport.writer import area
from statusrapport.writer import roles as layout_roles
from statusrapport.writer.markup import NS
from statusrapport.writer.roles import BODY_TYPES, TITLE_TYPES, Resolution, find_placeholder

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "statusrapport.pptx"

# A template is refused by its zip's declared sizes before anything is decompressed, so that
# a zip bomb costs nothing (Python's zipfile never inflates past a member's declared size).
MAX_FILE_BYTES = 64 * 2**20
MAX_UNPACKED_BYTES = 128 * 2**20  # every member, pictures included
MAX_XML_BYTES = 24 * 2**20  # the XML parts python-pptx parses into trees (about 10x in memory)
MAX_MEMBERS = 10_000

CONTENT_TYPES = "[Content_Types].xml"
POTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# The parts PowerPoint expects and repairs a file without; a built deck gets them back.
VIEW_PROPS = "/ppt/viewProps.xml"
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                        huge_tree=False)


@dataclass(frozen=True)
class Template:
    """An opened template: python-pptx's Presentation, where it came from, and what is wrong."""

    prs: object
    path: Path
    problems: tuple[Problem, ...] = ()  # of the file itself; roles are checked by `problems`
    sha256: str = ""  # of the file's bytes as read (the deck records it: verify checks it)


def open_template(path: Path | None = None) -> Template:
    """The template, or a UserError saying why it cannot be (file and part)."""
    path = Path(path) if path is not None else DEFAULT_TEMPLATE
    if not path.exists():
        raise UserError(f"{path}: no such template file")
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except NotReadable as exc:
        raise UserError(f"{path}: {exc}") from None
    data = _bounded_package(path, data)
    try:
        prs = Presentation(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError,
            etree.XMLSyntaxError, zipfile.LargeZipFile, NotImplementedError) as exc:
        detail = f" ({exc})" if isinstance(exc, (ValueError, etree.XMLSyntaxError)) else ""
        raise UserError(f"{path}: not a PowerPoint presentation (.pptx){detail}") from None
    found = _package_problems(prs, path)
    if any(p.severity is Severity.ERROR for p in found):
        raise UserError(found)
    return Template(prs, path, tuple(found), hashlib.sha256(data).hexdigest())


def _fail(path: Path, part: str, message: str) -> UserError:
    return UserError([Problem(str(path), 0, 0, part, message)])


def _bounded_package(path: Path, data: bytes) -> bytes:
    """The package's bytes, refused by its declared sizes; a .potx's main content type made a
    presentation's (python-pptx opens only that), in memory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise UserError(f"{path}: not a PowerPoint presentation (.pptx): not a zip file") from None
    if len(members) > MAX_MEMBERS:
        raise UserError(f"{path}: {len(members):,} parts in the zip; a template has at most "
                        f"{MAX_MEMBERS:,}")
    total = sum(m.file_size for m in members)
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if total > MAX_UNPACKED_BYTES or xml > MAX_XML_BYTES:
        largest = max(members, key=lambda m: m.file_size)
        raise _fail(path, largest.filename, f"the zip declares {total:,} bytes unpacked "
                    f"({xml:,} of XML); a template may hold {MAX_UNPACKED_BYTES:,} "
                    f"({MAX_XML_BYTES:,} of XML): refused before unpacking")
    try:
        types = archive.read(CONTENT_TYPES)
    except KeyError:
        raise _fail(path, CONTENT_TYPES, "missing: not an Office package") from None
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as exc:
        raise _fail(path, CONTENT_TYPES, f"cannot be unpacked ({exc})") from None
    _check_xml_parts(path, archive, members)
    if POTX_MAIN not in types:
        return data
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for member in members:
                blob = archive.read(member)
                if member.filename == CONTENT_TYPES:
                    blob = blob.replace(POTX_MAIN, PPTX_MAIN)
                copy.writestr(member.filename, blob)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as exc:
        raise UserError(f"{path}: not a PowerPoint template (.potx): {exc}") from None
    return out.getvalue()


def _check_xml_parts(path: Path, archive: zipfile.ZipFile, members: list) -> None:
    """Each XML part parsed once without entities or DTDs, so that one that is not XML, or
    declares a DTD, is named (python-pptx's own error names no part)."""
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        try:
            blob = archive.read(member)
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as exc:
            raise _fail(path, member.filename, f"cannot be unpacked ({exc})") from None
        message = _xml_problem(blob)
        if message:
            raise _fail(path, member.filename, message)


def _package_problems(prs, path: Path) -> list[Problem]:
    """What python-pptx opens without complaint but the deck cannot be made from (errors), or
    PowerPoint would repair (warnings: the built deck has it repaired)."""
    out: list[Problem] = []

    def problem(part: str, message: str, severity: Severity = Severity.ERROR) -> None:
        out.append(Problem(str(path), 0, 0, part, message, severity))

    presentation = prs.part
    size = presentation._element.find(f"{{{NS['p']}}}sldSz")
    if size is None or not _positive(size.get("cx")) or not _positive(size.get("cy")):
        problem(str(presentation.partname).lstrip("/"), "no slide size (<p:sldSz cx=… cy=…>): "
                "save the template again in PowerPoint or LibreOffice")
    if not len(prs.slide_masters):
        problem(str(presentation.partname).lstrip("/"), "no slide master: not a template")
    for master in prs.slide_masters:
        name = str(master.part.partname).lstrip("/")
        try:
            theme = master.part.part_related_by(RT.THEME)
        except KeyError:
            problem(name, "the slide master has no theme relationship: save the template "
                    "again in PowerPoint or LibreOffice")
            continue
        theme_name = str(theme.partname).lstrip("/")
        message = _xml_problem(theme.blob)
        if message:
            problem(theme_name, message)
    if not any(str(part.partname) == VIEW_PROPS for part in prs.part.package.iter_parts()):
        problem(VIEW_PROPS.lstrip("/"), "missing (PowerPoint repairs the file without it): "
                "repaired in the built deck", Severity.WARNING)
    return out


def _positive(value: str | None) -> bool:
    return value is not None and value.isdigit() and int(value) > 0


def _xml_problem(blob: bytes) -> str | None:
    try:
        root = etree.fromstring(blob, _SAFE)
    except etree.XMLSyntaxError as exc:
        return f"not XML ({exc})"
    if root.getroottree().docinfo.doctype:
        return "has a document type declaration (<!DOCTYPE>), which no Office part has: refused"
    return None


def theme_xml(master):
    """The theme of a slide master, parsed without entities, DTDs or the network."""
    return etree.fromstring(master.part.part_related_by(RT.THEME).blob, _SAFE)


# ---- roles, their boxes, and what is wrong with them ------------------------------------------

def resolve(template: Template, mapping: dict[str, str] | None = None) -> Resolution:
    return layout_roles.resolve(template.prs, mapping)


def _box(ph) -> Rect | None:
    try:
        values = (ph.left, ph.top, ph.width, ph.height)
    except (ValueError, TypeError, InvalidXmlError):  # a position that is not a number
        return None
    if None in values:  # neither the layout nor its master places it
        return None
    return Rect(*(int(v) for v in values))


def geometry(template: Template, resolution: Resolution | None = None, *,
             looks: bool = True) -> Geometry:
    """The boxes the plan needs for each role, its content areas and its look; raises the
    problems that leave a role without. `looks=False` keeps the deck's own title sizes and
    insets (the bundled template's, as its decks always had them)."""
    resolution = resolution or resolve(template)
    errors = [p for p in role_problems(template, resolution) if p.severity is Severity.ERROR]
    if errors:
        raise UserError(errors)
    plain = geometry_unchecked(template, resolution)
    return area.read(plain, {role: resolution.layout(role) for role in ROLES}, looks=looks)


def role_problems(template: Template, resolution: Resolution) -> list[Problem]:
    """Each role without a usable layout, or whose boxes the deck cannot be drawn in."""
    from statusrapport.slides.fitness import area_problem, title_problem

    path = str(template.path)
    out = []
    for role, choice in resolution.choices.items():
        what = layout_roles.ROLE_NAMES[role]
        if choice.layout is None:
            needs = "a title and a content (body) placeholder" if role in BODY_ROLES else \
                "a title placeholder"
            out.append(Problem(path, 0, 0, f"role {role}", f"no layout for {what}: it needs "
                               f"{needs}; add such a layout, or name one in programme.yaml "
                               f"(template: layouts: {role}: NAME)"))
            continue
        boxes = [find_placeholder(choice.layout, TITLE_TYPES)]
        if role in BODY_ROLES:
            boxes.append(find_placeholder(choice.layout, BODY_TYPES))
        if any(_box(ph) is None for ph in boxes):
            out.append(Problem(path, 0, 0, f"role {role}", f'layout "{choice.name}": a '
                               "placeholder has no position, neither its own nor its "
                               "master's: place it in the template"))
            continue
        message = title_problem(role, _box(boxes[0]), theme_fonts(choice.layout.slide_master)[0])
        if message:
            out.append(Problem(path, 0, 0, f"role {role}", f'layout "{choice.name}": {message}'))
    if not out:
        message = area_problem(geometry_unchecked(template, resolution))
        if message:
            out.append(Problem(path, 0, 0, f"role {STATUS}",
                               f'layout "{resolution.choices[STATUS].name}": {message}'))
    return out


def geometry_unchecked(template: Template, resolution: Resolution) -> Geometry:
    """The boxes of the resolved layouts, every role having one with its placeholders placed."""
    prs = template.prs
    titles, bodies, numbers = {}, {}, {}
    for role in ROLES:
        layout = resolution.layout(role)
        titles[role] = _box(find_placeholder(layout, TITLE_TYPES))
        if role in BODY_ROLES:
            bodies[role] = _box(find_placeholder(layout, BODY_TYPES))
        number = find_placeholder(layout, ("sldNum",))
        if number is not None and _box(number) is not None:
            numbers[role] = _box(number)
    major, minor = theme_fonts(resolution.layout(STATUS).slide_master)
    return Geometry(int(prs.slide_width), int(prs.slide_height), titles, bodies, numbers,
                    font=minor, heading_font=major)


# ---- fonts (found on the machine by statusrapport/text/fontfiles.py, not here) ---------------

def theme_fonts(master) -> tuple[str, str]:
    """The theme's heading and body fonts (the ones the text will be measured in)."""
    theme = theme_xml(master)
    fonts = []
    for which in ("majorFont", "minorFont"):
        latin = theme.find(f".//a:fontScheme/a:{which}/a:latin", NS)
        typeface = latin.get("typeface") if latin is not None else ""
        fonts.append(typeface or "Calibri")
    return fonts[0], fonts[1]


def fonts_named(prs, resolution: Resolution | None = None) -> list[str]:
    """Every font the template's themes and its used layouts' and masters' text name, in order
    of first mention (theme references such as +mj-lt resolved to the theme's fonts)."""
    masters = list(prs.slide_masters)
    if resolution is not None:
        used = {id(c.layout.slide_master): c.layout.slide_master
                for c in resolution.choices.values() if c.layout is not None}
        masters = [m for m in masters if id(m) in used]
    names: list[str] = []
    for master in masters:
        major, minor = theme_fonts(master)
        names += [major, minor]
        parts = [master._element] + [layout._element for layout in master.slide_layouts
                                     if resolution is None or any(
                                         c.layout is layout for c in resolution.choices.values())]
        for element in parts:
            for latin in element.iter(f"{{{NS['a']}}}latin"):
                face = latin.get("typeface") or ""
                face = {"+mj-lt": major, "+mn-lt": minor}.get(face, face)
                if face and not face.startswith("+"):
                    names.append(face)
    return list(dict.fromkeys(names))


# ---- the built deck: what PowerPoint would otherwise repair ----------------------------------

VIEW_PROPS_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  b'<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                  b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                  b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
                  b'<p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/>'
                  b'</p:normalViewPr><p:gridSpacing cx="72008" cy="72008"/></p:viewPr>')


def repair(prs) -> None:
    """Add the parts a template lacks that PowerPoint repairs a deck for (viewProps)."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    if any(str(part.partname) == VIEW_PROPS for part in package.iter_parts()):
        return
    content_type = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"
    part = Part(PackURI(VIEW_PROPS), content_type, package, VIEW_PROPS_XML)
    prs.part.relate_to(part, RT.VIEW_PROPS)


def describe(template: Template, resolution: Resolution) -> list[str]:
    """Per role, the layout it will be drawn on and why (for `template check`)."""
    masters = list(template.prs.slide_masters)
    lines = []
    for role, choice in resolution.choices.items():
        if choice.layout is None:
            lines.append(f"{role}: no usable layout")
            continue
        where = ""
        if len(masters) > 1:  # the same name is on every master of a LibreOffice template
            number = next(i for i, m in enumerate(masters, 1) if m == choice.layout.slide_master)
            where = f" of master {number}/{len(masters)}"
        lines.append(f'{role}: "{choice.name}"{where} ({choice.why()})')
    return lines


def layout_names(prs) -> list[str]:
    return [layout.name for layout in layout_roles.all_layouts(prs)]

