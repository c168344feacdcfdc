"""Re-drive existing input objects through the ingest queue as synthetic S3 ObjectCreated notifications.

The messages have the shape S3 itself sends (``events/s3-put.json``, key URL-encoded with ``quote_plus``),
so the function, its retries and its DLQ treat a backfill exactly like new uploads. Messages go out ten
per ``send_message_batch``. ``only_outdated`` keeps the objects whose output is missing or was written by
an older ``processor.version`` / ``schema_version`` than the running code.

This is the local path (one process, listing + sending); docs/backfill.md describes the managed paths for
millions of objects. Nothing here is used by the Lambda function.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote_plus

from newsdrop import __version__
from newsdrop.errors import NewsdropError
from newsdrop.events import REDRIVE_CONFIGURATION_ID
from newsdrop.models import SCHEMA_VERSION
from newsdrop.reader import ReaderError, translate_s3_error
from newsdrop.settings import Settings
from newsdrop.storage import error_key, summary_key

SQS_BATCH = 10
SEND_ATTEMPTS = 3
CHECK_WORKERS = 16
CONFIGURATION_ID = REDRIVE_CONFIGURATION_ID  # the function reprocesses these even when known
_PEP440 = re.compile(
    r"^v?(?P<release>\d+(?:\.\d+)*)(?:[-_.]?(?P<pre>a|b|rc|alpha|beta|c)[-_.]?(?P<pre_n>\d*))?"
    r"(?:[-_.]?post[-_.]?(?P<post>\d*))?(?:[-_.]?dev[-_.]?(?P<dev>\d*))?(?:\+.*)?$",
    re.IGNORECASE,
)
_PRE_RANK = {"a": 0, "alpha": 0, "b": 1, "beta": 1, "c": 2, "rc": 2}


class BackfillError(NewsdropError):
    """The backfill cannot start (bad prefix, no queue)."""

    code = "backfill_refused"


# ---------------------------------------------------------------- versions


def version_key(version: str) -> tuple:
    """A sort key for PEP 440-style versions: 0.9 < 0.10, 1.0rc1 < 1.0 < 1.0.post1; 1.0.dev1 < 1.0a1.

    Unparseable versions sort before every real one (so they count as outdated).
    """
    match = _PEP440.match(version.strip())
    if not match:
        return ((), (-2, 0), -1, -1)
    release = [int(p) for p in match["release"].split(".")]
    while len(release) > 1 and release[-1] == 0:
        release.pop()  # 1.0 == 1
    pre = match["pre"]
    dev = match["dev"]
    if pre is not None:
        stage: tuple[int, int] = (_PRE_RANK[pre.lower()], int(match["pre_n"] or 0))
    elif dev is not None and match["post"] is None:
        stage = (-1, 0)  # 1.0.dev1 sorts before 1.0a1
    else:
        stage = (3, 0)  # a final release
    post = int(match["post"] or 0) if match["post"] is not None else -1
    dev_rank = int(dev or 0) if dev is not None else float("inf")
    return (tuple(release), stage, post, dev_rank)


def is_older(version: str | None, current: str) -> bool:
    """True when ``version`` (missing counts as oldest) sorts before ``current``."""
    return version is None or version_key(version) < version_key(current)


# ---------------------------------------------------------------- plan and result


@dataclass
class BackfillOptions:
    bucket: str
    prefix: str
    settings: Settings = field(default_factory=Settings)
    output_bucket: str | None = None  # default: settings.output_bucket, else the input bucket
    queue_url: str | None = None
    dry_run: bool = False
    only_outdated: bool = False
    processor_version: str = __version__
    schema_version: str = SCHEMA_VERSION
    suffixes: tuple[str, ...] = ()
    limit: int | None = None
    region: str = "us-east-1"

    @property
    def outputs(self) -> str:
        return self.output_bucket or self.settings.output_bucket or self.bucket


@dataclass
class Selected:
    key: str
    size: int
    etag: str | None
    reason: str  # "all" | "missing" | "processor 0.1.0 < 0.2.0" | "schema 1.0 < 1.1"


@dataclass
class BackfillResult:
    listed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason → count (not selected)
    selected: list[Selected] = field(default_factory=list)
    sent: int = 0
    failed: list[str] = field(default_factory=list)  # keys whose message could not be sent

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def as_dict(self, with_keys: bool) -> dict[str, Any]:
        result: dict[str, Any] = {
            "listed": self.listed,
            "selected": len(self.selected),
            "sent": self.sent,
            "failed": len(self.failed),
            "skipped": dict(sorted(self.skipped.items())),
        }
        if with_keys:
            result["objects"] = [{"key": s.key, "size": s.size, "reason": s.reason} for s in self.selected]
        if self.failed:
            result["failed_keys"] = self.failed
        return result


# ---------------------------------------------------------------- the event


def s3_notification(
    bucket: str, key: str, size: int, etag: str | None, region: str, now: datetime | None = None
) -> dict[str, Any]:
    """An S3 ObjectCreated notification for one object, as S3 sends it to SQS (key URL-encoded)."""
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    obj: dict[str, Any] = {"key": quote_plus(key, safe="/"), "size": size}
    if etag:
        obj["eTag"] = etag.strip('"')
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": region,
                "eventTime": when,
                "eventName": "ObjectCreated:Put",
                "userIdentity": {"principalId": CONFIGURATION_ID},
                "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                "responseElements": {},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": CONFIGURATION_ID,
                    "bucket": {
                        "name": bucket,
                        "ownerIdentity": {"principalId": CONFIGURATION_ID},
                        "arn": f"arn:aws:s3:::{bucket}",
                    },
                    "object": obj,
                },
            }
        ]
    }


# ---------------------------------------------------------------- the walk


def check_prefix(options: BackfillOptions) -> None:
    """Refuse prefixes that hold outputs: re-driving summaries would only produce skips."""
    settings = options.settings
    same_bucket = options.outputs == options.bucket
    for name, output in (("summary", settings.summary_prefix), ("error", settings.error_prefix)):
        if same_bucket and options.prefix.startswith(output):
            raise BackfillError(
                f"s3://{options.bucket}/{options.prefix} is under the {name} prefix {output!r}: "
                f"backfill takes the inputs (s3://{options.bucket}/{settings.input_prefix}...)"
            )


def list_objects(s3: Any, bucket: str, prefix: str) -> Iterator[dict[str, Any]]:
    """Objects under ``prefix``, one ``list_objects_v2`` page at a time."""
    try:
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            yield from page.get("Contents", [])
    except ReaderError:
        raise
    except Exception as error:
        raise translate_s3_error(error, bucket, prefix) from error


def outdated_reason(s3: Any, options: BackfillOptions, key: str) -> str | None:
    """Why ``key`` needs processing again ("missing", "processor …", "schema …"), or None when current.

    Looks for the summary, then the first record of a multi-article input, then the error record (an
    error record from the current code is current: the same input would fail the same way).
    """
    settings = options.settings
    for output_key in (summary_key(settings, key), summary_key(settings, key, 0), error_key(settings, key)):
        versions = _output_versions(s3, options.outputs, output_key)
        if versions is None:
            continue
        processor, schema = versions
        if is_older(schema, options.schema_version):
            return f"schema {schema} < {options.schema_version}"
        if is_older(processor, options.processor_version):
            return f"processor {processor} < {options.processor_version}"
        return None
    return "missing"


def _output_versions(s3: Any, bucket: str, key: str) -> tuple[str | None, str | None] | None:
    """(processor.version, schema_version) of an output, None when it does not exist.

    Object metadata ``processor-version``/``schema-version`` (one HEAD) is used when the writer sets it;
    otherwise the JSON is read.
    """
    from botocore.exceptions import ClientError

    try:
        head = s3.head_object(Bucket=bucket, Key=key)
        metadata = head.get("Metadata") or {}
        if "processor-version" in metadata and "schema-version" in metadata:
            return metadata["processor-version"], metadata["schema-version"]
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError as error:
        if str(error.response.get("Error", {}).get("Code")) in ("404", "NoSuchKey", "NotFound"):
            return None
        raise translate_s3_error(error, bucket, key) from error
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return (None, None)  # unreadable output: outdated
    if not isinstance(data, dict):
        return (None, None)
    processor = data.get("processor") if isinstance(data.get("processor"), dict) else {}
    return processor.get("version"), data.get("schema_version")


def select(
    s3: Any, options: BackfillOptions, result: BackfillResult, on_object: Callable[[], None] | None = None
) -> Iterator[Selected]:
    """The objects to re-drive, streamed; ``result`` counts what was listed and why others were skipped."""
    settings = options.settings
    page: list[dict[str, Any]] = []

    def flush(batch: list[dict[str, Any]]) -> Iterator[Selected]:
        if options.only_outdated:
            with ThreadPoolExecutor(CHECK_WORKERS) as pool:
                reasons = list(pool.map(lambda o: outdated_reason(s3, options, o["Key"]), batch))
        else:
            reasons = ["all"] * len(batch)
        for obj, reason in zip(batch, reasons, strict=True):
            if on_object is not None:
                on_object()
            if reason is None:
                result.skip("up_to_date")
                continue
            yield Selected(obj["Key"], int(obj.get("Size", 0)), obj.get("ETag"), reason)

    chosen = 0
    for obj in list_objects(s3, options.bucket, options.prefix):
        if options.limit is not None and chosen >= options.limit:
            break
        result.listed += 1
        key = obj["Key"]
        skip = _skip_reason(key, int(obj.get("Size", 0)), options, settings)
        if skip:
            result.skip(skip)
            if on_object is not None:
                on_object()
            continue
        page.append(obj)
        chosen += 1
        if len(page) >= 100:
            yield from flush(page)
            page = []
    if page:
        yield from flush(page)


def _skip_reason(key: str, size: int, options: BackfillOptions, settings: Settings) -> str | None:
    if key.endswith("/") and size == 0:
        return "folder_marker"
    if options.outputs == options.bucket and settings.is_output_key(key):
        return "output_key"
    if not key.startswith(settings.input_prefix):
        return "outside_input_prefix"  # the function would refuse it (key_refused)
    if options.suffixes and not key.endswith(options.suffixes):
        return "suffix"
    return None


# ---------------------------------------------------------------- sending


def send_all(
    sqs: Any,
    queue_url: str,
    items: Iterable[Selected],
    options: BackfillOptions,
    result: BackfillResult,
    on_sent: Callable[[int], None] | None = None,
) -> None:
    """Send one notification per item, ten per ``send_message_batch``; failed entries are retried."""
    batch: list[Selected] = []
    for item in items:
        result.selected.append(item)
        batch.append(item)
        if len(batch) == SQS_BATCH:
            _send_batch(sqs, queue_url, batch, options, result, on_sent)
            batch = []
    if batch:
        _send_batch(sqs, queue_url, batch, options, result, on_sent)


def _send_batch(
    sqs: Any,
    queue_url: str,
    batch: list[Selected],
    options: BackfillOptions,
    result: BackfillResult,
    on_sent: Callable[[int], None] | None,
) -> None:
    pending = {str(i): item for i, item in enumerate(batch)}
    for _ in range(SEND_ATTEMPTS):
        entries = [
            {
                "Id": entry_id,
                "MessageBody": json.dumps(
                    s3_notification(options.bucket, item.key, item.size, item.etag, options.region)
                ),
            }
            for entry_id, item in pending.items()
        ]
        try:
            response = sqs.send_message_batch(QueueUrl=queue_url, Entries=entries)
        except Exception as error:
            raise _queue_error(error, queue_url) from error
        sent = len(response.get("Successful", []))
        result.sent += sent
        if on_sent is not None and sent:
            on_sent(sent)
        failed = response.get("Failed", [])
        retry = {f["Id"] for f in failed if not f.get("SenderFault")}
        for f in failed:
            if f.get("SenderFault"):
                result.failed.append(pending[f["Id"]].key)
        pending = {i: pending[i] for i in retry}
        if not pending:
            return
    result.failed.extend(item.key for item in pending.values())


def _queue_error(error: Exception, queue_url: str) -> Exception:
    from botocore.exceptions import BotoCoreError, ClientError

    from newsdrop.reader import S3UnavailableError

    if isinstance(error, ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        if "NonExistentQueue" in code or code == "QueueDoesNotExist":
            return BackfillError(f"queue {queue_url} does not exist", code="queue_not_found")
        return S3UnavailableError(f"SQS error {code or 'unknown'} on {queue_url}")
    if isinstance(error, BotoCoreError):
        return S3UnavailableError(f"cannot reach SQS at {queue_url}: {error}")
    return error


def backfill(
    s3: Any,
    sqs: Any,
    options: BackfillOptions,
    *,
    on_object: Callable[[], None] | None = None,
    on_sent: Callable[[int], None] | None = None,
) -> BackfillResult:
    """List, select and (unless ``dry_run``) send. Raises BackfillError / ReaderError."""
    check_prefix(options)
    if not options.dry_run and not options.queue_url:
        raise BackfillError("no queue URL: pass --queue-url or set NEWSDROP_QUEUE_URL", code="no_queue")
    result = BackfillResult()
    chosen = select(s3, options, result, on_object)
    if options.dry_run:
        result.selected.extend(chosen)
    else:
        send_all(sqs, options.queue_url or "", chosen, options, result, on_sent)
    return result
