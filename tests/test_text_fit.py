"""Tests for statusrapport.text.fit: line and paragraph heights, table cells and rows, the size
that fits, and pagination over boxes (what the deck's planners use)."""

from __future__ import annotations

import shutil

import pytest

from statusrapport.slides.layout import Para, Span
from statusrapport.text import fit as tf
from statusrapport.text.wrap import wrap
from rendered_lines import render_lines
from text_samples import NORSK

MARGINS = (7.2, 7.2, 3.6, 3.6)  # PowerPoint's default cell insets l, r, t, b (pt)


def para(text: str, size: float = 12.0, **kwargs) -> Para:
    return Para((Span(text),), size, **kwargs)


def texts(pages: list[list[Para]]) -> list[str]:
    return [p.text for page in pages for p in page]


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
    # three lines in a text box
    assert tf.paras_height([para("a\nb\nc", 10.0)], 100, "Calibri", safe=False) == \
        pytest.approx(36.0)


def test_paragraphs_height_counts_indent_and_spacing():
    text = NORSK[:160]
    flat = tf.paras_height([para(text, 14.0)], 300, "Calibri", safe=False)
    indented = tf.paras_height([para(text, 14.0, level=1, margin=80.0)], 300, "Calibri",
                               safe=False)
    assert indented >= flat
    lines = len(wrap(text, 300 - 80, "Calibri", 14))
    assert indented == pytest.approx(lines * 16.8)
    spaced = para(text, 14.0, space_before=6.0)
    two = tf.paras_height([spaced, spaced], 300, "Calibri", safe=False)
    assert two == pytest.approx(2 * flat + 6)  # LibreOffice: none above the first
    safe = tf.paras_height([spaced, spaced], 300, "Calibri")
    assert safe > two


# ---------------------------------------------------------------- fitting


def test_fit_picks_smaller_sizes_for_longer_text():
    box_w, box_h = 400, 100
    text = (NORSK + " ") * 2
    sizes = (14, 13, 12, 11, 10)
    chosen = []
    for n in (100, 300, 400, 500, 600, 700):
        size, fits = tf.fit_size(lambda s: [para(text[:n], s)], box_w, box_h, "Calibri", sizes)
        assert fits
        assert tf.paginate([para(text[:n], size)], box_w, [box_h], "Calibri") == \
            [[para(text[:n], size)]]  # one box, the paragraph whole
        assert tf.paras_height([para(text[:n], size)], box_w, "Calibri") <= box_h
        chosen.append(size)
    assert chosen[0] == 14 and chosen[-1] == 10
    assert chosen == sorted(chosen, reverse=True) and len(set(chosen)) >= 3
    size, fits = tf.fit_size(lambda s: [para(text[:900], s)], box_w, box_h, "Calibri", sizes)
    assert not fits and size == 10
    assert len(tf.paginate([para(text[:900], size)], box_w, [box_h], "Calibri")) == 2
    # the size limits are the caller's: never below the smallest one given
    assert tf.fit_size(lambda s: [para(text[:700], s)], box_w, box_h, "Calibri",
                       (14, 12))[0] == 12


def _items(size: float, texts: list[str]) -> list[Para]:
    return [para(t, size, level=i % 2, bullet="•", margin=18.0 * (i % 2 + 1), space_before=4.0)
            for i, t in enumerate(texts)]


def test_fit_paginates_when_too_long():
    words = [f"Punkt {i}: " + NORSK[: 80 + 7 * i] for i in range(20)]
    sizes = (14, 13, 12, 11, 10)
    size, fits = tf.fit_size(lambda s: _items(s, words), 400, 200, "Calibri", sizes)
    assert not fits and size == 10
    paragraphs = _items(size, words)
    pages = tf.paginate(paragraphs, 400, [200], "Calibri")
    assert len(pages) >= 2
    count = next((i for i, (a, b) in enumerate(zip(pages[0], paragraphs)) if a != b),
                 len(pages[0]))  # the whole paragraphs on the first page
    assert 0 < count < len(paragraphs)
    assert pages[0][:count] == paragraphs[:count]  # whole paragraphs first
    for page in pages:
        assert tf.paras_height(page, 400, "Calibri") <= 200
        # a paragraph is split only with at least MIN_SPLIT_LINES lines on the page it leaves
        if page[-1].bullet and page[-1] not in paragraphs:
            assert len(wrap(page[-1].text, (400 - page[-1].margin) * (1 - tf.WIDTH_SLACK),
                            "Calibri", size)) >= tf.MIN_SPLIT_LINES
    # nothing lost, nothing reordered: a split paragraph's tail opens the next page
    rebuilt = []
    for p in (p for page in pages for p in page):
        if p.bullet is None:
            rebuilt[-1] = rebuilt[-1].rstrip() + " " + p.text
        else:
            rebuilt.append(p.text)
    assert [" ".join(t.split()) for t in rebuilt] == [" ".join(w.split()) for w in words]
    # one-line paragraphs have no line to split at: they move whole
    short = _items(size, [f"Punkt {i}" for i in range(40)])
    pages = tf.paginate(short, 400, [200], "Calibri")
    assert len(pages) >= 2 and [p for page in pages for p in page] == short


def test_paginate_splits_a_paragraph_taller_than_a_box():
    long = para(" ".join([NORSK] * 4), bullet="•")
    short = para("Kort punkt.", bullet="•")
    pages = tf.paginate([short, long, short], 300, [120, 200], "Calibri")
    assert len(pages) >= 3
    heads = [p for page in pages for p in page if p.text and p.bullet and p != short]
    tails = [p for page in pages for p in page if p.bullet is None]
    assert heads and tails
    rebuilt = " ".join([heads[0].text] + [t.text for t in tails])
    assert rebuilt.split() == long.text.split()
    for index, page in enumerate(pages):
        limit = [120, 200][min(index, 1)]
        assert tf.paras_height(page, 300, "Calibri") <= limit
    # every continuation starts its box, without a bullet or space above
    for page in pages:
        assert all(p.bullet for p in page[1:])
        assert all(p.space_before == 0.0 and p.hang == 0.0 for p in page if p.bullet is None)


def test_paginate_over_n_boxes_keeps_order():
    items = [f"Leveranse {i} – status og neste steg for delprosjektet" for i in range(40)]
    pages = tf.paginate([para(t) for t in items], 250, [100], "Arial")
    assert len(pages) > 3
    assert texts(pages) == items
    assert tf.paginate([], 250, [100], "Arial") == [[]]
    with pytest.raises(ValueError):
        tf.paginate([para("x")], 250, [], "Arial")


def test_take_places_what_fits_and_splits_at_a_line():
    queue = [para(NORSK), para("Kort.")]
    room = tf.para_height(queue[0], 300, "Calibri") + tf.para_height(queue[1], 300, "Calibri")
    placed, rest = tf.take(queue, 300, room, "Calibri")
    assert placed == queue and rest == []
    placed, rest = tf.take(queue, 300, 3 * tf.line_height(12.0, "Calibri") + 0.5, "Calibri")
    assert len(placed) == 1 and placed[0].text != NORSK  # three lines of the first
    assert len(wrap(placed[0].text, 300 * (1 - tf.WIDTH_SLACK), "Calibri", 12)) == 3
    assert " ".join((placed[0].text + " " + rest[0].text).split()) == " ".join(NORSK.split())
    assert rest[1:] == [queue[1]]
    # no room for a line: nothing, unless something must be placed
    assert tf.take(queue, 300, 1.0, "Calibri") == ([], queue)
    assert tf.take(queue, 300, 1.0, "Calibri", must=True) == ([queue[0]], [queue[1]])


def test_cut_to_fit_keeps_the_longest_prefix_that_fits():
    assert tf.cut_to_fit("kort", lambda t: len(t) <= 10) == "kort"
    cut = tf.cut_to_fit(NORSK, lambda t: len(t) <= 30)
    assert cut.endswith("…") and len(cut) <= 30 and NORSK.startswith(cut[:-1])
    assert len(tf.cut_to_fit(NORSK, lambda t: len(t) <= 30 and t.endswith("…"))) >= 28


# ---------------------------------------------------------------- tables


def test_row_height_is_tallest_cell():
    widths = [80, 200]
    row = [[para("Kort", 11.0)], [para(NORSK[:200], 11.0)]]
    lines = len(wrap(NORSK[:200], 200 - 14.4, "Calibri", 11))
    assert lines > 1
    assert tf.row_height(row, widths, "Calibri", 11, MARGINS, safe=False) == pytest.approx(
        lines * 11 + 7.2  # Carlito in a LibreOffice table cell: 1.0 em a line
    )
    assert tf.row_height(row, widths, "Calibri", 11, MARGINS) == \
        tf.cell_height(row[1], 200, "Calibri", 11, MARGINS)
    # an empty row is still a line high, never lower
    assert tf.row_height([[], []], widths, "Calibri", 11, MARGINS) == pytest.approx(
        tf.line_height(11, "Calibri") + 7.2)
    with pytest.raises(ValueError):
        tf.row_height([[para("a", 11.0)]], widths, "Calibri", 11, MARGINS)


def test_tables_paginate_rows_with_repeated_header():
    widths = [60, 150, 150]

    def table(size: float):
        header = [[para(t, size)] for t in ("Nr", "Leveranse", "Status")]
        return header, [
            [[para(str(i), size)], [para(f"Leveranse {i}: " + NORSK[: 30 + 5 * i], size)],
             [para("På plan" if i % 3 else "Forsinket – " + NORSK[:60], size)]]
            for i in range(30)
        ]

    def need(row, size=10.0):
        return tf.row_height(row, widths, "Calibri", size, MARGINS)

    header, rows = table(10.0)

    room = 250 * (1 - tf.HEIGHT_SLACK) - need(header)
    pages = tf.paginate_rows(rows, need, room)
    assert len(pages) > 1
    assert [r for page in pages for r in page] == rows
    for page in pages:
        assert need(header) + sum(need(r) for r in page) <= 250
    assert tf.paginate_rows(rows[:3], need, room) == [rows[:3]]
    # three rows fit one box even at 14 pt, thirty do not even at 10 pt
    header14, rows14 = table(14.0)
    assert need(header14, 14) + sum(need(r, 14) for r in rows14[:3]) <= 250 * (1 - tf.HEIGHT_SLACK)
    assert need(header, 10) + sum(need(r, 10) for r in rows) > 250
    # a row taller than a whole box gets a box of its own
    assert tf.paginate_rows([1, 50, 1], float, 10) == [[1], [50], [1]]


# ---------------------------------------------------------------- calibration


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not on PATH")
def test_table_cells_measure_as_libreoffice_draws_them(tmp_path):
    """A table row drawn as low as LibreOffice lets it (1 pt asked): its lines are the font's
    ascent + descent apart and the row is ``cell_height(safe=False)`` high, as the deck's tables
    are planned and written (100 % line spacing, cell insets 4/4/2/2 pt)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed next to soffice")
    from pptx import Presentation
    from pptx.util import Pt

    margins, width = (4.0, 4.0, 2.0, 2.0), 200.0
    cases = [(font, size) for font in ("Calibri", "Arial", "Times New Roman")
             for size in (10.5, 14.0)]
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(720), Pt(1000)
    for font, size in cases:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        table = slide.shapes.add_table(3, 1, Pt(20), Pt(20), Pt(width), Pt(3)).table
        table.columns[0].width = Pt(width)
        for r in range(3):
            table.rows[r].height = Pt(1)
            cell = table.cell(r, 0)
            cell.margin_left, cell.margin_right = Pt(margins[0]), Pt(margins[1])
            cell.margin_top, cell.margin_bottom = Pt(margins[2]), Pt(margins[3])
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.line_spacing = 1.0
            run = paragraph.add_run()
            run.text = f"Rad{r} " + NORSK[:120]
            run.font.name, run.font.size = font, Pt(size)
    pptx = tmp_path / "tables.pptx"
    prs.save(pptx)

    pages = render_lines(pptx, tmp_path)
    assert len(pages) == len(cases)
    for (font, size), rendered in zip(cases, pages):
        label = f"{font} {size}pt"
        lines = [wrap(f"Rad{r} " + NORSK[:120], width - 8, font, size) for r in range(3)]
        assert [t for _, t in rendered] == [" ".join(line.split()) for cell in lines
                                            for line in cell], label
        ys = [y for y, _ in rendered]
        firsts = [ys[sum(len(c) for c in lines[:r])] for r in range(3)]
        pitch = (ys[len(lines[0]) - 1] - ys[0]) / (len(lines[0]) - 1)
        assert pitch == pytest.approx(tf.line_height(size, font, safe=False, table=True),
                                      rel=0.01), label
        row = tf.cell_height([para(f"Rad0 " + NORSK[:120], size)], width, font, size, margins,
                             safe=False)
        for drawn in (firsts[1] - firsts[0], firsts[2] - firsts[1]):
            # within LibreOffice's rounding of lines to its units (measured: -0.32 pt for four
            # lines of Arial 10.5 pt, +0.2 pt for four of Calibri 14 pt); a row that needs the
            # little more grows into the safe room the plan reserves below it
            assert drawn == pytest.approx(row, rel=0.01), label
