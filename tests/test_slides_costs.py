"""slides/costs.py: the cost chart slide, after the status slide of an initiative with figures."""

from __future__ import annotations

import dataclasses

from statusrapport.report.portfolio import CostSeries, portfolio
from statusrapport.slides.costs import cost_slides
from statusrapport.slides.layout import COSTS, Chart, TextBox, default_geometry

GEOMETRY = default_geometry()
SERIES = CostSeries("tiltak", "Tiltak – Kostnader", ("Uke 21", "Uke 33"), (1_500_000, 2_000_000),
                    (1_400_000, 2_150_000), "Status økonomi er per utgangen av juli 2021.")


def test_no_chart_without_two_reports_of_figures(seed_context):
    data = portfolio(seed_context)
    assert data.costs == {} and cost_slides(data, "selvbetjening-endre", GEOMETRY) == []
    assert cost_slides(None, "selvbetjening-endre", GEOMETRY) == []


def test_a_chart_of_plan_and_actual_and_the_latest_deviation(seed_context):
    data = dataclasses.replace(portfolio(seed_context), costs={"tiltak": SERIES})
    slide, = cost_slides(data, "tiltak", GEOMETRY)
    assert (slide.kind, slide.layout, slide.initiative) == (COSTS, COSTS, "tiltak")
    assert slide.title_text == "Tiltak – Kostnader"
    chart = next(s for s in slide.shapes if isinstance(s, Chart))
    assert chart.categories == ("Uke 21", "Uke 33")
    assert [values for _, values in chart.series] == [SERIES.plan, SERIES.actual]
    note = next(s for s in slide.shapes if isinstance(s, TextBox)).frame.paras[0].text
    assert note.startswith(SERIES.as_of) and "150\u00a0000" in note
    assert GEOMETRY.area(COSTS).contains(chart.rect)
