"""A font family's metrics from its files: read with fontTools once per machine, then kept in a
cache keyed by the files' bytes and the reader's code (``~/.cache/statusrapport/fonts``, or
``$XDG_CACHE_HOME``), so a cached table can never be stale. Registered in ``text.metrics``
under a key naming those bytes.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
from dataclasses import fields
from pathlib import Path

from statusrapport.errors import UserError
from statusrapport.text import metrics

_READER = Path(__file__).with_name("fontread.py")
#: what else a cached table depends on: the Python that marshalled it, the fields it holds
_CACHE_FORMAT = repr((sys.version_info[:2], marshal.version,
                      [f.name for f in fields(metrics.StyleMetrics)])).encode()


def family_metrics(family: str, files: dict[str, tuple[Path, int]]) -> str:
    """Register the metrics of a family's files (by style: path and face index) under a key
    naming their bytes, and return the key: read with fontTools, or from the cache."""
    digest = hashlib.sha256(_READER.read_bytes() + _CACHE_FORMAT)
    for style, (path, index) in files.items():
        digest.update(f"\0{style}\0{index}\0".encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError as exc:
            raise UserError(f"{path}: cannot read the font file: {exc.strerror}") from None
    hexdigest = digest.hexdigest()
    key = f"{family} #{hexdigest[:16]}"
    folder = _cache_dir()
    cached = folder / f"{hexdigest}.marshal" if folder is not None else None
    found = _cached(key, cached)
    if found is None:
        text = json.dumps(_read_files(family, files), separators=(",", ":"), ensure_ascii=False)
        found = metrics.from_table(key, json.loads(text))  # as the packaged tables are read
        if cached is not None:
            _store(cached, found)
    metrics.register(found)
    return key


def _read_files(family: str, files: dict[str, tuple[Path, int]]) -> dict:
    from statusrapport.text import fontread  # fontTools: only for a font not read before

    try:
        return fontread.family_table(family, {s: (Path(p), i) for s, (p, i) in files.items()})
    except Exception as exc:  # fontTools raises many kinds for a broken file, all about it
        names = ", ".join(dict.fromkeys(str(p) for p, _ in files.values()))
        raise UserError(f"{names}: cannot read the font: {exc}") from None


def _cache_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder: no cache, every build reads the files
            return None
    return Path(base) / "statusrapport" / "fonts"


def _cached(key: str, path: Path | None) -> metrics.FontMetrics | None:
    """The metrics kept in the cache (marshal: read in a third of the time of the JSON table
    and its parsing; `_CACHE_FORMAT` in the key makes another Python's cache another file)."""
    if path is None:
        return None
    try:
        upem, default, styles = marshal.loads(path.read_bytes())
        return metrics.FontMetrics(key, upem, default, {
            style: metrics.StyleMetrics(*parts) for style, parts in styles.items()})
    except (OSError, EOFError, ValueError, TypeError):  # absent or damaged: read the files
        return None


def _store(path: Path, found: metrics.FontMetrics) -> None:
    from statusrapport.files.atomic import write_atomic

    styles = {style: tuple(getattr(m, f.name) for f in fields(m))
              for style, m in found.styles.items()}
    try:
        write_atomic(path, marshal.dumps((found.units_per_em, found.default_width, styles)))
    except OSError:  # a cache that cannot be written only costs the next build the reading
        pass
