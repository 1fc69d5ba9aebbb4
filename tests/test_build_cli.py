"""`statusrapport build` and `statusrapport template check`: outputs, templates and clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from deck_samples import TEMPLATE
from statusrapport.writer.template import geometry, open_template
from statusrapport.build import slug


def test_default_output_under_build(run_cli, seed_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("build", "uke-33", "--data", str(seed_dir))
    assert result.exit_code == 0, result.output
    out = tmp_path / "build" / "pasientreiser-2021-uke-33.pptx"
    assert out.is_file()
    assert result.stdout.strip() == str(Path("build") / out.name)
    assert "12 slides." in result.stderr  # 9, and the overview and two timelines


def test_output_option_and_year_qualified_week(run_cli, seed_dir, tmp_path):
    out = tmp_path / "decks" / "uke33.pptx"
    result = run_cli("build", "2021-uke-33", "--data", str(seed_dir), "--output", str(out))
    assert result.exit_code == 0, result.output
    assert len(Presentation(str(out)).slides) == 12


def test_the_commands_deck_is_the_builds(run_cli, seed_dir, seed_deck, tmp_path):
    out = tmp_path / "seed.pptx"
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == seed_deck.path.read_bytes()


def test_unknown_week_lists_the_weeks(run_cli, seed_dir, tmp_path):
    result = run_cli("build", "uke-34", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"))
    assert result.exit_code == 1
    assert "there is no report for uke-34" in result.stderr
    assert "2021-uke-21, 2021-uke-33" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.pptx").exists()


def test_missing_report_for_an_initiative_is_an_error(run_cli, seed_dir, tmp_path):
    # uke 21 is before the first report of «endre» and «ny rekvisisjonspraksis»: it builds
    # without them. A report of uke 35 for «endre» alone leaves the two others without one.
    assert run_cli("build", "uke-21", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx")
                   ).exit_code == 0
    data = tmp_path / "initiatives"
    shutil.copytree(seed_dir, data)
    with (data / "selvbetjening-endre.yaml").open("a", encoding="utf-8") as f:
        f.write("  2099-uke-35:\n    date: 01.09.2099\n")
    result = run_cli("build", "uke-35", "--data", str(data), "-o", str(tmp_path / "y.pptx"))
    assert result.exit_code == 1
    missing = [line for line in result.stderr.splitlines() if "no report for 2099-uke-35" in line]
    assert [line.split(":")[0].rsplit("/", 1)[-1] for line in missing] == [
        "ny-rekvisisjonspraksis.yaml", "selvbetjening-avbestille-bekrefte.yaml"]
    assert not (tmp_path / "y.pptx").exists()


def test_missing_template(run_cli, seed_dir, tmp_path):
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"),
                     "--template", str(tmp_path / "corporate.pptx"))
    assert result.exit_code == 1
    assert "corporate.pptx: no such template file" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken zip"])
def test_not_a_pptx_template(run_cli, seed_dir, tmp_path, content):
    template = tmp_path / "corporate.pptx"
    template.write_bytes(content)
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"),
                     "--template", str(template))
    assert result.exit_code == 1
    assert "not a PowerPoint presentation (.pptx)" in result.stderr
    assert "Traceback" not in result.output


def test_a_word_document_is_not_a_pptx_template(run_cli, tmp_path):
    template = tmp_path / "letter.docx"
    shutil.copy(TEMPLATE, template)
    # a zip package of another Office kind: change the main part's content type
    import zipfile

    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(template, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main",
                                    b"wordprocessingml.document.main")
            dst.writestr(info, data)
    result = run_cli("template", "check", str(template))
    assert result.exit_code == 1
    assert "not a PowerPoint presentation (.pptx)" in result.stderr


def _without_layout(tmp_path: Path, name: str) -> Path:
    prs = Presentation(str(TEMPLATE))
    layout = prs.slide_layouts.get_by_name(name)
    layout._element.cSld.set("name", f"{name} (old)")
    path = tmp_path / f"without-{name}.pptx"
    prs.save(str(path))
    return path


def test_a_renamed_layout_falls_back_to_another_usable_one(run_cli, seed_dir, tmp_path):
    template = _without_layout(tmp_path, "KPI")
    check = run_cli("template", "check", str(template))
    assert check.exit_code == 0, check.output
    assert 'kpi: "Agenda" (type (type="obj"))' in check.stdout  # the first of its type
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"),
                     "--template", str(template))
    assert result.exit_code == 0, result.output
    names = [s.slide_layout.name for s in Presentation(str(tmp_path / "x.pptx")).slides]
    assert "KPI (old)" not in names and names.count("Agenda") > 2  # 2 agendas and the KPI


def test_template_without_any_body_placeholder(run_cli, seed_dir, tmp_path):
    prs = Presentation(str(TEMPLATE))
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            if ph._element.ph.get("type") in ("body", "obj", None):
                ph._element.getparent().remove(ph._element)
    template = tmp_path / "no-body.pptx"
    prs.save(str(template))
    check = run_cli("template", "check", str(template))
    assert check.exit_code == 1
    assert "role agenda: no layout for the agenda: it needs a title and a content (body) " \
        "placeholder" in check.stderr
    assert "role kpi: no layout for the KPI slides" in check.stderr
    assert "Traceback" not in check.output
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"),
                     "--template", str(template))
    assert result.exit_code == 1
    assert "no-body.pptx: error: role kpi: no layout for the KPI slides" in result.stderr
    assert not (tmp_path / "x.pptx").exists()


def test_template_check_of_the_bundled_template(run_cli):
    result = run_cli("template", "check", str(TEMPLATE))
    assert result.exit_code == 0, result.output
    assert 'status: "Status" (own name)' in result.stdout
    assert 'cover: "Group title" (own name)' in result.stdout
    assert "fonts: Calibri" in result.stdout


def test_corporate_template_with_its_own_font_and_layout_order(run_cli, seed_dir, tmp_path):
    """Layouts are found by name in any order; the theme's font is the one measured."""
    prs = Presentation(str(TEMPLATE))
    layouts = prs.slide_master.slide_layouts
    ids = prs.slide_master._element.sldLayoutIdLst
    for entry in list(ids)[::-1]:  # reverse the master's order of layouts
        ids.remove(entry)
        ids.append(entry)
    theme_part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    theme = etree.fromstring(theme_part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for latin in theme.iterfind(".//a:fontScheme/*/a:latin", ns):
        latin.set("typeface", "Arial")
    theme_part._blob = etree.tostring(theme)
    template = tmp_path / "corporate.pptx"
    prs.save(str(template))
    assert [layout.name for layout in layouts][0] == "KPI"
    found = geometry(open_template(template))
    assert found.font == found.heading_font == "Arial"
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"),
                     "--template", str(template))
    assert result.exit_code == 0, result.output
    built = Presentation(str(tmp_path / "x.pptx"))
    assert [s.slide_layout.name for s in built.slides][:5] == [
        "Group title", "Status", "Group title", "Status", "Agenda"]  # title, overview, timeline


@pytest.mark.parametrize("name, expected", [
    ("Pasientreiser", "pasientreiser"),
    ("Helse Sør-Øst: Pasientreiser", "helse-sor-ost-pasientreiser"),
    ("Ærlig Åpen", "aerlig-apen"), ("«»", "statusrapport")])
def test_slug(name, expected):
    assert slug(name) == expected


def test_output_into_an_existing_folder_gets_the_default_name(run_cli, seed_dir, tmp_path):
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pasientreiser-2021-uke-33.pptx").is_file()


def test_unwritable_output_is_a_clear_error(run_cli, seed_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(blocker / "deck.pptx"))
    assert result.exit_code == 1
    assert "cannot write the deck" in result.stderr
    assert "Traceback" not in result.output


def test_layouts_without_a_slide_number_placeholder_get_our_own(run_cli, seed_dir, tmp_path):
    prs = Presentation(str(TEMPLATE))
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            if ph._element.ph.get("type") == "sldNum":
                ph._element.getparent().remove(ph._element)
    template = tmp_path / "no-numbers.pptx"
    prs.save(str(template))
    assert run_cli("template", "check", str(template)).exit_code == 0
    out = tmp_path / "x.pptx"
    assert run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(out), "-t",
                   str(template)).exit_code == 0
    numbers = [[shape.text_frame.text for shape in slide.shapes
                if shape.name.startswith("Slide Number")]
               for slide in Presentation(str(out)).slides]
    assert numbers == [[], ["2"], []] + [[str(n)] for n in range(4, 13)]  # titles unnumbered
