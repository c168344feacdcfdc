"""JSON reader: the record shapes scrapers write, and JSON Lines batches.

PLACEHOLDER (first version): extended in issue 4.
"""

from __future__ import annotations

import json

from newsdrop.errors import MalformedJsonError, NoArticleTextError
from newsdrop.text.document import Document

BODY_FIELDS = ("maintext", "text", "body", "content", "article", "article_text", "html")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date_publish", "publish_date", "published", "date", "datePublished", "pubdate")
AUTHOR_FIELDS = ("authors", "author", "byline")
URL_FIELDS = ("url", "source_url", "link")


def read_json(text: str) -> list[Document]:
    """One Document per article record (a JSON object, an array, or JSON Lines)."""
    records = _load(text)
    documents = [_document(record) for record in records if isinstance(record, dict)]
    if not documents:
        raise NoArticleTextError("the JSON holds no article record")
    return documents


def _load(text: str) -> list[object]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            try:
                return [json.loads(line) for line in lines]
            except json.JSONDecodeError:
                pass
        raise MalformedJsonError(f"malformed JSON: {error.msg} at line {error.lineno}") from error
    return value if isinstance(value, list) else [value]


def _first(record: dict, fields: tuple[str, ...]) -> object:
    for name in fields:
        value = record.get(name)
        if value:
            return value
    return None


def _document(record: dict) -> Document:
    body = _first(record, BODY_FIELDS)
    if not isinstance(body, str) or not body.strip():
        raise NoArticleTextError("the JSON record has no article text field")
    if body.lstrip().startswith("<"):
        from newsdrop.text.html import read_html

        document = read_html(body)
    else:
        document = Document(body=body)
    document.format = "json"
    title = _first(record, TITLE_FIELDS)
    if isinstance(title, str) and title.strip():
        document.title = title.strip()
    authors = _first(record, AUTHOR_FIELDS)
    if isinstance(authors, str):
        authors = [authors]
    if isinstance(authors, list):
        document.authors = [str(a).strip() for a in authors if str(a).strip()]
    published = _first(record, DATE_FIELDS)
    if published:
        from newsdrop.text.dates import normalize_date

        document.published = normalize_date(str(published)) or document.published
    url = _first(record, URL_FIELDS)
    if isinstance(url, str):
        document.url = url
    language = record.get("language")
    if isinstance(language, str) and language:
        document.language = language.lower()[:2]
    return document
