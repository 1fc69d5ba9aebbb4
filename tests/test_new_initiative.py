"""`statusrapport new initiative`: an explained, valid file, listed in programme.yaml, whose
comments, key order and blank lines survive; an existing file is never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from deck_samples import invoke
from statusrapport.data.loader import load


@pytest.fixture
def data(seed_copy) -> Path:
    return seed_copy


def new(data: Path, slug: str, group: str, name: str = "Digital rekvisisjon: «pilot»",
        leader: str = "Kari Nordmann"):
    return invoke("new", "initiative", slug, "--group", group, "--leader", leader, "--name", name,
                  "--data", str(data))


def test_a_new_group_is_added_last_and_everything_else_kept(data):
    before = (data / "programme.yaml").read_text(encoding="utf-8")
    result = new(data, "digital-rekvisisjon", "Digitalisering")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(data / "digital-rekvisisjon.yaml")
    assert "a new group 'Digitalisering'" in result.stderr
    after = (data / "programme.yaml").read_text(encoding="utf-8")
    assert after == before + ("  - name: Digitalisering\n    initiatives:\n"
                              "      - digital-rekvisisjon\n")
    programme = load(data).programme
    assert [g.name for g in programme.groups][-1] == "Digitalisering"
    created = programme.initiatives[-1]
    assert (created.id, created.name, created.group, created.leader) == (
        "digital-rekvisisjon", "Digital rekvisisjon: «pilot»", "Digitalisering", "Kari Nordmann")


def test_an_existing_group_gets_the_initiative_last(data):
    result = new(data, "selvbetjening-reise", "Selvbetjening", name="Selvbetjening – «reise»")
    assert result.exit_code == 0, result.output
    text = (data / "programme.yaml").read_text(encoding="utf-8")
    assert ("      - selvbetjening-endre\n      - selvbetjening-reise\n"
            "  - name: Ny rekvisisjonspraksis\n") in text
    assert text.startswith("# yaml-language-server: $schema=../schema/programme.schema.json\n"
                           "# The programme and the order of the deck")


def test_the_file_explains_its_fields_and_names_the_folders_schema(run_cli, data):
    assert new(data, "digital-rekvisisjon", "Digitalisering").exit_code == 0
    text = (data / "digital-rekvisisjon.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/initiative.schema.json"
    for key in ("name:", "group:", "leader:"):
        line = next(line for line in lines if line.startswith(key))
        assert "  # " in line, f"{key} has no comment"
    for key in ("milestones", "budget", "reports"):
        index = next(i for i, line in enumerate(lines) if line.lstrip("# ").startswith(key))
        assert lines[index - 1].startswith("#"), f"{key} has no comment above it"
    validate = run_cli("validate", "--data", str(data))
    assert validate.exit_code == 0 and "4 initiatives" in validate.stderr


def test_refuses_to_overwrite_and_writes_nothing(data):
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    result = new(data, "selvbetjening-endre", "Selvbetjening")
    assert result.exit_code == 1
    assert "selvbetjening-endre.yaml: already exists" in result.stderr
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


@pytest.mark.parametrize("slug, group, name, message", [
    ("Digital Rekvisisjon", "G", "N", "lower-case letters, digits and hyphens"),
    ("ok-id", "G", "x" * 200, "name: String should have at most 120 characters"),
])
def test_bad_input_is_a_clear_error_and_writes_nothing(data, slug, group, name, message):
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    result = new(data, slug, group, name=name)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_a_new_initiative_takes_a_new_report(run_cli, data):
    assert new(data, "digital-rekvisisjon", "Digitalisering").exit_code == 0
    result = run_cli("new", "report", "uke-35", "digital-rekvisisjon", "--data", str(data))
    assert result.exit_code == 0, result.output
    text = (data / "digital-rekvisisjon.yaml").read_text(encoding="utf-8")
    assert "reports:\n  2021-uke-35:\n" in text
    assert "# budget:\n#   total: 1 000 000" in text  # the commented template stays
    validated = run_cli("validate", "uke-35", "--data", str(data))
    assert validated.exit_code == 1  # not every file has it


@pytest.mark.parametrize("change, message", [
    (lambda d: (d / "programme.yaml").write_text("- a\n- b\n"), "expected a mapping with a list"),
    (lambda d: (d / "programme.yaml").write_text(
        "programme: P\ngroups:\n  - name: G\n    initiatives: alfa\n"), "must be a list of ids"),
    (lambda d: (d / "programme.yaml").write_text(
        "programme: P\ngroups:\n  - name: G\n    initiatives:\n      alfa: 1\n"),
     "must be a list of ids"),
    (lambda d: (d / "zeta.yaml").mkdir(), "exists and is not a file"),
])
def test_odd_folders_are_exit_1_with_a_message_and_write_nothing(data, change, message):
    change(data)
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    result = new(data, "zeta", "Ny gruppe")
    assert result.exit_code == 1, result.output
    assert message in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before


def test_a_300_character_slug_is_exit_1(data):
    before = sorted(p.name for p in data.iterdir())
    result = new(data, "a" * 300, "Ny gruppe")
    assert result.exit_code == 1, result.output
    assert "at most 80 characters, this one has 300" in result.stderr
    assert sorted(p.name for p in data.iterdir()) == before


def test_the_longest_slug_is_one_the_programme_can_list(data):
    """Found by tests/test_fuzz_writers.py: an 81-character slug passed the slug check, then
    the new programme.yaml failed the model's 80-character limit for an id."""
    longest = "a" * 80
    assert new(data, longest, "Ny gruppe").exit_code == 0
    assert load(data).programme.initiatives[-1].id == longest
    result = new(data, "b" * 81, "Ny gruppe")
    assert result.exit_code == 1, result.output
    assert "an initiative id is at most 80 characters, this one has 81" in result.stderr
