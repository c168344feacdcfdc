"""Plain-text reader: find the article body and its headline, byline and dateline.

Two shapes of plain text come in:

- an article as scraped, with a little junk (``[ad_1]``, "Source link") that
  ``clean_text`` removes: every line is kept;
- the text of a whole page (menus, footers, related links, notices). When the
  page evidence is strong enough, the body is the densest run of article-like
  lines (``paragraphs.best_block``) and everything around it is dropped.

Metadata lines at the top of the body (headline, "By …", "Published …") move
into the Document's fields; a wire dateline ("LONDON (Reuters) -") is cut from
the first paragraph. Each removal is recorded in ``document.cleaning``.

An article's lines stay plain strings (``Line`` records are made only for a page's
lines and the few at the top), the pattern searches run behind cheap tests that
they could match, and the body is joined so that the lines are let go as it grows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdrop.errors import NoArticleTextError
from newsdrop.text.authors import BYLINE_MAX_CHARS, byline_authors
from newsdrop.text.document import Cleaning, Document
from newsdrop.text.junk import (
    KEY_EDGE,
    PUBLISHED_LINE,
    SECTION_OPENERS,
    SHORTCODE,
    junk_kind,
    line_key,
    may_have_copyright,
)
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.paragraphs import (
    BULLET,
    STOPWORDS,
    WORD,
    Line,
    best_block,
    ends_sentence,
    join_parts,
    page_evidence,
    score_line,
    score_lines,
    weighs_at_least,
    weight,
)

# "More from The Times", "More in Politics": openers followed by a name
OPENER_PREFIXES = ("more from ", "more in ", "more on ", "more stories from ", "latest from ")
# First words of every opener: a line whose lower-cased start has none of them is no opener.
OPENER_WORDS = tuple(sorted({opener.split()[0] for opener in (*SECTION_OPENERS, *OPENER_PREFIXES)}))
OPENER_WORD_CHARS = max(map(len, OPENER_WORDS))
# The words by their first letter, in either case (a line key is lower-cased).
OPENER_WORDS_BY_CHAR = {
    first: tuple(word for word in OPENER_WORDS if word[0] == first.lower())
    for first in {case(word[0]) for word in OPENER_WORDS for case in (str.lower, str.upper)}
}
# The first two letters of every opener, in any case.
OPENER_STARTS = frozenset(
    a + b for word in OPENER_WORDS for a in (word[0], word[0].upper()) for b in (word[1], word[1].upper())
)
# What a line key strips from the line's start: edge punctuation and any whitespace.
KEY_EDGE_SPACE = KEY_EDGE + "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
# Characters that make a line look non-blank without showing anything.
INVISIBLE = "\u200b\u2060\ufeff\u00ad"
# A page needs this many furniture lines, and this share of its lines, to be cut to its body.
PAGE_MIN_EVIDENCE = 4
PAGE_MIN_SHARE = 0.08
PAGE_MIN_NOTICES = 2
PAGE_MENU_EVIDENCE = 8
PAGE_MENU_SHARE = 0.2
# ... or, with notices, this many bare menu labels, and this share of its lines;
# without notices, labels must be many more.
PAGE_MIN_LABELS = 10
PAGE_LABEL_SHARE = 0.25
PAGE_MENU_LABELS = 30
PAGE_MENU_LABEL_SHARE = 0.5
# The body of a page must hold at least this many words.
MIN_BODY_WORDS = 12
# Longer lines are no publication line, and no byline either (authors.BYLINE_MAX_CHARS).
PUBLISHED_MAX_CHARS = 120
METADATA_MAX_CHARS = max(BYLINE_MAX_CHARS, PUBLISHED_MAX_CHARS)
# How far from the body start metadata lines are looked for.
HEAD_LINES = 6
BEFORE_LINES = 12
TITLE_MAX_WORDS = 30
TITLE_MAX_CHARS = 250
# A page's headline shares at least this share of its content words with the body's first paragraphs.
HEADLINE_MIN_OVERLAP = 0.3
# Marks of credits, breadcrumbs and notices, never of a headline.
NOT_HEADLINE = LazyPattern(r"©|\||»|›|\bshare\b|\bimage:|\bphoto:|\bcredit|you are here|\bhome\b", re.I)

# A writer's name on its own line: "Larisa Sayenko", "Mary J. Blige"
BARE_NAME = LazyPattern(r"^[A-Z][a-z'’-]+(?: [A-Z]\.)?(?: (?:de |van |von |al-)?[A-Z][A-Za-z'’-]+){1,2}$")
# "LONDON, Feb 22 (Reuters) -", "WASHINGTON (AP) —", "(CNN)", "MADRID —"
DATELINE_SEP = LazyPattern(r"\s*[-–—―]+\s+|(?<=\))\s*[-–—―]*\s*")
DATELINE_SEP_CHARS = "-–—―)"  # every match of DATELINE_SEP holds one of them or follows the last
DATELINE_AGENCY = LazyPattern(r"\((?P<agency>[A-Z][A-Za-z.&' -]{1,40})\)$")
DATELINE_PLACE = LazyPattern(r"^[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30}){0,3}$")
DATELINE_MAX = 90
DATELINE_MIN_WORDS = 6
MONTH_DAY_END = LazyPattern(
    r"(?i),?\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d{1,2}$"
)
# A dateline on a line of its own: "LONDON 1996-08-30", "FARMINGTON HILLS, Mich."
DATELINE_LINE = LazyPattern(
    r"^[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?(?:\s+\d{4}-\d{2}-\d{2}|"
    r",?\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?$"
)
DATE_IN_TEXT = LazyPattern(
    r"(?i)\b(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{4})\b"
)


def read_text(text: str) -> Document:
    """Read a scraped plain-text article (or a whole page's text) into a Document."""
    document = Document(body="", format="text")
    paragraphs = _body_paragraphs(text, document)
    if paragraphs:
        paragraphs[0] = _cut_dateline(paragraphs[0], document.cleaning)
    # The paragraphs are the only references to the lines now: joining them frees them as it goes.
    document.body = join_parts(paragraphs, "\n")
    if not document.body.strip():
        raise NoArticleTextError("no article text left after removing boilerplate")
    return document


def _body_paragraphs(text: str, document: Document) -> list[str]:
    """The body's lines (``""`` for a break between blocks), with metadata moved into ``document``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    stripped = list(map(str.strip, raw_lines))
    if any(char in text for char in INVISIBLE):
        stripped = [_strip_invisible(line) for line in stripped]
    numbers = [i for i, line in enumerate(stripped) if line]  # each non-blank line's position
    texts = list(filter(None, stripped))  # and its stripped text
    del stripped
    if not texts:
        raise NoArticleTextError("the text is empty")
    cleaning = document.cleaning
    if _is_page(texts, may_have_copyright(text)):
        lines = [Line(i, line) for i, line in zip(numbers, texts, strict=True)]
        body, before = _page_body(lines, cleaning)
        _take_metadata(document, _head(body), before, raw_lines)
        return _paragraphs((line.index, line.text) for line in body if not line.junk)
    # An article: every line stays but a closing list of links and the metadata lines at the top.
    end = _related_start(texts, cleaning)
    head = _head(Line(i, line) for i, line in zip(numbers[:end], texts[:end], strict=True))
    _take_metadata(document, head, [], raw_lines)
    moved = {line.index for line in head if line.junk}
    if not moved and numbers[end - 1] - numbers[0] == end - 1:
        return texts[:end]  # no blank line between the first and the last: one paragraph per line
    return _paragraphs(pair for pair in zip(numbers[:end], texts[:end], strict=True) if pair[0] not in moved)


def _strip_invisible(line: str) -> str:
    """A stripped line without the invisible characters at its edges (and the spaces they hid)."""
    if line and (line[0] in INVISIBLE or line[-1] in INVISIBLE):
        return line.strip(INVISIBLE).strip()
    return line


def _head(body: Iterable[Line]) -> list[Line]:
    """The first lines of the body that are not only ad shortcodes: enough of them for the metadata.

    Raises NoArticleTextError when every such line is a junk line.
    """
    head: list[Line] = []
    useful = False
    for line in body:
        if _is_shortcode_only(line.text):
            continue
        head.append(line)
        if not useful and not (line.junk or junk_kind(line.text)):
            useful = True
        if useful and len(head) > HEAD_LINES:
            break
    if not useful:
        raise NoArticleTextError("the text holds only ad shortcodes, trailers and other junk lines")
    return head


def _is_page(lines: list[str], copyright: bool = True) -> bool:
    furniture, notices, labels = page_evidence(lines, copyright)
    if furniture >= max(PAGE_MENU_EVIDENCE, PAGE_MENU_SHARE * len(lines)):
        return True  # menus of bullets, whatever their language
    if labels >= max(PAGE_MENU_LABELS, PAGE_MENU_LABEL_SHARE * len(lines)):
        return True  # mostly menu labels, whatever their language
    if notices < PAGE_MIN_NOTICES:
        return False
    return (furniture >= max(PAGE_MIN_EVIDENCE, PAGE_MIN_SHARE * len(lines))
            or labels >= max(PAGE_MIN_LABELS, PAGE_LABEL_SHARE * len(lines)))


def _page_body(lines: list[Line], cleaning: Cleaning) -> tuple[list[Line], list[Line]]:
    """The best block of a page's lines, and the lines just before it (where a headline sits)."""
    score_lines(lines)
    start, end = best_block([line.score for line in lines])
    body = lines[start:end]
    if sum(weight(line.text) for line in body) < MIN_BODY_WORDS:
        raise NoArticleTextError("the text is page boilerplate with no article body")
    dropped = lines[:start] + lines[end:]
    if dropped:
        cleaning.record("navigation", dropped[0].text, len(dropped))
    in_links = False  # inside a "Don't miss"-like list of links within the body
    for line in body:
        if line.junk:
            in_links = line_key(line.text) in SECTION_OPENERS
            cleaning.record(line.junk, line.text)
        elif in_links and line.score <= 0:
            line.junk = "related"
            cleaning.record("related", line.text)
        elif line.score < 0 and BULLET.match(line.text) and weight(line.text) < 4:
            line.junk = "navigation"
            cleaning.record("navigation", line.text)
        else:
            in_links = False
    return body, lines[max(0, start - BEFORE_LINES):start]


def _related_start(lines: list[str], cleaning: Cleaning) -> int:
    """Where the list of links under a closing "Related articles"-like line starts (``len(lines)``: none).

    Only the last such line in the article's last two thirds counts, and only when no line after
    it reads as prose: a plain article loses nothing.
    """
    # A line's key starts with its first character unless that is an edge mark or a space.
    candidates = [
        k for k in range(len(lines) - 1, len(lines) // 3, -1)
        if lines[k][:2] in OPENER_STARTS or lines[k][:1] in KEY_EDGE_SPACE
    ]
    for k in candidates:
        text = lines[k].lstrip(KEY_EDGE_SPACE)  # where the line's key starts
        words = OPENER_WORDS_BY_CHAR.get(text[:1])
        if not words or not text[:OPENER_WORD_CHARS].lower().startswith(words):
            continue  # its key cannot be an opener
        text = lines[k]
        key = line_key(text)
        if key in SECTION_OPENERS or key.startswith(OPENER_PREFIXES):
            tail = lines[k:]
            if len(tail) > 1 and all(score_line(line) <= 0 for line in tail[1:]):
                cleaning.record("related", tail[1], len(tail))
                return k
            break
    return len(lines)


def _is_shortcode_only(text: str) -> bool:
    return "[" in text and not SHORTCODE.sub("", text).strip()


def _paragraphs(lines: Iterable[tuple[int, str]]) -> list[str]:
    """One paragraph per ``(position, text)`` line, in input order (clean_text rejoins hard-wrapped lines)."""
    out: list[str] = []
    previous = -2
    for index, text in lines:
        if out and index != previous + 1:
            out.append("")  # keep the input's blank line between blocks
        out.append(text)
        previous = index
    return out


# --- metadata ------------------------------------------------------------------


def _take_metadata(document: Document, head: list[Line], before: list[Line], raw_lines: list[str]) -> None:
    """Move the headline, bylines and publication lines at the top of ``head`` into ``document``."""
    cleaning = document.cleaning
    if head and not before:
        first = head[0]
        if _is_title(first, head[1:], raw_lines):
            document.title = first.text
            first.junk = "title"
            cleaning.record("title", first.text)
    elif before:
        document.title = _page_headline(before, head)
    candidates = [(line, False) for line in before] + [(line, True) for line in head[:HEAD_LINES]]
    for line, in_body in candidates:
        if (in_body and line.junk) or len(line.text) > METADATA_MAX_CHARS:
            continue  # too long for a byline or a publication line
        authors = byline_authors(line.text)
        if authors is not None:
            if authors and not document.authors:
                document.authors = authors
            if in_body:
                line.junk = "byline"
                cleaning.record("byline", line.text)
            continue
        published = _published(line.text)
        if published is not None:
            if published and not document.published:
                document.published = published
            if in_body:
                line.junk = "published"
                cleaning.record("published", line.text)


def _is_title(first: Line, rest: list[Line], raw_lines: list[str]) -> bool:
    """Whether the first line of an article is its headline."""
    text = first.text
    if len(text) > TITLE_MAX_CHARS:
        return False
    words = _word_count(text)
    if not rest or words == 0 or words > TITLE_MAX_WORDS:
        return False
    if rest[0].index == first.index + 1 and rest[0].text[:1].islower():
        return False  # a hard-wrapped sentence goes on in the next line
    if BULLET.match(text) or byline_authors(text) is not None or _published(text) is not None:
        return False
    if _cut_dateline(text, Cleaning()) != text:
        return False  # the first paragraph, opening with its dateline
    if DATELINE_LINE.match(rest[0].text):
        return True  # "LONDON 1996-08-30" under a headline
    if len(rest) > 1 and BARE_NAME.match(rest[0].text) and DATELINE_LINE.match(rest[1].text):
        return True  # a headline, its writer's name, and the dateline
    if not any(weighs_at_least(line.text, 8) for line in rest[:5]):
        return False  # a list of short lines: nothing marks the first as a headline
    tokens = WORD.findall(text)
    if not tokens:
        return False
    letters = "".join(tokens)
    if letters.isupper() and len(letters) > 3:
        return True
    if not ends_sentence(text):
        return True
    capitalized = sum(1 for token in tokens if token[0].isupper()) / len(tokens)
    if capitalized >= 0.6 and len(tokens) >= 3:
        return True
    if text[0] in "\"“‘'«" or words > 20:
        return False
    longest = max(_word_count(line.text) for line in rest[:5])
    if not text.endswith(".") and words <= 0.5 * longest:
        return True  # "Can painkillers prevent melanoma?" over a long paragraph
    blank_after = first.index + 1 < len(raw_lines) and not raw_lines[first.index + 1].strip()
    return blank_after and words <= 0.5 * longest


def _word_count(text: str) -> int:
    """``len(text.split())``; a printable line with single spaces only is counted by its spaces."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.count(" ") + 1 if text else 0
    return len(text.split())


def _page_headline(before: list[Line], body: list[Line]) -> str | None:
    """The line above a page's body that reads as its headline: the one sharing most words with the lede."""
    lede = {word.lower() for line in body[:3] for word in WORD.findall(line.text[:2000])}
    best, best_overlap = None, HEADLINE_MIN_OVERLAP
    for line in before:
        if not _looks_like_headline(line.text):
            continue
        words = [word.lower() for word in WORD.findall(line.text) if word.lower() not in STOPWORDS]
        overlap = sum(word in lede for word in words) / len(words) if words else 0.0
        if overlap >= best_overlap:  # the later of two equal candidates: nearer to the body
            best, best_overlap = line.text, overlap
    return best


def _looks_like_headline(text: str) -> bool:
    words = len(text.split())
    return (
        3 <= words <= TITLE_MAX_WORDS
        and not BULLET.match(text)
        and not text.endswith((".", ":"))
        and not NOT_HEADLINE.search(text)
        and junk_kind(text) is None
        and byline_authors(text) is None
        and _published(text) is None
        and not DATE_IN_TEXT.search(text)
    )


def _published(text: str) -> str | None:
    """The ISO date of a "Published …"/"Updated …" line; "" when it is one without a readable date."""
    if len(text) > PUBLISHED_MAX_CHARS:
        return None
    match = PUBLISHED_LINE.match(text)
    if not match:
        return None
    from newsdrop.text.dates import normalize_date

    value = match.group("value").strip()
    if match.group("kind").lower() in ("updated", "last updated", "modified"):
        return ""
    found = normalize_date(value)
    if not found:
        date = DATE_IN_TEXT.search(value)
        found = normalize_date(date.group().replace("Sept", "Sep")) if date else None
    if found is None and not DATE_IN_TEXT.search(value) and not any(c.isdigit() for c in value):
        return None  # "Posted in Politics": not a date line
    return found or ""


def _may_hold_dateline_sep(head: str) -> bool:
    """False only when ``DATELINE_SEP`` matches nowhere in ``head``: it needs a dash or a ")" (a few
    one-character tests, much faster than the search, which tries the pattern at every position)."""
    for char in DATELINE_SEP_CHARS:  # noqa: SIM110 - a plain loop is faster than any() over a generator
        if char in head:
            return True
    return False


def _cut_dateline(paragraph: str, cleaning: Cleaning) -> str:
    """Cut a wire dateline ("LONDON, Feb 22 (Reuters) -", "MADRID —", "(CNN)") from the paragraph's start."""
    head = paragraph[:DATELINE_MAX]
    if not _may_hold_dateline_sep(head):
        return paragraph
    match = DATELINE_SEP.search(head)
    if not match or (match.start() == 0 and not head.startswith("(")):
        return paragraph
    prefix = head[: match.start()].strip()
    rest = paragraph[match.end():]
    if not rest or not (rest[0].isupper() or rest[0] in "\"“‘'«("):
        return paragraph
    words = rest.split(maxsplit=DATELINE_MIN_WORDS * 2)[: DATELINE_MIN_WORDS * 2]
    if len(words) < DATELINE_MIN_WORDS or sum(word[0].islower() for word in words) < 2:
        return paragraph  # "IPO FILING -- Homegate Inc.": a headline's parts, not a dateline and a sentence
    opening = rest[:200]
    if sum(map(str.isupper, opening)) > sum(map(str.islower, opening)):
        return paragraph  # an all-caps headline ("SOCCER - RESULTS …"), not a dateline
    agency = DATELINE_AGENCY.search(prefix)
    place = prefix[: agency.start()].strip(" ,") if agency else prefix
    if place:
        place = DATE_IN_TEXT.sub("", place).strip(" ,")
        place = MONTH_DAY_END.sub("", place).strip(" ,")
    if agency is None and not (place and place.split(",")[0].replace(" ", "").replace(".", "").isupper()):
        return paragraph
    if place and not DATELINE_PLACE.match(place):
        return paragraph
    cleaning.record("dateline", prefix)
    return rest
