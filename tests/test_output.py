"""Writing a deck never destroys the previous one, and leaves no temporary file behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from deck_samples import ROOT, previous_deck
from statusrapport.files import atomic as output
from statusrapport.files.atomic import write_atomic

OLD = previous_deck(b"the previous deck " * 1000)  # -o replaces only a previous deck


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_a_new_file_and_its_folder(tmp_path):
    target = tmp_path / "build" / "deck.pptx"
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert _listing(target.parent) == ["deck.pptx"]


def test_replaces_and_keeps_the_mode_of_the_existing_file(tmp_path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(OLD)
    os.chmod(target, 0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _listing(tmp_path) == ["deck.pptx"]


def test_new_file_mode_follows_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "deck.pptx", b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "deck.pptx").stat().st_mode) == 0o640


@pytest.mark.parametrize("anonymous", [True, False], ids=["anonymous-temp", "named-temp"])
def test_a_failing_write_leaves_the_previous_file_and_no_temp(tmp_path, monkeypatch, anonymous):
    target = tmp_path / "deck.pptx"
    target.write_bytes(OLD)
    if not anonymous:  # the fallback path of systems without O_TMPFILE
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    real_write = os.write
    calls = []

    def failing_write(fd, data):
        calls.append(len(data))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_write(fd, data[: len(data) // 2])  # a short write first: mid-file

    monkeypatch.setattr(os, "write", failing_write)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"x" * 100_000)
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == ["deck.pptx"]


def test_a_failing_rename_leaves_the_previous_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_bytes(OLD)

    def failing_replace(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(PermissionError):
        write_atomic(target, b"new")
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == ["deck.pptx"]


def test_interrupt_while_writing_leaves_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_bytes(OLD)

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == ["deck.pptx"]


# A real build, stopped in the middle of saving: fsync is where the new deck is complete in
# its temporary file but not yet in place; the process announces it and waits to be killed.
KILLED_BUILD = textwrap.dedent("""
    import os, sys, time
    real_fsync = os.fsync
    def stalled_fsync(fd):
        if os.fstat(fd).st_size > 1000:  # the deck, not a folder
            print("saving", flush=True)
            time.sleep(60)
        return real_fsync(fd)
    os.fsync = stalled_fsync
    from statusrapport.cli import app
    app(["build", "uke-33", "--data", sys.argv[1], "-o", sys.argv[2]])
""")


def test_a_build_killed_while_saving_leaves_the_previous_deck(seed_dir, tmp_path):
    target = tmp_path / "out" / "deck.pptx"
    target.parent.mkdir()
    target.write_bytes(OLD)
    process = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(seed_dir), str(target)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = process.stdout.readline()
        assert line == b"saving\n", process.stderr.read().decode()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert target.read_bytes() == OLD
    if not output.anonymous_temp_supported(target.parent):
        pytest.skip("this system cannot link an anonymous file: a killed build leaves its .tmp")
    assert _listing(target.parent) == ["deck.pptx"]
