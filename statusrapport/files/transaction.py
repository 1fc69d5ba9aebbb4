"""Several files changed as one: all of them, or none, even when the process is killed.

The design (a redo journal with backups for undo), for a change of files F1..Fn in a data folder:

1. Prepare: every new content is already in memory. Each target is checked to hold exactly
   the bytes the edit was made from (a file changed on disk since it was read is never
   overwritten). A symlinked data file is followed: its target is written, the link kept.
2. Stage: each new content goes to `.<name>.txn-<id>.new` beside its target, fsynced; each
   existing target gets a hard link `.<name>.txn-<id>.old` (its backup, no copy). Any failure
   here (a full disk, a size limit, a read-only folder) removes what was staged: no file
   changed.
3. Journal: `.statusrapport-journal` in the data folder lists every (target, new, old),
   written to a temporary file, fsynced and renamed, so it is whole or absent. Its presence
   with `"action": "forward"` is the commit point: from here the change is finished.
4. Rename each `.new` over its target, fsync the folders, remove the backups and the journal.

If a rename fails (Python sees the error), the journal is rewritten with `"action": "back"`
and each renamed target is put back from its backup: no file changed. If the process is
killed, the next writing command (under the folder's lock, files/lock.py) calls `recover()`
first: a `forward` journal is finished (every `.new` still present is renamed: they are all
complete, staged before the journal existed), a `back` journal is undone; staged files
without a journal (killed before the commit point) are removed. The journal names only
files of the `.<name>.txn-<id>.*` form beside their target, so a damaged or crafted journal
cannot make recovery move any other file.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from statusrapport.errors import UserError
from statusrapport.files.atomic import _fsync_folder, _mode_of, _write_all

JOURNAL = ".statusrapport-journal"
_STAGED = re.compile(r"\.(?P<name>.+)\.txn-(?P<id>[0-9]+-[0-9a-f]+)\.(?P<kind>new|old)")

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would pass the file size limit",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
}


@dataclass(frozen=True)
class Change:
    """A file's new content, and the content it must still have (None: it must not exist)."""

    path: Path
    data: bytes
    expected: bytes | None


@dataclass(frozen=True)
class _Entry:
    target: Path
    new: Path
    old: Path | None  # None: the target is a new file


def commit(folder: Path, changes: list[Change]) -> None:
    """Write every change or none; a UserError (nothing changed) when one cannot be written."""
    folder = Path(folder)
    entries: list[_Entry] = []
    txn = f"{os.getpid()}-{os.urandom(4).hex()}"
    at = folder / JOURNAL
    try:
        for change in changes:
            at = change.path
            target = _target(change.path)
            _check_unchanged(change, target)
            entries.append(_stage(change, target, txn))
        at = folder / JOURNAL
        _write_journal(folder, "forward", entries)
    except BaseException as exc:  # a refusal, an OSError, Ctrl-C: nothing staged stays behind
        _remove_staged(entries)
        if isinstance(exc, OSError):
            raise _failure(at, exc, "nothing was written; every file is as it was") from None
        raise
    try:
        for entry, change in zip(entries, changes):
            at = change.path
            os.replace(entry.new, entry.target)
        for parent in {e.target.parent for e in entries}:
            _fsync_folder(parent)
    except OSError as exc:
        _undo(folder, entries, at, exc)
    _finish(folder, entries)


def recover(folder: Path) -> None:
    """Finish or undo a change a killed command left (see the module's docstring)."""
    folder = Path(folder)
    journal = folder / JOURNAL
    try:
        action, entries = _read_journal(journal)
    except FileNotFoundError:
        _remove_orphans(folder)
        return
    try:
        if action == "forward":
            for entry in entries:
                if entry.new.exists():
                    os.replace(entry.new, entry.target)
        else:
            _restore(entries)
        for parent in {e.target.parent for e in entries}:
            _fsync_folder(parent)
        _finish(folder, entries)
    except OSError as exc:
        raise UserError(f"{journal}: an interrupted change could not be "
                        f"{'finished' if action == 'forward' else 'undone'}: "
                        f"{exc.strerror or exc}; fix that and run the command again") from None
    _remove_orphans(folder)


def _target(path: Path) -> Path:
    """The file to write: a symlink's target (the link stays a link), else the path itself."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _check_unchanged(change: Change, target: Path) -> None:
    try:
        current = target.read_bytes()
    except FileNotFoundError:
        current = None
    if current != change.expected:
        what = ("was created" if change.expected is None else
                "was removed" if current is None else "was changed")
        raise UserError(f"{change.path}: {what} on disk while this command ran (by an editor or "
                        "another program); nothing was written: run the command again")
    if current is not None and not stat.S_ISREG(os.stat(target).st_mode):
        raise UserError(f"{change.path}: not a regular file; nothing was written")


def _stage(change: Change, target: Path, txn: str) -> _Entry:
    new = target.parent / f".{target.name}.txn-{txn}.new"
    old = target.parent / f".{target.name}.txn-{txn}.old" if change.expected is not None else None
    fd = os.open(new, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        try:
            _write_all(fd, change.data)
            os.fchmod(fd, _mode_of(target))
            os.fsync(fd)
        finally:
            os.close(fd)
        if old is not None:
            os.link(target, old)
    except BaseException:
        _remove_staged([_Entry(target, new, old)])
        raise
    return _Entry(target, new, old)


def _write_journal(folder: Path, action: str, entries: list[_Entry]) -> None:
    text = json.dumps({"action": action, "files": [
        {"target": str(e.target), "new": str(e.new), "old": str(e.old) if e.old else None}
        for e in entries]}, ensure_ascii=False, indent=1)
    temp = folder / f"{JOURNAL}.{os.getpid()}.tmp"
    try:
        fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o644)
        try:
            _write_all(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, folder / JOURNAL)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(folder)


def _read_journal(journal: Path) -> tuple[str, list[_Entry]]:
    try:
        raw = json.loads(journal.read_text(encoding="utf-8"))
        action = raw["action"]
        entries = [_Entry(Path(f["target"]), Path(f["new"]), Path(f["old"]) if f["old"] else None)
                   for f in raw["files"]]
    except FileNotFoundError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{journal}: cannot read the journal of an interrupted change ({exc}); "
                        "compare the files with git, then remove it") from None
    for entry in entries:
        for staged, kind in ((entry.new, "new"), (entry.old, "old")):
            match = _STAGED.fullmatch(staged.name) if staged is not None else None
            if staged is not None and (match is None or match["kind"] != kind
                                       or match["name"] != entry.target.name
                                       or staged.parent != entry.target.parent):
                raise UserError(f"{journal}: names a file that is not one of its own "
                                f"({staged}); compare the files with git, then remove it")
    if action not in ("forward", "back"):
        raise UserError(f"{journal}: unknown action {action!r}; compare the files with git, "
                        "then remove it")
    return action, entries


def _undo(folder: Path, entries: list[_Entry], at: Path, cause: OSError) -> None:
    """A rename failed: put every target back; a kill from here on is undone by recover()."""
    try:
        _write_journal(folder, "back", entries)
        _restore(entries)
        _finish(folder, entries)
    except OSError as exc:
        raise _failure(at, cause, f"undoing the change failed too ({exc.strerror or exc}); the "
                       f"next statusrapport command in {folder} undoes it") from None
    raise _failure(at, cause, "nothing was written; every file is as it was") from None


def _restore(entries: list[_Entry]) -> None:
    for entry in entries:
        if entry.old is not None:
            if entry.old.exists():
                os.replace(entry.old, entry.target)
        elif not entry.new.exists():  # a new file that was renamed into place: remove it
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.target)
    _remove_staged(entries)


def _finish(folder: Path, entries: list[_Entry]) -> None:
    """Remove the backups, then the journal: best effort, as the change is whole by now. What
    cannot be removed is removed by the next command's recover() (a journal left behind is
    finished again, which renames nothing: every `.new` is gone)."""
    _remove_staged(entries)
    with contextlib.suppress(OSError):
        os.unlink(folder / JOURNAL)
    _fsync_folder(folder)


def _remove_staged(entries: list[_Entry]) -> None:
    """Best effort: a staged file that cannot be removed is never applied without its journal,
    and the next command removes it (_remove_orphans); the error that brought us here is the
    one to report."""
    for entry in entries:
        for staged in (entry.new, entry.old):
            if staged is not None:
                with contextlib.suppress(OSError):
                    os.unlink(staged)


def _remove_orphans(folder: Path) -> None:
    """Staged files with no journal: a command killed before its commit point; never applied.
    A symlinked data file's are staged beside its target, in another folder: there only the
    staged copies of that target are removed."""
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            if _STAGED.fullmatch(entry.name) or (entry.name.startswith(f"{JOURNAL}.")
                                                 and entry.name.endswith(".tmp")):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    for place, names in _linked_targets(folder).items():
        with contextlib.suppress(OSError), os.scandir(place) as found:
            for entry in found:
                match = _STAGED.fullmatch(entry.name)
                if match and match["name"] in names:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _linked_targets(folder: Path) -> dict[Path, set[str]]:
    """The folders outside `folder` that symlinked data files point into, with the names."""
    places: dict[Path, set[str]] = {}
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            if entry.is_symlink():
                target = Path(os.path.realpath(entry.path))
                if target.parent != Path(os.path.realpath(folder)):
                    places.setdefault(target.parent, set()).add(target.name)
    return places


def _failure(path: Path, exc: OSError, outcome: str) -> UserError:
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    return UserError(f"{path}: cannot write: {reason}; {outcome}")
