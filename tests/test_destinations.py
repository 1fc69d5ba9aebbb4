"""`-o` can only write a deck (files/destinations.py): a data file, the template, anything
but a previous deck, a FIFO or a device is refused and kept; `-o x.pdf --pdf` is refused; the
PDF replaces only a previous PDF."""

from __future__ import annotations

import os
import shutil

import pytest

from deck_samples import TEMPLATE, previous_deck
from statusrapport.errors import UserError
from statusrapport.files.destinations import check_pdf_output


@pytest.fixture
def data(seed_copy):
    return seed_copy


def _refused(result, said: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert said in result.stderr, result.stderr


def test_a_data_file_is_refused_and_kept(run_cli, data):
    target = data / "selvbetjening-endre.yaml"
    before = target.read_bytes()
    _refused(run_cli("build", "uke-33", "--data", str(data), "-o", str(target)),
             "it names a file of the data folder")
    assert target.read_bytes() == before


def test_a_new_yaml_file_in_the_data_folder_is_refused(run_cli, data):
    _refused(run_cli("build", "uke-33", "--data", str(data), "-o", str(data / "zeta.yaml")),
             "it names a file of the data folder")
    assert not (data / "zeta.yaml").exists()


def test_the_template_is_refused_and_kept(run_cli, data, tmp_path):
    template = tmp_path / "mal.pptx"
    shutil.copy(TEMPLATE, template)
    before = template.read_bytes()
    _refused(run_cli("build", "uke-33", "--data", str(data), "-t", str(template), "-o",
                     str(template)), "it is the template the deck is built from")
    assert template.read_bytes() == before


def test_the_bundled_template_is_refused(run_cli, data):
    before = TEMPLATE.read_bytes()
    _refused(run_cli("build", "uke-33", "--data", str(data), "-o", str(TEMPLATE)),
             "it is the template")
    assert TEMPLATE.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"my notes", b"PK\x03\x04 not really a zip"])
def test_a_file_that_is_not_a_previous_deck_is_refused_and_kept(run_cli, data, tmp_path, content):
    target = tmp_path / "notes.pptx"
    target.write_bytes(content)
    _refused(run_cli("build", "uke-33", "--data", str(data), "-o", str(target)),
             "the file is not a previous deck")
    assert target.read_bytes() == content


def test_a_previous_deck_is_replaced(run_cli, data, tmp_path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(previous_deck())
    result = run_cli("build", "uke-33", "--data", str(data), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != previous_deck()


def test_a_fifo_is_refused_without_blocking(run_cli, data, tmp_path):
    fifo = tmp_path / "deck.pptx"
    os.mkfifo(fifo)
    _refused(run_cli("build", "uke-33", "--data", str(data), "-o", str(fifo)),
             "it is not a regular file")
    assert fifo.is_fifo()


def test_a_device_is_refused(run_cli, data):
    _refused(run_cli("build", "uke-33", "--data", str(data), "-o", "/dev/null"),
             "it is not a regular file")
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_pdf_with_an_output_ending_in_pdf_is_refused(run_cli, data, tmp_path):
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("--pdf asks for soffice first")
    target = tmp_path / "deck.pdf"
    _refused(run_cli("build", "uke-33", "--data", str(data), "-o", str(target), "--pdf"),
             "give the deck a .pptx name")
    assert not target.exists()


def test_the_pdf_replaces_only_a_previous_pdf(tmp_path):
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(b"%PDF-1.7 previous")
    check_pdf_output(pdf, None, [])  # a previous PDF: may be replaced
    pdf.write_bytes(b"my thesis")
    with pytest.raises(UserError, match="not a previous PDF"):
        check_pdf_output(pdf, None, [])
    with pytest.raises(UserError, match="would replace the deck"):
        check_pdf_output(pdf, None, [], deck=pdf)
    with pytest.raises(UserError, match="not a regular file"):
        check_pdf_output("/dev/null", None, [])
