"""Read one YAML file strictly: text scalars only, every value's location kept, nothing surprising.

Built on PyYAML's event stream (libyaml when present) rather than its constructors, so that
anchors and aliases are refused before anything is expanded, duplicate keys are caught, and
every scalar stays text for the model's field types to convert (YAML 1.1 would turn `NO`
into False, `010` into 8, and crash on `2021-02-30`).
"""

from __future__ import annotations

import codecs
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from statusrapport.errors import Problem, problem_at
from statusrapport.files.regular import NotReadable, read_regular

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 12
# Past this many of one kind of problem in a file, one line counts the rest: an alias bomb
# has hundreds of aliases, and a screenful of the same message hides the other problems.
MAX_REPEATS = 3

Path_ = tuple[str | int, ...]

_EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
# Characters an XML 1.0 document (and so a .pptx) cannot hold, plus C1 controls YAML refuses.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Document:
    """The data of one file, and where each value and each key stands in it (1-based)."""

    path: Path
    data: Any = None
    value_at: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """The position of the deepest known part of `loc` (a missing value points at its parent)."""
        for n in range(len(loc), -1, -1):
            prefix = tuple(loc[:n])
            if key and prefix in self.key_at:
                return self.key_at[prefix]
            if prefix in self.value_at:
                return self.value_at[prefix]
        return (1, 1)


class _Abort(Exception):
    """The file cannot be read further; the problem is already recorded."""


def read_yaml(path: Path, raw: bytes | None = None) -> tuple[Document, list[Problem]]:
    """Read `path`, or parse `raw` as the contents of `path` (a file as committed in git)."""
    doc = Document(path)
    problems: list[Problem] = []
    if raw is None:
        try:
            raw = read_regular(path, MAX_FILE_BYTES)
        except NotReadable as exc:
            return doc, [problem_at(path, 0, 0, "", str(exc))]
    text = _decoded(path, raw, problems)
    if text is None:
        return doc, problems
    if (too_deep := _flow_too_deep(text)) is not None:
        line, col = too_deep
        return doc, [problem_at(path, line, col, "", f"nested deeper than {MAX_DEPTH} levels")]
    try:
        doc.data = _Builder(path, doc, problems).build(text)
    except _Abort:
        doc.data = None
    except yaml.YAMLError as exc:
        problems.append(_syntax_problem(path, exc, text))
        doc.data = None
    return doc, problems


def _decoded(path: Path, raw: bytes, problems: list[Problem]) -> str | None:
    if len(raw) > MAX_FILE_BYTES:
        problems.append(problem_at(path, 0, 0, "", f"the file is {len(raw):,} bytes; "
                                   f"the limit is {MAX_FILE_BYTES:,} bytes"))
        return None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(problem_at(path, 1, 1, "", "the file is saved as UTF-16; save it as UTF-8"))
        return None
    # A BOM is harmless (editors on Windows add it); drop it before anything counts columns.
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line, col = _position(before, len(before))
        problems.append(problem_at(path, line, col, "",
                                   f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"))
        return None
    if not text.strip():
        problems.append(problem_at(path, 0, 0, "", "the file is empty"))
        return None
    # Lazily: a list of a million match objects (a file of control characters) took 120 MB.
    bad, before = _ILLEGAL.finditer(text), len(problems)
    for match in itertools.islice(bad, MAX_REPEATS):
        line, col = _position(text, match.start())
        problems.append(problem_at(path, line, col, "", _illegal(match.group())))
    if (first_unreported := next(bad, None)) is not None:
        more = 1 + sum(1 for _ in bad)
        line, col = _position(text, first_unreported.start())
        problems.append(problem_at(path, line, col, "", f"{more} more control "
                                   "characters from here on"))
    return None if len(problems) > before else text


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# Brackets, and the quoted strings and comments in which brackets do not count.
_FLOW_TOKEN = re.compile(r"""[\[\]{}]|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|(?:^|(?<=\s))#[^\n]*""",
                         re.MULTILINE)


def _bracket_depth(text: str) -> int:
    """How deep the brackets outside quotes and comments nest, brackets in plain text
    included: a regular expression, far faster than a scan (scanning a 1 MiB flow mapping
    took seconds more), so only a file this flags is scanned. (What it misses, the event
    stream's own depth check still refuses.)"""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    for token in _FLOW_TOKEN.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


_FLOW_START = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_END = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def _flow_too_deep(text: str) -> tuple[int, int] | None:
    """Where flow collections first nest past the bound (line, column), found before parsing:
    libyaml's parser reads ahead through a deep run of `[[[[…` before the event stream shows
    its depth, but its scanner hands over each token at once. The depth is counted from YAML's
    own tokens: a bracket inside plain text (`- Kostnad [0 avklares`) opens nothing."""
    if _bracket_depth(text) <= MAX_DEPTH:  # the common case, without a scan
        return None
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_EventLoader):
            if isinstance(token, _FLOW_START):
                depth += 1
                if depth > MAX_DEPTH:
                    return token.start_mark.line + 1, token.start_mark.column + 1
            elif isinstance(token, _FLOW_END):
                depth -= 1
    except yaml.YAMLError:  # the parser reports it, located, as it reads the same text
        return None
    return None


def _syntax_problem(path: Path, exc: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if mark and _tab_indented(text, mark.line, mark.column):
        # libyaml often says only "found character that cannot start any token" here.
        problem, context = "a tab character; YAML is indented with spaces only", None
    elif "escape code" in problem:  # "\\ud800": libyaml refuses lone surrogates here
        problem, context = ("an escape that is not a character (such as \\ud800, a lone "
                            "surrogate); it cannot go into a deck"), None
    start = getattr(exc, "context_mark", None)
    if context and start and mark and start.line != mark.line:  # an unclosed [ or " far above
        context += f" that starts on line {start.line + 1}"
    message = f"YAML syntax: {problem}" + (f" ({context})" if context and context not in problem else "")
    return problem_at(path, line, col, "", message)


def _tab_indented(text: str, line: int, column: int) -> bool:
    """Whether the error stands on a tab, or in a line's indentation that holds one."""
    lines = text.split("\n")
    if line >= len(lines):
        return False
    indentation = lines[line][: column + 1]
    return indentation.endswith("\t") or ("\t" in indentation and not indentation.strip(" \t-"))


def _illegal(char: str) -> str:
    kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"character U+{ord(char):04X} is {kind} that cannot go into a deck"


class _Builder:
    def __init__(self, path: Path, doc: Document, problems: list[Problem]):
        self.path, self.doc, self.problems = path, doc, problems
        self.references = 0  # anchors and aliases seen
        self.first_unreported: tuple[Any, Path_] | None = None

    def error(self, mark: Any, message: str, loc: Path_ = ()) -> None:
        self.problems.append(problem_at(self.path, mark.line + 1, mark.column + 1,
                                        _dotted(loc), message))

    def build(self, text: str) -> Any:
        try:
            return self.document(yaml.parse(text, Loader=_EventLoader))
        finally:  # also when a syntax error ends the file: count what was not reported
            if self.first_unreported:
                mark, loc = self.first_unreported
                self.error(mark, f"{self.references - MAX_REPEATS} more anchors or aliases "
                           "from here on", loc)

    def document(self, events: Any) -> Any:
        documents = 0
        root: Any = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.error(event.start_mark, "several YAML documents in one file; "
                               "keep one initiative per file (remove the '---')")
                    raise _Abort
            elif isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent,
                                    yaml.StreamEndEvent)):
                continue
            else:
                root = self.node(event, events, (), 1)
        if documents == 0:  # nothing but comments (blank files are refused before parsing)
            self.problems.append(problem_at(self.path, 0, 0, "", "the file is empty: "
                                            "it holds only comments"))
        return root

    def refuse_reference(self, mark: Any, message: str, loc: Path_) -> None:
        """Anchors and aliases: the first few are located, the rest counted in one line."""
        self.references += 1
        if self.references <= MAX_REPEATS:
            self.error(mark, message, loc)
        elif self.first_unreported is None:
            self.first_unreported = (mark, loc)

    def node(self, event: Any, events: Any, loc: Path_, depth: int) -> Any:
        mark = event.start_mark
        self.doc.value_at[loc] = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            self.refuse_reference(mark, f"aliases (*{event.anchor}) are not allowed; "
                                  "write the value out", loc)
            return None
        if event.anchor is not None:
            self.refuse_reference(mark, f"anchors (&{event.anchor}) are not allowed; "
                                  "write each value out", loc)
        if getattr(event, "tag", None) not in (None, "!"):
            self.error(mark, f"tags ({event.tag}) are not allowed", loc)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, loc)
        if depth > MAX_DEPTH:
            self.error(mark, f"nested deeper than {MAX_DEPTH} levels", loc)
            raise _Abort
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(events, loc, depth)
        return self.mapping(events, loc, depth)

    def scalar(self, event: Any, loc: Path_) -> str | None:
        value = event.value
        if not event.style and value in _NULLS:  # plain `~`, `null` or nothing at all
            return None
        if match := _ILLEGAL.search(value):
            self.error(event.start_mark, _illegal(match.group()), loc)
        return value

    def sequence(self, events: Any, loc: Path_, depth: int) -> list[Any]:
        items: list[Any] = []
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self.node(event, events, (*loc, len(items)), depth + 1))
        return items

    def mapping(self, events: Any, loc: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for event in events:
            if isinstance(event, yaml.MappingEndEvent):
                return result
            key = self.key(event, events, loc, depth)
            value_event = next(events)
            if key is None:
                self.node(value_event, events, (*loc, "?"), depth + 1)
                continue
            child = (*loc, key)
            if key in result:
                self.error(event.start_mark, f"duplicate key {key!r}: it already appears on line "
                           f"{self.doc.key_at[child][0]}", child)
                self.node(value_event, events, (*loc, f"{key} (again)"), depth + 1)
                continue
            self.doc.key_at[child] = (event.start_mark.line + 1, event.start_mark.column + 1)
            result[key] = self.node(value_event, events, child, depth + 1)
        return result

    def key(self, event: Any, events: Any, loc: Path_, depth: int) -> str | None:
        if not isinstance(event, yaml.ScalarEvent):
            self.error(event.start_mark, "a key must be plain text", loc)
            self.node(event, events, (*loc, "?"), depth + 1)
            return None
        if event.value == "<<" and not event.style:
            self.error(event.start_mark, "merge keys (<<) are not allowed; write each key out", loc)
            return None
        if event.anchor is not None or event.tag not in (None, "!"):
            self.error(event.start_mark, "a key cannot carry an anchor or a tag", loc)
        if match := _ILLEGAL.search(event.value):  # "\x01": a key the terminal would garble
            self.error(event.start_mark, f"character U+{ord(match.group()):04X} in a key is a "
                       "control character", loc)
            return None
        return event.value


def _dotted(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
