"""Tokens of the entity recognizer: words with capitalization flags, and the lines where case says
nothing (all-capital or Title Case headlines). One regex pass over a window of the text, line by line,
that also gathers what the recognizer needs of the whole text (``TextStats``).

``windows`` cuts a long text into windows that no entity span nor any look-around of the recognizer
crosses, so that only one window's tokens are held at a time."""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter, methodcaller

from newsdrop.text.lazyre import LazyPattern

# A run of one mark repeated (a rule "-----", a line of 2 MiB of quote marks), all but its last mark: one
# match, that ``tokenize`` splits again into RUN_EDGE single marks at each end around one token for the
# middle (the last mark is matched as before, so a run of apostrophes before "s" still ends with "'s").
# Why this is safe: no name, role or apposition contains such a run, and the recognizer looks at most
# MAX_SPAN (10) tokens past a token, fewer than RUN_EDGE, so every look-around from a word sees the same
# single marks as when each mark was a token of its own; the sentence state after a run is that after its
# first and last marks, as after all of them (a mark's effect on it is idempotent). Token indexes only
# order and pair neighbours. So a run costs 2 * RUN_EDGE + 2 tokens whatever its length: memory stays bounded.
RUN_EDGE = 16
# Possessive, a mark at a time while another follows: a greedy repeat that gives back the last mark would
# keep a back-tracking state per mark in the regex engine (about 90 bytes per character).
_RUN = rf"(?P<mark>[^\w\s])(?=(?P=mark){{{2 * RUN_EDGE + 1}}})(?:(?P=mark)(?=(?P=mark)))*+"
# A word with inner hyphens, ampersands or apostrophes (a possessive 's is a token of its own), or any
# other single character; a run of marks (above) first.
_TOKEN = LazyPattern(
    _RUN + r"|\w++(?:(?=[-&'’])(?:[-&]\w+|['’](?![sS]\b)\w+))*+"
    # a period that belongs to the word: an initial ("P."), a title or company abbreviation ("Mr.", "Inc."),
    # a dotted acronym ("U.S."); fixed-width look-behinds, grouped by length, tried only before a period
    r"(?:(?=\.)(?:(?<=\b[A-Z])\.(?!\w)|(?<=\b(?i:mr|ms|dr|st|jr|sr|lt|co|mt|ft))\.(?!\w)"
    r"|(?<=\b(?i:mrs|sen|gov|gen|col|rep|sgt|rev|inc|ltd))\.(?!\w)|(?<=\b(?i:capt|prof|corp))\.(?!\w)"
    r"|(?:\.[^\W\d_])+\.))?"
    r"|['’][sS]\b|\S"
)
# The same tokens with the white space before each: ``findall`` gives every offset without match objects;
# ``(word, mark)`` pairs for ``scan`` (with a group in the pattern ``findall`` gives only the group).
_SPACED_TOKEN = LazyPattern(r"(\s*+)(" + _TOKEN.pattern + ")")
_GROUPED_TOKEN = LazyPattern(r"(" + _TOKEN.pattern + ")")
_ADJECTIVE_ENDINGS = ("ed", "ing", "based", "born", "bound", "style", "run", "made", "wide", "like", "held")
_QUOTES_OPEN = frozenset("\"“‘'«(")
_SENTENCE_END = frozenset(".!?")
_AFTER_QUOTE = frozenset("\"”’'")
_DASHES = frozenset("-–—:")
WINDOW = 8_192  # characters: windows are at least this long (bounded memory, few look-ups per window)
_FIRST = itemgetter(0)
_ENDS_WITH_PERIOD = methodcaller("endswith", ".")
_HAS_HYPHEN = methodcaller("__contains__", "-")


class Token:
    """A word or punctuation mark with its offsets; ``lower`` drops a final period ("inc." -> "inc")."""

    __slots__ = ("cap", "end", "initial", "line_start", "lower", "start", "text", "upper")

    def __init__(self, start: int, end: int, text: str, lower: str, cap: bool = False, upper: bool = False,
                 initial: bool = False, line_start: bool = False) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower
        self.cap = cap
        self.upper = upper
        self.initial = initial
        self.line_start = line_start

    def __repr__(self) -> str:
        return f"Token({self.text!r}, cap={self.cap}, upper={self.upper}, initial={self.initial})"


@dataclass(slots=True)
class TextStats:
    """What the recognizer needs of the whole text, summed over its windows."""

    lower_seen: set[str] = field(default_factory=set)  # words written in lower case somewhere
    sports_words: int = 0  # tokens that are words of sports reports
    result_lines: int = 0  # lines reading like sports results: "Chicago 4 Houston 3"


def tokenize(text: str, starts: Container[int], stats: TextStats, sports_words: Container[str],
             begin: int = 0, end: int | None = None) -> tuple[list[Token], set[int]]:
    """Tokens of ``text[begin:end]`` with capitalization flags and whether each begins a sentence, line or
    quotation (``starts``: offsets of sentence starts), and the indexes of tokens on headline lines;
    adds to ``stats``. A window starts at a line start, after a sentence end (see ``windows``)."""
    end = len(text) if end is None else end
    tokens: list[Token] = []
    caps: set[int] = set()
    append = tokens.append
    seen = stats.lower_seen
    find = text.find
    findall = _SPACED_TOKEN.findall
    new_sentence = True
    prev_cap = False  # the previous token is capitalized (for result lines)
    sports = results = 0
    line_begin = begin
    while line_begin < end:
        line_end = find("\n", line_begin, end)
        if line_end < 0:
            line_end = end
        first_index = len(tokens)
        line_start = True
        upper_words = pairs = 0
        stop = line_begin
        for space, word, mark in findall(text, line_begin, line_end):
            start = stop + len(space)
            stop = start + len(word)
            first = word[0]
            if first.isalpha():
                initial = new_sentence or line_start or start in starts
                new_sentence = False
                if first.islower():
                    lower = word.lower()
                    if lower[-1] == ".":
                        lower = lower[:-1]
                    sports += lower in sports_words
                    seen.add(lower)
                    append(Token(start, stop, word, lower, False, False, initial, line_start))
                    prev_cap = line_start = False
                    continue
                cap = first.isupper()
                suffix = None
                word_end = stop
                if cap and "-" in word:
                    head, _, tail = word.rpartition("-")
                    if tail.endswith(_ADJECTIVE_ENDINGS) and tail[:1].islower():
                        # "Paris-based", "Nations-sponsored": the name, then the ending as its own token
                        word = head
                        word_end = start + len(head)
                        suffix = Token(word_end, stop, "-" + tail, "-" + tail)
                lower = word.lower()
                if lower[-1] == ".":
                    lower = lower[:-1]
                sports += lower in sports_words
                upper = cap and len(word) > 1 and word.isupper() and (len(word) > 2 or word[1].isalpha())
                upper_words += upper
                append(Token(start, word_end, word, lower, cap, upper, initial, line_start))
                prev_cap = cap
                if suffix is not None:
                    append(suffix)
                    prev_cap = False
            else:
                if mark:  # a run of one mark (``_RUN``) reads as its first mark, its last is a token
                    word = mark
                if word in _SENTENCE_END or line_start:
                    new_sentence = True
                elif word in _QUOTES_OPEN or word in _DASHES:
                    new_sentence = new_sentence or (word in _QUOTES_OPEN and word != "(")
                else:
                    new_sentence = new_sentence and word in _AFTER_QUOTE
                if prev_cap and len(word) < 4 and word.isdigit():
                    pairs += 1
                elif first.islower():  # "ⓐ": lower case, not a letter
                    seen.add(word)
                if mark:
                    _append_run(tokens, text, start, stop, mark, line_start)
                else:
                    append(Token(start, stop, word, word, False, False, False, line_start))
                prev_cap = False
            line_start = False
        results += pairs >= 2
        if len(tokens) > first_index:
            last = tokens[-1].text
            capitals = upper_words > 0 and _capitals(tokens, first_index, upper_words)
            if capitals or not (last in _SENTENCE_END or "," in text[line_begin:line_end]
                                or "(" in text[line_begin:line_end]):
                _flush_line(tokens, first_index, capitals, caps)
        line_begin = line_end + 1
    stats.sports_words += sports
    stats.result_lines += results
    return tokens, caps


def scan(text: str, stats: TextStats, sports_words: Container[str], begin: int = 0,
         end: int | None = None) -> None:
    """Add to ``stats`` the words seen in lower case and the sports words of ``text[begin:end]``, as
    ``tokenize`` does but without making tokens (the first of two passes over a long text); result lines
    are left to ``tokenize``."""
    words = [mark or word  # a run counts as its mark, as in ``tokenize``
             for word, mark in _GROUPED_TOKEN.findall(text, begin, len(text) if end is None else end)]
    lowered = list(map(str.lower, words))
    seen = set(compress(lowered, map(str.islower, map(_FIRST, words))))
    dotted = {word for word in seen if word[-1] == "."}
    stats.lower_seen.update((seen - dotted) if dotted else seen, (word[:-1] for word in dotted))
    count = sum(map(sports_words.__contains__, lowered))
    for word in filter(_ENDS_WITH_PERIOD, lowered):  # "lower" drops a final period
        count += (word[:-1] in sports_words) - (word in sports_words)
    for word in filter(_HAS_HYPHEN, words):  # "Cup-winning": the name is the token
        head, _, tail = word.rpartition("-")
        if word[0].isupper() and tail.endswith(_ADJECTIVE_ENDINGS) and tail[:1].islower():
            lower, head_lower = word.lower(), head.lower()
            if lower[-1] == ".":
                lower = lower[:-1]
            if head_lower[-1] == ".":
                head_lower = head_lower[:-1]
            count += (head_lower in sports_words) - (lower in sports_words)
    stats.sports_words += count


def _append_run(tokens: list[Token], text: str, start: int, stop: int, mark: str, line_start: bool) -> None:
    """The tokens of a run of ``mark``, ``text[start:stop]``: RUN_EDGE single marks at each end, one token
    for the middle (see ``_RUN``)."""
    append = tokens.append
    append(Token(start, start + 1, mark, mark, False, False, False, line_start))
    for i in range(start + 1, start + RUN_EDGE):
        append(Token(i, i + 1, mark, mark))
    middle = text[start + RUN_EDGE:stop - RUN_EDGE]
    append(Token(start + RUN_EDGE, stop - RUN_EDGE, middle, middle))
    for i in range(stop - RUN_EDGE, stop):
        append(Token(i, i + 1, mark, mark))


def _capitals(tokens: list[Token], first_index: int, upper_words: int) -> bool:
    """Whether most words of the line from ``first_index`` are written in capitals."""
    words = 0
    for i in range(first_index, len(tokens)):
        if tokens[i].text[0].isalpha():
            words += 1
            if words * 6 > upper_words * 10:
                return False  # too many words already (a prose line with an acronym)
    return words >= 2


def _flush_line(tokens: list[Token], first_index: int, capitals: bool, out: set[int]) -> None:
    """Mark a headline: mostly capitals ("PUTIN WARNS WEST"), or Title Case with four or more long words,
    all capitalized, no comma, bracket, number or closing period ("Putin Warns West Over Troop Buildup")."""
    line = range(first_index, len(tokens))
    if not capitals:
        long = long_cap = 0
        for i in line:
            tok = tokens[i]
            text = tok.text
            if text in ",(" or text[0].isdigit():
                return  # a list or a table row, not a headline
            if len(text) >= 4 and text[0].isalpha():
                long += 1
                long_cap += tok.cap
        if long < 4 or long_cap != long or tokens[-1].text in _SENTENCE_END:
            return
    out.update(line)


def windows(text: str, size: int = WINDOW) -> Iterator[tuple[int, int]]:
    """``(begin, end)`` windows covering ``text``, each at least ``size`` characters but the last. A window
    ends after a line whose last token is a sentence's end (".", "!", "?" on their own): no name, role
    or apposition the recognizer reads runs across it, and the next window starts a line and a sentence."""
    begin, n = 0, len(text)
    while n - begin > size:
        cut = _cut_after(text, begin + size)
        if cut < 0:
            break
        yield begin, cut
        begin = cut
    if begin < n or not begin:
        yield begin, n


def _cut_after(text: str, at: int) -> int:
    """The offset just after the first line break from ``at`` whose line ends with a sentence end as a token
    of its own (not the period of "Inc." or "U.S."), else -1."""
    line_end = text.find("\n", at)
    while line_end >= 0:
        last = None
        for last in _TOKEN.finditer(text, text.rfind("\n", 0, line_end) + 1, line_end):  # noqa: B007
            pass
        if last is not None and last[0] in _SENTENCE_END:  # a run of marks never ends a line (``_RUN``)
            return line_end + 1
        line_end = text.find("\n", line_end + 1)
    return -1
