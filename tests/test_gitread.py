"""gitread and `diff --since`: the files as committed, read through a real git repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from deck_samples import SEED_UKE_33
from git_helpers import commit_all, git, seed_repo

from deck_samples import invoke
from statusrapport.errors import UserError
from statusrapport.data.gitread import files_at, load_at

ENDRE = "selvbetjening-endre.yaml"
PLAIN_ENV = {"FORCE_COLOR": None, "NO_COLOR": None, "TTY_COMPATIBLE": None,
             "TTY_INTERACTIVE": None, "TERM": "dumb", "COLUMNS": "100"}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def repo(tmp_path):
    """A repository whose first commit holds the seed as it was at uke 33 (the next report,
    uke 35, is committed on it)."""
    return seed_repo(tmp_path / "repo", SEED_UKE_33)


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


NEXT_REPORT = """
  2021-uke-35:
    date: 01.09.2021
    risks:
      - Risiko knyttet til tilgang til ressurser hos NHN (helsenorge.no).
      - Ny risiko for pilotkontorene.
    costs:
      plan: 3 100 000
      actual: 3 000 000
      as_of: 31.08.2021
"""


def report_uke_35(root: Path) -> None:
    """What an initiative lead commits for the next report: a delivery, a move, a new milestone."""
    edit(root / "initiatives" / ENDRE,
         ("    planned: 31.08.2021\n", "    planned: 31.08.2021\n    delivered: 30.08.2021\n"),
         ("    revised: [21.09.2021]", "    revised: [21.09.2021, 05.10.2021]"),
         ("\nbudget:", "  - id: MP6\n    description: Evaluering\n    planned: Mar 2022\n\nbudget:"))
    with (root / "initiatives" / ENDRE).open("a", encoding="utf-8") as f:
        f.write(NEXT_REPORT)


def diff_since(root: Path, rev: str, folder: str = "initiatives"):
    result = invoke("diff", "--since", rev, "-d", str(root / folder),
                    env=PLAIN_ENV)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def test_files_at_reads_what_is_committed_not_the_working_tree(seed_dir, repo):
    committed = (repo / "initiatives" / ENDRE).read_bytes()
    report_uke_35(repo)
    revision, files = files_at("HEAD", repo / "initiatives")
    assert files[ENDRE] == committed
    assert sorted(files) == sorted(p.name for p in seed_dir.glob("*.yaml"))
    assert revision.label == "HEAD:initiatives"
    assert revision.commit == git(repo, "rev-parse", "HEAD").strip()


def test_files_at_the_top_of_the_repository(seed_dir, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(seed_dir, root)
    commit_all(root)
    (root / "notes.txt").write_text("x")
    revision, loaded = load_at("HEAD", root)
    assert revision.label == "HEAD:."
    assert len(loaded.programme.initiatives) == 3


def test_only_yaml_files_directly_in_the_folder(repo):
    (repo / "initiatives" / "README.md").write_text("notes")
    (repo / "initiatives" / "old").mkdir()
    (repo / "initiatives" / "old" / "gone.yaml").write_text("name: x")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "more")
    _, files = files_at("HEAD", repo / "initiatives")
    assert "README.md" not in files and "old" not in files and "gone.yaml" not in files


def test_diff_since_shows_what_was_committed_for_the_next_report(repo):
    report_uke_35(repo)
    result = diff_since(repo, "HEAD")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Pasientreiser: HEAD (")
    assert "→ arbeidskopien" in out.splitlines()[0]
    assert "selvbetjening-endre: uke 33 (18.08.21) → uke 35 (01.09.21)" in out
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "levert MP3 Utvikling og test 30.08.21 (planlagt 31.08.21)" in lines
    assert "flyttet MP4 Oppstart pilotering av løsning 21.09.21 → 05.10.21" in lines
    assert "ny MP6 Evaluering planlagt Mar 2022" in lines
    assert "Virkelig 2 597 000 → 3 000 000 +403 000" in lines
    assert "Avvik -303 000 → -100 000 +203 000" in lines
    assert "+ Ny risiko for pilotkontorene." in lines
    assert "- Ingen avhengigheter p.t. til ressurser utover de som inngår i kompetansegruppene." \
        in lines
    assert out.count("Ingen endringer.") == 2  # the two untouched initiatives
    assert "Comparing HEAD:initiatives (" in result.stderr
    assert "with the working tree" in result.stderr


def test_diff_since_an_older_commit_once_committed(repo):
    report_uke_35(repo)
    git(repo, "commit", "-q", "-am", "uke 35")
    assert "flyttet" in diff_since(repo, "HEAD~1").stdout
    assert diff_since(repo, "HEAD").stdout.count("Ingen endringer.") == 3


def test_diff_since_json(run_cli, repo):
    import json

    report_uke_35(repo)
    result = run_cli("diff", "--since", "HEAD", "--json",
                     "-d", str(repo / "initiatives"), env=PLAIN_ENV)
    data = json.loads(result.stdout)
    endre = next(i for i in data["initiatives"] if i["initiative_id"] == "selvbetjening-endre")
    assert [m["change"] for m in endre["milestones"]] == ["levert", "flyttet", "ny"]


def test_an_error_in_the_committed_files_points_into_the_revision(repo):
    edit(repo / "initiatives" / ENDRE, ("leader: David Låås", "leader: David Låås\nleder: x"))
    git(repo, "commit", "-q", "-am", "typo")
    edit(repo / "initiatives" / ENDRE, ("leader: David Låås\nleder: x", "leader: David Låås"))
    result = diff_since(repo, "HEAD")
    assert result.exit_code == 1
    assert "HEAD:initiatives/selvbetjening-endre.yaml:5:1: error: leder: unknown key; did you mean " \
           "'leader'?" in result.stderr


@pytest.mark.parametrize("rev, message", [
    ("no-such-branch", "'no-such-branch' is not a commit in the git repository"),
    ("--output=/tmp/x", "'--output=/tmp/x' is not a git revision"),
    ("HEAD~5", "'HEAD~5' is not a commit"),
])
def test_bad_revisions(repo, rev, message):
    result = diff_since(repo, rev)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stdout == ""


def test_a_folder_that_did_not_exist_at_the_revision(seed_dir, repo):
    shutil.copytree(seed_dir, repo / "other")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "other")
    result = diff_since(repo, "HEAD~1", "other")
    assert result.exit_code == 1
    assert "other does not exist at HEAD~1" in result.stderr


def test_not_a_repository(seed_dir, tmp_path):
    data = tmp_path / "initiatives"
    shutil.copytree(seed_dir, data)
    with pytest.raises(UserError, match="is not inside a git repository"):
        files_at("HEAD", data)
