"""slides/titles.py: the programme's title slide and the dividers."""

from __future__ import annotations

from statusrapport.report.view import report_view
from statusrapport.slides.layout import COVER, GROUP_TITLE, SECTION, default_geometry
from statusrapport.slides.titles import DIVIDER_SIZES, divider, programme_slide

GEOMETRY = default_geometry()


def test_the_programme_slide_names_the_programme_and_the_week(seed_context):
    slide = programme_slide(report_view(seed_context), GEOMETRY)
    name, subtitle = slide.title.paras
    assert (slide.kind, slide.layout) == ("programme", COVER)
    assert (name.text, subtitle.text) == ("Pasientreiser", "Statusrapport uke 33 2021")
    assert name.spans[0].bold and subtitle.size < name.size
    assert [r.name for r in slide.regions] == ["title"]


def test_a_group_divider_and_a_section_divider():
    group, section = divider("Selvbetjening", GROUP_TITLE, GEOMETRY), divider("Ny", SECTION,
                                                                                GEOMETRY)
    assert (group.kind, group.layout, group.title_text) == ("group", GROUP_TITLE, "Selvbetjening")
    assert (section.kind, section.layout) == ("section", SECTION)
    assert group.title.paras[0].size == DIVIDER_SIZES[GROUP_TITLE][0]
    assert section.title.paras[0].size == DIVIDER_SIZES[SECTION][0]


def test_a_long_divider_shrinks_within_its_sizes():
    slide = divider("Ny rekvisisjonspraksis og regional koordinering " * 4, SECTION, GEOMETRY)
    size = slide.title.paras[0].size
    assert size in DIVIDER_SIZES[SECTION] and size < DIVIDER_SIZES[SECTION][0]
