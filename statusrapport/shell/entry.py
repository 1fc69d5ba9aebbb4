"""The console entry point: a Tab press is answered here, before typer and the rest load.

Every Tab press starts the program; answering it from commands.py keeps that at the
interpreter's own start-up time. Anything else, and any Tab press the fast path does not
follow exactly, goes to the typer app in statusrapport.cli.
"""

from __future__ import annotations

import os
import sys


def _program_name() -> str:
    """click's _detect_program_name, for the console script (a file, not `python -m`)."""
    main = sys.modules.get("__main__")
    if getattr(main, "__package__", None) in (None, ""):
        return os.path.basename(sys.argv[0])
    return ""  # python -m: typer answers, under its own name for the program


def main() -> None:
    prog_name = _program_name()
    if prog_name:
        from statusrapport.shell.tab import fast_answer

        answered = fast_answer(prog_name, dict(os.environ))
        if answered is not None:
            text, status = answered
            if text is not None:
                sys.stdout.write(text + "\n")
                sys.stdout.flush()
            sys.exit(status)
    from statusrapport.cli import main as cli_main

    cli_main()
