"""Edit a hand-written YAML file in place: every comment, key order and blank line kept.

ruamel.yaml's round-trip mode keeps comments and layout, which the strict reader (PyYAML
events) does not. Before an edit, the unchanged file must come back byte for byte; a file it
cannot reproduce (mixed indentation, say) is refused rather than silently reformatted. The
strict loader remains the judge of what the edited file means.
"""

from __future__ import annotations

import difflib
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent

from statusrapport.errors import UserError
from statusrapport.files.atomic import write_atomic


@dataclass
class Editable:
    path: Path
    text: str
    data: Any
    yaml: YAML
    bom: str = ""  # kept as the file had them: a BOM, Windows line ends
    newline: str = "\n"
    raw: bytes = b""  # the file as read: it must still be so when the edit is written


    def dumped(self, data: Any = None) -> str:
        out = io.StringIO()
        self.yaml.dump(self.data if data is None else data, out)
        return out.getvalue()

    def encoded(self) -> bytes:
        """The edited file as it will be written: its BOM and line ends as it had them."""
        return (self.bom + self.dumped().replace("\n", self.newline)).encode("utf-8")

    def save(self) -> None:
        write_atomic(self.path, self.encoded())


def make_yaml(sequence_indent: int = 4, sequence_offset: int = 2) -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line someone wrote
    yaml.indent(mapping=2, sequence=sequence_indent, offset=sequence_offset)
    return yaml


def open_editable(path: Path) -> Editable:
    """The file ready to edit, or a UserError when it could not be written back unchanged."""
    from statusrapport.data.yamlsafe import MAX_FILE_BYTES
    from statusrapport.files.regular import NotReadable, read_regular

    try:
        read = read_regular(path, MAX_FILE_BYTES)  # never blocks on a FIFO, never reads unbounded
        raw = read.decode("utf-8")
    except NotReadable as exc:  # read before anything is written, so nothing was
        raise UserError(f"{path}: {exc}; nothing was written") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: cannot read the file: {exc}") from None
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = raw.removeprefix(bom).replace("\r\n", "\n")
    try:
        _, indent, offset = load_yaml_guess_indent(text)
        # The file's own sequence style ("  - item" or "- item"); this project's when it has none.
        yaml = make_yaml(*((indent, offset) if indent and offset is not None else (4, 2)))
        data = yaml.load(text)
    except Exception as exc:  # noqa: BLE001 - ruamel's many error types: the loader has passed it
        raise UserError(f"{path}: cannot edit the file in place: {exc}") from None
    editable = Editable(path, text, data, yaml, bom, newline, read)
    again = editable.dumped()
    if again != text:
        line = _first_difference(text, again)
        raise UserError(f"{path}:{line}: the file cannot be edited without reformatting it "
                        "(mixed indentation or layout?); make the change by hand")
    return editable


def _first_difference(before: str, after: str) -> int:
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(),
                                      autojunk=False)
    for tag, i1, _, _, _ in matcher.get_opcodes():
        if tag != "equal":
            return i1 + 1
    return 1


def uncommitted(path: Path) -> str | None:
    """`git status --porcelain` of the file: its status letters, or None when it is clean
    (or not in a git repository, or git is not installed: then there is nothing to protect)."""
    try:
        result = subprocess.run(["git", "status", "--porcelain", "--", path.name],
                                cwd=path.parent, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:  # "not a git repository"
        return None
    status = result.stdout.strip()
    return status[:2].strip() or "?" if status else None
