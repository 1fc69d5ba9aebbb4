"""Shell completion: report weeks and initiative ids from the data folder, fast, never an error."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from types import SimpleNamespace

from deck_samples import invoke
from statusrapport import completion


def ctx(data: Path | str | None) -> SimpleNamespace:
    return SimpleNamespace(params={"data": data})


def complete(words: str, cword: int) -> list[str]:
    """What bash would offer, through typer's own completion (the script --install-completion installs)."""
    result = invoke(prog_name="statusrapport", env={
        "_STATUSRAPPORT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_report_weeks_latest_first_short_then_with_year(seed_dir):
    assert completion.complete_report(ctx(seed_dir), "") == [
        "uke-37", "uke-33", "uke-21", "2021-uke-37", "2021-uke-33", "2021-uke-21"]
    assert completion.complete_report(ctx(seed_dir), "2021-uke-3") == [
        "2021-uke-37", "2021-uke-33"]


def test_initiative_ids_are_the_file_names(seed_dir):
    assert completion.complete_initiative(ctx(seed_dir), "selv") == [
        "selvbetjening-avbestille-bekrefte", "selvbetjening-endre"]
    assert "programme" not in completion.complete_initiative(ctx(seed_dir), "")


def test_new_report_offers_the_week_after_the_latest_first(seed_dir):
    assert completion.complete_new_report(ctx(seed_dir), "")[0] == "uke-38"


def test_through_typer_as_the_shell_asks(seed_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(seed_dir, tmp_path / "initiatives")  # the default --data
    assert complete("statusrapport build ", 2)[:2] == ["uke-37", "uke-33"]
    assert complete(f"statusrapport show --data {seed_dir} uke-33 selvbetjening-e", 5) == [
        "selvbetjening-endre"]
    assert complete("statusrapport new report uke-35 ny", 4) == ["ny-rekvisisjonspraksis"]


def test_never_raises_on_missing_or_broken_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert completion.complete_report(ctx(tmp_path / "missing"), "") == []
    assert completion.complete_initiative(None, "") == []  # no context: the default folder
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "binary.yaml").write_bytes(b"\xff\xfe\x00reports:\n  2021-uke-7:\n")
    (broken / "folder.yaml").mkdir()  # a folder named like a file: unreadable
    (broken / "ok.yaml").write_text("reports:\n  2022-W3: {}\n", encoding="utf-8")
    assert completion.complete_report(ctx(broken), "") == [
        "uke-3", "uke-7", "2022-uke-3", "2021-uke-7"]
    assert completion.complete_report(SimpleNamespace(params=None), "") is not None


def test_fast_on_a_large_folder(seed_dir, tmp_path):
    text = (seed_dir / "selvbetjening-endre.yaml").read_text(encoding="utf-8")
    for n in range(300):
        (tmp_path / f"tiltak-{n}.yaml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    assert len(completion.complete_initiative(ctx(tmp_path), "")) == 300
    assert completion.complete_report(ctx(tmp_path), "") == [
        "uke-37", "uke-33", "2021-uke-37", "2021-uke-33"]
    assert time.perf_counter() - start < 0.5
