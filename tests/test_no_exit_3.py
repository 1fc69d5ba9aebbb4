"""Inputs that ended in exit 3 (a traceback) or in silence, found by a hostile tour (issue 13):
each is now a located error (exit 1) or works. Run as real processes, as the tour ran them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from deck_samples import ROOT, copy_seed
from statusrapport import __version__

TIMEOUT = 120


def statusrapport(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "statusrapport", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=TIMEOUT, **kwargs)


def shell(command: str) -> subprocess.CompletedProcess:
    """A pipeline as a user types it; `PIPESTATUS` gives statusrapport's own exit code."""
    return subprocess.run(["bash", "-c", f"{command}; echo \"rc=${{PIPESTATUS[0]}}\" >&2"],
                          capture_output=True, text=True, cwd=ROOT, timeout=TIMEOUT)


def _programme(data: Path, ids: list[str]) -> Path:
    path = data / "programme.yaml"
    path.write_text("programme: Pasientreiser\ngroups:\n  - name: Selvbetjening\n"
                    f"    initiatives: [{', '.join(ids)}]\n", encoding="utf-8")
    return path


def _one_initiative(data: Path) -> None:
    for path in data.glob("*.yaml"):
        if path.name not in ("programme.yaml", "selvbetjening-endre.yaml"):
            path.unlink()


@pytest.mark.parametrize(("listed", "message"), [
    ("programme", "'programme' names programme.yaml itself, not an initiative"),
    ("../outside", "'../outside' is not a file name: an initiative's id is the name of its "
                   "file in this folder, without '.yaml' (no '/', '\\' or '..')"),
    ("sub/beta", "'sub/beta' is not a file name"),
])
def test_an_id_that_is_not_a_file_name_is_an_error_located_in_the_programme(tmp_path, listed,
                                                                            message):
    data = copy_seed(tmp_path / "initiatives")
    _one_initiative(data)
    (tmp_path / "outside.yaml").write_bytes((data / "selvbetjening-endre.yaml").read_bytes())
    (data / "sub").mkdir()
    (data / "sub" / "beta.yaml").write_bytes((data / "selvbetjening-endre.yaml").read_bytes())
    programme = _programme(data, ["selvbetjening-endre", listed])
    column = programme.read_text(encoding="utf-8").splitlines()[3].index(listed) + 1
    for command in (["validate"], ["build", "uke-33", "-o", str(tmp_path / "deck.pptx")]):
        result = statusrapport(*command, "--data", str(data))
        assert result.returncode == 1, result.stderr  # it validated with exit 0, and was missing
        assert f"{programme}:4:{column}: error: groups[0].initiatives[1]: {message}" in result.stderr
    assert not (tmp_path / "deck.pptx").exists()


def test_a_listed_initiative_whose_file_failed_is_reported_at_its_file_only(tmp_path):
    data = copy_seed(tmp_path / "initiatives")
    _one_initiative(data)
    _programme(data, ["selvbetjening-endre"])
    path = data / "selvbetjening-endre.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("leader:", "leder:"),
                    encoding="utf-8")
    result = statusrapport("validate", "--data", str(data))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors and all(line.startswith(f"{path}:") for line in errors), errors


def test_a_status_slide_continues_past_300_pages(tmp_path):
    """30 bullets x 30 items x 600 characters is valid; the status slide raised "does not
    paginate" (slides/status.py: a cap of 200 pages), exit 3. Every item reaches the deck."""
    from pptx import Presentation

    data = tmp_path / "initiatives"
    data.mkdir()
    filler = ("Oppfølging av leveranse og avklaring med arbeidsgruppe. " * 12)[:588]
    bullets = [{"text": f"Punkt {b}", "items": [f"[{b:02d}.{i:02d}] {filler}" for i in range(30)]}
               for b in range(30)]
    (data / "a.yaml").write_text(yaml.safe_dump(
        {"name": "A", "group": "G", "leader": "L", "reports": {"2021-uke-33": {"done": bullets}}},
        allow_unicode=True, width=10_000), encoding="utf-8")
    (data / "programme.yaml").write_text(
        "programme: P\ngroups:\n  - name: G\n    initiatives: [a]\n", encoding="utf-8")
    deck = tmp_path / "deck.pptx"
    result = statusrapport("build", "uke-33", "--data", str(data), "-o", str(deck))
    assert result.returncode == 0, result.stderr
    text = "\n".join(shape.text_frame.text if shape.has_text_frame else
                     "\n".join(cell.text for row in shape.table.rows for cell in row.cells)
                     for slide in Presentation(str(deck)).slides for shape in slide.shapes
                     if shape.has_text_frame or shape.has_table)
    missing = [f"[{b:02d}.{i:02d}]" for b in range(30) for i in range(30)
               if f"[{b:02d}.{i:02d}]" not in text]
    assert missing == []
    assert int(result.stderr.split(" slides.")[0].split()[-1]) > 300


def test_a_reader_that_stops_ends_the_command_quietly_with_exit_0(seed_dir):
    """`show --json | head -c 10`: a broken pipe was reported as a bug in 5 of 6 runs."""
    for command in (f"show uke-33 --json -d {seed_dir}", f"show uke-33 -d {seed_dir}",
                    f"list -d {seed_dir}", "schema"):
        for _ in range(3):
            result = shell(f"{sys.executable} -m statusrapport {command} | head -c 10 >/dev/null")
            assert result.stderr.splitlines()[-1] == "rc=0", result.stderr
            assert "Traceback" not in result.stderr and "Exception" not in result.stderr


def test_a_write_to_a_full_device_is_a_users_error(seed_dir):
    for command in (f"show uke-33 -d {seed_dir}", f"show uke-33 --json -d {seed_dir}", "schema"):
        result = shell(f"{sys.executable} -m statusrapport {command} >/dev/full")
        assert result.stderr.splitlines()[-1] == "rc=1", result.stderr
        assert "error: cannot write the output: No space left on device" in result.stderr
        assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_version_prints_the_version():
    result = statusrapport("--version")
    assert result.returncode == 0, result.stderr  # it said "Missing command."
    assert result.stdout == f"statusrapport {__version__}\n"


def test_a_pipe_or_full_device_elsewhere_is_not_mistaken_for_stdout(run_cli, seed_dir, tmp_path,
                                                                    monkeypatch):
    """Only stdout is judged: an OSError of any other file stays what it was (a bug, exit 3)."""
    from statusrapport.cli import BUG_EXIT

    def broken(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("statusrapport.data.loader.load", broken)
    result = run_cli("validate", "--data", str(seed_dir))
    assert result.exit_code == BUG_EXIT
