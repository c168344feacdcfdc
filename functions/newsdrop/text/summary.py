"""Extractive summary: two or three whole sentences of the article, about 75 words.

Sentences are scored by a lead prior (news puts the gist first), centrality
(how much of the article's vocabulary a sentence carries) and overlap with the
title; boilerplate (bylines, datelines, photo credits, "Scroll down for video")
is never chosen, and a sentence that repeats one already chosen is skipped.
The chosen sentences are returned in article order. Linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, combinations

from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence
from newsdrop.text.stem import stem
from newsdrop.text.stopwords import STOPWORDS

MIN_WORDS = 6
MAX_SENTENCE_WORDS = 55
CANDIDATES = 40  # only the first sentences compete; the lead carries the story
POOL = 3  # the best subset of the top POOL sentences that fits the budget is taken ...
FILL_GAP = 2  # ... then topped up with a sentence at most this far after one already chosen
REDUNDANCY = 0.5  # skip a sentence whose content words overlap a chosen one this much
LEAD_WEIGHT = 2.0  # weight of the position prior 1 / (1 + LEAD_DECAY * rank)
LEAD_DECAY = 0.2
CENTRALITY_WEIGHT = 0.5
TITLE_WEIGHT = 0.5
QUOTE_PENALTY = 0.3  # a sentence opening with a quotation is rarely the gist

_WORD = LazyPattern(r"[^\W_]+")
# A dateline or source tag opening the first sentence: "WASHINGTON (Reuters) -", "(CNN)", "LONDON —".
_DATELINE = LazyPattern(
    r"""^(?:
        \((?:CNN|AP|Reuters|AFP)\)\s*(?:--?|—|–)?\s*
      | [A-Z][A-Z .,'’-]{1,40}(?:,\s[A-Z][A-Za-z. ]{1,30})?\s*\([A-Za-z .]{1,30}\)\s*(?:--?|—|–)\s*
      | [A-Z][A-Z .'’-]{2,30}\s(?:--?|—|–)\s*
    )""",
    re.VERBOSE,
)
# Sentences that are page furniture rather than story.
_JUNK = LazyPattern(
    r"""scroll\sdown\sfor|\bread\smore\s*(?:[:»>|]|$|here\b|at\b)|\bclick\shere\b|\bsubscribe\b
      |sign\sup\s(?:for\sour|to\sour|here|now)|\bfollow\sus\b|photo\s?credit|getty\simages
      |\(AP\sPhoto|/Reuters\b|/AFP\b|\bPUBLISHED:|\bUPDATED:|last\supdated|all\srights\sreserved
      |\bcopyright\b|©|share\sthis|watch\sthe\svideo|video\sbelow|see\sbelow
      |^(?:pictured|above|below|left|right|top|bottom|inset|file\sphoto)\s*:
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Cheap substring test before the regex: most sentences hold none of these.
_JUNK_HINTS = (
    "scroll", "read more", "click", "subscribe", "sign up", "follow us", "photo", "getty", "reuters", "afp",
    "published:", "updated", "rights reserved", "copyright", "©", "share this", "video", "below", ":",
)
# A photo caption run into the text: "Haul: The cherry picker collecting drugs ... The amount ...".
_CAPTION = LazyPattern(r"^[A-Z][\w'’-]{0,20}:\s")
# A byline: "By John Smith, Reuters".
_BYLINE = LazyPattern(r"^By\s+[A-Z][\w'’.-]*\s+[A-Z][\w'’.-]*(?:\s|,|$)")
_OPENING_QUOTES = "\"“‘'"
_END = LazyPattern(r"""[.!?]["'”’)]?$""")


@dataclass(frozen=True, slots=True)
class _Scored:
    score: float
    index: int
    text: str
    terms: frozenset[str]
    words: int


def extractive_summary(
    text: str,
    sentences: list[Sentence],
    title: str | None = None,
    max_sentences: int = 3,
    max_words: int = 75,
) -> str:
    """Up to ``max_sentences`` whole sentences and about ``max_words`` words, in article order."""
    scored = _score(sentences, title)
    if not scored:
        return _fallback(sentences, max_words)
    ranked = sorted(scored, key=lambda s: (-s.score, s.index))
    chosen = _best_subset(ranked[:POOL], max_sentences, max_words) or [ranked[0]]
    words = sum(s.words for s in chosen)
    for candidate in ranked[POOL:]:
        if len(chosen) >= max_sentences:
            break
        near = any(0 < candidate.index - s.index <= FILL_GAP for s in chosen)
        if near and words + candidate.words <= max_words and not _redundant(candidate, chosen):
            chosen.append(candidate)
            words += candidate.words
    return " ".join(s.text for s in sorted(chosen, key=lambda s: s.index))


def _score(sentences: list[Sentence], title: str | None) -> list[_Scored]:
    """Usable lead sentences with their scores: position prior, centrality, title overlap."""
    lead = [frozenset(_terms(s.text)) for s in sentences[:CANDIDATES]]
    weights = _weights(lead, (frozenset(_terms(s.text)) for s in sentences[CANDIDATES:]))
    title_terms = set(_terms(title or ""))
    out = []
    for rank, (index, body) in enumerate(_candidates(sentences[:CANDIDATES])):
        terms = lead[index] if body == sentences[index].text else frozenset(_terms(body))
        centrality = sum(weights.get(t, 0.0) for t in terms) / (len(terms) ** 0.5 or 1.0)
        title_overlap = len(terms & title_terms) / (len(title_terms) or 1)
        score = (
            LEAD_WEIGHT / (1.0 + LEAD_DECAY * rank)
            + CENTRALITY_WEIGHT * centrality
            + TITLE_WEIGHT * title_overlap
            - (QUOTE_PENALTY if body[0] in _OPENING_QUOTES else 0.0)
        )
        out.append(_Scored(score, index, body, terms, len(body.split())))
    return out


def _best_subset(pool: list[_Scored], max_sentences: int, max_words: int) -> list[_Scored]:
    """The non-redundant subset of ``pool`` with the highest total score within the budget."""
    best: list[_Scored] = []
    best_total = float("-inf")
    for size in range(1, min(max_sentences, len(pool)) + 1):
        for combo in combinations(pool, size):
            if sum(s.words for s in combo) > max_words:
                continue
            if any(_overlap(a.terms, b.terms) > REDUNDANCY for a, b in combinations(combo, 2)):
                continue
            total = sum(s.score for s in combo)
            if total > best_total:
                best, best_total = list(combo), total
    return best


def _redundant(candidate: _Scored, chosen: list[_Scored]) -> bool:
    return any(_overlap(candidate.terms, s.terms) > REDUNDANCY for s in chosen)


def _candidates(sentences: list[Sentence]) -> list[tuple[int, str]]:
    """(index, text) of sentences fit for a summary, datelines stripped."""
    out = []
    for index, sentence in enumerate(sentences):
        body = sentence.text
        if index < 3:
            body = _DATELINE.sub("", body, count=1).strip()
        n = len(body.split())
        if n < MIN_WORDS or n > MAX_SENTENCE_WORDS:
            continue
        if not (body[0].isalnum() or body[0] in _OPENING_QUOTES) or not _END.search(body):
            continue  # a fragment, a heading or a caption
        if _is_junk(body):
            continue
        if body.count('"') % 2 or body.count("“") != body.count("”"):
            continue  # half of a quote split across sentences
        out.append((index, body))
    return out


def _is_junk(body: str) -> bool:
    lower = body.lower()
    if any(hint in lower for hint in _JUNK_HINTS) and _JUNK.search(body):
        return True
    if _CAPTION.match(body):
        return True
    return body.startswith("By ") and _BYLINE.match(body) is not None


def _terms(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]


def _weights(*sentence_terms: Iterable[frozenset[str]]) -> dict[str, float]:
    """Document frequency of each content stem over sentences, scaled to at most 1.

    Takes the sentences' term sets as iterables, so those of the whole text need not be kept at once."""
    counts: Counter[str] = Counter()
    for terms in chain.from_iterable(sentence_terms):
        counts.update(terms)
    if not counts:
        return {}
    top = max(counts.values())
    return {term: count / top for term, count in counts.items() if count > 1}


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)


def _fallback(sentences: list[Sentence], max_words: int) -> str:
    """No clean candidate: the first sentence, whole."""
    for sentence in sentences:
        if len(sentence.text.split()) <= max_words * 2:
            return sentence.text
    return sentences[0].text if sentences else ""
