"""Sentence splitting that knows news abbreviations.

``split_sentences`` returns character spans so later stages can keep offsets
into the cleaned text. It is linear in the input: one regex scan per punctuation
mark the text holds, and one for blank lines, each opening with one literal
character that the regex engine finds fast (each match consumes its run of
punctuation, so runs of dots are read once); then a bounded look at the word
before and the word after. Punctuation right before a blank line ends its
sentence without that look, and its match reads the blank line too (most
paragraphs end so). The sentences it makes refer to the text and slice it when
read, so they hold no copy of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdrop.text.lazyre import LazyPattern


def words(listing: str) -> frozenset[str]:
    """The whitespace-separated words of ``listing`` as a set."""
    return frozenset(listing.split())


# Titles written before a name: "Gen. Smith", "Sen. Warren". A period after them never ends a sentence.
TITLES = words(
    """
    mr mrs ms messrs mme mmes mlle dr prof rev gen lt col maj capt cpt sgt cmdr adm brig gov sen rep
    pres supt det insp atty hon fr
    """
)

# Abbreviations written before a number: "No. 5", "Feb. 22", "Vol. 3". They end a
# sentence unless a digit follows ("the answer was no. Then").
BEFORE_NUMBER = words(
    """
    no nos vol vols pp p art sec fig figs ch para ed
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

# Abbreviations that may end a sentence ("Apple Inc. The ..."): split only before a sentence starter.
OTHER = words(
    """
    sr jr st mt ft inc ltd corp co bros llc plc assn dept univ est approx vs etc al cf eg ie
    ave blvd rd hwy ste mon tue tues wed thu thur thurs fri sat sun
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont
    neb nebr nev okla ore pa penn tenn tex va vt wash wis wisc wyo
    """
)

ABBREVIATIONS = TITLES | BEFORE_NUMBER | OTHER
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))

# Words that usually open a sentence; after an ambiguous abbreviation ("U.S.",
# "Inc.", an initial) they signal that the period did end the sentence.
SENTENCE_STARTERS = words(
    """
    the a an he she it they we i you this that these those there here his her its their our my your
    but and or so yet in on at for as if when while after before with by from to of one some many
    most all not what who why how where which still however meanwhile then now also both each
    according despite although though since because until during under over earlier later last
    such other another only even just more no any every nor instead thus
    """
)

# A candidate boundary: a run of terminal punctuation with its closing quotes, or a blank line. After
# punctuation, either group 1 is the blank line right after it (the punctuation closes a paragraph:
# whatever the word after, the sentence ends there, and the blank line is read in the same match), or
# group 2 is the next word, read in the same scan: up to 30 word characters after up to 200 spaces and 3
# opening quotes. ``match.lastindex`` tells the three apart: None (a blank line), 1 or 2.
# The regex engine finds a pattern's start fast only when it opens with one literal character (a class
# is tested character by character, several times slower), so there is one pattern per punctuation
# mark, and one for the blank lines that no punctuation closed; their matches are merged in text order
# (see ``_boundaries``).
_PUNCTUATION = ".!?…"
_AFTER_PUNCTUATION = (
    r"""[.!?…]*["'”’»)\]]*(?:([ \t\r\f\v]*\n[ \t\r\f\v]*\n)"""
    r"""|(?=\s{0,200}["'“‘«(\[]{0,3}(\w{0,30})))"""
)
_AT_PUNCTUATION = tuple(
    (mark, LazyPattern(re.escape(mark) + _AFTER_PUNCTUATION)) for mark in _PUNCTUATION
)
# A blank line not right after punctuation (there the punctuation's match reads it).
_BLANK_LINE_AFTER_TEXT = LazyPattern(r"\n(?<![.!?…]\n)[ \t\r\f\v]*\n")
# All of them as one pattern: the boundaries of ``_boundaries``, in one scan.
_BOUNDARY = LazyPattern(
    r"""[.!?…\n](?:(?<=\n)[ \t\r\f\v]*\n|(?<!\n)""" + _AFTER_PUNCTUATION + ")"
)
_MATCH_START = re.Match.start
# Texts up to this long are scanned mark by mark (see ``_boundaries``).
MERGE_MAX_CHARS = 100_000
_PARAGRAPH_END = 1
_NEXT_WORD = 2
# The word before a period: from the first letter after the last character that is no word
# character or ".", at most 21 characters. One linear match (possessive, no backtracking).
_WORD_BEFORE = LazyPattern(r"(?:[\w.]*+[^\w.])*+[\d_.]*+([^\W\d_][\w.]*+)?")
_NON_SPACE = LazyPattern(r"\S")
_ALNUM = LazyPattern(r"[^\W_]")


class Sentence:
    """A sentence as a span of the text it came from (treat it as immutable).

    ``Sentence(start, end, text)`` keeps ``text``; ``split_sentences`` makes sentences that keep a
    reference to the text they were cut from and slice it when ``text`` is read, so no copy of the
    article is held in sentences.
    """

    __slots__ = ("_base", "_source", "end", "start")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self._source = text
        self._base: int | None = None  # None: ``_source`` is the text; else the offset of its start

    @classmethod
    def _span(cls, source: str, start: int, end: int, base: int) -> Sentence:
        """The sentence ``source[start - base : end - base]``, kept as a reference to ``source``."""
        sentence = cls.__new__(cls)
        sentence.start = start
        sentence.end = end
        sentence._source = source
        sentence._base = base
        return sentence

    def moved(self, by: int) -> Sentence:
        """The same sentence with its span shifted by ``by`` (no copy of its text is made)."""
        if self._base is None:
            return Sentence(self.start + by, self.end + by, self._source)
        return Sentence._span(self._source, self.start + by, self.end + by, self._base + by)

    @property
    def text(self) -> str:
        """The sentence's text (sliced from the source text on each read for split sentences)."""
        base = self._base
        if base is None:
            return self._source
        return self._source[self.start - base : self.end - base]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sentence):
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Sentence(start={self.start!r}, end={self.end!r}, text={self.text!r})"


def _word_before(text: str, dot: int) -> str | None:
    r"""The word before the period at ``dot``: a letter, then up to 20 word characters or periods.

    The same as ``([^\W\d_][\w.]{0,20})$`` searched in ``text[dot - 22 : dot]`` (whose ``$`` also
    matches before a final newline). A plain word after a space is read without a regex.
    """
    end = dot - 1 if dot and text[dot - 1] == "\n" else dot
    if not end or text[end - 1].isspace():
        return None
    start = max(0, end - 21)
    space = text.rfind(" ", start, end)
    if space >= 0:
        word = text[space + 1 : end]
        if word.isalpha():
            return word
    return _WORD_BEFORE.match(text, start, end).group(1)


def _period_ends_sentence(text: str, dot: int, next_word: str) -> bool:
    """For a lone period at ``dot`` followed by a capitalised ``next_word``: is it a sentence end?"""
    word = _word_before(text, dot)
    if word is None:
        return True
    if len(word) > _LONGEST_ABBREVIATION and "." not in word:
        return True  # longer than any abbreviation: a plain word
    lower = word.lower()
    starter = next_word.lower() in SENTENCE_STARTERS
    if "." in word:  # U.S., a.m., U.N.: ends only before "The", "He", ...
        return starter
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return starter and next_word != "I"
    if lower in TITLES:
        return False
    if lower in BEFORE_NUMBER:
        return not next_word[:1].isdigit()
    if lower in OTHER:
        return starter
    return True


def _plain_word_before(text: str, dot: int) -> bool:
    """True when the word before the period at ``dot`` is no abbreviation, initial or number."""
    word = _word_before(text, dot)
    return word is not None and len(word) > 1 and "." not in word and word.lower() not in ABBREVIATIONS


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences; spans are shifted by ``offset``."""
    sentences: list[Sentence] = []
    start = 0
    size = len(text)
    non_space = _NON_SPACE.search
    append = sentences.append
    new = object.__new__
    consumed = 0  # where the last boundary read ends: a match of another pattern inside it is skipped
    for match in _boundaries(text):
        begin, end = match.span()
        if begin < consumed:
            continue
        consumed = end
        kind = match.lastindex
        if kind == _NEXT_WORD:
            if end < size and not text[end].isspace():
                continue  # "3.5", "U.S.-led", "Yahoo!Inc"
            if match.end(_NEXT_WORD) < size and not _ends_sentence(text, begin, end, match.group(_NEXT_WORD)):
                continue
        elif kind == _PARAGRAPH_END:
            # A blank line would end the sentence right here if the punctuation did not: it ends here.
            end = match.start(_PARAGRAPH_END)
        else:  # a blank line
            first = non_space(text, start, begin) if start < begin else None
            if first is not None:
                _append(sentences, text, first.start(), _rstrip(text, first.start(), begin), offset)
            start = end
            continue
        # The token is punctuation, so the sentence ends with it and starts at a non-space.
        first = start if not text[start].isspace() else non_space(text, start, end).start()
        if text[first].isalnum() or _ALNUM.search(text, first, end) is not None:  # as ``_append``
            sentence = new(Sentence)
            sentence.start = first + offset
            sentence.end = end + offset
            sentence._source = text
            sentence._base = offset
            append(sentence)
        start = consumed
    first = non_space(text, start)
    if first is not None:
        _append(sentences, text, first.start(), _rstrip(text, first.start(), size), offset)
    return sentences


def _boundaries(text: str) -> Iterable[re.Match[str]]:
    """The matches of ``_BOUNDARY`` in ``text``, in order, and maybe more: a match that starts inside an
    earlier one (its punctuation run, the blank line after it) ends where that one does; skip it.

    Each punctuation mark's pattern runs only when the text holds the mark. A blank line that
    ``_BLANK_LINE_AFTER_TEXT`` reads otherwise than ``_BOUNDARY`` (after a punctuation match read its
    first line break) follows only whitespace since the last boundary: reading it or not changes nothing.
    The matches are held in lists to be merged; a text longer than MERGE_MAX_CHARS is read by the one
    pattern instead, match by match, so that its memory does not grow with the number of boundaries.
    """
    if len(text) > MERGE_MAX_CHARS:
        return _BOUNDARY.finditer(text)
    found = [list(pattern.finditer(text)) for mark, pattern in _AT_PUNCTUATION if mark in text]
    if "\n" in text:
        found.append(list(_BLANK_LINE_AFTER_TEXT.finditer(text)))
    found = [matches for matches in found if matches]
    if len(found) <= 1:
        return found[0] if found else []
    merged = [match for matches in found for match in matches]
    merged.sort(key=_MATCH_START)
    return merged


def _ends_sentence(text: str, begin: int, end: int, next_word: str) -> bool:
    """Whether the punctuation at ``begin:end``, followed by space and ``next_word``, closes a sentence."""
    period = end - begin == 1 and text[begin] == "."
    first = next_word[:1]
    if first and not (first.isupper() or first.isdigit()):
        # "…?" he asked; a lower-case continuation. Only a bare period before "the", "he", ... in
        # lower-cased text ("it rained. the roads closed.") still ends a sentence.
        return period and next_word in SENTENCE_STARTERS and _plain_word_before(text, begin)
    if not period:
        return True  # "!", "?", "...", or a closing quote: “No.” Then
    return _period_ends_sentence(text, begin, next_word)


def _rstrip(text: str, start: int, end: int) -> int:
    """``end`` moved back over whitespace, not before ``start`` (which holds a non-space)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    """Add the stripped span ``text[start:end]`` if it holds a letter or digit."""
    if not text[start].isalnum() and _ALNUM.search(text, start, end) is None:
        return  # a stray " ." or "***" is not a sentence
    out.append(Sentence._span(text, start + offset, end + offset, offset))


_BLANK_LINE = LazyPattern(r"\n[ \t\r\f\v]*\n")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the blank-line separated paragraphs of ``text`` (surrounding whitespace trimmed)."""
    spans = []
    start = 0
    for match in _BLANK_LINE.finditer(text):
        _add_span(spans, text, start, match.start())
        start = match.end()
    _add_span(spans, text, start, len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start + len(chunk) - len(chunk.lstrip())
        spans.append((s, s + len(stripped)))
