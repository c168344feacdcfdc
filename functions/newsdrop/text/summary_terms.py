"""What the summary reads of a sentence, whitespace chunk by chunk through a bounded cache.

A word is a run of letters and digits (``[^\\W_]+``) of the lower-cased text, kept when longer than
one character and not a stopword, and stemmed. Words never span whitespace and lower-casing works
chunk by chunk, so the words of a text are those of its whitespace-separated chunks, in order.
``CHUNK_TERMS[chunk]`` holds a chunk's stems, and ``HINT`` after them when its lower case may be part
of a page-furniture hint (``JUNK_HINTS``: it holds ":", or ends with "read" of "read more"), so that
most sentences are cleared of all hints by one set look-up; one regex scan finds the one-word hints
in a new chunk. The cache is emptied when full. ``read_chunks`` reads a sentence already split.
A text longer than ``LONG_SENTENCE`` characters (no summary sentence) is scanned lazily and gives
the stems of its first ``LONG_SENTENCE`` characters only: bounded memory on any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.stem import stem
from newsdrop.text.stopwords import STOPWORDS

_WORD = LazyPattern(r"[^\W_]+")
_CHUNK = LazyPattern(r"\S+")
CACHE_SIZE = 8192  # chunks kept; emptied when full, every ~15 articles of a stream
LONG_SENTENCE = 20_000  # characters; a longer text is read with finditer, not split into one list
LONG_WORDS = 1000  # the words of such a text are counted up to this many
# Substrings of the lower-cased sentence that may mark page furniture ("Scroll down for video").
JUNK_HINTS = (
    "scroll", "read more", "click", "subscribe", "sign up", "follow us", "photo", "getty", "reuters", "afp",
    "published:", "updated", "rights reserved", "copyright", "©", "share this", "video", "below", ":",
)
# A hint in a text lies inside one whitespace chunk, or (two words) the chunk ends with its first word.
_ONE_WORD_HINTS = tuple(hint for hint in JUNK_HINTS if " " not in hint)
_HINT_HEADS = tuple(hint.split(" ")[0] for hint in JUNK_HINTS if " " in hint)
_ONE_WORD_HINT = LazyPattern("|".join(map(re.escape, _ONE_WORD_HINTS)))  # any of them, in one scan


HINT = "\x00hint"  # marks a chunk that may hold a hint; never a stem (stems are letters and digits)


class _ChunkTerms(dict[str, tuple[str, ...]]):
    """chunk -> the stems of its content words (and ``HINT``); filled on first look-up, emptied when full."""

    __slots__ = ()

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= CACHE_SIZE:
            self.clear()
        lower = chunk.lower()
        # Most chunks are one word, maybe with one mark after it ("said,"): no regex needed (letters
        # are word characters; a last character that is no letter or digit ends the word).
        if lower.isalpha():
            word = lower
        elif lower[:-1].isalpha() and not lower[-1].isalnum():
            word = lower[:-1]
        else:
            word = None
        if word is not None:
            stems = [stem(word)] if len(word) > 1 and word not in STOPWORDS else []
        else:
            stems = [stem(w) for w in _WORD.findall(lower) if len(w) > 1 and w not in STOPWORDS]
        if lower.endswith(_HINT_HEADS) or _ONE_WORD_HINT.search(lower) is not None:
            stems.append(HINT)
        value = self[chunk] = tuple(stems)
        return value


CHUNK_TERMS = _ChunkTerms()
_NOT_HINT = HINT.__ne__


Read = tuple[frozenset[str], int, bool]


def read(text: str) -> Read:
    """(content stems, number of whitespace-separated words, whether a ``JUNK_HINTS`` may occur).

    For a text longer than ``LONG_SENTENCE`` see ``_read_long``.
    The stems are added in reading order, so equal texts give sets with equal iteration order.
    When the third item is False, no hint occurs in ``text.lower()`` nor in that of any part of it."""
    return read_all([text])[0]


def read_all(texts: Iterable[str]) -> list[Read]:
    """``read`` of each text."""
    return [_read_long(text) if len(text) > LONG_SENTENCE else read_chunks(text.split()) for text in texts]


def read_chunks(parts: list[str]) -> Read:
    """``read`` of the text whose whitespace-separated chunks are ``parts``."""
    stems_of = CHUNK_TERMS.__getitem__
    stems = frozenset(chain.from_iterable(filter(None, map(stems_of, parts))))
    if HINT in stems:  # rare: read again without the marks, in the same order
        return frozenset(filter(_NOT_HINT, chain.from_iterable(map(stems_of, parts)))), len(parts), True
    return stems, len(parts), False


def terms(text: str) -> frozenset[str]:
    """The content stems of ``text``."""
    return read_all([text])[0][0]


def all_terms(texts: Iterable[str]) -> Iterator[frozenset[str]]:
    """The content stems of each text, one text at a time."""
    for text in texts:
        yield read_all([text])[0][0]


def word_count(text: str, limit: int) -> int:
    """The number of whitespace-separated words of ``text``, counted up to ``limit + 1``."""
    if len(text) <= LONG_SENTENCE:
        return len(text.split())
    return sum(1 for _ in islice(_CHUNK.finditer(text), limit + 1))


def _read_long(text: str) -> Read:
    """``read`` of a text too long to split into one list (never a summary sentence): the stems of
    the chunks that start in its first ``LONG_SENTENCE`` characters, the words counted up to
    ``LONG_WORDS + 1``."""
    stems = []
    count = 0
    stems_of = CHUNK_TERMS.__getitem__
    for match in _CHUNK.finditer(text):
        count += 1
        if match.start() < LONG_SENTENCE:
            stems += stems_of(match.group())
        elif count > LONG_WORDS:
            break
    return frozenset(filter(_NOT_HINT, stems)), count, True
