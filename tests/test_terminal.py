"""The terminal renders the views the deck renders: the same formatted values, styled by state."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import date

import pytest

from deck_samples import SEED, invoke
from statusrapport.terminal import views as terminal
from statusrapport.data.loader import load
from statusrapport.report.rules import MilestoneState
from statusrapport.report.context import report_context
from statusrapport.report.view import LABELS, BulletView, MilestoneRow, Run, StatusView, report_view

PLAIN_ENV = {"FORCE_COLOR": None, "NO_COLOR": None, "TTY_COMPATIBLE": None,
             "TTY_INTERACTIVE": None, "TERM": "dumb"}


@pytest.fixture(scope="module")
def seed(seed_dir):
    loaded = load(seed_dir, "uke-33")
    return report_view(report_context(loaded.programme, loaded.week))


def show(*args: str, columns: int) -> str:
    result = invoke("show", "uke-33", *args, "-d", str(SEED),
                    env={**PLAIN_ENV, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def formatted_cells(status: StatusView) -> list[str]:
    """Every short formatted value of a status slide: these never wrap in the terminal."""
    cells = [status.name, status.leader, status.period, status.budget_total, status.costs_as_of]
    for row in status.milestones:
        cells += [row.id, *row.planned, row.delivered]
    if status.costs:
        cells += [status.costs.plan, status.costs.actual, status.costs.deviation,
                  status.costs.deviation_percent]
    return [c for c in cells if c]


def test_every_formatted_value_of_the_deck_appears_in_show(seed):
    output = show(columns=100)
    for initiative in seed.initiatives():
        for cell in formatted_cells(initiative.status):
            assert cell in output, cell
        for bullet in initiative.kpi.bullets if initiative.kpi else ():
            for child in bullet.children:
                assert child.text in output, child.text


def test_the_values_the_hand_made_deck_shows_are_there():
    output = show(columns=80)
    nbsp = "\u00a0"
    for value in ["30.11.19", "(05.04.21)", "01.09.21 → 21.09.21", "Jan 2022",
                  f"2{nbsp}900{nbsp}000", f"2{nbsp}597{nbsp}000", f"-303{nbsp}000",
                  "Uke 22 – 33", "Uke 23 – 33",
                  f"Totalbudsjett for tiltaket: 2,25{nbsp}MNOK inkl. mva.",
                  "Status økonomi er per utgangen av juli 2021.",
                  "Antall avbestilte reiser: 3167 (26.05.21: 1944)"]:
        assert value in output, value


def test_an_overdue_milestone_without_forecast_shows_na(run_cli, seed_dir, tmp_path):
    data = tmp_path / "initiatives"
    shutil.copytree(seed_dir, data)
    path = data / "ny-rekvisisjonspraksis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    forecast: 05.04.2021\n", ""),
                    encoding="utf-8")
    result = run_cli("show", "uke-33", "ny-rekvisisjonspraksis", "-d", str(data),
                     env={**PLAIN_ENV, "COLUMNS": "80"})
    line = next(line for line in result.stdout.splitlines() if "01.04.21" in line)
    assert line.split()[0] == "MP2" and line.endswith(" NA")


def test_every_text_of_the_deck_appears_in_show(seed):
    # Stacked at 119 columns: wrapped lines of one bullet follow each other.
    output = flat(show(columns=119))
    for initiative in seed.initiatives():
        status = initiative.status
        texts = [*status.budget_comments]
        for items in (status.done, status.planned, status.risks,
                      initiative.kpi.bullets if initiative.kpi else ()):
            for bullet in items:
                texts += [bullet.text, *(c.text for c in bullet.children)]
        for text in texts:
            assert flat(text) in output, text


def test_milestone_descriptions_appear_whole(seed):
    out = terminal.console(400, file=io.StringIO(), record=True)
    for initiative in seed.initiatives():
        out.print(terminal.milestone_table(initiative.status.milestones))
    text = out.export_text()
    for initiative in seed.initiatives():
        for row in initiative.status.milestones:
            assert row.description in text


def test_progress_lists_stack_below_120_columns_and_stand_side_by_side_above():
    def line_of(output: str, label: str) -> int:
        return next(n for n, line in enumerate(output.splitlines()) if label in line)

    narrow = show("selvbetjening-endre", columns=80)
    assert line_of(narrow, LABELS["done"]) < line_of(narrow, LABELS["risks"])
    wide = show("selvbetjening-endre", columns=130)
    assert line_of(wide, LABELS["done"]) == line_of(wide, LABELS["risks"])


def test_all_four_panels_and_the_kpis_in_slide_order(seed):
    output = show("selvbetjening-avbestille-bekrefte", columns=80)
    positions = [output.index(label) for label in (
        LABELS["info"], LABELS["milestones"], LABELS["economy"], LABELS["progress"],
        "Selvbetjening – status «avbestille» og «bekrefte»")]
    assert positions == sorted(positions)


def row(state: MilestoneState, planned=("15.10.20",), moved=False, delivered="29.10.20"):
    return MilestoneRow("MP4", "Oppstart", tuple(planned), delivered, state, moved)


@pytest.mark.parametrize("state", [MilestoneState.DELIVERED_LATE, MilestoneState.OVERDUE])
def test_late_and_overdue_are_red(state):
    assert terminal.delivered_cell(row(state)).style == terminal.ATTENTION


@pytest.mark.parametrize("state", [MilestoneState.DELIVERED, MilestoneState.PENDING,
                                   MilestoneState.CANCELLED])
def test_other_states_are_not(state):
    assert terminal.delivered_cell(row(state)).style == ""


def test_a_moved_date_shows_the_original_then_the_date_in_force_in_orange():
    cell = terminal.planned_cell(row(MilestoneState.PENDING, ("01.11.21", "Jan 2022"), True, ""))
    assert cell.plain == "01.11.21 → Jan 2022"
    in_force = [s for s in cell.spans if cell.plain[s.start:s.end] == "Jan 2022"]
    assert in_force and in_force[0].style == terminal.MOVED


def test_colours_reach_a_terminal():
    from rich.console import Console

    buffer = io.StringIO()
    out = Console(file=buffer, width=80, force_terminal=True, color_system="standard")
    out.print(terminal.milestone_table((row(MilestoneState.OVERDUE, delivered="NA"),)))
    assert "\x1b[1;31mNA" in buffer.getvalue()


def test_data_text_is_never_markup():
    out = terminal.console(80, file=io.StringIO(), record=True)
    out.print(terminal.bullet_list((BulletView((Run("[bold]fet[/bold] :smile: [link=x]"),)),)))
    assert "[bold]fet[/bold] :smile: [link=x]" in out.export_text()


def test_a_labelled_link_keeps_its_address_readable():
    text = terminal.runs_text((Run("Statistikk", "https://example.org/s"), Run(" her")))
    assert text.plain == "Statistikk <https://example.org/s> her"
    bare = terminal.runs_text((Run("https://example.org/s", "https://example.org/s"),))
    assert bare.plain == "https://example.org/s"


def test_pipes_get_no_trailing_padding():
    buffer = io.StringIO()
    out = terminal.console(60, file=buffer)
    out.print(terminal.bullet_list((BulletView((Run("kort"),)),)))
    out.file.flush()
    assert buffer.getvalue() == "• kort\n"


def test_only_keeps_one_initiative_and_its_group(seed):
    one = terminal.only(seed, "selvbetjening-endre")
    assert [g.name for g in one.groups] == ["Selvbetjening"]
    assert [i.status.initiative_id for i in one.initiatives()] == ["selvbetjening-endre"]
    assert terminal.only(seed, None) is seed


def test_json_uses_iso_dates_enum_values_and_week_keys(seed):
    data = json.loads(terminal.to_json(seed))
    assert data["date"] == "2021-08-18"
    assert data["week"] == {"key": "2021-uke-33", "year": 2021, "week": 33}
    assert terminal.jsonable(MilestoneState.DELIVERED_LATE) == "delivered late"
    assert terminal.jsonable({"d": date(2021, 8, 18), "t": (1, 2)}) == {"d": "2021-08-18",
                                                                       "t": [1, 2]}
