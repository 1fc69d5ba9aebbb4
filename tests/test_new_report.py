"""`statusrapport new report`: the next report opened in place, nothing the user wrote lost,
drafts marked until reviewed, and files with uncommitted git changes left alone."""

from __future__ import annotations

import difflib
from decimal import Decimal
import shutil
from pathlib import Path

import pytest
from deck_samples import SEED_UKE_33
from git_helpers import commit_all, git

from statusrapport.data.loader import load
from statusrapport.authoring.new_report import choose_week, period_text
from statusrapport.data.weeks import IsoWeek

ENDRE = "selvbetjening-endre.yaml"


@pytest.fixture
def data(tmp_path) -> Path:
    """The seed as it was at uke 33 (its next report is uke 34 or 35), as tmp_path/initiatives."""
    return Path(shutil.copytree(SEED_UKE_33, tmp_path / "initiatives"))


def texts(data: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(data.glob("*.yaml"))}


def only_added(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if any line of `before` changed or went."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [d for d in diff if d.startswith("- ")], "a line of the file was changed"
    return [d[2:] for d in diff if d.startswith("+ ")]


def test_opens_the_report_in_every_file_keeping_every_line(run_cli, data):
    before = texts(data)
    result = run_cli("new", "report", "uke-35", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert "Opened 2021-uke-35 in 3 files." in result.stderr
    assert "12 items of done" in result.stderr
    after = texts(data)
    assert after["programme.yaml"] == before["programme.yaml"]
    for name in before:
        if name != "programme.yaml":
            added = only_added(before[name], after[name])
            assert added[:3] == ["", "  2021-uke-35:", "    period: uke 34 – 35"], name


def test_the_new_report_carries_risks_and_offers_the_plan_as_done(run_cli, data):
    assert run_cli("new", "report", "uke-35", "--data", str(data)).exit_code == 0
    programme = load(data).programme
    endre = next(i for i in programme.initiatives if i.id == "selvbetjening-endre")
    old, new = endre.reports[IsoWeek(2021, 33)], endre.reports[IsoWeek(2021, 35)]
    assert [b.text for b in new.done] == [f"(UTKAST) {b.text}" for b in old.planned]
    assert new.risks == old.risks
    assert new.planned == [] and new.kpis == [] and new.costs is None
    rekv = (data / "ny-rekvisisjonspraksis.yaml").read_text(encoding="utf-8")
    # A long plan item is folded as the seed folds its own; the risk keeps its folding.
    assert ("      - >-\n        (UTKAST) Skrive ut endringsforslagene på et format som egner "
            "seg for\n") in rekv
    assert rekv.count("Medlemmene i arbeidsgruppen har ulike innfallsvinkler") == 2
    # The comment above the old report's costs stays there, and only there.
    assert rekv.count("# The hand-made deck gave no date") == 1


def test_validate_warns_at_each_draft_until_it_is_reviewed(run_cli, data):
    assert run_cli("new", "report", "uke-35", "--data", str(data)).exit_code == 0
    result = run_cli("validate", "uke-35", "--data", str(data))
    assert result.exit_code == 0, result.output
    drafts = [line for line in result.stderr.splitlines() if "(UTKAST): planned in the previous" in line]
    assert len(drafts) == 12
    assert drafts[0].startswith(str(data / "ny-rekvisisjonspraksis.yaml") + ":")
    assert "reports.2021-uke-35.done[0]: " in drafts[0]
    assert "if it was done, remove (UTKAST), if not, delete the item" in drafts[0]
    for path in data.glob("*.yaml"):  # the reviewer keeps every item
        path.write_text(path.read_text(encoding="utf-8").replace("(UTKAST) ", ""),
                        encoding="utf-8")
    result = run_cli("validate", "uke-35", "--data", str(data))
    assert "(UTKAST)" not in result.stderr and "2 warnings" in result.stderr


def test_kpis_carry_over_as_a_commented_template(run_cli, data):
    assert run_cli("new", "report", "uke-35", "--data", str(data)).exit_code == 0
    text = (data / "selvbetjening-avbestille-bekrefte.yaml").read_text(encoding="utf-8")
    template = ("    # kpis:\n"
                "    #   - name: Antall avbestilte reiser\n"
                "    #     value:\n"
                "    #     measured: 03.09.2021\n"
                "    #   - name: Antall bekreftede reiser\n")
    assert template in text
    filled = text.replace("    # kpis:", "    kpis:").replace("    #   - name:", "      - name:")
    filled = filled.replace("    #     value:", "        value: 4000")
    filled = filled.replace("    #     measured:", "        measured:")
    (data / "selvbetjening-avbestille-bekrefte.yaml").write_text(filled, encoding="utf-8")
    avbestille = next(i for i in load(data).programme.initiatives if "avbestille" in i.id)
    assert [(k.name, k.value) for k in avbestille.reports[IsoWeek(2021, 35)].kpis] == [
        ("Antall avbestilte reiser", 4000), ("Antall bekreftede reiser", 4000)]


def test_only_the_named_initiatives(run_cli, data):
    before = texts(data)
    result = run_cli("new", "report", "uke-34", "selvbetjening-endre", "--data", str(data))
    assert result.exit_code == 0, result.output
    after = texts(data)
    assert [n for n in before if before[n] != after[n]] == [ENDRE]
    assert "    period: uke 34\n" in after[ENDRE]
    # The programme's report of uke 34 is not whole until the others have theirs: validate
    # says so (as build uke-34 would), naming each file that lacks it.
    check = run_cli("validate", "--data", str(data))
    assert check.exit_code == 1
    assert sum("no report for 2021-uke-34" in line for line in check.output.splitlines()) == 2
    opened = run_cli("new", "report", "uke-34", "selvbetjening-avbestille-bekrefte",
                     "ny-rekvisisjonspraksis", "--data", str(data), "--force")
    assert opened.exit_code == 0, opened.output
    assert run_cli("validate", "--data", str(data)).exit_code == 0
    assert run_cli("new", "report", "uke-36", "nope", "--data", str(data)).exit_code == 1


@pytest.mark.parametrize("week, message", [
    ("uke-33", "already has the report 2021-uke-33"),
    ("2021-uke-30", "its latest report is 2021-uke-33; a new report comes after it"),
    ("uke-99", "there is no week 99"),
])
def test_refusals_write_nothing(run_cli, data, week, message):
    before = texts(data)
    result = run_cli("new", "report", week, "--data", str(data))
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert texts(data) == before


def test_over_new_year(run_cli, data):
    assert choose_week("uke-2", [IsoWeek(2021, 33)]) == IsoWeek(2022, 2)
    assert period_text(IsoWeek(2021, 34), IsoWeek(2022, 2)) == "uke 34 (2021) – uke 2 (2022)"
    assert period_text(IsoWeek(2020, 30), IsoWeek(2022, 2)) == "2020-uke-30 – 2022-uke-2"
    result = run_cli("new", "report", "uke-2", "--data", str(data))
    assert result.exit_code == 0, result.output
    assert "2022-uke-2:\n    period: uke 34 (2021) – uke 2 (2022)\n" in texts(data)[ENDRE]
    validated = run_cli("validate", "2022-uke-2", "--data", str(data))
    assert validated.exit_code == 0 and "period" not in validated.stderr


def test_a_file_it_cannot_write_back_unchanged_is_refused(run_cli, data):
    path = data / ENDRE
    text = path.read_text(encoding="utf-8")
    mixed = text.replace("    done:\n      - Ukentlig", "    done:\n    - Ukentlig")
    path.write_text(mixed, encoding="utf-8")
    result = run_cli("new", "report", "uke-35", "--data", str(data))
    assert result.exit_code == 1
    assert "cannot be edited without reformatting it" in result.stderr
    assert path.read_text(encoding="utf-8") == mixed


# ---- git: a file with uncommitted changes is left alone unless --force -----------------------

@pytest.fixture
def repo(data: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    commit_all(data.parent)
    return data


def test_uncommitted_changes_are_refused_unless_forced(run_cli, repo):
    path = repo / ENDRE
    path.write_text(path.read_text(encoding="utf-8").replace("David Låås", "Kari Nordmann"),
                    encoding="utf-8")
    before = texts(repo)
    result = run_cli("new", "report", "uke-35", "--data", str(repo))
    assert result.exit_code == 1
    assert f"{path}: error: has uncommitted changes (git status: M)" in result.stderr
    assert "--force" in result.stderr
    assert texts(repo) == before  # not even the clean files: all or nothing
    forced = run_cli("new", "report", "uke-35", "--force", "--data", str(repo))
    assert forced.exit_code == 0, forced.output
    assert "Kari Nordmann" in texts(repo)[ENDRE] and "2021-uke-35" in texts(repo)[ENDRE]


def test_committed_files_are_edited_and_an_untracked_one_refused(run_cli, repo):
    assert run_cli("new", "report", "uke-35", "--data", str(repo)).exit_code == 0
    assert git(repo.parent, "status", "--porcelain").count(" M ") == 3
    git(repo.parent, "commit", "-qam", "uke 35")
    run_cli("new", "initiative", "ny", "--group", "G", "--leader", "L", "--name", "Ny",
        "--data", str(repo))
    result = run_cli("new", "report", "uke-37", "--data", str(repo))
    assert result.exit_code == 1
    assert "ny.yaml: error: is not committed yet (git status: ??)" in result.stderr


def test_a_kpis_target_carries_over_into_the_template(run_cli, data):
    path = data / "selvbetjening-avbestille-bekrefte.yaml"
    text = path.read_text(encoding="utf-8")
    marked = text.replace("        value: 3167\n", "        value: 3167\n        target: 12 500,5\n", 1)
    assert marked != text
    path.write_text(marked, encoding="utf-8")
    result = run_cli("new", "report", "uke-35", "--data", str(data), "--force")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert ("    #   - name: Antall avbestilte reiser\n    #     value:\n"
            "    #     measured: 03.09.2021\n    #     target: 12500,5\n") in text
    filled = text.replace("    # kpis:", "    kpis:").replace("    #   - name:", "      - name:")
    filled = filled.replace("    #     value:", "        value: 4000")
    filled = filled.replace("    #     measured:", "        measured:")
    filled = filled.replace("    #     target:", "        target:")
    path.write_text(filled, encoding="utf-8")
    avbestille = next(i for i in load(data).programme.initiatives if "avbestille" in i.id)
    assert [k.target for k in avbestille.reports[IsoWeek(2021, 35)].kpis][0] == Decimal("12500.5")
