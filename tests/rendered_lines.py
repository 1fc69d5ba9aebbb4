"""The lines LibreOffice draws: a .pptx rendered with soffice, read back with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path


def render_lines(pptx: Path, outdir: Path) -> list[list[tuple[float, str]]]:
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
