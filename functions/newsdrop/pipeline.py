"""The pure core: bytes in, ArticleSummary out. No AWS in here.

    decode → detect format → read (text / HTML / JSON / Markdown) → clean
    → sentences → language, entities, quotes, dates, keywords, summary
    → stats, fingerprint → ArticleSummary

``summarize`` handles one article; ``summarize_all`` also accepts inputs that
hold several (JSON Lines, JSON arrays of records) and returns one summary each.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from datetime import UTC, datetime

from newsdrop import __version__
from newsdrop.errors import EmptyObjectError, NoArticleTextError, TooLargeError
from newsdrop.models import (
    ArticleSummary,
    CleaningAction,
    Processor,
    Source,
)
from newsdrop.text.clean import clean_text
from newsdrop.text.decode import decode
from newsdrop.text.detect import detect_format
from newsdrop.text.document import Document
from newsdrop.text.metadata import apply_user_metadata

# Inputs larger than this are refused by the pure core too; the handler's cap
# (settings.max_object_bytes) is usually lower.
HARD_LIMIT_BYTES = 64 * 1024 * 1024
MIN_BODY_CHARACTERS = 1


def summarize(
    data: bytes | str,
    *,
    name: str | None = None,
    content_type: str | None = None,
    metadata: Mapping[str, str] | None = None,
    source: Source | None = None,
) -> ArticleSummary:
    """Summarize one article. For inputs holding several, the first is returned."""
    return summarize_all(data, name=name, content_type=content_type, metadata=metadata, source=source)[0]


def summarize_all(
    data: bytes | str,
    *,
    name: str | None = None,
    content_type: str | None = None,
    metadata: Mapping[str, str] | None = None,
    source: Source | None = None,
) -> list[ArticleSummary]:
    """Summarize every article in ``data`` (one, or one per JSON Lines record)."""
    started = time.perf_counter()
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > HARD_LIMIT_BYTES:
        raise TooLargeError(f"input is {len(raw)} bytes; the limit is {HARD_LIMIT_BYTES}")
    if not raw or raw.isspace():  # no stripped copy of a large input
        raise EmptyObjectError("the object is empty or only whitespace")

    text, encoding = decode(raw, content_type)
    fmt = detect_format(text, name, content_type)
    documents = _read(text, fmt)
    del text  # the readers made their bodies from it; on a 10 MB input it is 10-40 MB less to hold
    src = (source or Source()).model_copy(
        update={"format": fmt, "encoding": encoding, "size": len(raw),
                "content_type": content_type or (source.content_type if source else None),
                "key": (source.key if source and source.key else name)}
    )
    identity = (src.bucket, src.key) if src.key else ("sha256", hashlib.sha256(raw).hexdigest())
    summaries = []
    for index, document in enumerate(documents):
        apply_user_metadata(document, metadata or {})
        article_id = make_article_id(*identity, index=index if len(documents) > 1 else None)
        summaries.append(analyze(document, source=src, article_id=article_id, started=started))
    return summaries


def _read(text: str, fmt: str) -> list[Document]:
    """Dispatch to the reader for ``fmt``; heavy readers are imported only when needed."""
    if fmt == "html":
        from newsdrop.text.html import read_html

        return [read_html(text)]
    if fmt == "json":
        from newsdrop.text.records import read_json

        return read_json(text)
    if fmt == "markdown":
        from newsdrop.text.markdown import read_markdown

        return [read_markdown(text)]
    from newsdrop.text.plaintext import read_text

    return [read_text(text)]


def analyze(
    document: Document, *, source: Source, article_id: str, started: float | None = None
) -> ArticleSummary:
    """Clean the document's body and extract every metadata field (``document.body`` is consumed)."""
    from newsdrop.text.dates import extract_dates
    from newsdrop.text.fingerprint import fingerprint
    from newsdrop.text.keyword_tokens import SentenceWords
    from newsdrop.text.keywords import extract_keywords
    from newsdrop.text.language import detect_language
    from newsdrop.text.quotes import extract_quotes
    from newsdrop.text.sentences import split_sentences
    from newsdrop.text.stats import text_stats
    from newsdrop.text.summary import extractive_summary

    started = time.perf_counter() if started is None else started
    body, document.body = document.body, ""  # the cleaned text replaces it: hold one copy, not two
    text = clean_text(body, document.cleaning)
    del body
    if len(text.strip()) < MIN_BODY_CHARACTERS:
        raise NoArticleTextError("no article text left after removing boilerplate")

    warnings = list(document.warnings)
    language = document.language
    if not language:
        language, confident = detect_language(text)
        if language and not confident:
            warnings.append("language_low_confidence")
    sentences = split_sentences(text)
    entities = _entities_with_headline(text, sentences, document.title)
    quotes = extract_quotes(text, sentences, entities)
    dates = extract_dates(text, document.published)
    words = SentenceWords(sentences)  # the sentences split into words once, for keywords and summary
    keywords = extract_keywords(text, sentences, entities, language, title=document.title, words=words)
    summary = extractive_summary(text, sentences, title=document.title, words=words)
    if document.title and document.title_derived:
        warnings.append("title_derived")

    return ArticleSummary(
        id=article_id,
        source=source,
        title=document.title,
        authors=document.authors,
        published=document.published,
        url=document.url,
        site_name=document.site_name,
        description=document.description,
        tags=document.tags,
        language=language,
        text=text,
        summary=summary,
        keywords=keywords,
        entities=entities,
        quotes=quotes,
        dates=dates,
        stats=text_stats(text, sentences),
        cleaning={
            kind: CleaningAction(count=count, samples=document.cleaning.samples.get(kind, []))
            for kind, count in sorted(document.cleaning.counts.items())
        },
        fingerprint=fingerprint(text),
        processor=processor_info(started),
        warnings=list(dict.fromkeys(warnings)),
    )


def _entities_with_headline(text: str, sentences: list, title: str | None) -> list:
    """Entities of the article, its headline included (people named only there are still its people)."""
    from newsdrop.text.entities import extract_entities
    from newsdrop.text.sentences import split_sentences

    if not title:
        return extract_entities(text, sentences)
    shift = len(title) + 2
    combined = f"{title}\n\n{text}"
    shifted = [s.moved(shift) for s in sentences]
    return extract_entities(combined, split_sentences(title) + shifted)


def processor_info(started: float) -> Processor:
    """Who made the record, when, and how long it took since ``started``."""
    return Processor(
        version=__version__,
        processed_at=datetime.now(UTC).isoformat(timespec="seconds"),
        duration_ms=round((time.perf_counter() - started) * 1000, 3),
    )


def make_article_id(bucket: str | None, key: str, index: int | None = None) -> str:
    """Stable id: the same bucket/key (and record index) always gives the same id."""
    basis = f"{bucket or ''}/{key}" + (f"#{index}" if index is not None else "")
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]
