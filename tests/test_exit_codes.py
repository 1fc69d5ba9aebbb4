"""Exit codes: 0 success, 1 a user's mistake (a clear message, no traceback), 2 wrong usage,
anything else a bug: its traceback printed and kept in a file the message names, with where
to report it. In-process through typer's CliRunner and as real processes."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from deck_samples import ROOT, SEED
from statusrapport import cli
from statusrapport.cli import BUG_EXIT, ISSUES_URL, app

_KEPT = re.compile(r"also saved in (\S+statusrapport-bug-\S+\.txt)\)")


def real(*args: str, code: str | None = None):
    """The command as a user runs it (or, with `code`, after that Python has run first)."""
    command = ([sys.executable, "-m", "statusrapport"] if code is None else
               [sys.executable, "-c", code + "\nfrom statusrapport.cli import main\nmain()"])
    return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_success_is_0(run_cli, seed_dir, tmp_path):
    assert run_cli("validate", "--data", str(seed_dir)).exit_code == 0
    assert run_cli("build", "uke-33", "--data", str(seed_dir), "-o",
                   str(tmp_path / "deck.pptx")).exit_code == 0
    assert real("validate", "--data", str(seed_dir)).returncode == 0


@pytest.mark.parametrize("args", [
    ["validate", "--data", "no-such-folder"],
    ["build", "uke-99", "--data", str(SEED)],
    ["build", "uke-33", "--data", str(SEED), "--template", "no-such.pptx"],
    ["template", "check", "no-such.pptx"],
    ["show", "uke-99", "--data", str(SEED)],
], ids=["missing-folder", "unknown-week", "missing-template", "template-check", "show"])
def test_a_users_mistake_is_1_with_a_message_and_no_traceback(run_cli, tmp_path, monkeypatch,
                                                                args):
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines()[-1].endswith(("error.", "errors."))


@pytest.mark.parametrize("args", [
    ["no-such-command"],
    ["build"],  # the report is missing
    ["validate", "--no-such-option"],
    ["build", "uke-33", "--output"],  # an option without its value
    ["template"],
], ids=["unknown-command", "missing-argument", "unknown-option", "option-without-value",
        "group-without-command"])
def test_wrong_usage_is_2(run_cli, args):
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Usage:" in result.output or "Error" in result.output


def test_wrong_usage_is_2_in_a_real_process():
    done = real("build")
    assert done.returncode == 2
    assert "Missing argument" in done.stderr and "Traceback" not in done.stderr


def _forced_bug(*args, **kwargs):
    raise RuntimeError("forced internal bug")


@pytest.mark.parametrize("target, args", [
    ("statusrapport.data.loader.load", ["validate", "--data", str(SEED)]),
    ("statusrapport.slides.order.plan_deck", ["build", "uke-33", "--data", str(SEED)]),
    ("statusrapport.writer.deck.render", ["build", "uke-33", "--data", str(SEED)]),
    ("statusrapport.report.view.report_view", ["show", "uke-33", "--data", str(SEED)]),
], ids=["validate", "build-plan", "build-render", "show"])
def test_a_bug_is_3_with_its_traceback_kept_and_where_to_report_it(run_cli, tmp_path,
                                                                    monkeypatch, target, args):
    module, name = target.rsplit(".", 1)
    monkeypatch.setattr(f"{module}.{name}", _forced_bug)
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == BUG_EXIT
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: forced internal bug" in result.stderr
    assert "This is a bug in statusrapport" in result.stderr and ISSUES_URL in result.stderr
    kept = Path(_KEPT.search(result.stderr)[1])
    try:
        saved = kept.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" in saved
        assert "RuntimeError: forced internal bug" in saved and "statusrapport 0." in saved
    finally:
        kept.unlink()


def test_a_bug_in_a_real_process_is_3_and_its_traceback_kept(seed_dir):
    force = textwrap.dedent("""
        import statusrapport.data.loader
        def broken(*args, **kwargs):
            raise KeyError("forced internal bug")
        statusrapport.data.loader.load = broken
    """)
    done = real("validate", "--data", str(seed_dir), code=force)
    assert done.returncode == BUG_EXIT, done.stderr
    assert "KeyError: 'forced internal bug'" in done.stderr and ISSUES_URL in done.stderr
    kept = Path(_KEPT.search(done.stderr)[1])
    try:
        assert "KeyError: 'forced internal bug'" in kept.read_text(encoding="utf-8")
        assert "command: -c validate --data" in kept.read_text(encoding="utf-8")
    finally:
        kept.unlink()


def test_a_bug_is_still_reported_when_its_traceback_cannot_be_saved(run_cli, seed_dir, monkeypatch):
    import tempfile

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("statusrapport.data.loader.load", _forced_bug)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_room)
    result = run_cli("validate", "--data", str(seed_dir))
    assert result.exit_code == BUG_EXIT
    assert "RuntimeError: forced internal bug" in result.stderr
    assert f"with the traceback above at {ISSUES_URL}" in result.stderr


def test_every_command_maps_errors_to_exit_codes():
    """Each command is wrapped, so none can end a run with a bare traceback (exit 1 by Python)."""
    wrapped = [c.callback for c in app.registered_commands]
    wrapped += [c.callback for group in app.registered_groups
                for c in group.typer_instance.registered_commands]
    missing = [f.__name__ for f in wrapped if getattr(f, "__wrapped__", None) is None]
    assert not missing, f"commands without cli.user_errors: {missing}"
    assert cli.user_errors.__name__ == "user_errors"
