"""Standard output that fails as a user expects: quietly when the reader stopped, clearly when full.

`show --json | head -c 10` closed the pipe under a print (BrokenPipeError, exit 3 with a
traceback), and `show > /dev/full` ran out of space (OSError, exit 3). A reader that stopped
is no error (git ends quietly too); a full disk is the user's to fix. Only writes to stdout
are judged here: the same errors from any other file stay what they are.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any


class ReaderGone(Exception):
    """The program reading our output closed the pipe: stop quietly, exit 0."""


class OutputFailed(Exception):
    """Standard output cannot be written (a full disk, /dev/full): the reason, in words."""


class _Guarded(io.TextIOBase):
    """sys.stdout, with its write errors turned into ReaderGone or OutputFailed."""

    def __init__(self, target: IO[str]):
        self._target = target

    def write(self, text: str) -> int:
        with _judged():
            return self._target.write(text)

    def flush(self) -> None:
        with _judged():
            self._target.flush()

    def isatty(self) -> bool:
        return self._target.isatty()

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target, "encoding", None) or "utf-8"

    def __getattr__(self, name: str) -> Any:  # buffer, errors, …: as the real stream has them
        return getattr(self._target, name)


@contextmanager
def _judged() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise ReaderGone from None
    except OSError as exc:
        raise OutputFailed(f"cannot write the output: {exc.strerror or exc}") from None


@contextmanager
def guarded() -> Iterator[None]:
    """Run a command with stdout guarded, and flushed before the command counts as done."""
    real = sys.stdout
    sys.stdout = _Guarded(real)
    try:
        yield
        sys.stdout.flush()
    except (ReaderGone, OutputFailed):
        _discard_the_rest(real)
        raise
    finally:
        sys.stdout = real


def _discard_the_rest(real: IO[str]) -> None:
    """What is still buffered can never be written: point stdout at /dev/null, so that the
    interpreter's last flush neither fails again nor prints 'Exception ignored'."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, real.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file (tests): nothing to do
        pass
