"""Logic between the event and the pipeline: one object reference in, one outcome out.

Expected bad input (an ``InputError``) becomes an error record and a metric;
anything else propagates, so the SQS record is reported as a batch item
failure, retried, and finally kept by the DLQ.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from newsdrop.errors import DeadlineError, InputError, KeyRefusedError
from newsdrop.events import ObjectRef
from newsdrop.models import ErrorDetail, ErrorRecord, Source
from newsdrop.observability import (
    BYTES,
    LATENCY,
    PROCESSED,
    REJECTED,
    SKIPPED,
    logger,
    metrics,
)
from newsdrop.settings import Settings
from newsdrop.storage import FetchedObject, Storage


@dataclass
class Outcome:
    """What happened to one object."""

    ref: ObjectRef
    status: str  # "summary" | "error" | "skipped"
    keys: list[str] = field(default_factory=list)
    code: str | None = None
    duration_ms: float = 0.0


def check_deadline(context: Any, settings: Settings) -> None:
    """Refuse to start a record when the Lambda deadline is closer than the margin."""
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if remaining is not None and remaining() < settings.deadline_margin_ms:
        raise DeadlineError(f"only {remaining()} ms left; margin is {settings.deadline_margin_ms} ms")


def ingest(ref: ObjectRef, storage: Storage, context: Any = None) -> Outcome:
    """Read, summarize and store one object; bad input ends as an error record."""
    from newsdrop.pipeline import make_article_id, processor_info, summarize_all

    settings = storage.settings
    started = time.perf_counter()
    log_keys = {"bucket": ref.bucket, "key": ref.key, "version_id": ref.version_id}
    if settings.is_output_key(ref.key):
        logger.warning("skipping an output key (no recursion)", extra=log_keys)
        metrics.add_metric(name=SKIPPED, unit=MetricUnit.Count, value=1)
        return Outcome(ref, "skipped", code="output_key")
    if ref.is_removal:
        logger.info("skipping a removal event; summaries are kept", extra=log_keys)
        metrics.add_metric(name=SKIPPED, unit=MetricUnit.Count, value=1)
        return Outcome(ref, "skipped", code="removed")
    check_deadline(context, settings)

    source = Source(bucket=ref.bucket, key=ref.key, version_id=ref.version_id, etag=ref.etag, size=ref.size)
    try:
        if not ref.key.startswith(settings.input_prefix):
            raise KeyRefusedError(f"key is outside the input prefix {settings.input_prefix!r}")
        fetched = storage.fetch(ref)
        source = _source(ref, fetched)
        metrics.add_metric(name=BYTES, unit=MetricUnit.Bytes, value=len(fetched.body))
        summaries = summarize_all(
            fetched.body, name=ref.key, content_type=fetched.content_type,
            metadata=fetched.metadata, source=source,
        )
        keys = storage.put_summaries(ref, summaries)
    except InputError as error:
        record = ErrorRecord(
            id=make_article_id(ref.bucket, ref.key), source=source,
            error=ErrorDetail(code=error.code, message=error.message[:1000]),
            processor=processor_info(started),
        )
        key = storage.put_error(ref, record)
        duration = (time.perf_counter() - started) * 1000
        logger.warning("object rejected", extra={**log_keys, "code": error.code, "duration_ms": duration})
        metrics.add_metric(name=REJECTED, unit=MetricUnit.Count, value=1)
        return Outcome(ref, "error", [key], error.code, duration)

    duration = (time.perf_counter() - started) * 1000
    logger.info(
        "article summarized",
        extra={**log_keys, "size": source.size, "format": source.format, "articles": len(keys),
               "duration_ms": round(duration, 2)},
    )
    metrics.add_metric(name=PROCESSED, unit=MetricUnit.Count, value=len(keys))
    metrics.add_metric(name=LATENCY, unit=MetricUnit.Milliseconds, value=duration)
    return Outcome(ref, "summary", keys, None, duration)


def _source(ref: ObjectRef, fetched: FetchedObject) -> Source:
    return Source(
        bucket=ref.bucket, key=ref.key, version_id=fetched.version_id, etag=fetched.etag,
        size=fetched.size, content_type=fetched.content_type, last_modified=fetched.last_modified,
    )


