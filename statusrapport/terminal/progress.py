"""A progress display for the slow commands: shown on a terminal once a step has taken a
moment, never when stderr is piped or redirected (scripts and CI get only the results)."""

from __future__ import annotations

import sys
import threading
from typing import Any

DELAY = 0.8  # seconds: a fast build finishes before anything is drawn


class Steps:
    """`with Steps() as steps: steps("Reading the files"); …` — each call names the step now running."""

    def __init__(self, console: Any = None, delay: float = DELAY):
        self._console = console
        self._delay = delay
        self._lock = threading.Lock()
        self._progress: Any = None
        self._task: Any = None
        self._timer: threading.Timer | None = None
        self._label = ""
        self._done = False

    @property
    def enabled(self) -> bool:
        if self._console is not None:
            return bool(self._console.is_terminal)
        return sys.stderr.isatty()

    def __enter__(self) -> Steps:
        if self.enabled:
            self._timer = threading.Timer(self._delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __call__(self, label: str) -> None:
        with self._lock:
            self._label = label
            if self._progress is not None:
                self._progress.update(self._task, description=label)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._done:
                return
            console = self._console or Console(stderr=True)
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      TimeElapsedColumn(), console=console, transient=True)
            self._task = self._progress.add_task(self._label, total=None)
            self._progress.start()

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._done = True
            if self._timer is not None:
                self._timer.cancel()
            if self._progress is not None:
                self._progress.stop()
