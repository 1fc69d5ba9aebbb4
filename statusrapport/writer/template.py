"""The template: opened, checked for what the deck needs (`statusrapport template check` and
every build), and read for the plan: its layouts by name, their placeholders' boxes, the slide
size and the theme's fonts."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from statusrapport.errors import Problem, UserError
from statusrapport.slides.layout import BODY_LAYOUTS, LAYOUTS, STATUS, Geometry, Rect
from statusrapport.writer.markup import NS

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "statusrapport.pptx"
TITLE_TYPES = ("title", "ctrTitle")


def open_template(path: Path | None = None):
    """The template as a python-pptx Presentation, or a UserError saying why it cannot be."""
    path = Path(path) if path is not None else DEFAULT_TEMPLATE
    if not path.is_file():
        raise UserError(f"{path}: no such template file")
    try:
        return Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError) as exc:
        detail = f" ({exc})" if isinstance(exc, ValueError) else ""
        raise UserError(f"{path}: not a PowerPoint presentation (.pptx){detail}") from None


def layouts(prs) -> dict[str, object]:
    """Layouts by name, over every slide master (the first of a name wins)."""
    found: dict[str, object] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name.strip(), layout)
    return found


def _placeholder(layout, *, title: bool = False, idx: int | None = None,
                 kind: str | None = None):
    for ph in layout.placeholders:
        element = ph._element.ph
        if title and element.get("type") in TITLE_TYPES:
            return ph
        if idx is not None and ph.placeholder_format.idx == idx and element.get(
                "type") not in TITLE_TYPES:
            return ph
        if kind is not None and element.get("type") == kind:
            return ph
    return None


def missing(prs) -> list[str]:
    """What the deck needs from a template and this one lacks (empty: the template will do)."""
    by_name = layouts(prs)
    out = []
    for name in LAYOUTS:
        layout = by_name.get(name)
        if layout is None:
            out.append(f'layout "{name}"')
            continue
        if _placeholder(layout, title=True) is None:
            out.append(f'layout "{name}": a title placeholder')
        if name in BODY_LAYOUTS and _placeholder(layout, idx=1) is None:
            out.append(f'layout "{name}": a body placeholder (idx 1)')
    return out


def check(prs, path: Path) -> None:
    """A UserError naming everything the template lacks, one line each."""
    lacking = missing(prs)
    if lacking:
        raise UserError([Problem(str(path), 0, 0, "", f"the template lacks {item}")
                         for item in lacking])


def describe(prs) -> list[str]:
    """The template's layouts and their placeholders, one line each (for `template check`)."""
    lines = []
    for name, layout in layouts(prs).items():
        kinds = [f"{ph._element.ph.get('type') or 'obj'}(idx {ph.placeholder_format.idx})"
                 for ph in layout.placeholders]
        mark = "used" if name in LAYOUTS else "not used"
        lines.append(f'layout "{name}" ({mark}): {", ".join(kinds) or "no placeholders"}')
    return lines


def geometry(prs) -> Geometry:
    by_name = layouts(prs)

    def box(ph) -> Rect:
        values = (ph.left, ph.top, ph.width, ph.height)
        if None in values:  # neither the layout nor its master places it
            raise UserError(f'placeholder "{ph.name}" of a layout has no position, '
                            "neither its own nor its master's")
        return Rect(*(int(v) for v in values))

    titles = {name: box(_placeholder(by_name[name], title=True)) for name in LAYOUTS}
    bodies = {name: box(_placeholder(by_name[name], idx=1)) for name in BODY_LAYOUTS}
    numbers = {}
    for name in LAYOUTS:
        ph = _placeholder(by_name[name], kind="sldNum")
        if ph is not None:
            numbers[name] = box(ph)
    major, minor = _theme_fonts(by_name[STATUS].slide_master)
    return Geometry(int(prs.slide_width), int(prs.slide_height), titles, bodies, numbers,
                    font=minor, heading_font=major)


def _theme_fonts(master) -> tuple[str, str]:
    """The theme's heading and body fonts (the ones the text will be measured in)."""
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    fonts = []
    for which in ("majorFont", "minorFont"):
        latin = theme.find(f".//a:fontScheme/a:{which}/a:latin", NS)
        fonts.append(latin.get("typeface") if latin is not None else "Calibri")
    return fonts[0], fonts[1]
