"""Resource bounds: any initiative file inside the size bound (1 MiB) is accepted or rejected
within 5 s and 300 MB peak memory; a larger one is refused before it is parsed.

Each input is run as a real process, started by a small launcher that measures its wall time
and reads its peak resident memory (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deck_samples import ROOT
from fuzz_inputs import at_the_bounds, dump
from statusrapport.data import yamlsafe
from statusrapport.data.yamlsafe import MAX_FILE_BYTES

SECONDS = 5.0
PEAK_MB = 300
LIMIT = MAX_FILE_BYTES - 64  # just inside the bound, with room for a closing line
PROGRAMME = "programme: Grense\ngroups:\n  - name: Grense\n    initiatives: [grense]\n"
HEAD = "name: Grense\ngroup: Grense\nleader: Kari Nordmann\n"


def _fill(head: str, unit, tail: str = "") -> str:
    """`head`, then `unit(i)` for i = 0, 1, ... as long as the file stays inside the bound."""
    parts, size, i = [head], len(head.encode()) + len(tail.encode()), 0
    while True:
        piece = unit(i)
        if size + len(piece.encode()) > LIMIT:
            return "".join(parts) + tail
        parts.append(piece)
        size += len(piece.encode())
        i += 1


def _valid_reports() -> str:
    """Accepted: 200 reports (the model's limit) of long bullets, 1 MiB in all."""
    per_report = LIMIT // 200 - 200
    reports = {}
    for n in range(200):
        year, week = 2000 + n // 50, n % 50 + 1
        if (year, week) == (2001, 33):
            year, week = 2021, 33
        bullets, size = [], 0
        while size < per_report:
            text = f"Rapport {n}, punkt {len(bullets)}: oppfølging av «endre» og æøå – " * 8
            bullets.append(text.strip()[:590])
            size += 600
        reports[f"{year}-uke-{week}"] = {"done": bullets[:40], "risks": bullets[40:80]}
    text = dump({"name": "Grense", "group": "Grense", "leader": "Kari Nordmann",
                 "reports": reports})
    assert len(text.encode()) <= MAX_FILE_BYTES, len(text.encode())
    return text


INPUTS = {
    "many-milestones": lambda: _fill(HEAD + "milestones:\n", lambda i: (
        f"  - id: MP{i}\n    description: Milepæl {i} med en beskrivelse av passe lengde\n"
        f"    planned: 01.02.2021\n    revised: [Jan 2022, 2022-03-01]\n")),
    "long-text": lambda: _fill(HEAD + "milestones:\n  - id: MP1\n    description: ",
                               lambda i: "æ lang ", "\n    planned: 01.02.2021\n"),
    "one-long-line": lambda: _fill("name: ", lambda i: "x", "\n"),
    "long-comment-line": lambda: _fill(HEAD + "# ", lambda i: "ø", "\n"),
    "wide-flow-mapping": lambda: _fill("{", lambda i: f"k{i}: [v, {{a: b}}], ", "x: y}\n"),
    "wide-flow-sequence": lambda: _fill(HEAD + "milestones: [", lambda i: "{id: MP, x: 1}, ",
                                        "{}]\n"),
    # Brackets in plain text open nothing, but make the depth check scan the file's tokens.
    "brackets-in-plain-text": lambda: _fill(HEAD + "reports:\n  2021-uke-33:\n    done:\n",
                                            lambda i: f"      - Kostnad [{i} avklares\n"),
    "deep-nesting": lambda: _fill(HEAD + "reports:\n", lambda i: (
        f"  k{i}: " + "[" * 11 + "x" + "]" * 11 + "\n")),
    "too-deep-nesting": lambda: _fill("a: ", lambda i: "["),
    "many-keys": lambda: _fill(HEAD, lambda i: f"key{i}: value\n"),
    "many-duplicate-keys": lambda: _fill(HEAD, lambda i: "name: Grense\n"),
    "many-anchors-and-aliases": lambda: _fill(HEAD + "x: &a [1]\n", lambda i: f"y{i}: *a\n"),
    "many-control-characters": lambda: _fill(HEAD, lambda i: "\x01"),
    "many-errors-in-a-list": lambda: _fill(HEAD + "milestones:\n", lambda i: "  - {}\n"),
    "valid-200-reports": _valid_reports,
}


# A small launcher process starts each run and reports its child's rusage: forked straight
# from pytest (hundreds of MB by then), a child would count the parent's pages as its own.
LAUNCHER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=sys.stderr).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps([code, seconds, peak]))
"""


def _run(*args: str) -> tuple[int, float, float, bytes]:
    """(exit code, seconds, peak MB, the end of stderr) of one statusrapport process."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, "-m", "statusrapport",
                           *args], cwd=ROOT, capture_output=True, timeout=120)
    code, seconds, peak_kib = json.loads(done.stdout)
    return code, seconds, peak_kib / 1024, done.stderr[-2000:]


def _folder(tmp_path: Path, content: str | bytes) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    raw = content.encode("utf-8") if isinstance(content, str) else content
    (data / "grense.yaml").write_bytes(raw)
    return data


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_inputs_at_the_size_bound_are_answered_in_time_and_memory(tmp_path, name):
    content = INPUTS[name]()
    assert len(content.encode()) <= MAX_FILE_BYTES
    assert len(content.encode()) > MAX_FILE_BYTES * 0.2  # the input is big, as meant
    data = _folder(tmp_path, content)
    for args in (["validate", "--data", str(data)],
                 ["build", "2021-uke-33", "-o", str(tmp_path / "deck.pptx"), "--data",
                  str(data)]):
        code, seconds, peak_mb, stderr = _run(*args)
        where = f"{name} {args[0]}: exit {code}, {seconds:.2f} s, {peak_mb:.0f} MB"
        print(where)
        assert code in (0, 1), (where, stderr.decode("utf-8", "replace"))
        assert b"Traceback" not in stderr, stderr.decode("utf-8", "replace")
        assert seconds < SECONDS, where
        assert peak_mb < PEAK_MB, where


def test_a_valid_initiative_at_the_models_limits_builds_in_time_and_memory(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for file_name, text in at_the_bounds().items():
        (data / file_name).write_text(text, encoding="utf-8")
    code, seconds, peak_mb, stderr = _run("build", "2021-uke-33", "-o",
                                          str(tmp_path / "deck.pptx"), "--data", str(data))
    where = f"at the model's limits: exit {code}, {seconds:.2f} s, {peak_mb:.0f} MB"
    print(where)
    assert code == 0, stderr.decode("utf-8", "replace")
    assert seconds < SECONDS and peak_mb < PEAK_MB, where


def test_a_file_over_the_bound_is_refused_before_parsing(tmp_path, monkeypatch):
    content = HEAD + "# " + "x" * MAX_FILE_BYTES + "\n"
    path = tmp_path / "stor.yaml"
    path.write_text(content, encoding="utf-8")

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed a file over the size bound")

    monkeypatch.setattr(yamlsafe.yaml, "parse", no_parsing)
    start = time.perf_counter()
    _, problems = yamlsafe.read_yaml(path)
    assert time.perf_counter() - start < 0.5
    assert [p.message for p in problems] == [
        f"the file is {len(content.encode()):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"]


def test_a_file_over_the_bound_is_refused_by_the_command_quickly(tmp_path):
    data = _folder(tmp_path, HEAD + "# " + "x" * (8 * MAX_FILE_BYTES) + "\n")
    code, seconds, peak_mb, stderr = _run("validate", "--data", str(data))
    assert code == 1 and b"the limit is 1,048,576 bytes" in stderr
    assert seconds < SECONDS and peak_mb < PEAK_MB, (seconds, peak_mb)
