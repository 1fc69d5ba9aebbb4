"""Read a file only if it is a regular file, and only up to a bound, without ever blocking.

A FIFO named `alfa.yaml` would block `open()` until a writer came (Tab completion hung), a
symlink to /dev/zero would be read until memory ran out, and a 300 MiB file reached 334 MB
before its size was checked. So: open with O_NONBLOCK (a FIFO opens at once), ask `fstat` of
the descriptor what was opened (not the path, which may change in between), refuse anything
but a regular file and any size over the bound, then read at most bound + 1 bytes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


class NotReadable(Exception):
    """The file is not a regular file, is too large, or cannot be opened: the reason, in words."""


def kind_of(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of `path`, a regular file (or a symlink to one) of at most `limit` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise NotReadable(_open_failure(path, exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"{kind_of(info.st_mode)}, not a regular file; only files are read")
        if info.st_size > limit:
            raise NotReadable(f"the file is {info.st_size:,} bytes; the limit is {limit:,} bytes")
        chunks, left = [], limit + 1  # one more: a file that grew since fstat is caught too
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise NotReadable(f"cannot read the file: {exc.strerror}") from None
    finally:
        # A descriptor opened for reading: an error closing it loses nothing (it is closed).
        with contextlib.suppress(OSError):
            os.close(fd)
    if len(data) > limit:
        raise NotReadable(f"the file grew past {limit:,} bytes while it was read")
    return data


def _open_failure(path: Path | str, exc: OSError) -> str:
    if exc.errno == errno.ENXIO:  # a socket (or a device without its driver) cannot be opened
        try:
            return f"{kind_of(os.stat(path).st_mode)}, not a regular file; only files are read"
        except OSError:
            pass
    return f"cannot read the file: {exc.strerror}"
