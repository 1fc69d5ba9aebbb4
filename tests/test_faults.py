"""Fault injection: a missing or unwritable output folder, a full disk, a broken template, an
output path that is a folder, and the process killed while saving. After each: the previous
deck opens and is byte-identical, no temporary file is left after the next run, and the
deck's file mode is kept.

Read-only folders: these tests run as root in CI, and root writes through chmod 0555; a
read-only bind mount needs privileges a test does not have. So a read-only folder is
simulated by os.open/os.replace raising the errors the kernel gives (EACCES, EROFS); a real
chmod test runs only when not root.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deck_samples import ROOT, TEMPLATE, copy_seed, invoke
from statusrapport.build import build

MODE = 0o640


@pytest.fixture(scope="module")
def decks(seed_dir, tmp_path_factory):
    """The seed's data and deck (the previous deck), and changed data whose deck differs."""
    root = tmp_path_factory.mktemp("decks")
    old = build(seed_dir, "uke-33", root / "old.pptx").path.read_bytes()
    changed = copy_seed(root / "changed")
    programme = changed / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "programme: Pasientreiser", "programme: Pasientreiser Øst"), encoding="utf-8")
    new = build(changed, "uke-33", root / "new.pptx").path.read_bytes()
    assert old != new
    return {"old": old, "new": new, "data": changed}


@pytest.fixture
def previous(tmp_path, decks) -> Path:
    """An output folder holding the previous deck, mode 0640."""
    deck = tmp_path / "out" / "deck.pptx"
    deck.parent.mkdir()
    deck.write_bytes(decks["old"])
    os.chmod(deck, MODE)
    return deck


def assert_untouched(deck: Path, decks) -> None:
    assert deck.read_bytes() == decks["old"]
    assert len(Presentation(str(deck)).slides) > 0
    assert stat.S_IMODE(deck.stat().st_mode) == MODE
    assert sorted(p.name for p in deck.parent.iterdir()) == [deck.name]


def build_into(deck: Path, decks, *more: str):
    return invoke("build", "uke-33", "--data", str(decks["data"]), "-o", str(deck), *more)


def assert_user_error(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


# --- the output folder -----------------------------------------------------------------------

def test_a_missing_output_folder_is_created(tmp_path, decks):
    deck = tmp_path / "new" / "folders" / "deck.pptx"
    assert build_into(deck, decks).exit_code == 0
    assert deck.read_bytes() == decks["new"]


def test_an_output_folder_that_is_a_file_is_a_clear_error(tmp_path, decks):
    (tmp_path / "out").write_text("not a folder")
    assert_user_error(build_into(tmp_path / "out" / "deck.pptx", decks), "cannot write the deck")
    assert (tmp_path / "out").read_text() == "not a folder"


@pytest.mark.parametrize("fails", ["create", "replace"])
def test_a_read_only_output_folder_leaves_the_previous_deck(previous, decks, monkeypatch,
                                                           fails):
    """Simulated (see the module's note): the folder refuses new files, or the rename."""
    real_open, real_replace = os.open, os.replace

    def refusing_open(path, flags, *args, **kwargs):
        if flags & (os.O_CREAT | getattr(os, "O_TMPFILE", 0)) and fails == "create":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    def refusing_replace(src, dst, *args, **kwargs):
        if fails == "replace":
            raise OSError(errno.EROFS, "Read-only file system", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(os, "replace", refusing_replace)
    message = "Permission denied" if fails == "create" else "Read-only file system"
    assert_user_error(build_into(previous, decks), "cannot write the deck", message)
    monkeypatch.undo()
    assert_untouched(previous, decks)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a chmod 0555 folder")
def test_a_read_only_output_folder_for_real(previous, decks):
    os.chmod(previous.parent, 0o555)
    try:
        assert_user_error(build_into(previous, decks), "cannot write the deck")
    finally:
        os.chmod(previous.parent, 0o755)
    assert_untouched(previous, decks)


@pytest.mark.parametrize("after", [0, 1, 3])
def test_a_full_disk_leaves_the_previous_deck(previous, decks, monkeypatch, after):
    """ENOSPC on the first, second or fourth write (after a short write: mid-file)."""
    real_write = os.write
    calls = []

    def filling_write(fd, data):
        calls.append(len(data))
        if len(calls) > after:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data[: max(1, len(data) // 4)])

    monkeypatch.setattr(os, "write", filling_write)
    assert_user_error(build_into(previous, decks), "cannot write the deck",
                      "No space left on device")
    monkeypatch.undo()
    assert_untouched(previous, decks)


def test_a_failing_fsync_leaves_the_previous_deck(previous, decks, monkeypatch):
    def failing_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    assert_user_error(build_into(previous, decks), "cannot write the deck", "Input/output error")
    monkeypatch.undo()
    assert_untouched(previous, decks)


# --- the output path is a folder --------------------------------------------------------------

def test_an_output_folder_takes_the_default_name(tmp_path, decks):
    result = build_into(tmp_path, decks)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pasientreiser-ost-2021-uke-33.pptx").read_bytes() == decks["new"]


def test_a_folder_where_the_deck_should_go_is_a_clear_error(tmp_path, decks):
    blocking = tmp_path / "pasientreiser-ost-2021-uke-33.pptx"
    blocking.mkdir()
    (blocking / "keep.txt").write_text("mine")
    assert_user_error(build_into(tmp_path, decks), "cannot write the deck")
    assert (blocking / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == [blocking.name]


# --- the template -----------------------------------------------------------------------------

def _truncated(path: Path) -> None:
    path.write_bytes(TEMPLATE.read_bytes()[: TEMPLATE.stat().st_size // 2])


def _without_a_part(path: Path) -> None:
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            if item.filename != "ppt/presentation.xml":
                dst.writestr(item, src.read(item))


def _garbled_xml(path: Path) -> None:
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename.endswith(
                "slideLayout1.xml") else data)


TEMPLATES = {
    "missing": lambda path: None,
    "empty": lambda path: path.write_bytes(b""),
    "random-bytes": lambda path: path.write_bytes(random.Random(6).randbytes(5000)),
    "truncated": _truncated,
    "zip-without-presentation": _without_a_part,
    "garbled-layout-xml": _garbled_xml,
    "a-folder": lambda path: path.mkdir(),
    "a-text-file": lambda path: path.write_text("name: not a template\n"),
}


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_a_broken_template_is_a_clear_error_and_the_previous_deck_stays(run_cli, tmp_path, previous,
                                                                        decks, kind):
    template = tmp_path / "corporate.pptx"
    TEMPLATES[kind](template)
    result = build_into(previous, decks, "--template", str(template))
    assert_user_error(result, "corporate.pptx")
    assert_untouched(previous, decks)
    check = run_cli("template", "check", str(template))
    assert_user_error(check, "corporate.pptx")


# --- killed while saving ----------------------------------------------------------------------

# A build whose save is slowed at every step (write, chmod, sync, link, rename, close), so
# that a kill at a random moment lands anywhere in it; it says when the save begins.
SLOW_SAVE = textwrap.dedent("""
    import os, sys, time
    from statusrapport.files import atomic as output
    STEP = 0.02
    def slowed(function):
        def slow(*args, **kwargs):
            time.sleep(STEP)
            return function(*args, **kwargs)
        return slow
    for name in ("write", "fchmod", "fsync", "replace", "close"):
        setattr(os, name, slowed(getattr(os, name)))
    output._link = slowed(output._link)
    real_write_atomic = output.write_atomic
    def announced(*args, **kwargs):
        print("saving", flush=True)
        return real_write_atomic(*args, **kwargs)
    output.write_atomic = announced
    from statusrapport.cli import app
    app(["build", "uke-33", "--data", sys.argv[1], "-o", sys.argv[2]])
""")
TRIALS_IN_SAVE, TRIALS_ANYWHERE = 16, 8


def _kill_at_random(deck: Path, decks, rng: random.Random, in_save: bool) -> str:
    process = subprocess.Popen([sys.executable, "-c", SLOW_SAVE, str(decks["data"]), str(deck)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        if in_save:
            assert process.stdout.readline() == b"saving\n", process.stderr.read().decode()
            time.sleep(rng.uniform(0.0, 0.2))  # the slowed save takes about 0.15 s
        else:
            time.sleep(rng.uniform(0.0, 1.5))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    return "killed" if process.returncode == -signal.SIGKILL else "finished"


def test_killed_while_saving_at_random_moments(previous, decks):
    rng = random.Random(int(os.environ.get("FAULT_SEED", "20210818")))
    outcomes = []
    for trial in range(TRIALS_IN_SAVE + TRIALS_ANYWHERE):
        previous.write_bytes(decks["old"])
        os.chmod(previous, MODE)
        ended = _kill_at_random(previous, decks, rng, in_save=trial < TRIALS_IN_SAVE)
        now = previous.read_bytes()
        assert now in (decks["old"], decks["new"]), f"trial {trial}: a deck neither old nor new"
        assert len(Presentation(str(previous)).slides) > 0
        assert stat.S_IMODE(previous.stat().st_mode) == MODE
        outcomes.append((ended, "old" if now == decks["old"] else "new"))
        # the next run replaces it, and leaves no temporary file of the killed one behind
        result = build_into(previous, decks)
        assert result.exit_code == 0, result.output
        assert previous.read_bytes() == decks["new"]
        assert stat.S_IMODE(previous.stat().st_mode) == MODE
        leftovers = sorted(p.name for p in previous.parent.iterdir() if p != previous)
        assert leftovers == [], f"trial {trial}: {leftovers} after the next run"
    assert ("killed", "old") in outcomes  # the kills did land inside the build


def test_the_next_write_removes_a_dead_writers_temp_file_and_keeps_a_live_ones(tmp_path):
    from statusrapport.files.atomic import write_atomic

    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    try:
        live_temp = tmp_path / f".deck.pptx.{sleeper.pid}-0123456789ab.tmp"
        dead_temp = tmp_path / f".deck.pptx.{dead.stdout.strip()}-0123456789ab.tmp"
        other = tmp_path / f".other.pptx.{dead.stdout.strip()}-0123456789ab.tmp"
        for path in (live_temp, dead_temp, other):
            path.write_bytes(b"half a deck")
        write_atomic(tmp_path / "deck.pptx", b"deck")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            ["deck.pptx", live_temp.name, other.name])
    finally:
        sleeper.kill()
        sleeper.wait()
