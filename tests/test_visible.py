"""visible.py: characters that reorder or hide text are shown as escapes; the rest is kept."""

from __future__ import annotations

import pytest

from statusrapport.visible import visible


@pytest.mark.parametrize("text, shown", [
    ("alfa\u202eexe.gpj", "alfa\\u202eexe.gpj"),  # a right-to-left override
    ("a\u200bb", "a\\u200bb"),  # a zero-width space
    ("\ufeffid", "\\ufeffid"),  # a byte order mark
    ("x\u2066y\u2069", "x\\u2066y\\u2069"),  # an isolate and its end
    ("a\u200db", "a\\u200db"),  # a joiner between letters joins nothing visible
])
def test_hidden_characters_are_shown_as_escapes(text, shown):
    assert visible(text) == shown


@pytest.mark.parametrize("text", ["Selvbetjening – «endre»", "Tiltak 1: æøå ÆØÅ", "",
                                  "\U0001f469\u200d\U0001f4bb",  # woman, joiner, laptop
                                  "\U0001f469\U0001f3fd\u200d\U0001f4bb"])  # with a skin tone
def test_ordinary_text_and_emoji_sequences_are_kept(text):
    assert visible(text) == text
