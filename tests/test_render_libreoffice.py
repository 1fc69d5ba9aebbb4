"""A real client draws the deck: LibreOffice converts it to PDF, and every word it placed lies
inside the slide and inside the box the plan reserved for it (pdftotext -bbox-layout).

The plan (slides.order.plan_deck) exports each slide's regions — title, panels, body, slide
number, legend — with the text each must hold; a word is accepted only inside a region whose text
contains it, so text that overflows into a neighbour's box fails too.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from deck_samples import normalise, write_overlong
from render_checks import XHTML, pages as pages_of
from statusrapport.build import build
from statusrapport.slides.layout import EMU_PER_PT

pytestmark = pytest.mark.libreoffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# A word's box is the font's ascent-to-descent box, a little taller than its line: below a
# bottom-anchored box with no inset (slide number, legend) it may reach this far.
GLYPH_SLACK_PT = 2.0
SIDE_SLACK_PT = 0.5
BULLETS = "•–-"


@pytest.fixture(scope="module")
def rendered(seed_deck, tmp_path_factory):
    """The seed deck and the overlong deck, built and converted to PDF in one soffice run:
    {name: (built, the PDF's pages as pdftotext reads them, the PDF's path)}."""
    if SOFFICE is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext not installed")
    root = tmp_path_factory.mktemp("render")
    built = {
        "seed": seed_deck,
        "overlong": build(write_overlong(root / "overlong-data"), "uke-33",
                          root / "overlong.pptx"),
    }
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(root / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(root),
         str(seed_deck.path), str(root / "overlong.pptx")],
        check=True, capture_output=True, timeout=300)
    return {name: (b, pages_of(root / f"{name}.pdf"), root / f"{name}.pdf")
            for name, b in built.items()}


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
    built, pages, _ = rendered[name]
    assert len(pages) == len(built.plan.slides)
    assert {(round(float(p.get("width"))), round(float(p.get("height")))) for p in pages} == {
        (960, 540)}


@pytest.mark.parametrize("name", ["seed", "overlong"])
def test_every_word_inside_the_slide_and_its_box(rendered, name):
    built, pages, _ = rendered[name]
    problems = _misplaced(built, pages)
    assert not problems, "\n".join(problems[:40])


def test_every_word_of_the_plan_was_drawn(rendered):
    """The converse: nothing the plan placed went missing (clipped or dropped) in the PDF."""
    built, pages, _ = rendered["seed"]
    for number, (slide, page) in enumerate(zip(built.plan.slides, pages), start=1):
        drawn = "".join(text for text, _ in _words(page))
        for region in slide.regions:
            for word in normalise(region.text).split(" "):
                assert word in drawn, f"slide {number}, {region.name}: {word!r} not drawn"


def test_overlong_initiative_paginates(rendered):
    built, _, _ = rendered["overlong"]
    status = [s for s in built.plan.slides if s.kind == "status" and s.initiative == "overlang"]
    assert len(status) > 1
    assert all(s.title_text.endswith("(forts.)") for s in status[1:])
    assert built.plan.slides[-1].number == len(built.plan.slides)


def test_regions_are_inside_the_slide(rendered):
    for built, _, _ in rendered.values():
        for slide in built.plan.slides:
            for region in slide.regions:
                left, top, right, bottom = region.rect.points()
                assert 0 <= left < right <= 12192000 / EMU_PER_PT
                assert 0 <= top < bottom <= 6858000 / EMU_PER_PT


# The timeline's coloured markers, as LibreOffice paints them (72 dpi: 1 px = 1 pt).
MARKER_COLOURS = {"C00000": (192, 0, 0), "548235": (84, 130, 53), "C55A11": (197, 90, 17)}


def test_timeline_shapes_drawn_inside_the_slide_where_planned(rendered, tmp_path):
    """Every filled marker of the seed's timelines is painted at its planned place, and no
    marker colour lies outside the timeline and its legend."""
    from PIL import Image

    from statusrapport.slides.layout import Shape

    built, _, pdf = rendered["seed"]
    for number, slide in enumerate(built.plan.slides, start=1):
        if slide.kind != "timeline":
            continue
        subprocess.run(["pdftoppm", "-scale-to-x", "960", "-scale-to-y", "540", "-png", "-f", str(number), "-l", str(number),
                        "-singlefile", str(pdf), str(tmp_path / f"t{number}")], check=True)
        image = Image.open(tmp_path / f"t{number}.png").convert("RGB")
        assert image.size == (960, 540)
        markers = [s for s in slide.shapes if isinstance(s, Shape) and s.geometry != "line"
                   and s.fill in ("red", "green", "orange")]
        assert markers
        for shape in markers:
            left, top, right, bottom = shape.rect.points()
            assert 0 <= left and right <= 960 and 0 <= top and bottom <= 540
            centre = image.getpixel((int((left + right) / 2), int((top + bottom) / 2)))
            assert any(_close(centre, c) for c in MARKER_COLOURS.values()), (number, shape)
        allowed = [r.rect.points() for r in slide.regions if r.name in ("timeline", "legend")]
        pixels = image.load()
        for y in range(0, 540, 2):
            for x in range(0, 960, 2):
                if any(_close(pixels[x, y], c) for c in MARKER_COLOURS.values()):
                    assert any(a - 1 <= x <= c + 1 and b - 1 <= y <= d + 1
                               for a, b, c, d in allowed), (number, x, y)


def _close(pixel, colour, tolerance=40) -> bool:
    return all(abs(p - c) <= tolerance for p, c in zip(pixel, colour))
