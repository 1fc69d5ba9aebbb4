"""Where a deck or its PDF may be written: only over nothing, or over a previous deck or PDF.

`-o` is typed by hand, and a slip (`-o initiatives/alfa.yaml`, `-o template.pptx`, `-o
/dev/null`) must not destroy what it names: the deck's path may hold nothing yet or a previous
deck (a zip with ppt/presentation.xml), never the template, a data file (an initiative file of
the folder, existing or not: a new one would join the data) or anything that is not a regular
file (a device, FIFO, socket or folder). A PDF likewise replaces only a previous PDF. The check
is made before the long build, so the user learns at once, and again just before writing.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from statusrapport.errors import UserError

DATA_SUFFIXES = (".yaml", ".yml")
_PDF_MAGIC = b"%PDF"


def check_deck_output(path: Path, data: Path | None, templates: list[Path]) -> None:
    """A UserError unless `path` may take the deck (see the module's docstring)."""
    path = Path(path)
    _never_data(path, data, "deck")
    found = _existing(path, "deck")
    if found is None:
        return
    for template in templates:
        if _same(path, template):
            raise UserError(f"{path}: cannot write the deck: it is the template the deck is "
                            "built from; choose another output (-o)")
    if not _is_deck(path):
        raise UserError(f"{path}: cannot write the deck: the file is not a previous deck (a "
                        ".pptx with ppt/presentation.xml), and is kept; choose another output "
                        "(-o) or remove the file first")


def check_pdf_output(path: Path, data: Path | None, templates: list[Path],
                     deck: Path | None = None) -> None:
    """A UserError unless `path` may take the PDF: nothing there yet, or a previous PDF."""
    path = Path(path)
    if deck is not None and os.path.abspath(path) == os.path.abspath(deck):
        raise UserError(f"{path}: the PDF would replace the deck it is made from; give the deck "
                        "a .pptx name (-o)")
    _never_data(path, data, "PDF")
    if _existing(path, "PDF") is None:
        return
    for template in templates:
        if _same(path, template):
            raise UserError(f"{path}: cannot write the PDF: it is the template")
    if not _starts_with(path, _PDF_MAGIC):
        raise UserError(f"{path}: cannot write the PDF: the file is not a previous PDF, and is "
                        "kept; move it away or choose another output (-o)")


def _never_data(path: Path, data: Path | None, what: str) -> None:
    if data is None:
        return
    folder = os.path.realpath(data)
    if (os.path.dirname(os.path.realpath(path)) == folder
            and path.name.lower().endswith(DATA_SUFFIXES)):
        raise UserError(f"{path}: cannot write the {what}: it names a file of the data folder "
                        f"{data}; choose another output (-o)")


def _existing(path: Path, what: str) -> os.stat_result | None:
    """The file's status when it exists and is a regular file; None when there is nothing (or
    the folder cannot be reached: writing says why); a UserError for anything else."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return None
    if stat.S_ISDIR(found.st_mode):
        raise UserError(f"{path}: cannot write the {what}: it is a folder, and is kept")
    if not stat.S_ISREG(found.st_mode):
        raise UserError(f"{path}: cannot write the {what}: it is not a regular file (a device, "
                        "FIFO or socket), and is kept; choose another output (-o)")
    return found


def _same(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def _is_deck(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as package:
            package.getinfo("ppt/presentation.xml")
        return True
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(magic)) == magic
    except OSError:
        return False
