"""`build --pdf`: the PDF through LibreOffice headless, written atomically beside the deck; a
clear message and exit 1 when LibreOffice is missing or fails, and a previous PDF survives."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deck_samples import SEED
from statusrapport import pdf
from statusrapport.errors import UserError

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in `soffice` on PATH: records its arguments, then runs `body` (Python)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(f"""#!{sys.executable}
import pathlib, sys
args = sys.argv[1:]
(pathlib.Path({str(folder)!r}) / "args").write_text("\\n".join(args))
outdir = pathlib.Path(args[args.index("--outdir") + 1])
deck = pathlib.Path(args[-1])
outdir.mkdir(parents=True, exist_ok=True)  # as soffice does
{body}
""", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_no_libreoffice_is_a_clear_error_before_any_build(run_cli, seed_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out" / "deck.pptx"
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(out), "--pdf")
    assert result.exit_code == 1
    assert "--pdf needs LibreOffice, and `soffice` is not installed" in result.stderr
    assert "apt-get install libreoffice-impress" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_the_pdf_is_moved_into_place_from_a_private_temporary_folder(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    fake_soffice(bin_dir, '(outdir / (deck.stem + ".pdf")).write_bytes(b"%PDF-1.7 fake")')
    monkeypatch.setenv("PATH", str(bin_dir))
    deck = tmp_path / "decks" / "uke33.pptx"
    deck.parent.mkdir()
    deck.write_bytes(b"pptx")
    assert pdf.export_pdf(deck) == deck.with_suffix(".pdf")
    assert deck.with_suffix(".pdf").read_bytes() == b"%PDF-1.7 fake"
    args = (bin_dir / "args").read_text().splitlines()
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert "--headless" in args and args[args.index("--convert-to") + 1] == "pdf"
    temp = Path(profile.removeprefix("-env:UserInstallation=file://")).parent
    assert temp == Path(args[args.index("--outdir") + 1]).parent
    assert not temp.exists()  # the profile and the conversion folder are gone
    assert sorted(p.name for p in deck.parent.iterdir()) == ["uke33.pdf", "uke33.pptx"]


@pytest.mark.parametrize("body, message", [
    ('(outdir / (deck.stem + ".pdf")).write_bytes(b"%PDF-half"); '
     'print("Error: source file could not be loaded", file=sys.stderr); sys.exit(1)',
     "LibreOffice could not convert the deck to PDF: Error: source file could not be loaded"),
    ("pass", "LibreOffice could not convert the deck to PDF (exit 0)"),
])
def test_a_failed_conversion_keeps_the_previous_pdf(tmp_path, monkeypatch, body, message):
    fake_soffice(tmp_path / "bin", body)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    deck = tmp_path / "uke33.pptx"
    deck.write_bytes(b"pptx")
    deck.with_suffix(".pdf").write_bytes(b"%PDF previous")
    with pytest.raises(UserError) as error:
        pdf.export_pdf(deck)
    assert message in str(error.value)
    assert deck.with_suffix(".pdf").read_bytes() == b"%PDF previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "uke33.pdf", "uke33.pptx"]


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_build_pdf_with_libreoffice(run_cli, seed_dir, tmp_path):
    out = tmp_path / "out" / "uke33.pptx"
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(out), "--pdf")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out), str(out.with_suffix(".pdf"))]
    written = out.with_suffix(".pdf").read_bytes()
    assert written.startswith(b"%PDF-")
    slides = int(next(line for line in result.stderr.splitlines()
                      if line.endswith(" slides.")).split()[0])
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out.with_suffix(".pdf"))], capture_output=True,
                              text=True, check=True, env={**os.environ, "LC_ALL": "C"}).stdout
        assert re.search(rf"^Pages:\s+{slides}$", info, re.MULTILINE), info
    assert sorted(p.name for p in out.parent.iterdir()) == ["uke33.pdf", "uke33.pptx"]


def _processes_mentioning(marker: str) -> list[tuple[int, str]]:
    """Every live process whose command line holds `marker` (here: the test's own TMPDIR)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended meanwhile
            continue
        if marker in cmdline and state != "Z":
            found.append((int(entry.name), cmdline))
    return found


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("signum, exit_code, after", [
    (signal.SIGTERM, -signal.SIGTERM, 0.0),  # ends by the signal, as its sender expects
    (signal.SIGTERM, -signal.SIGTERM, 1.0),  # later: soffice is loading or drawing the deck
    (signal.SIGINT, 130, 0.0),  # Ctrl-C: 128 + SIGINT, as a shell reports it
])
def test_a_signal_during_the_pdf_export_ends_soffice_and_keeps_the_previous_pdf(
        tmp_path, signum, exit_code, after):
    temp = tmp_path / "tmp"  # the export's temporary folder goes here, and nowhere else
    temp.mkdir()
    out = tmp_path / "out" / "uke33.pptx"
    out.parent.mkdir()
    previous = b"%PDF-1.7\n% the previous export\n" + os.urandom(64)
    out.with_suffix(".pdf").write_bytes(previous)
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "statusrapport", "build", "uke-33", "--data", str(SEED),
         "-o", str(out), "--pdf"],
        env={**os.environ, "PYTHONPATH": str(root), "TMPDIR": str(temp)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        # soffice is running once a process with the private profile in its command line is
        # up and has begun writing that profile in the temporary folder
        while not (_processes_mentioning(str(temp))
                   and any(temp.glob("statusrapport-pdf-*/profile/*"))):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "soffice never started"
            time.sleep(0.05)
        time.sleep(after)
        started = _processes_mentioning(str(temp))
        assert any("soffice" in cmdline for _, cmdline in started), started  # still running
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        settled = time.monotonic() + 5  # a process SIGKILLed a moment ago may still be listed
        while (left := _processes_mentioning(str(temp))) and time.monotonic() < settled:
            time.sleep(0.05)
        for pid, _ in left:  # a failing run must not leave soffice behind on the test machine
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert left == [], left  # soffice and its children are gone
    assert process.returncode == exit_code, stderr
    assert "Traceback" not in stderr, stderr
    assert list(temp.iterdir()) == []  # the temporary folder is removed
    assert out.with_suffix(".pdf").read_bytes() == previous
    assert sorted(p.name for p in out.parent.iterdir()) == ["uke33.pdf", "uke33.pptx"]
