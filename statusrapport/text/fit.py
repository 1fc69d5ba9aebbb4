"""Fitting: how tall a paragraph, a list or a table cell is, and what fits in a box.

PowerPoint only applies ``normAutofit`` after someone edits the text, so the deck decides by
itself whether a text fits its box, at which size, and where it continues on the next slide.
Lines are broken by ``text/wrap.py``, measured with ``text/metrics.py``.

Two measures, both LibreOffice 7.4's rules measured on rendered PDFs:

* exact (``safe=False``): what LibreOffice draws. Text boxes from PPTX use font-independent
  line spacing, ``LINE_HEIGHT_EM`` (1.2 em) per line at 100 % (measured 1.198-1.200), and no
  space-before above a box's first paragraph. Table cells use the font's ascent + descent per
  line (Carlito 1.0 em, Liberation Sans 1.117 em, Liberation Serif 1.1 em) plus the margins.
* safe (the default): what a plan reserves, so that the text also fits in PowerPoint: lines
  wrap at ``1 - WIDTH_SLACK`` of the width, a line is the larger of 1.2 em and the font's
  ascent + descent + gap (``USE_FONT_LINE_HEIGHT_FLOOR``), space-before counts above the first
  paragraph too, and a box keeps ``HEIGHT_SLACK`` of its height free.

A paragraph here is anything with the ``Fitted`` attributes (the slides' ``Para``), so the
engine has no idea of bullets, colours or links.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Protocol, Sequence, TypeVar

from statusrapport.text.metrics import DEFAULT_FAMILY, metrics_for
from statusrapport.text.wrap import wrap_spans

#: PPTX text boxes use font-independent line spacing: 1.2 em per line at
#: 100 % (LibreOffice measured: 1.198-1.200 em at 10-28 pt for Calibri, Arial
#: and Times; PowerPoint's "single" spacing is 1.2 em as well). LibreOffice's
#: table cells use the font's ascent+descent instead (see ``line_height``).
LINE_HEIGHT_EM = 1.2

#: Fitting never uses less than the font's own ascent+descent+gap (Carlito:
#: 1.2207 em), in case a renderer uses font metrics instead of 1.2 em.
USE_FONT_LINE_HEIGHT_FLOOR = True

#: Fitting wraps at 97 % of the width: PowerPoint positions glyphs without
#: LibreOffice's pixel grid and does not kern below 12 pt (about 1 %), and
#: real Calibri/Arial may differ from Carlito/Liberation by hinting.
WIDTH_SLACK = 0.03

#: Fitting keeps 2 % of the box height free: line positions are rounded (to
#: 1/100 mm in LibreOffice, EMU/pixels in PowerPoint) and that accumulates.
HEIGHT_SLACK = 0.02

#: Fitting counts space-before above the first paragraph of a box although
#: LibreOffice leaves it out (measured); PowerPoint versions are not uniform.
SPACE_BEFORE_FIRST_PARAGRAPH = True

#: A paragraph longer than a whole box is split at line level; fewer than
#: this many lines left at the bottom of a box are moved on instead (orphans).
MIN_SPLIT_LINES = 2

#: What a line of a paragraph is broken off after (and the next line starts after).
_LINE_END_SPACE = " \t\n\v"


class Fitted(Protocol):
    """A paragraph at one size as the engine measures it; `margin`: its text's left margin."""

    @property
    def text(self) -> str: ...

    @property
    def bold(self) -> bool: ...

    @property
    def size(self) -> float: ...

    @property
    def margin(self) -> float: ...

    @property
    def space_before(self) -> float: ...

    @property
    def line_spacing(self) -> float: ...

    def split_at(self, end: int, start: int) -> tuple[Fitted, Fitted]:
        """The text before `end`, and the text from `start` on as its continuation."""
        ...


P = TypeVar("P", bound=Fitted)
R = TypeVar("R")


# --- heights ---------------------------------------------------------------------------------

def line_height(size: float, font: str = DEFAULT_FAMILY, line_spacing: float = 1.0,
                *, safe: bool = True, table: bool = False) -> float:
    """Height of one line in points at `line_spacing` (1.0 = 100 %).

    ``safe=False`` is LibreOffice's rule: in text boxes from PPTX a fixed ``LINE_HEIGHT_EM``
    (1.2 em); in table cells (``table=True``) the font's hhea ascent + descent (Carlito 1.0 em,
    Liberation Sans 1.117 em). ``safe=True`` (what a plan reserves) takes the larger of 1.2 em
    (PowerPoint's single spacing, in tables too) and the font's ascent + descent + line gap
    (Carlito 1.2207 em), see ``USE_FONT_LINE_HEIGHT_FLOOR``.
    """
    metrics = metrics_for(font)
    if safe:
        em = LINE_HEIGHT_EM
        if USE_FONT_LINE_HEIGHT_FLOOR:
            em = max(em, metrics.line_em(gap=True))
    elif table:
        em = metrics.line_em(gap=False)
    else:
        em = LINE_HEIGHT_EM
    return em * size * line_spacing


def _wrap_width(width: float, margin: float, safe: bool) -> float:
    w = width - margin
    if safe:
        w *= 1 - WIDTH_SLACK
    return max(w, 1.0)


@lru_cache(maxsize=65536)
def _height(text: str, bold: bool, width: float, font: str, size: float, margin: float,
            space_before: float, line_spacing: float, safe: bool, table: bool) -> float:
    lines = len(wrap_spans(text, _wrap_width(width, margin, safe), font, size, bold, False))
    body = lines * line_height(size, font, line_spacing, safe=safe, table=table)
    return (space_before + body) if safe and SPACE_BEFORE_FIRST_PARAGRAPH else body


def para_height(para: Fitted, width: float, font: str, safe: bool = True, *,
                table: bool = False) -> float:
    """Height (pt) of one paragraph wrapped in `width` pt: safe (the margins for every renderer,
    space above included), or exactly as LibreOffice lays it out (no space above) in a text box,
    or with ``table=True`` in a table cell."""
    return _height(para.text, para.bold, round(width, 3), font, para.size, para.margin,
                   para.space_before, para.line_spacing, safe, table and not safe)


def paras_height(paras: Sequence[Fitted], width: float, font: str, safe: bool = True, *,
                 table: bool = False) -> float:
    """Height of paragraphs one below the other (see ``para_height``); exactly, LibreOffice
    leaves out the space above the first."""
    if safe:
        return sum(para_height(p, width, font) for p in paras)
    return sum(para_height(p, width, font, False, table=table) + (p.space_before if i else 0.0)
               for i, p in enumerate(paras))


def cell_height(paras: Sequence[Fitted], width: float, font: str, size: float,
                margins: tuple[float, float, float, float], safe: bool = True) -> float:
    """Height (pt) of a table cell `width` pt wide with `margins` (l, r, t, b): safe (what a
    plan reserves), or exactly as LibreOffice draws it (what a table's row height is set to).
    Neither bounds the other: line breaks are not monotonic in the width (no break before ":"
    even after a space), so the narrower safe width can take fewer lines. An empty cell is one
    line high."""
    ml, mr, mt, mb = margins
    body = paras_height(paras, width - ml - mr, font, safe, table=True) if paras else 0.0
    return max(body, line_height(size, font, safe=safe, table=True)) + mt + mb


def row_height(cells: Sequence[Sequence[Fitted]], widths: Sequence[float], font: str,
               size: float, margins: tuple[float, float, float, float],
               safe: bool = True) -> float:
    """Height (pt) of a table row: its tallest cell (see ``cell_height``), one width per cell."""
    if len(cells) != len(widths):
        raise ValueError(f"{len(cells)} cells but {len(widths)} column widths")
    return max(cell_height(c, w, font, size, margins, safe) for c, w in zip(cells, widths))


# --- what fits -------------------------------------------------------------------------------

def fit_size(paras_at: Callable[[float], Sequence[Fitted]], width: float, height: float,
             font: str, sizes: Sequence[float]) -> tuple[float, bool]:
    """The largest of `sizes` (largest first) at which `paras_at(size)` fits `height`, and
    whether any does (if none does: the smallest)."""
    for size in sizes:
        if paras_height(paras_at(size), width, font) <= height * (1 - HEIGHT_SLACK):
            return size, True
    return sizes[-1], False


def cut_to_fit(text: str, fits: Callable[[str], bool]) -> str:
    """`text` itself if it fits, else its longest prefix that fits with "…" after it.

    Found by halving (a character at a time measured a 600-character text 600 times), then
    stepping back while it does not fit: line breaks and kerning are not quite monotonic."""
    if fits(text):
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(text[:middle].rstrip() + "…") else (low, middle - 1)
    while low and not fits(text[:low].rstrip() + "…"):
        low -= 1
    return text[:low].rstrip() + "…"


def paginate_rows(rows: Sequence[R], need: Callable[[R], float], room: float) -> list[list[R]]:
    """Table rows over boxes of `room` pt each (what is left under the header each repeats):
    never split, and a row taller than a whole box gets a box of its own."""
    pages: list[list[R]] = [[]]
    used = 0.0
    for row in rows:
        h = need(row)
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += h
    return pages


def split_para(para: P, width: float, font: str, room: float) -> tuple[P | None, P, int]:
    """The head of `para` that fits in `room` pt (None if not even a line does), the rest, and
    the number of lines in the head (safe measure). The rest is ``para.split_at``'s
    continuation: for a slide's paragraph no bullet, no space above."""
    spans = wrap_spans(para.text, _wrap_width(width, para.margin, True), font, para.size,
                       para.bold, False)
    count = int((room - para.space_before + 1e-6) // line_height(para.size, font,
                                                                  para.line_spacing))
    count = min(count, len(spans) - 1)
    if count < 1:
        return None, para, 0
    text = para.text
    end = spans[count - 1][1]
    while end > 0 and text[end - 1] in _LINE_END_SPACE:
        end -= 1  # an empty line (two hard breaks) closing the head is left out
    start = end
    while start < len(text) and text[start] in _LINE_END_SPACE:
        start += 1
    head, tail = para.split_at(end, start)
    return head, tail, count


def take(queue: Sequence[P], width: float, room: float, font: str,
         must: bool = False) -> tuple[list[P], list[P]]:
    """As many paragraphs from the front of `queue` as fit in `room` pt (the last one split at a
    line when at least ``MIN_SPLIT_LINES`` of its lines fit, or when it is the first), and the
    rest; `must`: place something even if nothing fits."""
    placed: list[P] = []
    used = 0.0
    queue = list(queue)
    while queue:
        h = para_height(queue[0], width, font)
        if used + h <= room + 1e-6:
            placed.append(queue.pop(0))
            used += h
            continue
        head, tail, lines = split_para(queue[0], width, font, room - used)
        if head is not None and (lines >= MIN_SPLIT_LINES or not placed):
            placed.append(head)
            queue[0] = tail
        elif must and not placed:
            placed.append(queue.pop(0))  # taller than anything: a bug in the limits, but finish
        break
    return placed, queue


def paginate(paras: Sequence[P], width: float, heights: Sequence[float],
             font: str) -> list[list[P]]:
    """Paragraphs over boxes of `heights` (one per box, the last repeating), each keeping
    ``HEIGHT_SLACK`` free; a paragraph taller than a whole box, or that would leave a box nearly
    empty, is split at a line. At least one (maybe empty) box."""
    if not heights:
        raise ValueError("heights: need at least one box height")
    pages: list[list[P]] = []
    queue = list(paras)
    while queue:
        room = heights[min(len(pages), len(heights) - 1)] * (1 - HEIGHT_SLACK)
        page, queue = take(queue, width, room, font, must=True)
        pages.append(page)
    return pages or [[]]
