"""Extractive summary: two or three whole sentences of the article, about 75 words.

Sentences are scored by a lead prior (news puts the gist first), centrality
(how much of the article's vocabulary a sentence carries) and overlap with the
title; boilerplate (bylines, datelines, photo credits, "Scroll down for video")
is never chosen, and a sentence that repeats one already chosen is skipped.
The chosen sentences are returned in article order. Only the first
``CANDIDATES`` sentences compete, and centrality counts the vocabulary of the
first ``WEIGHT_SENTENCES``: bounded time and memory however long the text.
The sentences' chunks may come split already (``words``, a ``SentenceWords``
that keyword extraction read first).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain, combinations, repeat
from operator import itemgetter

from newsdrop.text.keyword_tokens import SentenceWords, Split
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence
from newsdrop.text.summary_terms import JUNK_HINTS, Read, read, read_all, read_chunks, terms, word_count

MIN_WORDS = 6
MAX_SENTENCE_WORDS = 55
CANDIDATES = 40  # only the first sentences compete; the lead carries the story
WEIGHT_SENTENCES = 500  # centrality is measured on the vocabulary of this many first sentences
POOL = 3  # the best subset of the top POOL sentences that fits the budget is taken ...
FILL_GAP = 2  # ... then topped up with a sentence at most this far after one already chosen
REDUNDANCY = 0.5  # skip a sentence whose content words overlap a chosen one this much
LEAD_WEIGHT = 2.0  # weight of the position prior 1 / (1 + LEAD_DECAY * rank)
LEAD_DECAY = 0.2
CENTRALITY_WEIGHT = 0.5
TITLE_WEIGHT = 0.5
QUOTE_PENALTY = 0.3  # a sentence opening with a quotation is rarely the gist

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
# A photo caption run into the text: "Haul: The cherry picker collecting drugs ... The amount ...".
_CAPTION = LazyPattern(r"^[A-Z][\w'’-]{0,20}:\s")
_CAPTION_COLON = 21  # the caption's colon is at most this far into the sentence
# A byline: "By John Smith, Reuters".
_BYLINE = LazyPattern(r"^By\s+[A-Z][\w'’.-]*\s+[A-Z][\w'’.-]*(?:\s|,|$)")
_OPENING_QUOTES = "\"“‘'"
_TERMINALS = (".", "!", "?")
_CLOSERS = "\"'”’)"

# A scored sentence: (-score, index, text, content stems, number of words). Sorting puts the best first.
Scored = tuple[float, int, str, frozenset[str], int]
_INDEX = itemgetter(1)
_STEMS = itemgetter(0)
_ROOTS = tuple(n**0.5 for n in range(64))  # square roots of small counts
# The position prior by candidate rank.
_LEAD_PRIOR = tuple(LEAD_WEIGHT / (1.0 + LEAD_DECAY * rank) for rank in range(CANDIDATES))


def extractive_summary(
    text: str,
    sentences: list[Sentence],
    title: str | None = None,
    max_sentences: int = 3,
    max_words: int = 75,
    *,
    words: SentenceWords | None = None,
) -> str:
    """Up to ``max_sentences`` whole sentences and about ``max_words`` words, in article order.

    ``words``: the sentences' chunks, shared with keyword extraction (which split them first);
    without it the sentences are split here."""
    scored = _score(sentences, title, words.splits() if words is not None else [])
    if not scored:
        return _fallback(sentences, max_words)
    ranked = sorted(scored)
    chosen = _best_subset(ranked[:POOL], max_sentences, max_words) or [ranked[0]]
    total = sum(s[4] for s in chosen)
    # the indices at most FILL_GAP after a chosen sentence's
    near = {s[1] + gap for s in chosen for gap in range(1, FILL_GAP + 1)}
    for candidate in ranked[POOL:]:
        if len(chosen) >= max_sentences:
            break
        index = candidate[1]
        if index in near and total + candidate[4] <= max_words and not _redundant(candidate, chosen):
            chosen.append(candidate)
            total += candidate[4]
            near.update(range(index + 1, index + FILL_GAP + 1))
    return " ".join(s[2] for s in sorted(chosen, key=_INDEX))


def _score(sentences: list[Sentence], title: str | None, shared: list[Split]) -> list[Scored]:
    """Usable lead sentences with their scores: position prior, centrality, title overlap.

    Usable: 6 to 55 words, no dateline (stripped), starts like a sentence and ends like one, no page
    furniture, no byline, no half of a quotation. ``shared``: the chunks of the first sentences."""
    if shared:
        texts = []
        lead = []
        for index, sentence in enumerate(sentences[:CANDIDATES]):
            split = shared[index] if index < len(shared) else None
            texts.append(sentence.text if split is None else split[0])
            lead.append(read(texts[-1]) if split is None else read_chunks(split[1]))
    else:
        texts = [s.text for s in sentences[:CANDIDATES]]
        lead = read_all(texts)
    weight = _weights(lead, _more_terms(sentences, shared)).get
    title_terms = terms(title) if title else None
    out = []
    rank = 0
    for index, (stems, words, hinted) in enumerate(lead):
        body = texts[index]
        if index < 3:
            match = _DATELINE.match(body)
            stripped = (body[match.end() :] if match else body).strip()
            if stripped is not body:
                body = stripped
                words = word_count(body, MAX_SENTENCE_WORDS)
                stems = None
        if words < MIN_WORDS or words > MAX_SENTENCE_WORDS:
            continue
        first, last = body[0], body[-1]
        if not (first.isalnum() or first in _OPENING_QUOTES):
            continue  # a fragment or a heading
        ends = last in ".!?" or (last in _CLOSERS and body[-2] in ".!?")
        if not ends and not (last == "\n" and _ends_sentence(body)):
            continue  # no end punctuation: a heading or a caption
        if (hinted and _is_junk(body)) or (first == "B" and body.startswith("By ") and _BYLINE.match(body)):
            continue  # page furniture or a byline
        if ('"' in body and body.count('"') % 2) or (
            ("“" in body or "”" in body) and body.count("“") != body.count("”")
        ):
            continue  # half of a quote split across sentences
        if stems is None:
            stems = terms(body)
        size = len(stems)
        root = _ROOTS[size] if size < 64 else size**0.5
        centrality = sum(map(weight, stems, repeat(0.0))) / (root or 1.0)
        title_overlap = len(stems & title_terms) / len(title_terms) if title_terms else 0.0
        score = (
            _LEAD_PRIOR[rank]
            + CENTRALITY_WEIGHT * centrality
            + TITLE_WEIGHT * title_overlap
            - (QUOTE_PENALTY if body[0] in _OPENING_QUOTES else 0.0)
        )
        out.append((-score, index, body, stems, words))
        rank += 1
    return out


def _more_terms(sentences: list[Sentence], shared: list[Split]) -> Iterator[frozenset[str]]:
    """The terms of the sentences after the candidates that centrality counts, one at a time."""
    for index in range(CANDIDATES, min(len(sentences), WEIGHT_SENTENCES)):
        split = shared[index] if index < len(shared) else None
        yield terms(sentences[index].text) if split is None else read_chunks(split[1])[0]


def _ends_sentence(body: str) -> bool:
    """End punctuation, maybe one closing mark, then the end or a final newline: what a search for
    ``[.!?]["'”’)]?$`` finds."""
    for text in (body, body[:-1]) if body.endswith("\n") else (body,):
        if text.endswith(_TERMINALS) or (len(text) > 1 and text[-1] in _CLOSERS and text[-2] in ".!?"):
            return True
    return False


def _best_subset(pool: list[Scored], max_sentences: int, max_words: int) -> list[Scored]:
    """The non-redundant subset of ``pool`` with the highest total score within the budget."""
    best: list[Scored] = []
    best_total = float("-inf")
    for size in range(1, min(max_sentences, len(pool)) + 1):
        for combo in combinations(pool, size):
            if sum(s[4] for s in combo) > max_words:
                continue
            if any(_overlap(a[3], b[3]) > REDUNDANCY for a, b in combinations(combo, 2)):
                continue
            total = -sum(s[0] for s in combo)  # the same float as summing the scores themselves
            if total > best_total:
                best, best_total = list(combo), total
    return best


def _redundant(candidate: Scored, chosen: list[Scored]) -> bool:
    return any(_overlap(candidate[3], s[3]) > REDUNDANCY for s in chosen)


def _is_junk(body: str) -> bool:
    """Page furniture: a hint and the furniture pattern, or a photo caption run into the text."""
    if any(map(body.lower().__contains__, JUNK_HINTS)) and _JUNK.search(body):
        return True
    return body.find(":", 1, _CAPTION_COLON + 1) >= 0 and _CAPTION.match(body) is not None


def _weights(lead: list[Read], others: Iterable[frozenset[str]]) -> dict[str, float]:
    """Document frequency of each content stem over the sentences (the lead ones, read, and the stems
    of some more), scaled to at most 1; stems of one sentence only are left out."""
    counts = Counter(chain.from_iterable(map(_STEMS, lead)))
    for found in others:
        counts.update(found)
    if not counts:
        return {}
    top = max(counts.values())
    return {term: count / top for term, count in counts.items() if count > 1}


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)


def _fallback(sentences: list[Sentence], max_words: int) -> str:
    """No clean candidate: the first sentence, whole."""
    limit = max_words * 2
    for sentence in sentences:
        if word_count(sentence.text, limit) <= limit:  # no copy of a long sentence is kept meanwhile
            return sentence.text
    return sentences[0].text if sentences else ""
