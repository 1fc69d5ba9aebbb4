"""The writers fuzzed: `new report` over random valid programmes (with comments anywhere a
comment can go), `new initiative` with any id, name, group and leader the model allows, and a
transaction (files/transaction.py) failing or interrupted at every one of its system calls.

test_transaction.py fails each step of `new report` and `new initiative` on the seed with a
full disk; here the change sets, the errors (EIO, a read-only or full disk, a size limit, a
refused permission), the calls (close, fchmod and unlink too) and the moment (before or after
the call did its work, as an error reported late by the disk or a Ctrl-C arriving) vary.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given
from hypothesis import strategies as st
from _pytest.monkeypatch import MonkeyPatch

from fuzz_inputs import _NoAliases, _piece, examples, invoke, small_programme, write_folder
from statusrapport.authoring.new_report import choose_week
from statusrapport.data.loader import load
from statusrapport.errors import UserError
from statusrapport.files import transaction
from statusrapport.files.transaction import Change, commit, recover

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


def snapshot(root: Path) -> dict[str, object]:
    """Every entry under `root`, hidden ones too: bytes and mode, a link's target, a folder."""
    found: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            found[name] = ("link", os.readlink(path))
        elif path.is_dir():
            found[name] = "folder"
        else:
            found[name] = (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
    return found


# --- comments anywhere a comment can go -------------------------------------------------------

def _token_lines(text: str) -> tuple[set[int], set[int]]:
    """Lines (0-based) where a block key or list entry begins (a whole-line comment may go
    above them) and lines that end in a one-line scalar or flow collection (a comment may go
    after them), from PyYAML's own tokens."""
    implied = (yaml.StreamStartToken, yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken)
    tokens = list(yaml.scan(text, Loader=yaml.SafeLoader))
    first_on_line: dict[int, yaml.Token] = {}
    for token in tokens:
        if not isinstance(token, implied):
            first_on_line.setdefault(token.start_mark.line, token)
    starts = {line for line, token in first_on_line.items()
              if isinstance(token, (yaml.KeyToken, yaml.BlockEntryToken))}
    ends = set()
    for token, after in zip(tokens, tokens[1:]):
        closing = (isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken))
                   or isinstance(token, yaml.ScalarToken) and token.style in (None, "'", '"'))
        if (closing and token.start_mark.line == token.end_mark.line
                and after.start_mark.line > token.end_mark.line):
            ends.add(token.end_mark.line)
    return starts, ends


@st.composite
def commented(draw, text: str) -> tuple[str, list[str]]:
    """`text` with comments added, and the comments; the data it holds is unchanged."""
    lines = text.split("\n")
    starts, ends = _token_lines(text)
    comments: list[str] = []
    out: list[str] = []
    for number, line in enumerate(lines):
        if number in starts and draw(st.integers(0, 5)) == 0:
            comment = f"# merknad {len(comments)}: {draw(st.sampled_from(['æøå', '«x»', '😀', 'TODO']))}"
            comments.append(comment)
            out.append(" " * (len(line) - len(line.lstrip(" "))) + comment)
        if number in ends and draw(st.integers(0, 5)) == 0:
            comment = f"# etter {len(comments)}"
            comments.append(comment)
            line += "  " + comment
        out.append(line)
    result = "\n".join(out)
    assert yaml.safe_load(result) == yaml.safe_load(text)  # the comments changed no data
    return result, comments


def _unwrapped(text: str) -> str:
    """The file with every scalar on one line. A plain scalar wrapped over lines (PyYAML wraps
    at 100 columns) cannot be written back by the round trip as it was, and `new report`
    refuses such a file (roundtrip.py) rather than reformat it; that refusal is tested there."""
    return yaml.dump(yaml.load(text, Loader=yaml.BaseLoader), Dumper=_NoAliases,
                     allow_unicode=True, sort_keys=False, width=10**6)


@st.composite
def commented_programme(draw) -> tuple[dict[str, str], dict[str, list[str]]]:
    files = draw(small_programme())
    comments: dict[str, list[str]] = {}
    for name in sorted(files):
        files[name], comments[name] = draw(commented(_unwrapped(files[name])))
    return files, comments


# --- new report -------------------------------------------------------------------------------

@examples(12, suppress_health_check=SLOW)
@given(programme=commented_programme(), week=st.integers(1, 52))
def test_new_report_on_valid_programmes_adds_one_report_to_each_file_or_refuses(programme,
                                                                               week):
    files, comments = programme
    with tempfile.TemporaryDirectory() as tmp:
        data = write_folder(Path(tmp) / "data", files)
        before_disk = snapshot(data)
        loaded = load(data).programme
        before = {i.id: i for i in loaded.initiatives}
        target = choose_week(f"uke-{week}", loaded.weeks())  # uke-1 after uke-33: next year's
        too_early = any(max(i.reports) >= target for i in loaded.initiatives)
        result = invoke("new", "report", f"uke-{week}", "--data", str(data))
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "This is a bug" not in output, output[-3000:]
        if result.exit_code != 0:
            assert result.exit_code == 1, (result.exit_code, output[-3000:], result.exception)
            assert re.search(r"^\d+ errors?\.$", result.stderr, re.M), result.stderr
            assert snapshot(data) == before_disk  # a refusal writes nothing
            # The refusals valid data can meet: a report that would not be the latest, or
            # a planned item that the draft mark «(UTKAST) » would push over 600 characters.
            refusals = ("already has the report", "a new report comes after it",
                        "passes the 600-character limit")
            assert too_early or "passes the 600-character limit" in result.stderr, result.stderr
            assert all(any(r in line for r in refusals)
                       for line in result.stderr.splitlines()[:-1]), result.stderr
            return
        assert not too_early, result.stderr
        key = target.key
        after = {i.id: i for i in load(data).programme.initiatives}  # still valid
        assert after.keys() == before.keys()
        for ident, initiative in after.items():
            added = {w.key for w in initiative.reports} - {w.key for w in before[ident].reports}
            assert added == {key}, (ident, added)  # exactly one report added
            old = before[ident]
            assert initiative.model_copy(update={"reports": old.reports}) == old  # nothing else
            assert {w: r for w, r in initiative.reports.items() if w.key != key} == old.reports
        assert (data / "programme.yaml").read_bytes() == files["programme.yaml"].encode()
        for name, kept in comments.items():
            text = (data / name).read_text(encoding="utf-8")
            for comment in kept:  # every comment kept, each once
                assert text.count(comment) == files[name].count(comment), (name, comment)
        assert sorted(p.name for p in data.iterdir()) == sorted(files)  # nothing stray


# --- new initiative ---------------------------------------------------------------------------

SLUGS = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12),
                 min_size=1, max_size=9).map("-".join).map(lambda s: s[:100].strip("-"))


def model_text(max_size: int):
    """Any text the model takes for a name, group or leader: non-blank, at most `max_size`
    characters once stripped, on one line or several."""
    def fit(pieces: list[str]) -> str:
        value = "".join(pieces).strip()[:max_size].strip()
        return value or "Navn"
    return st.lists(st.one_of(_piece, st.sampled_from(["\n", "  ", "#", ": ", "- ", "'", '"',
                                                       "{", "[", "&a", "*a", "!x", "%", "@"])),
                    min_size=1, max_size=max_size // 4).map(fit)


@examples(15, suppress_health_check=SLOW)
@given(files=small_programme(), slug=SLUGS, name=model_text(120), leader=model_text(120),
       group=st.one_of(model_text(120), st.none()))
def test_new_initiative_with_any_id_name_and_leader_the_model_allows(files, slug, name,
                                                                     leader, group):
    assume(slug)
    files = {name: _unwrapped(text) for name, text in files.items()}
    with tempfile.TemporaryDirectory() as tmp:
        data = write_folder(Path(tmp) / "data", files)
        programme = load(data).programme
        group = group if group is not None else programme.groups[0].name  # an existing one
        before = snapshot(data)
        result = invoke("new", "initiative", slug, "--name", name, "--group", group,
                        "--leader", leader, "--data", str(data))
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "This is a bug" not in output, output[-3000:]
        if len(slug) > 80:  # the programme model's limit for an id
            assert result.exit_code == 1, output
            assert "an initiative id is at most 80 characters" in result.stderr
            assert snapshot(data) == before
            return
        if f"{slug}.yaml" in files:  # tiltak-1 …: the file is there already
            assert result.exit_code == 1, output
            assert "already exists; choose another id (nothing was written)" in result.stderr
            assert snapshot(data) == before
            return
        assert result.exit_code == 0, (output[-3000:], result.exception)
        after = load(data).programme
        created = next(i for i in after.initiatives if i.id == slug)
        assert (created.name, created.group, created.leader) == (
            name.strip(), group.strip(), leader.strip())
        listed = next(g for g in after.groups if g.name == group.strip())
        assert listed.initiatives[-1] == slug
        assert [i.id for i in after.initiatives if i.id != slug] == [
            i.id for i in programme.initiatives]
        now = snapshot(data)
        assert sorted(now) == sorted([*before, f"{slug}.yaml"])  # nothing stray
        for entry, content in before.items():  # programme.yaml only grew; the rest is as it was
            if entry == "programme.yaml":
                assert all(line in now[entry][0].decode().splitlines()
                           for line in content[0].decode().splitlines())
            else:
                assert now[entry] == content, entry


# --- a transaction failing or interrupted at every step -------------------------------------

CALLS = ("open", "write", "fchmod", "fsync", "close", "link", "replace", "rename", "unlink")
ERRORS = (errno.ENOSPC, errno.EIO, errno.EROFS, errno.EACCES, errno.EFBIG, errno.EDQUOT)
LATE = ("close", "fsync")  # calls whose error can come after they did their work


class Faults:
    """Counts the system calls made and, at call number `at`, raises `error` instead of
    making it (`late`: after making it)."""

    def __init__(self, patch, at: int | None = None, error: BaseException | None = None,
                 late: bool = False):
        self.calls: list[str] = []
        for name in CALLS:
            patch.setattr(os, name, self._wrap(name, getattr(os, name), at, error, late))

    def _wrap(self, name, real, at, error, late):
        if name == "fsync":  # counted, not made: no crash is simulated, and it is slow
            real = _no_fsync

        def call(*args, **kwargs):
            self.calls.append(f"{name}({_described(name, args)})")
            if len(self.calls) != at:
                return real(*args, **kwargs)
            if late:  # the call is made; whatever it raises, the error comes after it
                with contextlib.suppress(OSError):
                    real(*args, **kwargs)
            raise error
        return call


def _no_fsync(fd) -> None:
    os.fstat(fd)  # a closed or bad descriptor still fails as fsync would


def _described(name: str, args) -> str:
    """What the call is made on: a folder (its fsync is best effort), a file, or the name."""
    if not args:
        return ""
    try:
        if isinstance(args[0], int):
            return "a folder" if stat.S_ISDIR(os.fstat(args[0]).st_mode) else "a file"
        if name == "open" and os.path.isdir(args[0]):
            return "a folder"
    except OSError:
        return "?"
    return Path(str(args[0])).name


@st.composite
def change_sets(draw):
    """Up to four files: new ones, existing ones (of any mode), and one behind a symlink."""
    names = draw(st.lists(st.sampled_from(["alfa", "beta", "gamma", "delta", "epsilon"]),
                          min_size=1, max_size=4, unique=True))
    return [{"name": f"{name}.yaml",
             "old": draw(st.one_of(st.none(), st.binary(max_size=200))),
             "new": draw(st.binary(max_size=200)),
             "mode": draw(st.sampled_from([0o644, 0o600, 0o640, 0o664])),
             "linked": draw(st.booleans())} for name in names]


def _lay_out(root: Path, files) -> tuple[Path, list[Change]]:
    data, elsewhere = root / "data", root / "elsewhere"
    data.mkdir(parents=True)
    elsewhere.mkdir()
    changes = []
    for f in files:
        path = data / f["name"]
        if f["old"] is not None:
            real = elsewhere / f["name"] if f["linked"] else path
            real.write_bytes(f["old"])
            real.chmod(f["mode"])
            if f["linked"]:
                path.symlink_to(Path("..") / "elsewhere" / f["name"])
        changes.append(Change(path, f["new"], f["old"]))
    return data, changes


def _committed(root: Path, files) -> tuple[dict[str, object], list[str]]:
    """The folders after a clean commit, checked: every file its new bytes, an existing
    file's mode kept, a link still a link, nothing else."""
    before = snapshot(root)
    data = root / "data"
    with MonkeyPatch.context() as patch:
        calls = Faults(patch).calls
        commit(data, [Change(data / f["name"], f["new"], f["old"]) for f in files])
    after = snapshot(root)
    expected = dict(before)
    for f in files:
        where = f"elsewhere/{f['name']}" if f["linked"] and f["old"] is not None else \
            f"data/{f['name']}"
        mode = f["mode"] if f["old"] is not None else after[where][1]
        expected[where] = (f["new"], mode)
    assert after == expected
    return after, calls


@examples(12)
@given(files=change_sets(), error=st.sampled_from(ERRORS), late=st.booleans())
def test_a_failing_call_at_every_step_of_a_transaction_changes_no_file(files, error, late):
    with tempfile.TemporaryDirectory() as tmp:
        _lay_out(Path(tmp) / "clean", files)
        committed, steps = _committed(Path(tmp) / "clean", files)
        assert any(c.startswith("replace(") for c in steps), steps
        for at, step in enumerate(steps, 1):
            root = Path(tmp) / f"at-{at}"
            data, changes = _lay_out(root, files)
            before = snapshot(root)
            with MonkeyPatch.context() as patch:
                Faults(patch, at, OSError(error, os.strerror(error)),
                       late and step.split("(")[0] in LATE)
                try:
                    commit(data, changes)
                except UserError as refused:
                    assert "nothing was written; every file is as it was" in str(refused), (
                        step, str(refused))
                    assert snapshot(root) == before, step
                    continue
            # No error reached the caller: only a best-effort step failed (a folder's fsync,
            # the removal of a backup or of the journal), and the change is whole.
            assert step.endswith("(a folder)") or step.startswith("unlink("), step
            assert {k: v for k, v in snapshot(root).items() if ".txn-" not in k
                    and transaction.JOURNAL not in k} == committed, step
            recover(data)  # and the next command leaves nothing behind
            assert snapshot(root) == committed, step


@examples(12)
@given(files=change_sets(), late=st.booleans())
def test_a_transaction_interrupted_at_any_step_is_all_or_nothing_after_the_next_command(
        files, late):
    """Ctrl-C at any call, before or after it did its work: after the next command's
    recover(), every file is as it was, or every file changed; never a mix."""
    with tempfile.TemporaryDirectory() as tmp:
        _lay_out(Path(tmp) / "clean", files)
        committed, steps = _committed(Path(tmp) / "clean", files)
        for at, step in enumerate(steps, 1):
            root = Path(tmp) / f"at-{at}"
            data, changes = _lay_out(root, files)
            before = snapshot(root)
            with MonkeyPatch.context() as patch:
                Faults(patch, at, KeyboardInterrupt(), late)
                try:
                    commit(data, changes)
                    raise AssertionError(f"the interrupt at {step} did not reach the caller")
                except KeyboardInterrupt:
                    pass
            recover(data)
            assert snapshot(root) in (before, committed), step
