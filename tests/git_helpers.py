"""Real git in temporary repositories, isolated from the user's and the system's git config."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from deck_samples import SEED


def git_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", **extra}


def run_git(repo: Path, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=git_env(**env), check=check,
                          capture_output=True, text=True)


def git(repo: Path, *args: str) -> str:
    return run_git(repo, *args).stdout


def commit_all(repo: Path, message: str = "seed") -> None:
    """`git init` (if needed) and commit everything in `repo`."""
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", message)


def seed_repo(root: Path, seed: Path = SEED) -> Path:
    """A repository whose first commit holds the seed (or `seed`) as it is, under initiatives/."""
    shutil.copytree(seed, root / "initiatives")
    commit_all(root)
    return root
