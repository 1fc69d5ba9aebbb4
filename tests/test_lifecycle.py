"""A programme over time: initiatives that join, change group and end, milestones added, moved
and cancelled from a report on, and every past deck rebuilt as it was from the current files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from statusrapport.cli import app
from statusrapport.data.loader import load
from statusrapport.data.weeks import IsoWeek
from statusrapport.report.context import report_context
from statusrapport.report.portfolio import overview, select_group

SEED = Path(__file__).resolve().parent.parent / "initiatives"
W33, W37, W39, W41 = IsoWeek(2021, 33), IsoWeek(2021, 37), IsoWeek(2021, 39), IsoWeek(2021, 41)
ENDRE = "selvbetjening-endre.yaml"
AVBESTILLE = "selvbetjening-avbestille-bekrefte.yaml"
NY = "ny-rekvisisjonspraksis.yaml"
NEW = "digital-rekvisisjon"


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def build(data: Path, week: str, out: Path) -> bytes:
    result = run("build", week, "--data", str(data), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def deck_text(path: Path) -> str:
    """Every text of the deck: its text boxes and its tables' cells."""
    texts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(texts)


def the_next_report(data: Path) -> None:
    """Uke 39, as an office writes it: a new initiative in a new group, «endre» moves to that
    group, «avbestille/bekrefte» finishes, a milestone of «ny rekvisisjonspraksis» is added,
    one cancelled and one of «endre» moved, each from this report on."""
    created = run("new", "initiative", NEW, "--group", "Digitalisering", "--leader",
                  "Kari Nordmann", "--name", "Digital rekvisisjon", "--data", str(data))
    assert created.exit_code == 0, created.output
    # programme.yaml lists «endre» under each group it has been in, in its place there.
    edit(data / "programme.yaml", f"      - {NEW}\n",
         f"      - {NEW}\n      - selvbetjening-endre\n")
    append(data / ENDRE, "\ngroup_changes:\n  - report: 2021-uke-39\n    group: Digitalisering\n")
    opened = run("new", "report", "uke-39", "--data", str(data))
    assert opened.exit_code == 0, opened.output
    append(data / AVBESTILLE, "\nfinished:\n  report: 2021-uke-39\n  date: 30.09.2021\n"
                              "  note: Overlevert til drift i linjen\n")
    edit(data / ENDRE, "        report: 2021-uke-37\n",
         "        report: 2021-uke-37\n      - date: Nov 2021\n        report: 2021-uke-39\n")
    edit(data / NY, "    planned: 10.12.2021\n\nbudget:", "    planned: 10.12.2021\n"
         "    cancelled: 2021-uke-39\n  - id: MP5\n    description: Høring\n"
         "    planned: 15.11.2021\n    added: 2021-uke-39\n\nbudget:")


@pytest.fixture
def data(tmp_path):
    """The seed copied outside git (a deck built in git records the data's commit too)."""
    folder = tmp_path / "initiatives"
    shutil.copytree(SEED, folder)
    return folder


def test_every_past_report_rebuilds_byte_identical_after_later_changes(data, tmp_path):
    before = {week: build(data, week, tmp_path / f"before-{week}.pptx")
              for week in ("uke-21", "uke-33", "uke-37")}
    the_next_report(data)
    assert run("validate", "--data", str(data)).exit_code == 0
    after = {week: build(data, week, tmp_path / f"after-{week}.pptx") for week in before}
    assert after == before
    # ... while the new report's deck has every change.
    text = deck_text(tmp_path / "new.pptx") if build(data, "uke-39", tmp_path / "new.pptx") \
        else ""
    assert "Digital rekvisisjon" in text and "Fullført 30.09.21" in text


def test_an_initiative_is_in_the_decks_from_its_first_report_to_its_last(data, tmp_path):
    the_next_report(data)
    programme = load(data).programme
    ids = {week: [i.initiative.id for i in report_context(programme, week).initiatives]
           for week in (IsoWeek(2021, 21), W33, W39)}
    assert ids[IsoWeek(2021, 21)] == ["selvbetjening-avbestille-bekrefte"]
    assert NEW not in ids[W33] and NEW in ids[W39]
    # Its last deck says it is finished, with the closing line as the comment.
    rows = {r.initiative_id: r for r in overview(report_context(programme, W39)).rows}
    finished = rows["selvbetjening-avbestille-bekrefte"]
    assert (finished.schedule_text, finished.comment) == ("Fullført 30.09.21",
                                                          "Overlevert til drift i linjen")
    assert rows["selvbetjening-endre"].schedule_text != "Fullført 30.09.21"
    # The next report leaves it out; its file and its place in programme.yaml stay.
    opened = run("new", "report", "uke-41", "--data", str(data))
    assert opened.exit_code == 0, opened.output
    assert AVBESTILLE not in opened.stdout and ENDRE in opened.stdout
    assert run("validate", "--data", str(data)).exit_code == 0
    text = deck_text(Path(tmp_path / "uke-41.pptx")) if build(
        data, "uke-41", tmp_path / "uke-41.pptx") else ""
    assert "avbestille" not in text and "«endre»" in text
    assert (data / AVBESTILLE).is_file()
    assert "selvbetjening-avbestille-bekrefte" in (data / "programme.yaml").read_text()
    assert W41 not in load(data).programme.initiatives[0].reports
    # Named, it is refused: it takes no report after its last.
    refused = run("new", "report", "uke-43", "selvbetjening-avbestille-bekrefte", "--data",
                  str(data))
    assert refused.exit_code == 1
    assert "finished with 2021-uke-39: it takes no later report" in refused.output


def test_groups_over_time_keep_the_earlier_group_in_earlier_decks(data):
    the_next_report(data)
    programme = load(data).programme
    then, now = report_context(programme, W37), report_context(programme, W39)
    assert then["selvbetjening-endre"].initiative.group == "Selvbetjening"
    assert now["selvbetjening-endre"].initiative.group == "Digitalisering"
    assert [i.initiative.id for i in then.in_group("Selvbetjening")] == [
        "selvbetjening-avbestille-bekrefte", "selvbetjening-endre"]
    # In uke 39 it is in its new group, in the place programme.yaml lists it there.
    assert [i.initiative.id for i in now.in_group("Digitalisering")] == [NEW, "selvbetjening-endre"]
    assert [i.initiative.id for i in now.in_group("Selvbetjening")] == [
        "selvbetjening-avbestille-bekrefte"]


def test_milestones_are_seen_as_each_report_saw_them(data):
    the_next_report(data)
    programme = load(data).programme

    def milestones(week, initiative_id):
        return {m.milestone.id: (m.milestone.current_plan, m.state.value)
                for m in report_context(programme, week)[initiative_id].milestones}

    endre33, endre37, endre39 = (milestones(w, "selvbetjening-endre") for w in (W33, W37, W39))
    assert str(endre33["MP4"][0]) == "2021-09-21"  # the move of uke 37 is not known yet
    assert endre33["MP3"][1] == "pending"  # nor the delivery of 10.09 (after 18.08)
    assert str(endre37["MP4"][0]) == "2021-10-05" and endre37["MP3"][1] == "delivered late"
    assert str(endre39["MP4"][0]) == "2021-11"
    ny37, ny39 = (milestones(w, "ny-rekvisisjonspraksis") for w in (W37, W39))
    assert "MP5" not in ny37 and ny37["MP4"][1] == "pending"
    assert "MP5" in ny39 and ny39["MP4"][1] == "cancelled"


def test_diff_compares_each_initiative_with_its_own_previous_report(data):
    the_next_report(data)
    result = CliRunner().invoke(app, ["diff", "--json", "--data", str(data)])
    assert result.exit_code == 0, result.output
    diff = json.loads(result.stdout)
    assert (diff["old"], diff["new"]) == ("2021-uke-37", "2021-uke-39")
    items = {i["initiative_id"]: i for i in diff["initiatives"]}
    assert items["selvbetjening-endre"]["group"] == "Selvbetjening → Digitalisering"
    assert items["selvbetjening-avbestille-bekrefte"]["ended"] == (
        "Fullført 30.09.21: Overlevert til drift i linjen")
    assert items[NEW]["note"] == "første rapport"

    def changes(initiative_id):
        return [(m["change"], m["id"], m["detail"]) for m in items[initiative_id]["milestones"]]

    assert changes("selvbetjening-endre") == [("flyttet", "MP4", "05.10.21 → Nov 2021")]
    assert changes("ny-rekvisisjonspraksis") == [("avlyst", "MP4", "planlagt 10.12.21"),
                                                 ("ny", "MP5", "planlagt 15.11.21")]
    # Each side is the initiative's own report, on its own day.
    assert items["selvbetjening-endre"]["old"] == "uke 37 (15.09.21)"
    # The text view says the same.
    text = CliRunner().invoke(app, ["diff", "--data", str(data)], env={"COLUMNS": "100"}).stdout
    assert "Gruppe: Selvbetjening → Digitalisering" in text
    assert "Fullført 30.09.21: Overlevert til drift i linjen" in text


def test_diff_between_two_reports_shows_a_move_without_git(data):
    # The seed's second report moved MP4 of «endre» from uke 37 on: plain diff sees it.
    result = CliRunner().invoke(app, ["diff", "uke-33", "uke-37", "--json", "--data", str(data)])
    items = {i["initiative_id"]: i for i in json.loads(result.stdout)["initiatives"]}
    assert [(m["change"], m["id"], m["detail"]) for m in items["selvbetjening-endre"]["milestones"]
            ] == [("levert", "MP3", "10.09.21 (planlagt 31.08.21)"),
                  ("flyttet", "MP4", "21.09.21 → 05.10.21")]


def errors(data: Path, week: str | None = None) -> list[str]:
    args = ["validate", *([week] if week else []), "--data", str(data)]
    result = run(*args)
    assert result.exit_code == 1, result.output
    return [line.replace(f"{data}/", "") for line in result.output.splitlines()
            if ": error: " in line]


def test_a_report_after_the_end_is_an_error_at_that_report(data):
    append(data / AVBESTILLE, "\nfinished:\n  report: 2021-uke-33\n  date: 20.08.2021\n")
    assert errors(data) == [
        f"{AVBESTILLE}:87:3: error: reports.2021-uke-37: a report after the initiative "
        "finished with 2021-uke-33; remove it or move finished.report"]


def test_an_end_that_names_no_report_and_both_ends_are_errors(data):
    append(data / AVBESTILLE, "\nfinished:\n  report: 2021-uke-40\n  date: 01.10.2021\n"
                              "stopped:\n  report: 2021-uke-37\n  date: 01.10.2021\n")
    found = errors(data)
    assert len(found) == 1 and found[0].startswith(f"{AVBESTILLE}:") and \
        "stopped: an initiative is either finished or stopped, not both" in found[0]
    text = (data / AVBESTILLE).read_text(encoding="utf-8")
    (data / AVBESTILLE).write_text(text[:text.index("stopped:")], encoding="utf-8")
    line = text[:text.index("  report: 2021-uke-40")].count("\n") + 1
    assert errors(data) == [
        f"{AVBESTILLE}:{line}:11: error: finished.report: 2021-uke-40 is not a report in this "
        "file (it has: 2021-uke-21, 2021-uke-33, 2021-uke-37); name its last report"]


def test_a_group_change_programme_yaml_does_not_list_is_an_error(data):
    append(data / ENDRE, "\ngroup_changes:\n  - report: 2021-uke-37\n    group: Digitalisering\n")
    line = (data / ENDRE).read_text(encoding="utf-8").count("\n")
    assert errors(data) == [
        f"{ENDRE}:{line}:12: error: group_changes[0].group: 'Digitalisering', but programme.yaml "
        "lists this initiative under 'Selvbetjening'"]
    # Listed under a group it never belonged to is an error in programme.yaml.
    append(data / "programme.yaml",
           "  - name: Annet\n    initiatives: [selvbetjening-endre]\n"
           "  - name: Digitalisering\n    initiatives: [selvbetjening-endre]\n")
    lines = (data / "programme.yaml").read_text(encoding="utf-8").splitlines()
    at = next(n for n, text in enumerate(lines, 1) if text == "  - name: Annet") + 1
    assert errors(data) == [
        f"programme.yaml:{at}:19: error: groups[2].initiatives[0]: 'selvbetjening-endre' is "
        "listed twice, and never in 'Annet' (see its group and group_changes)"]


def test_group_changes_in_order(data):
    append(data / ENDRE, "\ngroup_changes:\n  - report: 2021-uke-37\n    group: Selvbetjening\n")
    assert [e.split(": error: ")[1] for e in errors(data)] == [
        "group_changes[0].group: already in 'Selvbetjening' then; name the group it moves to"]


def test_a_cancellation_names_true_or_a_report(data):
    edit(data / NY, "    planned: 10.12.2021\n\nbudget:",
         "    planned: 10.12.2021\n    cancelled: snart\n\nbudget:")
    [found] = errors(data)
    assert found.startswith(f"{NY}:") and "milestones[4].cancelled: expected true, or the " \
        "report it was cancelled in (such as 2021-uke-37), got 'snart'" in found


def test_the_ending_is_said_in_the_programmes_language(data):
    the_next_report(data)
    edit(data / "programme.yaml", "programme: Pasientreiser\n",
         "programme: Pasientreiser\nlanguage: en\n")
    result = CliRunner().invoke(app, ["show", "uke-39", "--overview", "--data", str(data)],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Finished 30 Sep 2021" in result.stdout and "Fullført" not in result.stdout


def test_a_groups_deck_holds_the_initiatives_in_it_that_week(data, tmp_path):
    the_next_report(data)
    programme = load(data).programme
    digital = select_group(programme, "Digitalisering")
    assert [i.initiative.id for i in report_context(digital, W37).initiatives] == []
    assert [i.initiative.id for i in report_context(digital, W39).initiatives] == [
        NEW, "selvbetjening-endre"]
    selvbetjening = select_group(programme, "Selvbetjening")
    assert [i.initiative.id for i in report_context(selvbetjening, W39).initiatives] == [
        "selvbetjening-avbestille-bekrefte"]
