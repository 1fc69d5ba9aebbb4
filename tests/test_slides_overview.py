"""slides/overview.py: the overview slide from the portfolio, its table and its legend."""

from __future__ import annotations

from statusrapport.report.portfolio import portfolio
from statusrapport.slides.layout import OVERVIEW, Table, TextBox, default_geometry
from statusrapport.slides.overview import COLUMNS, overview_slides

GEOMETRY = default_geometry()


def test_no_overview_without_a_portfolio():
    assert overview_slides(None, GEOMETRY) == []


def test_the_seeds_overview_is_one_slide_with_a_row_per_initiative(seed_context):
    slide, = overview_slides(portfolio(seed_context), GEOMETRY)
    assert (slide.kind, slide.layout) == (OVERVIEW, OVERVIEW)
    assert slide.title_text == "Oversikt – uke 33"
    table = next(s for s in slide.shapes if isinstance(s, Table))
    assert len(table.columns) == len(COLUMNS) and sum(table.columns) == GEOMETRY.area(OVERVIEW).w
    assert [row[0].paras[0].text for row in table.rows] == [
        "Tiltak", "Selvbetjening – «avbestille/bekrefte»", "Selvbetjening – «endre»",
        "Ny rekvisisjonspraksis"]
    legend = next(s for s in slide.shapes if isinstance(s, TextBox))
    assert legend.rect == GEOMETRY.footer(OVERVIEW)
    assert [r.name for r in slide.regions] == ["title", "overview", "legend"]
