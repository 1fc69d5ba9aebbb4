"""Line breaking as LibreOffice's EditEngine does it, measured with ``text/metrics.py``.

Calibrated against LibreOffice 7.4 (``soffice --convert-to pdf`` of python-pptx output,
measured with ``pdftotext -bbox-layout``): on 936 random paragraphs (Calibri, Arial, Times New
Roman; 9-24 pt; regular and bold; boxes 60-600 pt wide) ``wrap`` predicts every line break of
934 exactly, the two others are 0.02 pt cases. ``tests/test_text_wrap.py`` repeats a small part
of that calibration.

Greedy: the first character that overflows decides. A space there ends the line (trailing
spaces hang); else the line breaks at the last opportunity before it: after spaces, after ``-``
``–`` ``—`` ``?`` ``!`` ``…``, before ``—`` and ``%``, never before ``) ] } ! ? , . : ; /``,
never between a quote or no-break space and the next non-space character (a space before a
quote breaks); a break after ``/`` moves back to the space before the path (LibreOffice
i#17155). With no opportunity on the line the word is cut at the overflowing character.

Exact widths, no safety margin: the fitting (``text/fit.py``) wraps at a narrower width.
"""

from __future__ import annotations

import re

from statusrapport.text.metrics import line_advances, text_width

#: A line fits when its width is at most the box width plus this (float
#: noise only: rounding the box to LibreOffice's 1/100 mm or pixel units
#: matched fewer of its line breaks than the plain width).
LAYOUT_EPSILON_PT = 1e-6

# Line-break opportunities: the part of LibreOffice's ICU-based rules that
# matters for Latin text (checked in LibreOffice 7.4, see the module doc).
_SPACES = frozenset(" \t")
_HARD_BREAKS = ("\r\n", "\n", "\r", "\v", "\u2028", "\u2029")
_HARD_BREAK = re.compile("|".join(map(re.escape, _HARD_BREAKS)))  # "\r\n" before "\r"
#: a line may break after these ("e-|post", "2024-|2025", "-|5", "A–|B",
#: "ord—|ord", "ab?|cd", "ab…|cd"; "og/|eller" only in principle, see below)
_BREAK_AFTER = frozenset("-\u2010\u2012\u2013\u2014/?!\u2026\u00ad\u200b")
#: ... and before these ("ord|—ord", "ab|%", but not "12%")
_BREAK_BEFORE = frozenset("\u2014%")
#: never before these, not even after a space: ) ] } ! ? , . : ; /
_NO_BREAK_BEFORE_SP = frozenset(")]}!?,.:;/")
#: and not after a non-space before quotes and no-break glue either
_NO_BREAK_BEFORE = _NO_BREAK_BEFORE_SP | frozenset("\"'«»“”‘’„‚‹›\u00a0\u2007\u202f\u2060")
#: never after these: opening brackets, quotes and glue (no-break spaces)
_NO_BREAK_AFTER = frozenset("([{\"'«»“”‘’„‚‹›\u00a0\u2007\u202f\u2060")
_SOFT_HYPHEN = "\u00ad"
#: LibreOffice does not break after "/" in a path: it moves such a break back
#: to the last whitespace within this many characters (i#17155), else chops.
_SLASH_LOOKBACK = 66


def _split_hard(text: str) -> list[tuple[int, int]]:
    """(start, end) of each hard line: '\\n', '\\v' (python-pptx's line break)..."""
    spans = []
    start = 0
    for match in _HARD_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_break(text: str, b: int) -> bool:
    """May a line start at index ``b`` (0 < b < len(text))?"""
    prev, cur = text[b - 1], text[b]
    if cur in _SPACES:
        return False  # spaces stay with the line they end
    if prev in _SPACES:
        return cur not in _NO_BREAK_BEFORE_SP
    if prev in _NO_BREAK_AFTER or cur in _NO_BREAK_BEFORE:
        return False
    if cur.isdigit() and prev == "/":
        return False  # "3/4"
    if cur == "%" and prev.isdigit():
        return False  # "95%"
    return prev in _BREAK_AFTER or cur in _BREAK_BEFORE


def wrap_spans(
    text: str, width_pt: float, font: str, size_pt: float, bold: bool, italic: bool
) -> list[tuple[int, int]]:
    """Break ``text`` into lines the way LibreOffice's EditEngine does.

    Returns (start, end) per line; ``end`` excludes trailing spaces (they
    hang past the margin) but keeps a soft hyphen (drawn as "-" there).
    For each line: find the first character that overflows, break at the
    last opportunity before it (a break after "/" moves back to the
    preceding whitespace, see ``_SLASH_LOOKBACK``), and if there is none on
    the line, chop the word at the overflow.
    """
    adv, last_adv = line_advances(text, font, size_pt, bold, italic)
    prefix = [0.0]
    for a in adv:
        prefix.append(prefix[-1] + a)
    limit = width_pt + LAYOUT_EPSILON_PT
    hyphen_w: list[float] = []

    def width(a: int, b: int) -> float:
        """Width of text[a:b] as a line of its own (= text_width)."""
        if b <= a:
            return 0.0
        w = prefix[b - 1] - prefix[a] + last_adv[b - 1]
        if text[b - 1] == _SOFT_HYPHEN:
            if not hyphen_w:
                hyphen_w.append(text_width("-", font, size_pt, bold, italic))
            w += hyphen_w[0]
        return w

    def content_end(a: int, b: int) -> int:
        while b > a and text[b - 1] in _SPACES:
            b -= 1
        return b

    lines: list[tuple[int, int]] = []
    for hs, he in _split_hard(text):
        start = hs
        while True:
            # First character (spaces count) that does not fit on the line.
            over = None
            for i in range(start, he):
                if width(start, i + 1) > limit:
                    over = i
                    break
            if over is None:
                lines.append((start, content_end(start, he)))
                break
            if text[over] in _SPACES and over > start:
                brk = over + 1  # a space that overflows ends the line (hangs)
            elif over > start and _is_break(text, over) and text[over - 1] != "/":
                brk = over  # the overflowing character can start the next line
            else:
                brk = next((b for b in range(over - 1, start, -1) if _is_break(text, b)), None)
                if brk is not None and text[brk - 1] == "/":
                    # i#17155: no break inside a path; take the whitespace before
                    for pos in range(brk - 2, max(brk - _SLASH_LOOKBACK, 0) - 1, -1):
                        if text[pos].isspace() and text[pos] not in _NO_BREAK_AFTER:
                            brk = pos + 1
                            break
            while brk is not None and brk > start and width(start, content_end(start, brk)) > limit:
                # only a soft hyphen's "-" can make a break point overflow
                brk = next((b for b in range(brk - 1, start, -1) if _is_break(text, b)), None)
            if brk is None or brk <= start:
                brk = max(over, start + 1)  # no opportunity on the line: chop
            lines.append((start, content_end(start, brk)))
            start = brk
            if start >= he:
                break
    return lines


def wrap(
    text: str,
    width_pt: float,
    font: str,
    size_pt: float,
    bold: bool = False,
    italic: bool = False,
) -> list[str]:
    """Break ``text`` into the lines a renderer draws in ``width_pt``.

    Greedy like PowerPoint/LibreOffice: break at spaces (trailing spaces hang
    and are dropped from the returned lines), after hyphens and dashes, at
    soft hyphens (kept) and zero-width spaces; a word longer than the width is
    cut by characters; explicit line breaks ('\\n', '\\v') are kept, and an
    empty line stays an empty string. Exact width, no safety margin: callers
    that must be safe pass ``width_pt * (1 - WIDTH_SLACK)`` (``text/fit.py``).
    """
    return [text[a:b] for a, b in wrap_spans(text, width_pt, font, size_pt, bold, italic)]
