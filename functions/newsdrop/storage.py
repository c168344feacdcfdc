"""S3 adapter: size-capped reads, the output key layout, summary and error writes.

Key layout (input prefix stripped, the rest mirrored):
    incoming/a/b.txt  →  summaries/a/b.txt.json            one article
    incoming/feed.jsonl → summaries/feed.jsonl/00000.json   one per record of a multi-article input
    incoming/bad.pdf  →  errors/bad.pdf.json                error record
An output key longer than S3's 1,024 bytes keeps its head and ends in a hash of the full key.

Every output carries user metadata naming the source version it was made from (``source-etag``,
``source-version-id``, ``source-sequencer``, ``source-last-modified``); ``find_outputs`` reads it back
with HeadObject, and ``ingest`` decides from it whether an event is a duplicate or out of date.
Writes are conditional (``IfNoneMatch="*"`` when the key was absent, ``IfMatch=<etag>`` when it was
seen): a concurrent writer that got there first makes ours fail with ``ConcurrentWriteError``
(transient), and the retry re-reads the winner's metadata and decides again.
botocore errors become NewsdropErrors here and nowhere else.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsdrop.errors import (
    EmptyObjectError,
    ObjectNotFoundError,
    TooLargeError,
    TransientError,
)
from newsdrop.observability import tracer
from newsdrop.settings import Settings

if TYPE_CHECKING:
    from newsdrop.events import ObjectRef
    from newsdrop.models import ArticleSummary, ErrorRecord

JSON_CONTENT_TYPE = "application/json"
_NOT_FOUND = frozenset({"NoSuchKey", "NoSuchVersion", "404", "NotFound", "NoSuchBucket"})
_CONTENT_RANGE_TOTAL = re.compile(r"/(\d+)$")
# Without s3:ListBucket, S3 answers HeadObject on a missing key with 403, not 404; the role may read
# the output prefixes (GetObject), so a 403 there means "absent".
_HEAD_ABSENT = frozenset({"403", "Forbidden", "AccessDenied"})
_PRECONDITION = frozenset({"PreconditionFailed", "412", "ConditionalRequestConflict", "409"})
MAX_KEY_BYTES = 1024
KEY_HASH_CHARS = 16
MAX_METADATA_VALUE = 512  # S3 allows 2 KB of user metadata in all; the source key gets at most this


class ConcurrentWriteError(TransientError):
    """Another invocation wrote the same output between our read and our write; retry decides again."""

    code = "concurrent_write"


@dataclass(frozen=True)
class OutputState:
    """An output object that already exists, and the source version it records."""

    key: str
    etag: str
    last_modified: str | None
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def retryable(self) -> bool:
        """An error record written when retries ran out: it does not count as "processed"."""
        return self.metadata.get("newsdrop-kind") == "retryable-error"


@dataclass
class FetchedObject:
    """The bytes of one object (at most the cap) and what S3 said about it."""

    body: bytes
    content_type: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    version_id: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    size: int | None = None


@lru_cache(maxsize=1)
def s3_client() -> Any:
    """One S3 client per process, reused across warm invocations.

    boto3 honours AWS_ENDPOINT_URL(_S3), so the same code talks to moto,
    LocalStack, MinIO or AWS.
    """
    import boto3
    from botocore.config import Config

    return boto3.client("s3", config=Config(retries={"max_attempts": 4, "mode": "standard"}))


def summary_key(settings: Settings, key: str, index: int | None = None) -> str:
    """Where the summary of ``key`` (or of its ``index``-th record) is written."""
    tail = ".json" if index is None else f"/{index:05d}.json"
    return fit_key(settings.summary_prefix, settings.relative_key(key), tail)


def error_key(settings: Settings, key: str) -> str:
    """Where the error record of ``key`` is written."""
    return fit_key(settings.error_prefix, settings.relative_key(key), ".json")


def fit_key(prefix: str, middle: str, tail: str) -> str:
    """``prefix + middle + tail``, or, past S3's 1,024 bytes, a cut middle ending in a hash of it."""
    key = prefix + middle + tail
    if len(key.encode("utf-8")) <= MAX_KEY_BYTES:
        return key
    digest = "~" + hashlib.sha256(middle.encode("utf-8", "surrogatepass")).hexdigest()[:KEY_HASH_CHARS]
    room = MAX_KEY_BYTES - len((prefix + digest + tail).encode("utf-8"))
    head = middle.encode("utf-8", "surrogatepass")[: max(0, room)].decode("utf-8", "ignore")
    return prefix + head + digest + tail


def _ascii(value: str, limit: int = MAX_METADATA_VALUE) -> str:
    """S3 user metadata is ASCII: non-ASCII is escaped, then the result is cut to ``limit``."""
    return value.encode("ascii", "backslashreplace").decode("ascii")[:limit]


class Storage:
    """Reads inputs and writes outputs for one settings object."""

    def __init__(self, settings: Settings, client: Any | None = None) -> None:
        self.settings = settings
        self.client = client or s3_client()

    def output_bucket(self, ref: ObjectRef) -> str:
        return self.settings.output_bucket or ref.bucket

    @tracer.capture_method
    def fetch(self, ref: ObjectRef) -> FetchedObject:
        """Read the object the event names, refusing more than ``max_object_bytes``."""
        cap = self.settings.max_object_bytes
        if ref.size is not None and ref.size > cap:
            raise TooLargeError(f"object is {ref.size} bytes; the limit is {cap}")
        if ref.size == 0:
            raise EmptyObjectError("the object is empty")
        params: dict[str, Any] = {"Bucket": ref.bucket, "Key": ref.key, "Range": f"bytes=0-{cap}"}
        if ref.version_id:
            params["VersionId"] = ref.version_id
        try:
            response = self.client.get_object(**params)
            body = response["Body"].read()
        except Exception as error:
            raise _translate(error, ref) from error
        total = _total_size(response.get("ContentRange"), len(body))
        if total > cap or len(body) > cap:
            raise TooLargeError(f"object is {total} bytes; the limit is {cap}")
        modified = response.get("LastModified")
        return FetchedObject(
            body=body,
            content_type=response.get("ContentType"),
            metadata={k.lower(): v for k, v in (response.get("Metadata") or {}).items()},
            version_id=response.get("VersionId") or ref.version_id,
            etag=(response.get("ETag") or ref.etag or "").strip('"') or None,
            last_modified=modified.isoformat() if modified is not None else None,
            size=total,
        )

    def output_keys(self, ref: ObjectRef) -> tuple[str, ...]:
        """The keys whose existence means ``ref``'s key was processed before (one article, many, error)."""
        return (
            summary_key(self.settings, ref.key),
            summary_key(self.settings, ref.key, 0),
            error_key(self.settings, ref.key),
        )

    @tracer.capture_method
    def find_outputs(self, ref: ObjectRef) -> dict[str, OutputState]:
        """The existing outputs of ``ref``'s key, by key (HeadObject each; absent keys are left out)."""
        found = {}
        for key in self.output_keys(ref):
            state = self._head(self.output_bucket(ref), key, ref)
            if state is not None:
                found[key] = state
        return found

    def _head(self, bucket: str, key: str, ref: ObjectRef) -> OutputState | None:
        from botocore.exceptions import ClientError

        try:
            response = self.client.head_object(Bucket=bucket, Key=key)
        except Exception as error:
            if isinstance(error, ClientError) and _code(error) in _HEAD_ABSENT:
                return None
            translated = _translate(error, ref)
            if isinstance(translated, ObjectNotFoundError):
                return None
            raise translated from error
        modified = response.get("LastModified")
        return OutputState(
            key=key,
            etag=str(response.get("ETag") or ""),
            last_modified=modified.isoformat() if modified is not None else None,
            metadata={k.lower(): v for k, v in (response.get("Metadata") or {}).items()},
        )

    @tracer.capture_method
    def put_summaries(
        self, ref: ObjectRef, summaries: list[ArticleSummary], *, seen: dict[str, OutputState] | None = None
    ) -> list[str]:
        """Write one JSON file per summary; returns the keys written.

        ``seen`` (from ``find_outputs``) makes the first write conditional on what was there.
        """
        many = len(summaries) > 1
        keys = []
        for index, summary in enumerate(summaries):
            key = summary_key(self.settings, ref.key, index if many else None)
            guard = seen if index == 0 else None
            body = summary.model_dump_json()
            self._put_json(self.output_bucket(ref), key, body, ref, summary.source, guard)
            keys.append(key)
        return keys

    @tracer.capture_method
    def put_error(
        self,
        ref: ObjectRef,
        record: ErrorRecord,
        *,
        seen: dict[str, OutputState] | None = None,
        retryable: bool = False,
    ) -> str:
        """Write the error record of ``ref``; returns its key.

        ``retryable`` marks a record written when retries ran out on a transient failure: a later
        delivery (a DLQ redrive) processes the object again instead of taking it as a duplicate.
        """
        key = error_key(self.settings, ref.key)
        body = record.model_dump_json()
        kind = "retryable-error" if retryable else "error"
        self._put_json(self.output_bucket(ref), key, body, ref, record.source, seen, kind)
        return key

    def _put_json(
        self,
        bucket: str,
        key: str,
        body: str,
        ref: ObjectRef,
        source: Any = None,
        seen: dict[str, OutputState] | None = None,
        kind: str = "summary",
    ) -> None:
        metadata = source_metadata(ref, source)
        metadata["newsdrop-kind"] = kind
        params: dict[str, Any] = {
            "Bucket": bucket, "Key": key, "Body": body.encode("utf-8"),
            "ContentType": JSON_CONTENT_TYPE, "Metadata": metadata,
        }
        if seen is not None:
            previous = seen.get(key)
            if previous is None:
                params["IfNoneMatch"] = "*"
            elif previous.etag:
                params["IfMatch"] = previous.etag
        try:
            self.client.put_object(**params)
        except Exception as error:
            if _is_precondition(error):
                raise ConcurrentWriteError(f"s3://{bucket}/{key} was written concurrently") from error
            raise _translate(error, ref) from error


def source_metadata(ref: ObjectRef, source: Any = None) -> dict[str, str]:
    """The user metadata an output records about the source version it was made from."""
    values = {
        "source-key": ref.key,
        "source-version-id": getattr(source, "version_id", None) or ref.version_id,
        "source-etag": (getattr(source, "etag", None) or ref.etag or "").strip('"'),
        "source-sequencer": ref.sequencer,
        "source-last-modified": getattr(source, "last_modified", None),
    }
    return {name: _ascii(str(value)) for name, value in values.items() if value}


def _is_precondition(error: Exception) -> bool:
    from botocore.exceptions import ClientError

    return isinstance(error, ClientError) and _code(error) in _PRECONDITION


def _code(error: Any) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def _total_size(content_range: str | None, fallback: int) -> int:
    match = _CONTENT_RANGE_TOTAL.search(content_range or "")
    return int(match.group(1)) if match else fallback


def _translate(error: Exception, ref: ObjectRef) -> Exception:
    """botocore errors → NewsdropError with a stable code (the original is chained)."""
    from botocore.exceptions import BotoCoreError, ClientError

    where = f"s3://{ref.bucket}/{ref.key}"
    if isinstance(error, ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code in _NOT_FOUND:
            return ObjectNotFoundError(f"{where} does not exist (deleted before it was read?)")
        if code == "InvalidRange":
            return EmptyObjectError(f"{where} is empty")
        return TransientError(f"S3 error {code or 'unknown'} on {where}")
    if isinstance(error, BotoCoreError):
        return TransientError(f"S3 connection problem on {where}: {type(error).__name__}")
    return error

