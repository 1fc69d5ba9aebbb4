"""The CLI as scripts and people expect (issue 13): --json where CI reads, errors tagged and
last, ids escaped and never broken mid-word, help without type tags, completion that offers
what fits, URLs as terminal hyperlinks. Real processes, with COLUMNS as a terminal sets it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deck_samples import ROOT, TEMPLATE, copy_seed, invoke
from statusrapport.visible import visible

RLO, ZWSP, ZWJ = "\u202e", "\u200b", "\u200d"
SPOOFED = f"alfa{RLO}exe.gpj"  # drawn as "alfajpg.exe" where the override takes effect


def statusrapport(*args: str, columns: int = 80, env: dict[str, str] | None = None,
                  cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "statusrapport", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120,
                          env={**os.environ, "COLUMNS": str(columns), **(env or {})})


# ---- escaping ---------------------------------------------------------------------------------

def test_visible_escapes_bidi_controls_and_zero_width_characters_only():
    assert visible(SPOOFED) == "alfa\\u202eexe.gpj"
    assert visible(f"Ny{ZWSP}tt\u2066x\u2069 \u200f") == "Ny\\u200btt\\u2066x\\u2069 \\u200f"
    assert visible("Selvbetjening – «endre» æøå مرحبا") == "Selvbetjening – «endre» æøå مرحبا"
    family = f"\U0001f469{ZWJ}\U0001f4bb"  # woman, joiner, laptop: one picture
    assert visible(family) == family
    assert visible(f"a{ZWJ}b") == "a\\u200db"


@pytest.fixture
def spoofed(tmp_path: Path) -> Path:
    data = copy_seed(tmp_path / "initiatives")
    (data / "selvbetjening-endre.yaml").rename(data / f"{SPOOFED}.yaml")
    path = data / f"{SPOOFED}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "leader: David Låås", f"leader: David{ZWSP} Låås"), encoding="utf-8")
    programme = data / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "- selvbetjening-endre", f"- {SPOOFED}"), encoding="utf-8")
    return data


@pytest.mark.parametrize(("command", "shows_id", "shows_leader"), [
    (["list"], True, True), (["show", "uke-33"], False, True),
    (["show", "uke-33", "--overview"], False, True), (["diff"], True, False)])
def test_ids_and_names_are_shown_with_their_hidden_characters_escaped(spoofed, command,
                                                                      shows_id, shows_leader):
    result = statusrapport(*command, "--data", str(spoofed), columns=160)
    assert result.returncode == 0, result.stderr
    assert RLO not in result.stdout and ZWSP not in result.stdout
    assert ("alfa\\u202eexe.gpj" in result.stdout) is shows_id
    assert ("David\\u200b Låås" in result.stdout) is shows_leader


def test_an_id_in_an_error_message_is_escaped(spoofed):
    programme = spoofed / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        f"- {SPOOFED}", f"- {SPOOFED}{ZWSP}x"), encoding="utf-8")
    result = statusrapport("validate", "--data", str(spoofed))
    assert result.returncode == 1
    assert RLO not in result.stderr and ZWSP not in result.stderr
    assert f"no file alfa\\u202eexe.gpj\\u200bx.yaml in {spoofed}" in result.stderr
    assert f"{spoofed}/alfa\\u202eexe.gpj.yaml:1:1: error: not listed in programme.yaml" in (
        result.stderr)


# ---- --json -----------------------------------------------------------------------------------

def test_validate_json_for_ci(seed_dir, tmp_path):
    result = statusrapport("validate", "--json", "--data", str(seed_dir))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["valid"] is True and answer["errors"] == 0
    assert answer["programme"] == "Pasientreiser" and answer["initiatives"] == 3
    assert [p["severity"] for p in answer["problems"]] == ["warning"] * answer["warnings"]
    assert answer["warnings"] == 2
    data = copy_seed(tmp_path / "initiatives")
    path = data / "selvbetjening-endre.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("leader:", "leder:"),
                    encoding="utf-8")
    result = statusrapport("validate", "--json", "--data", str(data))
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert answer["valid"] is False and answer["errors"] == 2
    error = next(p for p in answer["problems"] if p["field"] == "leder")
    line = path.read_text(encoding="utf-8").splitlines().index(
        next(x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("leder:")))
    assert (error["path"], error["line"], error["column"], error["severity"]) == (
        str(path), line + 1, 1, "error")
    assert error["message"].startswith("unknown key; did you mean 'leader'?")


def test_list_json(seed_dir):
    result = statusrapport("list", "--json", "--data", str(seed_dir))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert [r["key"] for r in answer["reports"]] == ["2021-uke-21", "2021-uke-33",
                                                        "2021-uke-37"]
    assert [i["id"] for i in answer["initiatives"]] == [
        "selvbetjening-avbestille-bekrefte", "selvbetjening-endre", "ny-rekvisisjonspraksis"]


def test_template_check_json(tmp_path):
    result = statusrapport("template", "check", "--json", str(TEMPLATE))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["complete"] is True and answer["problems"] == []
    roles = {entry["role"]: entry for entry in answer["roles"]}
    assert roles["status"]["layout"] == "Status" and roles["status"]["reason"] == "own name"
    assert answer["layouts"] == ["Group title", "Section", "Agenda", "Status", "KPI"]
    assert answer["fonts"] == ["Calibri"]
    not_a_deck = tmp_path / "notes.pptx"
    not_a_deck.write_text("no zip", encoding="utf-8")
    result = statusrapport("template", "check", "--json", str(not_a_deck))
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert answer["complete"] is False and answer["problems"][0]["severity"] == "error"


# ---- errors: tagged, and after the warnings ---------------------------------------------------

def test_errors_are_tagged_and_printed_after_the_warnings(tmp_path):
    data = copy_seed(tmp_path / "initiatives")
    path = data / "selvbetjening-endre.yaml"  # sorted first by path, before the warnings' file
    path.write_text(path.read_text(encoding="utf-8").replace("leader:", "leder:"),
                    encoding="utf-8")
    result = statusrapport("validate", "--data", str(data))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    kinds = [("warning" if ": warning: " in line else "error") for line in lines[:-1]]
    assert kinds == ["warning"] * kinds.count("warning") + ["error"] * kinds.count("error")
    assert kinds.count("error") == 2 and kinds.count("warning") >= 1
    assert all(line.startswith(f"{path}:") for line in lines[-3:-1])
    assert lines[-1] == "2 errors."


# ---- 60 columns -------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return [w for w in text.split() if not set(w) <= set("─·:–→")]


@pytest.mark.parametrize("command", [["list"], ["show", "uke-33"], ["show", "uke-33", "--overview"],
                                     ["diff"]])
def test_ids_and_names_are_never_broken_mid_word_at_60_columns(seed_dir, command):
    """Every word at 60 columns is a word of the 200-column output, or one cut with '…'
    (folded, `selvbetjening-avbestille-bekrefte` became `selvbetjening-avbestille` and
    `-bekrefte`). Web addresses in bullets still break, so that they are never cut."""
    narrow = statusrapport(*command, "--data", str(seed_dir), columns=60)
    wide = statusrapport(*command, "--data", str(seed_dir), columns=200)
    assert narrow.returncode == wide.returncode == 0
    whole = set(_words(wide.stdout))
    broken = [w for w in _words(narrow.stdout) if w not in whole and not (
        w.endswith("…") and any(x.startswith(w[:-1]) for x in whole))
        and not any(w in x and "://" in x for x in whole)]
    assert broken == []
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 60


# ---- help and completion ----------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["validate"], ["build"], ["show"], ["list"], ["diff"],
                                     ["schema"], ["template", "check"], ["new", "initiative"],
                                     ["new", "report"]])
def test_help_has_no_type_tags(command):
    result = statusrapport(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert not re.search(r"<(bool|str|int|path|list\[[^\]]*\])>", result.stdout), result.stdout
    assert "Usage:" in result.stdout


def _complete(words: str, cwd: Path) -> list[str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = invoke(prog_name="statusrapport", env={
            "_STATUSRAPPORT_COMPLETE": "complete_bash", "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))})
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_template_completes_pptx_and_potx_files_only(tmp_path):
    for name in ("firma.pptx", "mal.POTX", "notater.txt", "gammel.ppt", "deck.pdf"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "maler").mkdir()
    (tmp_path / "maler" / "ny.pptx").write_bytes(b"")
    (tmp_path / ".skjult.pptx").write_bytes(b"")
    assert _complete("statusrapport build uke-33 --template ", tmp_path) == [
        "firma.pptx", "mal.POTX", "maler/"]
    assert _complete("statusrapport build uke-33 -t maler/", tmp_path) == ["maler/ny.pptx"]
    assert _complete("statusrapport template check f", tmp_path) == ["firma.pptx"]


def test_new_report_offers_only_the_week_after_the_datas_latest_report(tmp_path):
    copy_seed(tmp_path / "initiatives")  # latest report: 2021-uke-37, long before today
    assert _complete("statusrapport new report ", tmp_path) == ["uke-38", "2021-uke-38"]
    assert _complete("statusrapport new report 2021", tmp_path) == ["2021-uke-38"]


# ---- hyperlinks -------------------------------------------------------------------------------

def test_urls_are_terminal_hyperlinks_on_a_terminal_only(seed_dir):
    url = "https://intranett.pasientreiser.no/intranett/med-rekvisisjon/tiltak/"
    on_terminal = statusrapport("show", "uke-33", "--data", str(seed_dir), columns=200,
                                env={"FORCE_COLOR": "1"})
    assert re.search(r"\x1b\]8;id=\d+;" + re.escape(url), on_terminal.stdout)
    piped = statusrapport("show", "uke-33", "--data", str(seed_dir), columns=200)
    assert url in piped.stdout and "\x1b" not in piped.stdout
