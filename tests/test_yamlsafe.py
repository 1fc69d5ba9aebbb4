"""The strict YAML reader: text scalars only, every location kept, nothing surprising."""

import time
from pathlib import Path

import pytest
import yaml

from statusrapport.data.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES, read_yaml


def read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return read_yaml(path)


def data_of(tmp_path: Path, text: str):
    doc, problems = read(tmp_path, text)
    assert problems == []
    return doc.data


def only_problem(tmp_path: Path, text: str | bytes) -> str:
    """The one problem of a file, as the user sees it, without the folder."""
    _, problems = read(tmp_path, text)
    assert len(problems) == 1, problems
    return str(problems[0]).replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize("written, value", [
    ("NO", "NO"),          # YAML 1.1: False (the Norway problem)
    ("yes", "yes"),        # YAML 1.1: True
    ("on", "on"),
    ("true", "true"),
    ("010", "010"),        # YAML 1.1: 8
    ("0x1F", "0x1F"),
    ("1e3", "1e3"),        # YAML 1.1: a float
    ("1_000", "1_000"),
    (".nan", ".nan"),
    (".inf", ".inf"),
    ("12:30", "12:30"),    # YAML 1.1: 750 (base 60)
    ("2021-02-30", "2021-02-30"),  # YAML 1.1: a crash in the date constructor
    ("2021-08-18", "2021-08-18"),  # not a datetime.date either
    ('"~"', "~"),
    ("'null'", "null"),
    ('""', ""),
    ("~", None),
    ("null", None),
    ("Null", None),
    ("", None),
])
def test_scalars_stay_text(tmp_path, written, value):
    assert data_of(tmp_path, f"a: {written}\n") == {"a": value}


def test_keys_stay_text(tmp_path):
    assert data_of(tmp_path, "NO: 1\n010: 2\n2021-uke-33: 3\n") == {
        "NO": "1", "010": "2", "2021-uke-33": "3"}


def test_block_scalars_and_lists(tmp_path):
    text = "a: >-\n  one\n  two\nb:\n  - x\n  - [y, z]\nc: |\n  l1\n  l2\n"
    assert data_of(tmp_path, text) == {"a": "one two", "b": ["x", ["y", "z"]], "c": "l1\nl2\n"}


def test_locations_of_keys_and_values(tmp_path):
    text = ("name: X\n"                 # 1
            "milestones:\n"             # 2
            "  - id: MP1\n"             # 3
            "    planned:   2021-01-01\n"  # 4
            "reports:\n"                # 5
            "  2021-uke-33:\n"          # 6
            "    done: [a, b]\n")       # 7
    doc, problems = read(tmp_path, text)
    assert problems == []
    assert doc.key_at[("name",)] == (1, 1)
    assert doc.value_at[("name",)] == (1, 7)
    assert doc.value_at[("milestones", 0)] == (3, 5)
    assert doc.key_at[("milestones", 0, "planned")] == (4, 5)
    assert doc.value_at[("milestones", 0, "planned")] == (4, 16)
    assert doc.key_at[("reports", "2021-uke-33")] == (6, 3)
    assert doc.value_at[("reports", "2021-uke-33", "done", 1)] == (7, 15)
    assert doc.value_at[()] == (1, 1)
    # A missing value points at the deepest part that exists; a key at its key.
    assert doc.locate(("milestones", 0, "description")) == (3, 5)
    assert doc.locate(("reports", "2021-uke-33"), key=True) == (6, 3)
    assert doc.locate(("reports", "2021-uke-33")) == (7, 5)
    assert doc.locate(("nothing", "here")) == (1, 1)


def test_locations_count_characters_not_bytes(tmp_path):
    doc, _ = read(tmp_path, "leder: Låås Ødegård\nx: æ\ny: [æøå, &a b]\n")
    assert doc.value_at[("x",)] == (2, 4)
    _, problems = read(tmp_path, "y: [æøå, &a b]\n")
    assert (problems[0].line, problems[0].column) == (1, 10)


def test_duplicate_key_is_located_at_its_second_appearance(tmp_path):
    text = "name: X\nmilestones:\n  - id: a\n    planned: 1\n    id: b\n"
    assert only_problem(tmp_path, text) == (
        "x.yaml:5:5: error: milestones[0].id: duplicate key 'id': it already appears on line 3")


def test_duplicate_key_at_top_level(tmp_path):
    assert only_problem(tmp_path, "name: X\ngroup: G\nname: Y\n") == (
        "x.yaml:3:1: error: name: duplicate key 'name': it already appears on line 1")


@pytest.mark.parametrize("text, expected", [
    ("a: &x 1\n", "x.yaml:1:4: error: a: anchors (&x) are not allowed; write each value out"),
    ("a: !!str 1\n", "x.yaml:1:4: error: a: tags (tag:yaml.org,2002:str) are not allowed"),
    ("a:\n  <<: {b: 1}\n", "x.yaml:2:3: error: a: merge keys (<<) are not allowed; write each key out"),
    ("? [a]\n: b\n", "x.yaml:1:3: error: a key must be plain text"),
    ('"\\x01": b\n', "x.yaml:1:1: error: character U+0001 in a key is a control character"),
])
def test_refused_constructs(tmp_path, text, expected):
    assert only_problem(tmp_path, text) == expected


def test_anchor_and_alias_both_located(tmp_path):
    _, problems = read(tmp_path, "a: &x [1]\nb: *x\n")
    assert [str(p).replace(str(tmp_path) + "/", "") for p in problems] == [
        "x.yaml:1:4: error: a: anchors (&x) are not allowed; write each value out",
        "x.yaml:2:4: error: b: aliases (*x) are not allowed; write the value out",
    ]


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    text = billion_laughs()
    assert len(text) < 1000  # 9**9 lols once expanded
    started = time.perf_counter()
    _, problems = read(tmp_path, text)
    assert time.perf_counter() - started < 2.0  # in fact milliseconds; a generous bound
    # A few located, the rest counted: the same message 81 times would hide everything else.
    assert [str(p).replace(str(tmp_path) + "/", "") for p in problems] == [
        "x.yaml:1:4: error: a: anchors (&a) are not allowed; write each value out",
        "x.yaml:2:4: error: b: anchors (&b) are not allowed; write each value out",
        "x.yaml:2:8: error: b[0]: aliases (*a) are not allowed; write the value out",
        "x.yaml:2:11: error: b[1]: 78 more anchors or aliases from here on",
    ]


def test_tab_indentation_says_tab(tmp_path):
    for text, where in [("a:\n\t- b\n", "2:1"), ("a:\n  b: 1\n\tc: 2\n", "3:1"),
                        ("a:\n  -\tb: 1\n", "2:4")]:
        assert only_problem(tmp_path, text) == (
            f"x.yaml:{where}: error: YAML syntax: a tab character; YAML is indented with spaces only")


# PyYAML's pure-Python parser (used where libyaml is missing) is stricter about tabs and
# leaves "\ud800" to our own check; CI and the wheels have libyaml.
needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="libyaml's behaviour")


@needs_libyaml
def test_tab_after_a_colon_is_allowed(tmp_path):
    assert data_of(tmp_path, "a:\tb\n") == {"a": "b"}


def test_syntax_error_located(tmp_path):
    assert only_problem(tmp_path, "a: [b\nc: d\n").startswith("x.yaml:2:2: error: YAML syntax: ")


def test_unclosed_bracket_names_the_line_it_opens_on(tmp_path):
    text = "a: 1\nb: [x,\n  y\nc: 2\n"
    assert only_problem(tmp_path, text) == (
        "x.yaml:4:2: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence "
        "that starts on line 2)")


def test_several_documents(tmp_path):
    assert only_problem(tmp_path, "a: 1\n---\nb: 2\n") == (
        "x.yaml:2:1: error: several YAML documents in one file; keep one initiative per file "
        "(remove the '---')")
    assert data_of(tmp_path, "---\na: 1\n") == {"a": "1"}  # one explicit document is fine


def test_depth_bound(tmp_path):
    shallow = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert read(tmp_path, shallow)[1] == []
    one_too_many = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    message = only_problem(tmp_path, one_too_many)
    assert message.startswith(f"x.yaml:1:{3 + MAX_DEPTH}: error: a[0]")
    assert message.endswith(f"nested deeper than {MAX_DEPTH} levels")
    # A deep run of brackets is refused before parsing (libyaml would read far ahead
    # into it, and newer releases stop at their own bound of 1,000 with a syntax error).
    deep = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert only_problem(tmp_path, deep) == (
        f"x.yaml:1:{4 + MAX_DEPTH}: error: nested deeper than {MAX_DEPTH} levels")


def test_flow_depth_is_counted_from_yamls_tokens_not_from_brackets_in_plain_text(tmp_path):
    """Thirteen unclosed brackets inside plain text open no flow collection: valid YAML that
    the bracket count refused as 'nested deeper than 12 levels'."""
    text = "done:\n" + "  - Kostnad [0 avklares\n" * 13
    doc, problems = read(tmp_path, text)
    assert problems == []
    assert doc.data == {"done": ["Kostnad [0 avklares"] * 13}
    nested = "done:\n" + "  - Kostnad [0 avklares\n" * 13 + "x: " + "[" * 13 + "]" * 13 + "\n"
    assert only_problem(tmp_path, nested) == (
        f"x.yaml:15:{4 + MAX_DEPTH}: error: nested deeper than {MAX_DEPTH} levels")


def test_depth_prescan_ignores_brackets_in_quotes_and_comments(tmp_path):
    text = 'a: "[[[[[[[[[[[[[[[[["\n# [[[[[[[[[[[[[[[[[[[[\nb: \'{{{{{{{{{{{{{{{{\'\n'
    assert read(tmp_path, text)[1] == []


def test_size_bound_before_parsing(tmp_path):
    big = b"a: " + b"x" * MAX_FILE_BYTES + b"\n"
    assert only_problem(tmp_path, big) == (
        f"x.yaml: error: the file is {len(big):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")
    # The bound is on the file as it is: exactly the limit is still read.
    exact = b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n"
    assert len(exact) == MAX_FILE_BYTES
    assert read(tmp_path, exact)[1] == []


@pytest.mark.parametrize("raw", [b"", b"\n\n  \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path, raw):
    assert only_problem(tmp_path, raw) == "x.yaml: error: the file is empty"


def test_file_of_only_comments_is_empty(tmp_path):
    assert only_problem(tmp_path, "# name: X\n\n# group: G\n") == (
        "x.yaml: error: the file is empty: it holds only comments")


def test_bom_is_accepted_and_does_not_shift_columns(tmp_path):
    assert data_of(tmp_path, "\ufeffa: 1\n") == {"a": "1"}
    assert only_problem(tmp_path, "\ufeffa: &x 1\n").startswith("x.yaml:1:4: error: a: anchors")
    assert only_problem(tmp_path, b"\xef\xbb\xbfa: \xff\n") == (
        "x.yaml:1:4: error: byte 0xff is not UTF-8; save the file as UTF-8")
    assert only_problem(tmp_path, "\ufeffa: b\x07\n").startswith("x.yaml:1:5: error: character U+0007")


def test_not_utf8_located(tmp_path):
    assert only_problem(tmp_path, "a: 1\nb: Låås\n".encode("latin-1")) == (
        "x.yaml:2:5: error: byte 0xe5 is not UTF-8; save the file as UTF-8")


def test_utf16_is_named(tmp_path):
    assert only_problem(tmp_path, "a: 1\n".encode("utf-16")) == (
        "x.yaml:1:1: error: the file is saved as UTF-16; save it as UTF-8")


@pytest.mark.parametrize("text, expected", [
    ("a: b\x07c\n", "x.yaml:1:5: error: character U+0007 is a control character that cannot go into a deck"),
    ("a: b\x00\n", "x.yaml:1:5: error: character U+0000 is a control character"),
    ("a: b\x1b[31m\n", "x.yaml:1:5: error: character U+001B is a control character"),
    ('a: "b\\x01"\n', "x.yaml:1:4: error: a: character U+0001 is a control character that cannot go "
                      "into a deck"),
    ('a: "b\\e"\n', "x.yaml:1:4: error: a: character U+001B is a control character"),
    # libyaml points at the hex digits of the escape.
    pytest.param('a: "b\\ud800"\n', "x.yaml:1:8: error: YAML syntax: an escape that is not a character "
                 "(such as \\ud800, a lone surrogate); it cannot go into a deck",
                 marks=needs_libyaml),
])
def test_characters_a_deck_cannot_hold(tmp_path, text, expected):
    assert only_problem(tmp_path, text).startswith(expected)


def test_control_characters_are_counted_past_a_few(tmp_path):
    _, problems = read(tmp_path, "a: \x01\x02\x03\x04\x05\x06\n")
    assert [str(p).replace(str(tmp_path) + "/", "") for p in problems] == [
        "x.yaml:1:4: error: character U+0001 is a control character that cannot go into a deck",
        "x.yaml:1:5: error: character U+0002 is a control character that cannot go into a deck",
        "x.yaml:1:6: error: character U+0003 is a control character that cannot go into a deck",
        "x.yaml:1:7: error: 3 more control characters from here on",
    ]


def test_tab_newline_and_nordic_letters_are_fine(tmp_path):
    assert data_of(tmp_path, 'a: "x\\ty\\nz «æøå» – ok"\n') == {"a": "x\ty\nz «æøå» – ok"}


def test_contents_given_as_bytes(tmp_path):
    # The loader can read files as committed in git: same reading, the path only names them.
    doc, problems = read_yaml(tmp_path / "absent.yaml", b"a: &x 1\n")
    assert str(problems[0]).startswith(f"{tmp_path / 'absent.yaml'}:1:4: error: a: anchors")


def test_unreadable_file(tmp_path):
    _, problems = read_yaml(tmp_path / "absent.yaml")
    assert str(problems[0]) == f"{tmp_path / 'absent.yaml'}: error: cannot read the file: " \
                               "No such file or directory"
