"""A table as a DrawingML graphic frame: the plan's columns, row heights, merges and fills, a
white gap between columns and a rule under each row (the header's in the accent colour)."""

from __future__ import annotations

from statusrapport.slides.layout import ACCENT, WHITE, Cell, Table, emu
from statusrapport.writer.markup import COLOURS, attr, xfrm
from statusrapport.writer.text import Links, paragraphs


def table(plan: Table, shape_id: int, links: Links) -> str:
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in plan.columns)
    rows = "".join(
        f'<a:tr h="{h}">' + "".join(_cell(c, plan, i < plan.header_rows, links)
                                    for c in row) + "</a:tr>"
        for i, (row, h) in enumerate(zip(plan.rows, plan.heights)))
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" '
            f'name="{attr(plan.name)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks '
            f'noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f"{xfrm(plan.rect, 'p')}<a:graphic><a:graphicData "
            f'uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f"<a:tblPr/><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData>"
            f"</a:graphic></p:graphicFrame>")


def _cell(cell: Cell, plan: Table, header: bool, links: Links) -> str:
    attrs = ""
    if cell.grid_span > 1:
        attrs += f' gridSpan="{cell.grid_span}"'
    if cell.row_span > 1:
        attrs += f' rowSpan="{cell.row_span}"'
    if cell.h_merge:
        attrs += ' hMerge="1"'
    if cell.v_merge:
        attrs += ' vMerge="1"'
    ml, mr, mt, mb = (emu(v) for v in plan.margins)
    side = f'<a:ln w="19050"><a:solidFill>{COLOURS[WHITE]}</a:solidFill></a:ln>'
    below = (f'<a:lnB w="12700"><a:solidFill>{COLOURS[ACCENT]}</a:solidFill></a:lnB>'
             if header else
             f'<a:lnB w="6350"><a:solidFill>{COLOURS["rule"]}</a:solidFill></a:lnB>')
    fill = (f"<a:solidFill>{COLOURS[cell.fill]}</a:solidFill>" if cell.fill
            else "<a:noFill/>")
    borders = (side.replace("a:ln ", "a:lnL ").replace("</a:ln>", "</a:lnL>")
               + side.replace("a:ln ", "a:lnR ").replace("</a:ln>", "</a:lnR>")
               + '<a:lnT w="0"><a:noFill/></a:lnT>' + below)
    return (f"<a:tc{attrs}><a:txBody><a:bodyPr/><a:lstStyle/>{paragraphs(cell.paras, links)}"
            f'</a:txBody><a:tcPr marL="{ml}" marR="{mr}" marT="{mt}" marB="{mb}" '
            f'anchor="t">{borders}{fill}</a:tcPr></a:tc>')
