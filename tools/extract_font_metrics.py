#!/usr/bin/env python3
"""Extract compact font-metric tables for ``statusrapport.textfit``.

Dev-time only: this script needs fontTools; the runtime never imports it and
reads the JSON files this script writes into ``statusrapport/fontmetrics/``.

Families and their metric-compatible stand-ins (same advance widths as the
Microsoft originals, so line breaks computed with them hold for the originals):

* ``carlito``          - Carlito  (Calibri)          Regular/Bold/Italic/BoldItalic
* ``liberation-sans``  - Liberation Sans 2 (Arial)   Regular/Bold/Italic/BoldItalic
* ``liberation-serif`` - Liberation Serif 2 (Times New Roman) Regular/Bold

JSON layout (one file per family, written without whitespace)::

    {
      "family": "carlito", "stands_in_for": "Calibri",
      "units_per_em": 2048,
      "default_width": 2048,          # advance for a code point not in the table
      "styles": {
        "regular": {
          "source": "Carlito-Regular.ttf", "version": "...",
          "hhea": [ascender, descender, lineGap],
          "typo": [sTypoAscender, sTypoDescender, sTypoLineGap],
          "win":  [usWinAscent, usWinDescent],
          "use_typo_metrics": false,  # OS/2 fsSelection bit 7
          "line": [ascent, descent, gap],   # what LibreOffice uses, see below
          "widths": [[first_code_point, [w, w, ...]], ...]   # runs of
        },                                                   # consecutive cps
        ...
      }
    }

``line``: LibreOffice (vcl ``FontMetricData::ImplCalcLineSpacing``) takes the
hhea ascender/descender/lineGap; it switches to the OS/2 typo values only when
fsSelection bit 7 (USE_TYPO_METRICS) is set, and to the win values only when
hhea is empty or the family is on its ``FontsUseWinMetrics`` list (none of
ours). Impress' 100 % proportional line height is ascent + descent (the gap
is not added); ``textfit`` applies a calibrated factor on top, see there.

Kerning is deliberately not extracted: python-pptx runs carry no ``kern``
attribute, so PowerPoint does not kern them, and calibration against
LibreOffice showed line breaks match without it.

Usage::

    python tools/extract_font_metrics.py            # writes the JSON files
    python tools/extract_font_metrics.py --check    # exit 1 if files are stale
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

CROSEXTRA = Path("/usr/share/fonts/truetype/crosextra")
LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
OUT_DIR = Path(__file__).resolve().parent.parent / "statusrapport" / "fontmetrics"

FAMILIES: dict[str, dict] = {
    "carlito": {
        "stands_in_for": "Calibri",
        "styles": {
            "regular": CROSEXTRA / "Carlito-Regular.ttf",
            "bold": CROSEXTRA / "Carlito-Bold.ttf",
            "italic": CROSEXTRA / "Carlito-Italic.ttf",
            "bolditalic": CROSEXTRA / "Carlito-BoldItalic.ttf",
        },
    },
    "liberation-sans": {
        "stands_in_for": "Arial",
        "styles": {
            "regular": LIBERATION / "LiberationSans-Regular.ttf",
            "bold": LIBERATION / "LiberationSans-Bold.ttf",
            "italic": LIBERATION / "LiberationSans-Italic.ttf",
            "bolditalic": LIBERATION / "LiberationSans-BoldItalic.ttf",
        },
    },
    "liberation-serif": {
        "stands_in_for": "Times New Roman",
        "styles": {
            "regular": LIBERATION / "LiberationSerif-Regular.ttf",
            "bold": LIBERATION / "LiberationSerif-Bold.ttf",
        },
    },
}

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


def style_table(path: Path) -> dict:
    font = TTFont(path, lazy=True)
    hhea, os2, hmtx = font["hhea"], font["OS/2"], font["hmtx"]
    cmap = font.getBestCmap()
    widths = {cp: hmtx[gname][0] for cp, gname in cmap.items() if _kept(cp)}
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
    }


def family_table(name: str, spec: dict) -> dict:
    styles = {style: style_table(path) for style, path in spec["styles"].items()}
    upem = {TTFont(p, lazy=True)["head"].unitsPerEm for p in spec["styles"].values()}
    if len(upem) != 1:
        raise SystemExit(f"{name}: styles disagree on unitsPerEm: {upem}")
    units = upem.pop()
    return {
        "family": name,
        "stands_in_for": spec["stands_in_for"],
        "units_per_em": units,
        "default_width": units,
        "styles": styles,
    }


def dumps(table: dict) -> str:
    return json.dumps(table, separators=(",", ":"), ensure_ascii=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--check", action="store_true",
                        help="only compare with the files on disk")
    args = parser.parse_args(argv)
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # 'created' timestamp noise
    args.out.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, spec in FAMILIES.items():
        text = dumps(family_table(name, spec))
        target = args.out / f"{name}.json"
        if args.check:
            if not target.exists() or target.read_text() != text:
                stale.append(target)
            continue
        target.write_text(text)
        print(f"wrote {target} ({len(text.encode())} bytes)")
    if stale:
        print("stale: " + ", ".join(str(p) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
