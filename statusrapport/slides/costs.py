"""The cost chart slide: plan and actual costs in each report as a native (editable) chart,
under it the latest report's deviation (after the status slide, where two reports or more
have figures)."""

from __future__ import annotations

from statusrapport.report import formatting as fmt
from statusrapport.report.portfolio import CostSeries, Portfolio
from statusrapport.slides.common import SIZE, Page, para, titled_slides
from statusrapport.slides.layout import (COSTS, GREY, Chart, Frame, Geometry, Rect, Region,
                                         SlidePlan, TextBox, emu)
from statusrapport.text.fit import line_height
from statusrapport.words import current

HEADING_GAP = 6.0


def cost_slides(portfolio: Portfolio | None, initiative: str,
                geometry: Geometry) -> list[SlidePlan]:
    series = portfolio.costs.get(initiative) if portfolio else None
    if series is None:
        return []
    page = cost_page(series, geometry.area(COSTS), geometry.font, geometry.theme_chart)
    return titled_slides(COSTS, COSTS, series.title, [page], geometry, initiative)


def cost_page(series: CostSeries, area: Rect, font: str, theme: bool = False) -> Page:
    """The chart (`theme`: in the template's colours) and the latest deviation under it."""
    note_h = line_height(SIZE, font) + 4
    chart_rect = Rect(area.x, area.y, area.w, area.h - emu(note_h + HEADING_GAP))
    chart = Chart(current().cost_chart, chart_rect, series.categories,
                  ((current().plan, series.plan), (current().actual, series.actual)), theme,
                  current().thousands)
    deviation = series.actual[-1] - series.plan[-1]
    note = " ".join(t for t in (
        series.as_of, current().last_deviation.format(
            amount=fmt.amount(deviation, signed=True),
            percent=fmt.percent(deviation, series.plan[-1]))) if t)
    box = Rect(area.x, area.bottom - emu(note_h), area.w, emu(note_h))
    text = TextBox("Merknad", box, Frame((para(note, colour=GREY),)), anchor="b")
    chart_text = " ".join([*series.categories, current().plan, current().actual])
    return Page((chart, text), (Region("chart", chart_rect, chart_text),
                                Region("note", box, note)))
