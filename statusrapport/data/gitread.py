"""The initiative files as committed at a git revision, read through git itself (`git ls-tree`,
`git show REV:path`), so that what is compared is exactly what git holds."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from statusrapport.errors import UserError
from statusrapport.data.loader import Loaded, load_files


@dataclass(frozen=True)
class Revision:
    name: str  # as the user wrote it: HEAD~1, v1.0, a hash
    commit: str  # the full hash it resolves to
    label: str  # where its files stand, for messages: "HEAD~1:initiatives"

    @property
    def short(self) -> str:
        return self.commit[:10]


def load_at(rev: str, folder: Path, report: str | None = None) -> tuple[Revision, Loaded]:
    """Load `folder`'s initiative files as committed at `rev`, with the loader's usual checks
    (a latest report committed for some initiatives only is a state like any other)."""
    revision, contents = files_at(rev, folder)
    return revision, load_files(revision.label, contents, report, complete=False)


def files_at(rev: str, folder: Path) -> tuple[Revision, dict[str, bytes]]:
    """{file name: bytes} of the *.yaml files directly in `folder`, as committed at `rev`."""
    folder = Path(folder)
    if rev.startswith("-") or not rev.strip():
        raise UserError(f"{rev!r} is not a git revision")
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder of initiatives")
    top = run_git(folder, "rev-parse", "--show-toplevel",
               failure=f"{folder} is not inside a git repository").decode().strip()
    prefix = run_git(folder, "rev-parse", "--show-prefix").decode().strip()
    # From here on run at the top: inside a subfolder, ls-tree would filter by that subfolder.
    root = Path(top)
    commit = run_git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}",
                  failure=f"{rev!r} is not a commit in the git repository at {top}"
                  ).decode().strip()
    label = f"{rev}:{prefix.rstrip('/')}" if prefix else f"{rev}:."
    listing = run_git(root, "ls-tree", "-z", f"{commit}:{prefix}",
                   failure=f"{prefix.rstrip('/') or 'the data folder'} does not exist at {rev}")
    contents = {}
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name_bytes = entry.partition(b"\t")
        name = os.fsdecode(name_bytes)
        if meta.split()[1] == b"blob" and name.endswith(".yaml"):
            contents[name] = run_git(root, "show", f"{commit}:{prefix}{name}")
    return Revision(rev, commit, label), contents


def run_git(cwd: Path, *args: str, failure: str | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                                env={**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat"})
    except FileNotFoundError:
        raise UserError("git is not installed (needed to read a revision)") from None
    if result.returncode != 0:
        detail = result.stderr.decode(errors="replace").strip().splitlines()
        message = failure or f"git {' '.join(args)} failed"
        raise UserError(message + (f" ({detail[-1]})" if detail else ""))
    return result.stdout


@dataclass(frozen=True)
class Source:
    """Where a data folder stands in git when a deck is built from it (recorded in the deck)."""

    commit: str  # HEAD's full hash
    folder: str  # the data folder's path from the repository's top, "" at the top
    clean: bool  # nothing in the folder (or the template, if tracked) differs from HEAD


def source_of(folder: Path, also: tuple[Path, ...] = ()) -> Source | None:
    """The commit a build of `folder` comes from, or None outside git (or with no commit yet):
    a folder outside git builds as before, it just cannot be verified later."""
    folder = Path(folder)
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "--show-prefix", "--verify", "HEAD"],
            cwd=folder, capture_output=True, check=False,
            env={**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat"})
    except (FileNotFoundError, NotADirectoryError):
        return None
    lines = found.stdout.decode(errors="replace").splitlines()
    if found.returncode != 0 or len(lines) < 3:
        return None
    top, prefix, commit = Path(lines[0]), lines[1], lines[2]
    paths = [folder.resolve()] + [p.resolve() for p in also if _inside(p, top)]
    status = run_git(top, "status", "--porcelain", "-z", "--untracked-files=all", "--",
                  *(str(p) for p in paths))
    return Source(commit, prefix.rstrip("/"), clean=not status.strip(b"\0"))


def _inside(path: Path, top: Path) -> bool:
    try:
        Path(path).resolve().relative_to(top.resolve())
    except ValueError:
        return False
    return True
