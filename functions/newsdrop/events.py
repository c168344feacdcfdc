"""Event shapes → ObjectRef lists, parsed leniently.

Accepts S3 notifications (direct, or as the body of an SQS message, or wrapped
by SNS), EventBridge "Object Created" events, S3 Batch Operations jobs
(schema 1.0 and 2.0), and skips ``s3:TestEvent``. Real
events and moto's differ (moto omits userIdentity, requestParameters,
sequencer, versionId), so only bucket and key are required. Keys arrive
URL-encoded ("red+flower.txt", "%C3%A9"): they are always ``unquote_plus``'ed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from newsdrop.errors import InputError

# The configurationId of notifications the backfill command sends (newsdrop.backfill): a deliberate
# re-drive, processed again even when the bytes were already summarized.
REDRIVE_CONFIGURATION_ID = "newsdrop-backfill"


class EventShapeError(InputError):
    """The event (or an SQS message body) is not an S3 notification we understand."""

    code = "unrecognized_event"


@dataclass(frozen=True, slots=True)
class ObjectRef:
    """One S3 object an event points at."""

    bucket: str
    key: str
    version_id: str | None = None
    size: int | None = None
    etag: str | None = None
    sequencer: str | None = None
    event_name: str = "ObjectCreated:Put"
    event_time: str | None = None
    redrive: bool = False  # sent on purpose to reprocess (backfill): never taken as a duplicate

    @property
    def is_removal(self) -> bool:
        return self.event_name.startswith("ObjectRemoved") or self.event_name == "Object Deleted"


def event_kind(event: Mapping[str, Any]) -> str:
    """'sqs', 's3', 'eventbridge', 's3batch', 'test' or 'unknown' for a Lambda event."""
    if "invocationSchemaVersion" in event and isinstance(event.get("tasks"), list):
        return "s3batch"
    records = event.get("Records")
    if isinstance(records, list) and records:
        source = records[0].get("eventSource") or records[0].get("EventSource")
        if source == "aws:sqs":
            return "sqs"
        if source in ("aws:s3", "aws:sns") or "s3" in records[0]:
            return "s3"
    if event.get("Event") == "s3:TestEvent":
        return "test"
    if event.get("source") == "aws.s3" and "detail" in event:
        return "eventbridge"
    return "unknown"


def refs_from_event(event: Mapping[str, Any]) -> list[ObjectRef]:
    """All object references in an S3, SNS-wrapped or EventBridge event (not SQS)."""
    if event.get("Event") == "s3:TestEvent":
        return []
    if event.get("source") == "aws.s3" and isinstance(event.get("detail"), Mapping):
        return [_from_eventbridge(event)]
    records = event.get("Records")
    if not isinstance(records, list):
        raise EventShapeError("event has neither Records nor an EventBridge detail")
    refs: list[ObjectRef] = []
    for record in records:
        if not isinstance(record, Mapping):
            raise EventShapeError("event record is not an object")
        sns = record.get("Sns")
        if isinstance(sns, Mapping):  # S3 → SNS → (SQS →) Lambda fan-out
            refs.extend(refs_from_body(str(sns.get("Message", ""))))
        elif "s3" in record:
            refs.append(_from_s3_record(record))
        else:
            raise EventShapeError("event record carries no s3 section")
    return refs


def refs_from_body(body: str) -> list[ObjectRef]:
    """Object references in an SQS message body (an S3 notification or an EventBridge event)."""
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, TypeError) as error:
        raise EventShapeError("SQS message body is not JSON") from error
    if not isinstance(payload, Mapping):
        raise EventShapeError("SQS message body is not a JSON object")
    if "Type" in payload and "Message" in payload:  # SNS envelope delivered raw to SQS
        return refs_from_body(str(payload["Message"]))
    return refs_from_event(payload)


def refs_from_batch_job(event: Mapping[str, Any]) -> list[tuple[str, ObjectRef]]:
    """(taskId, ref) for every task of an S3 Batch Operations invocation; raises on a malformed task."""
    tasks = event.get("tasks")
    if not isinstance(tasks, list):
        raise EventShapeError("S3 Batch Operations event has no tasks list")
    return [(batch_task_id(task), ref_from_batch_task(task)) for task in tasks]


def batch_task_id(task: Any) -> str:
    """A task's id ('' when it has none): the handler reports every task, even a malformed one."""
    return str(task.get("taskId") or "") if isinstance(task, Mapping) else ""


def ref_from_batch_task(task: Any) -> ObjectRef:
    """One Batch Operations task → a re-drive ref (the job names the object on purpose).

    Bucket from ``s3Bucket`` (schema 2.0) or the end of ``s3BucketArn`` (1.0), key ``unquote_plus``'ed,
    both as Powertools' ``S3BatchOperationTask`` reads them.
    """
    # imported here: loading Powertools' data classes costs ~40 ms that only this event shape needs
    from aws_lambda_powertools.utilities.data_classes.s3_batch_operation_event import S3BatchOperationTask

    if not isinstance(task, Mapping) or task.get("s3Key") is None:
        raise EventShapeError("S3 Batch Operations task lacks s3Key")
    wrapped = S3BatchOperationTask(dict(task))
    try:
        bucket = wrapped.s3_bucket
    except KeyError as error:
        raise EventShapeError("S3 Batch Operations task lacks s3Bucket and s3BucketArn") from error
    if not bucket:
        raise EventShapeError("S3 Batch Operations task names no bucket")
    return ObjectRef(
        bucket=str(bucket), key=wrapped.s3_key, version_id=wrapped.s3_version_id or None,
        event_name="BatchOperations", redrive=True,
    )


def _from_s3_record(record: Mapping[str, Any]) -> ObjectRef:
    s3 = record.get("s3") or {}
    bucket = (s3.get("bucket") or {}).get("name")
    obj = s3.get("object") or {}
    key = obj.get("key")
    if not bucket or key is None:
        raise EventShapeError("S3 record lacks bucket name or object key")
    name = str(record.get("eventName") or "ObjectCreated:Put")
    return ObjectRef(
        bucket=bucket,
        key=unquote_plus(str(key)),
        version_id=obj.get("versionId") or None,
        size=_int(obj.get("size")),
        etag=obj.get("eTag") or obj.get("etag") or None,
        sequencer=obj.get("sequencer") or None,
        event_name=name.removeprefix("s3:"),
        event_time=record.get("eventTime"),
        redrive=s3.get("configurationId") == REDRIVE_CONFIGURATION_ID,
    )


def _from_eventbridge(event: Mapping[str, Any]) -> ObjectRef:
    detail = event["detail"]
    bucket = (detail.get("bucket") or {}).get("name")
    obj = detail.get("object") or {}
    key = obj.get("key")
    if not bucket or key is None:
        raise EventShapeError("EventBridge event lacks bucket name or object key")
    return ObjectRef(
        bucket=bucket,
        key=unquote_plus(str(key)),
        version_id=obj.get("version-id") or None,
        size=_int(obj.get("size")),
        etag=obj.get("etag") or obj.get("eTag") or None,  # AWS spells it "etag", moto "eTag"
        sequencer=obj.get("sequencer") or None,
        event_name=str(event.get("detail-type") or "Object Created"),
        event_time=event.get("time"),
    )


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
