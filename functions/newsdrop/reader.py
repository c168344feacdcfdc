"""Read summaries back: one by key, or streamed from a prefix page by page, validated into the models.

    >>> from newsdrop import iter_summaries
    >>> for summary in iter_summaries("my-output-bucket", language="en", entity="Putin"):
    ...     print(summary.title)

Nothing here is used by the Lambda function; any Python job (a notebook, Glue, an indexer) can import it.
Bad input never stops a walk: a corrupt or invalid file is reported (``warnings.warn`` + ``ScanStats``)
and skipped; a summary written by a newer schema version is read leniently, with a warning.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from pydantic import BaseModel, ValidationError

from newsdrop.contract import contract_model, load
from newsdrop.errors import NewsdropError
from newsdrop.models import SCHEMA_VERSION, ArticleSummary, ErrorRecord

DEFAULT_SUMMARY_PREFIX = "summaries/"
DEFAULT_ERROR_PREFIX = "errors/"
JSON_SUFFIX = ".json"
_VERSION = re.compile(r"^(\d+)(?:\.(\d+))?")
_BUCKET_MISSING = frozenset({"NoSuchBucket"})
_KEY_MISSING = frozenset({"NoSuchKey", "404", "NotFound"})
_DENIED = frozenset({"AccessDenied", "AllAccessDisabled", "InvalidAccessKeyId", "SignatureDoesNotMatch"})

Record = ArticleSummary | ErrorRecord


# ---------------------------------------------------------------- errors and warnings


class ReaderError(NewsdropError):
    """Reading summaries failed as a whole (not one bad file)."""

    code = "reader_error"


class BucketNotFoundError(ReaderError):
    code = "bucket_not_found"


class SummaryNotFoundError(ReaderError):
    code = "summary_not_found"


class AccessDeniedError(ReaderError):
    code = "access_denied"


class S3UnavailableError(ReaderError):
    """The endpoint cannot be reached, or S3 answered with an unexpected error."""

    code = "s3_error"


class CorruptSummaryError(ReaderError):
    """The file is not JSON, or not a summary or error record of a known schema."""

    code = "corrupt_summary"


class NewerSchemaWarning(UserWarning):
    """A summary was written by a newer schema version than this reader knows; read leniently."""


class CorruptSummaryWarning(UserWarning):
    """A file in the prefix is not a valid summary; it was skipped."""


# ---------------------------------------------------------------- results


@dataclass
class BadFile:
    key: str
    reason: str


@dataclass
class ScanStats:
    """What a walk saw: every listed object lands in exactly one of the counters below ``listed``."""

    listed: int = 0
    ignored: int = 0  # not *.json (folder markers, stray files)
    yielded: int = 0
    filtered: int = 0  # valid, but excluded by a filter or by include_errors=False
    newer_schema: int = 0  # read leniently (also counted in yielded or filtered)
    bad: list[BadFile] = field(default_factory=list)

    @property
    def read(self) -> int:
        return self.yielded + self.filtered


class SummaryScan:
    """The iterator ``iter_summaries`` returns; ``stats`` fills in as it is consumed."""

    def __init__(self, records: Callable[[ScanStats], Iterator[Record]]) -> None:
        self.stats = ScanStats()
        self._records = records(self.stats)

    def __iter__(self) -> SummaryScan:
        return self

    def __next__(self) -> Record:
        return next(self._records)


# ---------------------------------------------------------------- public API


def read_summary(bucket: str, key: str, *, client: Any = None) -> Record:
    """The summary (or error record) stored at ``s3://bucket/key``, validated.

    Raises SummaryNotFoundError, BucketNotFoundError, AccessDeniedError, S3UnavailableError, or
    CorruptSummaryError when the file is not a valid record.
    """
    s3 = client or _default_client()
    try:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except Exception as error:
        raise translate_s3_error(error, bucket, key) from error
    record, newer = parse_record(body, key)
    if newer:
        _warn_newer(key, newer)
    return record


def iter_summaries(
    bucket: str,
    prefix: str = DEFAULT_SUMMARY_PREFIX,
    since: date | datetime | str | None = None,
    language: str | None = None,
    entity: str | None = None,
    *,
    client: Any = None,
    include_errors: bool = False,
    entity_type: str | None = None,
    error_prefix: str | None = DEFAULT_ERROR_PREFIX,
    on_object: Callable[[ScanStats], None] | None = None,
    page_size: int | None = None,
) -> SummaryScan:
    """Stream the records under ``prefix``, one ``list_objects_v2`` page at a time.

    Filters (all optional, combined with AND): ``since`` (a date, a datetime — naive means UTC — or an
    ISO 8601 string) keeps articles published at or after it
    (``published``, or ``processor.processed_at`` when the date is unknown); ``language`` is an ISO
    639-1 code; ``entity`` matches an entity's name or alias, case-insensitively (``entity_type``
    narrows it to PERSON, ORGANIZATION...). With ``include_errors`` the error records are yielded too,
    and the mirror of ``prefix`` under ``error_prefix`` is walked after it (``summaries/2024/`` →
    ``errors/2024/``); error records only pass the ``since`` filter (they have no language/entities).
    ``on_object`` is called after every listed object (progress bars); ``page_size`` caps the keys per
    listing request (S3's default and maximum: 1,000). The listing starts lazily and
    raises BucketNotFoundError / AccessDeniedError / S3UnavailableError on the first ``next()``.
    """
    s3 = client or _default_client()
    keep = _Filter(_as_utc(since), (language or "").lower() or None, _fold(entity), entity_type)
    prefixes = [prefix]
    mirror = _error_mirror(prefix, error_prefix) if include_errors else None
    if mirror is not None:
        prefixes.append(mirror)

    def records(stats: ScanStats) -> Iterator[Record]:
        warned: set[str] = set()
        for walked in prefixes:
            for key in _list_keys(s3, bucket, walked, page_size):
                stats.listed += 1
                record = _read_one(s3, bucket, key, stats, warned)
                if record is not None:
                    if (include_errors or isinstance(record, ArticleSummary)) and keep(record):
                        stats.yielded += 1
                        yield record
                    else:
                        stats.filtered += 1
                if on_object is not None:
                    on_object(stats)

    return SummaryScan(records)


def parse_record(body: bytes | str, key: str = "") -> tuple[Record, str | None]:
    """Validate one JSON document; returns the record and the newer schema version it had, if any.

    Same or older major.minor: strict (the committed JSON Schema). Newer: unknown fields dropped at
    every level, then validated. Raises CorruptSummaryError.
    """
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptSummaryError(f"{key or 'document'} is not JSON: {error}") from error
    if not isinstance(data, dict):
        raise CorruptSummaryError(f"{key or 'document'} is JSON but not an object")
    record_type = ErrorRecord if "error" in data else ArticleSummary
    model = contract_model(record_type)
    version = str(data.get("schema_version", ""))
    parsed = schema_version_tuple(version)
    if parsed is None:
        raise CorruptSummaryError(f"{key or 'document'} has no usable schema_version ({version!r})")
    newer = parsed > schema_version_tuple(SCHEMA_VERSION)  # type: ignore[operator]
    if newer:
        data = strip_unknown(model, data)
    try:
        record = load(data, record_type)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "document"
        raise CorruptSummaryError(
            f"{key or 'document'} is not a valid {model.__name__} v{version}: {where}: {first['msg']}"
        ) from error
    return record, (version if newer else None)  # type: ignore[return-value]


def schema_version_tuple(version: str) -> tuple[int, int] | None:
    """'1.0' → (1, 0); '2' → (2, 0); anything else → None."""
    match = _VERSION.match(version.strip())
    return (int(match.group(1)), int(match.group(2) or 0)) if match else None


def strip_unknown(model: type[BaseModel], data: Any) -> Any:
    """A copy of ``data`` without the keys ``model`` does not declare, at every nesting level."""
    if not isinstance(data, Mapping):
        return data
    result = {}
    for name, spec in model.model_fields.items():
        if name in data:
            result[name] = _strip_value(spec.annotation, data[name])
    return result


def event_time(summary: ArticleSummary) -> datetime | None:
    """When the article happened for ``since``: ``published``, else ``processor.processed_at`` (UTC)."""
    for value in (summary.published, summary.processor.processed_at):
        parsed = parse_when(value)
        if parsed is not None:
            return parsed
    return None


def parse_when(value: str | None) -> datetime | None:
    """ISO 8601 date or datetime → aware UTC datetime (naive means UTC); partial or bad → None."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), time())
        except ValueError:
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def mentions(summary: ArticleSummary, entity: str, entity_type: str | None = None) -> bool:
    """True when an entity's name or one of its aliases equals ``entity`` (case-insensitive)."""
    wanted = _fold(entity)
    return any(
        (entity_type is None or e.type == entity_type.upper())
        and any(_fold(form) == wanted for form in (e.name, *e.aliases))
        for e in summary.entities
    )


# ---------------------------------------------------------------- internals


@dataclass(frozen=True)
class _Filter:
    since: datetime | None
    language: str | None
    entity: str | None
    entity_type: str | None

    def __call__(self, record: Record) -> bool:
        if isinstance(record, ErrorRecord):
            if self.language or self.entity:
                return False
            when = parse_when(record.processor.processed_at)
            return self.since is None or (when is not None and when >= self.since)
        if self.language and (record.language or "").lower() != self.language:
            return False
        if self.entity and not mentions(record, self.entity, self.entity_type):
            return False
        if self.since is not None:
            when = event_time(record)
            return when is not None and when >= self.since
        return True


def _fold(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text else None


def _as_utc(value: date | datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_when(value)
        if parsed is None:
            raise ValueError(f"since: not an ISO 8601 date or datetime: {value!r}")
        return parsed
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _error_mirror(prefix: str, error_prefix: str | None) -> str | None:
    """``summaries/x/`` → ``errors/x/``; None when there is nothing more to walk."""
    if error_prefix is None or prefix.startswith(error_prefix) or error_prefix.startswith(prefix):
        return None
    if prefix.startswith(DEFAULT_SUMMARY_PREFIX):
        return error_prefix + prefix[len(DEFAULT_SUMMARY_PREFIX) :]
    return error_prefix


def _strip_value(annotation: Any, value: Any) -> Any:
    import types
    import typing

    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        return strip_unknown(models[0], value) if models and isinstance(value, Mapping) else value
    if origin is list and isinstance(value, list):
        return [_strip_value(args[0], v) for v in value]
    if origin is dict and isinstance(value, Mapping):
        return {k: _strip_value(args[1], v) for k, v in value.items()}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return strip_unknown(annotation, value)
    return value


def _list_keys(s3: Any, bucket: str, prefix: str, page_size: int | None = None) -> Iterator[str]:
    """Keys under ``prefix``, streamed page by page (up to 1,000 per request)."""
    config = {"PageSize": page_size} if page_size else {}
    try:
        paginator = s3.get_paginator("list_objects_v2")
        pages = iter(paginator.paginate(Bucket=bucket, Prefix=prefix, PaginationConfig=config))
        while True:
            try:
                page = next(pages)
            except StopIteration:
                return
            for item in page.get("Contents", []):
                yield item["Key"]
    except ReaderError:
        raise
    except Exception as error:
        raise translate_s3_error(error, bucket, prefix) from error


def _read_one(s3: Any, bucket: str, key: str, stats: ScanStats, warned: set[str]) -> Record | None:
    if not key.endswith(JSON_SUFFIX):
        stats.ignored += 1
        return None
    try:
        record = read_summary_quiet(s3, bucket, key)
    except (CorruptSummaryError, SummaryNotFoundError) as error:  # deleted between list and get: skip
        stats.bad.append(BadFile(key, error.message))
        warnings.warn(f"skipped {key}: {error.message}", CorruptSummaryWarning, stacklevel=4)
        return None
    parsed, newer = record
    if newer:
        stats.newer_schema += 1
        if newer not in warned:
            warned.add(newer)
            _warn_newer(key, newer)
    return parsed


def read_summary_quiet(s3: Any, bucket: str, key: str) -> tuple[Record, str | None]:
    """``read_summary`` without the warning: the record and its newer schema version, if any."""
    try:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except Exception as error:
        raise translate_s3_error(error, bucket, key) from error
    return parse_record(body, key)


def _warn_newer(key: str, version: str) -> None:
    warnings.warn(
        f"{key} was written by schema {version}, newer than this reader's {SCHEMA_VERSION}: "
        "fields it does not know were ignored; upgrade newsdrop to read them",
        NewerSchemaWarning,
        stacklevel=4,
    )


def translate_s3_error(error: Exception, bucket: str, key: str) -> Exception:
    """botocore errors → ReaderError subclasses with stable codes."""
    from botocore.exceptions import BotoCoreError, ClientError

    where = f"s3://{bucket}/{key}"
    if isinstance(error, ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code in _BUCKET_MISSING:
            return BucketNotFoundError(f"bucket {bucket!r} does not exist (or is in another account)")
        if code in _KEY_MISSING:
            return SummaryNotFoundError(f"{where} does not exist")
        if code in _DENIED:
            return AccessDeniedError(f"access denied to {where} ({code})")
        return S3UnavailableError(f"S3 error {code or 'unknown'} on {where}")
    if isinstance(error, BotoCoreError):
        return S3UnavailableError(f"cannot reach S3 for {where}: {error}")
    return error


def _default_client() -> Any:
    import boto3

    return boto3.client("s3")
