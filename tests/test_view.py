
import pytest

from deck_samples import write_office
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


# --- an office's own forms (issue 12): KPIs compared by week, an overrun, words of its own ---

def office(tmp_path, extra=""):
    loaded = load(write_office(tmp_path, extra), "uke-2")
    return loaded, report_view(report_context(loaded.programme, loaded.week))


def kpi_lines(view, initiative_id):
    return [c.text for b in by_id(view, initiative_id).kpi.bullets for c in b.children]


def test_kpis_compared_by_date_by_default_grouped_alike_and_percentages_in_points(tmp_path):
    _, view = office(tmp_path)
    assert kpi_lines(view, "digital") == [
        # the earlier figure has no date, only its week; 8911 is grouped like 12 480 beside it
        f"Digitale bestillinger: 12{S}480 (uke 45 2021: 8{S}911), mål 15{S}000",
        f"Andel digitalt: 41{S}% (12.11.21: 33{S}%, +8{S}pp)",
        "Fra rapport: 1000 (12.11.21: 950)",  # from the earlier report
    ]


def test_kpis_compared_by_the_report_week_when_the_programme_says_so(tmp_path):
    _, view = office(tmp_path, "kpi_comparison: week\n")
    assert kpi_lines(view, "digital") == [
        f"Digitale bestillinger: 12{S}480 (uke 45 2021: 8{S}911), mål 15{S}000",
        f"Andel digitalt: 41{S}% (uke 45 2021: 33{S}%, +8{S}pp)",  # the week of 12.11.21
        "Fra rapport: 1000 (uke 45 2021: 950)",
    ]


def test_an_overrun_is_signed_with_its_share_and_an_underrun_as_the_seed_shows_it(tmp_path, seed):
    _, view = office(tmp_path)
    costs = by_id(view, "digital").status.costs
    assert costs.over_plan and costs.deviation_cell == f"+815{S}500 (13,2{S}%)"
    endre = by_id(seed, "selvbetjening-endre").status.costs
    assert not endre.over_plan and endre.deviation_cell == f"-303{S}000"


def test_the_offices_words_for_cancelled_and_for_no_progress(tmp_path):
    _, view = office(tmp_path)
    assert by_id(view, "digital").status.milestones[1].delivered == "Avlyst"
    assert by_id(view, "empty").status.no_progress == "Ingen endringer rapportert"
    assert by_id(view, "digital").status.no_progress == ""  # it has done items
    _, own = office(tmp_path, "cancelled_label: utgår\nno_progress_label: Ingen nye punkter\n")
    assert by_id(own, "digital").status.milestones[1].delivered == "utgår"
    assert by_id(own, "empty").status.no_progress == "Ingen nye punkter"


def test_months_quarters_and_a_period_across_new_year_as_a_norwegian_reader_reads_them(tmp_path):
    _, view = office(tmp_path)
    status = by_id(view, "digital").status
    assert status.milestones[0].planned == ("1. kv. 2022",)
    assert status.period == "Uke 46 (2021) – 2 (2022)"
    assert by_id(view, "empty").status.period == "Uke 2"


def test_the_new_words_follow_the_programmes_language(tmp_path):
    from statusrapport.words import speaking

    loaded, _ = office(tmp_path, "language: en\nkpi_comparison: week\n")
    context = report_context(loaded.programme, loaded.week)
    with speaking(context.words):
        view = report_view(context)
    assert kpi_lines(view, "digital")[:2] == [
        "Digitale bestillinger: 12,480 (week 45 2021: 8,911), target 15,000",
        f"Andel digitalt: 41{S}% (week 45 2021: 33{S}%, +8{S}pp)"]
    status = by_id(view, "digital").status
    assert status.milestones[0].planned == ("Q1 2022",)
    assert status.milestones[1].delivered == "Cancelled"
    assert status.period == "Week 46 (2021) – 2 (2022)"
    assert by_id(view, "empty").status.no_progress == "No changes reported"
