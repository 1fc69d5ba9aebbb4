"""Only regular files are read: a FIFO, a device or a socket named *.yaml is an error at that
file (exit 1), never a hang; a file over the bound is refused by its size before it is read.

Each case runs as a real process with a timeout, as a user (or a shell's Tab) starts it.
"""

from __future__ import annotations

import os
import resource
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from deck_samples import ROOT
from statusrapport.data.yamlsafe import MAX_FILE_BYTES

TIMEOUT = 20  # a hang is a failure, not a stuck test run


def statusrapport(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "statusrapport", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=TIMEOUT, env={**os.environ, **(env or {})})


@pytest.fixture
def data(seed_dir, tmp_path: Path) -> Path:
    folder = tmp_path / "initiatives"
    shutil.copytree(seed_dir, folder)
    return folder


def _fifo(folder: Path) -> Path:
    path = folder / "fifo.yaml"
    os.mkfifo(path)
    return path


def _to_dev_zero(folder: Path) -> Path:
    path = folder / "null.yaml"
    path.symlink_to("/dev/zero")
    return path


def _socket(folder: Path) -> Path:
    path = folder / "sock.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # left bound: the file stays a socket for the test
    _SOCKETS.append(server)
    return path


_SOCKETS: list[socket.socket] = []


@pytest.mark.parametrize(("make", "kind"), [(_fifo, "a FIFO (named pipe)"),
                                            (_to_dev_zero, "a character device"),
                                            (_socket, "a socket")])
@pytest.mark.parametrize("command", [["validate"], ["build", "uke-33"], ["show", "uke-33"],
                                     ["list"], ["new", "report", "uke-35"]])
def test_a_file_that_is_not_regular_is_an_error_at_that_file(data, tmp_path, make, kind,
                                                             command):
    odd = make(data)
    args = [*command, "--data", str(data)]
    if command[0] == "build":
        args += ["-o", str(tmp_path / "deck.pptx")]
    result = statusrapport(*args)
    assert result.returncode == 1, result.stderr
    assert f"{odd}: error: {kind}, not a regular file; only files are read" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "deck.pptx").exists()


def test_a_folder_named_like_a_file_is_an_error_at_that_folder(data):
    (data / "zeta.yaml").mkdir()
    result = statusrapport("validate", "--data", str(data))
    assert result.returncode == 1
    assert f"{data / 'zeta.yaml'}: error: a folder, not a regular file" in result.stderr


def _peak_child_mb(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """Run in a fresh launcher, so that RUSAGE_CHILDREN holds only this process's peak."""
    code = ("import resource, subprocess, sys\n"
            "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "sys.stderr.write(r.stderr)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "sys.exit(r.returncode)")
    result = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "statusrapport",
                             *args], capture_output=True, text=True, cwd=ROOT, timeout=TIMEOUT)
    return result, int(result.stdout.split()[-1]) / 1024


def test_a_300_mib_file_is_refused_by_its_size_before_it_is_read(data):
    huge = data / "stor.yaml"
    with huge.open("wb") as file:  # sparse: 300 MiB on paper, nothing on the disk
        file.truncate(300 * 1024 * 1024)
    result, peak_mb = _peak_child_mb("validate", "--data", str(data))
    assert result.returncode == 1, result.stderr
    assert (f"{huge}: error: the file is {300 * 1024 * 1024:,} bytes; the limit is "
            f"{MAX_FILE_BYTES:,} bytes") in result.stderr
    # Reading it first reached 334 MB; refused by fstat, the process stays at its usual size.
    print(f"peak {peak_mb:.0f} MB")
    assert peak_mb < 120, peak_mb


def _complete(words: str, data: Path) -> subprocess.CompletedProcess:
    """Tab, as bash asks the script `--install-completion` installs."""
    script = shutil.which("statusrapport")  # the shell runs the console script
    assert script, "the statusrapport console script is not installed"
    env = {**os.environ, "_STATUSRAPPORT_COMPLETE": "complete_bash",
           "COMP_WORDS": words.format(data=data), "COMP_CWORD": str(len(words.split()) - 1)}
    return subprocess.run([script], capture_output=True, text=True, cwd=ROOT, timeout=TIMEOUT,
                          env=env)


@pytest.mark.parametrize("make", [_fifo, _to_dev_zero, _socket])
def test_tab_completion_never_hangs_on_a_file_that_is_not_regular(data, make):
    make(data)
    weeks = _complete("statusrapport build --data {data} uke-", data)
    assert weeks.returncode == 0, weeks.stderr
    assert weeks.stdout.split()[:2] == ["uke-37", "uke-33"]
    after = _complete("statusrapport new report --data {data} u", data)
    assert after.stdout.split() == ["uke-38"]


def test_the_peak_memory_measure_sees_a_large_reader():
    """The launcher's measure would see the 334 MB of a read: a process that holds 200 MB."""
    code = "b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"
    launcher = ("import resource, subprocess, sys\n"
                f"subprocess.run([sys.executable, '-c', {code!r}])\n"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", launcher], capture_output=True, text=True,
                         timeout=TIMEOUT)
    assert int(out.stdout.split()[-1]) / 1024 > 190
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0
