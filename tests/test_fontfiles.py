"""statusrapport.text.fontfiles: a template's fonts measured from the machine's font files, an
office's own folder first, fontconfig's stand-in for a font that is not installed (said, never
silent), each file read with fontTools once (a cache keyed by the bytes), the packaged tables
the same numbers as the files they were made from."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from typer.testing import CliRunner

from deck_samples import SEED, TEMPLATE
from derived_templates import theme_font
from statusrapport.cli import app
from statusrapport.text import fontcache, fontfiles
from statusrapport.text import metrics as tm
from text_samples import NORSK, SAMPLES

ROOT = Path(__file__).resolve().parent.parent
CARLITO = Path("/usr/share/fonts/truetype/crosextra")
STYLES = {"regular": (False, False), "bold": (True, False), "italic": (False, True),
          "bolditalic": (True, True)}


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test reads the files into its own empty cache, as a new machine would."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(fontfiles, "_READ", {})


def _installed() -> set[str]:
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return {name.strip().casefold() for line in out.splitlines() for name in line.split(",")}


def _missing_font() -> str:
    """A font Office templates name that this machine does not have."""
    installed = _installed()
    missing = [n for n in ("Verdana", "Century Gothic", "Aptos") if n.casefold() not in installed]
    assert missing, "Verdana, Century Gothic and Aptos are all installed here"
    return missing[0]


def _fc_match(name: str) -> tuple[str, str]:
    out = subprocess.run(["fc-match", "-f", "%{family[0]}\n%{file}", name], capture_output=True,
                         text=True, check=True).stdout
    family, file = out.split("\n")
    return family, file


def _plain_width(path: Path, text: str, size: float) -> float:
    """The sum of the file's hmtx advances, read here with fontTools."""
    font = TTFont(path, lazy=True)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    return sum(hmtx[cmap[ord(ch)]][0] for ch in text) * size / font["head"].unitsPerEm


def test_carlito_read_from_its_files_measures_as_the_packaged_table():
    key = fontcache.family_metrics("Carlito", {
        style: (CARLITO / f"Carlito-{name}.ttf", 0)
        for style, name in [("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic"),
                            ("bolditalic", "BoldItalic")]})
    assert key != "carlito" and tm.metrics_for(key) is not tm.metrics_for("carlito")
    for text in [*SAMPLES, NORSK, "Tiltaket «endre» – fortsettelse (forts.) ff tt fi"]:
        for bold, italic in STYLES.values():
            for size in (9.0, 14.0, 28.0):
                assert tm.text_width(text, key, size, bold, italic) == tm.text_width(
                    text, "carlito", size, bold, italic), (text, bold, italic, size)
    assert tm.line_advances(NORSK, key, 12, False, False) == tm.line_advances(
        NORSK, "Calibri", 12, False, False)
    assert tm.metrics_for(key).line_em(gap=True) == tm.metrics_for("carlito").line_em(gap=True)


def test_packaged_fonts_take_the_fast_path():
    choices = fontfiles.choose_fonts(["Calibri", "Arial", "Times New Roman"])
    assert [(c.key, c.used, c.stood_in, c.how, c.files) for c in choices.values()] == [
        ("carlito", "Carlito", False, "table", ()),
        ("liberation-sans", "Liberation Sans", False, "table", ()),
        ("liberation-serif", "Liberation Serif", False, "table", ())]
    assert all(c.notice is None for c in choices.values())


def test_a_font_that_is_not_installed_is_measured_as_fontconfigs_match_and_said():
    name = _missing_font()
    family, file = _fc_match(name)
    choice = fontfiles.choose_font(name)
    assert (choice.requested, choice.used, choice.stood_in, choice.how) == (
        name, family, True, "fontconfig")
    assert choice.files[0] == file
    assert choice.notice == (f'template font "{name}" is not installed; measured and drawn as '
                             f"{family} (fontconfig's match)")
    # measured with the stand-in's own widths, not Calibri's
    assert tm.text_width(NORSK, choice.key, 14, shaped=False, grid=False) == pytest.approx(
        _plain_width(Path(file), NORSK, 14))
    assert tm.text_width(NORSK, choice.key, 14) != tm.text_width(NORSK, "Calibri", 14)
    # a name as such is measured the same way, never silently as Calibri
    assert tm.text_width(NORSK, name, 14) == tm.text_width(NORSK, choice.key, 14)


def test_calibri_light_is_measured_as_what_libreoffice_draws_it_with():
    """No Carlito Light: Office's heading font is not Carlito's table, but fontconfig's match."""
    family, file = _fc_match("Calibri Light")
    choice = fontfiles.choose_font("Calibri Light")
    assert choice.how != "table" and choice.used == family and choice.files[0] == file
    assert choice.stood_in == ("calibri light" not in _installed())


def test_an_installed_font_without_a_table_is_read_from_its_files():
    bold_file = Path(_fc_match("DejaVu Serif:bold")[1])
    choice = fontfiles.choose_font("DejaVu Serif")
    assert (choice.used, choice.stood_in, choice.how) == ("DejaVu Serif", False, "installed")
    assert choice.files[0] == _fc_match("DejaVu Serif")[1]
    assert str(bold_file) in choice.files
    assert tm.text_width(NORSK, choice.key, 11, bold=True, shaped=False,
                         grid=False) == pytest.approx(_plain_width(bold_file, NORSK, 11))
    assert tm.text_width(NORSK, choice.key, 11) > 1.1 * tm.text_width(NORSK, "Calibri", 11)
    assert choice.notice is None


def _office_font(folder: Path, family: str) -> Path:
    """An office's own font: DejaVu Sans under another family name, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    font = TTFont(_fc_match("DejaVu Sans")[1])
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
    path = folder / f"{family.replace(' ', '')}.ttf"
    font.save(path)
    return path


def test_the_offices_font_folder_is_searched_first(tmp_path):
    path = _office_font(tmp_path / "fonter", "Kontor Sans")
    own = fontfiles.choose_font("Kontor Sans", tmp_path / "fonter")
    assert (own.used, own.stood_in, own.how, own.files) == (
        "Kontor Sans", False, "office", (str(path),))
    elsewhere = fontfiles.choose_font("Kontor Sans")  # the same name without the folder
    assert elsewhere.stood_in and elsewhere.how == "fontconfig"
    assert tm.text_width(NORSK, own.key, 14, shaped=False, grid=False) == pytest.approx(
        _plain_width(path, NORSK, 14))


def test_a_font_file_is_read_once_then_from_the_cache_keyed_by_its_bytes(tmp_path, monkeypatch):
    calls = []
    real = fontcache._read_files
    monkeypatch.setattr(fontcache, "_read_files", lambda *a: calls.append(a) or real(*a))
    path = _office_font(tmp_path / "fonter", "Kontor Sans")
    first = fontfiles.choose_font("Kontor Sans", tmp_path / "fonter")
    again = fontfiles.choose_fonts(["Kontor Sans", "Kontor Sans"], tmp_path / "fonter")
    assert len(calls) == 1 and again["Kontor Sans"].key == first.key
    monkeypatch.setattr(fontfiles, "_READ", {})  # a new process: the cache on disk answers
    assert fontfiles.choose_font("Kontor Sans", tmp_path / "fonter").key == first.key
    assert len(calls) == 1
    cached = list((tmp_path / "cache" / "statusrapport" / "fonts").glob("*.marshal"))
    assert len(cached) == 1
    cached[0].write_bytes(cached[0].read_bytes()[:100])  # damaged: read the file again
    monkeypatch.setattr(fontfiles, "_READ", {})
    assert fontfiles.choose_font("Kontor Sans", tmp_path / "fonter").key == first.key
    assert len(calls) == 2
    # other bytes under the same name and path: another key, never the old table
    font = TTFont(path)
    font["hmtx"].metrics = {g: (w * 2, lsb) for g, (w, lsb) in font["hmtx"].metrics.items()}
    font.save(path)
    monkeypatch.setattr(fontfiles, "_READ", {})
    wider = fontfiles.choose_font("Kontor Sans", tmp_path / "fonter")
    assert wider.key != first.key and len(calls) == 3
    assert tm.text_width(NORSK, wider.key, 14, shaped=False, grid=False) == pytest.approx(
        2 * tm.text_width(NORSK, first.key, 14, shaped=False, grid=False))


def test_a_warm_cache_reads_no_font_file_with_fonttools(tmp_path):
    name = _missing_font()
    code = ("import sys; from statusrapport.text.fontfiles import choose_font; "
            "from statusrapport.text.metrics import text_width; "
            f"c = choose_font({name!r}); print(text_width('Tekst og tall 1234', c.key, 14)); "
            "print('fontTools' in sys.modules)")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(ROOT)}
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.split()
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.split()
    assert cold[1] == "True" and warm[1] == "False"
    assert cold[0] == warm[0]


def test_a_broken_font_file_is_a_clear_error(tmp_path):
    folder = tmp_path / "fonter"
    path = _office_font(folder, "Kontor Sans")
    data = bytearray(path.read_bytes())
    table = TTFont(path).reader.tables["hmtx"]
    data[table.offset:table.offset + table.length] = b"\xff" * table.length
    path.write_bytes(bytes(data[:table.offset + 8]))  # cut inside hmtx
    with pytest.raises(fontfiles.UserError) as caught:
        fontfiles.choose_font("Kontor Sans", folder)
    assert str(path) in str(caught.value) and "cannot read the font" in str(caught.value)


def test_family_names_are_fontconfig_patterns_escaped():
    assert fontfiles._pattern("Kontor-Sans: Bold, 2") == r"Kontor\-Sans\: Bold\, 2"


# ---- build and template check --------------------------------------------------------------


def _template_in(tmp_path: Path, font: str) -> Path:
    """The bundled template with its theme's fonts renamed to `font`."""
    return theme_font(TEMPLATE, tmp_path / f"{font.replace(' ', '-')}.pptx", font)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_build_says_once_which_font_stood_in(tmp_path):
    name = _missing_font()
    family = _fc_match(name)[0]
    template = _template_in(tmp_path, name)
    result = run("build", "uke-33", "-d", str(SEED), "-o", str(tmp_path / "x.pptx"),
                 "-t", str(template))
    assert result.exit_code == 0, result.output
    line = (f'warning: template font "{name}" is not installed; measured and drawn as '
            f"{family} (fontconfig's match)")
    assert result.stderr.count(line) == 1  # heading and body font alike: said once
    seed = run("build", "uke-33", "-d", str(SEED), "-o", str(tmp_path / "seed.pptx"))
    assert seed.exit_code == 0 and "template font" not in seed.stderr


def test_template_check_names_the_fonts_and_their_stand_ins(tmp_path):
    name = _missing_font()
    family, file = _fc_match(name)
    result = run("template", "check", str(_template_in(tmp_path, name)))
    assert result.exit_code == 0, result.output
    assert (f'font "{name}": not installed; measured and drawn as '
            f"{family} (fontconfig's match, {file})") in result.stdout.splitlines()
    bundled = run("template", "check", str(TEMPLATE), "--json")
    assert '"requested": "Calibri"' in bundled.stdout and '"how": "table"' in bundled.stdout


def test_programme_fonts_folder(tmp_path):
    data = tmp_path / "initiatives"
    shutil.copytree(SEED, data)
    programme = data / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text + "fonts: ../fonter\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    missing = run("build", "uke-33", "-d", str(data), "-o", str(tmp_path / "x.pptx"))
    assert missing.exit_code == 1
    assert (f"{programme}:{line}:8: error: fonts: no such folder: {data / '../fonter'}"
            in missing.stderr)
    _office_font(tmp_path / "fonter", "Kontor Sans")
    template = _template_in(tmp_path, "Kontor Sans")
    built = run("build", "uke-33", "-d", str(data), "-o", str(tmp_path / "x.pptx"),
                "-t", str(template))
    assert built.exit_code == 0, built.output
    assert "template font" not in built.stderr  # the office's own file: nothing stood in
    checked = run("template", "check", str(template), "--data", str(data))
    assert checked.exit_code == 0, checked.output
    assert (f'font "Kontor Sans": measured with the office\'s font file '
            f"{data / '../fonter' / 'KontorSans.ttf'}") in checked.stdout.splitlines()
    without = run("build", "uke-33", "-d", str(SEED), "-o", str(tmp_path / "y.pptx"),
                  "-t", str(template))
    assert 'template font "Kontor Sans" is not installed' in without.stderr


@pytest.mark.libreoffice
def test_libreoffice_draws_the_offices_own_font_as_it_was_measured(tmp_path):
    """`build --pdf`: the office's font folder reaches LibreOffice (through fontconfig), so the
    PDF is drawn in the font the deck was measured with, not in a stand-in."""
    data = tmp_path / "initiatives"
    shutil.copytree(SEED, data)
    programme = data / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8") + "fonts: fonter\n",
                         encoding="utf-8")
    _office_font(data / "fonter", "Kontor Sans")
    out = tmp_path / "deck.pptx"
    result = run("build", "uke-33", "-d", str(data), "-o", str(out), "--pdf",
                 "-t", str(_template_in(tmp_path, "Kontor Sans")))
    assert result.exit_code == 0, result.output
    assert "template font" not in result.stderr
    fonts = subprocess.run(["pdffonts", str(out.with_suffix(".pdf"))], capture_output=True,
                           text=True, check=True).stdout
    assert "KontorSans" in fonts, fonts


def test_a_late_delivery_is_measured_bold_as_it_is_drawn():
    """The "Levert" column fits a late (bold, red) date on one line in the font measured."""
    from statusrapport.data.loader import load
    from statusrapport.report.context import report_context
    from statusrapport.report.view import report_view
    from statusrapport.slides.common import CELL_MARGINS
    from statusrapport.slides.layout import default_geometry
    from statusrapport.slides.status import SIZES
    from statusrapport.slides.status_content import StatusContent
    from statusrapport.slides.status_measure import StatusMeasure

    loaded = load(SEED, "uke-33")
    view = report_view(report_context(loaded.programme, loaded.week))
    font = fontfiles.choose_font(_missing_font()).key
    late = [(i.status, row) for g in view.groups for i in g.initiatives
            for row in i.status.milestones if row.delivered and row.state.needs_attention]
    assert late
    for status, row in late:
        measure = StatusMeasure(StatusContent(status, SIZES[0]), default_geometry().status_area,
                                font, font)
        room = measure.ms_cols[3] - CELL_MARGINS[0] - CELL_MARGINS[1]
        assert room >= tm.text_width(row.delivered, font, SIZES[0], bold=True), row.delivered
