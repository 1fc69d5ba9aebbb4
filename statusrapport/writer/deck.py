"""Draw a planned deck into a .pptx: walk the plan, one slide part per slide, each shape by the
writer of its kind, and save the package.

The plan (slides/) has decided every position, size and line; the writers here only write it
down as DrawingML into the template's package, whose example slides are dropped.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI

from statusrapport.slides.layout import DeckPlan
from statusrapport.writer.chart import ChartParts
from statusrapport.writer.markup import NS
from statusrapport.writer.package import Properties, midnight, package_bytes, set_properties
from statusrapport.writer.placeholders import layout_info
from statusrapport.writer.slide import Slide, SlidePart
from statusrapport.writer.roles import Resolution
from statusrapport.writer.template import repair


def render(prs, plan: DeckPlan, properties: Properties, resolution: Resolution) -> bytes:
    """The deck as the bytes of a .pptx: reproducible for the same template, plan and date;
    each slide on the layout its role resolved to."""
    infos = {role: layout_info(resolution.layout(role))
             for role in {s.layout for s in plan.slides}}
    repair(prs)
    id_list = prs.part._element.get_or_add_sldIdLst()
    _drop_slides(prs, id_list)
    package = prs.part.package
    relate = _fast_relate(prs.part)
    charts = ChartParts(package, midnight(properties.day))
    slides = []
    for number, slide_plan in enumerate(plan.slides, start=1):
        # python-pptx's add_slide clones placeholders one by one (and scans them many times),
        # and every slide would stay in memory as a tree of elements until saved: a slide here
        # is a part written from its plan as the package is saved (SlidePart).
        part = SlidePart(PackURI(f"/ppt/slides/slide{number}.xml"), CT.PML_SLIDE, package)
        part.relate_to(infos[slide_plan.layout].part, RT.SLIDE_LAYOUT)
        part.slide = Slide(part, infos[slide_plan.layout], slide_plan, charts)
        slides.append(part)
        # sldId: 256 up (python-pptx's add_sldId finds the next id by scanning all of them)
        etree.SubElement(id_list, f"{{{NS['p']}}}sldId",
                         {"id": str(255 + number), f"{{{NS['r']}}}id": relate(part)})
    set_properties(prs, properties)
    blob = package_bytes(prs)
    # The package is garbage now, in reference cycles only a full collection frees (at exit: a
    # second for 1,000 initiatives): it must not keep the plan alive with it.
    for part in slides:
        part.slide = None
    return blob


def _fast_relate(owner):
    """presentation -> slide relationships without python-pptx's scan of every existing one
    (quadratic in the number of slides); the public, scanning way where internals differ."""
    rels = owner.rels
    if hasattr(rels, "_add_relationship"):
        return lambda part: rels._add_relationship(RT.SLIDE, part)
    return lambda part: owner.relate_to(part, RT.SLIDE)  # pragma: no cover


def _drop_slides(prs, id_list) -> None:
    """A corporate template may carry example slides: the deck has only its own."""
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)
