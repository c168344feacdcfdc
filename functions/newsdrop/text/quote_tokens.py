"""Tokens of the words around a quote (its attribution), and the cue test on them.

A token is a small tuple with named fields, built in one step per regex match: the words
around a quote are tokenized once per passage, never the whole text.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from operator import itemgetter

from newsdrop.text import cues
from newsdrop.text.lazyre import LazyPattern

# Words with inner apostrophes/hyphens, "U.S."-style acronyms, punctuation.
_TOKEN = LazyPattern(r"(?:[^\W\d_]\.){2,}|[^\W_][\w'’\-]*\.?|[^\w\s]")
_BRACKETS = frozenset("()[]")


class Tok(tuple):
    """A token: its text, offsets, lower-cased form (no trailing period) and shape."""

    __slots__ = ()
    text: str = property(itemgetter(0))  # type: ignore[assignment]
    start: int = property(itemgetter(1))  # type: ignore[assignment]
    end: int = property(itemgetter(2))  # type: ignore[assignment]
    low: str = property(itemgetter(3))  # type: ignore[assignment]
    cap: bool = property(itemgetter(4))  # type: ignore[assignment]
    word: bool = property(itemgetter(5))  # type: ignore[assignment]


_new = tuple.__new__


def tok(text: str, start: int, end: int) -> Tok:
    """A token of ``text`` (the word itself) found at text[start:end] of the article."""
    return _new(Tok, (text, start, end, text.lower().rstrip("."), text[:1].isupper(), text[:1].isalnum()))


def tokens(text: str, lo: int, hi: int) -> list[Tok]:
    """Tokens of text[lo:hi] outside brackets; a trailing period stays on a word unless it ends a sentence
    (then it is split off: a lone sentence-ending "." leaves an empty token before it)."""
    return list(_tokens(text, lo, hi))


def _tokens(text: str, lo: int, hi: int) -> Iterator[Tok]:
    """``tokens``, one by one. The text is split at white space first: a chunk that is one plain word
    (or one followed by a period, comma, colon or semicolon) needs no regex."""
    depth = 0
    find = text.find
    pos = lo
    for chunk in text[lo:hi].split():
        start = find(chunk, pos)
        end = pos = start + len(chunk)
        if chunk.isalnum():
            if not depth:
                yield _new(Tok, (chunk, start, end, chunk.lower(), chunk[0].isupper(), True))
            continue
        if chunk[-1] in ",;:" and chunk[:-1].isalnum():
            if not depth:
                word = chunk[:-1]
                yield _new(Tok, (word, start, end - 1, word.lower(), word[0].isupper(), True))
                yield _new(Tok, (chunk[-1], end - 1, end, chunk[-1], False, False))
            continue
        if chunk[-1] == "." and chunk[:-1].isalnum():  # a word and its period
            if not depth:
                if _ends_sentence(text, end, chunk):
                    yield tok(chunk[:-1], start, end - 1)
                    yield tok(".", end - 1, end)
                else:
                    yield _new(Tok, (chunk, start, end, chunk[:-1].lower(), chunk[0].isupper(), True))
            continue
        for m in _TOKEN.finditer(text, start, end):
            word = m.group()
            if word in _BRACKETS:
                if word in "([":
                    depth += 1
                    continue
                depth = max(0, depth - 1)
                continue
            if depth:
                continue
            first, last = m.span()
            if word[-1] == "." and word.count(".") == 1 and _ends_sentence(text, last, word):
                yield tok(word[:-1], first, last - 1)
                yield tok(".", last - 1, last)
                continue
            head = word[0]
            yield _new(Tok, (word, first, last, word.lower().rstrip("."), head.isupper(), head.isalnum()))


class TokenStream:
    """The tokens of text[lo:hi] (as ``tokens``), read on demand: ``toks`` holds those read so far.

    An attribution is usually decided by its first few words; the rest is then never tokenized."""

    __slots__ = ("_more", "toks")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.toks: list[Tok] = []
        self._more: Iterator[Tok] | None = _tokens(text, lo, hi)

    def need(self, n: int) -> bool:
        """True when there are at least ``n`` tokens (reading on as far as needed)."""
        toks = self.toks
        if len(toks) >= n:
            return True
        if self._more is None:
            return False
        toks.extend(islice(self._more, n - len(toks)))
        if len(toks) >= n:
            return True
        self._more = None  # fewer came than asked for: the tokens are exhausted
        return False

    def all(self) -> list[Tok]:
        """Every token."""
        if self._more is not None:
            self.toks.extend(self._more)
            self._more = None
        return self.toks

    def cue(self, k: int) -> bool:
        """``is_cue`` at toks[k] (which must have been read)."""
        low = self.toks[k][3]
        if low in cues.CUE_VERBS:
            return True
        pair = _PAIRED.get(low)
        return pair is not None and self.need(k + 2) and self.toks[k + 1][3] == pair


def _ends_sentence(text: str, end: int, word: str) -> bool:
    """True when the period closing ``word`` ends a sentence (not "Sen. Bob", "J. Smith", "R-Ky., said")."""
    nxt = text[end : end + 2].lstrip()[:1]
    if nxt and (nxt in ",)" or nxt.islower()):
        return False
    stem = word[:-1].lower()
    titled = stem in cues.TITLES or stem in cues.SUFFIXES or (len(stem) == 1 and word[0].isupper())
    return not (titled and nxt.isupper())


def is_cue(toks: list[Tok], k: int) -> bool:
    """True if toks[k] starts a cue: a verb of saying, "went on", "according to", "put it"."""
    low = toks[k][3]
    if low in cues.CUE_VERBS:
        return True
    if low in _PAIRED:
        nxt = toks[k + 1][3] if k + 1 < len(toks) else ""
        return nxt == _PAIRED[low]
    return False


# Words that are cues only with the next word: "went on", "according to", "put it".
_PAIRED = {**dict.fromkeys(cues.PHRASAL_ON, "on"), "according": "to", "put": "it"}


def any_cue(toks: list[Tok]) -> bool:
    """True if a cue starts anywhere in ``toks``."""
    return any(is_cue(toks, k) for k in range(len(toks)))
