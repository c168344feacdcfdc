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

from newsdrop.text.junk import (
    BOILERPLATE,
    BOILERPLATE_FOLDED,
    COMMENT_MARKER,
    COPYRIGHT,
    COPYRIGHT_HEADS,
    folded,
    has_case_folds,
    junk_kind,
    may_hold,
)
from newsdrop.text.lazyre import LazyPattern

# Bullets and list markers that inscriptis and other page-to-text tools write.
BULLET = LazyPattern(r"^(?:[*+•·▪►▸‣◦o-]|\d{1,3}[.)])\s+")
# A menu entry: a few words, no digit, no sentence end ("Latest News & Rumors", "Home").
MENU_LABEL = LazyPattern(r"^[^\d.!?]*[^\d.!?:;,\s]$")
MENU_LABEL_WORDS = 4
MENU_LABEL_CHARS = 40
# Copyright and notice lines are short; longer lines are not searched for them.
NOTICE_MAX_CHARS = 300
MENU_BULLET_CHARS = "*+•·▪►▸‣◦o"
MENU_BULLET = LazyPattern(rf"^[{MENU_BULLET_CHARS}]\s+")
BULLET_ONLY = LazyPattern(r"^[*+•·▪►▸‣◦o|/\\>»›<«‹-]{1,3}$")
WORD = LazyPattern(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Characters of scripts written without spaces: each one carries about a word.
CJK = LazyPattern(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# A sentence end, then closing quotes and brackets; or a closing quote alone (see ``ends_sentence``).
SENTENCE_MARKS = ".!?。！？…"
SENTENCE_CLOSERS = "\"'”’»)]"
QUOTE_CLOSERS = "\"”’»"
SENTENCE_END = LazyPattern(r"[.!?。！？…][\"'”’»)\]]*$|[\"”’»]$")
URL = LazyPattern(r"https?://|www\.|\.(?:com|org|net|html?)\b|%2F", re.I)
URL_HEADS = ("http", "www.", ".com", ".org", ".net", ".htm", "%2f")
URL_TOKEN = LazyPattern(r"\S*(?:https?://|www\.)\S*|\S+\.(?:com|org|net|html?)\S*", re.I)
SEPARATORS = LazyPattern(r"\s[|•·»›/]\s|\s-\s(?=[A-Z])")
SEPARATOR_CHARS = "|•·»›/-"
DIGIT = LazyPattern(r"\d")
DATE_OR_TIME = LazyPattern(
    r"(?i)\b(?:\d{1,2}:\d{2}\s*(?:am|pm)?|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.? \d{1,2}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d+ (?:hours?|"
    r"minutes?|days?|mins?) ago)\b"
)

COMMENT_MARKER_MAX_CHARS = 100
# join_parts copies this many characters at a time; fewer parts than this are joined at once.
JOIN_CHUNK_CHARS = 1 << 15
JOIN_CHUNK_PARTS = 256
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


def weighs_at_least(text: str, amount: int) -> bool:
    """``weight(text) >= amount``, reading only the first words when no spaceless script is in ``text``."""
    if not text.isascii() and CJK.search(text):
        return weight(text) >= amount
    count = 0
    for _ in WORD.finditer(text):
        count += 1
        if count >= amount:
            return True
    return count >= amount


def ends_sentence(text: str) -> bool:
    """``SENTENCE_END.search(text) is not None``, from the end of ``text`` instead of a scan."""
    if text.endswith("\n"):
        text = text[:-1]  # "$" also matches before a final newline
    if not text:
        return False
    if text[-1] in QUOTE_CLOSERS:
        return True
    core = text.rstrip(SENTENCE_CLOSERS)
    return bool(core) and core[-1] in SENTENCE_MARKS


def score_line(text: str, repeats: int = 1, kind: str | None = None) -> float:
    """Evidence that ``text`` (one stripped line) is article prose: > 0 yes, < 0 no.

    ``kind`` is the line's junk kind when the caller already knows it.
    """
    if kind or junk_kind(text):
        return -4.0
    if len(text) <= 4 and BULLET_ONLY.match(text):
        return -1.5
    if len(text) < COMMENT_MARKER_MAX_CHARS and COMMENT_MARKER.match(text):
        return -4.0
    bullet = BULLET.match(text)
    body = text[bullet.end():] if bullet else text
    low = folded(body)
    linked = may_hold(low, URL_HEADS) and URL.search(body) is not None
    words = URL_TOKEN.sub(" ", body) if linked else body
    tokens = WORD.findall(words)
    amount = weight(words, tokens)
    if amount == 0:
        return -1.0
    stop = sum(1 for token in tokens if token.lower() in STOPWORDS)
    ends = ends_sentence(body)
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
    if any(char in body for char in SEPARATOR_CHARS):
        score -= 0.7 * len(SEPARATORS.findall(body))
    if len(body) < NOTICE_MAX_CHARS and may_hold(low, COPYRIGHT_HEADS) and COPYRIGHT.search(body):
        score -= 3.0
    if amount < 25:
        hits = len(BOILERPLATE.findall(body) if low is None else BOILERPLATE_FOLDED.findall(low))
        score -= 1.0 * hits
        if DIGIT.search(body) and DATE_OR_TIME.search(body):
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


def page_evidence(lines: list[str], copyright: bool = True) -> tuple[int, int, int]:
    """``(furniture, notices, labels)``: stripped lines that look like page furniture (menu bullets, short
    navigation or notice lines, copyright), how many of them use boilerplate words, and how many
    lines are bare labels (at most MENU_LABEL_WORDS words, no digit, no sentence end).

    ``copyright=False`` tells that no line holds a copyright notice (``junk.may_have_copyright``)."""
    furniture = notices = labels = 0
    # without copyright notices, only lines shorter than a boilerplate notice can count
    for text in lines if copyright else [line for line in lines if len(line) < 60]:
        size = len(text)
        if size >= NOTICE_MAX_CHARS:
            continue  # too long for a label, a notice, a bullet or a menu entry
        if size < MENU_LABEL_CHARS and MENU_LABEL.match(text) and len(text.split()) <= MENU_LABEL_WORDS:
            labels += 1
        if size < 60:  # lower-case once, and match case-sensitively when that is sound (``folded``)
            low = text.lower() if text.isascii() or not has_case_folds(text) else None
            notice = BOILERPLATE.search(text) if low is None else BOILERPLATE_FOLDED.search(low)
        else:
            notice = None
        if (copyright and may_hold(folded(text), COPYRIGHT_HEADS) and COPYRIGHT.search(text)) or notice:
            furniture += 1
            notices += 1
        elif (size <= 4 and BULLET_ONLY.match(text)) or (
            size < 50 and text[:1] in MENU_BULLET_CHARS and MENU_BULLET.match(text)
        ):
            furniture += 1
    return furniture, notices, labels


def join_parts(parts: list[str], sep: str) -> str:
    """``sep.join(parts)``, emptying ``parts`` on the way (each item becomes None once copied).

    Parts are joined a chunk at a time onto the result, which CPython grows in place, so when
    ``parts`` holds the only references, the peak is the result plus one chunk instead of the result
    plus every part.
    """
    if len(parts) <= JOIN_CHUNK_PARTS:
        return sep.join(parts)
    out = ""
    start = size = 0
    last = len(parts) - 1
    for i, part in enumerate(parts):
        size += len(part)
        if size >= JOIN_CHUNK_CHARS or i == last:
            if start:
                out += sep
            out += sep.join(parts[start:i + 1])
            parts[start:i + 1] = [None] * (i + 1 - start)  # type: ignore[list-item]
            start, size = i + 1, 0
    return out
