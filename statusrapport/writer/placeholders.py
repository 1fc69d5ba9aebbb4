"""The layout's placeholders on a slide: which ones a layout has (title, body, slide number),
and the shapes that fill them; a slide-number box of our own where the layout has none."""

from __future__ import annotations

from dataclasses import dataclass

from statusrapport.slides.layout import GREY, Frame, Rect, SlidePlan
from statusrapport.writer.markup import COLOURS, LANG, NS, attr, text, xfrm
from statusrapport.writer.roles import BODY_TYPES, TITLE_TYPES, placeholder_type
from statusrapport.writer.text import Links, body_properties, paragraphs


@dataclass(frozen=True)
class LayoutInfo:
    """What a slide copies from its layout: the placeholders' kinds (their position, size and
    style are inherited), and the slide-number field's id."""

    part: object
    title: str  # the <p:ph .../> element of the title placeholder
    body: str | None
    number: str | None
    field_id: str = "{B2F0A1C3-5D4E-4F60-8A7B-9C0D1E2F3A4B}"
    footers: tuple[tuple[str, str], ...] = ()  # (type, <p:ph .../>) of its ftr and dt


def layout_info(layout) -> LayoutInfo:
    found: dict[str, str] = {}
    field_id = LayoutInfo.field_id
    for ph in layout.placeholders:
        element = ph._element.ph
        kind = placeholder_type(ph)
        attrs = " ".join(f'{k}="{attr(v)}"' for k, v in sorted(element.attrib.items()))
        if kind in TITLE_TYPES:
            found.setdefault("title", f"<p:ph {attrs}/>")
        elif kind in ("ftr", "dt"):
            found.setdefault(kind, f"<p:ph {attrs}/>")
        elif kind == "sldNum":
            found.setdefault("number", f"<p:ph {attrs}/>")
            fld = ph._element.find(f".//{{{NS['a']}}}fld")
            if fld is not None and fld.get("id"):
                field_id = fld.get("id")
        elif kind in BODY_TYPES:  # by type: a LibreOffice template's date has idx 1
            found.setdefault("body", f"<p:ph {attrs}/>")
    footers = tuple((kind, found[kind]) for kind in ("ftr", "dt") if kind in found)
    return LayoutInfo(layout.part, found["title"], found.get("body"), found.get("number"),
                      field_id, footers)


def placeholder(name: str, ph: str | None, frame: Frame, shape_id: int, links: Links,
                box: Rect | None = None) -> str:
    """A placeholder of the layout: style inherited, our text and insets; its position the
    layout's, or `box`."""
    sp_pr = f"<p:spPr>{xfrm(box, 'a')}</p:spPr>" if box is not None else "<p:spPr/>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name} {shape_id - 1}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr>'
            f"</p:nvSpPr>{sp_pr}<p:txBody>{body_properties(frame)}<a:lstStyle/>"
            f"{paragraphs(frame.paras, links)}</p:txBody></p:sp>")


def slide_number(plan: SlidePlan, layout: LayoutInfo, shape_id: int) -> str:
    """The slide number: the layout's placeholder (python-pptx's add_slide leaves it out)
    holding a slide-number field, or a box of our own where the layout has none."""
    number = str(plan.number)
    field = (f'<a:fld id="{attr(layout.field_id)}" type="slidenum"><a:rPr lang="{LANG}"'
             f'/><a:t>{number}</a:t></a:fld>')
    body = ('<a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b">'
            "<a:noAutofit/></a:bodyPr><a:lstStyle/>")
    if layout.number is not None:
        return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Slide Number {number}"/>'
                f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{layout.number}'
                f"</p:nvPr></p:nvSpPr><p:spPr/><p:txBody>{body}<a:p>{field}</a:p>"
                f"</p:txBody></p:sp>")
    rect = next(r.rect for r in plan.regions if r.name == "number")
    field = field.replace(f'<a:rPr lang="{LANG}"/>', f'<a:rPr lang="{LANG}" sz="1200">'
                          f"<a:solidFill>{COLOURS[GREY]}</a:solidFill></a:rPr>")
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Slide Number {number}"/>'
            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{xfrm(rect, "a")}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'<p:txBody>{body}<a:p><a:pPr algn="r"/>{field}</a:p></p:txBody></p:sp>')


def footer(kind: str, value: str, layout: LayoutInfo, shape_id: int) -> str:
    """The layout's footer or date placeholder holding `value`, in the layout's own style."""
    ph = dict(layout.footers)[kind]
    name = "Footer" if kind == "ftr" else "Date"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name} {shape_id - 1}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr>'
            f'</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>'
            f'<a:rPr lang="{LANG}"/><a:t>{text(value)}</a:t></a:r></a:p></p:txBody></p:sp>')
