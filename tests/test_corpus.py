"""The bad-input corpus: every broken file exits 1, at its expected place, never with a traceback.

`tests/corpus/` holds single initiative files (each is placed beside a programme.yaml that
lists it) and small programme folders. Each file states what it expects in its first lines:

    # expect: 8:14: milestones[0].planned: '2021-02-30' is not a date in the calendar
    # expect: -: the file is empty           ("-" when the problem concerns the whole file)

that is `line:column: ` and then a substring of what follows the location in the output.
A file with several expectations has several such lines, and no other error may appear.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from statusrapport.data.yamlsafe import MAX_FILE_BYTES

CORPUS = Path(__file__).parent / "corpus"
GROUP = "Testgruppe"
_EXPECT = re.compile(r"# expect: (-|\d+:\d+): (.+)")
_LOCATED = re.compile(r"^\S+?\.yaml(:\d+:\d+)?: ")


@dataclass(frozen=True)
class Expected:
    file: str
    where: str  # "line:col", or "-" for the file as a whole
    text: str

    def matches(self, line: str) -> bool:
        prefix = f"{self.file}: " if self.where == "-" else f"{self.file}:{self.where}: "
        return line.startswith(prefix) and self.text in line[len(prefix):]

    def __str__(self) -> str:
        return f"{self.file} {self.where}: {self.text}"


def expectations(path: Path) -> list[Expected]:
    """The `# expect:` lines at the top of a corpus file (a BOM before them is allowed)."""
    text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    found = []
    for line in text.splitlines():
        match = _EXPECT.fullmatch(line.rstrip())
        if not match:
            break
        found.append(Expected(path.name, match[1], match[2]))
    return found


def programme_yaml(initiative_ids: list[str]) -> str:
    return ("programme: Korpus\ngroups:\n" f"  - name: {GROUP}\n    initiatives:\n"
            + "".join(f"      - {i}\n" for i in initiative_ids))


def single_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml"))


def folders() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_dir())


# Built in the test rather than committed: a file over the size bound, and a truly empty one
# (a corpus file cannot be empty and carry its expectation).
GENERATED: dict[str, tuple[bytes, list[tuple[str, str]]]] = {
    "oversized.yaml": (b"name: Stor\ngroup: Testgruppe\nleader: Kari Nordmann\n"
                       + b"# fyll\n" * (MAX_FILE_BYTES // 7),
                       [("-", "bytes; the limit is 1,048,576 bytes")]),
    "zero-bytes.yaml": (b"", [("-", "the file is empty")]),
}
assert len(GENERATED["oversized.yaml"][0]) > MAX_FILE_BYTES


@dataclass(frozen=True)
class Case:
    """One programme folder to validate, and every error it must produce."""

    folder: Path
    expected: list[Expected]


def build(source: str, tmp_path: Path) -> Case:
    folder = tmp_path / "data"
    if source in GENERATED:
        folder.mkdir()
        raw, expected = GENERATED[source]
        (folder / source).write_bytes(raw)
        (folder / "programme.yaml").write_text(programme_yaml([Path(source).stem]))
        return Case(folder, [Expected(source, where, text) for where, text in expected])
    path = CORPUS / source
    if path.is_dir():
        shutil.copytree(path, folder)
        return Case(folder, [e for f in sorted(folder.glob("*.yaml")) for e in expectations(f)])
    folder.mkdir()
    shutil.copyfile(path, folder / path.name)
    (folder / "programme.yaml").write_text(programme_yaml([path.stem]))
    return Case(folder, expectations(path))


def error_lines(output: str, folder: Path) -> list[str]:
    """The located error lines of the output, with the folder taken off their paths."""
    lines = [line.replace(f"{folder}/", "") for line in output.splitlines()]
    return [line for line in lines if _LOCATED.match(line) and ": warning: " not in line]


def check_output(output: str, case: Case) -> None:
    assert "Traceback" not in output
    assert "This is a bug" not in output
    errors = error_lines(output, case.folder)
    for expected in case.expected:
        assert any(expected.matches(line) for line in errors), (
            f"expected {expected}\nin:\n" + "\n".join(errors))
    assert len(errors) == len(case.expected), "\n".join(errors)
    count = len(case.expected)
    assert f"{count} error{'s' * (count != 1)}." in output.splitlines()


SOURCES = ([p.name for p in single_files()] + [p.name for p in folders()] + sorted(GENERATED))


def test_corpus_is_complete():
    assert len(single_files()) + len(folders()) >= 24
    for path in single_files():
        assert expectations(path), f"{path.name} states no expectation"
    for folder in folders():
        assert any(expectations(p) for p in folder.glob("*.yaml")), f"{folder.name} expects nothing"


@pytest.mark.parametrize("source", SOURCES)
def test_bad_input_exits_1_at_its_location(run_cli, source, tmp_path):
    case = build(source, tmp_path)
    result = run_cli("validate", "--data", str(case.folder))
    check_output(result.output, case)
    assert result.exit_code == 1, result.output


def test_alias_bomb_is_refused_without_expanding(run_cli, tmp_path):
    source = CORPUS / "alias-bomb.yaml"
    assert source.stat().st_size < 1000  # 9**9 strings once expanded
    case = build(source.name, tmp_path)
    started = time.perf_counter()
    result = run_cli("validate", "--data", str(case.folder))
    elapsed = time.perf_counter() - started
    assert result.exit_code == 1
    # It takes milliseconds; expanding it would take minutes. Generous, since timing is noisy.
    assert elapsed < 2.0


def test_every_broken_file_reported_in_one_run_of_the_real_command(tmp_path):
    """All single-file corpus entries in one folder, run as a real process: all problems, once."""
    folder = tmp_path / "data"
    folder.mkdir()
    expected: list[Expected] = []
    for path in single_files():
        shutil.copyfile(path, folder / path.name)
        expected += expectations(path)
    for name, (raw, generated) in GENERATED.items():
        (folder / name).write_bytes(raw)
        expected += [Expected(name, where, text) for where, text in generated]
    stems = [Path(name).stem for name in sorted(p.name for p in folder.glob("*.yaml"))]
    (folder / "programme.yaml").write_text(programme_yaml(stems))

    run = subprocess.run([sys.executable, "-m", "statusrapport", "validate", "--data", str(folder)],
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    output = run.stdout + run.stderr
    check_output(output, Case(folder, expected))
    assert run.returncode == 1
    assert len({e.file for e in expected}) >= 24
