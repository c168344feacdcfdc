"""Logic between the event and the pipeline: one object reference in, one outcome out.

Expected bad input (an ``InputError``) becomes an error record and a metric;
anything else propagates, so the SQS record is reported as a batch item
failure, retried, and finally kept by the DLQ. On the last delivery SQS will
make (``final_attempt``), a failure also leaves an error record (marked
retryable in its metadata) before it propagates: every object ends with an
output even when the message ends in the DLQ.

Duplicates and ordering (S3 delivers at least once, in no guaranteed order):

* Every output records the source version it was made from in its S3 user
  metadata (``source-sequencer``, ``source-version-id``, ``source-etag``,
  ``source-last-modified``). Before reading the object, the outputs of its
  key are looked up (HeadObject) and ``decide`` compares:
  the S3 event ``sequencer`` (hex, compared after left-padding to equal
  length; the only order S3 defines between events of one key) — older is
  ``stale``, equal is a ``duplicate``; else an equal version id or an equal
  ETag (same bytes, so the same summary) is a ``duplicate``. After the read,
  the version's ``LastModified`` is compared too (older is ``stale``) and its
  ETag and version id again (an unpinned read may return bytes already
  summarized). Skipped events write nothing: no second side effect.
  Two kinds of delivery are never duplicates: a re-drive the backfill command
  sends on purpose (``ObjectRef.redrive``), and any delivery after an error
  record that was left when retries ran out (``retryable-error``).
* Writes are conditional (``IfNoneMatch="*"`` / ``IfMatch=<etag seen>``): two
  invocations racing on one key cannot both win; the loser fails with a
  transient ``concurrent_write``, is retried, and then decides against the
  winner's metadata.
* Delete events (``ObjectRemoved``) are skipped and summaries are kept: the
  input bucket is versioned, so a delete only adds a delete marker and the
  summarized version still exists; summaries are the archive downstream
  readers query; and deleting would need ``s3:DeleteObject`` on the output,
  a permission that lets one bad event erase results.
* Known limit: when a newer version of an object becomes an error record (or
  a JSON Lines file with fewer records), the older summaries stay beside it;
  the record with the newest ``source.last_modified`` is current.

The Lambda deadline: a record does not start with less than
``deadline_margin_ms`` left, and while it runs (in the main thread) a timer
interrupts the pipeline when half the margin is left, so a long input cannot
overrun; either way the record fails with ``deadline`` and is retried.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from newsdrop.errors import DeadlineError, InputError, KeyRefusedError, NewsdropError
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
from newsdrop.storage import FetchedObject, OutputState, Storage

PROCESS, DUPLICATE, STALE = "process", "duplicate", "stale"


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


@contextmanager
def deadline_alarm(context: Any, settings: Settings) -> Iterator[None]:
    """Interrupt the block with DeadlineError when only half the margin is left.

    A SIGALRM timer, so only in the main thread (where Lambda runs the handler) and only when no
    other ITIMER_REAL is armed; the previous SIGALRM handler is restored afterwards.
    """
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    usable = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if remaining is None or not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        # no context, not the main thread (local multi-worker runs), or someone else's timer is running
        yield
        return
    budget_s = max(0.001, (remaining() - settings.deadline_margin_ms / 2) / 1000)

    def _expire(signum: int, frame: Any) -> None:
        raise DeadlineError(f"stopped {settings.deadline_margin_ms / 2:.0f} ms before the Lambda deadline")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, budget_s)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def sequencer_order(a: str, b: str) -> int:
    """-1, 0 or 1 as S3 sequencer ``a`` is before, equal to or after ``b`` (same key only)."""
    width = max(len(a), len(b))
    left, right = a.upper().rjust(width, "0"), b.upper().rjust(width, "0")
    return (left > right) - (left < right)


def decide(
    ref: ObjectRef, previous: OutputState | None, fetched: FetchedObject | None = None
) -> str:
    """``process``, ``duplicate`` or ``stale`` for an event (and what was read) against the last output."""
    if previous is None:
        return PROCESS
    stored = previous.metadata
    etag = ((fetched.etag if fetched else None) or ref.etag or "").strip('"')
    version = (fetched.version_id if fetched else None) or ref.version_id
    same_bytes = bool(etag and stored.get("source-etag") and etag == stored["source-etag"])
    known_other_bytes = bool(etag and stored.get("source-etag") and not same_bytes)
    if ref.sequencer and stored.get("source-sequencer"):
        order = sequencer_order(ref.sequencer, stored["source-sequencer"])
        if order < 0:
            return STALE
        if order == 0 and not known_other_bytes and not previous.retryable and not ref.redrive:
            return DUPLICATE
        if order > 0:
            return PROCESS
    modified = fetched.last_modified if fetched else None
    if modified and stored.get("source-last-modified") and modified < stored["source-last-modified"]:
        return STALE
    if previous.retryable or ref.redrive:
        return PROCESS
    if version and version == stored.get("source-version-id"):
        return DUPLICATE
    return DUPLICATE if same_bytes else PROCESS


def ingest(ref: ObjectRef, storage: Storage, context: Any = None, *, final_attempt: bool = False) -> Outcome:
    """Read, summarize and store one object; bad input ends as an error record.

    ``final_attempt``: no redelivery will follow, so a failure also writes an error record.
    """
    started = time.perf_counter()
    try:
        return _ingest(ref, storage, context, started)
    except InputError:
        raise
    except Exception as error:
        if final_attempt:
            _record_exhausted(ref, storage, error, started)
        raise


def _ingest(ref: ObjectRef, storage: Storage, context: Any, started: float) -> Outcome:
    from newsdrop.pipeline import make_article_id, processor_info, summarize_all

    settings = storage.settings
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
    seen: dict[str, OutputState] | None = None
    try:
        if not ref.key.startswith(settings.input_prefix):
            raise KeyRefusedError(f"key is outside the input prefix {settings.input_prefix!r}")
        seen = storage.find_outputs(ref)
        previous = _latest(seen)
        verdict = decide(ref, previous)
        if verdict != PROCESS:
            return _skip(ref, verdict, log_keys)
        fetched = storage.fetch(ref)
        verdict = decide(ref, previous, fetched)
        if verdict != PROCESS:
            return _skip(ref, verdict, log_keys)
        source = _source(ref, fetched)
        metrics.add_metric(name=BYTES, unit=MetricUnit.Bytes, value=len(fetched.body))
        with deadline_alarm(context, settings):
            summaries = summarize_all(
                fetched.body, name=ref.key, content_type=fetched.content_type,
                metadata=fetched.metadata, source=source,
            )
        keys = storage.put_summaries(ref, summaries, seen=seen)
    except InputError as error:
        record = ErrorRecord(
            id=make_article_id(ref.bucket, ref.key), source=source,
            error=ErrorDetail(code=error.code, message=error.message[:1000]),
            processor=processor_info(started),
        )
        key = storage.put_error(ref, record, seen=seen)
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


def _latest(seen: dict[str, OutputState]) -> OutputState | None:
    return max(seen.values(), key=lambda s: s.last_modified or "") if seen else None


def _skip(ref: ObjectRef, verdict: str, log_keys: dict[str, Any]) -> Outcome:
    logger.info(f"skipping a {verdict} event", extra={**log_keys, "sequencer": ref.sequencer})
    metrics.add_metric(name=SKIPPED, unit=MetricUnit.Count, value=1)
    return Outcome(ref, "skipped", code=verdict)


def _record_exhausted(ref: ObjectRef, storage: Storage, error: Exception, started: float) -> None:
    """Last delivery failed: leave an error record (best effort) before the message goes to the DLQ."""
    from newsdrop.pipeline import make_article_id, processor_info

    code = error.code if isinstance(error, NewsdropError) else "internal"
    message = error.message if isinstance(error, NewsdropError) else type(error).__name__
    record = ErrorRecord(
        id=make_article_id(ref.bucket, ref.key),
        source=Source(bucket=ref.bucket, key=ref.key, version_id=ref.version_id, etag=ref.etag,
                      size=ref.size),
        error=ErrorDetail(code=code, message=f"retries exhausted: {message}"[:1000]),
        processor=processor_info(started),
    )
    try:
        storage.put_error(ref, record, retryable=True)
    except Exception:
        logger.exception("could not write the error record of an exhausted message",
                         extra={"bucket": ref.bucket, "key": ref.key})
    else:
        logger.error("retries exhausted; error record written", extra={"key": ref.key, "code": code})


def _source(ref: ObjectRef, fetched: FetchedObject) -> Source:
    return Source(
        bucket=ref.bucket, key=ref.key, version_id=fetched.version_id, etag=fetched.etag,
        size=fetched.size, content_type=fetched.content_type, last_modified=fetched.last_modified,
    )
