"""Quote marks paired into passages: the first pass of quote extraction.

Curly and straight marks pair up (``''`` counts as a straight double mark), marks of the other
family nest inside, and a quote runs over paragraphs when a paragraph is left open and the next
one opens with a mark. The marks are found with ``str.find`` a block of text at a time; line breaks
are looked up between two marks only while a passage is open. Passages come out one at a time, in
text order.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsdrop.text.lazyre import LazyPattern

_MARK = LazyPattern(r"''|[\"“”„«»]")
_ONE_CHAR_MARKS = '"“”„«»'
_BLOCK = 1 << 12  # marks are gathered and sorted a block of text at a time (bounded memory)
_SPACES = LazyPattern(r"\s*")
_NON_SPACE = LazyPattern(r"\S")
_CURLY_OPENERS = "“„«"
_STRAIGHT = ('"', "''")
_LEFT_OPEN = frozenset("([{—–-/\u00a0“„«‘")
_RIGHT_CLOSE = frozenset(".,;:!?)]}—–-/…\u00a0”»’")
OPEN, CLOSE, EITHER = 1, 2, 3


class Passage:
    """Quoted text: ``start``/``end`` cover the marks, ``parts`` the quoted words."""

    __slots__ = ("after", "end", "parts", "speaker", "start")

    def __init__(self, start: int, end: int, parts: list[tuple[int, int]]) -> None:
        self.start, self.end, self.parts = start, end, parts
        self.speaker: str | None = None
        self.after: list | None = None  # the attribution tokens after it, once worked out


def direction(text: str, i: int, j: int, mark: str) -> int:
    """Whether the mark at text[i:j] opens, closes or could do either."""
    prev = text[i - 1] if i else "\n"
    nxt = text[j] if j < len(text) else "\n"
    left = prev.isspace() or prev in _LEFT_OPEN
    right = nxt.isspace() or nxt in _RIGHT_CLOSE
    if left and not right:
        return OPEN
    if right and not left:
        return CLOSE
    if mark in _CURLY_OPENERS:
        return OPEN
    return EITHER if mark in _STRAIGHT else CLOSE


def _marks(text: str) -> Iterator[tuple[int, int]]:
    """The quote marks of ``text`` as (start, end), in text order: what ``_MARK.finditer`` finds, found
    block by block with ``str.find`` (one pass per mark character, far cheaper than a regex scan)."""
    double = "'" in text and "''" in text  # the one-character test is the cheaper pass
    after_double = 0  # where the next '' may start (they do not overlap)
    find = text.find
    for lo in range(0, len(text), _BLOCK):
        hi = lo + _BLOCK
        found: list[tuple[int, int]] = []
        for mark in _ONE_CHAR_MARKS:
            at = find(mark, lo, hi)
            while at >= 0:
                found.append((at, at + 1))
                at = find(mark, at + 1, hi)
        if double:
            at = find("''", max(lo, after_double), hi + 1)
            while 0 <= at < hi:
                found.append((at, at + 2))
                after_double = at + 2
                at = find("''", at + 2, hi + 1)
        found.sort()
        yield from found


def passages(text: str) -> Iterator[Passage]:
    """Pair quote marks into passages, in text order.

    A line break inside an open passage ends it, unless the next paragraph opens with a mark:
    then the passage goes on there (the line break splits its parts)."""
    start = -1
    family = ""
    parts: list[tuple[int, int]] = []
    content = nested = 0
    resume = -1  # position of the mark that continues a passage in the next paragraph
    last = 0  # end of the previous mark
    size = len(text)
    for i, j in _marks(text):
        if start >= 0 and (line := text.find("\n", last, i)) >= 0:
            k = _SPACES.match(text, line + 1).end()
            nxt = _MARK.match(text, k)
            if nxt and direction(text, k, nxt.end(), nxt.group()) != CLOSE:
                parts.append((content, line))
                resume = k
            else:
                start = -1
        last = j
        if i == resume and start >= 0:
            content = j
            continue
        mark = text[i:j]
        fam = "s" if mark in _STRAIGHT else "c"
        prev = text[i - 1] if i else "\n"  # direction(text, i, j, mark), inline
        nxt_char = text[j] if j < size else "\n"
        left = prev in _LEFT_OPEN or prev.isspace()
        if left != (nxt_char in _RIGHT_CLOSE or nxt_char.isspace()):
            way = OPEN if left else CLOSE
        else:
            way = OPEN if mark in _CURLY_OPENERS else EITHER if fam == "s" else CLOSE
        if start < 0:
            if way != CLOSE:
                start, family, parts, content, nested = i, fam, [], j, 0
            continue
        if fam != family:
            if way == OPEN:
                nested += 1
            elif nested:
                nested -= 1
            elif way == CLOSE:
                if found := _closed(text, start, j, [*parts, (content, i)]):
                    yield found
                start = -1
            continue
        if way == OPEN:
            start, parts, content, nested = i, [], j, 0
        else:
            if found := _closed(text, start, j, [*parts, (content, i)]):
                yield found
            start = -1


def _closed(text: str, start: int, end: int, parts: list[tuple[int, int]]) -> Passage | None:
    """The closed passage, if it has words."""
    search = _NON_SPACE.search
    if len(parts) == 1:  # most quotes: one part
        a, b = parts[0]
        return Passage(start, end, parts) if search(text, a, b) else None
    parts = [(a, b) for a, b in parts if search(text, a, b)]
    return Passage(start, end, parts) if parts else None
