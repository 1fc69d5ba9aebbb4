"""Measure, wrap and fit text with real font metrics, without a renderer.

PowerPoint only applies ``normAutofit`` after someone edits the text, so the
deck generator has to decide by itself whether a text fits its box, whether to
shrink it (within limits) or to continue it on another slide. This module does
that with the advance widths of the template's fonts or of metric-compatible
stand-ins (Carlito for Calibri, Liberation Sans for Arial, Liberation Serif
for Times New Roman), stored as JSON in ``statusrapport/fontmetrics/`` by
``tools/extract_font_metrics.py``.

Pure functions; no python-pptx and no fontTools import (start-up time). The
metric tables load lazily on first use and stay cached.

The layout model was calibrated against LibreOffice 7.4 (``soffice
--convert-to pdf`` of python-pptx output, measured with ``pdftotext
-bbox-layout``): on 936 random paragraphs (Calibri, Arial, Times New Roman;
9-24 pt; regular and bold; boxes 60-600 pt wide) ``wrap`` predicts every line
break of 934 exactly, the two others are 0.02 pt cases.
``tests/test_textfit.py`` repeats a small part of that calibration.

* widths: hmtx advances, GPOS pair kerning and ``liga`` ligatures, i.e. what
  HarfBuzz gives LibreOffice (PowerPoint kerns from ``kern="1200"``, 12 pt
  up, which stock templates set), each glyph advance rounded to LibreOffice's
  600 dpi reference device (``LAYOUT_DPI``). Without kerning only 89 % of the
  paragraphs break identically, without the pixel grid 90 %.
* breaks: greedy. The first character that overflows decides: a space
  there ends the line (trailing spaces hang); else the line breaks at the
  last opportunity before it: after spaces, after ``-`` ``–`` ``—`` ``?``
  ``!`` ``…``, before ``—`` and ``%``, never before ``) ] } ! ? , . : ; /``,
  never between a quote or no-break space and the next non-space character
  (a space before a quote breaks); a break after ``/`` moves back to
  the space before the path (LibreOffice i#17155). With no opportunity on
  the line the word is cut at the overflowing character.
* height: text boxes from PPTX use font-independent line spacing, 1.2 x the
  font size per line at 100 % (measured 1.198-1.200); space-before is not
  added above a box's first paragraph. Table cells use the font's ascent +
  descent per line (Carlito 1.0 em) plus the cell margins.

``wrap`` and ``text_width`` model that renderer exactly; the fitting
functions (``fit``, ``paginate``, ``fit_table``, ``paginate_rows``) and the
``safe=True`` heights add the safety margins below on top, so the text also
fits in PowerPoint.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence, Union

# --------------------------------------------------------------------------
# Constants: the calibrated model (exact) and the safety margins (explicit)
# --------------------------------------------------------------------------

#: LibreOffice 7.4 lays Impress text out on a 600 dpi reference device: the
#: font's pixel size and every glyph advance are whole pixels there.
LAYOUT_DPI: int | None = 600

#: A line fits when its width is at most the box width plus this (float
#: noise only: rounding the box to LibreOffice's 1/100 mm or pixel units
#: matched fewer of its line breaks than the plain width).
LAYOUT_EPSILON_PT = 1e-6

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

#: PowerPoint's default table cell margins (left, right, top, bottom) in pt:
#: 0.1 in left/right, 0.05 in top/bottom.
DEFAULT_CELL_MARGINS = (7.2, 7.2, 3.6, 3.6)

#: Unknown font names (and theme references like "+mn-lt") fall back to
#: Carlito: Calibri is Office's default body font, so that is what an unset or
#: theme font most likely is. A font wider than Calibri (Arial +10 %, Verdana)
#: is then underestimated: map it in _FAMILY_ALIASES instead.
DEFAULT_FAMILY = "carlito"

_FAMILY_ALIASES = {
    "calibri": "carlito",
    "carlito": "carlito",
    "calibri light": "carlito",  # no Carlito Light; Regular is a touch wider
    "arial": "liberation-sans",
    "helvetica": "liberation-sans",
    "liberation sans": "liberation-sans",
    "liberation-sans": "liberation-sans",
    "arimo": "liberation-sans",
    "times new roman": "liberation-serif",
    "times": "liberation-serif",
    "liberation serif": "liberation-serif",
    "liberation-serif": "liberation-serif",
    "tinos": "liberation-serif",
}

# Line-break opportunities: the part of LibreOffice's ICU-based rules that
# matters for Latin text (checked in LibreOffice 7.4, see the module doc).
_SPACES = frozenset(" \t")
_HARD_BREAKS = ("\r\n", "\n", "\r", "\v", "\u2028", "\u2029")
_HARD_BREAK = re.compile("|".join(map(re.escape, _HARD_BREAKS)))  # "\r\n" before "\r"
#: a line may break after these ("e-|post", "2024-|2025", "-|5", "A–|B",
#: "ord—|ord", "ab?|cd", "ab…|cd"; "og/|eller" only in principle, see below)
_BREAK_AFTER = frozenset("-\u2010\u2012\u2013\u2014/?!\u2026\u00ad\u200b")
#: ... and before these ("ord|—ord", "ab|%", but not "12%")
_BREAK_BEFORE = frozenset("\u2014%")
#: never before these, not even after a space: ) ] } ! ? , . : ; /
_NO_BREAK_BEFORE_SP = frozenset(")]}!?,.:;/")
#: and not after a non-space before quotes and no-break glue either
_NO_BREAK_BEFORE = _NO_BREAK_BEFORE_SP | frozenset("\"'«»“”‘’„‚‹›\u00a0\u2007\u202f\u2060")
#: never after these: opening brackets, quotes and glue (no-break spaces)
_NO_BREAK_AFTER = frozenset("([{\"'«»“”‘’„‚‹›\u00a0\u2007\u202f\u2060")
_SOFT_HYPHEN = "\u00ad"
#: LibreOffice does not break after "/" in a path: it moves such a break back
#: to the last whitespace within this many characters (i#17155), else chops.
_SLASH_LOOKBACK = 66
#: drawn with no advance (HarfBuzz treats them as default-ignorable)
_ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


# --------------------------------------------------------------------------
# Metric tables
# --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the word cache
class _Style:
    widths: dict[int, int]
    ligatures: dict[str, list[tuple[str, int]]]  # first char -> [(text, cp)]
    kern_left: dict[int, int]  # code point -> left class
    kern_right: dict[int, int]  # code point -> right class
    kern: dict[tuple[int, int], int]  # (left class, right class) -> units
    line: tuple[int, int, int]  # ascent, descent, line gap (LibreOffice rule)
    win: tuple[int, int]


@dataclass(frozen=True, eq=False)
class _Family:
    name: str
    units_per_em: int
    default_width: int
    styles: dict[str, _Style]

    def style(self, bold: bool, italic: bool) -> _Style:
        key = ("bold" if bold else "") + ("italic" if italic else "")
        key = key or "regular"
        if key in self.styles:
            return self.styles[key]
        # No italic table (Liberation Serif here): italics of these families
        # keep the upright advances closely enough for wrapping.
        return self.styles["bold" if bold else "regular"]


def _parse_style(raw: dict) -> _Style:
    widths: dict[int, int] = {}
    for first, run in raw["widths"]:
        for offset, width in enumerate(run):
            widths[first + offset] = width
    left: dict[int, int] = {}
    right: dict[int, int] = {}
    pairs: dict[tuple[int, int], int] = {}
    kern = raw.get("kern")
    if kern:
        for index, chars in enumerate(kern["left"]):
            for ch in chars:
                left[ord(ch)] = index
        for index, chars in enumerate(kern["right"]):
            for ch in chars:
                right[ord(ch)] = index
        for lcls, rcls, value in kern["pairs"]:
            pairs[(lcls, rcls)] = value
    ligatures: dict[str, list[tuple[str, int]]] = {}
    for text, cp in raw.get("liga") or ():
        ligatures.setdefault(text[0], []).append((text, cp))
    ascent, descent, gap = raw["line"]
    return _Style(widths, ligatures, left, right, pairs, (ascent, descent, gap),
                  tuple(raw["win"]))


@lru_cache(maxsize=None)
def _family(family: str) -> _Family:
    name = font_family_for(family)
    text = resources.files("statusrapport.text.fontmetrics").joinpath(f"{name}.json").read_text(
        encoding="utf-8"
    )
    raw = json.loads(text)
    styles = {key: _parse_style(value) for key, value in raw["styles"].items()}
    return _Family(name, raw["units_per_em"], raw["default_width"], styles)


def font_family_for(name: str) -> str:
    """Metric family key for a font name as it appears in a template.

    "Calibri"/"Carlito" -> "carlito"; "Arial"/"Helvetica"/"Liberation Sans"
    -> "liberation-sans"; "Times New Roman"/"Liberation Serif" ->
    "liberation-serif". Family keys map to themselves. Theme references
    ("+mn-lt") and unknown names fall back to ``DEFAULT_FAMILY`` ("carlito"),
    the stand-in for Office's default font.
    """
    key = " ".join((name or "").replace("_", " ").split()).lower()
    if key in _FAMILY_ALIASES:
        return _FAMILY_ALIASES[key]
    for suffix in (" regular", " bold", " italic"):
        if key.endswith(suffix) and key[: -len(suffix)] in _FAMILY_ALIASES:
            return _FAMILY_ALIASES[key[: -len(suffix)]]
    return DEFAULT_FAMILY


# --------------------------------------------------------------------------
# Widths
# --------------------------------------------------------------------------


#: A text is shaped piece by piece, each piece once per font and style (a deck's texts repeat
#: most of their words): split at spaces and tabs, which no ligature contains, and the kerning
#: between one piece's last glyph and the next one's first added where they meet.
_PIECES = re.compile(r"[^ \t]+|[ \t]")


def _units(text: str, fam: _Family, style: _Style, ligatures: bool, kerning: bool) -> list[int]:
    """Advance of each character in font units, as HarfBuzz would shape it.

    ``ligatures``: a ligature (stored under a private code point) puts the
    ligature glyph's advance on its first character and 0 on the others.
    ``kerning``: pair kerning is added to the glyph before the pair.
    """
    kerning = kerning and bool(style.kern)
    out: list[int] = []
    last: tuple[int, int] | None = None  # (index in out, code point) of the last glyph so far
    for piece in _PIECES.findall(text):
        units, first_cp, last_glyph = _piece_units(piece, fam, style, ligatures, kerning)
        if kerning and last is not None and first_cp is not None:
            out[last[0]] += _kern(style, last[1], first_cp)
        if last_glyph is not None:
            last = (len(out) + last_glyph[0], last_glyph[1])
        out += units
    return out


@lru_cache(maxsize=1 << 16)
def _piece_units(
    text: str, fam: _Family, style: _Style, ligatures: bool, kerning: bool
) -> tuple[tuple[int, ...], int | None, tuple[int, int] | None]:
    """``_units`` of a text without spaces, its first glyph's code point and its last glyph
    (index, code point); None where it has no glyph."""
    widths = style.widths
    default = fam.default_width
    ligs = style.ligatures if ligatures else {}
    n = len(text)
    out = [0] * n
    glyphs: list[tuple[int, int]] = []  # (index of first char, glyph code point)
    i = 0
    while i < n:
        ch = text[i]
        cp = ord(ch)
        step = 1
        for lig_text, lig_cp in ligs.get(ch, ()):
            if text.startswith(lig_text, i):
                cp, step = lig_cp, len(lig_text)
                break
        if ch not in _ZERO_WIDTH:
            out[i] = widths.get(cp, default)
            glyphs.append((i, cp))
        i += step
    if kerning:
        for (i, a), (_j, b) in zip(glyphs, glyphs[1:]):
            out[i] += _kern(style, a, b)
    if not glyphs:
        return tuple(out), None, None
    return tuple(out), glyphs[0][1], glyphs[-1]


def _kern(style: _Style, left: int, right: int) -> int:
    """Pair kerning (font units) between two glyphs' code points."""
    lc = style.kern_left.get(left)
    if lc is None:
        return 0
    rc = style.kern_right.get(right)
    return 0 if rc is None else style.kern.get((lc, rc), 0)


def _to_points(units: list[int], fam: _Family, size_pt: float, grid: bool) -> list[float]:
    upem = fam.units_per_em
    if grid and LAYOUT_DPI:
        ppem = math.floor(size_pt * LAYOUT_DPI / 72 + 0.5)
        pixel = 72 / LAYOUT_DPI
        return [math.floor(u * ppem / upem + 0.5) * pixel for u in units]
    scale = size_pt / upem
    return [u * scale for u in units]


def _advances(
    text: str, font: str, size_pt: float, bold: bool, italic: bool, shaped: bool, grid: bool
) -> list[float]:
    """Advance of each character in points (the layout model's positions)."""
    fam = _family(font)
    units = _units(text, fam, fam.style(bold, italic), shaped, shaped)
    return _to_points(units, fam, size_pt, grid)


def _line_advances(
    text: str, font: str, size_pt: float, bold: bool, italic: bool
) -> tuple[list[float], list[float]]:
    """Shaped advances, and the advances of a character that ends a line
    (no kerning with the character that follows on the next line)."""
    fam = _family(font)
    style = fam.style(bold, italic)
    shaped = _to_points(_units(text, fam, style, True, True), fam, size_pt, True)
    if not style.kern:
        return shaped, shaped
    return shaped, _to_points(_units(text, fam, style, True, False), fam, size_pt, True)


def text_width(
    text: str,
    font: str,
    size_pt: float,
    bold: bool = False,
    italic: bool = False,
    *,
    shaped: bool = True,
    grid: bool = True,
) -> float:
    """Advance width of one line of ``text`` in points.

    ``font`` is a font name or family key (see ``font_family_for``). By
    default this is the width the layout model uses: shaped (kerning and
    ligatures, as HarfBuzz in LibreOffice) and on LibreOffice's pixel grid
    (``LAYOUT_DPI``). ``shaped=False, grid=False`` is the plain sum of the
    fonts' hmtx advances.
    """
    return sum(_advances(text, font, size_pt, bold, italic, shaped, grid))


# --------------------------------------------------------------------------
# Wrapping
# --------------------------------------------------------------------------


def _split_hard(text: str) -> list[tuple[int, int]]:
    """(start, end) of each hard line: '\\n', '\\v' (python-pptx's line break)..."""
    spans = []
    start = 0
    for match in _HARD_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_break(text: str, b: int) -> bool:
    """May a line start at index ``b`` (0 < b < len(text))?"""
    prev, cur = text[b - 1], text[b]
    if cur in _SPACES:
        return False  # spaces stay with the line they end
    if prev in _SPACES:
        return cur not in _NO_BREAK_BEFORE_SP
    if prev in _NO_BREAK_AFTER or cur in _NO_BREAK_BEFORE:
        return False
    if cur.isdigit() and prev == "/":
        return False  # "3/4"
    if cur == "%" and prev.isdigit():
        return False  # "95%"
    return prev in _BREAK_AFTER or cur in _BREAK_BEFORE


def _wrap_spans(
    text: str, width_pt: float, font: str, size_pt: float, bold: bool, italic: bool
) -> list[tuple[int, int]]:
    """Break ``text`` into lines the way LibreOffice's EditEngine does.

    Returns (start, end) per line; ``end`` excludes trailing spaces (they
    hang past the margin) but keeps a soft hyphen (drawn as "-" there).
    For each line: find the first character that overflows, break at the
    last opportunity before it (a break after "/" moves back to the
    preceding whitespace, see ``_SLASH_LOOKBACK``), and if there is none on
    the line, chop the word at the overflow.
    """
    adv, last_adv = _line_advances(text, font, size_pt, bold, italic)
    prefix = [0.0]
    for a in adv:
        prefix.append(prefix[-1] + a)
    limit = width_pt + LAYOUT_EPSILON_PT
    hyphen_w: list[float] = []

    def width(a: int, b: int) -> float:
        """Width of text[a:b] as a line of its own (= text_width)."""
        if b <= a:
            return 0.0
        w = prefix[b - 1] - prefix[a] + last_adv[b - 1]
        if text[b - 1] == _SOFT_HYPHEN:
            if not hyphen_w:
                hyphen_w.append(text_width("-", font, size_pt, bold, italic))
            w += hyphen_w[0]
        return w

    def content_end(a: int, b: int) -> int:
        while b > a and text[b - 1] in _SPACES:
            b -= 1
        return b

    lines: list[tuple[int, int]] = []
    for hs, he in _split_hard(text):
        start = hs
        while True:
            # First character (spaces count) that does not fit on the line.
            over = None
            for i in range(start, he):
                if width(start, i + 1) > limit:
                    over = i
                    break
            if over is None:
                lines.append((start, content_end(start, he)))
                break
            if text[over] in _SPACES and over > start:
                brk = over + 1  # a space that overflows ends the line (hangs)
            elif over > start and _is_break(text, over) and text[over - 1] != "/":
                brk = over  # the overflowing character can start the next line
            else:
                brk = next((b for b in range(over - 1, start, -1) if _is_break(text, b)), None)
                if brk is not None and text[brk - 1] == "/":
                    # i#17155: no break inside a path; take the whitespace before
                    for pos in range(brk - 2, max(brk - _SLASH_LOOKBACK, 0) - 1, -1):
                        if text[pos].isspace() and text[pos] not in _NO_BREAK_AFTER:
                            brk = pos + 1
                            break
            while brk is not None and brk > start and width(start, content_end(start, brk)) > limit:
                # only a soft hyphen's "-" can make a break point overflow
                brk = next((b for b in range(brk - 1, start, -1) if _is_break(text, b)), None)
            if brk is None or brk <= start:
                brk = max(over, start + 1)  # no opportunity on the line: chop
            lines.append((start, content_end(start, brk)))
            start = brk
            if start >= he:
                break
    return lines


def wrap(
    text: str,
    width_pt: float,
    font: str,
    size_pt: float,
    bold: bool = False,
    italic: bool = False,
) -> list[str]:
    """Break ``text`` into the lines a renderer draws in ``width_pt``.

    Greedy like PowerPoint/LibreOffice: break at spaces (trailing spaces hang
    and are dropped from the returned lines), after hyphens and dashes, at
    soft hyphens (kept) and zero-width spaces; a word longer than the width is
    cut by characters; explicit line breaks ('\\n', '\\v') are kept, and an
    empty line stays an empty string. Exact width, no safety margin: callers
    that must be safe pass ``width_pt * (1 - WIDTH_SLACK)`` or use ``fit``.
    """
    return [text[a:b] for a, b in _wrap_spans(text, width_pt, font, size_pt, bold, italic)]


# --------------------------------------------------------------------------
# Heights
# --------------------------------------------------------------------------


def line_height(size_pt: float, font: str = DEFAULT_FAMILY, line_spacing: float = 1.0,
                *, safe: bool = True, table: bool = False) -> float:
    """Height of one line in points at ``line_spacing`` (1.0 = 100 %).

    ``safe=False`` is LibreOffice's rule: in text boxes from PPTX a fixed
    ``LINE_HEIGHT_EM`` (1.2 em); in table cells (``table=True``) the font's
    hhea ascent + descent (Carlito 1.0 em, Liberation Sans 1.117 em).
    ``safe=True`` (default, what the fitting uses) takes the larger of 1.2 em
    (PowerPoint's single spacing, in tables too) and the font's ascent +
    descent + line gap (Carlito 1.2207 em), see ``USE_FONT_LINE_HEIGHT_FLOOR``.
    """
    fam = _family(font)
    ascent, descent, gap = fam.style(False, False).line
    if safe:
        em = LINE_HEIGHT_EM
        if USE_FONT_LINE_HEIGHT_FLOOR:
            em = max(em, (ascent + descent + gap) / fam.units_per_em)
    elif table:
        em = (ascent + descent) / fam.units_per_em
    else:
        em = LINE_HEIGHT_EM
    return em * size_pt * line_spacing


def text_height(lines: int, size_pt: float, font: str = DEFAULT_FAMILY,
                line_spacing: float = 1.0, *, safe: bool = True, table: bool = False) -> float:
    """Height of ``lines`` lines in points (see ``line_height``)."""
    return lines * line_height(size_pt, font, line_spacing, safe=safe, table=table)


# --------------------------------------------------------------------------
# Paragraphs (bulleted lists)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text box.

    ``level`` 0 or 1 selects the indent; ``continued`` marks the tail of a
    paragraph split over two boxes (the caller should draw it without a
    bullet, and may want no space-before above it).
    """

    text: str
    level: int = 0
    bold: bool = False
    italic: bool = False
    continued: bool = False


ParagraphLike = Union[Paragraph, str, tuple]


def as_paragraph(p: ParagraphLike) -> Paragraph:
    """Accept a Paragraph, a plain string (level 0) or ``(level, text)``."""
    if isinstance(p, Paragraph):
        return p
    if isinstance(p, str):
        return Paragraph(p)
    level, text = p
    return Paragraph(text, int(level))


@dataclass(frozen=True)
class ListStyle:
    """How a text box lays out its paragraphs (all lengths in points).

    ``indent_pt``: left margin of the text of level 0; level n is indented by
    ``indent_pt * (n + 1)``, or give one margin per level as a tuple. The
    bullet hangs in that indent. ``space_before_pt`` is added above every
    paragraph (see ``SPACE_BEFORE_FIRST_PARAGRAPH`` for the first one).
    """

    font: str = "Calibri"
    indent_pt: float | tuple[float, ...] = 0.0
    space_before_pt: float = 0.0
    line_spacing: float = 1.0

    def margin(self, level: int) -> float:
        if isinstance(self.indent_pt, tuple):
            return self.indent_pt[min(level, len(self.indent_pt) - 1)]
        return self.indent_pt * (level + 1)


@dataclass(frozen=True)
class _Laid:
    """A paragraph wrapped at a size: its line spans and the safe heights."""

    para: Paragraph
    spans: list[tuple[int, int]]
    line_h: float
    space_before: float

    def height(self, first_in_box: bool) -> float:
        sb = self.space_before if (not first_in_box or SPACE_BEFORE_FIRST_PARAGRAPH) else 0.0
        return sb + len(self.spans) * self.line_h


def _lay(p: Paragraph, width_pt: float, size_pt: float, style: ListStyle, slack: bool) -> _Laid:
    w = width_pt - style.margin(p.level)
    if slack:
        w *= 1 - WIDTH_SLACK
    spans = _wrap_spans(p.text, max(w, 1.0), style.font, size_pt, p.bold, p.italic)
    lh = line_height(size_pt, style.font, style.line_spacing, safe=slack)
    return _Laid(p, spans, lh, style.space_before_pt)


def paragraphs_height(
    paragraphs: Iterable[ParagraphLike],
    width_pt: float,
    font: str,
    size_pt: float,
    indent_pt: float | tuple[float, ...] = 0.0,
    space_before_pt: float = 0.0,
    line_spacing: float = 1.0,
    *,
    safe: bool = True,
) -> float:
    """Height in points of a bulleted list in a box ``width_pt`` wide.

    Each paragraph wraps at ``width_pt`` minus its level's margin (see
    ``ListStyle``). ``safe=True`` applies ``WIDTH_SLACK``, the line-height
    floor and ``SPACE_BEFORE_FIRST_PARAGRAPH`` (what ``fit`` uses);
    ``safe=False`` predicts LibreOffice exactly.
    """
    style = ListStyle(font, indent_pt, space_before_pt, line_spacing)
    total = 0.0
    for i, p in enumerate(paragraphs):
        laid = _lay(as_paragraph(p), width_pt, size_pt, style, slack=safe)
        if safe:
            total += laid.height(first_in_box=i == 0)
        else:
            total += (laid.space_before if i else 0.0) + len(laid.spans) * laid.line_h
    return total


def _split(laid: _Laid, lines: int) -> tuple[Paragraph, Paragraph]:
    """Head (first ``lines`` lines) and tail (the rest) of a laid paragraph."""
    p = laid.para
    head_end = laid.spans[lines - 1][1]
    tail_start = laid.spans[lines][0]
    return (
        replace(p, text=p.text[:head_end]),
        replace(p, text=p.text[tail_start:], continued=True),
    )


def paginate(
    paragraphs: Iterable[ParagraphLike],
    box_w_pt: float,
    box_h_pt: float | Sequence[float],
    font: str,
    size_pt: float,
    indent_pt: float | tuple[float, ...] = 0.0,
    space_before_pt: float = 0.0,
    line_spacing: float = 1.0,
) -> list[list[Paragraph]]:
    """Distribute paragraphs over as many boxes as needed at ``size_pt``.

    ``box_h_pt`` is the height of every box, or a sequence: one height per box
    (first slide, continuation slides ...), the last repeating. Paragraphs
    move whole to the next box. One taller than a whole box is split at line
    level: its first lines fill the rest of the current box (at least
    ``MIN_SPLIT_LINES`` of them, else it starts the next box) and the tail
    comes first in the next box with ``continued=True``. Safety margins
    apply. Returns at least one (possibly empty) box; a box that cannot hold
    even one line still gets one paragraph, so pagination always ends.
    """
    style = ListStyle(font, indent_pt, space_before_pt, line_spacing)
    heights = [box_h_pt] if isinstance(box_h_pt, (int, float)) else list(box_h_pt)
    if not heights:
        raise ValueError("box_h_pt: need at least one height")
    queue = [as_paragraph(p) for p in paragraphs]
    boxes: list[list[Paragraph]] = []
    while queue or not boxes:
        avail = heights[min(len(boxes), len(heights) - 1)] * (1 - HEIGHT_SLACK)
        box: list[Paragraph] = []
        used = 0.0
        while queue:
            laid = _lay(queue[0], box_w_pt, size_pt, style, slack=True)
            h = laid.height(first_in_box=not box)
            if used + h <= avail + 1e-9:
                box.append(queue.pop(0))
                used += h
                continue
            # Does not fit whole. Split at line level if it would not fit an
            # empty box either (or the box is still empty and must progress).
            empty_h = laid.height(first_in_box=True)
            next_avail = heights[min(len(boxes) + 1, len(heights) - 1)] * (1 - HEIGHT_SLACK)
            too_tall = empty_h > next_avail + 1e-9
            sb = laid.height(first_in_box=not box) - len(laid.spans) * laid.line_h
            room = int((avail - used - sb + 1e-9) // laid.line_h)
            room = min(room, len(laid.spans) - 1)
            min_lines = MIN_SPLIT_LINES if box else 1
            if (too_tall or not box) and room >= min_lines:
                head, tail = _split(laid, room)
                box.append(head)
                queue[0] = tail
            elif not box:
                # Not even one line fits an empty box: place it anyway so that
                # pagination ends; the caller sees the overflow via fit().
                box.append(queue.pop(0))
            break
        boxes.append(box)
    return boxes


@dataclass(frozen=True)
class FitResult:
    """Outcome of ``fit``.

    ``size_pt``: the chosen size (the smallest allowed one if nothing fits).
    ``fits``: everything fits in the one box at ``size_pt``.
    ``count``: how many whole paragraphs fit in the first box.
    ``pages``: the paragraphs per box at ``size_pt`` (``pages[0]`` goes into
    the box, the rest onto continuation slides; a paragraph longer than a
    whole box appears split, its tail with ``continued=True``).
    ``height_pt``: safe height of ``pages[0]``.
    """

    size_pt: float
    fits: bool
    count: int
    pages: list[list[Paragraph]] = field(default_factory=list)
    height_pt: float = 0.0

    @property
    def first(self) -> list[Paragraph]:
        return self.pages[0] if self.pages else []

    @property
    def rest(self) -> list[Paragraph]:
        return [p for page in self.pages[1:] for p in page]


def _box_heights(first_h_pt: float, continuation_h_pt: float | Sequence[float] | None) -> list[float]:
    """The first box's height, then the continuation boxes' (one, or one per box)."""
    if continuation_h_pt is None:
        return [first_h_pt]
    if isinstance(continuation_h_pt, (int, float)):
        return [first_h_pt, continuation_h_pt]
    return [first_h_pt, *continuation_h_pt]


def fit(
    paragraphs: Iterable[ParagraphLike],
    box_w_pt: float,
    box_h_pt: float,
    font: str,
    sizes: Sequence[float] = (14, 13, 12, 11, 10),
    indent_pt: float | tuple[float, ...] = 0.0,
    space_before_pt: float = 0.0,
    line_spacing: float = 1.0,
    continuation_h_pt: float | Sequence[float] | None = None,
) -> FitResult:
    """Largest size in ``sizes`` at which all paragraphs fit one box.

    ``sizes`` are tried in the order given (largest first). If none fits, the
    result is at the last (smallest) size and ``pages`` holds the split:
    whole paragraphs on the first box, the rest over continuation boxes of
    ``continuation_h_pt`` (default: the same height).
    """
    paras = [as_paragraph(p) for p in paragraphs]
    if not sizes:
        raise ValueError("sizes: need at least one size")
    kwargs = dict(indent_pt=indent_pt, space_before_pt=space_before_pt, line_spacing=line_spacing)
    for size in sizes:
        h = paragraphs_height(paras, box_w_pt, font, size, **kwargs)
        if h <= box_h_pt * (1 - HEIGHT_SLACK) + 1e-9:
            return FitResult(size, True, len(paras), [paras], h)
    size = sizes[-1]
    heights = _box_heights(box_h_pt, continuation_h_pt)
    pages = paginate(paras, box_w_pt, heights, font, size, **kwargs)
    first = pages[0]
    count = _whole_count(first, paras)
    return FitResult(size, False, count, pages,
                     paragraphs_height(first, box_w_pt, font, size, **kwargs))


def _whole_count(first: list[Paragraph], paras: list[Paragraph]) -> int:
    n = 0
    for placed, original in zip(first, paras):
        if placed != original:
            break
        n += 1
    return n


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------

Cell = Union[str, Paragraph]


def _cell_lines(cell: Cell, width_pt: float, font: str, size_pt: float, bold: bool,
                slack: bool) -> int:
    p = as_paragraph(cell)
    w = width_pt * (1 - WIDTH_SLACK) if slack else width_pt
    return len(_wrap_spans(p.text, max(w, 1.0), font, size_pt, bold or p.bold, p.italic))


def row_height(
    cells: Sequence[Cell],
    col_widths_pt: Sequence[float],
    font: str,
    size_pt: float,
    margins: tuple[float, float, float, float] = DEFAULT_CELL_MARGINS,
    line_spacing: float = 1.0,
    bold: bool = False,
    min_height_pt: float = 0.0,
    *,
    safe: bool = True,
) -> float:
    """Height of a table row: the tallest cell's wrapped lines plus margins.

    ``margins`` = (left, right, top, bottom) cell insets. A cell's text wraps
    at its column width minus left+right margins; a row is never lower than
    ``min_height_pt`` (the row height stored in the table).
    """
    if len(cells) != len(col_widths_pt):
        raise ValueError(f"{len(cells)} cells but {len(col_widths_pt)} column widths")
    ml, mr, mt, mb = margins
    lh = line_height(size_pt, font, line_spacing, safe=safe, table=True)
    tallest = 0.0
    for cell, cw in zip(cells, col_widths_pt):
        n = _cell_lines(cell, cw - ml - mr, font, size_pt, bold, slack=safe)
        tallest = max(tallest, n * lh)
    return max(min_height_pt, tallest + mt + mb)


def paginate_rows(
    rows: Sequence[Sequence[Cell]],
    col_widths_pt: Sequence[float],
    box_h_pt: float | Sequence[float],
    font: str,
    size_pt: float,
    margins: tuple[float, float, float, float] = DEFAULT_CELL_MARGINS,
    header: Sequence[Cell] | None = None,
    line_spacing: float = 1.0,
    min_row_height_pt: float = 0.0,
) -> list[list[Sequence[Cell]]]:
    """Distribute table rows over boxes (slides) at ``size_pt``.

    ``header`` (drawn bold) is repeated at the top of every box and counts
    against its height; it is not part of the returned row lists. Rows are
    never split; a row taller than a whole box gets a box of its own.
    ``box_h_pt``: one height, or one per box with the last repeating.
    """
    heights = [box_h_pt] if isinstance(box_h_pt, (int, float)) else list(box_h_pt)
    if not heights:
        raise ValueError("box_h_pt: need at least one height")
    kw = dict(margins=margins, line_spacing=line_spacing, min_height_pt=min_row_height_pt)
    head_h = row_height(header, col_widths_pt, font, size_pt, bold=True, **kw) if header else 0.0
    pages: list[list[Sequence[Cell]]] = [[]]
    used = head_h
    for row in rows:
        h = row_height(row, col_widths_pt, font, size_pt, **kw)
        avail = heights[min(len(pages) - 1, len(heights) - 1)] * (1 - HEIGHT_SLACK)
        if used + h > avail + 1e-9 and pages[-1]:
            pages.append([])
            used = head_h
        pages[-1].append(row)
        used += h
    return pages


@dataclass(frozen=True)
class TableFitResult:
    """Outcome of ``fit_table``: chosen size, whether one box suffices, the
    rows per box (header excluded) and the safe height of the first box."""

    size_pt: float
    fits: bool
    pages: list[list[Sequence[Cell]]]
    height_pt: float


def table_height(
    rows: Sequence[Sequence[Cell]],
    col_widths_pt: Sequence[float],
    font: str,
    size_pt: float,
    margins: tuple[float, float, float, float] = DEFAULT_CELL_MARGINS,
    header: Sequence[Cell] | None = None,
    line_spacing: float = 1.0,
    min_row_height_pt: float = 0.0,
    *,
    safe: bool = True,
) -> float:
    """Total height of a table (header, if any, drawn bold)."""
    kw = dict(margins=margins, line_spacing=line_spacing, min_height_pt=min_row_height_pt,
              safe=safe)
    total = row_height(header, col_widths_pt, font, size_pt, bold=True, **kw) if header else 0.0
    return total + sum(row_height(r, col_widths_pt, font, size_pt, **kw) for r in rows)


def fit_table(
    rows: Sequence[Sequence[Cell]],
    col_widths_pt: Sequence[float],
    box_h_pt: float,
    font: str,
    sizes: Sequence[float] = (14, 13, 12, 11, 10),
    margins: tuple[float, float, float, float] = DEFAULT_CELL_MARGINS,
    header: Sequence[Cell] | None = None,
    line_spacing: float = 1.0,
    min_row_height_pt: float = 0.0,
    continuation_h_pt: float | Sequence[float] | None = None,
) -> TableFitResult:
    """Largest size at which the table fits one box, else rows per box at the
    smallest size (continuation boxes ``continuation_h_pt`` high, default the
    same as the first)."""
    if not sizes:
        raise ValueError("sizes: need at least one size")
    kw = dict(margins=margins, header=header, line_spacing=line_spacing,
              min_row_height_pt=min_row_height_pt)
    for size in sizes:
        h = table_height(rows, col_widths_pt, font, size, **kw)
        if h <= box_h_pt * (1 - HEIGHT_SLACK) + 1e-9:
            return TableFitResult(size, True, [list(rows)], h)
    size = sizes[-1]
    heights = _box_heights(box_h_pt, continuation_h_pt)
    pages = paginate_rows(rows, col_widths_pt, heights, font, size, **kw)
    return TableFitResult(size, False, pages,
                          table_height(pages[0], col_widths_pt, font, size, **kw))
