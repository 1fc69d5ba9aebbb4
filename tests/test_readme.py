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


def _content(lines: list[str]) -> list[str]:
    """The lines without comments and blank lines, as YAML reads them."""
    out = [line.split(" #")[0].rstrip() for line in lines if not line.lstrip().startswith("#")]
    return [line for line in out if line.strip()]


def test_a_programme_over_time_shows_the_seeds_second_report(seed_dir):
    seed = seed_dir / "selvbetjening-endre.yaml"
    block = _content(example("  - id: MP3").splitlines())
    lines = _content(seed.read_text(encoding="utf-8").splitlines())
    assert any(lines[i:i + len(block)] == block for i in range(len(lines))), block


def test_a_programme_over_time_group_change_and_ending_as_written(run_cli, seed_copy, tmp_path):
    data = seed_copy
    before = run_cli("build", "uke-33", "-d", str(data), "-o", str(tmp_path / "a.pptx"))
    assert before.exit_code == 0, before.output
    created = run_cli("new", "initiative", "digital-rekvisisjon", "--group", "Digitalisering",
                      "--leader", "Kari Nordmann", "--name", "Digital rekvisisjon", "-d", str(data))
    assert created.exit_code == 0, created.output
    programme = (data / "programme.yaml").read_text(encoding="utf-8")
    (data / "programme.yaml").write_text(programme.replace(
        "      - digital-rekvisisjon\n",
        "      - digital-rekvisisjon\n      - selvbetjening-endre\n"), encoding="utf-8")
    for name, first_line in (("selvbetjening-endre.yaml", "# initiatives/selvbetjening-endre"),
                             ("selvbetjening-avbestille-bekrefte.yaml",
                              "# initiatives/selvbetjening-avbestille-bekrefte")):
        with (data / name).open("a", encoding="utf-8") as f:
            f.write("\n" + example(first_line))
        if name.startswith("selvbetjening-endre"):
            opened = run_cli("new", "report", "uke-39", "-d", str(data))
            assert opened.exit_code == 0, opened.output
    validated = run_cli("validate", "-d", str(data))
    assert validated.exit_code == 0, validated.output
    after = run_cli("build", "uke-33", "-d", str(data), "-o", str(tmp_path / "b.pptx"))
    assert after.exit_code == 0, after.output
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()
