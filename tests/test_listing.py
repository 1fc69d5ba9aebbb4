"""report/listing.py: `list`'s rows, the reports in the data and each initiative's latest state."""

from __future__ import annotations

from statusrapport.data.loader import load
from statusrapport.data.model import Initiative, Programme, ProgrammeFile
from statusrapport.report.listing import initiative_row, overview


def test_the_seeds_reports_and_initiatives(seed_dir):
    listed = overview(load(seed_dir).programme)
    assert listed.programme == "Pasientreiser"
    assert [(r.key, r.week, r.year, r.date, r.initiatives) for r in listed.reports] == [
        ("2021-uke-21", 21, 2021, "26.05.21", 1), ("2021-uke-33", 33, 2021, "18.08.21", 3),
        ("2021-uke-37", 37, 2021, "15.09.21", 3)]
    rows = {r.id: r for r in listed.initiatives}
    assert [r.id for r in listed.initiatives] == [
        "selvbetjening-avbestille-bekrefte", "selvbetjening-endre", "ny-rekvisisjonspraksis"]
    assert rows["selvbetjening-endre"].latest == "2021-uke-37"
    assert (rows["selvbetjening-endre"].overdue, rows["selvbetjening-endre"].moved) == (0, 2)
    # MP2 was overdue in uke 33 and delivered (27.08) by uke 37.
    assert (rows["ny-rekvisisjonspraksis"].overdue, rows["ny-rekvisisjonspraksis"].moved) == (0, 0)


def test_an_initiative_without_a_report_counts_its_moves_only():
    item = Initiative.model_validate({
        "name": "Ny", "group": "G", "leader": "L",
        "milestones": [{"id": "MP1", "description": "x", "planned": "01.01.2021",
                        "revised": ["01.02.2021"]}]}).model_copy(update={"id": "ny"})
    row = initiative_row(item, None)
    assert (row.latest, row.overdue, row.moved) == ("", None, 1)
    settings = ProgrammeFile.model_validate({"programme": "P", "groups": [
        {"name": "G", "initiatives": ["ny"]}]})
    listed = overview(Programme("P", settings.groups, [item], settings.cost_tolerance))
    assert listed.reports == () and listed.initiatives == (row,)
