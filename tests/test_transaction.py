"""`new report` and `new initiative` as transactions (files/transaction.py): a failure at any
step changes no file; a kill between two renames is finished by the next command; a full
disk, a size limit, a read-only folder or a permission error is exit 1 saying nothing was
written; a file changed since it was read is never overwritten; a symlinked file stays a link.

Read-only folders and full disks are simulated by the system calls raising the errors the
kernel gives (the tests run as root, and root writes through chmod 0555)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from deck_samples import ROOT, SEED_UKE_33 as SEED  # new report opens uke 34, 35 after it
from uke_33_fixtures import seed_copy, seed_dir  # noqa: F401  (fixtures: the seed at uke 33)
from statusrapport.authoring.new_report import open_reports
from statusrapport.errors import UserError
from statusrapport.files import transaction
from statusrapport.files.transaction import JOURNAL, Change, commit, recover

INITIATIVES = sorted(p.name for p in SEED.glob("*.yaml") if p.name != "programme.yaml")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry of the folder (hidden ones too) with its bytes: stray files show up."""
    return {p.name: p.read_bytes() if p.is_file() else b"<dir>" for p in sorted(folder.iterdir())}


@pytest.fixture
def data(seed_copy) -> Path:
    return seed_copy


# --- fault injection at every step ------------------------------------------------------------

STEPS = ("open", "write", "fsync", "link", "replace")


class Faults:
    """Counts the system calls a transaction makes and fails the one numbered `at`."""

    def __init__(self, monkeypatch, at: int | None, error: int = errno.ENOSPC):
        self.calls: list[str] = []
        for name in STEPS:
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(name, real, at, error))

    def _wrap(self, name, real, at, error):
        def call(*args, **kwargs):
            self.calls.append(name + (" (folder)" if _a_folder(name, args) else ""))
            if at is not None and len(self.calls) == at:
                raise OSError(error, os.strerror(error), str(args[0]) if args else None)
            return real(*args, **kwargs)
        return call


def _a_folder(name: str, args) -> bool:
    """A folder's fsync (or its open for one): best effort, as files/atomic.py makes it."""
    import stat

    try:
        if name == "open":
            return os.path.isdir(args[0])
        if name == "fsync":
            return stat.S_ISDIR(os.fstat(args[0]).st_mode)
    except (OSError, TypeError, IndexError):
        pass
    return False


def _has_the_report_once(data: Path) -> bool:
    return all((data / n).read_text(encoding="utf-8").count("2021-uke-35:") == 1
               for n in INITIATIVES)


def _calls_of_a_clean_run(tmp_path: Path, monkeypatch) -> list[str]:
    clean = Path(shutil.copytree(SEED, tmp_path / "clean"))
    with monkeypatch.context() as patch:
        faults = Faults(patch, None)
        open_reports(clean, "uke-35")
    return faults.calls


def test_a_failing_call_at_every_step_of_new_report_leaves_every_file(data, tmp_path,
                                                                      monkeypatch):
    calls = _calls_of_a_clean_run(tmp_path, monkeypatch)
    assert {"write", "fsync", "link", "replace"} <= set(calls), calls
    before = snapshot(data)
    for at in range(1, len(calls) + 1):
        with monkeypatch.context() as patch:
            Faults(patch, at)
            try:
                open_reports(data, "uke-35")
            except UserError as error:
                # a failure while reading the files (before anything is staged) is the
                # reader's located error; any later one says that nothing was written
                assert ("nothing was written" in str(error)
                        or "cannot read the file" in str(error)), (at, calls[at - 1], str(error))
                assert snapshot(data) == before, (at, calls[at - 1])
                continue
        # Only a folder's fsync is best effort: then the change is whole, and nothing stray.
        assert calls[at - 1].endswith("(folder)"), (at, calls[at - 1])
        assert _has_the_report_once(data) and len(snapshot(data)) == len(before)
        for name, content in before.items():
            (data / name).write_bytes(content)
    open_reports(data, "uke-35")  # and without a fault it is written
    assert _has_the_report_once(data)


def test_a_failing_call_at_every_step_of_new_initiative_leaves_every_file(run_cli, seed_dir, data,
                                                                          monkeypatch):
    before = snapshot(data)
    args = ["new", "initiative", "zeta", "--group", "Ny", "--leader", "L", "--name", "Zeta",
            "--data", str(data)]
    at = 1
    while True:
        with monkeypatch.context() as patch:
            faults = Faults(patch, at)
            result = run_cli(*args)
        if at > len(faults.calls):
            break
        if result.exit_code == 0 and faults.calls[at - 1].endswith("(folder)"):
            shutil.rmtree(data)  # a folder's fsync is best effort: the change was made whole
            seed = data.parent / "seed"
            assert seed.exists() or shutil.copytree(seed_dir, seed)
            shutil.copytree(data.parent / "seed", data)
            at += 1
            continue
        assert result.exit_code == 1, (at, faults.calls[at - 1], result.output)
        assert "nothing was written" in result.stderr
        assert snapshot(data) == before, (at, faults.calls[at - 1])
        at += 1
    assert result.exit_code == 0, result.output
    assert at > 5  # every step was tried: staged files, links, the journal, the renames
    assert (data / "zeta.yaml").is_file()


@pytest.mark.parametrize("error, said", [
    (errno.ENOSPC, "the disk is full"),
    (errno.EFBIG, "the file would pass the file size limit"),
    (errno.EACCES, "permission denied"),
    (errno.EROFS, "the file system is read-only"),
])
@pytest.mark.parametrize("step", ["write", "replace"])
def test_system_errors_are_user_errors_that_say_nothing_was_written(run_cli, data, monkeypatch,
                                                                     error, said, step):
    before = snapshot(data)
    real, failed = getattr(os, step), []

    def failing(*args, **kwargs):  # the first write, or the second file's rename into place
        if step == "replace" and str(args[0]).endswith(".new"):
            failed.append(args)
            if len(failed) == 2:  # the first file is in place already: it is put back
                raise OSError(error, os.strerror(error))
        elif step == "write" and not failed:
            failed.append(args)
            raise OSError(error, os.strerror(error))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, step, failing)
    result = run_cli("new", "report", "uke-35", "--data", str(data))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert said in result.stderr and "nothing was written; every file is as it was" in \
        result.stderr
    assert snapshot(data) == before


# --- a kill between two renames ---------------------------------------------------------------

KILLED_AT_RENAME = textwrap.dedent("""
    import os, sys
    real_replace, seen = os.replace, []
    def dying_replace(src, dst, **kw):
        seen.append(src)
        if len(seen) == int(sys.argv[2]):
            os._exit(9)  # as SIGKILL: no cleanup of any kind
        return real_replace(src, dst, **kw)
    os.replace = dying_replace
    from statusrapport.cli import app
    app(["new", "report", "uke-35", "--data", sys.argv[1]])
""")


@pytest.mark.parametrize("kill_at", [1, 2, 3, 4])  # the journal's rename, then each file's
def test_a_kill_between_renames_is_finished_by_the_next_command(seed_dir, data, kill_at):
    killed = subprocess.run([sys.executable, "-c", KILLED_AT_RENAME, str(data), str(kill_at)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert killed.returncode == 9, killed.stderr
    reports = [(data / n).read_text(encoding="utf-8").count("2021-uke-35:") for n in INITIATIVES]
    if kill_at > 2:
        assert 0 < sum(reports) < len(INITIATIVES), reports  # left mixed, as a kill leaves it
    again = subprocess.run([sys.executable, "-m", "statusrapport", "new", "report", "uke-35",
                            "--data", str(data)], cwd=ROOT, capture_output=True, text=True,
                           timeout=120)
    assert "Traceback" not in again.stderr
    # Before the journal existed, the change had not happened: the rerun makes it. After, the
    # next command finished it, and then refuses to add the report a second time.
    assert again.returncode == (0 if kill_at == 1 else 1), again.stderr
    if kill_at > 1:
        assert "already has the report 2021-uke-35" in again.stderr
    for name in INITIATIVES:
        assert (data / name).read_text(encoding="utf-8").count("2021-uke-35:") == 1, name
    assert sorted(p.name for p in data.iterdir()) == sorted(p.name for p in seed_dir.iterdir())


def test_an_undo_cut_short_is_finished_by_the_next_command(data):
    """A `back` journal (a rename failed, and the undo was killed) is undone, not finished."""
    before = snapshot(data)
    target = data / INITIATIVES[0]
    new = data / f".{target.name}.txn-1-abcdef01.new"
    old = data / f".{target.name}.txn-1-abcdef01.old"
    new.write_bytes(b"new: content\n")
    os.link(target, old)
    os.replace(new, target)  # renamed, then the process died before putting it back
    (data / JOURNAL).write_text(json.dumps({"action": "back", "files": [
        {"target": str(target), "new": str(new), "old": str(old)}]}))
    recover(data)
    assert snapshot(data) == before


def test_a_journal_naming_other_files_is_refused_and_nothing_moved(data):
    victim = data / INITIATIVES[0]
    (data / JOURNAL).write_text(json.dumps({"action": "forward", "files": [
        {"target": str(victim), "new": str(data / "programme.yaml"), "old": None}]}))
    before = snapshot(data)
    with pytest.raises(UserError, match="names a file that is not one of its own"):
        recover(data)
    assert snapshot(data) == before


def test_staged_files_without_a_journal_are_removed(data):
    before = snapshot(data)
    (data / f".{INITIATIVES[0]}.txn-77-0badcafe.new").write_bytes(b"half")
    recover(data)
    assert snapshot(data) == before


# --- changed on disk, symlinks ----------------------------------------------------------------

def test_a_file_changed_since_it_was_read_is_never_overwritten(run_cli, data, monkeypatch):
    """An editor saves the file between our read and our write: exit 1 naming it."""
    edited = data / INITIATIVES[1]
    real_commit = transaction.commit

    def editor_saves_first(folder, changes):
        edited.write_text(edited.read_text(encoding="utf-8") + "# saved by an editor\n",
                          encoding="utf-8")
        return real_commit(folder, changes)

    monkeypatch.setattr(transaction, "commit", editor_saves_first)
    before = {n: (data / n).read_bytes() for n in INITIATIVES}
    result = run_cli("new", "report", "uke-35", "--data", str(data))
    assert result.exit_code == 1, result.output
    assert f"{edited}: was changed on disk while this command ran" in result.stderr
    assert edited.read_text(encoding="utf-8").endswith("# saved by an editor\n")
    for name in INITIATIVES:
        if name != edited.name:
            assert (data / name).read_bytes() == before[name]
    assert not [p for p in data.iterdir() if ".txn-" in p.name or p.name == JOURNAL]


def test_commit_refuses_a_file_that_appeared(tmp_path):
    (tmp_path / "new.yaml").write_text("someone: else\n")
    with pytest.raises(UserError, match="was created on disk"):
        commit(tmp_path, [Change(tmp_path / "new.yaml", b"mine: 1\n", None)])
    assert (tmp_path / "new.yaml").read_text() == "someone: else\n"


def test_a_symlinked_data_file_stays_a_link_and_its_target_is_written(run_cli, data, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = data / INITIATIVES[0]
    shutil.move(link, elsewhere / link.name)
    link.symlink_to(Path("..") / "elsewhere" / link.name)
    result = run_cli("new", "report", "uke-35", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert "2021-uke-35:" in (elsewhere / link.name).read_text(encoding="utf-8")
    assert sorted(p.name for p in elsewhere.iterdir()) == [link.name]
