"""Tokens of the entity recognizer: words with capitalization flags, and the lines where case says
nothing (all-capital or Title Case headlines). One regex pass over a window of the text, kept as parallel
lists (``Window``), that also gathers what the recognizer needs of the whole text (``TextStats``).

``windows`` cuts a long text into windows that no entity span nor any look-around of the recognizer
crosses, so that only one window's tokens are held at a time."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from itertools import compress, count, islice, repeat
from operator import itemgetter, methodcaller, not_

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
# The tokens of ``tokenize``: a token (group 1) with the white space before it, so that the white space is
# skipped in one step rather than one failed attempt per character, and words tried first. The same tokens
# as ``_TOKEN``: no alternative matches white space, and a word character starts only the word alternative.
# Run only up to the last non-space character: a possessive ``\s*+`` before nothing would be tried again at
# every later space (quadratic in a long trailing run of spaces).
_WORD = _TOKEN.pattern[len(_RUN) + 1:_TOKEN.pattern.index(r"|['’][sS]\b")]
_LEADING_SPACE_TOKEN = LazyPattern(r"\s*+(" + _WORD + "|" + _RUN + r"|['’][sS]\b|\S)")
_ADJECTIVE_ENDINGS = ("ed", "ing", "based", "born", "bound", "style", "run", "made", "wide", "like", "held")
_QUOTES_OPEN = frozenset("\"“‘'«(")
_SENTENCE_END = frozenset(".!?")
_AFTER_QUOTE = frozenset("\"”’'")
_DASHES = frozenset("-–—:")
BATCH = 512  # tokens: match objects held at a time by ``tokenize``
WINDOW = 4_096  # characters: windows are at least this long (bounded memory, few look-ups per window)
MAX_WINDOW = 65_536  # characters: and at most this long, whatever the input (see ``windows``)
LINE_TAIL = 1_024  # characters of a long line read to find its last two tokens
_SPACE = LazyPattern(r"\s+")
_SENTENCE_BREAK = LazyPattern(r"[.!?][\"”’']?\s+")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)  # a token match's group 1: ``m[1]`` is ``m.group(1)``
_ENDS_WITH_PERIOD = methodcaller("endswith", ".")
_HAS_HYPHEN = methodcaller("__contains__", "-")
_START = re.Match.start


@dataclass(slots=True)
class TextStats:
    """What the recognizer needs of the whole text, summed over its windows."""

    lower_seen: set[str] = field(default_factory=set)  # words written in lower case somewhere
    sports_words: int = 0  # tokens that are words of sports reports
    result_lines: int = 0  # lines reading like sports results: "Chicago 4 Houston 3"


class Window:
    """The tokens of one window of the text as parallel lists (no object per token): ``words`` (the written
    tokens), ``lowers`` (lower case, a word's final period dropped; a token not starting with a letter as
    written), ``offsets`` (start offsets), ``cap`` (capitalized word); ``upper`` (indexes of words written
    in capitals), ``caps`` (indexes of tokens on headline lines), ``firsts`` (indexes of the first token of
    each line). ``initial(i)`` says whether word ``i`` begins a sentence, line or quotation."""

    __slots__ = ("_initial", "_starts", "cap", "capitalized", "caps", "evidence", "first_set", "firsts",
                 "lowers", "offsets", "text", "upper", "words")

    def __init__(self, text: str, words: list[str], offsets: list[int], starts: Container[int]) -> None:
        self.text = text
        self.words = words
        self.offsets = offsets
        self._starts = starts
        self._initial: dict[int, bool] = {}
        self.lowers: list[str] = []
        self.cap: list[bool] = []
        self.capitalized: list[int] = []
        self.upper: set[int] = set()
        self.caps: set[int] = set()
        self.firsts: list[int] = []
        self.first_set: set[int] = set()
        self.evidence: dict[tuple[str, ...], tuple] = {}  # the recognizer's votes per written form

    def end(self, i: int) -> int:
        """The end offset of token ``i``."""
        return self.offsets[i] + len(self.words[i])

    def initial(self, i: int) -> bool:
        """Whether word ``i`` opens a sentence (after ".", "!", "?", an opening quote, or at a sentence start
        of ``starts``) or a line; False for a token that is not a word."""
        try:
            return self._initial[i]
        except KeyError:
            known = self._initial[i] = self._find_initial(i)
            return known

    def _find_initial(self, i: int) -> bool:
        words = self.words
        if not words[i][0].isalpha():
            return False
        if i in self.first_set or self.offsets[i] in self._starts:
            return True
        j = i - 1  # back to the word before, on this line; the marks after it decide
        if words[j][0].isalpha():
            return False
        first_set = self.first_set
        while j not in first_set and not words[j - 1][0].isalpha():
            j -= 1
        if j not in first_set:
            j -= 1  # the word before
        new_sentence = not words[j][0].isalpha()  # the line opens with a mark: a new sentence
        for k in range(j + 1, i):
            word = words[k]
            if len(word) > 1 and word.count(word[0]) == len(word):  # the middle of a run reads as its mark
                word = word[0]
            if word in _SENTENCE_END:
                new_sentence = True
            elif word in _QUOTES_OPEN or word in _DASHES:
                new_sentence = new_sentence or (word in _QUOTES_OPEN and word != "(")
            else:
                new_sentence = new_sentence and word in _AFTER_QUOTE
        return new_sentence


def tokenize(text: str, starts: Container[int], stats: TextStats, sports_words: Container[str],
             begin: int = 0, end: int | None = None, count_lines: bool = True) -> Window:
    """The tokens of ``text[begin:end]`` (a window: it starts at a line start, after a sentence end, see
    ``windows``) with capitalization flags and headline lines; ``starts``: offsets of sentence starts. Adds
    to ``stats`` the words seen in lower case, the sports words and (``count_lines``) the result lines.

    One regex pass; the per-token work is done by C-level maps: Python loops run over capitalized words,
    lines and numbers only (and over marks, abbreviations or words with inner capitals in the rare texts
    whose lower-case forms need fixing: see the checks before them)."""
    end = len(text) if end is None else end
    found = _LEADING_SPACE_TOKEN.finditer(text, begin, _last_nonspace(text, begin, end))
    words: list[str] = []
    offsets: list[int] = []
    while matches := list(islice(found, BATCH)):  # a batch of match objects at a time: they are large
        words += map(_SECOND, matches)
        offsets += map(_START, matches, repeat(1))
    if words and max(map(len, words)) > 2 * RUN_EDGE:
        _expand_runs(text, words, offsets)
    initials = list(map(_FIRST, words))
    capitalized = [i for i in compress(count(), map(str.isupper, initials)) if initials[i].isalpha()]
    if "-" in "".join(map(words.__getitem__, capitalized)):  # one hyphenated capitalized word or more
        capitalized = _split_suffixes(words, offsets, capitalized)
    window = Window(text, words, offsets, starts)
    window.capitalized = capitalized
    n = len(words)
    firsts = window.firsts = _line_firsts(text, offsets, begin, end)
    first_set = window.first_set = set(firsts)
    known = window._initial  # sentence starts of the capitalized words, where the word before decides
    cap = window.cap = [False] * n
    upper = []
    scores = []  # numbers of up to three digits after a capitalized word ("Chicago 4 Houston 3")
    for i in capitalized:
        cap[i] = True
        word = words[i]
        if word.isupper() and len(word) > 1 and (len(word) > 2 or word[1].isalpha()):
            upper.append(i)
        if i in first_set or offsets[i] in starts:
            known[i] = True
        elif words[i - 1][0].isalpha():
            known[i] = False
        if i + 1 < n and words[i + 1].isdigit() and len(words[i + 1]) < 4:
            scores.append(i + 1)
    window.upper = set(upper)
    if len(initials) != n:  # suffixes were split
        initials = list(map(_FIRST, words))
    lowers = window.lowers = list(map(str.lower, words))
    # Tokens not starting with a letter stay as written ("4WD", "'S"); most have no capital to lower: the
    # tokens are read one by one only when their concatenation has one.
    others = "".join(compress(words, map(not_, map(str.isalpha, initials))))
    if others != others.lower():
        for i in compress(count(), map(not_, map(str.isalpha, initials))):
            lowers[i] = words[i]
    # A word's final period ("Inc.", "U.S."): none when every period of the text is a "." token of its own
    if text.count(".", begin, end) != words.count("."):
        for i in compress(count(), map(str.endswith, words, repeat('.'))):
            if words[i][0].isalpha():
                lowers[i] = lowers[i][:-1]
    stats.lower_seen.update(compress(lowers, map(str.islower, initials)))
    if sports_words:
        stats.sports_words += sum(map(sports_words.__contains__, lowers))
    if count_lines and scores:
        stats.result_lines += _result_lines(scores, firsts)
    window.caps = _headlines(window, upper)
    return window


def _last_nonspace(text: str, begin: int, end: int) -> int:
    """The offset after the last character of ``text[begin:end]`` that is not white space (``begin`` if none):
    a chunk at a time from the end, so linear in the trailing white space."""
    while end > begin and text[end - 1].isspace():
        chunk = text[max(begin, end - WINDOW):end]
        stripped = len(chunk.rstrip())
        end -= len(chunk) - stripped
        if stripped:
            break
    return end


def _expand_runs(text: str, words: list[str], offsets: list[int]) -> None:
    """Replace each run of one mark (a ``_RUN`` match) by RUN_EDGE single marks at each end around one token
    for the middle."""
    out_words: list[str] = []
    out_offsets: list[int] = []
    for word, start in zip(words, offsets, strict=True):
        if len(word) <= 2 * RUN_EDGE or word[0].isalnum() or word[0] == "_":
            out_words.append(word)
            out_offsets.append(start)
            continue
        mark, stop = word[0], start + len(word)
        out_words.extend([mark] * RUN_EDGE)
        out_offsets.extend(range(start, start + RUN_EDGE))
        out_words.append(text[start + RUN_EDGE:stop - RUN_EDGE])
        out_offsets.append(start + RUN_EDGE)
        out_words.extend([mark] * RUN_EDGE)
        out_offsets.extend(range(stop - RUN_EDGE, stop))
    words[:] = out_words
    offsets[:] = out_offsets


def _split_suffixes(words: list[str], offsets: list[int], capitalized: list[int]) -> list[int]:
    """ "Paris-based", "Nations-sponsored": the name, then the ending as a token of its own; returns the
    new indexes of the capitalized words."""
    splits = set()
    for i in capitalized:
        word = words[i]
        if "-" in word:
            tail = word.rpartition("-")[2]
            if tail.endswith(_ADJECTIVE_ENDINGS) and tail[:1].islower():
                splits.add(i)
    if not splits:
        return capitalized
    out_words: list[str] = []
    out_offsets: list[int] = []
    for i, (word, start) in enumerate(zip(words, offsets, strict=True)):
        if i in splits:
            head, _, tail = word.rpartition("-")
            out_words += (head, "-" + tail)
            out_offsets += (start, start + len(head))
        else:
            out_words.append(word)
            out_offsets.append(start)
    shift = 0
    moved = []
    for i in capitalized:
        moved.append(i + shift)
        shift += i in splits
    words[:] = out_words
    offsets[:] = out_offsets
    return moved


def _line_firsts(text: str, offsets: list[int], begin: int, end: int) -> list[int]:
    """The index of the first token of each line that has tokens."""
    n = len(offsets)
    if not n:
        return []
    firsts = [0]
    at = text.find("\n", begin, end)
    while at >= 0:
        k = bisect_left(offsets, at, firsts[-1])
        if k >= n:
            break
        if k != firsts[-1]:
            firsts.append(k)
        at = text.find("\n", max(at + 1, offsets[k]), end)
    return firsts


def _result_lines(scores: list[int], firsts: list[int]) -> int:
    """Lines with two or more ``scores`` (token indexes, in order); ``firsts``: each line's first token."""
    pairs: dict[int, int] = {}
    for i in scores:
        line = bisect_right(firsts, i)
        pairs[line] = pairs.get(line, 0) + 1
    return sum(p >= 2 for p in pairs.values())


def _headlines(window: Window, upper: list[int]) -> set[int]:
    """The indexes of the tokens on headline lines: mostly capitals ("PUTIN WARNS WEST"), or Title Case with
    four or more long words, all capitalized, no comma, bracket, number or closing period ("Putin Warns
    West Over Troop Buildup")."""
    words, firsts, text = window.words, window.firsts, window.text
    caps: set[int] = set()
    n = len(words)
    u = 0  # the next upper-case word
    for line, a in enumerate(firsts):
        b = firsts[line + 1] if line + 1 < len(firsts) else n
        upper_words = 0
        while u < len(upper) and upper[u] < b:
            upper_words += 1
            u += 1
        last = words[b - 1]
        if not upper_words and last in _SENTENCE_END:
            continue
        if upper_words and _capitals(words, a, b, upper_words):
            caps.update(range(a, b))
            continue
        if last in _SENTENCE_END:
            continue
        line = text[window.offsets[a]:window.end(b - 1)]
        if "," not in line and "(" not in line and _title_case(words, window.cap, a, b):
            caps.update(range(a, b))
    return caps


def _capitals(words: list[str], a: int, b: int, upper_words: int) -> bool:
    """Whether most words of the line ``words[a:b]`` are written in capitals."""
    count_words = 0
    for i in range(a, b):
        if words[i][0].isalpha():
            count_words += 1
            if count_words * 6 > upper_words * 10:
                return False  # too many words already (a prose line with an acronym)
    return count_words >= 2


def _title_case(words: list[str], cap: list[bool], a: int, b: int) -> bool:
    """Four or more long words, all capitalized, no comma, bracket or number."""
    long = long_cap = 0
    for i in range(a, b):
        text = words[i]
        if text in ",(" or text[0].isdigit():
            return False  # a list or a table row, not a headline
        if len(text) >= 4 and text[0].isalpha():
            long += 1
            long_cap += cap[i]
    return long >= 4 and long_cap == long and words[b - 1] not in _SENTENCE_END


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


def windows(text: str, size: int = WINDOW) -> Iterator[tuple[int, int]]:
    """``(begin, end)`` windows covering ``text``, each at least ``size`` characters but the last. A window
    ends after a line whose last token is a sentence's end (".", "!", "?" on their own), or one and a
    closing quote: no name, role or apposition the recognizer reads runs across it, and the next window
    starts a line and a sentence.

    A window ends by ``MAX_WINDOW`` characters even when no such line end comes (one long line, a page of
    capitalized words): then after the last sentence end followed by white space, else at the last white
    space, else at ``MAX_WINDOW``. That bounds the tokens held at once whatever the input; only a text
    with more than ``MAX_WINDOW`` characters between such line ends can read differently across a cut."""
    begin, n = 0, len(text)
    while n - begin > size:
        limit = begin + MAX_WINDOW
        cut = _cut_after(text, begin + size, limit)
        if cut < 0 and n > limit:
            cut = _forced_cut(text, begin + size, limit)
        if cut < 0:
            break
        yield begin, cut
        begin = cut
    if begin < n or not begin:
        yield begin, n


def _cut_after(text: str, at: int, limit: int) -> int:
    """The offset just after the first line break in ``[at, limit)`` whose line ends with a sentence end as a
    token of its own (not the period of "Inc." or "U.S."), or with one and a closing quote ("… he said.'"),
    else -1. Every look-around of the recognizer stops at such a sentence end (none reads past a period), so
    nothing it reads crosses the cut. Only the last ``LINE_TAIL`` characters of a line are read (from a
    white space, where tokens start again), so the search costs at most about ``limit - at`` characters."""
    line_end = text.find("\n", at, limit)
    while line_end >= 0:
        start = text.rfind("\n", 0, line_end) + 1
        if line_end - start > LINE_TAIL:
            space = _SPACE.search(text, line_end - LINE_TAIL, line_end)
            start = space.end() if space else line_end
        before = last = None
        for match in _TOKEN.finditer(text, start, line_end):
            before, last = last, match
        if last is not None and (last[0] in _SENTENCE_END or (  # a run of marks never ends a line (``_RUN``)
                last[0] in _AFTER_QUOTE and before is not None and before[0] in _SENTENCE_END)):
            return line_end + 1
        line_end = text.find("\n", line_end + 1, limit)
    return -1


def _forced_cut(text: str, at: int, limit: int) -> int:
    """Where a window with no usable line end stops: after the last sentence end and white space in
    ``[at, limit)``, else after its last white space, else at ``limit``."""
    cut = -1
    for match in _SENTENCE_BREAK.finditer(text, at, limit):
        cut = match.end()
    if cut < 0:
        for match in _SPACE.finditer(text, at, limit):
            cut = match.end()
    return cut if cut > at else limit
