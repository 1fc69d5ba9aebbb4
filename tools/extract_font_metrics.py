#!/usr/bin/env python3
"""Extract compact font-metric tables for ``statusrapport.text.metrics``.

Dev-time only: the packaged tables in ``statusrapport/text/fontmetrics/`` are what the runtime
reads for these families without fontTools. The reading itself is ``statusrapport.text.fontread``
(the runtime reads a template's other fonts with it, see ``text.fontfiles``).

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
          "widths": [[first_code_point, [w, w, ...]], ...],  # runs of
                                                             # consecutive cps
          "liga": [["ffi", 983040], ...],  # ligature text -> private cp
                                           # whose width/kerning is stored
          "kern": {"left": ["AÀÁ...", ...],     # classes of first characters
                   "right": ["TŢŤ...", ...],    # classes of second characters
                   "pairs": [[left, right, units], ...]}   # non-zero only
        },
        ...
      }
    }

``line``: the font's vertical metrics as LibreOffice reads them (vcl
``FontMetricData::ImplCalcLineSpacing``): hhea ascender/descender/lineGap,
the OS/2 typo values only when fsSelection bit 7 (USE_TYPO_METRICS) is set,
the win values only when hhea is empty or the family is on LibreOffice's
``FontsUseWinMetrics`` list (none of ours; none of these fonts sets bit 7).
Measured in LibreOffice 7.4: text boxes imported from PPTX do not use them
at all (fixed 1.2 em per line), table cells use ascent + descent without the
gap (Carlito 1.0 em, Liberation Sans 1.117 em); ``text.fit.line_height``.

Kerning: LibreOffice kerns PPTX text, and PowerPoint kerns from 12 pt up
because stock templates (python-pptx's too) set ``kern="1200"``; Carlito's
kerning narrows running text by about 1 %, enough to move line breaks. The
GPOS ``kern`` feature (pair adjustment, lookup types 2 and 9) is flattened for
``KERN_RANGES`` the way HarfBuzz applies it (in a lookup the first subtable
that covers the pair wins) and stored as character classes: characters with
identical rows (columns) share a left (right) class, so the table stays small.
The soft hyphen is left out (HarfBuzz does not draw it, so it never kerns).

Ligatures: LibreOffice shapes with HarfBuzz' default features, which include
``liga``; Carlito's f/t ligatures are narrower than their letters (up to
0.4 pt at 14 pt for "tt"), and "tt", "ti", "ft" are frequent in Norwegian.
Each ligature glyph is stored as a private code point with its width and
kerning classes; ``text.metrics`` substitutes them before measuring. PowerPoint
does not form ligatures by default, which the fitting slack covers.

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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from statusrapport.text.fontread import (  # noqa: E402  (after sys.path)
    family_table, kern_pairs, kern_table, ligatures, style_table)

__all__ = ["family_table", "kern_pairs", "kern_table", "ligatures", "style_table"]

CROSEXTRA = Path("/usr/share/fonts/truetype/crosextra")
LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
OUT_DIR = Path(__file__).resolve().parent.parent / "statusrapport" / "text" / "fontmetrics"

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

def dumps(table: dict) -> str:
    return json.dumps(table, separators=(",", ":"), ensure_ascii=False) + "\n"


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
        text = dumps(family_table(name, spec["styles"], spec["stands_in_for"]))
        target = args.out / f"{name}.json"
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target)
            continue
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target} ({len(text.encode())} bytes)")
    if stale:
        print("stale: " + ", ".join(str(p) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
