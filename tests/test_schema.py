"""`statusrapport schema`: the committed schema/ files are the command's output, every field is
described in Norwegian, the bundled files validate and the corpus's schema-level errors do not.

Files are read as an editor's YAML language server reads them (YAML 1.2 core schema: only
true/false, null and numbers are typed; 2021-08-18 stays text), not as PyYAML's YAML 1.1.
"""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from deck_samples import SEED
from statusrapport.authoring.schema import FILES, initiative_schema, programme_schema, render

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
CORPUS = Path(__file__).parent / "corpus"
REGENERATE = ("regenerate with: statusrapport schema > schema/initiative.schema.json; "
              "statusrapport schema --programme > schema/programme.schema.json")


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core schema, as the YAML language server (and so the editor) reads a file."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
     r"|\.(?:nan|NaN|NAN))$", "-+0123456789."),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def editor_view(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)  # noqa: S506


def validator(schema: dict) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("kind, args", [("initiative", []), ("programme", ["--programme"])])
def test_committed_schemas_are_the_commands_output(run_cli, kind, args):
    result = run_cli("schema", *args)
    assert result.exit_code == 0, result.output
    committed = (SCHEMA_DIR / FILES[kind]).read_text(encoding="utf-8")
    assert result.stdout == committed, REGENERATE


def test_every_field_has_a_norwegian_description():
    for schema in (initiative_schema(), programme_schema()):
        objects = [schema, *schema["$defs"].values()]
        for obj in objects:
            for name, prop in obj.get("properties", {}).items():
                assert prop.get("description"), f"{obj['title']}.{name} has no description"
        assert "id" not in schema["properties"]  # an initiative's id is its file name
    text = render(initiative_schema())
    assert "Hva er gjort siden forrige rapportering?" in text and "Tiltaksleder" in text


@pytest.mark.parametrize("path", sorted(SEED.glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_file_validates_and_names_its_schema(path):
    is_programme = path.name == "programme.yaml"
    schema = programme_schema() if is_programme else initiative_schema()
    errors = list(validator(schema).iter_errors(editor_view(path)))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
    name = FILES["programme" if is_programme else "initiative"]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{name}"
    assert (path.parent / f"../schema/{name}").resolve().is_file()


# The corpus files whose mistake is a matter of keys, presence and types: a schema sees them.
SCHEMA_ERRORS = [
    "unknown-key.yaml",  # milestones[0].forcast
    "missing-field.yaml",  # milestones[0].planned
    "wrong-type-list-for-text.yaml",  # a list where text belongs
    "wrong-type-text-for-number.yaml",  # "3,5 MNOK" as an amount
    "negative-amount.yaml",
    "report-key-without-year.yaml",  # uke-33 as a report key
    "id-key.yaml",  # the id is the file name
    "top-level-list.yaml",
]


@pytest.mark.parametrize("name", SCHEMA_ERRORS)
def test_the_schema_rejects_the_corpus_schema_errors(name):
    data = editor_view(CORPUS / name)
    assert list(validator(initiative_schema()).iter_errors(data)), f"{name} passed the schema"


def test_the_programme_schema_rejects_an_unknown_key():
    data = editor_view(CORPUS / "programme-unknown-key" / "programme.yaml")
    assert list(validator(programme_schema()).iter_errors(data))


def test_the_schema_accepts_the_short_forms_the_loader_accepts():
    data = yaml.load("""\
name: Kort
group: G
leader: L
milestones:
  - {id: MP1, description: D, planned: Jan 2022, revised: 01.02.2022}
budget: {total: 1 000 000}
reports:
  2021-uke-33:
    done: [Gjort, {text: Med underpunkter, items: [a]}]
    highlights: {bullets: [Tekst, {kpis: true}]}
    kpis: [{name: K, value: "12,5", measured: 2021-08-18}]
""", Loader=Yaml12Loader)  # noqa: S506
    errors = list(validator(initiative_schema()).iter_errors(data))
    assert not errors, [e.message for e in errors]
