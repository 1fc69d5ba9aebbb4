"""A deck as LibreOffice draws it, checked as a reader would look at it: one page per slide,
every word on the slide and inside the box the plan reserved for it, no title cut with "…",
and no word over the pictures and shapes that the slide's layout and master draw.

The word boxes come from the PDF (pdftotext -bbox-layout); the template's artwork is read from
the built .pptx with python-pptx, independently of statusrapport.writer.area (every shape
that is not a placeholder counts, save a background covering the slide).

Not a test module: tests/test_real_templates_render.py uses these.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from deck_samples import normalise

XHTML = {"h": "http://www.w3.org/1999/xhtml"}
GLYPH_SLACK_PT = 2.0  # a word's box is its font's ascent-to-descent box, taller than its line
SIDE_SLACK_PT = 0.5
ART_SLACK_PT = 1.0  # a word may touch a shape's edge by this much
BULLETS = "•–-"
PLACEHOLDER_REGIONS = ("title", "number", "footer", "date")  # the body is the deck's text
PLACEHOLDER_REACH_PT = 3.0  # how far past its box a placeholder's glyphs may reach
BACKGROUND_SHARE = 0.9
EMU_PER_PT = 12700


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(decks: list[Path], outdir: Path) -> dict[Path, Path]:
    """Each deck as PDF, in one LibreOffice run with a private profile."""
    subprocess.run(
        [soffice(), f"-env:UserInstallation={(outdir / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, decks)],
        check=True, capture_output=True, timeout=600)
    return {deck: outdir / (deck.stem + ".pdf") for deck in decks}


def pages(pdf: Path) -> list:
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, timeout=120).stdout
    return etree.fromstring(out).findall(".//h:page", XHTML)


def words(page):
    for word in page.iterfind(".//h:word", XHTML):
        box = tuple(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
        # casefolded: a template's title style may set capitals (cap="all")
        yield normalise(word.text or "").replace(" ", "").casefold(), box


@dataclass(frozen=True)
class Art:
    name: str
    box: tuple[float, float, float, float]  # left, top, right, bottom in pt
    text: str = ""  # what it says itself (a copyright line), casefolded, without spaces


def artwork(deck: Path) -> tuple[tuple[float, float], list[list[Art]]]:
    """The slide's size (pt), and per slide what its layout and (unless the layout hides them)
    its master draw beside their placeholders."""
    from pptx import Presentation

    prs = Presentation(str(deck))
    slide_area = prs.slide_width * prs.slide_height
    out = []
    for slide in prs.slides:
        layout = slide.slide_layout
        sources = [layout.shapes]
        if layout._element.get("showMasterSp") != "0":
            sources.append(layout.slide_master.shapes)
        found = []
        for shapes in sources:
            for shape in shapes:
                if shape.is_placeholder or None in (shape.left, shape.top, shape.width,
                                                    shape.height):
                    continue
                if shape.width * shape.height >= BACKGROUND_SHARE * slide_area:
                    continue
                text = shape.text_frame.text if shape.has_text_frame else ""
                found.append(Art(shape.name, (shape.left / EMU_PER_PT, shape.top / EMU_PER_PT,
                                              (shape.left + shape.width) / EMU_PER_PT,
                                              (shape.top + shape.height) / EMU_PER_PT),
                                 normalise(text).replace(" ", "").casefold()))
        out.append(found)
    return (prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT), out


def _outside(box, rect) -> float:
    x0, y0, x1, y1 = box
    left, top, right, bottom = rect
    glyph = max(GLYPH_SLACK_PT, 0.15 * (y1 - y0))  # the allowance grows with the text's size
    return max(left - SIDE_SLACK_PT - x0, x1 - right - SIDE_SLACK_PT,
               top - glyph - y0, y1 - bottom - glyph, 0.0)


def _overlap(a, b, slack: float = 0.0) -> bool:
    return (a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3]
            and b[1] + slack < a[3])


PAGES, CUT, BOX, ART, DRAWN = "pages", "cut", "box", "art", "drawn"


def problems(built, pdf: Path, source_titles: set[str] | None = None) -> list[tuple[str, str]]:
    """Everything a reader would see wrong on the drawn deck, each as (kind, message): a page
    count or size that is not the deck's (PAGES), a title cut with "…" (CUT), a word off the
    page or outside its box (BOX), over the template's artwork (ART), or not drawn (DRAWN)."""
    drawn = pages(pdf)
    slides = built.plan.slides
    if len(drawn) != len(slides):
        return [(PAGES, f"{len(drawn)} pages for {len(slides)} slides")]
    out = []
    size, art = artwork(built.path)
    for number, (slide, page, shapes) in enumerate(zip(slides, drawn, art), start=1):
        width, height = float(page.get("width")), float(page.get("height"))
        if abs(width - size[0]) > 1 or abs(height - size[1]) > 1:
            out.append((PAGES, f"slide {number}: page {width} x {height} pt, the slide "
                              f"{size[0]:.0f} x {size[1]:.0f}"))
        regions = [(r, normalise(r.text).replace(" ", "").casefold()) for r in slide.regions]
        if "…" in slide.title_text and not (source_titles and slide.title_text in source_titles):
            out.append((CUT, f"slide {number}: title cut: {slide.title_text!r}"))
        for text, box in words(page):
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                out.append((BOX, f"slide {number}: {text!r} outside the page {box}"))
                continue
            owners = [r for r, held in regions if text in held or (text and text in BULLETS)]
            inside = [r for r in owners if _outside(box, r.rect.points()) == 0.0]
            own = [a for a in shapes if text and text in a.text and _outside(box, a.box) == 0.0]
            if own:  # the template's own words (a copyright line), where it put them
                continue
            if not inside:
                where = ", ".join(f"{r.name} by {_outside(box, r.rect.points()):.1f} pt"
                                  for r in owners)
                out.append((BOX, f"slide {number}: {text!r} at {box} outside its box "
                                 f"({where or 'no box holds this word'})"))
                continue
            for shape in shapes:
                if not _overlap(box, shape.box, ART_SLACK_PT):
                    continue
                # the template's own placeholders may sit on or at its artwork (a title on a
                # band, a slide number just above one): their words are where it put them
                if any(r.name in PLACEHOLDER_REGIONS and _overlap(r.rect.points(), shape.box,
                                                                  -PLACEHOLDER_REACH_PT)
                       for r in inside):
                    continue
                out.append((ART, f"slide {number}: {text!r} at {box} over the template's "
                                 f"{shape.name!r} {tuple(round(v) for v in shape.box)}"))
        text = "".join(t for t, _ in words(page))
        for region in slide.regions:
            for word in re.split(r"[ /]", normalise(region.text).casefold()):
                if word and word not in text:  # "Plan/budsjett" may wrap after its "/"
                    out.append((DRAWN, f"slide {number}, {region.name}: {word!r} not drawn"))
    return out


def pictures(pdf: Path, outdir: Path, prefix: str, resolution: int = 40) -> list[Path]:
    """Every page as a PNG, to look at."""
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), str(pdf),
                    str(outdir / prefix)], check=True, timeout=300)
    return sorted(outdir.glob(f"{prefix}*.png"))
