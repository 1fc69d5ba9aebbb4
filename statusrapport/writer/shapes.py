"""Native shapes without text (a timeline's markers, lines and grid), editable as any drawn
shape: a preset geometry, or a connector for "line"."""

from __future__ import annotations

from statusrapport.slides.layout import Shape, emu
from statusrapport.writer.markup import COLOURS, attr, xfrm


def shape(plan: Shape, shape_id: int) -> str:
    fill = (f"<a:solidFill>{COLOURS[plan.fill]}</a:solidFill>" if plan.fill
            else "<a:noFill/>")
    dash = '<a:prstDash val="dash"/>' if plan.dashed else ""
    line = (f'<a:ln w="{emu(plan.line_width)}"><a:solidFill>{COLOURS[plan.line]}'
            f"</a:solidFill>{dash}</a:ln>" if plan.line else "<a:ln><a:noFill/></a:ln>")
    if plan.geometry == "line":
        return (f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" '
                f'name="{attr(plan.name)}"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
                f'<p:spPr>{xfrm(plan.rect, "a")}<a:prstGeom prst="line"><a:avLst/>'
                f"</a:prstGeom>{line}</p:spPr></p:cxnSp>")
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(plan.name)}"/>'
            f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{xfrm(plan.rect, "a")}'
            f'<a:prstGeom prst="{plan.geometry}"><a:avLst/></a:prstGeom>{fill}{line}'
            f"</p:spPr></p:sp>")
