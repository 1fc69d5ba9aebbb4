"""Tab completion answered from commands.py, without importing typer, click, pydantic or rich.

It follows typer 0.29's completion (its vendored click's shell_completion and parser) step by
step for the command lines it can follow exactly, and answers None for the rest (an unknown
instruction, a help text rich would wrap or restyle), so the caller hands those to typer:
the answer is always the one typer would give. Tests compare the two over many command lines.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

from statusrapport.shell.commands import COMMANDS

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
# rich's emoji codes (":name:") and markup ("[...]") change a help text typer prints through rich.
_RICH_EMOJI = re.compile(r":\S*?:")
_WHITESPACE = re.compile(r"\s")


class Unsupported(Exception):
    """A command line the fast path does not follow exactly: typer answers it."""


class Item(NamedTuple):
    value: str
    help: str | None = None


class Parsed(NamedTuple):
    """What click's resilient parse leaves in a context: the params given and their values."""
    path: tuple[str, ...]
    given: frozenset[str]
    values: dict[str, Any]


def complete_var(prog_name: str) -> str:
    return f"_{prog_name}_COMPLETE".replace("-", "_").upper()


def _split(string: str) -> list[str]:
    """click's split_arg_string: shlex words, an unfinished quote or escape kept as it is."""
    import shlex

    lex = shlex.shlex(string, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out = []
    try:
        for token in lex:
            out.append(token)
    except ValueError:
        out.append(lex.token)
    return out


def _options(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in node["params"] if p["kind"] == "option"]


def _parse(node: dict[str, Any], words: list[str]) -> tuple[dict[str, Any], list[str], list[str]]:
    """click's OptionParser.parse_args with resilient parsing: (option values, positionals, rest).

    A group stops at its first positional (the rest is the subcommand's); a usage error (unknown
    option, missing value) ends the parse where it happened and no argument gets a value.
    """
    by_name = {opt: p for p in _options(node) for opt in (*p["opts"], *p["secondary_opts"])}
    values: dict[str, Any] = {}
    positionals: list[str] = []
    words = list(words)
    while words:
        word = words.pop(0)
        if word == "--":
            return values, positionals + words, []
        if word[:1] == "-" and len(word) > 1:
            if not _option_word(word, words, by_name, values):
                return values, [], []  # a usage error: nothing left for the arguments
        elif node["group"]:
            return values, [], [word, *words]
        else:
            positionals.append(word)
    return values, positionals, []


def _option_word(word: str, words: list[str], by_name: dict[str, dict[str, Any]],
                 values: dict[str, Any]) -> bool:
    """One option word (click's _process_opts); False for a usage error."""
    name, has_value, explicit = word.partition("=")
    option = by_name.get(name)
    if option is not None and any(name == o for o in option["opts"] + option["secondary_opts"]) \
            and (name[:2] == "--" or len(name) == 2):
        if option["takes_value"]:
            if has_value:
                words.insert(0, explicit)
            return _take_value(option, words, values)
        if has_value:
            raise Unsupported("a flag given a value")
        if option["secondary_opts"] or option["multiple"] or option["nargs"] != 1:
            raise Unsupported("a flag typer counts or negates")
        values[option["name"]] = True
        return True
    if word[:2] == "--":
        return False  # an unknown long option
    for index, char in enumerate(word[1:], start=2):  # a cluster of short options
        option = by_name.get(f"-{char}")
        if option is None:
            return False
        if option["takes_value"]:
            if index < len(word):
                words.insert(0, word[index:])
            return _take_value(option, words, values)
        if option["multiple"] or option["nargs"] != 1:
            raise Unsupported("a flag typer counts")
        values[option["name"]] = True
    return True


def _take_value(option: dict[str, Any], words: list[str], values: dict[str, Any]) -> bool:
    if option["nargs"] != 1 or option["multiple"]:
        raise Unsupported("an option with several values")
    if not words:
        return False  # "requires an argument"
    values[option["name"]] = words.pop(0)
    return True


def resolve(args: list[str]) -> Parsed:
    """click's _resolve_context: follow the subcommands through the complete words."""
    path: tuple[str, ...] = ()
    values, positionals, rest = _parse(COMMANDS[path], args)
    while rest:
        node = COMMANDS[path]
        name = rest[0]
        if not node["group"] or (*path, name) not in COMMANDS:
            break
        path = (*path, name)
        values, positionals, rest = _parse(COMMANDS[path], rest[1:])
    node = COMMANDS[path]
    given = set(values)
    arguments = [p for p in node["params"] if p["kind"] == "argument"]
    if any(a["nargs"] not in (1, -1) for a in arguments) or \
            [a["nargs"] for a in arguments].count(-1) > (arguments[-1]["nargs"] == -1 if arguments else 0):
        raise Unsupported("arguments click unpacks in another way")
    for argument in arguments:
        if argument["nargs"] == -1:
            values[argument["name"]] = tuple(positionals)
            positionals = []
        elif positionals:
            values[argument["name"]] = positionals.pop(0)
            given.add(argument["name"])
    return Parsed(path, frozenset(given), values)


def _context(node: dict[str, Any], parsed: Parsed) -> SimpleNamespace:
    """The ctx.params a completion function reads: each option's value, typer-converted."""
    params: dict[str, Any] = {}
    for option in _options(node):
        value = parsed.values.get(option["name"], option["default"])
        if option["path"] and value is not None:
            value = Path(value)
        params[option["name"]] = value
    return SimpleNamespace(params=params)


def _complete_param(param: dict[str, Any], ctx: SimpleNamespace, incomplete: str) -> list[Item]:
    if param["completer"] is None:
        if not param["plain"]:
            raise Unsupported("choices or files, which typer lists itself")
        return []
    from statusrapport import completion

    found = getattr(completion, param["completer"])(ctx, incomplete)
    items = []
    for value in found:  # typer's compat_autocompletion: (value, help) or value, then a filter
        item = Item(value[0], value[1]) if isinstance(value, tuple) else Item(value)
        if not isinstance(item.value, str):
            raise Unsupported("a completion that is not a string")
        if item.value.startswith(incomplete):
            items.append(item)
    return items


def _complete_command(node: dict[str, Any], parsed: Parsed, incomplete: str) -> list[Item]:
    """Group/Command.shell_complete: visible subcommands, then options not given yet."""
    items = [Item(c["name"], c["help"]) for c in node["commands"]
             if c["name"].startswith(incomplete) and not c["hidden"]]
    if incomplete and not incomplete[0].isalnum():
        for option in _options(node):
            if option["hidden"] or (not option["multiple"] and option["name"] in parsed.given):
                continue
            items += [Item(name, option["help"]) for name in
                      option["opts"] + option["secondary_opts"] if name.startswith(incomplete)]
    return items


def completions(args: list[str], incomplete: str) -> list[Item]:
    """ShellComplete.get_completions: the context, then _resolve_incomplete, then its items."""
    parsed = resolve(args)
    node = COMMANDS[parsed.path]
    args = list(args)
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and incomplete[:1] == "-":
        name, _, incomplete = incomplete.partition("=")
        args.append(name)
    if "--" not in args and incomplete[:1] == "-":
        return _complete_command(node, parsed, incomplete)
    ctx = _context(node, parsed)
    last = args[-1] if args else ""
    for param in node["params"]:
        if param["kind"] == "option" and param["takes_value"] and last[:1] == "-" \
                and last in param["opts"]:
            if param["nargs"] != 1:
                raise Unsupported("an option with several values")
            return _complete_param(param, ctx, incomplete)
    for param in node["params"]:
        if param["kind"] == "argument" and (param["nargs"] == -1 or
                                            param["name"] not in parsed.given):
            return _complete_param(param, ctx, incomplete)
    return _complete_command(node, parsed, incomplete)


# ---- the shells: typer's BashComplete, ZshComplete, FishComplete, PowerShellComplete ---------

def _zsh_escape(text: str) -> str:
    return (text.replace('"', '""').replace("'", "''").replace("$", "\\$")
            .replace("`", "\\`").replace(":", r"\\:"))


def _console_width(environ: dict[str, str]) -> int:
    """The narrowest width rich's Console (as typer makes it) may wrap a help text at."""
    fixed = environ.get("TERMINAL_WIDTH") or None
    if fixed is not None and not fixed.isdigit():
        raise Unsupported("a TERMINAL_WIDTH typer cannot read")
    columns = environ.get("COLUMNS", "")
    width = int(fixed) if fixed else int(columns) if columns.isdigit() else None
    if width is None:
        for descriptor in (0, 1, 2):
            try:
                width = os.get_terminal_size(descriptor).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    if environ.get("TERM", "").lower() in ("dumb", "unknown"):
        width = min(width, 80)  # rich's size of a dumb terminal, when it thinks it writes to one
    return width


def _plain_help(text: str, width: int) -> str:
    """What typer's rich_render_text makes of a help text, when it is sure to leave it as it is.

    No markup ("[") or emoji code (":name:"), no character wider or narrower than one cell or
    that rich expands (tabs, line breaks), no edge spaces, and shorter than the console.
    """
    if "[" in text or _RICH_EMOJI.search(text) or len(text) >= width \
            or any(not (" " <= c <= "~" or "\xa0" <= c <= "\u02ff") for c in text) \
            or text != text.strip():
        raise Unsupported("a help text rich might change")
    return text


def answer(shell: str, environ: dict[str, str]) -> tuple[str | None, int]:
    """(what typer prints, its exit status) for a `complete_<shell>` request; Unsupported if unsure."""
    if shell == "bash":
        words = _split(environ["COMP_WORDS"])
        cword = int(environ["COMP_CWORD"])
        args, incomplete = words[1:cword], (words[cword] if cword < len(words) else "")
        if cword < 0:
            raise Unsupported("a negative COMP_CWORD")
        return "\n".join(item.value for item in completions(args, incomplete)), 0
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(line)
    if shell in ("powershell", "pwsh"):
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        args = words[1:-1] if incomplete else words[1:]
    else:
        args = words[1:]
        incomplete = ""
        if args and not line.endswith(" "):
            incomplete, args = args[-1], args[:-1]
    items = completions(args, incomplete)
    width = _console_width(environ)
    if shell == "zsh":
        lines = [f'"{_zsh_escape(i.value)}":"{_plain_help(_zsh_escape(i.help), width)}"'
                 if i.help else f'"{_zsh_escape(i.value)}"' for i in items]
        return (f"_arguments '*: :(({chr(10).join(lines)}))'" if lines else "_files"), 0
    if shell == "fish":
        lines = [f"{i.value}\t{_plain_help(_WHITESPACE.sub(' ', i.help), width)}"
                 if i.help else i.value for i in items]
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "get-args":
            return "\n".join(lines), 0
        if action == "is-args":
            return None, 0 if lines else 1
        return "", 0
    lines = [f"{i.value}:::{_plain_help(i.help, width) if i.help else ' '}" for i in items]
    return "\n".join(lines), 0


def fast_answer(prog_name: str, environ: dict[str, str]) -> tuple[str | None, int] | None:
    """The answer to a Tab press typer would give, or None: not a Tab press, or one for typer."""
    instruction = environ.get(complete_var(prog_name))
    if not instruction:
        return None
    kind, _, shell = instruction.partition("_")
    if kind != "complete" or shell not in SHELLS or \
            environ.get("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"):
        return None
    try:
        text, status = answer(shell, environ)
    except (Unsupported, KeyError, ValueError):
        return None
    if text is not None and "\x1b" in text:
        return None  # click.echo strips terminal escapes from piped output
    return text, status
