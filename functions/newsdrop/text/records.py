"""JSON reader: the record shapes scrapers write, one Document per article.

Accepted layouts
----------------
- one JSON object (one article);
- a JSON array of objects (one article each);
- JSON Lines: one object per line (one article each; blank lines are skipped);
- an object wrapping its articles in ``articles``, ``items``, ``records``,
  ``results`` or ``data`` (a list of objects).

At most ``MAX_RECORDS`` (1,000) articles are read from one input; the rest are
dropped and each Document read carries the warning ``records_truncated``.

Keys read from each record (the first non-empty one wins), with the tools that write them
(np = news-please, n4k = newspaper4k, traf = trafilatura's JSON output):

- body: ``maintext`` (np), ``text`` (n4k, traf), ``article_text``, ``body``, ``content``,
  ``article``, ``html``, ``raw_html``
- title: ``title`` (all), ``headline``, ``title_page``, ``title_rss`` (np)
- authors: ``authors`` (np, n4k: a list), ``author`` (traf: ``"A; B"``), ``byline``;
  a string is split on ``;``, ``|``, ``&``, " and ", else on commas
- published: ``date_publish`` (np), ``publish_date`` (n4k), ``date`` (traf), ``published``,
  ``published_at``, ``datePublished``, ``pubdate``; a number is a Unix timestamp (s or ms)
- url: ``url`` (np, n4k), ``source`` (traf, when it is a URL), ``source_url``, ``link``,
  ``canonical_link``
- site name: ``sitename`` (traf), ``source_domain`` (np), ``hostname`` (traf), ``site_name``
- description: ``description`` (np, traf), ``excerpt``, ``summary`` (n4k), ``meta_description``
- language: ``language`` (np), ``meta_lang`` (n4k), ``lang``
- tags: ``tags``, ``categories`` (traf), ``keywords``, ``meta_keywords`` (n4k); lists, or
  strings split on ``;`` / ``,``

Values may also be WordPress REST objects (``{"rendered": "…"}``) or, for the body,
a list of paragraph strings. A body that is HTML (it starts with a tag) goes through the HTML
reader; the record's own fields then win over what the page's markup says.
Authors are split and cleaned by :mod:`newsdrop.text.authors` ("By …", e-mail addresses and
handles removed); dates are normalized to ISO 8601 (a number is read as a Unix timestamp).
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime

from newsdrop.errors import MalformedJsonError, NoArticleTextError, UnsupportedFormatError
from newsdrop.text.authors import clean_authors, split_authors
from newsdrop.text.document import Document
from newsdrop.text.lazyre import LazyPattern

MAX_RECORDS = 1_000
BODY_FIELDS = ("maintext", "text", "article_text", "body", "content", "article", "html", "raw_html")
TITLE_FIELDS = ("title", "headline", "title_page", "title_rss")
AUTHOR_FIELDS = ("authors", "author", "byline")
DATE_FIELDS = (
    "date_publish", "publish_date", "date", "published", "published_at", "datePublished", "pubdate",
)
URL_FIELDS = ("url", "source", "source_url", "link", "canonical_link")
SITE_FIELDS = ("sitename", "source_domain", "hostname", "site_name")
DESCRIPTION_FIELDS = ("description", "excerpt", "summary", "meta_description")
LANGUAGE_FIELDS = ("language", "meta_lang", "lang")
TAG_FIELDS = ("tags", "categories", "keywords", "meta_keywords")
WRAPPER_FIELDS = ("articles", "items", "records", "results", "data")

TAG = LazyPattern(r"<[^<>]{0,500}>")
LOOKS_LIKE_HTML = LazyPattern(r"\s*<(?:!doctype|[a-z][a-z0-9]*)[\s>/]", re.I)
URL = LazyPattern(r"https?://\S+$")
TAG_SEPARATOR = LazyPattern(r"\s*[;,]\s*")
LANGUAGE_CODE = LazyPattern(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?$")


def read_json(text: str) -> list[Document]:
    """One Document per article record (a JSON object, an array, or JSON Lines)."""
    records = _load(text)
    truncated = len(records) > MAX_RECORDS
    records = records[:MAX_RECORDS]
    if not any(isinstance(record, dict) for record in records):
        raise UnsupportedFormatError("the JSON holds no article record (expected objects)")
    documents = []
    for record in records:
        if not isinstance(record, dict):
            continue
        try:
            documents.append(read_record(record))
        except NoArticleTextError:
            if len(records) == 1:
                raise
    if not documents:
        raise NoArticleTextError("no JSON record has an article text field")
    if truncated:
        for document in documents:
            document.warnings.append("records_truncated")
    return documents


def read_record(record: dict) -> Document:
    """The Document of one article record."""
    body = _first_text(record, BODY_FIELDS)
    if body is None:
        raise NoArticleTextError("the JSON record has no article text field")
    if LOOKS_LIKE_HTML.match(body):
        from newsdrop.text.html import read_html_fragment

        document = read_html_fragment(body)
    else:
        document = Document(body=body.replace("\r\n", "\n"))
    document.format = "json"
    document.title = _plain(_first_text(record, TITLE_FIELDS)) or document.title
    authors = clean_authors(_names(_first(record, AUTHOR_FIELDS)))
    document.authors = authors or document.authors
    document.published = _date(_first(record, DATE_FIELDS)) or document.published
    url = _first_text(record, URL_FIELDS, URL)
    document.url = url or document.url
    document.site_name = _first_text(record, SITE_FIELDS) or document.site_name
    document.description = _plain(_first_text(record, DESCRIPTION_FIELDS)) or document.description
    language = _first_text(record, LANGUAGE_FIELDS, LANGUAGE_CODE)
    document.language = language.lower()[:2] if language else document.language
    tags = _tags(record)
    document.tags = tags or document.tags
    return document


def _load(text: str) -> list[object]:
    stripped = text.strip()
    try:
        value = json.loads(stripped)
    except json.JSONDecodeError as error:
        if "\n" in stripped and stripped.startswith("{"):
            return _load_lines(stripped, error)
        raise MalformedJsonError(f"malformed JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError as error:
        raise MalformedJsonError("the JSON is nested too deeply") from error
    if isinstance(value, dict):
        for key in WRAPPER_FIELDS:
            inner = value.get(key)
            is_list = isinstance(inner, list) and inner and all(isinstance(r, dict) for r in inner)
            if is_list and _first_text(value, BODY_FIELDS) is None:
                return inner
        return [value]
    if isinstance(value, list):
        return value
    raise UnsupportedFormatError(f"the JSON is a bare {type(value).__name__}, not an article record")


def _load_lines(text: str, first_error: json.JSONDecodeError) -> list[object]:
    """JSON Lines: every non-blank line must be one JSON value."""
    records: list[object] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(records) >= MAX_RECORDS:
            records.append(None)  # marks the truncation; the rest is not parsed
            break
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            if not records:  # not JSON Lines either: report the whole-document error
                message = f"malformed JSON: {first_error.msg} at line {first_error.lineno}"
                raise MalformedJsonError(message) from first_error
            raise MalformedJsonError(f"malformed JSON Lines: {error.msg} on line {number}") from error
        except RecursionError as error:
            raise MalformedJsonError(f"JSON nested too deeply on line {number}") from error
    return records


def _first(record: dict, fields: tuple[str, ...]) -> object:
    for name in fields:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _first_text(record: dict, fields: tuple[str, ...], shape: LazyPattern | None = None) -> str | None:
    for name in fields:
        value = _text_value(record.get(name))
        if value and (shape is None or shape.match(value)):
            return value
    return None


def _plain(value: str | None) -> str | None:
    """A one-line field without markup or entities (WordPress titles and excerpts hold both)."""
    return " ".join(html.unescape(TAG.sub("", value)).split()) or None if value else None


def _text_value(value: object) -> str | None:
    """A string field; WordPress's ``{"rendered": …}`` and lists of paragraphs are read too."""
    if isinstance(value, dict):
        value = value.get("rendered")
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        value = "\n\n".join(item.strip() for item in value if item.strip())
    return value.strip() or None if isinstance(value, str) else None


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return split_authors(value)
    if isinstance(value, list):
        names = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("name")
            if isinstance(item, str):
                names.extend(split_authors(item, commas=False))
        return names
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return [value["name"]]
    return []


def _date(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10**11 else value  # milliseconds
        try:
            return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and value.strip():
        from newsdrop.text.dates import normalize_date

        return normalize_date(value.strip())
    return None


def _tags(record: dict) -> list[str]:
    tags: list[str] = []
    for name in TAG_FIELDS:
        value = record.get(name)
        items = TAG_SEPARATOR.split(value) if isinstance(value, str) else value
        for item in items if isinstance(items, list) else []:
            item = item.strip() if isinstance(item, str) else ""
            if item and item.casefold() not in {t.casefold() for t in tags}:
                tags.append(item)
    return tags
