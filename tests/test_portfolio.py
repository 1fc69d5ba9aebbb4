"""The portfolio (issue 7): the overview's states, the cost chart's data as saved, --group,
and `show --overview`."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from pptx import Presentation

from deck_samples import copy_seed, slide_titled
from fuzz_inputs import at_the_bounds, dump, write_folder
from statusrapport.build import build
from statusrapport.slides.layout import Table, pt
from statusrapport.text.fit import para_height
from statusrapport.data.loader import load
from statusrapport.report.context import report_context
from statusrapport.report.portfolio import (CostLevel, Mark, Schedule, cost_state, overview,
                                     portfolio, timelines)


@pytest.fixture(scope="module")
def seed(seed_dir):
    loaded = load(seed_dir, "uke-33")
    return report_context(loaded.programme, loaded.week)


def test_seed_overview_states(seed):
    rows = {r.initiative_id: r for r in overview(seed).rows}
    endre = rows["selvbetjening-endre"]
    assert endre.schedule is Schedule.MOVED and endre.moved == ("MP4", "MP5")
    assert endre.schedule_text == "Flyttet: MP4, MP5"
    assert endre.cost.level is CostLevel.UNDER
    assert endre.cost.text == "-303\u00a0000 (-10,4\u00a0%)"
    ny = rows["ny-rekvisisjonspraksis"]
    assert ny.schedule is Schedule.OVERDUE and ny.overdue == ("MP2",)  # due 01.04.21
    avbestille = rows["selvbetjening-avbestille-bekrefte"]
    assert avbestille.schedule is Schedule.ON_TRACK  # all delivered (MP4 late, but done)
    assert avbestille.cost.level is CostLevel.NO_FIGURES


def test_overview_slide_shows_the_states(seed_deck):
    slide = slide_titled(Presentation(str(seed_deck.path)), "Oversikt – uke 33", layout="Status")
    table = next(s for s in slide.shapes if s.has_table).table
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Tiltak", "Gruppe", "Tiltaksleder", "Milepæler", "Økonomi", "Kommentar"]
    assert rows[2][3] == "Flyttet: MP4, MP5" and rows[3][3] == "Forfalt: MP2"


@pytest.mark.parametrize("plan, actual, tolerance, level", [
    (1000, 1050, 5, CostLevel.WITHIN), (1000, 1051, 5, CostLevel.OVER),
    (1000, 940, 5, CostLevel.UNDER), (1000, 1000, 0, CostLevel.WITHIN),
    (0, 10, 5, CostLevel.OVER), (None, None, 5, CostLevel.NO_FIGURES)])
def test_cost_state_beyond_the_tolerance(plan, actual, tolerance, level):
    assert cost_state(plan, actual, Decimal(tolerance)).level is level


def _with_costs(folder, tolerance=None, timeline=None):
    """The seed, with cost figures in both of «avbestille/bekrefte»'s reports and a comment."""
    copy_seed(folder)
    path = folder / "selvbetjening-avbestille-bekrefte.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    costs:\n      comments:", "    comment: Levert, i drift.\n"
                        "    costs:\n      plan: 2 000 000\n      actual: 2 150 000\n"
                        "      comments:", 1)
    assert yaml.safe_load(text)["reports"]["2021-uke-21"].get("costs") is None
    text = text.replace("  2021-uke-21:\n", "  2021-uke-21:\n    costs:\n      plan: 1 500 000\n"
                        "      actual: 1 400 000\n", 1)
    path.write_text(text, encoding="utf-8")
    programme = folder / "programme.yaml"
    extra = "".join(f"{k}: {v}\n" for k, v in (("cost_tolerance", tolerance),
                                                ("timeline", timeline)) if v is not None)
    programme.write_text(programme.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return folder


def test_cost_chart_series_read_back_from_the_saved_deck(tmp_path):
    result = build(_with_costs(tmp_path / "data"), "uke-33", tmp_path / "deck.pptx")
    prs = Presentation(str(result.path))
    charts = [(n, s) for n, slide in enumerate(prs.slides, 1) for s in slide.shapes
              if s.has_chart]
    assert len(charts) == 1  # only «avbestille/bekrefte» has two reports with figures
    number, frame = charts[0]
    kinds = [s.kind for s in result.plan.slides]
    assert kinds[number - 1] == "costs" and kinds[number - 2] == "status"
    chart = frame.chart
    assert list(chart.plots[0].categories) == ["Uke 21", "Uke 33"]
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert series == {"Plan/budsjett": [1_500_000, 2_000_000],
                      "Virkelig": [1_400_000, 2_150_000]}
    assert chart.part.chart_workbook.xlsx_part is not None  # the data stays editable
    again = build(tmp_path / "data", "uke-33", tmp_path / "again.pptx")
    assert again.path.read_bytes() == result.path.read_bytes()


def test_cost_chart_styled_and_its_workbook_dated_by_the_report(tmp_path):
    """The chart's XML is written from a template: it still reads back styled as python-pptx's
    calls styled it, and its workbook holds the data, dated by the report (not the build)."""
    import io
    import re
    import zipfile

    from pptx.enum.chart import XL_LEGEND_POSITION

    result = build(_with_costs(tmp_path / "data"), "uke-33", tmp_path / "deck.pptx")
    chart = next(s.chart for slide in Presentation(str(result.path)).slides
                 for s in slide.shapes if s.has_chart)
    assert chart.has_legend and chart.legend.position == XL_LEGEND_POSITION.BOTTOM
    assert not chart.legend.include_in_layout and chart.value_axis.has_major_gridlines
    assert chart.legend.font.size.pt == 12
    assert chart.category_axis.tick_labels.font.size.pt == 11
    series = chart.plots[0].series
    assert [str(s.format.line.color.rgb) for s in series] == ["7F7F7F", "4472C4"]
    assert [s.format.line.width.pt for s in series] == [2.25, 2.25]
    assert [s.smooth for s in series] == [False, False]
    blob = chart.part.chart_workbook.xlsx_part.blob
    with zipfile.ZipFile(io.BytesIO(blob)) as workbook:
        assert {i.date_time for i in workbook.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = workbook.read("docProps/core.xml").decode()
        sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    day = f"{result.view.date.isoformat()}T00:00:00Z"  # the deck's own created date
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)", core) == [day] * 2
    assert re.findall(r"<v>(\d{5,})</v>", sheet) == ["1500000", "1400000", "2000000", "2150000"]


def test_cost_chart_numbers_are_grouped_the_norwegian_way_in_any_locale(tmp_path):
    """The value axis and the series (which data labels follow) carry one format code with
    literal no-break spaces, never "#,##0", which draws the viewer's separators."""
    from statusrapport.writer.chart import number_format

    result = build(_with_costs(tmp_path / "data"), "uke-33", tmp_path / "deck.pptx")
    chart = next(s.chart for slide in Presentation(str(result.path)).slides
                 for s in slide.shapes if s.has_chart)
    code = number_format("\u00a0")
    labels = chart.value_axis.tick_labels
    assert labels.number_format == code and not labels.number_format_is_linked
    assert "," not in code and code.count("\\\u00a0") == 6
    codes = chart.part._element.xpath(".//c:ser//c:formatCode/text()")
    assert codes == [code] * 2  # each series
    english = (tmp_path / "data" / "programme.yaml")
    english.write_text(english.read_text(encoding="utf-8") + "language: en\n", encoding="utf-8")
    result = build(tmp_path / "data", "uke-33", tmp_path / "en.pptx")
    chart = next(s.chart for slide in Presentation(str(result.path)).slides
                 for s in slide.shapes if s.has_chart)
    assert chart.value_axis.tick_labels.number_format == number_format(",")
    assert "#\\,###\\,##0" in number_format(",")  # an escaped comma: a literal, not a code


@pytest.mark.libreoffice
def test_libreoffice_draws_the_cost_axis_with_grouped_thousands(tmp_path):
    from rendered_lines import render_lines

    result = build(_with_costs(tmp_path / "data"), "uke-33", tmp_path / "deck.pptx")
    number = [s.kind for s in result.plan.slides].index("costs")
    lines = [text.replace("\u00a0", " ") for _, text in
             render_lines(result.path, tmp_path)[number]]
    # The axis runs 0 – 2 500 000 in steps of 500 000 as LibreOffice scales it.
    for label in ("2 500 000", "2 000 000", "1 500 000", "500 000"):
        assert label in lines, lines
    assert not any("2000000" in line or "2,000,000" in line for line in lines)


def test_tolerance_and_comment_from_the_files(tmp_path):
    loaded = load(_with_costs(tmp_path / "data", tolerance=8), "uke-33")
    rows = {r.initiative_id: r for r in overview(report_context(loaded.programme, loaded.week)).rows}
    row = rows["selvbetjening-avbestille-bekrefte"]
    assert row.cost.level is CostLevel.WITHIN  # +7,5 % within 8 %
    assert row.comment == "Levert, i drift."


def test_timeline_per_initiative_follows_its_status_slide(tmp_path):
    result = build(_with_costs(tmp_path / "data", timeline="initiative"), "uke-33",
                   tmp_path / "deck.pptx")
    kinds = [s.kind for s in result.plan.slides]
    timeline_at = [i for i, kind in enumerate(kinds) if kind == "timeline"]
    assert len(timeline_at) == 3
    assert all(kinds[i - 1] == "status" for i in timeline_at)


def test_timeline_marks_of_the_seed(seed):
    group = timelines(seed)[0]
    endre = group.groups[1]
    marks = {lane.label.split()[0]: [p.mark for p in lane.points] for lane in endre.lanes}
    assert marks["MP4"] == [Mark.ORIGINAL, Mark.MOVED]
    assert marks["MP3"] == [Mark.PLANNED]
    assert marks["MP1"] == [Mark.ORIGINAL, Mark.LATE]


def test_build_one_group(run_cli, seed_dir, tmp_path):
    result = run_cli("build", "uke-33", "-d", str(seed_dir), "--group",
                     "Ny rekvisisjonspraksis", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    out = tmp_path / "pasientreiser-2021-uke-33-ny-rekvisisjonspraksis.pptx"
    texts = [s.shapes.title.text_frame.text for s in Presentation(str(out)).slides
             if s.shapes.title is not None]
    assert "Selvbetjening" not in texts and "Ny rekvisisjonspraksis" in texts
    wrong = run_cli("build", "uke-33", "-d", str(seed_dir), "--group", "Nei")
    assert wrong.exit_code == 1 and "no group 'Nei'" in wrong.stderr


def test_show_overview(run_cli, seed_dir):
    result = run_cli("show", "uke-33", "-d", str(seed_dir), "--overview",
                     env={"COLUMNS": "130"})
    assert result.exit_code == 0, result.output
    assert "Flyttet: MP4, MP5" in result.stdout and "Forfalt: MP2" in result.stdout
    assert "-2 000 000 (-57,1 %)" in result.stdout.replace("\u00a0", " ")


def test_an_overview_row_stays_short(run_cli, tmp_path):
    """30 moved milestones and a comment of two lines: the overview slide and `show --overview`
    list three ids and count the rest, the slide cuts the comment to one line; the data keeps
    every id."""
    files = at_the_bounds()
    grense = yaml.safe_load(files["grense.yaml"])
    grense["reports"]["2021-uke-33"]["comment"] = (
        "Forsinket leveranse.\nVenter på avklaring med leverandøren om ny dato for pilotering "
        "i alle helseforetakene.")
    files["grense.yaml"] = dump(grense)
    data = write_folder(tmp_path / "data", files)
    loaded = load(data, "uke-33")
    row = overview(report_context(loaded.programme, loaded.week)).rows[0]
    assert len(row.moved) == 30
    assert row.schedule_text == "Flyttet: MP00WWWWWWW, MP02WWWWWWW, MP04WWWWWWW +27"
    result = build(data, "uke-33", tmp_path / "deck.pptx")
    slide = slide_titled(Presentation(str(result.path)), "Oversikt – uke 33", layout="Status")
    cells = [c.text for c in next(s for s in slide.shapes if s.has_table).table.rows[1].cells]
    assert cells[3] == row.schedule_text
    comment = cells[5]
    assert comment.startswith("Forsinket leveranse. Venter") and comment.endswith("…")
    overview_plan, = (s for s in result.plan.slides if s.kind == "overview")
    table = next(s for s in overview_plan.shapes if isinstance(s, Table))
    para, = table.rows[1][5].paras
    assert para_height(para, pt(table.columns[5]) - 8.0, "Calibri", safe=False) == 12.0  # a line
    shown = run_cli("show", "uke-33", "-d", str(data), "--overview",
                    env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "MP04WWWWWWW +27" in shown.stdout


def test_portfolio_without_charts_for_the_seed(seed):
    assert portfolio(seed).costs == {}


def _office_deck(tmp_path, extra=""):
    from deck_samples import write_office

    return build(write_office(tmp_path / "data", extra), "uke-2", tmp_path / "deck.pptx")


def _region(slide, name):
    return next(r for r in slide.regions if r.name == name)


def test_only_a_cost_comment_shows_on_the_overview_when_the_programme_asks(tmp_path, seed):
    from deck_samples import write_office

    loaded = load(write_office(tmp_path / "plain"), "uke-2")
    rows = {r.initiative_id: r for r in overview(report_context(loaded.programme,
                                                                loaded.week)).rows}
    assert rows["empty"].cost.text == "–"  # the default, as the seed deck's overview has it
    loaded = load(write_office(tmp_path / "asked", "overview_cost_comment: true\n"), "uke-2")
    rows = {r.initiative_id: r for r in overview(report_context(loaded.programme,
                                                                loaded.week)).rows}
    assert rows["empty"].cost.text == "Innenfor rammen"
    assert rows["digital"].cost.text == "+815\u00a0500 (13,2\u00a0%)"  # figures still win
    seed_rows = {r.initiative_id: r for r in overview(seed).rows}
    assert seed_rows["selvbetjening-avbestille-bekrefte"].cost.text == "–"


def test_a_long_cost_comment_is_cut_on_the_overview(tmp_path):
    from deck_samples import write_office

    folder = write_office(tmp_path / "data", "overview_cost_comment: true\n")
    path = folder / "empty.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Innenfor rammen", "Innenfor rammen " * 30), encoding="utf-8")
    result = build(folder, "uke-2", tmp_path / "deck.pptx")
    text = _region(next(s for s in result.plan.slides if s.kind == "overview"), "overview").text
    assert "Innenfor rammen Innenfor" in text and "…" in text
    assert text.count("Innenfor rammen") < 30


def test_a_cancelled_milestone_has_its_mark_in_the_timeline_legend_in_the_offices_word(tmp_path):
    result = _office_deck(tmp_path / "plain")
    timeline = next(s for s in result.plan.slides if s.kind == "timeline")
    assert "Avlyst" in _region(timeline, "legend").text.split()
    own = _office_deck(tmp_path / "own", "cancelled_label: Utgår\n")
    timeline = next(s for s in own.plan.slides if s.kind == "timeline")
    legend = _region(timeline, "legend").text
    assert "Utgår" in legend.split() and "Avlyst" not in legend
    names = [s.name for s in timeline.shapes if getattr(s, "name", "").startswith("Forklaring")]
    assert "Forklaring Utgår" in names  # its mark and its label


def test_a_timeline_without_a_cancelled_milestone_keeps_its_legend(seed):
    assert not any(t.has_cancelled for t in timelines(seed))


def test_the_status_slide_explains_red_for_cost_and_shows_the_overrun_signed(tmp_path):
    result = _office_deck(tmp_path)
    status = next(s for s in result.plan.slides if s.kind == "status" and s.initiative == "digital")
    legend = _region(status, "legend").text
    assert "Rødt avvik: kostnadene så langt er over plan." in legend
    assert "+815\u00a0500 (13,2\u00a0%)" in _region(status, "economy").text


def test_nothing_under_progress_is_one_line_not_an_empty_table(tmp_path):
    from statusrapport.report.view import LABELS

    result = _office_deck(tmp_path, "no_progress_label: Ingen nye punkter denne gang\n")
    empty = next(s for s in result.plan.slides if s.kind == "status" and s.initiative == "empty")
    progress = _region(empty, "progress").text
    assert progress == f"{LABELS['progress']} Ingen nye punkter denne gang"
    assert LABELS["done"] not in progress  # no column headers
    tables = [s for s in empty.shapes if isinstance(s, Table) and s.name == LABELS["progress"]]
    assert len(tables) == 1 and len(tables[0].rows) == 1 and len(tables[0].rows[0]) == 1
    digital = next(s for s in result.plan.slides if s.kind == "status" and s.initiative == "digital")
    assert LABELS["done"] in _region(digital, "progress").text
