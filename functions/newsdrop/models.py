"""The output contract: ArticleSummary v1 and ErrorRecord v1, as plain dataclasses.

Field names are a contract with downstream readers (Athena, indexers, the
quality scorer): add fields freely, rename none without bumping
``SCHEMA_VERSION``.

These are stdlib dataclasses so that the Lambda path never imports pydantic
(importing it and building the models cost each cold start about 80 ms). The
constraints a field carries (``ge``, ``pattern``) are in its ``metadata``;
``newsdrop.contract`` turns these classes into pydantic models, which
validate what readers load, generate the JSON Schema (``newsdrop schema``,
``schema/article-summary-v1.json``) and check every output in the tests.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, Self

SCHEMA_VERSION = "1.0"

Format = Literal["text", "html", "json", "markdown"]
EntityType = Literal["PERSON", "ORGANIZATION", "LOCATION", "MISC"]
_record = dataclass(kw_only=True, slots=True)


def _ge(bound: int, **options: Any) -> Any:
    """A field whose value is at least ``bound`` (checked by the contract)."""
    return field(metadata={"ge": bound}, **options)


def _pattern(regex: str) -> Any:
    """A string field that matches ``regex`` (checked by the contract)."""
    return field(metadata={"pattern": regex})


def _list() -> Any:
    return field(default_factory=list)


class _Record:
    """The part of pydantic's model API that callers use, so a record and a contract model (what
    ``newsdrop.reader`` returns) are handled alike: ``model_dump``, ``model_dump_json``, ``model_copy``."""

    __slots__ = ()

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        """The record as a dict of JSON-ready values (``mode`` is accepted for pydantic's signature)."""
        return asdict(self)  # type: ignore[call-overload]

    def model_dump_json(self, indent: int | None = None) -> str:
        """The record as the JSON text written to storage (compact unless ``indent``)."""
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(asdict(self), ensure_ascii=False, indent=indent, separators=separators)  # type: ignore[call-overload]

    def model_copy(self, update: dict[str, Any] | None = None) -> Self:
        """A shallow copy with the fields in ``update`` replaced."""
        return replace(self, **(update or {}))  # type: ignore[type-var]


@_record
class Source(_Record):
    """Where the article came from and how it was read."""

    bucket: str | None = None
    key: str | None = None
    version_id: str | None = None
    etag: str | None = None
    size: int | None = _ge(0, default=None)
    content_type: str | None = None
    format: Format | None = None
    encoding: str | None = None
    last_modified: str | None = None


@_record
class Keyword(_Record):
    text: str
    score: float


@_record
class Entity(_Record):
    """A named thing; ``name`` is the fullest form seen, ``aliases`` the others."""

    name: str
    type: EntityType
    mentions: int = _ge(1)
    aliases: list[str] = _list()
    roles: list[str] = _list()


@_record
class Quote(_Record):
    """A direct quote. ``start``/``end`` delimit the quoted passage in ``text``
    (opening to closing mark, so a quote split around its attribution spans
    both parts); ``text`` is the quoted words without the marks."""

    text: str
    speaker: str | None = None
    start: int = _ge(0)
    end: int = _ge(0)


@_record
class DateMention(_Record):
    """A date written in the body; ``value`` is ISO 8601, partial when the text
    is ("--02-22" for "February 22" with no known year, "2014" for a year)."""

    text: str
    value: str
    start: int = _ge(0)


@_record
class Stats(_Record):
    characters: int = _ge(0)
    words: int = _ge(0)
    sentences: int = _ge(0)
    paragraphs: int = _ge(0)
    reading_time_minutes: float = _ge(0)


@_record
class CleaningAction(_Record):
    """One kind of removal or repair, with a few examples of what was touched."""

    count: int = _ge(1)
    samples: list[str] = _list()


@_record
class Fingerprint(_Record):
    sha256: str = _pattern(r"^[0-9a-f]{64}$")
    simhash: str = _pattern(r"^[0-9a-f]{16}$")


@_record
class Processor(_Record):
    name: str = "newsdrop"
    version: str
    processed_at: str
    duration_ms: float = _ge(0)


@_record
class ArticleSummary(_Record):
    """One article, cleaned and described (schema 1.0)."""

    schema_version: str = SCHEMA_VERSION
    id: str
    source: Source
    title: str | None = None
    authors: list[str] = _list()
    published: str | None = None
    url: str | None = None
    site_name: str | None = None
    description: str | None = None
    tags: list[str] = _list()
    language: str | None = None
    text: str
    summary: str = ""
    keywords: list[Keyword] = _list()
    entities: list[Entity] = _list()
    quotes: list[Quote] = _list()
    dates: list[DateMention] = _list()
    stats: Stats
    cleaning: dict[str, CleaningAction] = field(default_factory=dict)
    fingerprint: Fingerprint
    processor: Processor
    warnings: list[str] = _list()


@_record
class ErrorDetail(_Record):
    code: str
    message: str


@_record
class ErrorRecord(_Record):
    """Written instead of a summary when an object cannot become one."""

    schema_version: str = SCHEMA_VERSION
    id: str
    source: Source
    error: ErrorDetail
    processor: Processor
