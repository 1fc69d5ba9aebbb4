"""slides/timeline.py: a milestone timeline where the order asks for it, drawn with shapes."""

from __future__ import annotations

from statusrapport.report.portfolio import portfolio
from statusrapport.slides.layout import TIMELINE, Shape, TextBox, default_geometry
from statusrapport.slides.timeline import timeline_slides

GEOMETRY = default_geometry()


def test_a_groups_timeline_by_its_key(seed_context):
    data = portfolio(seed_context)
    slide, = timeline_slides(data, "group:Selvbetjening", GEOMETRY)
    assert (slide.kind, slide.layout) == (TIMELINE, TIMELINE)
    assert slide.title_text == "Selvbetjening – milepæler"
    names = [s.name for s in slide.shapes]
    assert "Rapportdato" in names  # the report's day as a dashed line
    assert any(isinstance(s, Shape) and s.geometry == "diamond" for s in slide.shapes)
    assert any(isinstance(s, TextBox) and s.name.startswith("Akse ") for s in slide.shapes)
    assert [r.name for r in slide.regions] == ["title", "timeline", "legend"]


def test_no_timeline_for_another_key_or_without_a_portfolio(seed_context):
    data = portfolio(seed_context)
    assert timeline_slides(data, "initiative:selvbetjening-endre", GEOMETRY) == []  # per group
    assert timeline_slides(None, "group:Selvbetjening", GEOMETRY) == []
