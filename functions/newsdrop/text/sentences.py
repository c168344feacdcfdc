"""Sentence splitting that knows news abbreviations.

``split_sentences`` returns character spans so later stages can keep offsets
into the cleaned text. It is linear in the input: one regex scan for candidate
boundaries (each match consumes its run of punctuation, so runs of dots are
read once), then a bounded look at the word before and the word after.
"""

from __future__ import annotations

from dataclasses import dataclass

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

# A candidate boundary: a run of terminal punctuation with its closing quotes, or a blank line.
_BOUNDARY = LazyPattern(r"""[.!?…]+["'”’»)\]]*|\n[ \t\r\f\v]*\n""")
_WORD_BEFORE = LazyPattern(r"([^\W\d_][\w.]{0,20})$")
_NEXT = LazyPattern(r"""\s{0,200}["'“‘«(\[]{0,3}(\w{0,30})""")
_CLOSERS = "\"'”’»)]"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a span of the text it came from."""

    start: int
    end: int
    text: str


def _period_ends_sentence(text: str, dot: int, next_word: str) -> bool:
    """For a lone period at ``dot`` followed by a capitalised ``next_word``: is it a sentence end?"""
    match = _WORD_BEFORE.search(text, max(0, dot - 22), dot)
    if not match:
        return True
    word = match.group(1)
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
    match = _WORD_BEFORE.search(text, max(0, dot - 22), dot)
    if not match:
        return False
    word = match.group(1)
    return len(word) > 1 and "." not in word and word.lower() not in ABBREVIATIONS


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences; spans are shifted by ``offset``."""
    sentences: list[Sentence] = []
    start = 0
    size = len(text)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        token = match.group()
        if token[0] != "\n" and not _is_boundary(text, match.start(), end, token, size):
            continue
        _append(sentences, text, start, end, offset)
        start = end
    _append(sentences, text, start, size, offset)
    return sentences


def _is_boundary(text: str, begin: int, end: int, token: str, size: int) -> bool:
    """Whether the punctuation ``token`` at ``begin:end`` closes a sentence."""
    if end < size and not text[end].isspace():
        return False  # "3.5", "U.S.-led", "Yahoo!Inc"
    follow = _NEXT.match(text, end)
    if follow is None or follow.end() >= size:
        return True  # only whitespace (or a bare quote) left
    next_word = follow.group(1)
    first = next_word[:1]
    if first and not (first.isupper() or first.isdigit()):
        # "…?" he asked; a lower-case continuation. Only a bare period before "the", "he", ... in
        # lower-cased text ("it rained. the roads closed.") still ends a sentence.
        return token == "." and next_word in SENTENCE_STARTERS and _plain_word_before(text, begin)
    marks = token.rstrip(_CLOSERS)
    if marks != "." or len(token) > len(marks):
        return True  # "!", "?", "...", or a closing quote: “No.” Then
    return _period_ends_sentence(text, begin, next_word)


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not any(c.isalnum() for c in stripped):
        return  # a stray " ." or "***" is not a sentence
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append(Sentence(s + offset, s + len(stripped) + offset, stripped))


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
