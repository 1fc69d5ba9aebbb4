"""A font file -> its metric table, read with fontTools: the format of the packaged tables in
``statusrapport/text/fontmetrics/`` (``tools/extract_font_metrics.py`` writes those with the
functions here, and ``text.fontcache`` reads a template's own fonts with them at run time).

Importing this module imports fontTools (about 0.2 s): only ``text.fontcache`` does, and only
for a font file whose table is neither packaged nor cached. The table's layout, and why it
holds what it holds (LibreOffice's line metrics, HarfBuzz' kerning and ligatures), is
described in ``tools/extract_font_metrics.py``.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from fontTools.ttLib import TTFont

# Code points kept in the tables. Everything in the cmap of these blocks is
# stored; anything else falls back to ``default_width`` (1 em) at runtime, which
# is what a fallback font (emoji, CJK) roughly takes.
KEEP_RANGES = [
    (0x0020, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A/B
    (0x02B0, 0x02FF),  # spacing modifier letters
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x045F),  # basic Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x2BFF),  # punctuation, currency, letterlike, arrows, math, shapes
    (0xFB00, 0xFB06),  # Latin ligatures
]


# Characters that get kerning data: Latin (incl. Extended-A, for names),
# general punctuation (quotes, dashes, ellipsis), euro and trade mark.
KERN_RANGES = [
    (0x0020, 0x017F),
    (0x2010, 0x2027),
    (0x20AC, 0x20AC),
    (0x2122, 0x2122),
]


# GSUB features HarfBuzz (and so LibreOffice) applies by default that merge
# characters: standard and contextual ligatures (Carlito: f- and t-ligatures
# such as "ff", "fi", "ft", "tt", "ti"; Liberation 2 has none).
LIGATURE_FEATURES = ("liga", "clig", "rlig")
# Ligature glyphs are stored under code points from here (plane-15 private use).
LIGATURE_BASE = 0xF0000


def _kept(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in KEEP_RANGES)


def _runs(widths: dict[int, int]) -> list:
    """Group {cp: width} into [[first_cp, [w, ...]], ...] over consecutive cps."""
    runs: list = []
    prev = None
    for cp in sorted(widths):
        if prev is not None and cp == prev + 1:
            runs[-1][1].append(widths[cp])
        else:
            runs.append([cp, [widths[cp]]])
        prev = cp
    return runs


def _pair_value(record) -> int:
    value = record.Value1 if record is not None else None
    return (getattr(value, "XAdvance", 0) or 0) if value is not None else 0


def kern_pairs(font: TTFont, glyphs: set[str]) -> dict[tuple[str, str], int]:
    """Flattened GPOS 'kern' pair adjustments {(left glyph, right glyph): units}."""
    if "GPOS" not in font:
        return {}
    gpos = font["GPOS"].table
    lookups = sorted({
        index
        for record in gpos.FeatureList.FeatureRecord
        if record.FeatureTag == "kern"
        for index in record.Feature.LookupListIndex
    })
    result: dict[tuple[str, str], int] = {}
    for index in lookups:
        lookup = gpos.LookupList.Lookup[index]
        if lookup.LookupType == 9:
            subtables = [st.ExtSubTable for st in lookup.SubTable]
        elif lookup.LookupType == 2:
            subtables = list(lookup.SubTable)
        else:
            continue
        decided: set[tuple[str, str]] = set()  # first matching subtable wins
        for st in subtables:
            covered = [g for g in st.Coverage.glyphs if g in glyphs]
            if st.Format == 1:
                for g1 in covered:
                    pair_set = st.PairSet[st.Coverage.glyphs.index(g1)]
                    for rec in pair_set.PairValueRecord:
                        key = (g1, rec.SecondGlyph)
                        if rec.SecondGlyph not in glyphs or key in decided:
                            continue
                        decided.add(key)
                        if _pair_value(rec):
                            result[key] = result.get(key, 0) + _pair_value(rec)
            elif st.Format == 2:
                cd1, cd2 = st.ClassDef1.classDefs, st.ClassDef2.classDefs
                for g1 in covered:
                    row = st.Class1Record[cd1.get(g1, 0)].Class2Record
                    for g2 in glyphs:
                        key = (g1, g2)
                        if key in decided:
                            continue
                        decided.add(key)
                        value = _pair_value(row[cd2.get(g2, 0)])
                        if value:
                            result[key] = result.get(key, 0) + value
    return result


def kern_table(font: TTFont, cmap: dict[int, str]) -> dict | None:
    """Class-compressed kerning for the code points in KERN_RANGES."""
    cps = [
        cp for cp in sorted(cmap)
        if cp != 0x00AD
        and (cp >= LIGATURE_BASE or any(lo <= cp <= hi for lo, hi in KERN_RANGES))
    ]
    by_glyph: dict[str, list[int]] = {}
    for cp in cps:
        by_glyph.setdefault(cmap[cp], []).append(cp)
    flat: dict[tuple[int, int], int] = {}
    for (g1, g2), value in kern_pairs(font, set(by_glyph)).items():
        for a in by_glyph[g1]:
            for b in by_glyph[g2]:
                flat[(a, b)] = value
    if not flat:
        return None
    rows: dict[int, list] = {}
    for (a, b), value in sorted(flat.items()):
        rows.setdefault(a, []).append((b, value))
    left_classes: dict[tuple, list[int]] = {}
    for a, row in rows.items():
        left_classes.setdefault(tuple(row), []).append(a)
    left_of = {a: i for i, members in enumerate(left_classes.values()) for a in members}
    cols: dict[int, set] = {}
    for (a, b), value in flat.items():
        cols.setdefault(b, set()).add((left_of[a], value))
    right_classes: dict[tuple, list[int]] = {}
    for b in sorted(cols):
        right_classes.setdefault(tuple(sorted(cols[b])), []).append(b)
    right_of = {b: i for i, members in enumerate(right_classes.values()) for b in members}
    pairs = sorted({(left_of[a], right_of[b], value) for (a, b), value in flat.items()})
    return {
        "left": ["".join(map(chr, members)) for members in left_classes.values()],
        "right": ["".join(map(chr, members)) for members in right_classes.values()],
        "pairs": [list(p) for p in pairs],
    }


def ligatures(font: TTFont, cmap: dict[int, str]) -> list[tuple[str, str]]:
    """Standard ligatures over KERN_RANGES characters: [(text, glyph), ...].

    In lookup order, and per first glyph in the font's order (longest first),
    which is the order in which HarfBuzz tries them.
    """
    if "GSUB" not in font:
        return []
    gsub = font["GSUB"].table
    lookups = sorted({
        index
        for record in gsub.FeatureList.FeatureRecord
        if record.FeatureTag in LIGATURE_FEATURES
        for index in record.Feature.LookupListIndex
    })
    chars: dict[str, list[str]] = {}
    for cp, glyph in sorted(cmap.items()):
        if any(lo <= cp <= hi for lo, hi in KERN_RANGES):
            chars.setdefault(glyph, []).append(chr(cp))
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index in lookups:
        lookup = gsub.LookupList.Lookup[index]
        for st in lookup.SubTable:
            if lookup.LookupType == 7:
                st = st.ExtSubTable
            if getattr(st, "LookupType", lookup.LookupType) != 4:
                continue
            for first, ligs in st.ligatures.items():
                for lig in ligs:
                    glyphs = [first, *lig.Component]
                    if not all(g in chars for g in glyphs):
                        continue
                    for combo in itertools.product(*(chars[g] for g in glyphs)):
                        text = "".join(combo)
                        if text not in seen:
                            seen.add(text)
                            out.append((text, lig.LigGlyph))
    return out


def style_table(path: Path, index: int = 0) -> dict:
    """The table of one style's file (``index``: the face in a .ttc collection)."""
    font = TTFont(path, lazy=True, fontNumber=index)
    hhea, os2, hmtx = font["hhea"], font["OS/2"], font["hmtx"]
    cmap = font.getBestCmap()
    widths = {cp: hmtx[gname][0] for cp, gname in cmap.items() if _kept(cp)}
    # Ligature glyphs get private code points so that widths and kerning
    # tables can refer to them like to characters.
    ligs = ligatures(font, cmap)
    glyph_cp: dict[str, int] = {}
    for _text, glyph in ligs:
        if glyph not in glyph_cp:
            glyph_cp[glyph] = LIGATURE_BASE + len(glyph_cp)
            widths[glyph_cp[glyph]] = hmtx[glyph][0]
    kern_cmap = dict(cmap)
    kern_cmap.update({cp: glyph for glyph, cp in glyph_cp.items()})
    use_typo = bool(os2.fsSelection & (1 << 7))
    if use_typo:
        line = [os2.sTypoAscender, -os2.sTypoDescender, os2.sTypoLineGap]
    elif hhea.ascent or hhea.descent:
        line = [hhea.ascent, -hhea.descent, hhea.lineGap]
    else:
        line = [os2.usWinAscent, os2.usWinDescent, 0]
    return {
        "source": path.name,
        "version": font["name"].getDebugName(5),
        "hhea": [hhea.ascent, hhea.descent, hhea.lineGap],
        "typo": [os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap],
        "win": [os2.usWinAscent, os2.usWinDescent],
        "use_typo_metrics": use_typo,
        "line": line,
        "widths": _runs(widths),
        "liga": [[text, glyph_cp[glyph]] for text, glyph in ligs],
        "kern": kern_table(font, kern_cmap),
    }


def family_table(name: str, files: dict[str, Path | tuple[Path, int]],
                 stands_in_for: str = "") -> dict:
    """The table of a family from its files by style ("regular", "bold", "italic",
    "bolditalic"; "regular" at least), each a path or (path, face index)."""
    faces = {style: f if isinstance(f, tuple) else (f, 0) for style, f in files.items()}
    styles = {style: style_table(path, index) for style, (path, index) in faces.items()}
    upem = {TTFont(p, lazy=True, fontNumber=i)["head"].unitsPerEm for p, i in faces.values()}
    if len(upem) != 1:
        raise ValueError(f"{name}: styles disagree on unitsPerEm: {upem}")
    units = upem.pop()
    return {
        "family": name,
        "stands_in_for": stands_in_for,
        "units_per_em": units,
        "default_width": units,
        "styles": styles,
    }
