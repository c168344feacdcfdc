"""Author names: where every reader turns author fields and byline lines into names.

- ``split_authors``: one author string of a metadata field ("A; B", "A and B", "A, B") -> its parts;
- ``clean_authors``: names from metadata fields (JSON records, HTML meta tags) without "By", e-mail
  addresses, handles or placeholders ("Staff"); order kept, no repeats;
- ``byline_authors``: the names of a byline line in plain text ("By Jane Doe and John Roe, Reuters"),
  stricter because the line may be prose ("By the time the vote came, …"): every part must be
  written as a name; wire services, sites and credentials are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdrop.text.junk import AGENCIES
from newsdrop.text.lazyre import LazyPattern

# --- metadata fields ---------------------------------------------------------------------------
EMAIL = LazyPattern(r"\S+@\S+\.\w+")
HANDLE = LazyPattern(r"(?<!\w)@\w+")
BY_PREFIX = LazyPattern(r"^(?:written\s+)?by[:\s]+", re.I)
PLACEHOLDER = LazyPattern(r"(?i)^(?:staff|staff writer|editor|editors|admin|reporter|correspondent|and|)$")
LIST_SEPARATOR = LazyPattern(r"\s*[;|]\s*|\s+and\s+|\s*&\s*")
MAX_NAME_CHARS = 80
PUBLICATION = LazyPattern(r"^The\s+[A-Z]")  # "Jane Doe | The Ledger": people are not called "The …"

# --- byline lines ------------------------------------------------------------------------------
BYLINE = LazyPattern(
    r"^(?:by|written by|words by|story by|reporting by|text by|von|par|por)\s+(?P<names>.+)$", re.I
)
BYLINE_MAX_CHARS = 150
BYLINE_EMAIL = LazyPattern(r"\S+@\S+")
NAME_SPLIT = LazyPattern(r"\s*(?:,|;|\||\band\b|&|\bund\b|\bet\b|\by\b)\s*", re.I)
NAME_TOKEN = LazyPattern(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|de|da|del|van|von|der|la|le|di|bin|al|el|ter|dos)$")
NAME_MAX_WORDS = 5
# Parts of a byline that are not names: sites, credentials, job titles.
NOT_A_NAME = LazyPattern(
    r"\.(?:com|org|net|co\.uk)\b|^(?:MD|MS|RD|PhD|MPH|MBA|CPA|RN|Jr|Sr)\.?$|"
    r"\b(?:staff|reporter|correspondent|editor|writer|contributor|columnist|desk|team)$",
    re.I,
)


def split_authors(value: str, commas: bool = True) -> list[str]:
    """An author string split into names on ``;``, ``|``, ``&`` or " and ", else (with ``commas``) on
    commas; one item of a list of authors keeps its commas ("Doe, Jane")."""
    if commas and not LIST_SEPARATOR.search(value):
        return value.split(",")
    return LIST_SEPARATOR.split(value)


def clean_authors(names: Iterable[str]) -> list[str]:
    """Author names without "By", e-mail addresses, handles or placeholders; order kept, no repeats."""
    cleaned: list[str] = []
    for name in names:
        name = BY_PREFIX.sub("", " ".join(name.split()))
        name = HANDLE.sub("", EMAIL.sub("", name))
        name = _without_trailing_agency(name.split("|")[0].strip(" ,;:-()"))
        if not _is_person_name(name) or name.casefold() in {c.casefold() for c in cleaned}:
            continue
        cleaned.append(name)
    return cleaned


def _without_trailing_agency(name: str) -> str:
    """ "John Roe, Reuters" → "John Roe"."""
    head, _, tail = name.rpartition(",")
    return head.strip() if head and tail.strip().casefold() in AGENCIES else name


def _is_person_name(name: str) -> bool:
    """Not a placeholder, a wire service or a publication ("The Ledger"), and of a name's length."""
    return not (
        PLACEHOLDER.match(name)
        or len(name) > MAX_NAME_CHARS
        or name.casefold() in AGENCIES
        or PUBLICATION.match(name)
    )


def byline_authors(line: str) -> list[str] | None:
    """The authors named by a byline line ("By Jane Doe and John Roe, Reuters"); None when not a byline.

    ``[]`` is a byline naming no person ("By Associated Press", "By HNN Staff").
    """
    if len(line) > BYLINE_MAX_CHARS:
        return None
    match = BYLINE.match(line)
    if not match:
        return None
    names = BYLINE_EMAIL.sub("", match.group("names"))
    authors: list[str] = []
    for part in NAME_SPLIT.split(names):
        part = part.strip(" .-–—|:")
        if not part:
            continue
        if part.lower() in AGENCIES or NOT_A_NAME.search(part) or PUBLICATION.match(part):
            continue
        tokens = part.split()
        if not 1 <= len(tokens) <= NAME_MAX_WORDS or not all(NAME_TOKEN.match(token) for token in tokens):
            if authors:
                break  # trailing words after the names ("…, Staff Writer at the Times")
            return None
        if part.casefold() not in {a.casefold() for a in authors}:
            authors.append(part)
    return authors
