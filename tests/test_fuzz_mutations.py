"""Mutated seed files through `validate` and `build`: exit 0 or 1, never a traceback; on 1
every error line is located (file:line:col), and a deck built before is left byte-identical."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from deck_samples import ROOT, previous_deck
from fuzz_inputs import (check_user_outcome, examples, invoke, mutated_seed, raw_bytes,
                         token_soup, unlocated, write_folder)
from statusrapport.build import build

PREVIOUS_DECK = previous_deck()  # -o replaces only a previous deck (files/destinations.py)

PROGRAMME = ("programme: Fuzz\ngroups:\n  - name: Selvbetjening\n    initiatives:\n"
             "      - fuzz\n")


class Deck(bytes):
    def __repr__(self) -> str:  # Hypothesis prints the test's arguments when it fails
        return f"<a deck of {len(self)} bytes>"


@pytest.fixture(scope="module")
def previous_deck(seed_dir, tmp_path_factory) -> bytes:
    """A real deck, as a previous build left it: a failing build must not touch it."""
    path = tmp_path_factory.mktemp("previous") / "deck.pptx"
    build(seed_dir, "uke-33", path)
    return Deck(path.read_bytes())


def _validate_and_build(files, previous: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = write_folder(Path(tmp) / "data", files)
        check_user_outcome(invoke("validate", "--data", str(data)))
        deck = Path(tmp) / "out" / "deck.pptx"
        deck.parent.mkdir()
        deck.write_bytes(previous)
        result = invoke("build", "uke-33", "--data", str(data), "-o", str(deck))
        check_user_outcome(result)
        if result.exit_code == 1:
            assert deck.read_bytes() == previous
        assert sorted(p.name for p in deck.parent.iterdir()) == ["deck.pptx"]


@examples(150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=mutated_seed())
def test_mutated_seed_files(previous_deck, files):
    _validate_and_build(files, previous_deck)


@examples(150)
@given(content=raw_bytes)
def test_raw_bytes_as_an_initiative_file(previous_deck, content):
    _validate_and_build({"programme.yaml": PROGRAMME, "fuzz.yaml": content}, previous_deck)


@examples(150)
@given(soup=token_soup)
def test_yaml_token_soup_as_an_initiative_file(soup):
    with tempfile.TemporaryDirectory() as tmp:
        data = write_folder(Path(tmp) / "data", {"programme.yaml": PROGRAMME,
                                                 "fuzz.yaml": soup.encode("utf-8",
                                                                          "surrogatepass")})
        check_user_outcome(invoke("validate", "--data", str(data)))


@examples(100)
@given(soup=token_soup)
def test_yaml_token_soup_as_the_programme_file(seed_dir, soup):
    with tempfile.TemporaryDirectory() as tmp:
        files = {"programme.yaml": soup.encode("utf-8", "surrogatepass"),
                 "selvbetjening-endre.yaml": (seed_dir / "selvbetjening-endre.yaml").read_bytes()}
        data = write_folder(Path(tmp) / "data", files)
        check_user_outcome(invoke("validate", "--data", str(data)))


@examples(5, suppress_health_check=list(HealthCheck))
@given(files=mutated_seed(), command=st.sampled_from(["validate", "build"]))
def test_mutated_seed_files_in_a_real_process(files, command):
    """As a user runs it: a fresh interpreter, the real exit code and streams."""
    with tempfile.TemporaryDirectory() as tmp:
        data = write_folder(Path(tmp) / "data", files)
        deck = Path(tmp) / "deck.pptx"
        deck.write_bytes(PREVIOUS_DECK)
        args = [command] + (["uke-33", "-o", str(deck)] if command == "build" else [])
        done = subprocess.run([sys.executable, "-m", "statusrapport", *args, "--data", str(data)],
                              cwd=ROOT, capture_output=True, timeout=60)
        stderr = done.stderr.decode("utf-8", "replace")
        assert done.returncode in (0, 1), stderr
        assert "Traceback" not in stderr
        if done.returncode == 1:
            assert unlocated(stderr) == [], stderr
            if command == "build":
                assert deck.read_bytes() == PREVIOUS_DECK
