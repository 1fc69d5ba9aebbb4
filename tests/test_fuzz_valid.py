"""Random valid programmes (any lengths inside the model's bounds, Norwegian letters, «»,
emoji, right-to-left text) through `build`: exit 0, the deck reopens with python-pptx, and
every text stays inside its box by the measure the deck's own planning uses. A small sample
is drawn by LibreOffice and checked word by word, as tests/test_render_libreoffice.py does."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given
from lxml import etree
from pptx import Presentation

from deck_samples import normalise
from fuzz_inputs import (at_the_bounds, check_user_outcome, examples, invoke,
                         renderable_programme, valid_programme, write_folder)
from plan_checks import plan_problems
from statusrapport.writer import template
from statusrapport.build import build
from test_render_libreoffice import BULLETS, _outside, _words

GEOMETRY = template.geometry(template.open_template())
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


@examples(60, suppress_health_check=SLOW)
@given(files=valid_programme())
def test_valid_programmes_build_and_fit(files):
    with tempfile.TemporaryDirectory() as tmp:
        data = write_folder(Path(tmp) / "data", files)
        out = Path(tmp) / "deck.pptx"
        result = invoke("build", "2021-uke-33", "--data", str(data), "-o", str(out))
        check_user_outcome(result, allowed=(0,))
        plan = build(data, "2021-uke-33", Path(tmp) / "again.pptx").plan  # the plan drawn
        assert len(Presentation(str(out)).slides) == len(plan.slides)
        problems = plan_problems(plan, GEOMETRY)
        assert problems == [], "\n".join(problems[:20])


EXAMPLES = Path(__file__).parent / "fuzz_examples"


def test_the_overview_rows_hold_their_text(tmp_path):
    """Found by test_valid_programmes_build_and_fit: a row planned 40.6 pt high for text that
    needs 52.0 pt. Its height was the safe measure (wrapped 3 % narrower), and line breaks are
    not monotonic in the width: the narrower wrap took 3 lines, the drawn width 4."""
    files = json.loads((EXAMPLES / "overview-row-too-low.json").read_text(encoding="utf-8"))
    plan = build(write_folder(tmp_path / "data", files), "2021-uke-33", tmp_path / "d.pptx").plan
    assert plan_problems(plan, GEOMETRY) == []


def test_a_programme_at_the_models_limits_builds_and_fits(tmp_path):
    """30 moved milestones with 12-character ids, 120-character names of wide letters: the
    overview row stays within a slide (a few ids and "+N", every cell at most a few lines)."""
    data = write_folder(tmp_path / "data", at_the_bounds())
    result = invoke("build", "2021-uke-33", "--data", str(data), "-o", str(tmp_path / "d.pptx"))
    check_user_outcome(result, allowed=(0,))
    plan = build(data, "2021-uke-33", tmp_path / "again.pptx").plan
    assert len(Presentation(str(tmp_path / "d.pptx")).slides) == len(plan.slides)
    problems = plan_problems(plan, GEOMETRY)
    assert problems == [], "\n".join(problems[:20])


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")


def _pages(pdf: Path):
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, timeout=120).stdout
    text = out.decode("utf-8", "replace").encode("utf-8")  # an odd glyph is not fatal
    return etree.fromstring(text, etree.XMLParser(recover=True)).findall(
        ".//{http://www.w3.org/1999/xhtml}page")


def _comparable(text: str) -> str:
    return normalise(unicodedata.normalize("NFKC", text)).replace(" ", "").strip(".")


def _misplaced(plan, pages) -> list[str]:
    """As test_render_libreoffice checks a deck: each word LibreOffice drew lies inside a box
    planned to hold it. pdftotext gives right-to-left runs in visual order (a word mixing
    directions comes out reordered), so such a word may lie in any box holding such script.
    Chart slides are left out: the chart draws its own axis labels, not planned text."""
    problems = []
    for number, (slide, page) in enumerate(zip(plan.slides, pages), start=1):
        if any(type(shape).__name__ == "Chart" for shape in slide.shapes):
            continue
        regions = [(r, _comparable(r.text)) for r in slide.regions]
        for text, box in _words(page):
            text = _comparable(text)
            if not text:
                continue
            if _RTL.search(text):
                owners = [r for r, held in regions if _RTL.search(held)]
            elif not any(c.isalnum() for c in text):  # punctuation that bidi moved (":-")
                owners = [r for r, _ in regions]
            else:
                owners = [r for r, held in regions if text in held or text in BULLETS]
            if not any(_outside(box, r) == 0.0 for r in owners):
                where = ", ".join(f"{r.name} by {_outside(box, r):.1f} pt" for r in owners)
                problems.append(f"slide {number}: {text!r} at {box} outside its box "
                                f"({where or 'no box holds this word'})")
    return problems


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or pdftotext not installed")
@examples(3, suppress_health_check=SLOW, database=None,
          phases=[Phase.explicit, Phase.generate])  # shrinking would convert again and again
@given(files=renderable_programme())
def test_a_sample_drawn_by_libreoffice_keeps_every_word_in_its_box(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        built = build(write_folder(root / "data", files), "2021-uke-33", root / "deck.pptx")
        subprocess.run([SOFFICE, f"-env:UserInstallation={(root / 'lo').as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(root),
                        str(root / "deck.pptx")], check=True, capture_output=True, timeout=300)
        pages = _pages(root / "deck.pdf")
        assert len(pages) == len(built.plan.slides)
        problems = _misplaced(built.plan, pages)
        assert problems == [], "\n".join(problems[:20])
