"""Word characters of a text chunk as bytes, for stages that only need word runs (statistics, fingerprint).

A chunk is encoded as UTF-8 and passed through a byte table that maps ASCII; the general punctuation
block (’ “ ” — …, none a word character) becomes spaces; each remaining non-ASCII character goes through
a per-character function of the caller. This does in C what a ``\\w+`` scan does in Python objects, as
long as few characters are non-ASCII: a chunk of another script is left to the caller's regex.
"""

from __future__ import annotations

from collections.abc import Callable
from re import Match

from newsdrop.text.lazyre import LazyPattern

# U+2000-U+206F (spaces, dashes, quotes, ellipsis, format marks: none is a word character) in UTF-8.
_GENERAL_PUNCTUATION = LazyPattern(rb"\xe2(?:\x80[\x80-\xbf]|\x81[\x80-\xaf])")
_NON_ASCII_CHARACTER = LazyPattern(rb"[\xc0-\xff][\x80-\xbf]{0,3}")
_NOT_LEAD_BYTES = bytes(range(0xC0))  # deleted, they leave one byte per non-ASCII character
_FEW_CHARACTERS = 24  # at most one character in this many is mapped alone; else the caller's regex


def map_word_bytes(
    chunk: str, ascii_table: bytes, non_ascii: Callable[[Match[bytes]], bytes]
) -> bytes | None:
    """``chunk`` as UTF-8 with ``ascii_table`` applied, general punctuation as spaces and every other
    non-ASCII character replaced by ``non_ascii(match)``; None when more than one character in
    ``_FEW_CHARACTERS`` would need that (text of another script: the caller reads it with a regex)."""
    data = chunk.encode("utf-8", "surrogatepass").translate(ascii_table)
    if data.isascii():
        return data
    data = _GENERAL_PUNCTUATION.sub(b" ", data)
    if data.isascii():
        return data
    if len(data.translate(None, _NOT_LEAD_BYTES)) * _FEW_CHARACTERS > len(chunk):
        return None
    return _NON_ASCII_CHARACTER.sub(non_ascii, data)


def is_word_character(character: str) -> bool:
    """Whether ``character`` is one that ``\\w`` matches."""
    return character.isalnum() or character == "_"
