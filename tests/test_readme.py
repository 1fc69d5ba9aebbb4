"""The README's example files are real: they validate and build as shown."""

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def example(first_line: str) -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", README, re.S)
    return next(b for b in blocks if b.startswith(first_line))


def test_the_readme_example_validates_and_builds(run_cli, tmp_path):
    programme = example("# initiatives/programme.yaml")
    # The README's programme also lists the seed's other initiatives; keep the one shown.
    programme = re.sub(r"\[selvbetjening-avbestille-bekrefte, selvbetjening-endre\]",
                       "[selvbetjening-endre]", programme)
    programme = programme.replace("  - name: Ny rekvisisjonspraksis\n"
                                  "    initiatives: [ny-rekvisisjonspraksis]\n", "")
    (tmp_path / "programme.yaml").write_text(programme, encoding="utf-8")
    (tmp_path / "selvbetjening-endre.yaml").write_text(
        example("name: Selvbetjening – «endre»"), encoding="utf-8")

    validated = run_cli("validate", "uke-33", "-d", str(tmp_path))
    assert validated.exit_code == 0, validated.output
    assert "0 warnings, no errors" in validated.output
    built = run_cli("build", "uke-33", "-d", str(tmp_path), "-o", str(tmp_path / "deck.pptx"))
    assert built.exit_code == 0, built.output
    assert (tmp_path / "deck.pptx").stat().st_size > 10_000


def test_the_readme_gives_the_ci_test_command_first():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    test_command = ci.strip().splitlines()[-1]
    first_lines = README.splitlines()[:6]
    assert any(line.startswith(test_command) for line in first_lines)
    assert any("statusrapport build uke-33" in line for line in first_lines)
