"""The deck as PDF, drawn by LibreOffice headless: converted in a temporary folder, then written
into place by output.py, so that a failed or killed export never leaves half a PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from statusrapport.errors import UserError
from statusrapport.files.atomic import write_atomic

TIMEOUT = 600  # seconds: a deck of hundreds of slides takes minutes, a hung soffice forever
INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-impress; "
                "macOS: brew install --cask libreoffice) so that `soffice` is on PATH")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """Checked before the deck is built: the user learns at once, not after a long build."""
    found = soffice()
    if found is None:
        raise UserError(f"--pdf needs LibreOffice, and `soffice` is not installed: {INSTALL_HINT}")
    return found


def export_pdf(deck: Path, pdf: Path | None = None) -> Path:
    """Convert `deck` to `pdf` (default: beside it, .pdf); return the path written."""
    program = require_soffice()
    deck = Path(deck)
    pdf = Path(pdf) if pdf is not None else deck.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="statusrapport-pdf-") as temp:
        root = Path(temp)
        # A private profile: a user's running LibreOffice (or a stale lock) cannot interfere.
        command = [program, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(root / "out"),
                   str(deck.resolve())]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                    stdin=subprocess.DEVNULL, env={**os.environ, "HOME": temp})
        except subprocess.TimeoutExpired:
            raise UserError(f"{deck}: LibreOffice did not finish the PDF in {TIMEOUT} s") from None
        except OSError as exc:
            raise UserError(f"cannot run {program}: {exc.strerror or exc}") from None
        made = root / "out" / f"{deck.stem}.pdf"
        if result.returncode != 0 or not made.is_file() or made.stat().st_size == 0:
            said = (result.stderr or result.stdout).strip().splitlines()
            raise UserError(f"{deck}: LibreOffice could not convert the deck to PDF"
                            + (f": {said[-1]}" if said else f" (exit {result.returncode})"))
        try:
            write_atomic(pdf, made.read_bytes())
        except OSError as exc:
            raise UserError(f"{pdf}: cannot write the PDF: {exc.strerror or exc}") from None
    return pdf
