"""One writer at a time in a data folder: an exclusive flock on the folder itself.

The lock is taken on the folder's own descriptor rather than on a lock file beside the data, so
that nothing is left in the user's git working tree; the kernel drops it when the process ends,
however it ends, so a killed command never leaves a stale lock. Every command that writes the
data folder holds it from before it reads the files until after the last rename, so two
`new report` at once run one after the other, and the second sees the first one's reports.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

from statusrapport.errors import UserError

WAIT = 30.0  # seconds: a `new report` on hundreds of files takes a few; a hung one is not waited for
_POLL = 0.05


@contextlib.contextmanager
def data_lock(folder: Path, wait: float = WAIT) -> Iterator[None]:
    """Hold the folder's write lock; a UserError when another command holds it past `wait`."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no flock, and no other writer is kept out
        yield
        return
    folder = Path(folder)
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise UserError(f"{folder}: cannot open the data folder: {exc.strerror or exc}; "
                        "nothing was written") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise UserError(f"{folder}: cannot lock the data folder: "
                                    f"{exc.strerror or exc}; nothing was written") from None
                if time.monotonic() >= deadline:
                    raise UserError(f"{folder}: another statusrapport command is writing the "
                                    f"data folder (waited {wait:g} s); nothing was written, try "
                                    "again when it has finished") from None
                time.sleep(_POLL)
        yield
    finally:
        # Closing the descriptor releases the lock; an error closing a folder's read-only
        # descriptor changes nothing (it is closed), and must not turn a done change into a bug.
        with contextlib.suppress(OSError):
            os.close(fd)
