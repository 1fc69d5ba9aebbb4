"""Which slides, in which order, with what on them: the whole deck planned from a ReportView.

    programme title ("Pasientreiser" / "Statusrapport uke 33 2021"), overview (continued)
    for each group of several: group title, timeline, then per initiative: agenda, status,
        cost chart (two reports or more with figures), KPI
    for a group of one: section divider, timeline, status, cost chart, KPI
    (with `timeline: initiative` in programme.yaml, each initiative's after its status)

Every text is measured (statusrapport.text.fit): a title shrinks to fit its box, an agenda
or KPI list shrinks within its limits and then continues on a "(forts.)" slide.
"""

from __future__ import annotations

from statusrapport.slides.layout import (ACCENT, AGENDA, COSTS, COVER, GREY, GROUP_TITLE, KPI,
                                         OVERVIEW, SECTION, STATUS, TIMELINE, DeckPlan, Frame,
                                         Geometry, Para, Rect, Region, SlidePlan, Span, pt)
from statusrapport.slides.status import bullet_spans, status_pages
from statusrapport.text.fit import HEIGHT_SLACK, cut_to_fit, fit_size, paginate, paras_height
from statusrapport.report.portfolio import Portfolio
from statusrapport.slides.portfolio import cost_page, overview_pages, timeline_pages
from statusrapport.report.view import BulletView, GroupView, InitiativeView, KpiView, ReportView
from statusrapport import words

TITLE_SIZES = (28.0, 26.0, 24.0, 22.0, 20.0, 18.0, 16.0)
TITLE_INSETS = (0.0, 3.6, 0.0, 3.6)
DIVIDER_SIZES = {GROUP_TITLE: (44.0, 40.0, 36.0, 32.0, 28.0, 24.0, 20.0),
                 SECTION: (40.0, 36.0, 32.0, 28.0, 24.0, 20.0)}
DIVIDER_SIZES[COVER] = DIVIDER_SIZES[GROUP_TITLE]
DIVIDER_INSETS = {GROUP_TITLE: (0.0, 3.6, 0.0, 3.6), SECTION: (7.2, 3.6, 7.2, 3.6)}
DIVIDER_INSETS[COVER] = DIVIDER_INSETS[GROUP_TITLE]
SUBTITLE_SHARE = 0.55  # the programme slide's second line, relative to its name
AGENDA_SIZES = (24.0, 22.0, 20.0, 18.0, 16.0, 14.0)
KPI_SIZES = (20.0, 18.0, 16.0, 14.0, 12.0)
BODY_INSETS = (0.0, 3.6, 0.0, 3.6)
LIST_MARGINS = (22.5, 49.5)  # text margin of level 0 and 1 in the Agenda and KPI bodies
LIST_HANGS = (22.5, 18.0)


def plan_deck(view: ReportView, geometry: Geometry,
              portfolio: Portfolio | None = None) -> DeckPlan:
    """The deck; with `portfolio`, also the overview after the title, a milestone timeline per
    group (after its divider) or per initiative, and cost charts after the status slides."""
    slides = [programme_slide(view, geometry)]
    extra = _Portfolio(portfolio, geometry)
    slides += extra.overview()
    for group in view.groups:
        if len(group.initiatives) > 1:
            slides.append(divider(group.name, GROUP_TITLE, geometry))
            slides += extra.timeline(f"group:{group.name}")
            agendas = agenda_slides(group, geometry)
            for agenda, initiative in zip(agendas, group.initiatives):
                slides.append(agenda)
                slides += initiative_slides(initiative, geometry, extra)
        else:
            slides.append(divider(group.name, SECTION, geometry))
            slides += extra.timeline(f"group:{group.name}")
            slides += initiative_slides(group.initiatives[0], geometry, extra)
    return DeckPlan(tuple(_numbered(slide, i + 1, geometry) for i, slide in enumerate(slides)))


class _Portfolio:
    """The portfolio's slides, each where plan_deck asks for it (none without a portfolio)."""

    def __init__(self, portfolio: Portfolio | None, geometry: Geometry):
        self.data, self.geometry = portfolio, geometry

    def _slides(self, kind: str, title: str, pages, initiative: str | None = None):
        out = []  # each kind of portfolio slide is a role of its own: OVERVIEW, TIMELINE, COSTS
        for i, page in enumerate(pages):
            frame = title_frame(_continued(title, i), self.geometry.titles[kind], self.geometry)
            out.append(SlidePlan(kind, kind, frame, shapes=page.shapes,
                                 regions=(_title_region(frame, self.geometry, kind),
                                          *page.regions),
                                 initiative=initiative, continued=i > 0))
        return out

    def overview(self) -> list[SlidePlan]:
        if self.data is None or not self.data.overview.rows:
            return []
        pages = overview_pages(self.data.overview, self.geometry.area(OVERVIEW),
                               self.geometry.footer(OVERVIEW), self.geometry.font)
        title = words.current().overview_title.format(overview=words.current().overview,
                                                week=self.data.overview.week.week)
        return self._slides(OVERVIEW, title, pages)

    def timeline(self, key: str) -> list[SlidePlan]:
        out = []
        for timeline in self.data.timelines if self.data else ():
            if timeline.key == key:
                pages = timeline_pages(timeline, self.geometry.area(TIMELINE),
                                       self.geometry.footer(TIMELINE), self.geometry.font)
                out += self._slides(TIMELINE, timeline.title, pages)
        return out

    def costs(self, initiative: str) -> list[SlidePlan]:
        series = self.data.costs.get(initiative) if self.data else None
        if series is None:
            return []
        page = cost_page(series, self.geometry.area(COSTS), self.geometry.font)
        return self._slides(COSTS, series.title, [page], initiative)


def initiative_slides(initiative: InitiativeView, geometry: Geometry,
                      extra: _Portfolio | None = None) -> list[SlidePlan]:
    status = initiative.status
    pages = status_pages(status, geometry.status_area, geometry.footer(STATUS), geometry.font,
                         geometry.heading_font)
    slides = []
    for i, page in enumerate(pages):
        title = title_frame(_continued(status.title, i), geometry.titles[STATUS], geometry)
        slides.append(SlidePlan("status", STATUS, title, shapes=page.shapes,
                                regions=(_title_region(title, geometry, STATUS), *page.regions),
                                initiative=status.initiative_id, continued=i > 0))
    if extra is not None:
        slides += extra.timeline(f"initiative:{status.initiative_id}")  # a timeline per initiative
        slides += extra.costs(status.initiative_id)
    if initiative.kpi is not None:
        slides += kpi_slides(initiative.kpi, status.initiative_id, geometry)
    return slides


def _continued(title: str, page: int) -> str:
    return f"{title} {words.current().continued}" if page else title


# --- titles ----------------------------------------------------------------------------------

def title_frame(text: str, box: Rect, geometry: Geometry, sizes=TITLE_SIZES,
                insets=TITLE_INSETS, line_spacing: float = 0.9) -> Frame:
    width, height = _inner(box, insets)

    def at(size: float, shown: str = text) -> list[Para]:
        return [Para((Span(shown, bold=True),), size, line_spacing=line_spacing)]

    size, fits = fit_size(at, width, height, geometry.heading_font, sizes)
    if not fits:  # too long at the smallest size: cut it, rather than let it leave its box
        room = height * (1 - HEIGHT_SLACK)
        text = cut_to_fit(text, lambda shown: paras_height(
            at(size, shown), width, geometry.heading_font) <= room)
    return Frame(tuple(at(size, text)), insets)


def divider(name: str, layout: str, geometry: Geometry) -> SlidePlan:
    frame = title_frame(name, geometry.titles[layout], geometry, DIVIDER_SIZES[layout],
                        DIVIDER_INSETS[layout])
    kind = "group" if layout == GROUP_TITLE else "section"
    return SlidePlan(kind, layout, frame, regions=(_title_region(frame, geometry, layout),))


def programme_slide(view: ReportView, geometry: Geometry) -> SlidePlan:
    box, insets = geometry.titles[COVER], DIVIDER_INSETS[COVER]
    subtitle = words.current().deck_subtitle.format(week=view.week.week, year=view.week.year)
    width, height = _inner(box, insets)

    def at(size: float) -> list[Para]:
        small = round(size * SUBTITLE_SHARE)
        return [Para((Span(view.programme, bold=True),), size, line_spacing=0.9),
                Para((Span(subtitle),), small, space_before=small * 0.4, line_spacing=0.9)]

    size, _ = fit_size(at, width, height, geometry.heading_font, DIVIDER_SIZES[COVER])
    frame = Frame(tuple(at(size)), insets)
    return SlidePlan("programme", COVER, frame, regions=(_title_region(frame, geometry, COVER),))


# --- agenda and KPI --------------------------------------------------------------------------

def agenda_slides(group: GroupView, geometry: Geometry) -> list[SlidePlan]:
    """One agenda per initiative of the group, the current one standing out. A list too long
    for the slide at the smallest size shows the part with the current item, "(forts.)"."""
    box = geometry.bodies[AGENDA]
    width, height = _inner(box, BODY_INSETS)
    names = [i.status.name for i in group.initiatives]

    def at(size: float, current: int = -1) -> list[Para]:
        return [Para((Span(name, bold=i == current, colour=ACCENT if i == current else GREY),),
                     size, 0, "•", LIST_MARGINS[0], round(size * 0.5, 1), hang=LIST_HANGS[0])
                for i, name in enumerate(names)]

    size, fits = fit_size(lambda s: at(s, 0), width, height, geometry.font, AGENDA_SIZES)
    slides = []
    for current, initiative in enumerate(group.initiatives):
        pages = [at(size, current)] if fits else paginate(at(size, current), width, [height],
                                                          geometry.font)
        page = next(i for i, paras in enumerate(pages) if any(p.bold for p in paras))
        title = title_frame(_continued(words.current().agenda, page), geometry.titles[AGENDA],
                            geometry)
        body = Frame(tuple(pages[page]), BODY_INSETS)
        slides.append(SlidePlan("agenda", AGENDA, title, body,
                                regions=_body_regions(title, body, geometry, AGENDA),
                                initiative=initiative.status.initiative_id, continued=page > 0))
    return slides


def kpi_paras(bullets: tuple[BulletView, ...], size: float) -> list[Para]:
    out = []
    for bullet in bullets:
        out.append(Para(bullet_spans(bullet), size, 0, "•", LIST_MARGINS[0],
                        round(size * 0.5, 1), hang=LIST_HANGS[0]))
        out += [Para(bullet_spans(child), size, 1, "–", LIST_MARGINS[1],
                     round(size * 0.25, 1), hang=LIST_HANGS[1]) for child in bullet.children]
    return out


def kpi_slides(kpi: KpiView, initiative: str, geometry: Geometry) -> list[SlidePlan]:
    box = geometry.bodies[KPI]
    width, height = _inner(box, BODY_INSETS)
    size, fits = fit_size(lambda s: kpi_paras(kpi.bullets, s), width, height, geometry.font,
                          KPI_SIZES)
    paras = kpi_paras(kpi.bullets, size)
    pages = [paras] if fits else paginate(paras, width, [height], geometry.font)
    slides = []
    for i, page in enumerate(pages):
        title = title_frame(_continued(kpi.title, i), geometry.titles[KPI], geometry)
        body = Frame(tuple(page), BODY_INSETS)
        slides.append(SlidePlan("kpi", KPI, title, body,
                                regions=_body_regions(title, body, geometry, KPI),
                                initiative=initiative, continued=i > 0))
    return slides


# --- numbers and regions ---------------------------------------------------------------------

def _numbered(slide: SlidePlan, number: int, geometry: Geometry) -> SlidePlan:
    if slide.kind in ("programme", "group"):
        return slide
    region = Region("number", geometry.number_box(slide.layout), str(number))
    return SlidePlan(slide.kind, slide.layout, slide.title, slide.body, slide.shapes, number,
                     (*slide.regions, region), slide.initiative, slide.continued)


def _inner(box: Rect, insets: tuple[float, float, float, float]) -> tuple[float, float]:
    return pt(box.w) - insets[0] - insets[2], pt(box.h) - insets[1] - insets[3]


def _title_region(title: Frame, geometry: Geometry, layout: str) -> Region:
    return Region("title", geometry.titles[layout], " ".join(p.text for p in title.paras))


def _body_regions(title: Frame, body: Frame, geometry: Geometry,
                  layout: str) -> tuple[Region, ...]:
    return (_title_region(title, geometry, layout),
            Region("body", geometry.bodies[layout], " ".join(p.text for p in body.paras)))
