"""Lambda entry point: parse the event, hand each object to ``ingest``, report.

Four wirings share this one handler:
- SQS batch of S3 notifications (production): partial batch failures (``batchItemFailures``), so one
  bad record never fails its batch-mates;
- S3 notification invoking the function directly;
- EventBridge "Object Created";
- S3 Batch Operations (managed backfill): one result per task, returned, never raised.

Every invocation publishes at least one metric (an event naming no object counts as ``RecordsSkipped``),
so Powertools never warns "No application metrics to publish".

On the last delivery SQS will make (``ApproximateReceiveCount`` ≥ ``NEWSDROP_MAX_RECEIVE_COUNT``, the
template's ``RedrivePolicy.maxReceiveCount``), ``ingest`` leaves an error record before the failure
propagates, so an object whose message goes to the DLQ still has an output.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from newsdrop.errors import NewsdropError, TransientError
from newsdrop.events import batch_task_id, event_kind, ref_from_batch_task, refs_from_body, refs_from_event
from newsdrop.ingest import Outcome, ingest
from newsdrop.observability import FAILED, SKIPPED, logger, metrics, tracer
from newsdrop.settings import get_settings
from newsdrop.storage import Storage


class RecordsFailedError(NewsdropError):
    """Some records of a direct (non-SQS) invocation failed; Lambda retries the event."""

    code = "records_failed"


def _storage() -> Storage:
    return Storage(get_settings())


def handle_sqs_batch(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """SQS batch: every message on its own; the ids of the failed ones go back as ``batchItemFailures``.

    This is the partial batch response protocol (``ReportBatchItemFailures``). Powertools' batch utility
    implements the same loop, but importing it loads every event data class and the Kafka parser models:
    about 60 ms of CPU on each cold start, for a list of message ids. A batch where every message failed
    is reported message by message too (not raised), as Powertools does with
    ``raise_on_entire_batch_failure=False``: SQS retries the same messages either way, and the Errors
    alarm stays for real crashes.
    """
    storage = _storage()
    failures: list[dict[str, str]] = []
    for record in event["Records"]:
        message_id = str(record.get("messageId", "")) if isinstance(record, Mapping) else ""
        try:
            sqs_record_handler(record, storage, context)
        except Exception:  # a failed message must not fail its batch-mates; SQS redelivers it
            logger.exception("message failed", extra={"message_id": message_id})
            failures.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failures}


@tracer.capture_method
def sqs_record_handler(record: Mapping[str, Any], storage: Storage, lambda_context: Any = None) -> list[
        Outcome]:
    """One SQS message: every S3 object its body names. Raising marks the message failed."""
    final = receive_count(record) >= storage.settings.max_receive_count
    try:
        refs = refs_from_body(record.get("body"))
        if not refs:  # an s3:TestEvent body: nothing to do, still one metric
            metrics.add_metric(name=SKIPPED, unit=MetricUnit.Count, value=1)
        return [ingest(ref, storage, lambda_context, final_attempt=final) for ref in refs]
    except Exception:
        metrics.add_metric(name=FAILED, unit=MetricUnit.Count, value=1)
        raise


def receive_count(record: Mapping[str, Any]) -> int:
    """How many times SQS has delivered this message (1 on the first delivery)."""
    attributes = record.get("attributes")
    try:
        return int((attributes or {}).get("ApproximateReceiveCount") or 1)
    except (TypeError, ValueError):
        return 1


def handle_direct(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """S3 or EventBridge event: process every record, then fail if any failed."""
    storage = _storage()
    outcomes: list[Outcome] = []
    failures: list[str] = []
    for ref in refs_from_event(event):
        try:
            outcomes.append(ingest(ref, storage, context))
        except Exception as error:  # a failed record must not stop its event-mates
            metrics.add_metric(name=FAILED, unit=MetricUnit.Count, value=1)
            logger.exception("record failed", extra={"bucket": ref.bucket, "key": ref.key})
            failures.append(f"{ref.key}: {type(error).__name__}")
    if failures:
        raise RecordsFailedError(f"{len(failures)} record(s) failed: {'; '.join(failures)[:500]}")
    return {"processed": [o.keys for o in outcomes], "statuses": [o.status for o in outcomes]}


RESULT_STRING_LIMIT = 1000  # keeps the job's completion report readable when one object has many records


def handle_batch_job(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """S3 Batch Operations: ingest every task's object and return one result per task (never raise)."""
    from aws_lambda_powertools.utilities.data_classes.s3_batch_operation_event import (
        S3BatchOperationResponse,
        S3BatchOperationResponseRecord,
    )

    storage = _storage()
    response = S3BatchOperationResponse(
        invocation_schema_version=str(event.get("invocationSchemaVersion")),
        invocation_id=str(event.get("invocationId") or ""),
        treat_missing_keys_as="PermanentFailure",
    )
    for task in event["tasks"]:
        task_id = batch_task_id(task)
        code, text = batch_task_result(task, storage, context)
        response.add_result(S3BatchOperationResponseRecord(task_id, code, text))
    # S3BatchOperationResponse.asdict() insists on exactly one result; the contract allows a list.
    return {
        "invocationSchemaVersion": response.invocation_schema_version,
        "treatMissingKeysAs": response.treat_missing_keys_as,
        "invocationId": response.invocation_id,
        "results": [result.asdict() for result in response.results],
    }


def batch_task_result(task: Any, storage: Storage, context: Any) -> tuple[Any, str]:
    """(resultCode, resultString) of one task: Succeeded once the object has an output,
    TemporaryFailure for a transient error (S3 retries the task), PermanentFailure otherwise."""
    log_keys = {"task_id": batch_task_id(task)}
    try:
        ref = ref_from_batch_task(task)
        log_keys.update(bucket=ref.bucket, key=ref.key)
        outcome = ingest(ref, storage, context)
    except TransientError as error:
        metrics.add_metric(name=FAILED, unit=MetricUnit.Count, value=1)
        logger.warning("batch task failed; S3 will retry it", extra={**log_keys, "code": error.code})
        return "TemporaryFailure", f"{error.code}: {error.message}"[:RESULT_STRING_LIMIT]
    except Exception as error:  # a failed task must not stop its job-mates, and the handler must return
        metrics.add_metric(name=FAILED, unit=MetricUnit.Count, value=1)
        logger.exception("batch task failed", extra=log_keys)
        code = error.code if isinstance(error, NewsdropError) else type(error).__name__
        return "PermanentFailure", code[:RESULT_STRING_LIMIT]
    if outcome.status == "summary":
        return "Succeeded", f"summary {' '.join(outcome.keys)}"[:RESULT_STRING_LIMIT]
    return "Succeeded", f"{outcome.status} {outcome.code}"[:RESULT_STRING_LIMIT]


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The function's entry point (``newsdrop.handler.lambda_handler``)."""
    get_settings()  # refuse to start with bad configuration, naming the variable
    kind = event_kind(event)
    logger.append_keys(event_kind=kind)
    if kind == "sqs":
        return handle_sqs_batch(event, context)
    if kind == "s3batch":
        return handle_batch_job(event, context)
    if kind == "test":
        logger.info("skipping s3:TestEvent")
        metrics.add_metric(name=SKIPPED, unit=MetricUnit.Count, value=1)
        return {"processed": [], "statuses": ["skipped"]}
    return handle_direct(event, context)
