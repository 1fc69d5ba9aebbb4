"""The KPI slide: the report's highlights as a bullet list, shrunk within limits, then continued."""

from __future__ import annotations

from statusrapport.report.view import BulletView, KpiView
from statusrapport.slides.common import (BODY_INSETS, LIST_HANGS, LIST_MARGINS, bullet_spans,
                                         inner, titled_slides)
from statusrapport.slides.layout import KPI, Frame, Geometry, Para, SlidePlan
from statusrapport.text.fit import fit_size, paginate

KPI_SIZES = (20.0, 18.0, 16.0, 14.0, 12.0)


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
    width, height = inner(box, BODY_INSETS)
    size, fits = fit_size(lambda s: kpi_paras(kpi.bullets, s), width, height, geometry.font,
                          KPI_SIZES)
    paras = kpi_paras(kpi.bullets, size)
    pages = [paras] if fits else paginate(paras, width, [height], geometry.font)
    return titled_slides("kpi", KPI, kpi.title, [Frame(tuple(page), BODY_INSETS) for page in pages],
                         geometry, initiative)
