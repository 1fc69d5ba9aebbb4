"""Text made safe to show on a terminal: characters that reorder or hide text, made visible.

A file named `alfa\\u202eexe.gpj` showed in `list` as `alfajpg.exe`: a right-to-left
override turned the rest of the line around, and zero-width characters make two ids that
differ look alike. In ids, names and paths, such characters are shown as their escapes (`\\u202e`).
Free text (bullets, comments) is the user's writing and keeps them.
"""

from __future__ import annotations

import unicodedata

# Bidi embeddings, overrides, isolates and marks; zero-width spaces, joiners and the BOM.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_HIDDEN = frozenset(_BIDI + _ZERO_WIDTH)
_JOINER = "\u200d"


def visible(text: str) -> str:
    """`text` with each bidi control and zero-width character written as `\\uXXXX`; a
    zero-width joiner between two emoji (woman, joiner, laptop: one picture) stays."""
    if not any(c in _HIDDEN for c in text):
        return text
    out = []
    for i, char in enumerate(text):
        if char in _HIDDEN and not (char == _JOINER and _in_emoji(text, i)):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def _in_emoji(text: str, i: int) -> bool:
    before = text[:i].rstrip("\ufe0f")  # a variation selector may stand before the joiner
    after = text[i + 1:]
    return bool(before and after) and _pictograph(before[-1]) and _pictograph(after[0])


def _pictograph(char: str) -> bool:
    return unicodedata.category(char) == "So" or "\U0001f3fb" <= char <= "\U0001f3ff"
