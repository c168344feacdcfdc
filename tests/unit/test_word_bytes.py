"""``map_word_bytes``: the shared byte mapping behind word counts and fingerprints."""

from __future__ import annotations

import pytest

from newsdrop.text.word_bytes import is_word_character, map_word_bytes

# ASCII word bytes stay, other ASCII bytes become spaces (as the stages' own tables do).
_TABLE = bytes(code if code >= 0x80 or chr(code).isalnum() else 0x20 for code in range(256))


def _mark(match) -> bytes:
    return b"<" + match.group() + b">"


@pytest.mark.parametrize(
    ("chunk", "expected"),
    [
        ("plain words, here.", b"plain words  here "),
        ("“quoted” — and…", b" quoted    and "),  # general punctuation: one space per character
        ("café " + "au lait " * 3, "caf<é> ".encode() + b"au lait " * 3),  # a few others: the callback
        ("日本語のテキスト", None),  # another script: the caller's regex
        ("", b""),
    ],
)
def test_map_word_bytes(chunk: str, expected: bytes | None) -> None:
    assert map_word_bytes(chunk, _TABLE, _mark) == expected


@pytest.mark.parametrize(
    ("character", "expected"),
    [("a", True), ("É", True), ("7", True), ("_", True), ("٣", True),
     ("-", False), ("’", False), (" ", False)],
)
def test_is_word_character(character: str, expected: bool) -> None:
    assert is_word_character(character) is expected
