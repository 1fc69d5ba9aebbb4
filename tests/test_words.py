"""The deck's words: every language complete, the seed deck built in nynorsk and English with no
bokmål label left, numbers and dates in each language's way, an unknown language refused."""

from __future__ import annotations

import dataclasses
import re
import shutil
import string
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from deck_samples import SEED
from statusrapport.report import formatting as fmt
from statusrapport.report.diff import Change
from statusrapport.words import LANGUAGES, Words, current, speaking, words_for

FIELDS = [f.name for f in dataclasses.fields(Words)]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def texts(value: object) -> list[str]:
    """The strings of a field: itself, or those in its (nested) tuples."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, int):
        return []
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts(item)]
    assert isinstance(value, tuple), value
    return [t for item in value for t in texts(item)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_word_and_the_same_placeholders(language):
    words, nb = words_for(language), words_for("nb")
    assert words.language == language
    for name in FIELDS:
        value, reference = getattr(words, name), getattr(nb, name)
        assert type(value) is type(reference), name
        if isinstance(value, tuple):
            assert len(value) == len(reference), name
        if isinstance(value, dict):
            assert list(value) == list(reference), name
        for text, ref in zip(texts(value), texts(reference), strict=True):
            assert text or not ref, f"{language}.{name} is empty"
            if name == "date_format":  # each language picks its parts of a day
                assert placeholders(text) <= {"day", "month", "yy", "year", "mon"}, text
            else:
                assert placeholders(text) == placeholders(ref), f"{language}.{name}: {text!r}"
    assert len(words.months) == len(words.month_short) == 12
    assert set(words.changes) == {c.name for c in Change}


def test_an_unknown_language_is_a_value_error():
    with pytest.raises(ValueError, match="'de'"):
        words_for("de")


def test_speaking_sets_the_words_for_its_block_only():
    assert current().language == "nb"
    with speaking(words_for("en")):
        assert current().leader == words_for("en").leader
        with speaking(words_for("nn")):
            assert current().language == "nn"
        assert current().language == "en"
    assert current().language == "nb"


@pytest.mark.parametrize("language, amount, figure, mnok, day, as_of, period", [
    ("nb", "2\u00a0900\u00a0000", "12\u00a0480,5", "2,25\u00a0MNOK", "31.01.22",
     "Status økonomi er per utgangen av januar 2022.", "Uke 22 – 33"),
    ("nn", "2\u00a0900\u00a0000", "12\u00a0480,5", "2,25\u00a0MNOK", "31.01.22",
     "Status økonomi er per utgangen av januar 2022.", "Veke 22 – 33"),
    ("en", "2,900,000", "12,480.5", "2.25\u00a0MNOK", "31 Jan 2022",
     "Financial status as of the end of January 2022.", "Week 22 – 33"),
])
def test_numbers_and_dates_follow_the_language(language, amount, figure, mnok, day, as_of, period):
    from statusrapport.data.weeks import IsoWeek

    with speaking(words_for(language)):
        assert fmt.amount(2_900_000) == amount
        assert fmt.figure(Decimal("12480.5")) == figure
        assert fmt.mnok(2_250_000) == mnok
        assert fmt.short_date(date(2022, 1, 31)) == day
        assert fmt.costs_as_of(date(2022, 1, 31)) == as_of
        assert fmt.period(IsoWeek(2021, 22), IsoWeek(2021, 33)) == period
    assert fmt.figure(Decimal(3167)) == "3167"  # bokmål again outside the block


def seed_in(language: str, tmp_path: Path) -> Path:
    data = tmp_path / language
    shutil.copytree(SEED, data)
    programme = data / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8") + f"language: {language}\n",
                         encoding="utf-8")
    return data


def deck_paragraphs(deck: Path) -> list[str]:
    """Every paragraph of the slides, every chart's series names and categories, the title."""
    out = []
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            xml = z.read(name).decode("utf-8")
            if name.startswith("ppt/slides/slide"):
                for para in re.findall(r"<a:p>.*?</a:p>", xml, re.S):
                    out.append("".join(re.findall(r"<a:t>([^<]*)</a:t>", para)))
            elif name.startswith("ppt/charts/"):
                out += re.findall(r"<c:v>([^<]*)</c:v>", xml)
            elif name == "docProps/core.xml":
                out += re.findall(r"<dc:title>([^<]*)</dc:title>", xml)
    return [unescape(p) for p in out if p]


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def from_data(paragraph: str, data: str, ids: set[str]) -> bool:
    """Whether a paragraph is the data's text as it stands, or a milestone's id and description
    (the timeline's labels, cut with "…" where long)."""
    text = squeeze(paragraph)
    head, _, rest = text.partition(" ")
    if head in ids:
        text = rest.removesuffix("…")
    return text in data


def squeeze(text: str) -> str:
    """Runs of white space as one space (YAML folds a long bullet over lines)."""
    return re.sub(r"\s+", " ", text)


def fragments(text: str) -> list[str]:
    """The fixed words of a label: "{overview} – uke {week}" gives "uke"."""
    parts = re.split(r"\{[^}]*\}", text)
    return [p.strip(" –-:;.,()%") for p in parts if re.search(r"[^\W\d_]{2}", p)]


def bokmål_only(language: str) -> set[str]:
    """The bokmål labels (their fixed parts) that `language` says otherwise."""
    nb, other = words_for("nb"), words_for(language)
    out = set()
    for name in FIELDS:
        theirs = " ".join(texts(getattr(other, name)))
        for text in texts(getattr(nb, name)):
            out |= {f for f in fragments(text) if f and f not in theirs}
    return out


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_seed_deck_in_nynorsk_and_english_has_no_bokmål_label(run_cli, seed_dir, language,
                                                                  tmp_path):
    deck = tmp_path / f"{language}.pptx"
    result = run_cli("build", "uke-33", "--data", str(seed_in(language, tmp_path)), "-o", str(deck))
    assert result.exit_code == 0, result.output
    labels = bokmål_only(language)
    assert {"Tiltaksleder", "Virkelig", "Planlagt ferdig"} <= labels  # the test can fail
    data = squeeze(" ".join(p.read_text(encoding="utf-8") for p in seed_dir.glob("*.yaml")))
    # Paragraphs written by the data as they stand (a bullet, a name) may say anything.
    ids = set(re.findall(r"\bid: (\S+)", data))
    drawn = [p for p in deck_paragraphs(deck) if not from_data(p, data, ids)]
    assert len(drawn) > 50
    left = {(label, p) for label in labels for p in drawn
            if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", p)}
    assert not left
    nb = words_for("nb")
    assert words_for(language).leader in drawn and nb.leader not in drawn


def test_the_seed_deck_in_bokmål_has_the_labels_the_test_looks_for(seed_deck):
    """The check above finds a bokmål label where there is one: the default deck has them."""
    drawn = deck_paragraphs(seed_deck.path)
    for label in ("Tiltaksleder", "Virkelig", "Status fremdrift", "Forfalt: MP2"):
        assert any(label in p for p in drawn), label


def test_an_unknown_language_is_a_located_error(run_cli, tmp_path):
    data = seed_in("de", tmp_path)
    line = (data / "programme.yaml").read_text(encoding="utf-8").splitlines().index("language: de")
    result = run_cli("validate", "--data", str(data))
    assert result.exit_code == 1
    assert (f"programme.yaml:{line + 1}:11: error: language: Input should be 'nb', 'nn' or 'en', "
            "got 'de'") in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("language", ["nn", "en"])
def test_show_speaks_the_programme_language(run_cli, language, tmp_path):
    result = run_cli("show", "uke-33", "--data", str(seed_in(language, tmp_path)),
                     env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert words_for(language).progress in result.stdout
    assert words_for("nb").progress not in result.stdout
