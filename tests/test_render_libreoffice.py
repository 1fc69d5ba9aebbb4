"""A real client draws the deck: LibreOffice converts it to PDF, and every word it placed lies
inside the slide and inside the box the plan reserved for it (pdftotext -bbox-layout).

The plan (slides.plan_deck) exports each slide's regions — title, panels, body, slide number,
legend — with the text each must hold; a word is accepted only inside a region whose text
contains it, so text that overflows into a neighbour's box fails too.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from deck_samples import SEED, normalise, write_overlong
from statusrapport.build import build
from statusrapport.layout import EMU_PER_PT

pytestmark = pytest.mark.libreoffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
XHTML = {"h": "http://www.w3.org/1999/xhtml"}
# A word's box is the font's ascent-to-descent box, a little taller than its line: below a
# bottom-anchored box with no inset (slide number, legend) it may reach this far.
GLYPH_SLACK_PT = 2.0
SIDE_SLACK_PT = 0.5
BULLETS = "•–-"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The seed deck and the overlong deck, built and converted to PDF in one soffice run."""
    if SOFFICE is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext not installed")
    root = tmp_path_factory.mktemp("render")
    built = {
        "seed": build(SEED, "uke-33", root / "seed.pptx"),
        "overlong": build(write_overlong(root / "overlong-data"), "uke-33",
                          root / "overlong.pptx"),
    }
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(root / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(root),
         str(root / "seed.pptx"), str(root / "overlong.pptx")],
        check=True, capture_output=True, timeout=300)
    return {name: (b, _pages(root / f"{name}.pdf")) for name, b in built.items()}


def _pages(pdf: Path) -> list[etree._Element]:
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, timeout=120).stdout
    return etree.fromstring(out).findall(".//h:page", XHTML)


def _words(page):
    for word in page.iterfind(".//h:word", XHTML):
        box = tuple(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
        yield normalise(word.text or "").replace(" ", ""), box


def _outside(box, region) -> float:
    """How far (pt) a word's box lies outside a region, with the glyph allowances."""
    x0, y0, x1, y1 = box
    left, top, right, bottom = region.rect.points()
    return max(left - SIDE_SLACK_PT - x0, x1 - right - SIDE_SLACK_PT,
               top - GLYPH_SLACK_PT - y0, y1 - bottom - GLYPH_SLACK_PT, 0.0)


def _misplaced(built, pages) -> list[str]:
    problems = []
    for number, (slide, page) in enumerate(zip(built.plan.slides, pages), start=1):
        width, height = float(page.get("width")), float(page.get("height"))
        regions = [(r, normalise(r.text).replace(" ", "")) for r in slide.regions]
        for text, box in _words(page):
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                problems.append(f"slide {number}: {text!r} outside the page {box}")
                continue
            owners = [r for r, held in regions if text in held or (text and text in BULLETS)]
            if not any(_outside(box, r) == 0.0 for r in owners):
                where = ", ".join(f"{r.name} by {_outside(box, r):.1f} pt" for r in owners)
                problems.append(f"slide {number}: {text!r} at {box} outside its box "
                                f"({where or 'no box holds this word'})")
    return problems


@pytest.mark.parametrize("name", ["seed", "overlong"])
def test_one_page_per_slide(rendered, name):
    built, pages = rendered[name]
    assert len(pages) == len(built.plan.slides)
    assert {(round(float(p.get("width"))), round(float(p.get("height")))) for p in pages} == {
        (960, 540)}


@pytest.mark.parametrize("name", ["seed", "overlong"])
def test_every_word_inside_the_slide_and_its_box(rendered, name):
    built, pages = rendered[name]
    problems = _misplaced(built, pages)
    assert not problems, "\n".join(problems[:40])


def test_every_word_of_the_plan_was_drawn(rendered):
    """The converse: nothing the plan placed went missing (clipped or dropped) in the PDF."""
    built, pages = rendered["seed"]
    for number, (slide, page) in enumerate(zip(built.plan.slides, pages), start=1):
        drawn = "".join(text for text, _ in _words(page))
        for region in slide.regions:
            for word in normalise(region.text).split(" "):
                assert word in drawn, f"slide {number}, {region.name}: {word!r} not drawn"


def test_overlong_initiative_paginates(rendered):
    built, _ = rendered["overlong"]
    status = [s for s in built.plan.slides if s.kind == "status" and s.initiative == "overlang"]
    assert len(status) > 1
    assert all(s.title_text.endswith("(forts.)") for s in status[1:])
    assert built.plan.slides[-1].number == len(built.plan.slides)


def test_regions_are_inside_the_slide(rendered):
    for built, _ in rendered.values():
        for slide in built.plan.slides:
            for region in slide.regions:
                left, top, right, bottom = region.rect.points()
                assert 0 <= left < right <= 12192000 / EMU_PER_PT
                assert 0 <= top < bottom <= 6858000 / EMU_PER_PT
