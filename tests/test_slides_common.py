"""slides/common.py: the one loop from pages to titled, continued slides, and what it uses."""

from __future__ import annotations

from statusrapport.report.view import BulletView, Run
from statusrapport.slides.common import (BODY_INSETS, TITLE_SIZES, Page, bullet_paras, continued,
                                         inner, title_frame, titled_slides)
from statusrapport.slides.layout import (AGENDA, STATUS, Frame, Para, Rect, Region, Span,
                                         default_geometry)
from statusrapport.text.fit import para_height

GEOMETRY = default_geometry()


def _page(text: str) -> Page:
    return Page((), (Region("body-of-page", GEOMETRY.status_area, text),))


def test_pages_become_slides_titled_and_continued():
    slides = titled_slides("status", STATUS, "Gruppe – Statusrapport",
                           [_page("en"), _page("to"), _page("tre")], GEOMETRY, "tiltak")
    assert [s.title_text for s in slides] == ["Gruppe – Statusrapport",
                                              "Gruppe – Statusrapport (forts.)",
                                              "Gruppe – Statusrapport (forts.)"]
    assert [s.continued for s in slides] == [False, True, True]
    assert {(s.kind, s.layout, s.initiative) for s in slides} == {("status", STATUS, "tiltak")}
    first = slides[0]
    assert [r.name for r in first.regions] == ["title", "body-of-page"]
    assert first.regions[0].rect == GEOMETRY.titles[STATUS]
    assert first.regions[0].text == "Gruppe – Statusrapport" and first.body is None


def test_a_frame_page_is_the_layouts_body_and_first_counts_the_pages_before():
    body = Frame((Para((Span("Punkt"),), 20.0),), BODY_INSETS)
    slide, = titled_slides("agenda", AGENDA, "Agenda", [body], GEOMETRY, "x", first=2)
    assert slide.body == body and slide.continued and slide.title_text == "Agenda (forts.)"
    assert [(r.name, r.rect, r.text) for r in slide.regions] == [
        ("title", GEOMETRY.titles[AGENDA], "Agenda (forts.)"),
        ("body", GEOMETRY.bodies[AGENDA], "Punkt")]


def test_continued_only_from_the_second_page():
    assert continued("Tittel", 0) == "Tittel"
    assert continued("Tittel", 1) == continued("Tittel", 5) == "Tittel (forts.)"


def test_inner_takes_the_insets_off():
    assert inner(Rect(0, 0, 127000, 254000), (1.0, 2.0, 3.0, 4.0)) == (6.0, 14.0)


def test_a_title_shrinks_then_is_cut_to_its_box():
    box = GEOMETRY.titles[STATUS]
    short = title_frame("Kort", box, GEOMETRY)
    assert short.paras[0].size == TITLE_SIZES[0]
    long = title_frame("Veldig lang tittel " * 40, box, GEOMETRY)
    para = long.paras[0]
    assert para.size == TITLE_SIZES[-1] and para.text.endswith("…")
    width, height = inner(box, long.insets)
    assert para_height(para, width, GEOMETRY.heading_font) <= height


def test_bullet_lists_have_two_levels_and_links():
    item = BulletView((Run("Se "), Run("lenken", "https://example.org")),
                      (BulletView((Run("under"),)),))
    top, child = bullet_paras((item,), 10.0)
    assert (top.level, top.bullet, child.level, child.bullet) == (0, "•", 1, "–")
    assert [s.url for s in top.spans] == [None, "https://example.org"]
    assert child.margin > top.margin
