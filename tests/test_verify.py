"""Provenance in the deck's properties and `statusrapport verify`, with real git repositories."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation

from git_helpers import commit_all, git, seed_repo
from deck_samples import invoke
from statusrapport import __version__
from statusrapport.writer.package import read_custom

VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"


def build_in(repo: Path, out: Path, *extra: str):
    result = invoke("build", "uke-33", "--data", str(repo / "initiatives"), "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out


def custom_of(deck: Path) -> dict[str, str]:
    with zipfile.ZipFile(deck) as package:
        return read_custom(package.read("docProps/custom.xml"))


def rewrite_member(deck: Path, member: str, change) -> None:
    with zipfile.ZipFile(deck) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info, data in items:
            target.writestr(info, change(data) if info.filename == member else data)
    deck.write_bytes(buffer.getvalue())


def test_the_deck_records_commit_folder_report_and_template(tmp_path):
    repo = seed_repo(tmp_path / "repo")
    deck = build_in(repo, tmp_path / "deck.pptx")
    values = custom_of(deck)
    assert values["statusrapport.commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert values["statusrapport.data"] == "initiatives"
    assert values["statusrapport.clean"] == "yes"
    assert values["statusrapport.report"] == "2021-uke-33"
    assert values["statusrapport.template"] == "bundled"
    assert values["statusrapport.version"] == __version__
    assert re.fullmatch(r"[0-9a-f]{64}", values["statusrapport.template-sha256"])


def test_a_dirty_folder_is_recorded_as_such(tmp_path):
    repo = seed_repo(tmp_path / "repo")
    programme = repo / "initiatives" / "programme.yaml"
    programme.write_text(programme.read_text() + "# not committed\n")
    deck = build_in(repo, tmp_path / "deck.pptx")
    assert custom_of(deck)["statusrapport.clean"] == "no"


def test_outside_git_no_commit_is_recorded_and_verify_says_why(run_cli, seed_dir, tmp_path):
    data = shutil.copytree(seed_dir, tmp_path / "plain" / "initiatives")
    deck = tmp_path / "deck.pptx"
    assert run_cli("build", "uke-33", "--data", str(data), "-o", str(deck)).exit_code == 0
    assert "statusrapport.commit" not in custom_of(deck)
    assert "statusrapport.report" in custom_of(deck)
    result = run_cli("verify", str(deck), "--repo", str(tmp_path))
    assert result.exit_code == 1
    assert "outside git" in result.stderr and "Traceback" not in result.output


def test_app_properties_tell_the_decks_own_slides(tmp_path):
    repo = seed_repo(tmp_path / "repo")
    deck = build_in(repo, tmp_path / "deck.pptx")
    with zipfile.ZipFile(deck) as package:
        app_xml = etree.fromstring(package.read("docProps/app.xml"))
    ns = {"e": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    slides = Presentation(str(deck)).slides
    assert app_xml.findtext("e:Slides", namespaces=ns) == str(len(slides))
    titles = [t.text for t in app_xml.find("e:TitlesOfParts", ns).iter(f"{VT}lpstr")]
    shown = [" ".join(s.shapes.title.text_frame.text.split()) for s in slides]
    assert titles[-len(slides):] == shown  # after the theme's name, each slide's title


def test_verify_a_deck_built_from_a_commit_is_identical(run_cli, tmp_path):
    repo = seed_repo(tmp_path / "repo")
    deck = build_in(repo, tmp_path / "deck.pptx")
    # Later work in the repository does not change what the recorded commit builds.
    endre = repo / "initiatives" / "selvbetjening-endre.yaml"
    endre.write_text(endre.read_text().replace("Selvbetjening – «endre»", "Endre"))
    commit_all(repo, "renamed")
    result = run_cli("verify", str(deck), "--repo", str(repo))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"identical: {deck} is what commit ")
    assert git(repo, "status", "--porcelain") == ""  # the repository is left as it was


def test_verify_names_the_slide_edited_after_the_build(run_cli, tmp_path):
    repo = seed_repo(tmp_path / "repo")
    deck = build_in(repo, tmp_path / "deck.pptx")
    rewrite_member(deck, "ppt/slides/slide7.xml",
                   lambda xml: re.sub(rb"<a:t>([^<])", rb"<a:t>X\1", xml, count=1))
    result = run_cli("verify", str(deck), "--repo", str(repo))
    assert result.exit_code == 1
    assert "differs" in result.stdout
    assert "ppt/slides/slide7.xml (slide 7, «Selvbetjening – status" in result.stdout


def test_verify_a_deck_built_from_uncommitted_changes_fails(run_cli, tmp_path):
    repo = seed_repo(tmp_path / "repo")
    programme = repo / "initiatives" / "programme.yaml"
    programme.write_text(programme.read_text() + "# not committed\n")
    deck = build_in(repo, tmp_path / "deck.pptx")
    result = run_cli("verify", str(deck), "--repo", str(repo))
    assert result.exit_code == 1
    assert "uncommitted changes" in result.stderr


def test_verify_with_a_corporate_template_checks_its_bytes(run_cli, seed_dir, tmp_path):
    repo = seed_repo(tmp_path / "repo")
    template = tmp_path / "corporate.pptx"
    shutil.copy(seed_dir.parent / "templates" / "statusrapport.pptx", template)
    deck = build_in(repo, tmp_path / "deck.pptx", "--template", str(template))
    assert run_cli("verify", str(deck), "--repo", str(repo)).exit_code == 0
    template.write_bytes(template.read_bytes() + b"\0")  # another template under that name
    result = run_cli("verify", str(deck), "--repo", str(repo))
    assert result.exit_code == 1
    assert "not the template the deck was built with" in result.stderr


def test_verify_refuses_what_is_not_a_deck(run_cli, seed_dir, tmp_path):
    (tmp_path / "x.pptx").write_text("hello")
    result = run_cli("verify", str(tmp_path / "x.pptx"))
    assert result.exit_code == 1 and "not a .pptx deck" in result.stderr
    result = run_cli("verify", str(seed_dir.parent / "templates" / "statusrapport.pptx"))
    assert result.exit_code == 1 and "records no build provenance" in result.stderr
