"""Sentence splitting that knows news abbreviations.

``split_sentences`` returns character spans so later stages can keep offsets
into the cleaned text. It is linear in the input: one regex scan for
candidate boundaries, then a constant-time check per candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a period but rarely end a sentence. Lower-cased, without the period.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft rev gen lt col maj capt cpt sgt cmdr adm brig gov sen rep
    pres supt det insp atty hon messrs mme mmes mlle
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    inc ltd corp co bros llc plc assn dept univ est approx vs etc al cf eg ie no nos vol pp ed eds
    ave blvd rd hwy ste fig
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont
    neb nebr nev okla ore pa penn tenn tex va vt wash wis wisc wyo
    """.split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)|\n\s*\n""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_SENTENCE_START = re.compile(r"""\s*["'“‘(\[]*[A-Z0-9À-Þ]""")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a span of the text it came from."""

    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial."""
    window = text[max(0, dot - 24) : dot]
    match = _WORD_BEFORE.search(window)
    if not match:
        return False
    word = match.group(1)
    if "." in word:  # U.S., a.m., p.m., U.N.
        return True
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    return word.lower() in ABBREVIATIONS


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences; spans are shifted by ``offset``."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        token = match.group()
        if not token.startswith("\n"):
            if token[0] == "." and len(token.rstrip("\"'”’)]")) == 1 and _is_abbreviation(text, match.start()):
                continue  # "U.S. officials", "Gen. Smith", "John F. Kennedy"
            if not _SENTENCE_START.match(text, end):
                continue  # "said 3.5 percent", "… and then", lower-case continuation
        _append(sentences, text, start, end, offset)
        start = end
    _append(sentences, text, start, len(text), offset)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append(Sentence(s + offset, s + len(stripped) + offset, stripped))


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the blank-line separated paragraphs of ``text``."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans
