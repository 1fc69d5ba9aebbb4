"""slides/order.py: the deck's order of slide kinds, and its slide numbers."""

from __future__ import annotations

from statusrapport.report.portfolio import portfolio
from statusrapport.report.view import report_view
from statusrapport.slides.layout import default_geometry
from statusrapport.slides.order import initiative_slides, plan_deck

GEOMETRY = default_geometry()
SEED_ORDER = ["programme", "overview", "group", "timeline", "agenda", "status", "kpi", "agenda",
              "status", "section", "timeline", "status"]


def test_the_seeds_order(seed_context):
    plan = plan_deck(report_view(seed_context), GEOMETRY, portfolio(seed_context))
    assert [s.kind for s in plan.slides] == SEED_ORDER
    numbers = [s.number for s in plan.slides]
    assert numbers[0] is None and numbers[2] is None  # the title slides show none
    assert [n for n in numbers if n is not None] == [
        i + 1 for i, s in enumerate(plan.slides) if s.kind not in ("programme", "group")]
    assert plan.slides[-1].regions[-1].name == "number"


def test_without_a_portfolio_only_the_initiatives_own_slides(seed_context):
    plan = plan_deck(report_view(seed_context), GEOMETRY)
    assert [s.kind for s in plan.slides] == [
        k for k in SEED_ORDER if k not in ("overview", "timeline")]


def test_an_initiatives_slides_status_first_then_its_kpi(seed_context):
    view = report_view(seed_context)
    first = view.groups[0].initiatives[0]
    slides = initiative_slides(first, GEOMETRY, portfolio(seed_context))
    assert [s.kind for s in slides] == ["status", "kpi"]
    assert {s.initiative for s in slides} == {first.status.initiative_id}
