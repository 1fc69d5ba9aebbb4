"""Tests for statusrapport.text.fit: metrics, wrapping, fitting, calibration.

The fontTools-based tests compare the JSON tables with the font files (and
are skipped where the Debian fonts are missing); the ``libreoffice`` test
renders real slides with soffice and compares line breaks and line height.
"""

from __future__ import annotations

import importlib.util
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from statusrapport.text import fit as tf
from statusrapport.text.fit import Paragraph

ROOT = Path(__file__).resolve().parent.parent
CARLITO = Path("/usr/share/fonts/truetype/crosextra")
LIBERATION = Path("/usr/share/fonts/truetype/liberation2")

FONT_FILES = {
    ("carlito", False, False): CARLITO / "Carlito-Regular.ttf",
    ("carlito", True, False): CARLITO / "Carlito-Bold.ttf",
    ("carlito", False, True): CARLITO / "Carlito-Italic.ttf",
    ("carlito", True, True): CARLITO / "Carlito-BoldItalic.ttf",
    ("liberation-sans", False, False): LIBERATION / "LiberationSans-Regular.ttf",
    ("liberation-sans", True, False): LIBERATION / "LiberationSans-Bold.ttf",
    ("liberation-serif", False, False): LIBERATION / "LiberationSerif-Regular.ttf",
    ("liberation-serif", True, False): LIBERATION / "LiberationSerif-Bold.ttf",
}

NORSK = (
    "Risikoen for at «Fase 2 – gevinstrealisering» ikke starter som planlagt er "
    "vurdert som middels. Årsaken er usikkerhet rundt finansieringen for 2025–2026 "
    "og avhengigheter til andre prosjekter i porteføljen, særlig ERP-moderniseringen "
    "og e-post-migreringen. Økonomi: forbruket per 31. mai er 14,2 MNOK mot et "
    "budsjett på 15,0 MNOK (95 %). Tiltak: styringsgruppen får en ny vurdering før "
    "sommeren, og tjenesteeierne involveres tettere i brukertestingen."
)

SAMPLES = [
    "Statusrapport",
    "Fremdriftsplan for prosjektporteføljen",
    "AVWAVATo Ta Te Yo",
    "æøå ÆØÅ «sitat» – — … € %",
    "office affine fjell tiltak etter ttf",
    NORSK,
]


def _fonttools():
    return pytest.importorskip("fontTools.ttLib")


def _extractor():
    spec = importlib.util.spec_from_file_location(
        "extract_font_metrics", ROOT / "tools" / "extract_font_metrics.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _need_fonts():
    missing = [p for p in FONT_FILES.values() if not p.exists()]
    if missing:
        pytest.skip(f"font files missing: {missing[0]}")


# ---------------------------------------------------------------- metrics


@pytest.mark.parametrize("key", sorted(FONT_FILES), ids=lambda k: "-".join(map(str, k)))
def test_widths_match_fonttools(key):
    ttlib = _fonttools()
    _need_fonts()
    family, bold, italic = key
    font = ttlib.TTFont(FONT_FILES[key], lazy=True)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    upem = font["head"].unitsPerEm
    for text in SAMPLES:
        expected = sum(hmtx[cmap[ord(ch)]][0] for ch in text) * 14 / upem
        got = tf.text_width(text, family, 14, bold, italic, shaped=False, grid=False)
        assert got == pytest.approx(expected, abs=1e-9), text
    # kerning, ligatures and the pixel grid move running text by about 1 %
    expected = sum(hmtx[cmap[ord(ch)]][0] for ch in NORSK) * 14 / upem
    assert tf.text_width(NORSK, family, 14, bold, italic) == pytest.approx(expected, rel=0.02)


def test_kerning_and_ligatures_match_font_tables():
    ttlib = _fonttools()
    _need_fonts()
    tool = _extractor()
    font = ttlib.TTFont(FONT_FILES[("carlito", False, False)], lazy=True)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    pairs = tool.kern_pairs(font, {cmap[ord("A")], cmap[ord("V")], cmap[ord("T")], cmap[ord("o")]})
    for a, b in ("AV", "To"):
        kern = pairs[(cmap[ord(a)], cmap[ord(b)])]
        assert kern < 0
        plain = tf.text_width(a + b, "carlito", 2048, shaped=False, grid=False)
        kerned = tf.text_width(a + b, "carlito", 2048, grid=False)  # 2048 pt: 1 unit = 1 pt
        assert kerned - plain == pytest.approx(kern)
    ligatures = dict(tool.ligatures(font, cmap))
    assert "ff" in ligatures and "tt" in ligatures
    for text in ("ff", "tt", "fi"):
        assert tf.text_width(text, "carlito", 2048, grid=False) == pytest.approx(
            hmtx[ligatures[text]][0]
        )


def test_metric_files_are_current():
    _fonttools()
    _need_fonts()
    assert _extractor().main(["--check"]) == 0, "run tools/extract_font_metrics.py"


def test_font_family_for():
    assert tf.font_family_for("Calibri") == "carlito"
    assert tf.font_family_for("Carlito") == "carlito"
    assert tf.font_family_for("Arial") == "liberation-sans"
    assert tf.font_family_for("Helvetica") == "liberation-sans"
    assert tf.font_family_for("Times New Roman") == "liberation-serif"
    assert tf.font_family_for("  times   new roman ") == "liberation-serif"
    assert tf.font_family_for("Comic Sans MS") == "carlito"  # documented fallback
    assert tf.font_family_for("+mn-lt") == "carlito"
    assert tf.font_family_for("") == "carlito"
    # names and family keys are interchangeable everywhere
    assert tf.text_width("Tekst", "Arial", 12) == tf.text_width("Tekst", "liberation-sans", 12)


def test_width_scales_with_size_and_weight():
    w10 = tf.text_width(NORSK, "Calibri", 10, grid=False)
    w20 = tf.text_width(NORSK, "Calibri", 20, grid=False)
    assert w20 == pytest.approx(2 * w10)
    assert tf.text_width(NORSK, "Calibri", 14, bold=True) > tf.text_width(NORSK, "Calibri", 14)
    assert tf.text_width(NORSK, "Arial", 14) > tf.text_width(NORSK, "Calibri", 14)
    # unknown characters take one em, zero-width ones nothing
    assert tf.text_width("\u4e2d", "Calibri", 10, grid=False) == pytest.approx(10)
    assert tf.text_width("a\u200bb", "Calibri", 10) == tf.text_width("ab", "Calibri", 10)


def test_runtime_does_not_import_fonttools():
    code = (
        "import sys; from statusrapport.text import fit as t; "
        "t.fit(['Tekst ' * 50], 300, 100, 'Calibri'); "
        "assert 'fontTools' not in sys.modules, 'fontTools imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# ---------------------------------------------------------------- wrapping


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("font", ["Calibri", "Arial", "Times New Roman"])
def test_wrap_never_exceeds_width(font):
    rng = random.Random(7)
    vocabulary = NORSK.split() + ["Superlangtsammensattordsomikkefårplass", "e-post/IT-drift"]
    for _ in range(150):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40)))
        width = rng.uniform(30, 500)
        size = rng.choice([9, 10, 11, 12, 14, 18])
        bold = rng.random() < 0.3
        lines = tf.wrap(text, width, font, size, bold)
        for line in lines:
            assert tf.text_width(line, font, size, bold) <= width + 1e-6, (line, width)
        # nothing lost, nothing added (word chops only split words)
        assert "".join("".join(lines).split()) == "".join(text.split())


def test_norwegian_text_wraps():
    lines = tf.wrap(NORSK, 300, "Calibri", 14)
    assert 5 <= len(lines) <= 12
    assert all(tf.text_width(line, "Calibri", 14) <= 300 for line in lines)
    assert "".join(lines).replace(" ", "") == NORSK.replace(" ", "")
    joined = " ".join(lines)
    for token in ("«Fase", "gevinstrealisering»", "Økonomi:", "2025–", "særlig"):
        assert token in joined
    # greedy: the first word of each line did not fit on the line before
    for prev, nxt in zip(lines, lines[1:]):
        first = nxt.split()[0]
        assert tf.text_width(prev + " " + first, "Calibri", 14) > 300 or prev.endswith(("-", "–"))


def test_wrap_break_rules():
    # after hyphens and en dashes; never after "/" inside a word (LibreOffice)
    w = tf.text_width("Dette gjelder e-", "Calibri", 14) + 1
    lines = tf.wrap("Dette gjelder e-postadresse", w, "Calibri", 14)
    assert lines == ["Dette gjelder e-", "postadresse"]
    w = tf.text_width("Dette gjelder 2024–", "Calibri", 14) + 1
    assert tf.wrap("Dette gjelder 2024–2025", w, "Calibri", 14) == ["Dette gjelder 2024–", "2025"]
    w = tf.text_width("Dette gjelder og/", "Calibri", 14) + 1
    assert tf.wrap("Dette gjelder og/eller", w, "Calibri", 14) == ["Dette gjelder", "og/eller"]
    # no break before closing punctuation or after an opening guillemet
    w = tf.text_width("Dette gjelder ord ", "Calibri", 14) + 0.5
    assert tf.wrap("Dette gjelder ord ))", w, "Calibri", 14) == ["Dette gjelder", "ord ))"]
    # no-break space glues
    w = tf.text_width("Beløp 14,2", "Calibri", 14) + 1
    assert tf.wrap("Beløp 14,2\u00a0MNOK", w, "Calibri", 14)[0] == "Beløp"


def test_wrap_keeps_explicit_breaks_and_empty_lines():
    lines = tf.wrap("Første linje\n\nTredje\vfjerde", 500, "Calibri", 14)
    assert lines == ["Første linje", "", "Tredje", "fjerde"]
    assert tf.wrap("", 100, "Calibri", 14) == [""]


def test_long_word_is_broken_by_characters():
    word = "Prosjektporteføljestyringsdokumentasjon"
    lines = tf.wrap(word + " ok", 60, "Calibri", 14)
    assert len(lines) >= 3
    assert "".join(lines).replace(" ", "") == (word + "ok")
    assert all(tf.text_width(line, "Calibri", 14) <= 60 for line in lines)
    # even narrower than one character: one character per line, no endless loop
    assert tf.wrap("WW", 1, "Calibri", 14) == ["W", "W"]


# ---------------------------------------------------------------- heights


def test_line_height_rules():
    assert tf.line_height(10, "Calibri", safe=False) == pytest.approx(12.0)
    assert tf.line_height(10, "Arial", safe=False) == pytest.approx(12.0)
    # safe: Carlito's ascent+descent+gap (2500/2048 em) is above 1.2 em
    assert tf.line_height(10, "Calibri") == pytest.approx(10 * 2500 / 2048)
    assert tf.line_height(10, "Arial") == pytest.approx(12.0)
    assert tf.line_height(10, "Calibri", 0.9, safe=False) == pytest.approx(10.8)
    # LibreOffice table cells: hhea ascent + descent
    assert tf.line_height(10, "Calibri", safe=False, table=True) == pytest.approx(10.0)
    assert tf.text_height(3, 10, "Calibri", safe=False) == pytest.approx(36.0)


def test_paragraphs_height_counts_indent_and_spacing():
    text = NORSK[:160]
    flat = tf.paragraphs_height([text], 300, "Calibri", 14, safe=False)
    indented = tf.paragraphs_height([(1, text)], 300, "Calibri", 14, indent_pt=40, safe=False)
    assert indented >= flat
    lines = len(tf.wrap(text, 300 - 80, "Calibri", 14))
    assert indented == pytest.approx(lines * 16.8)
    two = tf.paragraphs_height([text, text], 300, "Calibri", 14, space_before_pt=6, safe=False)
    assert two == pytest.approx(2 * flat + 6)  # LibreOffice: none above the first
    safe = tf.paragraphs_height([text, text], 300, "Calibri", 14, space_before_pt=6)
    assert safe > two


# ---------------------------------------------------------------- fitting


def test_fit_picks_smaller_sizes_for_longer_text():
    box_w, box_h = 400, 100
    text = (NORSK + " ") * 2
    sizes = []
    for n in (100, 300, 400, 500, 600, 700):
        result = tf.fit([text[:n]], box_w, box_h, "Calibri")
        assert result.fits and result.count == 1 and len(result.pages) == 1
        assert tf.paragraphs_height(result.first, box_w, "Calibri", result.size_pt) <= box_h
        sizes.append(result.size_pt)
    assert sizes[0] == 14 and sizes[-1] == 10
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) >= 3
    too_long = tf.fit([text[:900]], box_w, box_h, "Calibri")
    assert not too_long.fits and too_long.size_pt == 10 and len(too_long.pages) == 2
    # the size limits are the caller's: never below the smallest one given
    assert tf.fit([text[:700]], box_w, box_h, "Calibri", sizes=(14, 12)).size_pt == 12


def test_fit_paginates_when_too_long():
    paragraphs = [Paragraph(f"Punkt {i}: " + NORSK[: 80 + 7 * i], level=i % 2) for i in range(20)]
    result = tf.fit(paragraphs, 400, 200, "Calibri", indent_pt=18, space_before_pt=4)
    assert not result.fits
    assert result.size_pt == 10
    assert 0 < result.count < len(paragraphs)
    assert result.first == paragraphs[: result.count]
    assert len(result.pages) >= 2
    assert [p for page in result.pages for p in page] == paragraphs  # nothing split here
    assert result.rest == paragraphs[result.count :]
    for page in result.pages:
        assert tf.paragraphs_height(page, 400, "Calibri", 10, 18, 4) <= 200


def test_paginate_splits_a_paragraph_taller_than_a_box():
    long = Paragraph(" ".join([NORSK] * 4))
    short = Paragraph("Kort punkt.")
    pages = tf.paginate([short, long, short], 300, [120, 200], "Calibri", 12)
    assert len(pages) >= 3
    heads = [p for page in pages for p in page if p.text and not p.continued and p != short]
    tails = [p for page in pages for p in page if p.continued]
    assert heads and tails
    rebuilt = " ".join([heads[0].text] + [t.text for t in tails])
    assert rebuilt.split() == long.text.split()
    for index, page in enumerate(pages):
        limit = [120, 200][min(index, 1)]
        assert tf.paragraphs_height(page, 300, "Calibri", 12) <= limit
    # every continuation starts its box
    for page in pages:
        assert all(not p.continued for p in page[1:])


def test_paginate_over_n_boxes_keeps_order():
    items = [f"Leveranse {i} – status og neste steg for delprosjektet" for i in range(40)]
    pages = tf.paginate(items, 250, 100, "Arial", 12)
    assert len(pages) > 3
    assert [p.text for page in pages for p in page] == items
    assert tf.paginate([], 250, 100, "Arial", 12) == [[]]


# ---------------------------------------------------------------- tables


def test_row_height_is_tallest_cell():
    widths = [80, 200]
    margins = (7.2, 7.2, 3.6, 3.6)
    row = ["Kort", NORSK[:200]]
    lines = len(tf.wrap(row[1], 200 - 14.4, "Calibri", 11))
    assert tf.row_height(row, widths, "Calibri", 11, margins, safe=False) == pytest.approx(
        lines * 11 + 7.2
    )
    assert tf.row_height(["", ""], widths, "Calibri", 11, min_height_pt=30) == 30
    with pytest.raises(ValueError):
        tf.row_height(["a"], widths, "Calibri", 11)


def test_tables_paginate_rows_with_repeated_header():
    widths = [60, 150, 150]
    header = ["Nr", "Leveranse", "Status"]
    rows = [
        [str(i), f"Leveranse {i}: " + NORSK[: 30 + 5 * i],
         "På plan" if i % 3 else "Forsinket – " + NORSK[:60]]
        for i in range(30)
    ]
    result = tf.fit_table(rows, widths, 250, "Calibri", header=header)
    assert not result.fits and result.size_pt == 10
    assert [r for page in result.pages for r in page] == rows
    for page in result.pages:
        assert tf.table_height(page, widths, "Calibri", 10, header=header) <= 250
    small = tf.fit_table(rows[:3], widths, 250, "Calibri", header=header)
    assert small.fits and small.size_pt == 14


# ---------------------------------------------------------------- calibration


def _stable_width(text: str, width: float, font: str, size: float, bold: bool = False) -> float:
    """Nudge ``width`` until no line break lies within 0.3 pt of it.

    The model reproduces LibreOffice's glyph grid to about 0.05 pt; a break
    that close to the margin could go either way and say nothing.
    """
    for _ in range(200):
        narrower = tf.wrap(text, width - 0.3, font, size, bold)
        if narrower == tf.wrap(text, width + 0.3, font, size, bold):
            return width
        width += 0.5
    raise AssertionError("no stable width found")


def _render_lines(pptx: Path, outdir: Path) -> list[list[tuple[float, str]]]:
    """Per slide: (ymin, text) of every rendered line, top to bottom."""
    from lxml import etree

    profile = (outdir / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(pptx)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = outdir / (pptx.stem + ".pdf")
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, timeout=120
    ).stdout
    root = etree.fromstring(html, etree.HTMLParser(encoding="utf-8"))
    pages = []
    for page in root.iter("page"):
        rows: dict[float, list[tuple[float, str]]] = {}
        for word in page.iter("word"):
            y = round(float(word.get("ymin")), 1)
            rows.setdefault(y, []).append((float(word.get("xmin")), word.text))
        pages.append([(y, " ".join(t for _, t in sorted(ws))) for y, ws in sorted(rows.items())])
    return pages


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not on PATH")
def test_calibration_against_libreoffice(tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed next to soffice")
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt

    cases = [("Calibri", 14, False, w) for w in (140, 190, 250, 320, 410, 530)]
    cases += [("Calibri", 11, True, 260), ("Arial", 14, False, 300),
              ("Times New Roman", 12, False, 220)]
    cases = [(f, s, b, _stable_width(NORSK, w, f, s, b)) for f, s, b, w in cases]

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(720), Pt(1100)
    for font, size, bold, width in cases:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        box = slide.shapes.add_textbox(Pt(20), Pt(20), Pt(width), Pt(40))
        frame = box.text_frame
        frame.word_wrap = True  # wrap="square"
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        run = frame.paragraphs[0].add_run()
        run.text = NORSK
        run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
    pptx = tmp_path / "calibration.pptx"
    prs.save(pptx)

    pages = _render_lines(pptx, tmp_path)
    assert len(pages) == len(cases)
    for (font, size, bold, width), rendered in zip(cases, pages):
        predicted = tf.wrap(NORSK, width, font, size, bold)
        label = f"{font} {size}pt bold={bold} width={width}"
        assert len(rendered) == len(predicted), label
        assert [t for _, t in rendered] == [" ".join(line.split()) for line in predicted], label
        ys = [y for y, _ in rendered]
        pitch = (ys[-1] - ys[0]) / (len(ys) - 1)
        assert pitch == pytest.approx(tf.line_height(size, font, safe=False), rel=0.01), label
        assert pitch == pytest.approx(tf.line_height(size, font), rel=0.05), label
