"""The one loader: a folder in, the programme in deck order out, or every problem located."""

from pathlib import Path

import pytest

from statusrapport.errors import Severity, UserError
from statusrapport.data.loader import load, load_files
from statusrapport.data.weeks import IsoWeek


def initiative_yaml(name: str, group: str, reports: str = "") -> str:
    text = f"name: {name}\ngroup: {group}\nleader: Kari Nordmann\n"
    return text + (f"reports:\n{reports}" if reports else "")


def programme_yaml(groups: dict[str, list[str]]) -> str:
    text = "programme: Pasientreiser\ngroups:\n"
    for group, ids in groups.items():
        text += f"  - name: {group}\n    initiatives:\n"
        text += "".join(f"      - {i}\n" for i in ids)
    return text


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, files: dict[str, str], report: str | None = None) -> list[str]:
    """The error lines of a failed load, without the folder."""
    with pytest.raises(UserError) as caught:
        load(folder(tmp_path, files), report)
    return [str(p).replace(f"{tmp_path}/", "") for p in caught.value.problems
            if p.severity is Severity.ERROR]


def test_deck_order_is_the_programme_files_not_alphabetical(tmp_path):
    files = {
        "programme.yaml": programme_yaml({"Selvbetjening": ["zeta", "alfa"], "Annet": ["midt"]}),
        "alfa.yaml": initiative_yaml("Alfa", "Selvbetjening"),
        "zeta.yaml": initiative_yaml("Zeta", "Selvbetjening"),
        "midt.yaml": initiative_yaml("Midt", "Annet"),
    }
    loaded = load(folder(tmp_path, files))
    programme = loaded.programme
    assert programme.name == "Pasientreiser"
    assert [g.name for g in programme.groups] == ["Selvbetjening", "Annet"]
    assert [i.id for i in programme.initiatives] == ["zeta", "alfa", "midt"]
    assert [i.name for i in programme.in_group("Selvbetjening")] == ["Zeta", "Alfa"]
    assert loaded.warnings == [] and loaded.week is None


def test_initiative_not_listed_in_programme_file(tmp_path):
    files = {"programme.yaml": programme_yaml({"G": ["a"]}),
             "a.yaml": initiative_yaml("A", "G"), "b.yaml": initiative_yaml("B", "G")}
    assert problems(tmp_path, files) == [
        "b.yaml:1:1: error: not listed in programme.yaml; add 'b' to its group 'G'"]


def test_listed_but_missing(tmp_path):
    files = {"programme.yaml": programme_yaml({"G": ["a", "borte"]}),
             "a.yaml": initiative_yaml("A", "G")}
    assert problems(tmp_path, files) == [
        f"programme.yaml:6:9: error: groups[0].initiatives[1]: no file borte.yaml in {tmp_path}"]


def test_listed_with_yml_or_with_its_suffix(tmp_path):
    files = {"programme.yaml": programme_yaml({"G": ["a.yaml", "b"]}),
             "a.yaml": initiative_yaml("A", "G"), "b.yml": initiative_yaml("B", "G")}
    assert problems(tmp_path, files) == [
        "a.yaml:1:1: error: not listed in programme.yaml; add 'a' to its group 'G'",
        f"programme.yaml:5:9: error: groups[0].initiatives[0]: no file a.yaml.yaml in {tmp_path}; "
        "write the initiative's file name without '.yaml'",
        f"programme.yaml:6:9: error: groups[0].initiatives[1]: no file b.yaml in {tmp_path}; "
        "rename b.yml to b.yaml",
    ]


def test_listed_twice_and_group_twice(tmp_path):
    files = {"programme.yaml": programme_yaml({"G": ["a", "a"]}) +
             "  - name: G\n    initiatives: [b]\n",
             "a.yaml": initiative_yaml("A", "G"), "b.yaml": initiative_yaml("B", "G")}
    assert problems(tmp_path, files) == [
        "programme.yaml:6:9: error: groups[0].initiatives[1]: 'a' is listed twice",
        "programme.yaml:7:11: error: groups[1].name: the group 'G' is listed twice; list it once",
    ]


def test_group_mismatch_is_located_at_the_initiatives_group(tmp_path):
    files = {"programme.yaml": programme_yaml({"Selvbetjening": ["a"]}),
             "a.yaml": initiative_yaml("A", "Selvbetjenning")}
    assert problems(tmp_path, files) == [
        "a.yaml:2:8: error: group: 'Selvbetjenning', but programme.yaml lists this initiative under "
        "'Selvbetjening'"]


def test_missing_programme_file_and_missing_folder(tmp_path):
    assert problems(tmp_path, {"a.yaml": initiative_yaml("A", "G")}) == [
        "programme.yaml: error: missing: the programme file names the programme and orders its groups "
        "and initiatives"]
    with pytest.raises(UserError, match="no such folder of initiatives"):
        load(tmp_path / "absent")


REPORTS_21_33 = "  2021-uke-21: {}\n  2021-uke-33: {}\n"


def test_missing_report_lists_the_weeks_that_exist(tmp_path):
    # b starts with its first report (uke 33) and c has none yet: neither is in uke 21's
    # report. d reported in uke 21 and has not ended: it is active in uke 33 and lacks it.
    files = {"programme.yaml": programme_yaml({"G": ["a", "b", "c", "d"]}),
             "a.yaml": initiative_yaml("A", "G", REPORTS_21_33),
             "b.yaml": initiative_yaml("B", "G", "  2021-uke-33: {}\n"),
             "c.yaml": initiative_yaml("C", "G"),
             "d.yaml": initiative_yaml("D", "G", "  2021-uke-21: {}\n")}
    missing = ["d.yaml:4:1: error: reports: no report for 2021-uke-33; this file has: "
               "2021-uke-21 (an initiative that has ended says so: finished: or stopped:)"]
    assert problems(tmp_path, files, "uke-33") == missing
    # validate with no week checks the latest one too: it never passes where build fails.
    assert problems(tmp_path, files) == missing
    del files["d.yaml"]
    (tmp_path / "d.yaml").unlink()
    files["programme.yaml"] = programme_yaml({"G": ["a", "b", "c"]})
    assert load(folder(tmp_path, files), "uke-21").week == IsoWeek(2021, 21)


def test_report_resolved_from_uke_33(tmp_path):
    files = {"programme.yaml": programme_yaml({"G": ["a"]}),
             "a.yaml": initiative_yaml("A", "G", REPORTS_21_33)}
    assert load(folder(tmp_path, files), "uke-33").week == IsoWeek(2021, 33)


def test_report_not_in_the_data(tmp_path):
    files = {"programme.yaml": programme_yaml({"G": ["a"]}),
             "a.yaml": initiative_yaml("A", "G", REPORTS_21_33)}
    assert problems(tmp_path, files, "uke-34") == [
        "error: there is no report for uke-34; reports in the data: 2021-uke-21, 2021-uke-33"]


def test_all_problems_of_all_files_in_one_run(tmp_path):
    files = {"programme.yaml": programme_yaml({"G": ["a", "b", "c"]}),
             "a.yaml": "name: A\ngroup: G\nleader: L\nmilestones:\n  - id: MP1\n"
                       "    description: d\n    planned: 2021-02-30\n",
             "b.yaml": "name: B\ngroup: G\nleder: L\n",
             "c.yaml": "name: C\ngroup: G\nleader: [L\n"}
    assert problems(tmp_path, files) == [
        "a.yaml:7:14: error: milestones[0].planned: '2021-02-30' is not a date in the calendar",
        "b.yaml:1:1: error: leader: required, but missing",
        "b.yaml:3:1: error: leder: unknown key; did you mean 'leader'? (known keys: name, group, "
        "leader, milestones, budget, reports, group_changes, finished, stopped)",
        "c.yaml:4:1: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence "
        "that starts on line 3)",
    ]


def test_id_key_is_refused_and_the_rest_still_checked(tmp_path):
    files = {"programme.yaml": programme_yaml({"G": ["a"]}),
             "a.yaml": "id: a\nname: A\ngroup: G\nleader: L\nbudget:\n  total: mye\n"}
    assert problems(tmp_path, files) == [
        "a.yaml:1:1: error: id: unknown key: an initiative's id is its file name ('a'); remove this key",
        "a.yaml:6:10: error: budget.total: expected a whole number, such as 2 900 000, got 'mye'",
    ]


@pytest.mark.parametrize("yaml_text, expected", [
    ("- name: A\n",
     "a.yaml:1:1: error: expected a mapping of keys (name, group, leader, …), found a list"),
    ("~\n", "a.yaml:1:1: error: expected a mapping of keys (name, group, leader, …), found nothing"),
    ("# Kommentar\n\n- name: A\n",
     "a.yaml:3:1: error: expected a mapping of keys (name, group, leader, …), found a list"),
    ("name: A\ngroup: G\nleader: [L, M]\n", "a.yaml:3:9: error: leader: expected text, found a list"),
    ("name: A\ngroup: G\nleader: L\nmilestones:\n",
     "a.yaml:4:12: error: milestones: expected a list (lines that start with '- '), found nothing"),
    ("name: A\ngroup: G\nleader: L\nreports:\n  2021-uke-33:\n    done:\n      - [a]\n",
     "a.yaml:7:9: error: reports.2021-uke-33.done[0]: expected keys and values, found a list"),
    ("name: A\ngroup: G\nleader: L\nbudget:\n  total: 5\n  vat_included: ja\n",
     "a.yaml:6:17: error: budget.vat_included: expected true or false, got 'ja'"),
    ("name: A\ngroup: G\nleader: L\nbudget:\n  total: -5\n",
     "a.yaml:5:10: error: budget.total: cannot be negative, got '-5'"),
    # Quoted as written, not as the amount's clean-up left it ('3,5MNOK').
    ("name: A\ngroup: G\nleader: L\nbudget:\n  total: 3,5 MNOK\n",
     "a.yaml:5:10: error: budget.total: expected a whole number, such as 2 900 000, got '3,5 MNOK'"),
])
def test_wrong_types_in_the_users_words(tmp_path, yaml_text, expected):
    files = {"programme.yaml": programme_yaml({"G": ["a"]}), "a.yaml": yaml_text}
    assert problems(tmp_path, files) == [expected]


def test_warnings_do_not_fail_the_load(tmp_path):
    files = {"programme.yaml": programme_yaml({"G": ["a"]}),
             "a.yaml": initiative_yaml("A", "G") +
             "milestones:\n"
             "  - {id: MP1, description: d, planned: 2021-01-01}\n"
             "  - {id: MP1, description: e, planned: 2021-02-01, delivered: 2021-09-01}\n"
             "reports:\n"
             "  2021-uke-33:\n"
             "    period: uke 22 – 32\n"
             "    costs: {plan: 5, actual: 6}\n"}
    loaded = load(folder(tmp_path, files))
    assert [str(w).replace(f"{tmp_path}/", "") for w in loaded.warnings] == [
        "a.yaml:6:10: warning: milestones[1].id: milestone ID MP1 is used twice "
        "(also milestones[0])",
        "a.yaml:6:63: warning: milestones[1].delivered: delivered 01.09.2021, after the report "
        "of 2021-uke-33 (20.08.2021)",
        "a.yaml:9:13: warning: reports.2021-uke-33.period: the period ends at uke 32, not at the "
        "report's own week 33",
        "a.yaml:10:12: warning: reports.2021-uke-33.costs: costs without as_of: say which date "
        "the figures are valid for",
    ]


def test_contents_given_in_memory(tmp_path):
    contents = {"programme.yaml": programme_yaml({"G": ["a"]}).encode(),
                "a.yaml": initiative_yaml("A", "G").encode()}
    assert [i.id for i in load_files(tmp_path, contents).programme.initiatives] == ["a"]
    contents["a.yaml"] = b"name: A\ngroup: G\n"
    with pytest.raises(UserError) as caught:
        load_files("rev", contents)
    assert [str(p) for p in caught.value.problems] == [
        "rev/a.yaml:1:1: error: leader: required, but missing"]


def test_an_earlier_figure_beside_an_earlier_report_giving_it_is_a_warning(tmp_path):
    from deck_samples import write_office

    folder = write_office(tmp_path)
    path = folder / "digital.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "      - {name: Fra rapport, value: 950, measured: 12.11.21}",
        "      - {name: Fra rapport, value: 950, measured: 12.11.21}\n"
        "      - {name: Digitale bestillinger, value: 8000, measured: 12.11.21}")
    path.write_text(text, encoding="utf-8")
    loaded = load(folder, "uke-2")
    lines = [str(w).replace(f"{folder}/", "") for w in loaded.warnings]
    assert [line for line in lines if "earlier" in line] == [
        "digital.yaml:20:18: warning: reports.2022-uke-2.kpis[0].earlier: the report 2021-uke-45 "
        "also gives 'Digitale bestillinger': the deck compares with this earlier figure; remove "
        "it to compare with the report's"]
    assert load(write_office(tmp_path / "plain"), "uke-2").warnings == []
