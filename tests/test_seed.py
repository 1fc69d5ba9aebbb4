"""The bundled seed programme validates, with exactly the warnings its hand-made deck deserves."""

import subprocess
import sys
from pathlib import Path

import pytest

from statusrapport.data.loader import load
from statusrapport.data.weeks import IsoWeek
from statusrapport.report.context import report_context

ROOT = Path(__file__).parent.parent

# The hand-made deck used MP2 twice and gave no date for its cost figures; the seed keeps both.
EXPECTED_WARNINGS = {
    "initiatives/ny-rekvisisjonspraksis.yaml:16:9: warning: milestones[2].id: milestone ID MP2 "
    "is used twice (also milestones[1])",
    "initiatives/ny-rekvisisjonspraksis.yaml:67:7: warning: reports.2021-uke-33.costs: costs "
    "without as_of: say which date the figures are valid for",
}
SUMMARY = "Pasientreiser: 3 initiatives, 7 reports, 2 warnings, no errors."  # uke 21, 33, 37


def warning_lines(output: str) -> set[str]:
    return {line for line in output.splitlines() if ": warning: " in line}


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)  # the paths in the output are as the user gave them: initiatives/…


@pytest.mark.parametrize("args", [
    ["validate"],                               # the bundled initiatives/ is the default
    ["validate", "--data", "initiatives"],
    ["validate", "uke-33"],
    ["validate", "2021-uke-33", "--data", "initiatives"],
])
def test_seed_validates_with_exactly_the_expected_warnings(run_cli, in_repo, args):
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    assert warning_lines(result.output) == EXPECTED_WARNINGS
    assert result.output.splitlines() == sorted(EXPECTED_WARNINGS) + [SUMMARY]
    assert "Traceback" not in result.output


def test_seed_as_a_real_process():
    run = subprocess.run([sys.executable, "-m", "statusrapport", "validate", "uke-33"],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert warning_lines(run.stderr) == EXPECTED_WARNINGS
    assert run.stderr.splitlines()[-1] == SUMMARY


def test_seed_report_of_week_21_is_avbestille_bekreftes_alone(run_cli, in_repo):
    # Only «avbestille/bekrefte» has the earlier (26.05.21) report its KPIs are compared with;
    # the other two start with their first report, uke 33, so they are not in uke 21's.
    result = run_cli("validate", "uke-21")
    assert result.exit_code == 0, result.output
    programme = load(ROOT / "initiatives", "uke-21").programme
    context = report_context(programme, IsoWeek(2021, 21))
    assert [i.initiative.id for i in context.initiatives] == ["selvbetjening-avbestille-bekrefte"]


def test_seed_in_deck_order():
    programme = load(ROOT / "initiatives").programme
    assert [g.name for g in programme.groups] == ["Selvbetjening", "Ny rekvisisjonspraksis"]
    assert [i.id for i in programme.initiatives] == [
        "selvbetjening-avbestille-bekrefte", "selvbetjening-endre", "ny-rekvisisjonspraksis"]
    endre = programme.initiatives[1]
    costs = next(iter(endre.reports.values())).costs
    assert (costs.plan, costs.actual, costs.deviation) == (2_900_000, 2_597_000, -303_000)
