"""The output contract: ArticleSummary v1 and ErrorRecord v1.

Field names are a contract with downstream readers (Athena, indexers, the
quality scorer): add fields freely, rename none without bumping
``SCHEMA_VERSION``. ``json_schema()`` is what ``newsdrop schema`` prints and
what ``schema/article-summary-v1.json`` commits.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Format = Literal["text", "html", "json", "markdown"]
EntityType = Literal["PERSON", "ORGANIZATION", "LOCATION", "MISC"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Source(_Model):
    """Where the article came from and how it was read."""

    bucket: str | None = None
    key: str | None = None
    version_id: str | None = None
    etag: str | None = None
    size: int | None = Field(default=None, ge=0)
    content_type: str | None = None
    format: Format | None = None
    encoding: str | None = None
    last_modified: str | None = None


class Keyword(_Model):
    text: str
    score: float


class Entity(_Model):
    """A named thing; ``name`` is the fullest form seen, ``aliases`` the others."""

    name: str
    type: EntityType
    mentions: int = Field(ge=1)
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)


class Quote(_Model):
    """A direct quote. ``start``/``end`` delimit the quoted passage in ``text``
    (opening to closing mark, so a quote split around its attribution spans
    both parts); ``text`` is the quoted words without the marks."""

    text: str
    speaker: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class DateMention(_Model):
    """A date written in the body; ``value`` is ISO 8601, partial when the text
    is ("--02-22" for "February 22" with no known year, "2014" for a year)."""

    text: str
    value: str
    start: int = Field(ge=0)


class Stats(_Model):
    characters: int = Field(ge=0)
    words: int = Field(ge=0)
    sentences: int = Field(ge=0)
    paragraphs: int = Field(ge=0)
    reading_time_minutes: float = Field(ge=0)


class CleaningAction(_Model):
    """One kind of removal or repair, with a few examples of what was touched."""

    count: int = Field(ge=1)
    samples: list[str] = Field(default_factory=list)


class Fingerprint(_Model):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    simhash: str = Field(pattern=r"^[0-9a-f]{16}$")


class Processor(_Model):
    name: str = "newsdrop"
    version: str
    processed_at: str
    duration_ms: float = Field(ge=0)


class ArticleSummary(_Model):
    """One article, cleaned and described (schema 1.0)."""

    schema_version: str = SCHEMA_VERSION
    id: str
    source: Source
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None
    url: str | None = None
    site_name: str | None = None
    description: str | None = None
    tags: list[str] = Field(default_factory=list)
    language: str | None = None
    text: str
    summary: str = ""
    keywords: list[Keyword] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    stats: Stats
    cleaning: dict[str, CleaningAction] = Field(default_factory=dict)
    fingerprint: Fingerprint
    processor: Processor
    warnings: list[str] = Field(default_factory=list)


class ErrorDetail(_Model):
    model_config = ConfigDict(defer_build=True)  # built on first use: most cold starts write no error

    code: str
    message: str


class ErrorRecord(_Model):
    """Written instead of a summary when an object cannot become one."""

    model_config = ConfigDict(defer_build=True)  # built on first use: most cold starts write no error

    schema_version: str = SCHEMA_VERSION
    id: str
    source: Source
    error: ErrorDetail
    processor: Processor


def json_schema() -> dict:
    """The JSON Schema of ArticleSummary v1 (the committed file is this, dumped)."""
    schema = ArticleSummary.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://newsdrop.dev/schema/article-summary-{SCHEMA_VERSION}.json"
    return schema


def error_json_schema() -> dict:
    """The JSON Schema of ErrorRecord v1."""
    schema = ErrorRecord.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
