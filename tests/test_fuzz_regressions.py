"""Crashes and unlocated messages the property-based tests found, each kept as a plain test."""

from __future__ import annotations

from typer.testing import CliRunner

from deck_samples import copy_seed
from statusrapport.cli import app


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_failed_files_are_not_also_reported_as_a_missing_report(tmp_path):
    """Every initiative failing to load left no weeks: "there is no report for uke-33; reports
    in the data: none" stood beside the files' errors, unlocated and misleading."""
    data = copy_seed(tmp_path / "data")
    for path in data.glob("*.yaml"):
        if path.name != "programme.yaml":
            path.write_text(path.read_text(encoding="utf-8").replace("name:", "navn:", 1),
                            encoding="utf-8")
    result = invoke("build", "uke-33", "--data", str(data), "-o", str(tmp_path / "deck.pptx"))
    assert result.exit_code == 1
    assert "there is no report" not in result.stderr
    assert "navn: unknown key" in result.stderr
