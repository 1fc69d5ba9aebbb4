"""Inputs for the property-based tests: mutated seed files, valid initiatives, byte and token soup.

Not a test module (no test_ prefix): tests/test_fuzz_*.py import it. Also the checks every
fuzzed run must pass: the exit code, no traceback, every error located.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import yaml
from hypothesis import settings
from hypothesis import strategies as st

from deck_samples import SEED, invoke  # invoke: the fuzz tests import it from here

SEED_FILES = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEED.glob("*.yaml"))}
INITIATIVE_FILES = [name for name in SEED_FILES if name != "programme.yaml"]


def examples(n: int, **more) -> settings:
    """`n` examples under the default profile, ten times as many under `long`."""
    return settings(max_examples=max(1, n * settings.default.max_examples // 100), **more)


# --- running the command and checking what it says -------------------------------------------

_LOCATED = re.compile(r"^\S.*?\.yaml:\d+:\d+: ")
_WHOLE_FILE = re.compile(r"^\S.*?\.yaml: ")
# Problems that concern a file as a whole, printed as "file: message" without line:col.
WHOLE_FILE_MESSAGES = ("the file is empty", "bytes; the limit is", "missing: the programme file")
_SUMMARY = re.compile(r"^\d+ errors?\.$")


def unlocated(stderr: str) -> list[str]:
    """The error lines of a failed run that do not say where in which file the problem is."""
    out = []
    for line in stderr.splitlines():
        if not line.strip() or _SUMMARY.match(line) or _LOCATED.match(line):
            continue
        if _WHOLE_FILE.match(line) and any(m in line for m in WHOLE_FILE_MESSAGES):
            continue
        out.append(line)
    return out


def check_user_outcome(result, *, allowed=(0, 1)) -> None:
    """Exit 0 or 1, never a traceback; on 1, every error line located."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "This is a bug" not in output, output[-3000:]
    assert result.exit_code in allowed, (result.exit_code, output[-3000:], result.exception)
    if result.exit_code == 1:
        assert unlocated(result.stderr) == [], result.stderr[-3000:]
        assert re.search(r"^\d+ errors?\.$", result.stderr, re.M), result.stderr[-3000:]


def write_folder(folder: Path, files: dict[str, str | bytes]) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
    return folder


# --- values that go wrong --------------------------------------------------------------------

MODEL_KEYS = ("name", "group", "leader", "milestones", "id", "description", "planned",
              "revised", "forecast", "delivered", "cancelled", "budget", "total",
              "vat_included", "reports", "2021-uke-33", "2021-uke-21", "date", "period", "done",
              "risks", "costs", "plan", "actual", "as_of", "comments", "kpis", "value", "unit",
              "measured", "highlights", "title", "bullets", "text", "items", "programme",
              "groups", "initiatives")

YAML_SPECIALS = ("~", "null", "", "yes", "NO", "true", "False", "on", "010", "0x1F", "0o17",
                 "1e400", "-1e400", ".inf", "-.inf", ".nan", "nan", "1_000", "-5", "0",
                 "2021-02-30", "31.02.2021", "30.01.0221", "9999-12-31", "Jan 99999",
                 "2021-uke-99", "uke-0", "uke 33 – 22", "1e999999999", "-1e-999999999",
                 "12345678901234567890123456789", "1" * 400, "[]", "{}", "[[[[]]]]",
                 "{a: 1, b: [2, {c: 3}]}", "&a x", "*a", "!!int 3", "!!binary aGVp",
                 "!custom x", "? a", "<<: {a: 1}", "|", ">-", "'unterminated", '"unterminated',
                 '"\\ud800"', '"\\x00"', '"\\u0085"', '"\\U0001F600"', "- x", "a: b: c",
                 "#", "@", "`", "%", "---", "...", "\t", "x\ty", "«»", "æøå ÆØÅ", "😀🚀",
                 "שלום", "‮reversed", "\u00a0", "\u2028", "\ufeff")

ILLEGAL_CHARS = st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f",
                                 "\x80", "\x9f", "\ufffe", "\uffff", "\x85", "\u2028",
                                 "\u2029", "\ufeff", "\r", "\t"])

scalar_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


values = st.one_of(
    st.sampled_from(YAML_SPECIALS),
    scalar_text,
    st.integers(-10**30, 10**30).map(str),
    st.floats().map(repr),
    st.lists(st.sampled_from(YAML_SPECIALS[:30]), max_size=4).map(_flow),
    st.tuples(scalar_text, ILLEGAL_CHARS, scalar_text).map("".join),
    st.integers(500, 70_000).map(lambda n: "x" * n),
    st.integers(100, 20_000).map(lambda n: "lang tekst " * (n // 11)),
)


# --- mutations of the seed files -------------------------------------------------------------

_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#][^:#]*?)(:)(\s*)(.*)$")


@st.composite
def line_mutation(draw, lines: list[str]) -> list[str]:
    lines = list(lines)
    if not lines:
        return lines
    i = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "rename", "replace", "insert",
                                 "indent", "append-illegal"]))
    match = _KEY_LINE.match(lines[i])
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "rename" and match:
        key = draw(st.one_of(st.sampled_from(MODEL_KEYS), scalar_text))
        lines[i] = f"{match[1]}{key}{match[3]}{match[4]}{match[5]}"
    elif kind == "replace" and match:
        lines[i] = f"{match[1]}{match[2]}: {draw(values)}"
    elif kind == "insert":
        indent = " " * draw(st.integers(0, 8))
        lines.insert(i, f"{indent}{draw(st.sampled_from(MODEL_KEYS))}: {draw(values)}")
    elif kind == "indent":
        lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
    else:
        lines[i] += draw(ILLEGAL_CHARS)
    return lines


def _text_data(text: str):
    """The seed file's data as yamlsafe reads it: every scalar text."""
    from statusrapport.data.yamlsafe import read_yaml

    doc, problems = read_yaml(Path("seed.yaml"), text.encode("utf-8"))
    assert not problems
    return doc.data


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _structured_value():
    leaf = st.one_of(st.sampled_from(YAML_SPECIALS), scalar_text, st.integers(), st.floats(),
                     st.booleans(), st.none(), st.integers(600, 5000).map(lambda n: "y" * n))
    return st.recursive(leaf, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(MODEL_KEYS), inner,
                                                      max_size=3)), max_leaves=6)


@st.composite
def data_mutation(draw, data):
    """Delete, rename or retype a key, or replace a value, anywhere in the data."""
    import copy

    data = copy.deepcopy(data)
    paths = [p for p in _paths(data) if p]
    if not paths:  # a scalar or an empty mapping, left by an earlier mutation
        return draw(_structured_value())
    path = draw(st.sampled_from(paths))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    kind = draw(st.sampled_from(["delete", "rename", "retype", "replace"]))
    if kind == "delete":
        del parent[last]
    elif kind == "rename" and isinstance(parent, dict):
        new = draw(st.one_of(st.sampled_from(MODEL_KEYS), scalar_text))
        parent[new] = parent.pop(last)
    elif kind == "retype":
        value = parent[last]
        parent[last] = draw(st.sampled_from([[value], {"text": value}, "text", 42, None,
                                             [], {}, 3.5, True]))
    else:
        parent[last] = draw(_structured_value())
    return data


@st.composite
def mutated_seed(draw) -> dict[str, str | bytes]:
    """The seed folder with one to three mutations in one or two of its files."""
    files: dict[str, str | bytes] = dict(SEED_FILES)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(SEED_FILES)))
        text = files[name]
        if draw(st.booleans()):
            lines = text.split("\n")
            files[name] = "\n".join(draw(line_mutation(lines)))
        else:
            try:
                data = _text_data(text)
            except AssertionError:  # already broken by an earlier mutation: mutate its lines
                files[name] = "\n".join(draw(line_mutation(text.split("\n"))))
                continue
            mutated = draw(data_mutation(data))
            files[name] = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False,
                                         width=draw(st.sampled_from([80, 10_000])))
    return files


# --- raw bytes and YAML token soup -----------------------------------------------------------

TOKENS = ("\n", "\n", " ", "  ", "\t", "- ", ": ", ":", "[", "]", "{", "}", ",", "? ", "&a ",
          "*a", "&b ", "*b", "!!str ", "!!map ", "!t ", "!<tag:x> ", "|", "|-", ">", ">+", "'",
          '"', "\\", "#", "%YAML 1.1\n", "%TAG ! tag:x\n", "---\n", "...\n", "<<", "~",
          "\ufeff", "\x00", "\x85", "\u2028", "\r\n", "\r", "2021-uke-33", "18.08.2021",
          "name", "group", "leader", "milestones", "reports", "budget", "total", "id",
          "planned", "done", "text", "items", "kpis", "value", "æøå", "«x»", "😀", "\\ud800",
          "\\x00", "\\u0000", "0x", "1e9", "-", ".nan", "null")
token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)

raw_bytes = st.one_of(
    st.binary(max_size=400),
    token_soup.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""]),
              st.binary(max_size=100)).map(b"".join),
)


# --- valid initiatives ------------------------------------------------------------------------

FRAGMENTS = ("æ", "ø", "å", "Æ", "Ø", "Å", "«", "»", "–", "—", "…", "’", "😀", "🚀", "👍🏽",
             "👨‍👩‍👧", "🇳🇴", "שלום", " עולם", "مرحبا", "‏", "‎", "é", "ñ", "ü", "ß", "∑", "€",
             "漢字", "\u0301", "\u00a0", "\u200b", " https://example.org/sti?x=1 ",
             " [lenke](https://intranett.example.no/a) ", "www.example.no", "<&>\"'",
             "W" * 30, "i" * 50)

_text_chars = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"),
                            exclude_characters="\ufffe\uffff")
_piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(_text_chars, max_size=12),
                   st.sampled_from(("Oppfølging", "avklaring", "helsenorge.no", "leverandør",
                                    " ", " ", " ", "MP3", "23.6", "3167", "-", "*", ":")))


FIRST_YEAR, LAST_YEAR = 1900, 2100  # the model's range of years
MONTH_NAMES = ("Jan", "feb", "mars", "april", "mai", "juni", "jul", "aug", "sep", "okt",
               "november", "Des")


def day():
    dates = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31))
    this_century = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
    return st.one_of(dates.map(lambda d: d.strftime("%d.%m.%Y")), dates.map(str),
                     this_century.map(lambda d: d.strftime("%d.%m.%y")))


def plan_date():
    years = st.integers(FIRST_YEAR, LAST_YEAR)
    return st.one_of(day(), st.tuples(st.sampled_from(MONTH_NAMES), years)
                     .map(lambda t: f"{t[0]} {t[1]}"),
                     st.tuples(years, st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
                     st.tuples(st.sampled_from(["Q{} {}", "{}. kvartal {}", "{}. kv. {}"]),
                               st.integers(1, 4), years).map(lambda t: t[0].format(t[1], t[2])))


def amount():
    return st.integers(0, 10**12).map(lambda n: f"{n:,}".replace(",", " ") if n % 2 else str(n))


def figure():
    return st.one_of(st.integers(-10**12, 10**12).map(str),
                     # A decimal comma: "12.480" is refused as ambiguous (12 480 or 12,48?).
                     st.decimals(min_value=-10**9, max_value=10**9, allow_nan=False,
                                 places=3).map(lambda d: str(d).replace(".", ",")),
                     st.sampled_from(["99,5", "0", "-0", "1 234", "12345.678"]))


def _programmes(piece, most: int | None = None):
    """The strategies of valid data, writing text from `piece`s; `most` caps every list of
    content (bullets, items, milestones, KPIs …) for tests that need many small programmes."""

    def lists(elements, max_size: int, **more):
        return st.lists(elements, max_size=max_size if most is None else min(max_size, most),
                        **more)

    def text(max_size: int = 600, min_size: int = 1):
        """Any text the model takes: non-blank, within `max_size` after stripping."""
        def fit(pieces: list[str]) -> str:
            value = "".join(pieces).strip()[:max_size].strip()
            return value if len(value) >= min_size else (value + "Tekst")[:max_size]
        pieces = max(1, max_size // 6) if most is None else max(1, min(max_size // 6, 8 * most))
        return st.lists(piece, min_size=1, max_size=pieces).map(fit)

    def bullets(max_size: int):
        plain = text()
        nested = st.fixed_dictionaries({"text": text()},
                                       optional={"items": lists(text(), 30)})
        return lists(st.one_of(plain, nested), max_size)


    @st.composite
    def milestone(draw):
        m = {"id": draw(text(12)), "description": draw(text()), "planned": draw(plan_date())}
        if draw(st.booleans()):
            m["revised"] = draw(lists(plan_date(), 10, min_size=1))
        if draw(st.booleans()):
            m["forecast"] = draw(plan_date())
        state = draw(st.sampled_from(["open", "delivered", "cancelled"]))
        if state == "delivered":
            m["delivered"] = draw(day())
        elif state == "cancelled":
            m["cancelled"] = "true"
        return m


    @st.composite
    def report(draw):
        r: dict = {}
        if draw(st.booleans()):
            r["date"] = draw(day())
        if draw(st.booleans()):
            start = draw(st.integers(1, 33))
            r["period"] = f"uke {start} – 33"
        for key in ("done", "planned", "risks"):
            if draw(st.booleans()):
                r[key] = draw(bullets(40))
        if draw(st.booleans()):
            costs: dict = {}
            if draw(st.booleans()):
                costs["plan"], costs["actual"] = draw(amount()), draw(amount())
            if draw(st.booleans()):
                costs["as_of"] = draw(day())
            costs["comments"] = draw(lists(text(), 10))
            r["costs"] = costs
        if draw(st.booleans()):
            r["kpis"] = draw(lists(st.fixed_dictionaries(
                {"name": text(120), "value": figure(), "measured": day()},
                optional={"unit": text(20)}), 30))
        if draw(st.booleans()):
            highlight = st.one_of(text(), st.fixed_dictionaries(
                {"text": text()}, optional={"items": lists(text(), 30),
                                            "kpis": st.sampled_from(["true", "false"])}),
                st.just({"kpis": "true"}))
            h: dict = {"bullets": draw(lists(highlight, 40))}
            if draw(st.booleans()):
                h["title"] = draw(text(120))
            r["highlights"] = h
        return r


    @st.composite
    def initiative(draw, group: str) -> dict:
        data = {"name": draw(text(120)), "group": group, "leader": draw(text(120)),
                "milestones": draw(lists(milestone(), 60))}
        if draw(st.booleans()):
            data["budget"] = {"total": draw(amount())}
            if draw(st.booleans()):
                data["budget"]["vat_included"] = draw(st.sampled_from(["true", "false"]))
        reports = {"2021-uke-33": draw(report())}
        for week in draw(st.lists(st.integers(1, 32), max_size=3, unique=True)):
            reports[f"2021-uke-{week}"] = draw(report())
        data["reports"] = reports
        return data


    @st.composite
    def valid_programme(draw) -> dict[str, str]:
        """A programme file and one to four initiatives in one or two groups, as YAML text."""
        groups = draw(st.lists(text(120), min_size=1, max_size=2,
                               unique_by=lambda g: g.strip()))
        count = draw(st.integers(1, 4))
        members: dict[str, list[str]] = {g: [] for g in groups}
        files: dict[str, str] = {}
        for i in range(count):
            group = groups[i % len(groups)]
            ident = f"tiltak-{i + 1}"
            members[group].append(ident)
            files[f"{ident}.yaml"] = dump(draw(initiative(group)))
        files["programme.yaml"] = dump({
            "programme": draw(text(120)),
            "groups": [{"name": g, "initiatives": ids} for g, ids in members.items() if ids]})
        return files


    return valid_programme


valid_programme = _programmes(_piece)
small_programme = _programmes(_piece, most=3)  # quick to draw: for the writers' tests
# What pdftotext gives back faithfully, for the LibreOffice sample: words of Norwegian,
# «», emoji and right-to-left script, each apart (a word mixing directions is reordered).
_render_piece = st.one_of(st.sampled_from(("æ", "ø", "å", "Æ", "Ø", "Å", "«", "»", " – ", "…",
                                           " 😀 ", " 🚀 ", " שלום ", " עולם ", " مرحبا ", " ",
                                           " https://example.org/sti ", "WWWW", "iiii")),
                          st.sampled_from(("Oppfølging", " avklaring ", "helsenorge.no",
                                           " leverandør ", " MP3 ", " 3167 ", " ")))
renderable_programme = _programmes(_render_piece)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


def dump(data) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


def at_the_bounds() -> dict[str, str]:
    """One initiative with every list at the model's limit and long texts of wide letters,
    emoji and right-to-left script, under the 1 MiB bound (bullets without sub-items)."""
    def long(i: int, size: int = 600) -> str:
        words = ("Oppfølging", "«endre»", "WWWWWWWW", "😀🚀", "שלום", "مرحبا", "ÆØÅ", "helsenorge.no")
        return " ".join(words[(i + k) % len(words)] for k in range(size))[:size].strip()

    milestones = [{"id": f"MP{i:02d}WWWWWWW"[:12], "description": long(i),
                   "planned": "01.02.2021", "revised": ["Jan 2022"] * 10,
                   "forecast": "2022-03", **({"delivered": "02.02.2021"} if i % 2 else {})}
                  for i in range(60)]
    report = {"date": "18.08.2021", "period": "uke 1 – 33",
              "done": [long(i) for i in range(40)], "planned": [long(i + 1) for i in range(40)],
              "risks": [long(i + 2) for i in range(40)],
              "costs": {"plan": "999 999 999 999", "actual": "1 000 000 000 000",
                        "as_of": "31.07.2021", "comments": [long(i) for i in range(10)]},
              "kpis": [{"name": long(i, 120), "value": "-123456789012.125",
                        "unit": long(i, 20), "measured": "18.08.2021"} for i in range(30)],
              "highlights": {"title": long(3, 120), "bullets": [
                  {"text": long(i), "kpis": "true"} for i in range(40)]}}
    initiative = {"name": long(1, 120), "group": long(2, 120), "leader": long(3, 120),
                  "milestones": milestones, "budget": {"total": "1 000 000 000 000",
                                                       "vat_included": "true"},
                  "reports": {"2021-uke-33": report}}
    return {"grense.yaml": dump(initiative), "programme.yaml": dump({
        "programme": long(4, 120), "groups": [{"name": long(2, 120),
                                               "initiatives": ["grense"]}]})}
