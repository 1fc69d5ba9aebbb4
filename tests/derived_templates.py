"""Templates derived from real ones with python-pptx and lxml, each with one trait that broke
decks before: a full-bleed title band with a logo picture and a copyright line on the master,
a tiny (0.3 in) title placeholder, a theme font that is not installed.

Not a test module: tests/test_real_templates_render.py uses these.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NSDECL = f'xmlns:a="{A}" xmlns:p="{P}"'
MISSING_FONT = "Statusrapport Sans Ukjent"  # no machine has it


def _logo_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (200, 120), (0, 90, 160))
    ImageDraw.Draw(image).ellipse((20, 10, 180, 110), fill=(250, 200, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _sp(shape_id: int, name: str, x: int, y: int, w: int, h: int, fill: str | None,
        text: str = "") -> etree._Element:
    fill_xml = (f'<a:solidFill><a:schemeClr val="{fill}"/></a:solidFill>' if fill
                else "<a:noFill/>")
    body = (f'<a:p><a:r><a:rPr lang="nb-NO" sz="900"/><a:t>{text}</a:t></a:r></a:p>' if text
            else '<a:p><a:endParaRPr lang="nb-NO"/></a:p>')
    return etree.fromstring(
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
        f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"{fill_xml}<a:ln><a:noFill/></a:ln></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>"
        f"{body}</p:txBody></p:sp>")


def title_band_and_logo(source: Path, target: Path) -> Path:
    """A band of the accent colour across the slide behind the title, reaching 0.3 in below
    it, a logo picture in the lower right corner of the content and a copyright line in the
    footer row: all drawn by the master, on every slide."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.util import Emu

    prs = Presentation(str(source))
    master = prs.slide_masters[0]
    w, h = prs.slide_width, prs.slide_height
    title = next(p for p in master.placeholders if p.placeholder_format.type is not None
                 and p._element.ph.get("type") == "title")
    band_bottom = title.top + title.height + Emu(274320)
    tree = master.shapes._spTree
    # after the group properties: drawn first, behind the placeholders
    tree.insert(2, _sp(9001, "Tittelbånd", 0, 0, w, band_bottom, "accent1"))
    footer_y = min((p.top for p in master.placeholders
                    if p._element.ph.get("type") in ("dt", "ftr", "sldNum")), default=h)
    tree.append(_sp(9002, "Opphavsrett", int(w * 0.36), footer_y, int(w * 0.28),
                    Emu(228600), None, "© Eksempel AS – internt"))
    # a picture is added on a scratch slide, then moved to the master with its image
    scratch = prs.slides.add_slide(prs.slide_layouts[0])
    logo_w, logo_h = Emu(int(w * 0.12)), Emu(int(w * 0.072))
    pic = scratch.shapes.add_picture(io.BytesIO(_logo_png()), w - logo_w - Emu(457200),
                                     footer_y - logo_h - Emu(91440), logo_w, logo_h)
    blip = pic._element.find(f".//{{{A}}}blip")
    image = scratch.part.related_part(blip.get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"))
    r_id = master.part.relate_to(image, RT.IMAGE)
    element = copy.deepcopy(pic._element)
    element.find(f".//{{{A}}}blip").set(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed", r_id)
    element.find(f".//{{{P}}}cNvPr").set("name", "Logo")
    element.find(f".//{{{P}}}cNvPr").set("id", "9003")
    tree.append(element)
    _drop_slide(prs, scratch)
    prs.save(str(target))
    return target


def _drop_slide(prs, slide) -> None:
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        if prs.part.related_part(slide_id.rId) is slide.part:
            prs.part.drop_rel(slide_id.rId)
            id_list.remove(slide_id)


def tiny_title(source: Path, target: Path) -> Path:
    """Every title placeholder of the master and its layouts 0.3 in high."""
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation(str(source))
    for master in prs.slide_masters:
        for owner in [master, *master.slide_layouts]:
            for ph in owner.placeholders:
                if ph._element.ph.get("type") in ("title", "ctrTitle") and ph.top is not None:
                    ph.left, ph.top, ph.width = ph.left, ph.top, ph.width
                    ph.height = Emu(274320)
    prs.save(str(target))
    return target


def missing_theme_font(source: Path, target: Path) -> Path:
    """The theme's heading and body fonts renamed to a font no machine has."""
    return theme_font(source, target, MISSING_FONT)


def theme_font(source: Path, target: Path, font: str) -> Path:
    """The theme's heading and body fonts renamed to `font`."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation(str(source))
    for master in prs.slide_masters:
        theme = master.part.part_related_by(RT.THEME)
        root = etree.fromstring(theme.blob)
        for latin in root.iterfind(f".//{{{A}}}fontScheme/*/{{{A}}}latin"):
            latin.set("typeface", font)
        theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                     standalone=True)
    prs.save(str(target))
    return target
