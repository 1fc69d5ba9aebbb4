"""Tab completion before typer: the same answers as typer's own completion, without its imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deck_samples import SEED, invoke
from statusrapport.cli import app
from statusrapport.shell import describe, tab

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("typer", "click", "pydantic", "rich", "pptx", "yaml", "ruamel")

LINES = [
    "statusrapport ", "statusrapport b", "statusrapport -", "statusrapport --", "statusrapport --v",
    "statusrapport bogus ", "statusrapport --version ", "statusrapport -- ",
    "statusrapport build ", "statusrapport build uke-", "statusrapport build 2021",
    "statusrapport build -", "statusrapport build --d", "statusrapport build --data ",
    f"statusrapport build --data {SEED} ", f"statusrapport build -d {SEED} u",
    f"statusrapport build --data={SEED} ", f"statusrapport build -d{SEED} ",
    "statusrapport build --data", "statusrapport build --data=", "statusrapport build --data=x",
    "statusrapport build --pdf ", "statusrapport build --json ", "statusrapport build -x ",
    "statusrapport build uke-33 ", "statusrapport build uke-33 extra ",
    "statusrapport build uke-33 -", "statusrapport build --data x -", "statusrapport build -- ",
    "statusrapport build -- -", "statusrapport build --output ", "statusrapport build -o o.pptx ",
    "statusrapport show ", "statusrapport show uke-33 ", "statusrapport show uke-33 selv",
    f"statusrapport show --data {SEED} uke-33 selvbetjening-e", "statusrapport show uke-33 -",
    "statusrapport show --json --overview ", "statusrapport show uke-33 x --",
    "statusrapport list ", "statusrapport list -", "statusrapport diff ", "statusrapport diff uke-21 ",
    "statusrapport diff --since ", "statusrapport schema -", "statusrapport validate ",
    "statusrapport template ", "statusrapport template c", "statusrapport template check ",
    "statusrapport template check -", "statusrapport new ", "statusrapport new r",
    "statusrapport new report ", "statusrapport new report uke-35 ", "statusrapport new report uke-35 ny",
    "statusrapport new report uke-35 a b ", "statusrapport new report --force -",
    "statusrapport new initiative ", "statusrapport new initiative x --", "statusrapport new -",
    "statusrapport 'build' ", 'statusrapport build "uke', "statusrapport show uke-33 'ny",
]


def shell_env(shell: str, line: str, columns: str) -> dict[str, str]:
    """The variables typer's installed completion script sets for one Tab press."""
    env = {"_STATUSRAPPORT_COMPLETE": f"complete_{shell}", "COLUMNS": columns}
    if shell == "bash":
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(tab._split(line)) - (not line.endswith(" "))))
    elif shell in ("powershell", "pwsh"):
        env["_TYPER_COMPLETE_ARGS"] = line.rstrip(" ")
        env["_TYPER_COMPLETE_WORD_TO_COMPLETE"] = "" if line.endswith(" ") else tab._split(line)[-1]
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    return env


def through_typer(env: dict[str, str]) -> tuple[str | None, int]:
    result = invoke(prog_name="statusrapport", env=env)
    return result.stdout, result.exit_code


def test_the_command_table_is_the_apps():
    """commands.py is what describe reads from cli.py now (else: python -m statusrapport.shell.describe)."""
    assert describe.TABLE_FILE.read_text(encoding="utf-8") == describe.source_of(describe.table_of(app))


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish-get", "fish-is", "powershell"])
def test_the_fast_answer_is_typers(seed_dir, shell, monkeypatch, tmp_path):
    monkeypatch.delenv("TERMINAL_WIDTH", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "initiatives").symlink_to(seed_dir)  # the default --data
    fish_action = {"fish-get": "get-args", "fish-is": "is-args"}.get(shell)
    left_to_typer = {"200": 0, "80": 0, "30": 0}
    for columns in left_to_typer:
        for line in LINES:
            env = shell_env(shell.split("-")[0], line, columns)
            if fish_action:
                env["_TYPER_COMPLETE_FISH_ACTION"] = fish_action
            fast = tab.fast_answer("statusrapport", env)
            if fast is None:
                left_to_typer[columns] += 1
                continue
            text, status = fast
            assert ((text + "\n") if text is not None else "", status) == through_typer(env), \
                (line, columns)
    # Only help texts rich would wrap (options' help at 80 columns, more at 30) go to typer.
    assert left_to_typer["200"] == 0
    assert left_to_typer["80"] <= (0 if shell == "bash" else 7)
    assert left_to_typer["30"] <= (0 if shell == "bash" else len(LINES) // 2)


def test_a_help_text_rich_would_wrap_goes_to_typer():
    env = shell_env("zsh", "statusrapport build --", "80")
    assert tab.fast_answer("statusrapport", env) is None  # --template's help is wider than 80
    env["COLUMNS"] = "200"
    assert tab.fast_answer("statusrapport", env) is not None


def test_not_a_tab_press_or_another_instruction_is_for_typer():
    assert tab.fast_answer("statusrapport", {}) is None
    assert tab.fast_answer("statusrapport", {"_STATUSRAPPORT_COMPLETE": "source_bash"}) is None
    assert tab.fast_answer("statusrapport", {"_STATUSRAPPORT_COMPLETE": "complete_tcsh"}) is None


ENTRY = ("import atexit, sys\n"
         "sys.argv[0] = 'statusrapport'\n"
         "atexit.register(lambda: print('LOADED', *sorted({m.split('.')[0] for m in sys.modules}"
         " & set(sys.argv[1:])), file=sys.stderr))\n"
         "from statusrapport.shell.entry import main\n"
         "main()\n")


def run_entry(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    full.pop("TERMINAL_WIDTH", None)
    return subprocess.run([sys.executable, "-c", ENTRY, *HEAVY], capture_output=True, text=True,
                          env=full, cwd=cwd)


def test_the_console_script_answers_tab_without_the_heavy_imports(seed_dir, tmp_path):
    (tmp_path / "initiatives").symlink_to(seed_dir)
    result = run_entry(shell_env("bash", "statusrapport build ", "80"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["uke-37", "uke-33", "uke-21", "2021-uke-37", "2021-uke-33",
                                     "2021-uke-21"]
    assert result.stderr.split() == ["LOADED"]  # none of typer, click, pydantic, rich, pptx
    result = run_entry(shell_env("zsh", "statusrapport ", "80"), tmp_path)
    assert result.stdout.startswith("_arguments '*: :((\"validate\":\"Check every")
    assert result.stderr.split() == ["LOADED"]


def test_the_console_script_hands_the_rest_to_typer(tmp_path):
    env = shell_env("zsh", "statusrapport build --", "80")
    result = run_entry(env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (result.stdout, 0) == through_typer(env)
    assert "typer" in result.stderr.split()
    version = run_entry({"_STATUSRAPPORT_COMPLETE": ""}, tmp_path)
    assert version.returncode == 2 and "Usage" in version.stdout + version.stderr  # no_args_is_help
