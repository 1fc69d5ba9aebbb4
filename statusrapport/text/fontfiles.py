"""Which font a template's font name is measured with, and its metrics read from the font files.

A name is measured, in this order, with:

1. a packaged table (``text/fontmetrics``: Carlito for Calibri, Liberation for Arial and Times
   New Roman), the fast path: no fontconfig, no font file;
2. the office's own font files (``fonts:`` in programme.yaml), found with ``fc-scan``;
3. the installed font of that name, or, where it is not installed, the font LibreOffice draws
   instead: fontconfig's match (``fc-match``), which the caller says once (``FontChoice.notice``).

The files are read once per process (by their size and modification time), and once per
machine with fontTools: ``text.fontcache`` keeps their metrics, keyed by their bytes.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from statusrapport.errors import UserError
from statusrapport.text import metrics
from statusrapport.text.fontcache import family_metrics

STYLES = ("regular", "bold", "italic", "bolditalic")
#: fontconfig's weight scale: 80 regular, 180 demibold, 200 bold
_BOLD_WEIGHT = 180
_FORMAT = "%{family}\t%{weight}\t%{slant}\t%{width}\t%{index}\t%{file}\n"
_READABLE = (".ttf", ".otf", ".ttc", ".otc")


@dataclass(frozen=True)
class FontChoice:
    """A font name as the template gives it, and what its text is measured (and drawn) with."""

    requested: str
    used: str  # the family measured
    key: str  # what text.metrics measures with (metrics_for(key))
    stood_in: bool  # `used` is another font than `requested`, not metric-compatible with it
    how: str  # "table", "office", "installed", "fontconfig" or "missing fontconfig"
    files: tuple[str, ...] = ()  # the files read, by style (regular first)

    @property
    def notice(self) -> str | None:
        """The one line a build says about a font that another stood in for."""
        if self.how == "missing fontconfig":
            return (f'template font "{self.requested}" cannot be looked up (fontconfig\'s '
                    f"fc-match is not installed); measured as {self.used}")
        if not self.stood_in:
            return None
        return (f'template font "{self.requested}" is not installed; measured and drawn as '
                f"{self.used} (fontconfig's match)")

    def describe(self) -> str:
        """One line for `template check`: what the font is measured with, and from where."""
        head = f'font "{self.requested}": '
        if self.how == "missing fontconfig":
            return head + ("cannot be looked up (fontconfig's fc-match is not installed); "
                           f"measured as {self.used}")
        if self.stood_in:
            return head + (f"not installed; measured and drawn as {self.used} (fontconfig's "
                           f"match, {self.files[0] if self.files else 'a packaged table'})")
        if self.how == "table":
            same = "" if self.used.casefold() == self.requested.casefold() else (
                f", {self.used}, metric-compatible")
            return head + f"measured with the packaged table{same}"
        where = "the office's font file" if self.how == "office" else "the installed file"
        return head + f"measured with {where} {self.files[0]}"

    def as_json(self) -> dict:
        return {"requested": self.requested, "used": self.used, "stood_in": self.stood_in,
                "how": self.how, "files": list(self.files)}


@dataclass(frozen=True)
class _Face:
    families: tuple[str, ...]
    weight: int
    slant: int
    width: int
    index: int
    file: str

    def has(self, family: str) -> bool:
        return family.casefold() in (f.casefold() for f in self.families)

    @property
    def style(self) -> str:
        bold, italic = self.weight >= _BOLD_WEIGHT, self.slant > 0
        return ("bold" if bold else "") + ("italic" if italic else "") or "regular"


def choose_font(name: str, folder: Path | None = None) -> FontChoice:
    """The font `name` is measured with (its metrics registered in text.metrics under its key)."""
    return choose_fonts([name], folder)[name]


def choose_fonts(names: Iterable[str], folder: Path | None = None) -> dict[str, FontChoice]:
    """`choose_font` for each name; fontconfig is asked about all of them at once."""
    with FontQuery(names) as query:
        return query.choices(folder)


class FontQuery:
    """`choose_fonts` in two steps: fontconfig is asked when the query is made, and works while
    the caller does (a build loads its data), and the choices are made when asked for.

        with FontQuery(names) as query:   # fc-match runs meanwhile
            ...
            chosen = query.choices(folder)
    """

    def __init__(self, names: Iterable[str]):
        self.names = list(dict.fromkeys(names))
        asked = [name for name in self.names if metrics.table_family(name) is None]
        self._running = dict(zip(asked, _ask(asked)))

    def __enter__(self) -> FontQuery:
        return self

    def __exit__(self, *exc) -> None:
        for process in self._running.values():  # not read: the caller failed meanwhile
            if process is not None and process.poll() is None:
                process.kill()
            if process is not None:
                process.communicate()
        self._running = {}

    def choices(self, folder: Path | None = None) -> dict[str, FontChoice]:
        """Each name's choice: the packaged table, the office's folder, fontconfig's answer."""
        out = {}
        for name in self.names:
            family = metrics.table_family(name)
            if family is not None:
                used = metrics.metrics_for(family)  # loads the table: its name is the key
                out[name] = FontChoice(name, _TABLE_NAMES[family], used.name, False, "table")
                continue
            process = self._running.pop(name, None)
            faces = _faces(process.communicate()[0]) if process is not None else []
            own = [f for f in _scan(folder) if f.has(name)] if folder is not None else []
            out[name] = (_read(name, name, _by_style(own), "office", False) if own
                         else _matched(name, faces))
        return out


def _matched(name: str, faces: list[_Face]) -> FontChoice:
    """The choice for `name` from fontconfig's faces for it, best first."""
    if not faces:
        return FontChoice(name, _TABLE_NAMES[metrics.DEFAULT_FAMILY], metrics.DEFAULT_FAMILY,
                          True, "missing fontconfig")
    first = faces[0]
    installed = first.has(name)
    used = name if installed else first.families[0]
    how = "installed" if installed else "fontconfig"
    table = metrics.table_family(used)
    if table is not None:  # fontconfig stood in a font the package has a table of
        return FontChoice(name, used, metrics.metrics_for(table).name, not installed, how)
    same = [f for f in faces if f.has(used) and f.width == first.width]
    return _read(name, used, _by_style(same), how, not installed)


_TABLE_NAMES = {"carlito": "Carlito", "liberation-sans": "Liberation Sans",
                "liberation-serif": "Liberation Serif"}


def _by_style(faces: list[_Face]) -> dict[str, _Face]:
    """The face of each style, the best ranked first (fontconfig's order); the regular one at
    least (a family of one bold face is measured bold-as-regular, as LibreOffice draws it)."""
    chosen: dict[str, _Face] = {}
    for face in faces:
        chosen.setdefault(face.style, face)
    chosen.setdefault("regular", faces[0])
    return {style: chosen[style] for style in STYLES if style in chosen}


# ---- fontconfig ---------------------------------------------------------------------------


def _pattern(name: str) -> str:
    """A family name as a fontconfig pattern: '-', ':' and ',' would start a size, properties
    or another family."""
    return re.sub(r"([\\\-:,])", r"\\\1", name)


def _ask(names: list[str]) -> list[subprocess.Popen | None]:
    """fontconfig asked for each name's faces, best first, all at once (None each where it is
    not installed). `-a`, not `-s`: -s trims the faces that add no characters, a family's bold
    and italic among them."""
    try:
        return [subprocess.Popen(["fc-match", "-a", "-f", _FORMAT, _pattern(name)],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                for name in names]
    except FileNotFoundError:
        return [None for _ in names]


@lru_cache(maxsize=None)
def _scan_folder(folder: Path, stamp: tuple) -> tuple[_Face, ...]:
    try:
        done = subprocess.run(["fc-scan", "-f", _FORMAT, str(folder)], capture_output=True)
    except FileNotFoundError:
        raise UserError(f"{folder}: the office's fonts cannot be read: fontconfig's fc-scan "
                        "is not installed") from None
    faces = _faces(done.stdout)
    found = {os.path.normpath(face.file) for face in faces}
    for file, _size, _mtime in stamp:
        if file.lower().endswith(_READABLE) and os.path.normpath(file) not in found:
            raise UserError(f"{file}: cannot read the font file: fontconfig finds no font in it")
    return tuple(faces)


def _scan(folder: Path) -> tuple[_Face, ...]:
    """The faces of the font files in an office's folder (and its subfolders); an error for a
    font file that holds none."""
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    stamp = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _scan_folder(Path(folder), stamp)


def _faces(output: bytes) -> list[_Face]:
    faces = []
    for line in output.decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if len(parts) != 6 or not parts[5]:
            continue
        family, weight, slant, width, index, file = parts
        try:
            faces.append(_Face(tuple(f for f in family.split(",") if f), int(float(weight)),
                               int(float(slant)), int(float(width or 100)),
                               int(index or 0), file))
        except ValueError:  # a face fontconfig knows only partly: not one to measure with
            continue
    # LibreOffice draws OpenType and TrueType fonts (no Type 1 since 5.3), and fontTools reads them
    return [face for face in faces if face.families and face.file.lower().endswith(_READABLE)]


# ---- reading the files --------------------------------------------------------------------

#: (file, face index, size, mtime) of each style -> key: a file read once per process
_READ: dict[tuple, str] = {}


def _read(requested: str, used: str, faces: dict[str, _Face], how: str,
          stood_in: bool) -> FontChoice:
    files = tuple(face.file for face in faces.values())
    try:
        stamp = tuple((style, face.file, face.index, os.stat(face.file).st_size,
                       os.stat(face.file).st_mtime_ns) for style, face in faces.items())
    except OSError as exc:
        raise UserError(f"{exc.filename}: cannot read the font file: {exc.strerror}") from None
    key = _READ.get(stamp)
    if key is None:
        key = family_metrics(used, {s: (Path(f.file), f.index) for s, f in faces.items()})
        _READ[stamp] = key
    return FontChoice(requested, used, key, stood_in, how, files)
