"""S3 adapter: size-capped reads, the output key layout, summary and error writes.

Key layout (input prefix stripped, the rest mirrored):
    incoming/a/b.txt  →  summaries/a/b.txt.json            one article
    incoming/feed.jsonl → summaries/feed.jsonl/00000.json   one per record of a multi-article input
    incoming/bad.pdf  →  errors/bad.pdf.json                error record
botocore errors become NewsdropErrors here and nowhere else.
"""

from __future__ import annotations

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
    base = settings.summary_prefix + settings.relative_key(key)
    return f"{base}.json" if index is None else f"{base}/{index:05d}.json"


def error_key(settings: Settings, key: str) -> str:
    """Where the error record of ``key`` is written."""
    return f"{settings.error_prefix}{settings.relative_key(key)}.json"


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

    @tracer.capture_method
    def put_summaries(self, ref: ObjectRef, summaries: list[ArticleSummary]) -> list[str]:
        """Write one JSON file per summary; returns the keys written."""
        many = len(summaries) > 1
        keys = []
        for index, summary in enumerate(summaries):
            key = summary_key(self.settings, ref.key, index if many else None)
            self._put_json(self.output_bucket(ref), key, summary.model_dump_json(), ref)
            keys.append(key)
        return keys

    @tracer.capture_method
    def put_error(self, ref: ObjectRef, record: ErrorRecord) -> str:
        """Write the error record of ``ref``; returns its key."""
        key = error_key(self.settings, ref.key)
        self._put_json(self.output_bucket(ref), key, record.model_dump_json(), ref)
        return key

    def _put_json(self, bucket: str, key: str, body: str, ref: ObjectRef) -> None:
        metadata = {"source-key": ref.key[:1024].encode("ascii", "backslashreplace").decode("ascii")}
        if ref.version_id:
            metadata["source-version-id"] = ref.version_id
        if ref.sequencer:
            metadata["source-sequencer"] = ref.sequencer
        try:
            self.client.put_object(
                Bucket=bucket, Key=key, Body=body.encode("utf-8"),
                ContentType=JSON_CONTENT_TYPE, Metadata=metadata,
            )
        except Exception as error:
            raise _translate(error, ref) from error


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

