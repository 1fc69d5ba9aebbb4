"""Font metrics: a font name -> its advance widths, kerning, ligatures and line metrics.

The tables are JSON files in ``statusrapport/text/fontmetrics/`` written by
``tools/extract_font_metrics.py`` from the fonts LibreOffice substitutes for Office's
(Carlito for Calibri, Liberation Sans for Arial, Liberation Serif for Times New Roman); they
load lazily on first use and stay cached. Nothing here imports fontTools (start-up time).

``metrics_for(name)`` is the one entry point: a font name as a template spells it, or the key
of a font read from its files (``text.fontfiles`` chooses it, ``text.fontcache`` registers it
here) -> a ``FontMetrics``. The packaged tables are the fast path for the fonts they cover; any other
font is read from its file, in the same table format (``from_table``).

Widths are what HarfBuzz gives LibreOffice: hmtx advances, GPOS pair kerning and ``liga``
ligatures, each glyph advance rounded to LibreOffice's 600 dpi reference device
(``LAYOUT_DPI``). Without kerning only 89 % of a calibration set's paragraphs break as
LibreOffice breaks them, without the pixel grid 90 % (see ``text/wrap.py``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: LibreOffice 7.4 lays Impress text out on a 600 dpi reference device: the
#: font's pixel size and every glyph advance are whole pixels there.
LAYOUT_DPI: int | None = 600

#: Theme references like "+mn-lt" and an empty name fall back to Carlito: Calibri is Office's
#: default body font, so that is what an unset or theme font most likely is. Any other font
#: name is measured with its own file, or what fontconfig draws instead (``text.fontfiles``).
DEFAULT_FAMILY = "carlito"

#: The fonts the packaged tables cover: metric-compatible clones only, the ones fontconfig draws
#: them with. Not "Calibri Light" (Office's heading font): there is no Carlito Light, and
#: LibreOffice draws it as fontconfig's match (DejaVu Sans on Debian), so it is measured so.
_FAMILY_ALIASES = {
    "calibri": "carlito",
    "carlito": "carlito",
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

#: drawn with no advance (HarfBuzz treats them as default-ignorable)
_ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


# --------------------------------------------------------------------------
# Metric tables
# --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the word cache
class StyleMetrics:
    widths: dict[int, int]
    ligatures: dict[str, list[tuple[str, int]]]  # first char -> [(text, cp)]
    kern_left: dict[int, int]  # code point -> left class
    kern_right: dict[int, int]  # code point -> right class
    kern: dict[tuple[int, int], int]  # (left class, right class) -> units
    line: tuple[int, int, int]  # ascent, descent, line gap (LibreOffice rule)
    win: tuple[int, int]


@dataclass(frozen=True, eq=False)
class FontMetrics:
    name: str
    units_per_em: int
    default_width: int
    styles: dict[str, StyleMetrics]

    def style(self, bold: bool, italic: bool) -> StyleMetrics:
        key = ("bold" if bold else "") + ("italic" if italic else "")
        key = key or "regular"
        if key in self.styles:
            return self.styles[key]
        # No italic table (Liberation Serif here): italics of these families
        # keep the upright advances closely enough for wrapping. No bold file: LibreOffice
        # emboldens the regular glyphs without widening them.
        return self.styles.get("bold" if bold else "regular") or self.styles["regular"]

    def line_em(self, *, gap: bool) -> float:
        """The upright regular style's ascent + descent (+ line gap with ``gap``) in em."""
        ascent, descent, line_gap = self.style(False, False).line
        return (ascent + descent + (line_gap if gap else 0)) / self.units_per_em


def _parse_style(raw: dict) -> StyleMetrics:
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
    return StyleMetrics(widths, ligatures, left, right, pairs, (ascent, descent, gap),
                        tuple(raw["win"]))


#: Fonts read from their files, by key (``text.fontcache`` registers them): a key names the
#: files' bytes, so an entry never changes and the width caches keyed by it stay true.
_REGISTERED: dict[str, FontMetrics] = {}


def metrics_for(font: str) -> FontMetrics:
    """The metrics of a registered key, a font name or a family key (see ``font_family_for``).

    A name neither registered nor covered by a packaged table is resolved through
    ``text.fontfiles`` (its file, or fontconfig's stand-in for it) and registered."""
    found = _REGISTERED.get(font)
    if found is not None:
        return found
    family = table_family(font)
    if family is not None:
        return _load(family)
    from statusrapport.text.fontfiles import choose_font

    return _REGISTERED[choose_font(font).key]


def register(metrics: FontMetrics) -> None:
    """Measure ``metrics.name`` with ``metrics`` from now on (a key made from a font's bytes)."""
    _REGISTERED.setdefault(metrics.name, metrics)


def from_table(name: str, raw: dict) -> FontMetrics:
    """Metrics from a table in the packaged format (``tools/extract_font_metrics.py``)."""
    styles = {key: _parse_style(value) for key, value in raw["styles"].items()}
    return FontMetrics(name, raw["units_per_em"], raw["default_width"], styles)


@lru_cache(maxsize=None)
def _load(name: str) -> FontMetrics:
    text = resources.files("statusrapport.text.fontmetrics").joinpath(f"{name}.json").read_text(
        encoding="utf-8"
    )
    return from_table(name, json.loads(text))


def font_family_for(name: str) -> str:
    """Metric family key for a font name as it appears in a template.

    "Calibri"/"Carlito" -> "carlito"; "Arial"/"Helvetica"/"Liberation Sans"
    -> "liberation-sans"; "Times New Roman"/"Liberation Serif" ->
    "liberation-serif". Family keys map to themselves. Names no packaged table
    covers give ``DEFAULT_FAMILY`` ("carlito"), the stand-in for Office's default
    font; ``metrics_for`` measures them with their own files instead.
    """
    return table_family(name) or DEFAULT_FAMILY


def table_family(name: str) -> str | None:
    """The packaged table's family key for a font name, or None where no table covers it.

    Theme references ("+mn-lt") and an empty name are ``DEFAULT_FAMILY``."""
    key = " ".join((name or "").replace("_", " ").split()).lower()
    if key in _FAMILY_ALIASES:
        return _FAMILY_ALIASES[key]
    for suffix in (" regular", " bold", " italic"):
        if key.endswith(suffix) and key[: -len(suffix)] in _FAMILY_ALIASES:
            return _FAMILY_ALIASES[key[: -len(suffix)]]
    if not key or key.startswith("+"):
        return DEFAULT_FAMILY
    return None


# --------------------------------------------------------------------------
# Widths
# --------------------------------------------------------------------------


#: A text is shaped piece by piece, each piece once per font and style (a deck's texts repeat
#: most of their words): split at spaces and tabs, which no ligature contains, and the kerning
#: between one piece's last glyph and the next one's first added where they meet.
_PIECES = re.compile(r"[^ \t]+|[ \t]")


def _units(text: str, fam: FontMetrics, style: StyleMetrics, ligatures: bool, kerning: bool) -> list[int]:
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
    text: str, fam: FontMetrics, style: StyleMetrics, ligatures: bool, kerning: bool
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


def _kern(style: StyleMetrics, left: int, right: int) -> int:
    """Pair kerning (font units) between two glyphs' code points."""
    lc = style.kern_left.get(left)
    if lc is None:
        return 0
    rc = style.kern_right.get(right)
    return 0 if rc is None else style.kern.get((lc, rc), 0)


def _to_points(units: list[int], fam: FontMetrics, size_pt: float, grid: bool) -> list[float]:
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
    fam = metrics_for(font)
    units = _units(text, fam, fam.style(bold, italic), shaped, shaped)
    return _to_points(units, fam, size_pt, grid)


def line_advances(
    text: str, font: str, size_pt: float, bold: bool, italic: bool
) -> tuple[list[float], list[float]]:
    """Shaped advances, and the advances of a character that ends a line
    (no kerning with the character that follows on the next line)."""
    fam = metrics_for(font)
    style = fam.style(bold, italic)
    shaped = _to_points(_units(text, fam, style, True, True), fam, size_pt, True)
    if not style.kern:
        return shaped, shaped
    return shaped, _to_points(_units(text, fam, style, True, False), fam, size_pt, True)


@lru_cache(maxsize=16384)  # a deck measures the same labels again and again
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
