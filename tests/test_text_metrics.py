"""Tests for statusrapport.text.metrics: the JSON tables against the font files, widths,
font names, and a runtime without fontTools.

The fontTools-based tests compare the JSON tables with the font files (and are skipped where
the Debian fonts are missing).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from statusrapport.text import metrics as tm
from text_samples import NORSK, SAMPLES

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
        got = tm.text_width(text, family, 14, bold, italic, shaped=False, grid=False)
        assert got == pytest.approx(expected, abs=1e-9), text
    # kerning, ligatures and the pixel grid move running text by about 1 %
    expected = sum(hmtx[cmap[ord(ch)]][0] for ch in NORSK) * 14 / upem
    assert tm.text_width(NORSK, family, 14, bold, italic) == pytest.approx(expected, rel=0.02)


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
        plain = tm.text_width(a + b, "carlito", 2048, shaped=False, grid=False)
        kerned = tm.text_width(a + b, "carlito", 2048, grid=False)  # 2048 pt: 1 unit = 1 pt
        assert kerned - plain == pytest.approx(kern)
    ligatures = dict(tool.ligatures(font, cmap))
    assert "ff" in ligatures and "tt" in ligatures
    for text in ("ff", "tt", "fi"):
        assert tm.text_width(text, "carlito", 2048, grid=False) == pytest.approx(
            hmtx[ligatures[text]][0]
        )


def test_metric_files_are_current():
    _fonttools()
    _need_fonts()
    assert _extractor().main(["--check"]) == 0, "run tools/extract_font_metrics.py"


def test_font_family_for():
    assert tm.font_family_for("Calibri") == "carlito"
    assert tm.font_family_for("Carlito") == "carlito"
    assert tm.font_family_for("Arial") == "liberation-sans"
    assert tm.font_family_for("Helvetica") == "liberation-sans"
    assert tm.font_family_for("Times New Roman") == "liberation-serif"
    assert tm.font_family_for("  times   new roman ") == "liberation-serif"
    assert tm.font_family_for("Comic Sans MS") == "carlito"  # documented fallback
    assert tm.font_family_for("+mn-lt") == "carlito"
    assert tm.font_family_for("") == "carlito"
    # names and family keys are interchangeable everywhere
    assert tm.text_width("Tekst", "Arial", 12) == tm.text_width("Tekst", "liberation-sans", 12)
    # a font name gives one metrics object, whatever alias names it
    assert tm.metrics_for("Calibri") is tm.metrics_for("carlito")
    assert tm.metrics_for("Times New Roman").name == "liberation-serif"
    assert tm.metrics_for("Calibri").line_em(gap=False) == pytest.approx(1.0)
    assert tm.metrics_for("Calibri").line_em(gap=True) == pytest.approx(2500 / 2048)


def test_width_scales_with_size_and_weight():
    w10 = tm.text_width(NORSK, "Calibri", 10, grid=False)
    w20 = tm.text_width(NORSK, "Calibri", 20, grid=False)
    assert w20 == pytest.approx(2 * w10)
    assert tm.text_width(NORSK, "Calibri", 14, bold=True) > tm.text_width(NORSK, "Calibri", 14)
    assert tm.text_width(NORSK, "Arial", 14) > tm.text_width(NORSK, "Calibri", 14)
    # unknown characters take one em, zero-width ones nothing
    assert tm.text_width("\u4e2d", "Calibri", 10, grid=False) == pytest.approx(10)
    assert tm.text_width("a\u200bb", "Calibri", 10) == tm.text_width("ab", "Calibri", 10)


def test_runtime_does_not_import_fonttools():
    # measure, wrap and paginate as the deck does: the JSON tables, never the font files
    code = (
        "import sys; from statusrapport.text import fit as t; "
        "from statusrapport.slides.layout import Para, Span; "
        "pages = t.paginate([Para((Span('Tekst ' * 50),), 14.0)], 300, [100], 'Calibri'); "
        "assert len(pages) == 2, pages; "
        "assert 'fontTools' not in sys.modules, 'fontTools imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
