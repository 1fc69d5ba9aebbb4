"""slides/agenda.py: one agenda per initiative of a group, the current one standing out."""

from __future__ import annotations

import dataclasses

from statusrapport.report.view import report_view
from statusrapport.slides.agenda import AGENDA_SIZES, agenda_slides
from statusrapport.slides.layout import ACCENT, AGENDA, GREY, default_geometry

GEOMETRY = default_geometry()


def test_one_agenda_per_initiative_marks_the_current_one(seed_context):
    group = report_view(seed_context).groups[0]
    slides = agenda_slides(group, GEOMETRY)
    assert [s.initiative for s in slides] == [i.status.initiative_id for i in group.initiatives]
    for current, slide in enumerate(slides):
        assert (slide.kind, slide.layout, slide.title_text) == ("agenda", AGENDA, "Agenda")
        colours = [p.spans[0].colour for p in slide.body.paras]
        assert colours == [ACCENT if i == current else GREY for i in range(len(colours))]
        assert [p.spans[0].bold for p in slide.body.paras].count(True) == 1
        assert slide.body.paras[0].size == AGENDA_SIZES[0]


def test_a_long_agenda_shows_the_page_with_the_current_item(seed_context):
    group = report_view(seed_context).groups[0]
    many = dataclasses.replace(group, initiatives=group.initiatives * 20)
    slides = agenda_slides(many, GEOMETRY)
    assert len(slides) == 40
    last = slides[-1]
    assert last.continued and last.title_text == "Agenda (forts.)"
    assert last.body.paras[-1].spans[0].bold  # the last item, on the list's last page
    assert not slides[0].continued and slides[0].body.paras[0].spans[0].bold
