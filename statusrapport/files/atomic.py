"""Write a file so that the previous one survives any failure: temp file beside it, fsync, rename.

On Linux the temporary file is anonymous (O_TMPFILE) until it is complete and synced; only
then is it linked under a name and renamed over the target, so a build killed while saving
(even by SIGKILL) leaves neither a half-written deck nor a stray temporary file. Where the
system cannot link an anonymous file, it is a named `.<name>.<pid>-<random>.tmp` from the
start, removed on every failure Python can see; one left by a killed writer (the moment
between naming and renaming) is removed by the next write of the same file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

CHUNK = 1 << 20
_AT_FDCWD, _AT_EMPTY_PATH = -100, 0x1000  # Linux values


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` by `data` in one step, keeping the mode of the file it replaces."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    mode = _mode_of(path)
    fd, temp = _open_temp(folder, path.name)
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
            if temp is None:  # anonymous: give it a name now, next to the target
                temp = _temp_name(folder, path.name)
                if not _link(fd, temp):
                    temp = None
        finally:
            os.close(fd)
        if temp is None:  # the system could not name the anonymous file: write a named one
            fd, temp = _open_named(folder, path.name)
            try:
                _write_all(fd, data)
                os.fchmod(fd, mode)
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(temp, path)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        raise
    _remove_stale_temps(folder, path.name)
    _fsync_folder(folder)


def _mode_of(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temp_name(folder: Path, name: str) -> Path:
    # The writer's pid in the name: a later run can tell a dead writer's file from a live one's.
    return folder / f".{name}.{os.getpid()}-{os.urandom(6).hex()}.tmp"


_PID_MAX = 1 << 22  # Linux's largest pid_max


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files of `name` whose writer is gone: a process killed (SIGKILL) in the
    moment between naming its file and renaming it leaves one; a live writer's is kept."""
    prefix = f".{name}."
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid, _, _ = entry.name[len(prefix):-len(".tmp")].partition("-")
            if pid.isdigit() and 0 < int(pid) < _PID_MAX and not _running(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: another user's process, alive
        return True
    return True


def _open_temp(folder: Path, name: str) -> tuple[int, Path | None]:
    """An anonymous file in `folder` where the system has them, else a named one."""
    if hasattr(os, "O_TMPFILE"):
        with contextlib.suppress(OSError):
            return os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600), None
    return _open_named(folder, name)


def _open_named(folder: Path, name: str) -> tuple[int, Path]:
    temp = _temp_name(folder, name)
    return os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), temp


def _link(fd: int, name: Path) -> bool:
    """Give the anonymous file `fd` a name: linkat(AT_EMPTY_PATH), else through /proc."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.linkat(fd, b"", _AT_FDCWD, os.fsencode(name), _AT_EMPTY_PATH) == 0:
            return True
    except (OSError, AttributeError):
        pass
    try:
        os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)
        return True
    except OSError:
        return False


def anonymous_temp_supported(folder: Path) -> bool:
    """Whether a build killed in `folder` leaves no temporary file (the tests ask)."""
    fd, temp = _open_temp(Path(folder), "probe")
    try:
        if temp is not None:
            os.unlink(temp)
            return False
        probe = _temp_name(Path(folder), "probe")
        if _link(fd, probe):
            os.unlink(probe)
            return True
        return False
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:CHUNK])
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (not possible on every system; best effort)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
