"""Templates nobody here wrote (tests/real_templates.py): `template check` names the layout
each role resolves to and why, and the seed builds on each unchanged."""

from __future__ import annotations

import json
import zipfile

from pptx import Presentation

from real_templates import EXPECTED, real_template, real_templates_dir  # noqa: F401 - fixtures
from statusrapport.report.view import report_view


def test_template_check_names_the_expected_layout_per_role(run_cli, real_template):
    name, path = real_template
    result = run_cli("template", "check", "--json", str(path))
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["complete"] is True
    found = {r["role"]: (r["layout"], r["reason"], r["detail"]) for r in answer["roles"]}
    assert found == EXPECTED[name]
    assert answer["fonts"]  # every template names at least its theme's fonts
    text = run_cli("template", "check", str(path))
    assert text.exit_code == 0
    layout, reason, _ = EXPECTED[name]["status"]
    line = next(line for line in text.stdout.splitlines() if line.startswith("status: "))
    assert line.startswith(f'status: "{layout}"') and f"({reason}" in line


def test_the_seed_builds_on_each_real_template(run_cli, seed_dir, seed_context,
                                              real_template, tmp_path):
    name, path = real_template
    out = tmp_path / f"{name}.pptx"
    result = run_cli("build", "uke-33", "--data", str(seed_dir), "-o", str(out),
                     "--template", str(path))
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out))
    layouts = [slide.slide_layout.name for slide in deck.slides]
    assert layouts[0] == EXPECTED[name]["cover"][0]
    assert EXPECTED[name]["status"][0] in layouts and EXPECTED[name]["kpi"][0] in layouts
    date = f"{report_view(seed_context).date:%d.%m.%Y}"
    for slide in deck.slides:  # the body is the layout's body, never its date (idx 1 in LO):
        for shape in slide.placeholders:  # a date placeholder holds the report's date only
            if "DATE" in str(shape.placeholder_format.type):
                assert shape.text_frame.text == date, (name, shape.text_frame.text)
    with zipfile.ZipFile(out) as package:
        assert "ppt/viewProps.xml" in package.namelist()  # repaired where the template lacks it


def test_text_slides_take_the_master_with_the_least_artwork(real_templates_dir):
    """LibreOffice writes each master page as a master with the same layouts: the cover keeps
    the first (its title artwork), the text slides take the plainest."""
    from real_templates import make
    from statusrapport.writer.roles import artwork, resolve
    from statusrapport.writer.template import open_template

    prs = open_template(make("lo-focus", real_templates_dir)).prs
    masters = list(prs.slide_masters)
    chosen = resolve(prs).choices
    size = (prs.slide_width, prs.slide_height)
    assert chosen["cover"].layout.slide_master == masters[0]
    status = chosen["status"].layout
    same_name = [l for m in masters for l in m.slide_layouts if l.name == status.name]
    assert len(same_name) == len(masters) > 1
    assert artwork(status, *size) == min(artwork(l, *size) for l in same_name)
    assert status.slide_master != masters[0]
