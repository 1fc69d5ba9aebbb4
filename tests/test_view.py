
import pytest

from statusrapport.data.loader import load
from statusrapport.report.rules import MilestoneState
from statusrapport.report.context import report_context
from statusrapport.report.view import Run, report_view, runs

S = "\u00a0"


@pytest.fixture(scope="module")
def seed(seed_dir):
    loaded = load(seed_dir, "uke-33")
    return report_view(report_context(loaded.programme, loaded.week))


def by_id(seed, initiative_id):
    return next(i for i in seed.initiatives() if i.status.initiative_id == initiative_id)


def test_groups_and_initiatives_keep_the_programme_order(seed):
    assert [g.name for g in seed.groups] == ["Selvbetjening", "Ny rekvisisjonspraksis"]
    assert [i.status.initiative_id for i in seed.initiatives()] == [
        "selvbetjening-avbestille-bekrefte", "selvbetjening-endre", "ny-rekvisisjonspraksis"]


def test_endre_moved_dates_keep_the_original_first(seed):
    rows = {m.id: m for m in by_id(seed, "selvbetjening-endre").status.milestones}
    assert rows["MP4"].planned == ("01.09.21", "21.09.21") and rows["MP4"].moved
    assert rows["MP5"].planned == ("01.11.21", "Jan 2022") and rows["MP5"].moved
    assert rows["MP3"].delivered == "" and rows["MP3"].state is MilestoneState.PENDING


def test_costs_deviation_is_computed(seed):
    status = by_id(seed, "selvbetjening-endre").status
    assert (status.costs.plan, status.costs.actual, status.costs.deviation) == (
        f"2{S}900{S}000", f"2{S}597{S}000", f"-303{S}000")
    assert status.costs_as_of == "Status økonomi er per utgangen av juli 2021."
    rekvisisjon = by_id(seed, "ny-rekvisisjonspraksis").status
    assert rekvisisjon.costs.deviation == f"-2{S}000{S}000"  # the hand-made deck left it blank


def test_forecast_and_late_delivery(seed):
    rows = by_id(seed, "ny-rekvisisjonspraksis").status.milestones
    assert rows[2].delivered == "(05.04.21)" and rows[2].state is MilestoneState.OVERDUE
    late = by_id(seed, "selvbetjening-avbestille-bekrefte").status.milestones[3]
    assert late.delivered == "29.10.20" and late.state is MilestoneState.DELIVERED_LATE


def test_kpi_figures_carry_the_previous_reports_value(seed):
    kpi = by_id(seed, "selvbetjening-avbestille-bekrefte").kpi
    status_bullet = next(b for b in kpi.bullets if b.text == "Status den 18.8:")
    assert [c.text for c in status_bullet.children] == [
        "Antall avbestilte reiser: 3167 (26.05.21: 1944)",
        "Antall bekreftede reiser: 5774 (26.05.21: 3229)",
    ]
    assert by_id(seed, "selvbetjening-endre").kpi is None


def test_period_is_normalised(seed):
    assert by_id(seed, "ny-rekvisisjonspraksis").status.period == "Uke 23 – 33"


@pytest.mark.parametrize("text, expected", [
    ("plain", (Run("plain"),)),
    ("se https://a.no/x.", (Run("se "), Run("https://a.no/x", "https://a.no/x"), Run("."))),
    ("[Statistikk](https://a.no/s) her", (Run("Statistikk", "https://a.no/s"), Run(" her"))),
    ("(https://a.no)", (Run("("), Run("https://a.no", "https://a.no"), Run(")"))),
])
def test_links_become_runs(text, expected):
    assert runs(text) == expected
