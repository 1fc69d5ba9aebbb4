"""The deck as PDF, drawn by LibreOffice headless: converted in a temporary folder, then written
into place by files/atomic.py, so that a failed or killed export never leaves half a PDF.

soffice runs in a session of its own (a Ctrl-C at the terminal reaches only us), and is ended
by us on every way out: an error, a timeout, Ctrl-C (SIGINT) or SIGTERM. SIGTERM is turned into
an exception while the export runs, so that the same cleanup runs (soffice and its children
ended, the temporary folder removed, the previous PDF untouched); then the process ends by
the signal, as its sender expects.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from statusrapport.errors import UserError
from statusrapport.files.atomic import write_atomic
from statusrapport.files.destinations import check_pdf_output

GRACE = 5  # seconds soffice is given to end on SIGTERM before SIGKILL
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


def export_pdf(deck: Path, pdf: Path | None = None, data: Path | None = None,
               templates: Sequence[Path] = (), fonts: Path | None = None) -> Path:
    """Convert `deck` to `pdf` (default: beside it, .pdf); return the path written. The PDF
    replaces nothing but a previous PDF (files/destinations.py). `fonts`: the office's font
    folder (programme.yaml's `fonts:`), which LibreOffice draws with as the deck was measured."""
    program = require_soffice()
    deck = Path(deck)
    pdf = Path(pdf) if pdf is not None else deck.with_suffix(".pdf")
    check_pdf_output(pdf, data, list(templates), deck)
    try:
        with _sigterm_raises():
            return _export(program, deck, pdf, data, list(templates), fonts)
    except _Terminated as stop:  # cleaned up: now end as the signal's sender expects
        signal.signal(stop.signum, signal.SIG_DFL)
        os.kill(os.getpid(), stop.signum)
        raise SystemExit(128 + stop.signum) from None  # not reached on POSIX


def _export(program: str, deck: Path, pdf: Path, data: Path | None,
            templates: list[Path], fonts: Path | None) -> Path:
    with tempfile.TemporaryDirectory(prefix="statusrapport-pdf-") as temp:
        root = Path(temp)
        env = {"HOME": temp}
        if fonts is not None:
            env["FONTCONFIG_FILE"] = str(_font_config(root, fonts))
        # A private profile: a user's running LibreOffice (or a stale lock) cannot interfere.
        command = [program, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(root / "out"),
                   str(deck.resolve())]
        returncode, said = _run(program, command, deck, root, env)
        made = root / "out" / f"{deck.stem}.pdf"
        if returncode != 0 or not made.is_file() or made.stat().st_size == 0:
            raise UserError(f"{deck}: LibreOffice could not convert the deck to PDF"
                            + (f": {said[-1]}" if said else f" (exit {returncode})"))
        check_pdf_output(pdf, data, templates, deck)  # again: it may have changed meanwhile
        try:
            write_atomic(pdf, made.read_bytes())
        except OSError as exc:
            raise UserError(f"{pdf}: cannot write the PDF: {exc.strerror or exc}") from None
    return pdf


def _font_config(root: Path, fonts: Path) -> Path:
    """A fontconfig file: the system's fonts and the office's folder (LibreOffice on Linux finds
    fonts through fontconfig)."""
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    config = root / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f'<fontconfig><include ignore_missing="yes">{escape(system)}</include>'
        f"<dir>{escape(str(Path(fonts).resolve()))}</dir>"
        f"<cachedir>{escape(str(root / 'fontconfig'))}</cachedir></fontconfig>\n",
        encoding="utf-8")
    return config


def _run(program: str, command: list[str], deck: Path, root: Path,
         extra: dict[str, str]) -> tuple[int, list[str]]:
    """soffice's exit code and the lines it said; it is ended on any way out of here."""
    # Its home and its own temporary files (lu*.tmp, which a killed soffice leaves behind)
    # inside our folder, so that removing the folder removes everything it made.
    scratch = root / "tmp"
    scratch.mkdir()
    env = {**os.environ, **extra, "HOME": str(root), "TMPDIR": str(scratch),
           "TMP": str(scratch), "TEMP": str(scratch)}
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, text=True, start_new_session=True,
                                   env=env)
    except OSError as exc:
        raise UserError(f"cannot run {program}: {exc.strerror or exc}") from None
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _end(process)
        raise UserError(f"{deck}: LibreOffice did not finish the PDF in {TIMEOUT} s") from None
    except BaseException:  # Ctrl-C, SIGTERM: soffice must not outlive us
        _end(process)
        raise
    return process.returncode, (err or out or "").strip().splitlines()


def _end(process: subprocess.Popen) -> None:
    """End soffice and every process it started (its own session): SIGTERM, then SIGKILL."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signum)
        try:
            process.communicate(timeout=GRACE)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError, PermissionError):  # children left behind
        os.killpg(process.pid, signal.SIGKILL)


class _Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C so every cleanup on the way runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread
        return

    def raise_terminated(signum: int, frame: object) -> None:
        raise _Terminated(signum)

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
