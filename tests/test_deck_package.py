"""The .pptx package itself: it reopens, is well-formed, and is the same bytes when built again."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from deck_samples import write_overlong
from statusrapport.writer import deck
from statusrapport.writer.package import Properties
from statusrapport.writer.template import DEFAULT_TEMPLATE, geometry, open_template, resolve
from statusrapport.build import build
from statusrapport.data.loader import load
from statusrapport.slides.order import plan_deck
from statusrapport.report.context import report_context
from statusrapport.report.view import report_view

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.fixture(scope="module")
def built(seed_deck, tmp_path_factory):
    root = tmp_path_factory.mktemp("package")
    return {"seed": seed_deck,
            "overlong": build(write_overlong(root / "data"), "uke-33", root / "overlong.pptx")}


@pytest.fixture(scope="module", params=["seed", "overlong"])
def path(request, built) -> Path:
    return built[request.param].path


def test_reopens_with_every_planned_slide(built):
    chosen = resolve(open_template()).choices
    for result in built.values():
        prs = Presentation(str(result.path))
        assert len(prs.slides) == len(result.plan.slides)
        assert [s.slide_layout.name for s in prs.slides] == [
            chosen[s.layout].name for s in result.plan.slides]


def test_every_part_is_well_formed_xml_without_illegal_characters(path):
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                data = package.read(name)
                etree.fromstring(data)
                assert not ILLEGAL.search(data.decode("utf-8")), name


def test_shape_ids_are_unique_on_every_slide(path):
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        ids = [int(e.get("id")) for e in slide.shapes._spTree.iter(f"{P_NS}cNvPr")]
        assert len(ids) == len(set(ids)), (number, ids)


def test_no_autofit_and_text_wraps_everywhere(path):
    for slide in Presentation(str(path)).slides:
        for body_pr in slide.shapes._spTree.iter(
                "{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr"):
            if body_pr.getparent().getparent().tag.endswith("sp"):
                assert body_pr.get("wrap") == "square"
                assert body_pr[0].tag.endswith("noAutofit")


def test_zip_members_have_fixed_dates_and_a_stable_order(path):
    with zipfile.ZipFile(path) as package:
        infos = package.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    names = [info.filename for info in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names[2:] == sorted(names[2:])


def test_document_properties_come_from_the_data(built):
    core = Presentation(str(built["seed"].path)).core_properties
    assert core.title == "Pasientreiser – statusrapport uke 33 2021"
    assert core.author == "Pasientreiser"
    assert core.last_modified_by == "statusrapport"
    assert core.revision == 1
    assert core.created == core.modified == datetime(2021, 8, 18, 0, 0)


def test_building_twice_gives_identical_bytes(seed_dir, built, tmp_path):
    again = build(seed_dir, "uke-33", tmp_path / "other-name.pptx")
    assert again.path.read_bytes() == built["seed"].path.read_bytes()


def test_hyperlinks_are_external_relationships(built):
    prs = Presentation(str(built["seed"].path))
    links = [rel for slide in prs.slides for rel in slide.part.rels.values()
             if rel.reltype.endswith("/hyperlink")]
    assert len(links) == 1 and links[0].is_external
    assert links[0].target_ref.startswith("https://intranett.pasientreiser.no/")


def test_control_characters_never_reach_the_xml(seed_dir, tmp_path):
    """The loader refuses them; the renderer drops them anyway (a view built elsewhere)."""
    loaded = load(seed_dir, "uke-33")
    view = report_view(report_context(loaded.programme, loaded.week))
    group = view.groups[0]
    first = group.initiatives[0]
    status = dataclasses.replace(first.status, name="Bell\x07 and\x1b escape")
    view = dataclasses.replace(view, groups=(dataclasses.replace(
        group, initiatives=(dataclasses.replace(first, status=status),
                            *group.initiatives[1:])), *view.groups[1:]))
    opened = open_template()
    blob = deck.render(opened.prs, plan_deck(view, geometry(opened)),
                       Properties("Tittel\x0c", "Forfatter", view.date), resolve(opened))
    (tmp_path / "deck.pptx").write_bytes(blob)
    with zipfile.ZipFile(tmp_path / "deck.pptx") as package:
        xml = b"".join(package.read(n) for n in package.namelist() if n.endswith(".xml"))
    assert not ILLEGAL.search(xml.decode("utf-8"))
    assert "Bell and escape".encode() in xml


def test_template_example_slides_are_not_carried_over(seed_dir, tmp_path):
    prs = Presentation(str(DEFAULT_TEMPLATE))
    example = prs.slides.add_slide(prs.slide_layouts.get_by_name("KPI"))
    example.shapes.title.text = "Eksempel fra malen"
    template = tmp_path / "with-example.pptx"
    prs.save(str(template))
    result = build(seed_dir, "uke-33", tmp_path / "deck.pptx", template)
    texts = [shape.text_frame.text for slide in Presentation(str(result.path)).slides
             for shape in slide.shapes if shape.has_text_frame]
    assert "Eksempel fra malen" not in texts
    assert len(Presentation(str(result.path)).slides) == len(result.plan.slides)
