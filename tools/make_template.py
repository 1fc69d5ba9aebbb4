#!/usr/bin/env python
"""Generate ``templates/statusrapport.pptx``, the default template of statusrapport.

Run from the repository root::

    python tools/make_template.py            # writes templates/statusrapport.pptx
    python tools/make_template.py OUT.pptx   # writes elsewhere

The script starts from python-pptx's bundled default template
(``pptx.Presentation()``) and edits it with python-pptx and lxml:

* 16:9 slide size (12192000 x 6858000 EMU);
* exactly five slide layouts, in this order and with these names (the deck
  writer looks layouts up by name): "Group title", "Section", "Agenda",
  "Status", "KPI"; the other six bundled layouts are removed from the package;
* a restrained theme: Calibri for headings and body, dark blue / grey colour
  scheme, a flat format scheme (no gradients, no shadows, no bevels), so that
  shapes drawn later with python-pptx's default style come out flat;
* a slide-number placeholder bottom right on the master and on every layout;
* neutral, fixed core properties and a byte-reproducible zip (fixed member
  dates, fixed member order), so running the script twice gives identical
  bytes.

The output is deterministic: no clock, no randomness, fixed GUIDs.
"""

from __future__ import annotations

import datetime as _dt
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

# --------------------------------------------------------------------------
# Geometry (EMU).  914400 EMU = 1 inch, 12700 EMU = 1 pt.
# --------------------------------------------------------------------------
INCH = 914400
SLIDE_W = 12192000  # 13.333 in
SLIDE_H = 6858000  # 7.5 in

MARGIN_X = 457200  # 0.5 in left/right margin of all content
CONTENT_W = SLIDE_W - 2 * MARGIN_X  # 11277600

# Title of the content layouts (Agenda, Status, KPI): one line, anchored at
# the bottom of its box, with a thin dark-blue rule below it (drawn on the
# master).
TITLE_Y = 365760  # 0.4 in
TITLE_H = 640080  # 0.7 in  -> bottom at 1005840 (1.1 in)
RULE_Y = 1051560  # 1.15 in
RULE_H = 22860  # 0.025 in (1.8 pt)

# Free content area below the title rule (body placeholders use exactly this;
# the Status slide leaves it empty for the four panels drawn by the code).
BODY_Y = 1234440  # 1.35 in
BODY_BOTTOM = 6035040  # 6.6 in
BODY_H = BODY_BOTTOM - BODY_Y  # 4800600 (5.25 in)

# Slide number, bottom right.
SLDNUM_W = 914400  # 1.0 in
SLDNUM_H = 274320  # 0.3 in
SLDNUM_X = SLIDE_W - MARGIN_X - SLDNUM_W  # 10820400
SLDNUM_Y = 6172200  # 6.75 in -> bottom at 6446520 (0.45 in margin)

# Divider layouts (Group title, Section): a full-width band across the middle
# of the slide with a thin strip under it.
BAND_Y = 2286000  # 2.5 in
BAND_H = 2286000  # 2.5 in
STRIP_Y = BAND_Y + BAND_H  # 4572000
STRIP_H = 73152  # 0.08 in
DIV_TITLE_Y = 2743200  # 3.0 in
DIV_TITLE_H = 1371600  # 1.5 in
GROUP_TITLE_X = 914400
GROUP_TITLE_W = SLIDE_W - 2 * GROUP_TITLE_X  # 10363200
SECTION_BAR_X = MARGIN_X
SECTION_BAR_W = 109728  # 0.12 in
SECTION_TITLE_X = 777240  # 0.85 in
SECTION_TITLE_W = SLIDE_W - MARGIN_X - SECTION_TITLE_X  # 10957560

# --------------------------------------------------------------------------
# Typography (hundredths of a point, as in DrawingML ``sz``).
# --------------------------------------------------------------------------
TITLE_SZ = 2800  # content layouts
GROUP_TITLE_SZ = 4400
SECTION_TITLE_SZ = 4000
AGENDA_SZ = 2400
BODY_SZ = (2000, 1800, 1600, 1400, 1400, 1400, 1400, 1400, 1400)
SLDNUM_SZ = 1200
LANG = "nb-NO"

# --------------------------------------------------------------------------
# Colours.
# --------------------------------------------------------------------------
THEME_NAME = "statusrapport"
COLOURS = {  # clrScheme slot -> (hex, role)
    "dk1": ("262626", "text (soft black)"),
    "lt1": ("FFFFFF", "background"),
    "dk2": ("1F4E79", "dark blue: titles"),
    "lt2": ("F2F2F2", "light grey: panel / band fills"),
    "accent1": ("1F4E79", "dark blue: primary accent, bands, table headers"),
    "accent2": ("2E75B6", "medium blue: secondary accent"),
    "accent3": ("7F7F7F", "mid grey: secondary text, lines"),
    "accent4": ("548235", "green: on track / delivered"),
    "accent5": ("C55A11", "orange: at risk / moved"),
    "accent6": ("C00000", "red: late / overdue"),
    "hlink": ("0563C1", "hyperlink"),
    "folHlink": ("954F72", "followed hyperlink"),
}
FONT = "Calibri"

LAYOUT_NAMES = ("Group title", "Section", "Agenda", "Status", "KPI")

# Fixed metadata.
FIXED_TIME = _dt.datetime(2021, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
SLDNUM_FLD_ID = "{B2F0A1C3-5D4E-4F60-8A7B-9C0D1E2F3A4B}"

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


# --------------------------------------------------------------------------
# XML snippets
# --------------------------------------------------------------------------
def _xfrm(x: int, y: int, cx: int, cy: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _fill(clr: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{clr}"/></a:solidFill>'


GREY_TEXT = (
    '<a:solidFill><a:schemeClr val="tx1"><a:lumMod val="65000"/>'
    '<a:lumOff val="35000"/></a:schemeClr></a:solidFill>'
)


def _rect(shape_id: int, name: str, x: int, y: int, cx: int, cy: int, clr: str) -> str:
    """A flat, borderless, non-placeholder rectangle (decoration)."""
    return (
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(x, y, cx, cy)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"{_fill(clr)}<a:ln><a:noFill/></a:ln></p:spPr>"
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/>'
        f'<a:p><a:endParaRPr lang="{LANG}"/></a:p></p:txBody></p:sp>'
    )


def _placeholder(
    shape_id: int,
    name: str,
    ph: str,
    geom: tuple[int, int, int, int],
    *,
    body_pr: str = "<a:bodyPr/>",
    lst_style: str = "<a:lstStyle/>",
    paragraphs: str = "",
) -> str:
    return (
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr>{ph}</p:nvPr></p:nvSpPr>"
        f"<p:spPr>{_xfrm(*geom)}</p:spPr>"
        f"<p:txBody>{body_pr}{lst_style}{paragraphs}</p:txBody></p:sp>"
    )


def _para(text: str, lvl: int | None = None) -> str:
    ppr = f'<a:pPr lvl="{lvl}"/>' if lvl is not None else ""
    return f'<a:p>{ppr}<a:r><a:rPr lang="{LANG}"/><a:t>{text}</a:t></a:r></a:p>'


def _sldnum_placeholder(shape_id: int, idx: int, *, with_style: bool) -> str:
    """Slide-number placeholder at the bottom right.

    On the master it carries the text style; on layouts it inherits it.
    """
    body_pr = '<a:bodyPr vert="horz" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="b"/>'
    lst = (
        f'<a:lstStyle><a:lvl1pPr algn="r"><a:defRPr sz="{SLDNUM_SZ}">{GREY_TEXT}'
        "</a:defRPr></a:lvl1pPr></a:lstStyle>"
        if with_style
        else "<a:lstStyle/>"
    )
    para = (
        f'<a:p><a:fld id="{SLDNUM_FLD_ID}" type="slidenum"><a:rPr lang="{LANG}"/>'
        f'<a:t>‹#›</a:t></a:fld><a:endParaRPr lang="{LANG}"/></a:p>'
    )
    return _placeholder(
        shape_id,
        f"Slide Number Placeholder {shape_id - 1}",
        f'<p:ph type="sldNum" sz="quarter" idx="{idx}"/>',
        (SLDNUM_X, SLDNUM_Y, SLDNUM_W, SLDNUM_H),
        body_pr=body_pr,
        lst_style=lst,
        paragraphs=para,
    )


def _lvl_ppr(lvl: int, sz: int, *, bullet: str | None, mar_l: int, indent: int, extra: str = "") -> str:
    bu = (
        f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/>'
        f'<a:buChar char="{bullet}"/>'
        if bullet
        else "<a:buNone/>"
    )
    return (
        f'<a:lvl{lvl}pPr marL="{mar_l}" indent="{indent}" algn="l" defTabSz="457200" '
        f'rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{600 if lvl == 1 else 300}"/></a:spcBef>{bu}'
        f'<a:defRPr sz="{sz}" kern="1200">{extra or _fill("tx1")}'
        '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
        f"</a:defRPr></a:lvl{lvl}pPr>"
    )


# --------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------
def _set_slide_size(prs) -> None:
    prs.slide_width = SLIDE_W
    prs.slide_height = SLIDE_H
    sld_sz = prs.part._element.find(_q("p:sldSz"))
    # the bundled template says type="screen4x3"; a 16:9 widescreen deck of
    # 12192000 x 6858000 carries no type attribute (i.e. "custom").
    if "type" in sld_sz.attrib:
        del sld_sz.attrib["type"]


def _prune_layouts(prs) -> None:
    """Keep the first five bundled layouts (renamed/rebuilt later), drop the rest.

    ``SlideLayouts.remove()`` removes the ``p:sldLayoutId`` entry from the
    master and then drops the master->layout relationship; a part no longer
    reachable through relationships is not written on save, and
    ``[Content_Types].xml`` is rebuilt from the parts that are written.
    """
    layouts = prs.slide_layouts
    for layout in list(layouts)[len(LAYOUT_NAMES):]:
        layouts.remove(layout)
    assert len(prs.slide_layouts) == len(LAYOUT_NAMES)


def _drop_package_clutter(prs) -> None:
    """Remove the 4:3 thumbnail picture and the Mac printer-settings blob."""
    package = prs.part.package
    for rId, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rId)
    for rId, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rId)


def _set_theme(prs) -> None:
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    theme.set("name", THEME_NAME)
    elements = theme.find(_q("a:themeElements"))

    clr = elements.find(_q("a:clrScheme"))
    clr.set("name", THEME_NAME)
    for child in list(clr):
        clr.remove(child)
    for slot, (hexval, _role) in COLOURS.items():
        el = etree.SubElement(clr, _q(f"a:{slot}"))
        etree.SubElement(el, _q("a:srgbClr"), val=hexval)

    fonts = elements.find(_q("a:fontScheme"))
    fonts.set("name", THEME_NAME)
    for which in ("a:majorFont", "a:minorFont"):
        fonts.find(_q(which)).find(_q("a:latin")).set("typeface", FONT)

    # Flat format scheme: python-pptx autoshapes reference fillRef idx=3 and
    # effectRef idx=2, which in the bundled theme are a gradient and a
    # shadow. Every style here is a plain solid fill / line / no effect.
    fmt = elements.find(_q("a:fmtScheme"))
    new_fmt = etree.fromstring(
        f'<a:fmtScheme xmlns:a="{NS["a"]}" name="{THEME_NAME}">'
        "<a:fillStyleLst>" + '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3 + "</a:fillStyleLst>"
        "<a:lnStyleLst>"
        + "".join(
            f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/>'
            '</a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
            for w in (9525, 19050, 28575)
        )
        + "</a:lnStyleLst>"
        "<a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + "</a:effectStyleLst>"
        "<a:bgFillStyleLst>" + '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3 + "</a:bgFillStyleLst>"
        "</a:fmtScheme>"
    )
    elements.replace(fmt, new_fmt)

    theme_part.blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _style_master(prs) -> None:
    master = prs.slide_master
    el = master._element
    sp_tree = el.cSld.spTree
    for child in list(sp_tree)[2:]:  # keep nvGrpSpPr and grpSpPr
        sp_tree.remove(child)

    title = _placeholder(
        2,
        "Title Placeholder 1",
        '<p:ph type="title"/>',
        (MARGIN_X, TITLE_Y, CONTENT_W, TITLE_H),
        body_pr='<a:bodyPr vert="horz" lIns="0" tIns="45720" rIns="0" bIns="45720" rtlCol="0" anchor="b">'
        "<a:normAutofit/></a:bodyPr>",
        paragraphs=_para("Klikk for å redigere tittelstil"),
    )
    body = _placeholder(
        3,
        "Text Placeholder 2",
        '<p:ph type="body" idx="1"/>',
        (MARGIN_X, BODY_Y, CONTENT_W, BODY_H),
        body_pr='<a:bodyPr vert="horz" lIns="0" tIns="45720" rIns="0" bIns="45720" rtlCol="0">'
        "<a:normAutofit/></a:bodyPr>",
        paragraphs="".join(
            _para(t, lvl)
            for lvl, t in enumerate(["Første nivå", "Andre nivå", "Tredje nivå", "Fjerde nivå", "Femte nivå"])
        ),
    )
    rule = _rect(5, "Title rule", MARGIN_X, RULE_Y, CONTENT_W, RULE_H, "accent1")
    sldnum = _sldnum_placeholder(4, 4, with_style=True)
    for xml in (title, body, sldnum, rule):
        sp_tree.append(parse_xml(xml))

    # text styles
    tx_styles = el.find(_q("p:txStyles"))
    title_style = parse_xml(
        f"<p:titleStyle {NSDECL}>"
        '<a:lvl1pPr algn="l" defTabSz="457200" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        '<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="{TITLE_SZ}" b="1" kern="1200">{_fill("tx2")}'
        '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr>'
        "</a:lvl1pPr></p:titleStyle>"
    )
    bullets = ["•", "–", "•", "–", "»", "•", "•", "•", "•"]
    body_style = parse_xml(
        f"<p:bodyStyle {NSDECL}>"
        + "".join(
            _lvl_ppr(
                lvl,
                BODY_SZ[lvl - 1],
                bullet=bullets[lvl - 1],
                mar_l=285750 + (lvl - 1) * 342900,
                indent=-285750 if lvl == 1 else -228600,
            )
            for lvl in range(1, 10)
        )
        + "</p:bodyStyle>"
    )
    tx_styles.replace(tx_styles.find(_q("p:titleStyle")), title_style)
    tx_styles.replace(tx_styles.find(_q("p:bodyStyle")), body_style)
    for defppr in el.iter(_q("a:defPPr")):
        defppr.find(_q("a:defRPr")).set("lang", LANG)


def _rebuild_layout(layout, name: str, *, layout_type: str | None, show_master_shapes: bool, shapes: list[str]) -> None:
    el = layout._element
    if layout_type is None:
        el.attrib.pop("type", None)
    else:
        el.set("type", layout_type)
    el.set("preserve", "1")
    if show_master_shapes:
        el.attrib.pop("showMasterSp", None)
    else:
        el.set("showMasterSp", "0")
    layout.name = name
    sp_tree = el.cSld.spTree
    for child in list(sp_tree)[2:]:
        sp_tree.remove(child)
    for xml in shapes:
        sp_tree.append(parse_xml(xml))


def _content_title(shape_id: int, prompt: str) -> str:
    return _placeholder(
        shape_id,
        f"Title {shape_id - 1}",
        '<p:ph type="title"/>',
        (MARGIN_X, TITLE_Y, CONTENT_W, TITLE_H),
        paragraphs=_para(prompt),
    )


def _content_body(shape_id: int, lst_style: str = "<a:lstStyle/>") -> str:
    return _placeholder(
        shape_id,
        f"Text Placeholder {shape_id - 1}",
        '<p:ph type="body" idx="1"/>',
        (MARGIN_X, BODY_Y, CONTENT_W, BODY_H),
        lst_style=lst_style,
        paragraphs=_para("Første nivå", 0) + _para("Andre nivå", 1) + _para("Tredje nivå", 2),
    )


def _build_layouts(prs) -> None:
    layouts = list(prs.slide_layouts)
    group, section, agenda, status, kpi = layouts

    # 1. Group title: dark-blue band, large centred white title.
    _rebuild_layout(
        group,
        "Group title",
        layout_type="title",
        show_master_shapes=False,
        shapes=[
            _rect(2, "Band", 0, BAND_Y, SLIDE_W, BAND_H, "accent1"),
            _rect(3, "Band strip", 0, STRIP_Y, SLIDE_W, STRIP_H, "accent2"),
            _placeholder(
                4,
                "Title 3",
                '<p:ph type="title"/>',
                (GROUP_TITLE_X, DIV_TITLE_Y, GROUP_TITLE_W, DIV_TITLE_H),
                body_pr='<a:bodyPr anchor="ctr"><a:normAutofit/></a:bodyPr>',
                lst_style=(
                    '<a:lstStyle><a:lvl1pPr algn="ctr">'
                    f'<a:defRPr sz="{GROUP_TITLE_SZ}" b="1">{_fill("bg1")}</a:defRPr>'
                    "</a:lvl1pPr></a:lstStyle>"
                ),
                paragraphs=_para("Gruppenavn"),
            ),
            _sldnum_placeholder(5, 12, with_style=False),
        ],
    )

    # 2. Section: light-grey band, dark-blue bar and strip, left-aligned title.
    _rebuild_layout(
        section,
        "Section",
        layout_type="secHead",
        show_master_shapes=False,
        shapes=[
            _rect(2, "Band", 0, BAND_Y, SLIDE_W, BAND_H, "bg2"),
            _rect(3, "Band strip", 0, STRIP_Y, SLIDE_W, STRIP_H, "accent1"),
            _rect(4, "Accent bar", SECTION_BAR_X, DIV_TITLE_Y, SECTION_BAR_W, DIV_TITLE_H, "accent1"),
            _placeholder(
                5,
                "Title 4",
                '<p:ph type="title"/>',
                (SECTION_TITLE_X, DIV_TITLE_Y, SECTION_TITLE_W, DIV_TITLE_H),
                body_pr='<a:bodyPr lIns="91440" anchor="ctr"><a:normAutofit/></a:bodyPr>',
                lst_style=(
                    '<a:lstStyle><a:lvl1pPr algn="l">'
                    f'<a:defRPr sz="{SECTION_TITLE_SZ}" b="1">{_fill("tx2")}</a:defRPr>'
                    "</a:lvl1pPr></a:lstStyle>"
                ),
                paragraphs=_para("Seksjonstittel"),
            ),
            _sldnum_placeholder(6, 12, with_style=False),
        ],
    )

    # 3. Agenda: title + one body placeholder with larger first-level bullets.
    agenda_lst = (
        '<a:lstStyle><a:lvl1pPr><a:spcBef><a:spcPts val="1200"/></a:spcBef>'
        f'<a:defRPr sz="{AGENDA_SZ}"/></a:lvl1pPr></a:lstStyle>'
    )
    _rebuild_layout(
        agenda,
        "Agenda",
        layout_type="obj",
        show_master_shapes=True,
        shapes=[_content_title(2, "Agenda"), _content_body(3, agenda_lst), _sldnum_placeholder(4, 12, with_style=False)],
    )

    # 4. Status: title only; the area under the rule is left empty for the
    #    four panels the deck writer draws.
    _rebuild_layout(
        status,
        "Status",
        layout_type="titleOnly",
        show_master_shapes=True,
        shapes=[_content_title(2, "Statusrapport"), _sldnum_placeholder(3, 12, with_style=False)],
    )

    # 5. KPI: title + body for nested bullets.
    _rebuild_layout(
        kpi,
        "KPI",
        layout_type="obj",
        show_master_shapes=True,
        shapes=[_content_title(2, "Status"), _content_body(3), _sldnum_placeholder(4, 12, with_style=False)],
    )

    assert tuple(layout.name for layout in prs.slide_layouts) == LAYOUT_NAMES


def _set_presentation_defaults(prs) -> None:
    for defppr in prs.part._element.iter(_q("a:defPPr")):
        defppr.find(_q("a:defRPr")).set("lang", LANG)


def _set_core_properties(prs) -> None:
    cp = prs.core_properties
    cp.title = "statusrapport"
    cp.author = ""
    cp.last_modified_by = ""
    cp.comments = ""  # bundled: "generated using python-pptx"
    cp.subject = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME


def _set_app_properties(prs) -> None:
    app_part = prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    app = etree.fromstring(app_part.blob)
    for tag, text in (("TotalTime", "0"), ("Application", "statusrapport"), ("PresentationFormat", "Widescreen")):
        el = app.find(f"{{{ns}}}{tag}")
        if el is not None:
            el.text = text
    for lpstr in app.iter(f"{{{vt}}}lpstr"):
        if lpstr.text == "Office Theme":
            lpstr.text = THEME_NAME
    app_part.blob = etree.tostring(app, xml_declaration=True, encoding="UTF-8", standalone=True)


def _reproducible_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed member dates/attributes and a stable order."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = {name: src.read(name) for name in src.namelist()}
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in members]
    order = first + sorted(n for n in members if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, members[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


def build_presentation():
    """Return the edited (unsaved) python-pptx Presentation."""
    prs = Presentation()
    _set_slide_size(prs)
    _prune_layouts(prs)
    _drop_package_clutter(prs)
    _set_theme(prs)
    _style_master(prs)
    _build_layouts(prs)
    _set_presentation_defaults(prs)
    _set_core_properties(prs)
    _set_app_properties(prs)
    return prs


def make_template(path: str | Path) -> Path:
    """Write the template to ``path`` (parents created) and return the path."""
    path = Path(path)
    buf = io.BytesIO()
    build_presentation().save(buf)
    data = _reproducible_zip(buf.getvalue())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


DEFAULT_PATH = Path(__file__).resolve().parent.parent / "templates" / "statusrapport.pptx"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else DEFAULT_PATH
    make_template(target)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
