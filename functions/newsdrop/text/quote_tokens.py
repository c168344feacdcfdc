"""Tokens of the words around a quote (its attribution), and the cue test on them.

A token is a plain tuple (``TEXT``, ``START``, ... name its fields), built in one step: the words
around a quote are tokenized once per passage and only as far as they are read, never the whole text.
"""

from __future__ import annotations

from collections.abc import Callable

from newsdrop.text import cues
from newsdrop.text.lazyre import LazyPattern

# Words with inner apostrophes/hyphens, "U.S."-style acronyms, punctuation.
_TOKEN = LazyPattern(r"(?:[^\W\d_]\.){2,}|[^\W_][\w'’\-]*\.?|[^\w\s]")
_BRACKETS = frozenset("()[]")


# A token is a plain tuple, read by index: (text, start, end, low, cap, word); ``low`` is the text in
# lower case without a trailing period, ``cap`` True when it starts with a capital, ``word`` when with a
# letter or digit.
Tok = tuple[str, int, int, str, bool, bool]
TEXT, START, END, LOW, CAP, WORD = range(6)


def tok(text: str, start: int, end: int) -> Tok:
    """A token of ``text`` (the word itself) found at text[start:end] of the article."""
    return (text, start, end, text.lower().rstrip("."), text[:1].isupper(), text[:1].isalnum())


def tokens(text: str, lo: int, hi: int) -> list[Tok]:
    """Tokens of text[lo:hi] outside brackets; a trailing period stays on a word unless it ends a sentence
    (then it is split off: a lone sentence-ending "." leaves an empty token before it)."""
    return TokenStream(text, lo, hi).all()


def _add(text: str, chunk: str, start: int, depth: int, append: Callable[[Tok], None]) -> int:
    """Append the tokens of one chunk of text without white space found at ``start`` (unless inside
    brackets, ``depth`` deep) and return the bracket depth after it. A plain word (or one followed by
    a period, comma, colon or semicolon) needs no regex."""
    end = start + len(chunk)
    if chunk.isalnum():
        if not depth:
            append((chunk, start, end, chunk.lower(), chunk[0].isupper(), True))
        return depth
    last = chunk[-1]
    if last in ",;:" and chunk[:-1].isalnum():
        if not depth:
            word = chunk[:-1]
            append((word, start, end - 1, word.lower(), word[0].isupper(), True))
            append((last, end - 1, end, last, False, False))
        return depth
    if last == "." and chunk[:-1].isalnum():  # a word and its period
        if not depth:
            if _ends_sentence(text, end, chunk):
                append(tok(chunk[:-1], start, end - 1))
                append(tok(".", end - 1, end))
            else:
                append((chunk, start, end, chunk[:-1].lower(), chunk[0].isupper(), True))
        return depth
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        if word in _BRACKETS:
            depth = depth + 1 if word in "([" else max(0, depth - 1)
            continue
        if depth:
            continue
        first, last_end = m.span()
        if word[-1] == "." and word.count(".") == 1 and _ends_sentence(text, last_end, word):
            append(tok(word[:-1], first, last_end - 1))
            append(tok(".", last_end - 1, last_end))
            continue
        head = word[0]
        append((word, first, last_end, word.lower().rstrip("."), head.isupper(), head.isalnum()))
    return depth


class TokenStream:
    """The tokens of text[lo:hi] (as ``tokens``), read on demand: ``toks`` holds those read so far.

    The text is split once (a few hundred characters at most around a quote); its chunks become
    tokens only as far as asked for. An attribution is usually decided by its first few words; the
    rest is then never tokenized. When spaces are the only white space (the text is printable), the
    split is at each space and a chunk's offset is counted, not searched for."""

    __slots__ = ("_chunks", "_depth", "_next", "_pos", "_spaced", "_text", "toks")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.toks: list[Tok] = []
        self._text = text
        region = text[lo:hi]
        # Every white space character but " " is a control character or a separator: not printable.
        self._spaced = spaced = region.isprintable()
        self._chunks = region.split(" ") if spaced else region.split()
        self._next = 0  # the next chunk to read
        self._pos = lo  # where it starts (spaced) or is looked for
        self._depth = 0  # brackets open

    def need(self, n: int) -> bool:
        """True when there are at least ``n`` tokens (reading on as far as needed)."""
        toks = self.toks
        if len(toks) >= n:
            return True
        chunks, at = self._chunks, self._next
        count = len(chunks)
        if at >= count:
            return False
        text, pos, depth = self._text, self._pos, self._depth
        append = toks.append
        if self._spaced:  # chunks split at single spaces (empty between two spaces): offsets by counting
            while at < count:
                chunk = chunks[at]
                at += 1
                start = pos
                pos += len(chunk) + 1
                if not chunk:
                    continue
                if not depth and chunk.isalnum():
                    append((chunk, start, pos - 1, chunk.lower(), chunk[0].isupper(), True))
                else:
                    depth = _add(text, chunk, start, depth, append)
                if len(toks) >= n:
                    break
        else:
            find = text.find
            while at < count:
                chunk = chunks[at]
                at += 1
                start = find(chunk, pos)
                pos = start + len(chunk)
                if not depth and chunk.isalnum():
                    append((chunk, start, pos, chunk.lower(), chunk[0].isupper(), True))
                else:
                    depth = _add(text, chunk, start, depth, append)
                if len(toks) >= n:
                    break
        self._next, self._pos, self._depth = at, pos, depth
        return len(toks) >= n

    def all(self) -> list[Tok]:
        """Every token."""
        self.need(_EVERY)
        return self.toks

    def cue(self, k: int) -> bool:
        """``is_cue`` at toks[k] (which must have been read)."""
        low = self.toks[k][3]
        if low in cues.CUE_VERBS:
            return True
        pair = PAIRED.get(low)
        return pair is not None and self.need(k + 2) and self.toks[k + 1][3] == pair


_EVERY = 1 << 62


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
    if low in PAIRED:
        nxt = toks[k + 1][3] if k + 1 < len(toks) else ""
        return nxt == PAIRED[low]
    return False


# Words that are cues only with the next word: "went on", "according to", "put it".
PAIRED = {**dict.fromkeys(cues.PHRASAL_ON, "on"), "according": "to", "put": "it"}


def any_cue(toks: list[Tok]) -> bool:
    """True if a cue starts anywhere in ``toks``."""
    verbs = cues.CUE_VERBS
    for k, t in enumerate(toks):  # is_cue at each k, its common answers inline
        low = t[3]
        if low in verbs or (low in PAIRED and is_cue(toks, k)):
            return True
    return False
