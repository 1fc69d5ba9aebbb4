"""Test material: the seed, programmes made to overflow every box, the CLI run in-process, and
readers of a built deck (each slide's text, a slide found by its layout and title).

Not a test module (no test_ prefix): the tests and conftest.py import it.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "initiatives"
# The example data as it was with its first report (uke 33, and uke 21's figures), before the
# second report (uke 37) was added: the tests of the writing commands open the next report
# (uke 34, 35) after uke 33 and compare what they write with it.
SEED_UKE_33 = ROOT / "tests" / "seed_uke_33"
TEMPLATE = ROOT / "templates" / "statusrapport.pptx"

WORDS = ("oppfølging", "avklaring", "kompetansegruppe", "leverandør", "helsenorge.no",
         "pasientreiser", "regionalt", "koordinering", "gevinstrealisering", "risiko",
         "avhengighet", "arbeidsgruppe", "rekvisisjon", "forankring", "høring", "utvikling")


def sentence(seed: int, words: int) -> str:
    picked = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words)]
    return (" ".join(picked)[:590].rstrip() + ".").capitalize()


def copy_seed(target: Path) -> Path:
    shutil.copytree(SEED, target)
    return target


def invoke(*args: str, **options):
    """The CLI in-process (typer's runner); `options` (env, input, prog_name) go to invoke."""
    from typer.testing import CliRunner

    from statusrapport.cli import app

    return CliRunner().invoke(app, list(args), **options)


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


def overlong_initiative(name: str = "Overlang – «alt for mye tekst»") -> dict:
    """25 milestones, long progress lists in every column, many economy comments, many KPIs."""
    milestones = []
    for i in range(25):
        m = {"id": f"MP{i + 1}", "description": sentence(i, 6 + i % 9),
             "planned": f"{(i % 27) + 1:02d}.{(i % 12) + 1:02d}.2021"}
        if i % 4 == 0:
            m["delivered"] = f"{(i % 27) + 2:02d}.{(i % 12) + 1:02d}.2021"
        if i % 5 == 1:
            m["revised"] = [f"{(i % 27) + 1:02d}.{(i % 12) + 1:02d}.2022"]
        milestones.append(m)
    bullets = [sentence(i, 18 + (i * 5) % 40) for i in range(14)]
    return {
        "name": name, "group": "Lang gruppe", "leader": "Kari Nordmann",
        "milestones": milestones,
        "budget": {"total": "12 345 000", "vat_included": False},
        "reports": {"2021-uke-33": {
            "date": "18.08.2021",
            "done": bullets + [{"text": sentence(99, 12), "items": [sentence(98, 20),
                                                                     sentence(97, 30)]}],
            "planned": bullets[::-1],
            "risks": [sentence(i + 50, 60) for i in range(6)]
            + ["Se https://intranett.pasientreiser.no/" + "x" * 120 + " for detaljer."],
            "costs": {"plan": "9 000 000", "actual": "9 450 000", "as_of": "31.07.2021",
                      "comments": [sentence(i + 20, 45) for i in range(8)]},
            "kpis": [{"name": f"Indikator {i + 1}", "value": str(1000 + i * 37),
                      "measured": "18.08.2021"} for i in range(12)],
            "highlights": {"title": "Overlang – status", "bullets": [
                *[sentence(i + 70, 25) for i in range(10)],
                {"text": "Tall per 18.8:", "kpis": True},
                "Mer på [intranett](https://intranett.pasientreiser.no/overlang).",
            ]},
        }},
    }


def small_initiative(i: int) -> dict:
    long_name = f"Tiltak {i + 1}: " + sentence(i + 30, 7 + i % 5)
    return {"name": long_name[:118], "group": "Lang gruppe", "leader": f"Leder {i + 1}",
            "milestones": [{"id": "MP1", "description": "Oppstart", "planned": "01.03.2021",
                            "delivered": "01.03.2021"}],
            "reports": {"2021-uke-33": {"date": "18.08.2021", "done": ["Fulgt opp."]}}}


def write_overlong(folder: Path, others: int = 13) -> Path:
    """A programme of one group: the overlong initiative and `others` small ones (long agenda)."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = ["overlang"] + [f"tiltak-{i + 1:02d}" for i in range(others)]
    _dump(folder / "overlang.yaml", overlong_initiative())
    for i in range(others):
        _dump(folder / f"tiltak-{i + 1:02d}.yaml", small_initiative(i))
    _dump(folder / "programme.yaml", {"programme": "Pasientreiser",
                                      "groups": [{"name": "Lang gruppe", "initiatives": ids}]})
    return folder


def write_synthetic(folder: Path, initiatives: int) -> Path:
    """A programme of `initiatives` copies of the seed's three (benchmark-like)."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in SEED.glob("*.yaml") if p.name != "programme.yaml")
    groups: dict[str, list[str]] = {}
    for i in range(initiatives):
        data = yaml.safe_load(sources[i % len(sources)].read_text(encoding="utf-8"))
        data["name"] = f"{data['name']} {i + 1}"[:120]
        data["group"] = f"Gruppe {i // 3 + 1}"
        ident = f"tiltak-{i + 1:03d}"
        _dump(folder / f"{ident}.yaml", _stringify(data))
        groups.setdefault(data["group"], []).append(ident)
    _dump(folder / "programme.yaml", {"programme": "Syntetisk", "groups": [
        {"name": g, "initiatives": ids} for g, ids in groups.items()]})
    return folder


def _stringify(value):
    """yaml.safe_load made dates and numbers objects: give them back as the seed wrote them."""
    if isinstance(value, dict):
        return {str(k): _stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


# --- reading a built deck ---------------------------------------------------------------------

_DASHES = re.compile("[\u2010-\u2015\u2212-]")


def normalise(text: str) -> str:
    """Compare texts as a reader does: NBSP as space, one space, every dash the same."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    text = _DASHES.sub("-", text)
    return " ".join(text.split())


def slide_texts(path: Path) -> list[str]:
    """Each slide's text: shapes in order, table rows as one line each (cells joined by spaces)."""
    from pptx import Presentation

    return [_slide_text(slide) for slide in Presentation(str(path)).slides]


def slide_title(slide) -> str:
    """The slide's title as a reader reads it (normalised), "" when it has none."""
    title = slide.shapes.title
    return normalise(title.text_frame.text) if title is not None else ""


def slides_of_layout(prs, layout: str) -> list:
    """The slides of a python-pptx Presentation laid out on `layout`, in deck order."""
    return [slide for slide in prs.slides if slide.slide_layout.name == layout]


def slide_titled(prs, title: str, layout: str | None = None, containing: str | None = None):
    """The one slide with this title (and layout, and a text `containing` this, to tell apart
    the slides a title shares, such as each initiative's "<group> – Statusrapport")."""
    found = [slide for slide in prs.slides
             if slide_title(slide) == normalise(title)
             and (layout is None or slide.slide_layout.name == layout)
             and (containing is None or normalise(containing) in _slide_text(slide))]
    assert len(found) == 1, f"{len(found)} slides titled {title!r} containing {containing!r}"
    return found[0]


def status_slide(prs, group: str, initiative: str):
    """The one status slide ("<group> – Statusrapport") that names the initiative."""
    return slide_titled(prs, f"{group} – Statusrapport", layout="Status", containing=initiative)


def _slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        elif getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
    return normalise("\n".join(parts))


def previous_deck(label: bytes = b"the previous deck") -> bytes:
    """A small stand-in for a previous deck, as `-o` recognises one (files/destinations.py): a
    zip holding ppt/presentation.xml; `label` makes two of them differ."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("ppt/presentation.xml", b"<p:presentation/>")
        package.writestr("label.txt", label)
    return out.getvalue()


# --- an office's own forms (issue 12) --------------------------------------------------------
# A quarter and a cancelled milestone, a period across new year, an overrun, KPIs with an
# earlier figure (by week and by date), a target and a percentage; and an initiative with
# nothing under progress and only a cost comment.

OFFICE_PROGRAMME = """\
programme: P
groups:
  - name: G
    initiatives: [digital, empty]
{extra}"""
DIGITAL = """\
name: Digital rekvisisjon
group: G
leader: Kari Nordmann
milestones:
  - {id: MP1, description: Pilot, planned: Q1 2022}
  - {id: MP2, description: Gammel plan, planned: 01.12.21, cancelled: true}
reports:
  2021-uke-45:
    kpis:
      - {name: Fra rapport, value: 950, measured: 12.11.21}
  2022-uke-2:
    period: uke 46 (2021) – uke 2 (2022)
    done: [Analyse ferdig]
    costs: {plan: 6 175 000, actual: 6 990 500, as_of: 31.12.21}
    kpis:
      - name: Digitale bestillinger
        value: 12 480
        measured: 14.01.22
        earlier: {value: 8911, week: uke 45}
        target: 15 000
      - {name: Andel digitalt, value: 41, unit: "%", measured: 14.01.22,
         earlier: {value: 33, measured: 12.11.21}}
      - {name: Fra rapport, value: 1000, measured: 14.01.22}
"""
EMPTY = """\
name: Tomt tiltak
group: G
leader: Ola Nordmann
reports:
  2022-uke-2:
    costs: {comments: [Innenfor rammen]}
"""


def write_office(folder: Path, extra: str = "") -> Path:
    """The office's programme; `extra` adds lines (its choices) to programme.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "programme.yaml").write_text(OFFICE_PROGRAMME.format(extra=extra), encoding="utf-8")
    (folder / "digital.yaml").write_text(DIGITAL, encoding="utf-8")
    (folder / "empty.yaml").write_text(EMPTY, encoding="utf-8")
    return folder
