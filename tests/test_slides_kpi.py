"""slides/kpi.py: the KPI slide's bullet list, shrunk within its sizes, then continued."""

from __future__ import annotations

from statusrapport.report.view import BulletView, KpiView, Run
from statusrapport.slides.kpi import KPI_SIZES, kpi_paras, kpi_slides
from statusrapport.slides.layout import KPI, default_geometry

GEOMETRY = default_geometry()


def _bullet(text: str, *children: str) -> BulletView:
    return BulletView((Run(text),), tuple(BulletView((Run(c),)) for c in children))


def test_two_levels_of_bullets():
    top, child = kpi_paras((_bullet("Tall per 18.8:", "Avbestilte reiser: 3167"),), 20.0)
    assert (top.level, top.bullet, top.text) == (0, "•", "Tall per 18.8:")
    assert (child.level, child.bullet, child.size) == (1, "–", 20.0)


def test_a_short_list_is_one_slide_at_the_largest_size():
    slide, = kpi_slides(KpiView("Tiltak – status", (_bullet("Kort."),)), "tiltak", GEOMETRY)
    assert (slide.kind, slide.layout, slide.initiative) == ("kpi", KPI, "tiltak")
    assert slide.title_text == "Tiltak – status" and not slide.continued
    assert slide.body.paras[0].size == KPI_SIZES[0]


def test_a_long_list_continues_at_the_smallest_size_keeping_every_bullet():
    bullets = tuple(_bullet(f"Punkt {i}: " + "gevinstrealisering og oppfølging " * 6)
                    for i in range(40))
    slides = kpi_slides(KpiView("Tiltak – status", bullets), "tiltak", GEOMETRY)
    assert len(slides) > 1 and all(s.continued for s in slides[1:])
    assert {s.body.paras[0].size for s in slides} == {KPI_SIZES[-1]}
    assert [p.text for s in slides for p in s.body.paras] == [b.text for b in bullets]
