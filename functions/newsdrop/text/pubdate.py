"""Publication date of an HTML page: htmldate on the markup, never a bare year from the text.

The cascade, cheapest and most trusted first:

1. htmldate without its opportunistic text search, asking for the original date
   (``extensive_search=False, original_date=True``): headers, JSON-LD, ``<time>``,
   the URL. trafilatura's metadata pass runs this one, so it costs nothing extra.
2. A January 1st from step 1 is what htmldate returns for a bare year; the most
   recent full date of the same markup is preferred to it when there is one.
3. A byline phrase in the visible text: a full date next to "published",
   "posted", "veröffentlicht", "publié"… ("Posted on May 19, 2010").
4. htmldate's extensive search, accepted only when it found a day: its results
   on the 1st of a month usually come from a year or a year-month (a copyright
   line, a URL path), so they are kept only when the page writes that day out.

The tree is always passed parsed, so htmldate never fetches anything.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from newsdrop.text.lazyre import LazyPattern

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MARKUP_PARAMS = {"extensive_search": False, "original_date": True}

_MONTHS = {
    # English, German, French, Spanish, Italian, Portuguese, Dutch (full and common short forms)
    1: "january jan januar janvier enero gennaio janeiro januari jänner",
    2: "february feb februar février fevrier febrero febbraio fevereiro februari",
    3: "march mar märz maerz mars marzo março maart",
    4: "april apr avril abril aprile",
    5: "may mai mayo maggio maio mei",
    6: "june jun juni juin junio giugno junho",
    7: "july jul juli juillet julio luglio julho",
    8: "august aug août aout agosto augustus",
    9: "september sep sept septembre septiembre settembre setembro",
    10: "october oct oktober octobre octubre ottobre outubro",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember décembre decembre diciembre dicembre dezembro",
}
MONTH_NUMBER = {name: number for number, names in _MONTHS.items() for name in names.split()}
_MONTH = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))

# "May 19, 2010" | "19. Mai 2010" | "19 de mayo de 2010" | "2010-05-19"
DATE_IN_TEXT = LazyPattern(
    rf"(?i)\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})\.?\s*(?:de\s+)?(?P<m2>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y2>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))\b"
)
PUBLISHED_WORD = LazyPattern(
    r"(?i)\b(?:published|posted|first\s+published|veröffentlicht|gepostet|erschienen|publié|publiée"
    r"|publicado|publicada|pubblicato|gepubliceerd|geplaatst)\b"
)
WINDOW_BEFORE = 60
WINDOW_AFTER = 40
MAX_TEXT_CHARACTERS = 200_000


def find_published(tree: HtmlElement, markup_date: str | None) -> str | None:
    """The publication date (YYYY-MM-DD) of the page ``tree``; ``markup_date`` is step 1's result."""
    if markup_date and not _bare_year(markup_date):
        return markup_date
    if markup_date:
        newest = _htmldate(tree, extensive_search=False, original_date=False)
        return newest if newest and not _bare_year(newest) else markup_date
    text = _visible_text(tree)
    found = byline_date(text)
    if found:
        return found
    guess = _htmldate(tree, extensive_search=True, original_date=True)
    if guess and (not guess.endswith("-01") or guess in written_dates(text)):
        return guess
    return None


def byline_date(text: str) -> str | None:
    """The first full date written next to a publication word ("Posted on 19 May 2010")."""
    for match in DATE_IN_TEXT.finditer(text[:MAX_TEXT_CHARACTERS]):
        around = text[max(0, match.start() - WINDOW_BEFORE) : match.end() + WINDOW_AFTER]
        if not PUBLISHED_WORD.search(around):
            continue
        value = _to_iso(match)
        if value:
            return value
    return None


def written_dates(text: str) -> set[str]:
    """Every full date written out in ``text`` (ISO), so a guess can be checked against the page."""
    found = (_to_iso(match) for match in DATE_IN_TEXT.finditer(text[:MAX_TEXT_CHARACTERS]))
    return {value for value in found if value}


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for n in "123":
        if groups[f"y{n}"]:
            year, day, month = int(groups[f"y{n}"]), int(groups[f"d{n}"]), groups[f"m{n}"]
            month_number = int(month) if month.isdigit() else MONTH_NUMBER.get(month.lower().rstrip("."))
            try:
                found = date(year, month_number or 0, day)
            except ValueError:
                return None
            return found.isoformat() if found <= date.today() else None
    return None


def _bare_year(value: str) -> bool:
    return value.endswith("-01-01")


def _visible_text(tree: HtmlElement) -> str:
    body = tree.find("body")
    root = body if body is not None else tree
    parts = []
    for element in root.iter():
        if element.tag in ("script", "style", "noscript") or not isinstance(element.tag, str):
            if element.tail:
                parts.append(element.tail)
            continue
        if element.text:
            parts.append(element.text)
        if element.tail:
            parts.append(element.tail)
    return " ".join(" ".join(parts).split())


def _htmldate(tree: HtmlElement, **params: bool) -> str | None:
    from htmldate import find_date

    try:
        return find_date(tree, **params)
    except (ValueError, TypeError, RecursionError):
        return None
