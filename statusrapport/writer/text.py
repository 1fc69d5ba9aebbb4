"""Text as DrawingML: a frame's body properties, its paragraphs and runs, and the text box.

`links` maps each hyperlink's URL to the slide's relationship id for it (made by the slide
before its XML is written).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.sax.saxutils import escape

from statusrapport.slides.layout import ACCENT, Frame, Para, Span, Table, TextBox, emu
from statusrapport.writer.markup import COLOURS, LANG, attr, clean, xfrm

Links = Mapping[str, str]


def text_box(box: TextBox, shape_id: int, links: Links) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(box.name)}"/>'
            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{xfrm(box.rect, "a")}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f"<p:txBody>{body_properties(box.frame, box.anchor)}<a:lstStyle/>"
            f"{paragraphs(box.frame.paras, links)}</p:txBody></p:sp>")


def body_properties(frame: Frame, anchor: str | None = None) -> str:
    """Wrapped, never autofit (the plan has fitted the text), with the frame's insets."""
    l, t, r, b = (emu(v) for v in frame.insets)
    anchor_attr = f' anchor="{anchor}"' if anchor else ""
    return (f'<a:bodyPr wrap="square" lIns="{l}" tIns="{t}" rIns="{r}" bIns="{b}"'
            f'{anchor_attr} rtlCol="0"><a:noAutofit/></a:bodyPr>')


def paragraphs(paras: tuple[Para, ...], links: Links) -> str:
    if not paras:  # a text body must hold a paragraph
        return f'<a:p><a:endParaRPr lang="{LANG}" dirty="0"/></a:p>'
    return "".join(_paragraph(p, links) for p in paras)


def paragraphs_of(item) -> tuple[Para, ...]:
    """The paragraphs of a frame, a text box or a table (cell by cell, row by row)."""
    if isinstance(item, Frame):
        return item.paras
    if isinstance(item, TextBox):
        return item.frame.paras
    if isinstance(item, Table):
        return tuple(para for row in item.rows for cell in row for para in cell.paras)
    return ()


def _paragraph(para: Para, links: Links) -> str:
    size = int(round(para.size * 100))
    hang = emu(para.hang) if para.bullet else 0
    attrs = f' marL="{emu(para.margin)}" indent="{-hang}"'
    if para.level:
        attrs += f' lvl="{para.level}"'
    if para.align:
        attrs += f' algn="{para.align}"'
    ppr = (f'<a:pPr{attrs}><a:lnSpc><a:spcPct val="{int(round(para.line_spacing * 100000))}"/>'
           f'</a:lnSpc><a:spcBef><a:spcPts val="{int(round(para.space_before * 100))}"/>'
           f'</a:spcBef>')
    if para.bullet:
        ppr += (f'<a:buClr>{COLOURS[ACCENT]}</a:buClr><a:buFont typeface="Arial"/>'
                f'<a:buChar char="{attr(para.bullet)}"/>')
    else:
        ppr += "<a:buNone/>"
    ppr += "</a:pPr>"
    runs = "".join(_runs(span, size, links) for span in para.spans)
    return f'<a:p>{ppr}{runs}<a:endParaRPr lang="{LANG}" sz="{size}" dirty="0"/></a:p>'


def _runs(span: Span, size: int, links: Links) -> str:
    """A span as runs, its line breaks (any of \\r\\n, \\n, \\v, \\r) as <a:br> in its style."""
    attrs = f'lang="{LANG}" sz="{size}"'
    attrs += ' b="1"' if span.bold else ' b="0"'
    if span.strike:
        attrs += ' strike="sngStrike"'
    inner = f"<a:solidFill>{COLOURS[span.colour]}</a:solidFill>" if span.colour else ""
    if span.url:
        inner += f'<a:hlinkClick r:id="{links[span.url]}"/>'
    rpr = f"<a:rPr {attrs} dirty=\"0\">{inner}</a:rPr>"
    pieces = re.split(r"\r\n|[\n\v\r]", clean(span.text))
    out = []
    for i, piece in enumerate(pieces):
        if i:
            out.append(f"<a:br>{rpr}</a:br>")
        if piece:
            out.append(f"<a:r>{rpr}<a:t>{escape(piece)}</a:t></a:r>")
    return "".join(out)
