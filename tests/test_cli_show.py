"""`show`, `list` and `diff` through the CLI runner, compared with golden text files.

Regenerate the golden files after an intended change of output with
    UPDATE_GOLDEN=1 python -m pytest tests/test_cli_show.py
and read the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deck_samples import invoke
from statusrapport.errors import UserError
from statusrapport.data.loader import load
from statusrapport.terminal.views import jsonable
from statusrapport.report.context import report_context
from statusrapport.report.view import report_view

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# Environment variables that would make rich colour a pipe or change its width.
PLAIN_ENV = {"FORCE_COLOR": None, "NO_COLOR": None, "TTY_COMPATIBLE": None,
             "TTY_INTERACTIVE": None, "TERM": "dumb", "LINES": None}


def run(*args: str, columns: int = 80):
    result = invoke(*args, env={**PLAIN_ENV, "COLUMNS": str(columns)})
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"output differs from {path.name}; if intended, regenerate with UPDATE_GOLDEN=1")


@pytest.mark.parametrize("name, args, columns", [
    ("show-endre-80.txt", ["show", "uke-33", "selvbetjening-endre"], 80),
    ("show-uke-33-100.txt", ["show", "uke-33"], 100),
    ("show-avbestille-bekrefte-130.txt", ["show", "2021-uke-33",
                                          "selvbetjening-avbestille-bekrefte"], 130),
    ("list-80.txt", ["list"], 80),
    ("list-130.txt", ["list"], 130),
    ("diff-80.txt", ["diff", "uke-21", "uke-33"], 80),
])
def test_output_matches_golden(seed_dir, name, args, columns):
    result = run(*args, "--data", str(seed_dir), columns=columns)
    assert result.exit_code == 0, result.stderr
    assert_golden(name, result.stdout)


@pytest.mark.parametrize("args", [["show", "uke-33"], ["list"], ["diff"]])
def test_piped_output_is_plain_and_fits(seed_dir, args):
    result = run(*args, "-d", str(seed_dir), columns=80)
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert not [line for line in lines if line != line.rstrip()], "trailing spaces"


def test_messages_go_to_stderr_and_data_to_stdout(seed_dir):
    result = run("show", "uke-33", "-d", str(seed_dir))
    assert "2 warnings in the data" in result.stderr
    assert "warning" not in result.stdout
    assert result.stdout.startswith("Pasientreiser – statusrapport uke 33 2021")


def test_show_json_is_the_resolved_report(seed_dir):
    result = run("show", "uke-33", "--json", "-d", str(seed_dir))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    loaded = load(seed_dir, "uke-33")
    assert data == jsonable(report_view(report_context(loaded.programme, loaded.week)))
    assert data["date"] == "2021-08-18"
    assert data["week"]["key"] == "2021-uke-33"
    endre = data["groups"][0]["initiatives"][1]["status"]
    mp4 = next(m for m in endre["milestones"] if m["id"] == "MP4")
    assert mp4 == {"id": "MP4", "description": "Oppstart pilotering av løsning",
                   "planned": ["01.09.21", "21.09.21"], "delivered": "", "state": "pending",
                   "moved": True}
    assert endre["costs"]["deviation"] == "-303\u00a0000"


def test_show_json_of_one_initiative(seed_dir):
    result = run("show", "uke-33", "ny-rekvisisjonspraksis", "--json", "-d", str(seed_dir))
    data = json.loads(result.stdout)
    assert [g["name"] for g in data["groups"]] == ["Ny rekvisisjonspraksis"]
    states = [m["state"] for m in data["groups"][0]["initiatives"][0]["status"]["milestones"]]
    assert states == ["delivered", "delivered", "overdue", "pending", "pending"]


def test_unknown_initiative_lists_the_ids(seed_dir):
    result = run("show", "uke-33", "endre", "-d", str(seed_dir))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert ("no initiative 'endre'; the initiatives are: selvbetjening-avbestille-bekrefte, "
            "selvbetjening-endre, ny-rekvisisjonspraksis") in result.stderr


def test_unknown_report(seed_dir):
    result = run("show", "uke-34", "-d", str(seed_dir))
    assert result.exit_code == 1
    assert "there is no report for uke-34; reports in the data: 2021-uke-21, 2021-uke-33" \
        in result.stderr


@pytest.mark.parametrize("args, message", [
    (["diff", "uke-33", "uke-21"], "2021-uke-33 is not before 2021-uke-21"),
    (["diff", "uke-21", "--since", "HEAD"], "give no OLD or NEW"),
    (["diff", "uke-40"], "there is no report for uke-40"),
])
def test_diff_usage_mistakes(seed_dir, args, message):
    result = run(*args, "-d", str(seed_dir))
    assert result.exit_code == 1
    assert message in result.stderr


def test_diff_needs_two_reports(seed_dir, tmp_path):
    data = tmp_path / "initiatives"
    shutil.copytree(seed_dir, data)
    text = (data / "selvbetjening-avbestille-bekrefte.yaml").read_text(encoding="utf-8")
    start, end = text.index("  2021-uke-21:"), text.index("  2021-uke-33:")
    (data / "selvbetjening-avbestille-bekrefte.yaml").write_text(text[:start] + text[end:],
                                                                  encoding="utf-8")
    for path in data.glob("*.yaml"):  # and the second report, uke 37: uke 33 alone is left
        text = path.read_text(encoding="utf-8")
        if "\n  2021-uke-37:" in text:
            path.write_text(text[:text.index("\n  2021-uke-37:") + 1], encoding="utf-8")
    result = run("diff", "-d", str(data))
    assert result.exit_code == 1
    assert "2021-uke-33 is the first report in the data" in result.stderr


@pytest.fixture
def broken(seed_dir, tmp_path):
    data = tmp_path / "initiatives"
    shutil.copytree(seed_dir, data)
    path = data / "selvbetjening-endre.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("planned: 31.08.2021", "planned: 31.02.2021")
    text = text.replace("  vat_included: true", "  vat_include: true")
    path.write_text(text, encoding="utf-8")
    return data


@pytest.mark.parametrize("args", [["show", "uke-33"], ["show", "uke-33", "--json"], ["list"],
                                  ["diff"]])
def test_loader_errors_come_through_unchanged(broken, args):
    with pytest.raises(UserError) as expected:
        load(broken)
    result = run(*args, "-d", str(broken))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert str(expected.value) in result.stderr
    assert re.search(r"selvbetjening-endre\.yaml:\d+:\d+: error: milestones\[2\]\.planned: "
                     r"'31\.02\.2021' is not a date", result.stderr)
    assert "vat_include: unknown key; did you mean 'vat_included'?" in result.stderr
    assert result.stderr.rstrip().endswith("2 errors.")


def test_missing_folder():
    result = run("list", "-d", "no/such/folder")
    assert result.exit_code == 1
    assert "no/such/folder: no such folder of initiatives" in result.stderr


@pytest.mark.parametrize("args", [["show", "uke-33"], ["show", "uke-33", "--json"], ["list"],
                                  ["diff"], ["diff", "--since", "HEAD"], ["validate"],
                                  ["--help"], ["show", "--help"]])
def test_terminal_commands_do_not_import_python_pptx(seed_dir, args):
    if "--since" in args and not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    # A whole process, as a user starts it: nothing else in it has imported pptx before.
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "statusrapport", *args,
                             *(["-d", str(seed_dir)] if "--help" not in args else [])],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "statusrapport" in imported
    assert not {m for m in imported if m == "pptx" or m.startswith("pptx.")}
