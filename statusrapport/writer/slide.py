"""A slide part written from its plan: its relationships (layout, charts, links) made up front,
its XML made only as the package is saved, each shape by the writer of its kind."""

from __future__ import annotations

import itertools

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part

from statusrapport.slides.layout import Chart, Shape, SlidePlan, Table, TextBox
from statusrapport.writer.chart import ChartParts, chart_frame
from statusrapport.writer.markup import NSDECL
from statusrapport.writer.placeholders import LayoutInfo, footer, placeholder, slide_number
from statusrapport.writer.shapes import shape
from statusrapport.writer.table import table
from statusrapport.writer.text import paragraphs_of, text_box


class SlidePart(Part):
    """A slide whose XML is written from its plan when the package is serialised, and not kept
    (held until the save, the 4,485 slides of 1,000 initiatives were 80 MB of XML)."""

    slide: Slide | None = None  # None once the deck is written

    @property
    def blob(self) -> bytes:
        if self.slide is None:
            raise RuntimeError(f"{self.partname}: written already, its plan let go")
        return self.slide.xml().encode("utf-8")


class Slide:
    """A slide's XML from its plan; its relationships (charts, links) are made up front, so the
    part is complete before anything is serialised."""

    def __init__(self, part, layout: LayoutInfo, plan: SlidePlan,
                 charts: ChartParts | None = None):
        self.layout, self.plan = layout, plan
        self.links: dict[str, str] = {}
        self.charts: dict[int, str] = {}  # id(Chart) -> rId
        for item in (plan.title, plan.body, *plan.shapes):  # in the order the XML has them
            if isinstance(item, Chart):
                self.charts[id(item)] = part.relate_to(charts.part(item), RT.CHART)
            for para in paragraphs_of(item):
                for span in para.spans:
                    if span.url and span.url not in self.links:
                        self.links[span.url] = part.relate_to(span.url, RT.HYPERLINK,
                                                              is_external=True)

    def xml(self) -> str:
        plan, layout, links = self.plan, self.layout, self.links
        ids = itertools.count(2)  # 1 is the shape tree's own
        shapes = [placeholder("Title", layout.title, plan.title, next(ids), links)]
        if plan.body is not None:
            shapes.append(placeholder("Content", layout.body, plan.body, next(ids), links,
                                      plan.body_box))
        shapes += [self._shape(item, next(ids)) for item in plan.shapes]
        if plan.number is not None:
            shapes.append(slide_number(plan, layout, next(ids)))
        shapes += [footer(f.kind, f.text, layout, next(ids)) for f in plan.footers]
        return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<p:sld {NSDECL}>"
                f'<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
                f"<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{''.join(shapes)}"
                f"</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>")

    def _shape(self, item: TextBox | Table | Shape | Chart, shape_id: int) -> str:
        if isinstance(item, Table):
            return table(item, shape_id, self.links)
        if isinstance(item, Shape):
            return shape(item, shape_id)
        if isinstance(item, Chart):
            return chart_frame(item, shape_id, self.charts[id(item)])
        return text_box(item, shape_id, self.links)
