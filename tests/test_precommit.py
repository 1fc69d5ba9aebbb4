""".pre-commit-hooks.yaml: error: a repository of initiative files refuses a commit that breaks one.

Both tests run offline in a temporary git repository. The first installs the hook's `entry`
(read from .pre-commit-hooks.yaml) as .git/hooks/pre-commit itself, honouring `files` and
`pass_filenames`; the second, when pre-commit is installed, lets pre-commit run the same hook
from a `repo: local` config (language system: `python` would build a virtualenv and install
statusrapport from a package index).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from git_helpers import git_env, seed_repo
from git_helpers import run_git as git

ROOT = Path(__file__).resolve().parent.parent
ENDRE = "selvbetjening-endre.yaml"
LOCATED = "initiatives/selvbetjening-endre.yaml:5:1: error: leder: unknown key; did you mean 'leader'?"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def the_hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["statusrapport-validate"]
    return hooks[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return seed_repo(tmp_path / "repo")


def break_endre(repo: Path) -> None:
    path = repo / "initiatives" / ENDRE
    path.write_text(path.read_text(encoding="utf-8").replace(
        "leader: David Låås", "leader: David Låås\nleder: x"), encoding="utf-8")


def entry_command() -> list[str]:
    """The hook's entry as pre-commit would run it: the console script, else this Python's module."""
    words = shlex.split(the_hook()["entry"])
    if shutil.which(words[0]):
        return [shutil.which(words[0]), *words[1:]]
    return [sys.executable, "-m", "statusrapport", *words[1:]]


def install_entry_as_git_hook(repo: Path) -> None:
    hook = the_hook()
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    script = repo / ".git" / "hooks" / "pre-commit"
    script.write_text(f"""#!{sys.executable}
import re, subprocess, sys
staged = subprocess.run(["git", "diff", "--cached", "--name-only", "--diff-filter=ACMR"],
                        capture_output=True, text=True, check=True).stdout.split()
if not any(re.search({hook["files"]!r}, name) for name in staged):
    sys.exit(0)
sys.exit(subprocess.run({entry_command()!r}).returncode)
""", encoding="utf-8")
    script.chmod(0o755)


def test_the_hook_refuses_a_commit_that_breaks_a_file(repo):
    install_entry_as_git_hook(repo)
    break_endre(repo)
    git(repo, "add", "initiatives")
    refused = git(repo, "commit", "-m", "typo", check=False)
    assert refused.returncode != 0
    assert LOCATED in refused.stderr
    assert "1 error." in refused.stderr
    assert git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"  # nothing committed


def test_the_hook_lets_a_good_commit_through_and_skips_other_files(repo):
    install_entry_as_git_hook(repo)
    path = repo / "initiatives" / ENDRE
    path.write_text(path.read_text(encoding="utf-8").replace("leader: David Låås",
                                                             "leader: Kari Nordmann"),
                    encoding="utf-8")
    (repo / "notes.txt").write_text("not YAML\n", encoding="utf-8")
    git(repo, "add", ".")
    done = git(repo, "commit", "-m", "new leader", check=False)
    assert done.returncode == 0, done.stderr
    assert "no errors." in done.stderr
    break_endre(repo)  # broken in the working tree, but a commit of a text file skips the hook
    (repo / "notes.txt").write_text("still not YAML\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    assert git(repo, "commit", "-m", "notes", check=False).returncode == 0


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit not installed")
@pytest.mark.skipif(shutil.which("statusrapport") is None, reason="statusrapport not installed")
def test_pre_commit_runs_the_hook_from_a_local_config(repo, tmp_path):
    hook = {**the_hook(), "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    installed = subprocess.run(["pre-commit", "install"], cwd=repo, env=git_env(**env),
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    break_endre(repo)
    git(repo, "add", ".")
    refused = git(repo, "commit", "-m", "typo", check=False, **env)
    assert refused.returncode != 0
    shown = refused.stdout + refused.stderr  # git passes on the hook's output on stderr
    assert "statusrapport validate" in shown and "Failed" in shown
    assert LOCATED in shown
