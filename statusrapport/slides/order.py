"""The deck's order: which slides, in which order, planned from a ReportView.

    programme title ("Pasientreiser" / "Statusrapport uke 33 2021"), overview (continued)
    for each group of several: group title, timeline, then per initiative: agenda, status,
        cost chart (two reports or more with figures), KPI
    for a group of one: section divider, timeline, status, cost chart, KPI
    (with `timeline: initiative` in programme.yaml, each initiative's after its status)

Each slide kind has its planner (titles, overview, timeline, agenda, status, costs, kpi);
what they share is common.py.
"""

from __future__ import annotations

from dataclasses import replace

from statusrapport.report.portfolio import Portfolio
from statusrapport.report.view import InitiativeView, ReportView
from statusrapport.slides.agenda import agenda_slides
from statusrapport.slides.costs import cost_slides
from statusrapport.slides.kpi import kpi_slides
from statusrapport.slides.layout import GROUP_TITLE, SECTION, DeckPlan, Geometry, Region, SlidePlan
from statusrapport.slides.look import footer_regions
from statusrapport.slides.overview import overview_slides
from statusrapport.slides.status import status_slides
from statusrapport.slides.timeline import timeline_slides
from statusrapport.slides.titles import divider, programme_slide


def plan_deck(view: ReportView, geometry: Geometry,
              portfolio: Portfolio | None = None) -> DeckPlan:
    """The deck; with `portfolio`, also the overview after the title, a milestone timeline per
    group (after its divider) or per initiative, and cost charts after the status slides."""
    slides = [programme_slide(view, geometry)]
    slides += overview_slides(portfolio, geometry)
    for group in view.groups:
        if len(group.initiatives) > 1:
            slides.append(divider(group.name, GROUP_TITLE, geometry))
            slides += timeline_slides(portfolio, f"group:{group.name}", geometry)
            for agenda, initiative in zip(agenda_slides(group, geometry), group.initiatives):
                slides.append(agenda)
                slides += initiative_slides(initiative, geometry, portfolio)
        else:
            slides.append(divider(group.name, SECTION, geometry))
            slides += timeline_slides(portfolio, f"group:{group.name}", geometry)
            slides += initiative_slides(group.initiatives[0], geometry, portfolio)
    date = f"{view.date:%d.%m.%Y}"
    return DeckPlan(tuple(_numbered(slide, i + 1, geometry, date)
                          for i, slide in enumerate(slides)))


def initiative_slides(initiative: InitiativeView, geometry: Geometry,
                      portfolio: Portfolio | None = None) -> list[SlidePlan]:
    ident = initiative.status.initiative_id
    slides = status_slides(initiative.status, geometry)
    slides += timeline_slides(portfolio, f"initiative:{ident}", geometry)  # one per initiative
    slides += cost_slides(portfolio, ident, geometry)
    if initiative.kpi is not None:
        slides += kpi_slides(initiative.kpi, ident, geometry)
    return slides


def _numbered(slide: SlidePlan, number: int, geometry: Geometry, date: str) -> SlidePlan:
    """The slide with its number (none on the cover or a title-slide layout, as PowerPoint's
    "don't show on title slide"), and the layout's footer and date placeholders' text."""
    footers, regions = footer_regions(geometry, slide.layout, date)
    shown = None if slide.layout in geometry.unnumbered else number
    if shown is not None:
        regions += (Region("number", geometry.number_box(slide.layout), str(number)),)
    if shown is None and not footers:
        return slide
    return replace(slide, number=shown, regions=(*slide.regions, *regions), footers=footers)
