"""Every template problem is a user error, at `template check` and at `build` alike: the file
and the part, exit 1, no traceback, the previous deck kept; a zip is refused by its declared
sizes before anything is unpacked. A .potx is a template; the map in programme.yaml is checked
against the template, each mistake at its line."""

from __future__ import annotations

import io
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deck_samples import ROOT, TEMPLATE, copy_seed

THEME = "ppt/theme/theme1.xml"


def rewritten(target: Path, change) -> Path:
    """The bundled template with its members changed by `change(name, data) -> data | None`
    (None: left out)."""
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                copy.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    return target


def _theme(data: bytes):
    return lambda name, blob: data if name == THEME else blob


BROKEN = {
    "theme-not-xml": (_theme(b"this is not xml <"), THEME, "not XML"),
    "theme-with-dtd": (_theme(b'<?xml version="1.0"?>\n<!DOCTYPE a:theme [<!ENTITY x "y">]>'
                              b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/'
                              b'2006/main" name="x"><a:themeElements/></a:theme>'),
                       THEME, "document type declaration"),
    "no-theme-relationship": (
        lambda name, blob: (blob.replace(b'Type="http://schemas.openxmlformats.org/'
                                         b'officeDocument/2006/relationships/theme"',
                                         b'Type="http://example.org/not-a-theme"')
                            if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels" else blob),
        "ppt/slideMasters/slideMaster1.xml", "no theme relationship"),
    "no-slide-size": (
        lambda name, blob: (blob.replace(b'<p:sldSz cx="12192000" cy="6858000"/>', b"")
                            if name == "ppt/presentation.xml" else blob),
        "ppt/presentation.xml", "no slide size"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_part_is_an_error_at_check_and_build(run_cli, seed_dir, case, tmp_path):
    change, part, words = BROKEN[case]
    template = rewritten(tmp_path / f"{case}.pptx", change)
    if case == "no-slide-size":
        assert b"sldSz" not in zipfile.ZipFile(template).read("ppt/presentation.xml")
    check = run_cli("template", "check", str(template))
    assert check.exit_code == 1, check.output
    assert f"{template}: error: {part}: " in check.stderr and words in check.stderr
    assert "Traceback" not in check.output
    deck = tmp_path / "deck.pptx"
    shutil.copy(TEMPLATE, deck)  # a previous deck (any .pptx), which must stay as it was
    previous = deck.read_bytes()
    build = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(deck),
                    "-t", str(template))
    assert build.exit_code == 1, build.output
    assert f"{template}: error: {part}: " in build.stderr and words in build.stderr
    assert "Traceback" not in build.output
    assert deck.read_bytes() == previous


def _bomb(path: Path, size: int) -> Path:
    """The bundled template plus a member of `size` zero bytes (a few MB compressed)."""
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(path, "w") as copy:
        for info in source.infolist():
            copy.writestr(info.filename, source.read(info), zipfile.ZIP_DEFLATED)
        member = zipfile.ZipInfo("ppt/media/image1.png")
        member.compress_type = zipfile.ZIP_DEFLATED
        member._compresslevel = 1  # zeros pack as small at level 1, and far faster
        with copy.open(member, "w", force_zip64=True) as out:
            chunk = bytes(2**24)
            for _ in range(size // len(chunk)):
                out.write(chunk)
    return path


def test_a_zip_bomb_is_refused_by_its_declared_sizes_in_time_and_memory(seed_dir, tmp_path):
    bomb = _bomb(tmp_path / "bomb.pptx", 384 * 2**20)  # more than the memory bound, ~2 MB packed
    assert bomb.stat().st_size < 10 * 2**20
    for args in (["template", "check", str(bomb)],
                 ["build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"),
                  "-t", str(bomb)]):
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "statusrapport", *args],
                                capture_output=True, text=True, cwd=tmp_path, timeout=60,
                                env={**os.environ, "PYTHONPATH": str(ROOT)},
                                preexec_fn=lambda: resource.setrlimit(
                                    resource.RLIMIT_AS, (300 * 2**20, 300 * 2**20)))
        elapsed = time.monotonic() - started
        assert result.returncode == 1, result.stderr
        assert "ppt/media/image1.png: the zip declares" in result.stderr
        assert "refused before unpacking" in result.stderr
        assert "Traceback" not in result.stderr
        assert elapsed < 5, elapsed
    assert not (tmp_path / "x.pptx").exists()


def test_a_zip_whose_sizes_lie_is_not_inflated_past_them(run_cli, tmp_path):
    """A member declaring fewer bytes than it holds: zipfile stops at the declared size, the
    CRC fails, and that is a clear error."""
    template = rewritten(tmp_path / "liar.pptx", lambda name, blob: blob)
    data = bytearray(template.read_bytes())
    at = data.find(b"PK\x01\x02")  # the central directory's entries, one after the other
    while data[at + 46:at + 46 + len(THEME)] != THEME.encode():
        lengths = [int.from_bytes(data[at + i:at + i + 2], "little") for i in (28, 30, 32)]
        at += 46 + sum(lengths)
    declared = int.from_bytes(data[at + 24:at + 28], "little")
    data[at + 24:at + 28] = (declared // 2).to_bytes(4, "little")
    template.write_bytes(bytes(data))
    result = run_cli("template", "check", str(template))
    assert result.exit_code == 1, result.output
    assert str(template) in result.stderr and "Traceback" not in result.output


def test_a_potx_is_a_template(run_cli, seed_dir, tmp_path):
    potx = rewritten(tmp_path / "corporate.potx", lambda name, blob: blob.replace(
        b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
        if name == "[Content_Types].xml" else blob)
    with pytest.raises(ValueError):  # python-pptx itself refuses it
        Presentation(str(potx))
    assert run_cli("template", "check", str(potx)).exit_code == 0
    out = tmp_path / "deck.pptx"
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(out), "-t", str(potx))
    assert result.exit_code == 0, result.output
    types = zipfile.ZipFile(out).read("[Content_Types].xml")
    assert b"presentationml.presentation.main+xml" in types and b"template.main" not in types
    assert len(Presentation(str(out)).slides) == 12


def _with_template(tmp_path: Path, block: str) -> Path:
    data = copy_seed(tmp_path / "initiatives")
    programme = data / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8") + block, encoding="utf-8")
    return data


def test_the_map_in_programme_yaml_chooses_the_layout(run_cli, tmp_path):
    shutil.copy(TEMPLATE, tmp_path / "firma.pptx")
    data = _with_template(tmp_path, "template:\n  file: ../firma.pptx\n  layouts:\n"
                                    "    kpi: Agenda\n    overview: Section\n")
    out = tmp_path / "deck.pptx"
    result = run_cli("build", "uke-33", "--data", str(data), "-o", str(out))
    assert result.exit_code == 0, result.output
    names = [s.slide_layout.name for s in Presentation(str(out)).slides]
    assert names[1] == "Section" and "KPI" not in names  # the overview, and no KPI layout
    assert names.count("Agenda") > 2  # the two agendas, and the KPI slides
    check = run_cli("template", "check", str(tmp_path / "firma.pptx"), "--data", str(data))
    assert check.exit_code == 0, check.output
    assert 'kpi: "Agenda" (map (programme.yaml))' in check.stdout


def test_a_map_naming_a_layout_the_template_lacks_is_located(run_cli, tmp_path):
    data = _with_template(tmp_path, "template:\n  layouts:\n    status: Tittel og innhold\n"
                                    "    kpi: Status\n")
    programme = data / "programme.yaml"
    lines = programme.read_text(encoding="utf-8").splitlines()
    status_line = next(i for i, line in enumerate(lines, 1) if "Tittel og innhold" in line)
    result = run_cli("build", "uke-33", "--data", str(data), "-o", str(tmp_path / "x.pptx"))
    assert result.exit_code == 1
    assert (f"{programme}:{status_line}:13: error: template.layouts.status: the template has "
            'no layout named "Tittel og innhold"') in result.stderr
    assert (f"{programme}:{status_line + 1}:10: error: template.layouts.kpi: layout \"Status\" "
            "lacks a content (body) placeholder") in result.stderr
    check = run_cli("template", "check", str(TEMPLATE), "--data", str(data))
    assert check.exit_code == 1
    assert f"{programme}:{status_line}:13: error: template.layouts.status" in check.stderr


def test_an_unknown_role_in_the_map_is_located(run_cli, tmp_path):
    data = _with_template(tmp_path, "template:\n  layouts:\n    statsu: Status\n")
    programme = data / "programme.yaml"
    line = len(programme.read_text(encoding="utf-8").splitlines())
    result = run_cli("validate", "--data", str(data))
    assert result.exit_code == 1
    assert f"{programme}:{line}:5: error: template.layouts.statsu:" in result.stderr
    assert "'status'" in result.stderr  # the roles it may be


def _edited(tmp_path: Path, name: str, edit) -> Path:
    prs = Presentation(str(TEMPLATE))
    edit(prs)
    path = tmp_path / name
    prs.save(str(path))
    return path


def _status_title(prs):
    layout = prs.slide_layouts.get_by_name("Status")
    return next(ph for ph in layout.placeholders if ph._element.ph.get("type") == "title")


def test_a_title_too_small_for_one_line_is_an_error_not_a_silent_cut(run_cli, seed_dir, tmp_path):
    def tiny(prs):
        _status_title(prs).height = 12 * 12700  # 12 pt: no line of 16 pt text fits

    template = _edited(tmp_path, "tiny-title.pptx", tiny)
    check = run_cli("template", "check", str(template))
    assert check.exit_code == 1
    assert (f'{template}: error: role status: layout "Status": its title placeholder is '
            in check.stderr) and "too small for one line of title text at 16 pt" in check.stderr
    assert "make the title placeholder taller" in check.stderr
    build = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"),
                    "-t", str(template))
    assert build.exit_code == 1 and "too small for one line of title text" in build.stderr
    assert not (tmp_path / "x.pptx").exists()


def test_a_content_area_too_small_for_the_status_slide_is_an_error(run_cli, seed_dir, tmp_path):
    def low(prs):
        title = _status_title(prs)
        title.top, title.height = prs.slide_height - 2 * 914400, 640080  # 2 in from the bottom

    template = _edited(tmp_path, "low-title.pptx", low)
    check = run_cli("template", "check", str(template))
    assert check.exit_code == 1
    assert "role status: layout \"Status\": the content area under its title is" in check.stderr
    assert "the status slide needs at least 400 x 180 pt" in check.stderr
    build = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"),
                    "-t", str(template))
    assert build.exit_code == 1 and "the content area under its title" in build.stderr


def test_a_missing_view_props_part_is_repaired_in_the_deck(run_cli, seed_dir, tmp_path):
    template = rewritten(tmp_path / "no-view-props.pptx", lambda name, blob: (
        None if name == "ppt/viewProps.xml" else
        re.sub(rb'<Relationship [^>]*viewProps[^>]*/>', b"", blob)
        if name == "ppt/_rels/presentation.xml.rels" else
        blob.replace(b'<Override PartName="/ppt/viewProps.xml" ', b'<Override PartName="/x" ')
        if name == "[Content_Types].xml" else blob))
    check = run_cli("template", "check", str(template))
    assert check.exit_code == 0, check.output
    assert (f"{template}: warning: ppt/viewProps.xml: missing (PowerPoint repairs the file "
            "without it): repaired in the built deck") in check.stderr
    out = tmp_path / "deck.pptx"
    assert run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(out), "-t",
                   str(template)).exit_code == 0
    with zipfile.ZipFile(out) as deck:
        assert b"<p:viewPr" in deck.read("ppt/viewProps.xml")
        assert b"viewProps" in deck.read("ppt/_rels/presentation.xml.rels")
        assert b'PartName="/ppt/viewProps.xml"' in deck.read("[Content_Types].xml")


@pytest.mark.parametrize("part", ["ppt/slideLayouts/slideLayout4.xml", "ppt/presentation.xml",
                                  "ppt/slideMasters/_rels/slideMaster1.xml.rels"])
def test_any_part_that_is_not_xml_is_named(run_cli, seed_dir, part, tmp_path):
    template = rewritten(tmp_path / "broken.pptx",
                         lambda name, blob: blob[: len(blob) // 2] if name == part else blob)
    for args in (["template", "check", str(template)],
                 ["build", "uke-33", "--data", str(seed_dir), "-o", str(tmp_path / "x.pptx"),
                  "-t", str(template)]):
        result = run_cli(*args)
        assert result.exit_code == 1
        assert f"{template}: error: {part}: not XML" in result.stderr
        assert "Traceback" not in result.output


def test_a_placeholder_position_that_is_not_a_number_is_an_error(run_cli, tmp_path):
    template = rewritten(tmp_path / "bad-position.pptx", lambda name, blob: blob.replace(
        b'<a:off x="457200"', b'<a:off x="abc"', 1)
        if name == "ppt/slideLayouts/slideLayout4.xml" else blob)
    result = run_cli("template", "check", str(template))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert 'layout "Status": a placeholder has no position' in result.stderr
