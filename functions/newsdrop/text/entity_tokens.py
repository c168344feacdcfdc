"""Tokens of the entity recognizer: words with capitalization flags, and the lines where case says
nothing (all-capital or Title Case headlines). One regex pass over the text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdrop.text.sentences import Sentence

# A word with inner hyphens, ampersands or apostrophes (a possessive 's is a token of its own), or any
# other single character.
_TOKEN = re.compile(
    r"\w+(?:[-&]\w+|['’](?![sS]\b)\w+)*"
    # a period that belongs to the word: an initial ("P."), a title or company abbreviation ("Mr.", "Inc."),
    # a dotted acronym ("U.S."); fixed-width look-behinds, grouped by length
    r"(?:(?<=\b[A-Z])\.(?!\w)|(?<=\b(?i:mr|ms|dr|st|jr|sr|lt|co|mt|ft))\.(?!\w)"
    r"|(?<=\b(?i:mrs|sen|gov|gen|col|rep|sgt|rev|inc|ltd))\.(?!\w)|(?<=\b(?i:capt|prof|corp))\.(?!\w)"
    r"|(?:\.[^\W\d_])+\.)?"
    r"|['’][sS]\b|\S"
)
_ADJECTIVE_ENDINGS = ("ed", "ing", "based", "born", "bound", "style", "run", "made", "wide", "like", "held")
_QUOTES_OPEN = frozenset("\"“‘'«(")
_SENTENCE_END = frozenset(".!?")


class Token:
    """A word or punctuation mark with its offsets; ``lower`` drops a final period ("inc." -> "inc")."""

    __slots__ = ("cap", "end", "initial", "line_start", "lower", "start", "text", "upper")

    def __init__(self, start: int, end: int, text: str, lower: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower
        self.cap = False
        self.upper = False
        self.initial = False
        self.line_start = False

    def __repr__(self) -> str:
        return f"Token({self.text!r}, cap={self.cap}, upper={self.upper}, initial={self.initial})"


def tokenize(text: str, sentences: Sequence[Sentence]) -> list[Token]:
    """Tokens with capitalization flags and whether each begins a sentence, line or quotation."""
    starts = {s.start for s in sentences}
    tokens: list[Token] = []
    append = tokens.append
    new_sentence = True
    newline = text.find("\n")  # the next line break not yet passed; tokens never contain one
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        line_start = not tokens or 0 <= newline < start
        if line_start and newline >= 0:
            newline = text.find("\n", start)
        suffix = None
        if "-" in word and word[0].isupper():
            head, _, tail = word.rpartition("-")
            if tail.endswith(_ADJECTIVE_ENDINGS) and tail[:1].islower():
                # "Paris-based", "Nations-sponsored": the name, then the adjective ending as its own token
                end = start + len(head)
                word = head
                suffix = Token(end, match.end(), "-" + tail, "-" + tail)
        first = word[0]
        if first.isalpha():
            lower = word.lower()
            tok = Token(start, end, word, lower[:-1] if lower[-1] == "." else lower)
            tok.cap = first.isupper()
            tok.upper = tok.cap and len(word) > 1 and word.isupper() and (len(word) > 2 or word[1].isalpha())
            tok.initial = new_sentence or line_start or start in starts
            new_sentence = False
        else:
            tok = Token(start, end, word, word)
            if word in _SENTENCE_END or line_start:
                new_sentence = True
            elif word in _QUOTES_OPEN or word in "-–—:":
                new_sentence = new_sentence or (word in _QUOTES_OPEN and word != "(")
            else:
                new_sentence = new_sentence and word in "\"”’'"
        tok.line_start = line_start
        append(tok)
        if suffix is not None:
            append(suffix)
    return tokens


def result_lines(tokens: list[Token]) -> int:
    """Lines reading like sports results: two or more "<Name> <score>" pairs ("Chicago 4 Houston 3")."""
    lines = 0
    pairs = 0
    for k in range(1, len(tokens)):
        if tokens[k].line_start:
            lines += pairs >= 2
            pairs = 0
        if tokens[k].text.isdigit() and len(tokens[k].text) < 4 and tokens[k - 1].cap:
            pairs += 1
    return lines + (pairs >= 2)


def caps_lines(tokens: list[Token]) -> set[int]:
    """Indexes of tokens on headline lines (see ``_flush_line``), where case says nothing."""
    out: set[int] = set()
    line: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.line_start and line:
            _flush_line(line, tokens, out)
            line = []
        line.append(i)
    if line:
        _flush_line(line, tokens, out)
    return out


def _flush_line(line: list[int], tokens: list[Token], out: set[int]) -> None:
    """Mark a headline: mostly capitals ("PUTIN WARNS WEST"), or Title Case with four or more long words,
    all capitalized, no comma, bracket, number or closing period ("Putin Warns West Over Troop Buildup")."""
    words = upper = long = long_cap = commas = 0  # commas counts commas, brackets and numbers
    for i in line:
        tok = tokens[i]
        if tok.cap and len(tok.text) > 1:
            words += 1
            upper += tok.upper
        elif tok.text[0].isalpha():
            words += 1
        elif tok.text in ",(" or tok.text[0].isdigit():
            commas += 1  # a list or a table row, not a headline
        if len(tok.text) >= 4 and tok.text[0].isalpha():
            long += 1
            long_cap += tok.cap
    capitals = words >= 2 and upper * 10 >= words * 6
    closed = tokens[line[-1]].text in _SENTENCE_END
    title_case = long >= 4 and long_cap == long and not commas and not closed
    if capitals or title_case:
        out.update(line)
