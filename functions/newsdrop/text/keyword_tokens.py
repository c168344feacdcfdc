"""The content words keyword extraction counts, read whitespace chunk by chunk through a bounded cache.

A token is ``\\w+(?:['’-]\\w+)*``; tokens never span whitespace, so the tokens of a text are those
of its whitespace-separated chunks ("Ukraine's", "Ukraine.", "said,"), in order. A chunk is read
once: ``CHUNK_WORDS[chunk]`` holds its content words as a flat tuple (stem, written form, stem,
written form, ...), and the cache is emptied when it reaches ``CACHE_SIZE`` chunks, so memory
stays bounded on any input.

``SentenceWords`` splits an article's first sentences into chunks once, on first use, and keeps the
lists for the next stage: keyword extraction and the summary both read them (the chunk strings then
also carry their hashes, so the second stage's cache look-ups are cheaper too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence
from newsdrop.text.stem import stem
from newsdrop.text.stopwords import STOPWORDS

_TOKEN = LazyPattern(r"\w+(?:['’-]\w+)*")
_CLITIC = LazyPattern(r"['’](?:s|re|ve|ll|d|m|t)$", re.IGNORECASE)
_CHUNK = LazyPattern(r"\S+")
MIN_LENGTH = 3
CACHE_SIZE = 8192  # chunks kept (about 200 bytes each); emptied when full, every ~15 articles of a stream
LONG_SENTENCE = 20_000  # characters; a longer sentence is read with finditer, not split into one list
SHARED_CHARACTERS = 20_000  # SentenceWords keeps the chunks of the first sentences within this many
# Upper-case forms kept although their lower-case forms are stopwords.
ACRONYMS = frozenset({"US", "UN"})
# Month names are dates, not topics ("may" is already a stopword).
MONTHS = frozenset(
    "january february march april june july august september october november december".split()
)

Entry = tuple[str, str]  # (stem, written form without clitic)


class _ChunkWords(dict[str, tuple[str, ...]]):
    """chunk -> its content words, flat (stem, form, stem, form, ...); filled on first look-up,
    emptied when full."""

    __slots__ = ()

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= CACHE_SIZE:
            self.clear()
            CHUNK_LEADS.clear()
        entries, lead = _read(chunk)
        self[chunk] = entries
        CHUNK_LEADS[chunk] = lead
        return entries


CHUNK_WORDS = _ChunkWords()
# chunk -> its first token's form when that token is a content word, "" when it is another token,
# None when the chunk holds no token ("—", "“"). Filled and emptied with CHUNK_WORDS.
CHUNK_LEADS: dict[str, str | None] = {}


def chunks(sentence: str) -> Iterable[str]:
    """The whitespace-separated chunks of ``sentence``; a lazy scan for a very long one."""
    if len(sentence) <= LONG_SENTENCE:
        return sentence.split()
    return (match.group() for match in _CHUNK.finditer(sentence))


# A sentence split: (its text, its whitespace-separated chunks), or None for a sentence longer than
# LONG_SENTENCE (each stage reads such a one lazily).
Split = tuple[str, list[str]] | None


class SentenceWords:
    """The chunks of an article's first sentences, split on first use and kept for the next stage.

    Only the sentences within the first ``SHARED_CHARACTERS`` characters are kept (bounded memory):
    ``splits()[i]`` is that of ``sentences[i]``; a stage splits the later sentences itself."""

    __slots__ = ("_sentences", "_splits")

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = sentences
        self._splits: list[Split] | None = None

    def splits(self) -> list[Split]:
        if self._splits is None:
            out: list[Split] = []
            budget = SHARED_CHARACTERS
            for sentence in self._sentences:
                text = sentence.text
                budget -= len(text)
                if budget < 0:
                    break
                out.append((text, text.split()) if len(text) <= LONG_SENTENCE else None)
            self._splits = out
            self._sentences = ()
        return self._splits


def lead(sentence: str, parts: Iterable[str]) -> str:
    """The form of the sentence's first token when it is a content word, else "".

    ``parts`` are the sentence's chunks as ``chunks`` returned them (a list is read again; for a
    long sentence the first token is searched for)."""
    if isinstance(parts, list):
        for chunk in parts:
            first = CHUNK_LEADS.get(chunk, "?")
            if first == "?":
                first = _read(chunk)[1]
            if first is not None:
                return first
        return ""
    match = _TOKEN.search(sentence)
    entry = classify(match.group()) if match else None
    return entry[1] if entry else ""


def _read(chunk: str) -> tuple[tuple[str, ...], str | None]:
    """(content words of ``chunk``, form of its first token or "" / None): see ``CHUNK_LEADS``."""
    # Most chunks are one word, maybe with one mark after it ("said,"): one token, no regex needed
    # (letters are word characters; a last character that is none ends the token).
    if chunk.isalpha():
        tokens = [chunk]
    elif chunk[:-1].isalpha() and not (chunk[-1].isalnum() or chunk[-1] == "_"):
        tokens = [chunk[:-1]]
    else:
        tokens = _TOKEN.findall(chunk)
    if len(tokens) == 1:  # the token's entry is the flat tuple itself
        token = tokens[0]
        entry = classify(chunk if token == chunk else token)
        return (entry, entry[1]) if entry is not None else ((), "")
    if not tokens:
        return (), None
    entries = [classify(token) for token in tokens]
    first = entries[0]
    flat = tuple(part for entry in entries if entry is not None for part in entry)
    return flat, (first[1] if first else "")


def classify(token: str) -> Entry | None:
    """(stem, written form without clitic) of a content word; None for other tokens."""
    if not token[0].isalpha():
        return None  # "2014", "3rd"
    word = _CLITIC.sub("", token) if "'" in token or "’" in token else token
    lower = word.lower()
    if (lower in STOPWORDS or len(lower) < MIN_LENGTH or lower in MONTHS) and not is_acronym(word):
        return None
    return stem(lower), word


def is_acronym(word: str) -> bool:
    """"US", "UN", "EU": short upper-case names kept despite their length or lower-case twin."""
    return word[0].isupper() and (
        word in ACRONYMS or (len(word) == 2 and word.isupper() and word.lower() not in STOPWORDS)
    )
