"""Sentence splitting that knows news abbreviations.

``split_sentences`` returns character spans so later stages can keep offsets
into the cleaned text. It is linear in the input: one regex scan for candidate
boundaries (each match consumes its run of punctuation, so runs of dots are
read once), then a bounded look at the word before and the word after. The
sentences it makes refer to the text and slice it when read, so they hold no
copy of it.
"""

from __future__ import annotations

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

# A candidate boundary: a run of terminal punctuation with its closing quotes, or a blank line. It starts
# with one character class, which the regex engine scans for quickly. After punctuation, group 1 is the
# next word, read in the same scan: up to 30 word characters after up to 200 spaces and 3 opening quotes.
_BOUNDARY = LazyPattern(
    r"""[.!?…\n](?:(?<=\n)[ \t\r\f\v]*\n"""
    r"""|(?<!\n)[.!?…]*["'”’»)\]]*(?=\s{0,200}["'“‘«(\[]{0,3}(\w{0,30})))"""
)
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
    for match in _BOUNDARY.finditer(text):
        begin, end = match.span()
        next_word = match.group(1)
        if next_word is None:  # a blank line
            first = non_space(text, start, begin) if start < begin else None
            if first is not None:
                _append(sentences, text, first.start(), _rstrip(text, first.start(), begin), offset)
        elif end < size and not text[end].isspace():
            continue  # "3.5", "U.S.-led", "Yahoo!Inc"
        elif match.end(1) >= size or _ends_sentence(text, begin, end, next_word):
            # The token is punctuation, so the sentence ends with it and starts at a non-space.
            first = start if not text[start].isspace() else non_space(text, start, end).start()
            _append(sentences, text, first, end, offset)
        else:
            continue
        start = end
    first = non_space(text, start)
    if first is not None:
        _append(sentences, text, first.start(), _rstrip(text, first.start(), size), offset)
    return sentences


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
