"""Paragraph features and the body block: which lines of a page are the article.

Each non-blank line gets a score: long, sentence-like lines with stopwords score
positive; short, link-like, menu-like, repeated and boilerplate lines negative.
The article body is the contiguous run of lines with the largest total score
(a max-subarray scan, linear in the number of lines).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsdrop.text.junk import BOILERPLATE, COMMENT_MARKER, COPYRIGHT, junk_kind
from newsdrop.text.lazyre import LazyPattern

# Bullets and list markers that inscriptis and other page-to-text tools write.
BULLET = LazyPattern(r"^(?:[*+•·▪►▸‣◦o-]|\d{1,3}[.)])\s+")
# A menu entry: a few words, no digit, no sentence end ("Latest News & Rumors", "Home").
MENU_LABEL = LazyPattern(r"^[^\d.!?]*[^\d.!?:;,\s]$")
MENU_LABEL_WORDS = 4
MENU_LABEL_CHARS = 40
# Copyright and notice lines are short; longer lines are not searched for them.
NOTICE_MAX_CHARS = 300
MENU_BULLET = LazyPattern(r"^[*+•·▪►▸‣◦o]\s+")
BULLET_ONLY = LazyPattern(r"^[*+•·▪►▸‣◦o|/\\>»›<«‹-]{1,3}$")
WORD = LazyPattern(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Characters of scripts written without spaces: each one carries about a word.
CJK = LazyPattern(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
SENTENCE_END = LazyPattern(r"[.!?。！？…][\"'”’»)\]]*$|[\"”’»]$")
URL = LazyPattern(r"https?://|www\.|\.(?:com|org|net|html?)\b|%2F", re.I)
URL_TOKEN = LazyPattern(r"\S*(?:https?://|www\.)\S*|\S+\.(?:com|org|net|html?)\S*", re.I)
SEPARATORS = LazyPattern(r"\s[|•·»›/]\s|\s-\s(?=[A-Z])")
DATE_OR_TIME = LazyPattern(
    r"(?i)\b(?:\d{1,2}:\d{2}\s*(?:am|pm)?|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.? \d{1,2}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d+ (?:hours?|"
    r"minutes?|days?|mins?) ago)\b"
)

COMMENT_MARKER_MAX_CHARS = 100
# A bulleted line of at least this many words reads as a list item, not a menu entry.
LIST_ITEM_WORDS = 6

# Function words of common news languages: a high share marks running prose.
STOPWORDS = frozenset(
    """
    the a an and or but of to in on at for with from by as is are was were be been has have had it its
    that this these those he she they we you i his her their our not no will would can could said says
    who which what when where there than then also after before about into over more most
    der die das und ist nicht ein eine zu den mit sich des auf für im dem von sie er es wir auch
    le la les et des est une un du que dans pour pas qui sur au aux ce il elle nous vous sont
    el los las y de que en por con para del se una lo su al como más pero sus
    il di che non per una sono della nel alla anche gli
    o os as e da do dos das em um uma não com para por mais
    het een van en op te dat zijn voor niet met ook
    och att det som på är för med inte av till den har
    og at det som på er for med ikke av til den har
    w z na i się nie do że jest to
    и в не на что с по это как из
    """.split()
)


@dataclass(slots=True)
class Line:
    """One non-blank line of the input and what the body finder knows about it."""

    index: int  # position among the input's lines
    text: str  # stripped
    score: float = 0.0
    junk: str | None = None


def weight(text: str, tokens: list[str] | None = None) -> int:
    """Text amount in word units: words, plus one per two characters of a spaceless script."""
    if tokens is None:
        tokens = WORD.findall(text)
    if text.isascii():
        return len(tokens)
    cjk = len(CJK.findall(text))
    return len(tokens) - (1 if cjk else 0) + cjk // 2


def score_line(text: str, repeats: int = 1, kind: str | None = None) -> float:
    """Evidence that ``text`` (one stripped line) is article prose: > 0 yes, < 0 no.

    ``kind`` is the line's junk kind when the caller already knows it.
    """
    if kind or junk_kind(text):
        return -4.0
    if BULLET_ONLY.match(text):
        return -1.5
    if len(text) < COMMENT_MARKER_MAX_CHARS and COMMENT_MARKER.match(text):
        return -4.0
    bullet = BULLET.match(text)
    body = text[bullet.end():] if bullet else text
    linked = URL.search(body) is not None
    words = URL_TOKEN.sub(" ", body) if linked else body
    tokens = WORD.findall(words)
    amount = weight(words, tokens)
    if amount == 0:
        return -1.0
    stop = sum(1 for token in tokens if token.lower() in STOPWORDS)
    ends = SENTENCE_END.search(body) is not None
    score = (amount - 12) / 8
    if amount < 12:
        score = -1.0 + amount / 24
    if ends:
        score += 1.0 if amount >= 8 else 0.3
    else:
        score -= 0.5
    if tokens and len(tokens) >= 6:
        share = stop / len(tokens)
        score += 2.0 * (share - 0.15) if share < 0.15 else min(share, 0.45) * 2
    if bullet:
        # menu entries are short and capitalized; list items of an article run on in lower case
        listy = tokens and (tokens[0][0].islower() or len(tokens) >= LIST_ITEM_WORDS)
        score -= 0.3 if listy else 1.5
    capitalized = sum(1 for token in tokens if token[0].isupper())
    if len(tokens) >= 3 and capitalized / len(tokens) > 0.75 and not ends:
        score -= 1.0  # title-case teaser or menu entry
    if linked:
        score -= 1.5
    score -= 0.7 * len(SEPARATORS.findall(body))
    if len(body) < NOTICE_MAX_CHARS and COPYRIGHT.search(body):
        score -= 3.0
    if amount < 25:
        hits = len(BOILERPLATE.findall(body))
        score -= 1.0 * hits
        if DATE_OR_TIME.search(body):
            score -= 0.5
    if repeats > 1:
        score -= 1.0 + min(amount, 40) / 10
    return score


def score_lines(lines: list[Line]) -> None:
    """Fill each line's ``score`` (and ``junk``), counting exact repeats across the page."""
    repeats = Counter(line.text.lower() for line in lines)
    for line in lines:
        line.junk = junk_kind(line.text)
        line.score = score_line(line.text, repeats[line.text.lower()], line.junk)


def best_block(scores: list[float]) -> tuple[int, int]:
    """``(start, end)`` of the contiguous run with the largest sum (Kadane); (0, 0) when none is positive."""
    best, best_start, best_end = 0.0, 0, 0
    running, start = 0.0, 0
    for i, value in enumerate(scores):
        if running <= 0:
            running, start = value, i
        else:
            running += value
        if running > best:
            best, best_start, best_end = running, start, i + 1
    return best_start, best_end


def page_evidence(lines: list[Line]) -> tuple[int, int, int]:
    """``(furniture, notices, labels)``: lines that look like page furniture (menu bullets, short
    navigation or notice lines, copyright), how many of them use boilerplate words, and how many
    lines are bare labels (at most MENU_LABEL_WORDS words, no digit, no sentence end)."""
    furniture = notices = labels = 0
    for line in lines:
        text = line.text
        if len(text) < MENU_LABEL_CHARS and MENU_LABEL.match(text) and len(text.split()) <= MENU_LABEL_WORDS:
            labels += 1
        short = len(text) < NOTICE_MAX_CHARS
        if short and (COPYRIGHT.search(text) or (len(text) < 60 and BOILERPLATE.search(text))):
            furniture += 1
            notices += 1
        elif BULLET_ONLY.match(text) or (MENU_BULLET.match(text) and len(text) < 50):
            furniture += 1
    return furniture, notices, labels
