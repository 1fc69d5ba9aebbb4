"""Progress: drawn on a terminal once a step takes a moment; nothing when stderr is piped."""

from __future__ import annotations

import io
import time

from rich.console import Console

from statusrapport.terminal.progress import Steps


def console(terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, width=80, color_system=None), out


def test_a_slow_step_is_shown_on_a_terminal():
    con, out = console(terminal=True)
    with Steps(console=con, delay=0.05) as step:
        step("Bygger rapporten")
        time.sleep(0.4)
        step("Lager PDF med LibreOffice")
        time.sleep(0.4)
    shown = out.getvalue()
    assert "Bygger rapporten" in shown and "Lager PDF med LibreOffice" in shown


def test_a_fast_step_draws_nothing():
    con, out = console(terminal=True)
    with Steps(console=con, delay=5) as step:
        step("Bygger rapporten")
    assert out.getvalue() == ""


def test_nothing_when_not_a_terminal():
    con, out = console(terminal=False)
    with Steps(console=con, delay=0) as step:
        step("Bygger rapporten")
        time.sleep(0.2)
    assert out.getvalue() == ""


def test_build_piped_shows_no_progress(run_cli, seed_dir, tmp_path):
    result = run_cli("build", "uke-33", "--data", str(seed_dir),
                     "-o", str(tmp_path / "deck.pptx"))
    assert result.exit_code == 0, result.output
    assert "Bygger" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith(" slides.")
