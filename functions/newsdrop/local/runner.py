"""Drive the real handler the way Lambda's SQS event source mapping does.

Receive up to ten messages, hand them to ``lambda_handler`` as an SQS event,
delete the ones it did not report in ``batchItemFailures`` (those come back
after the visibility timeout, as they would in AWS; ``retry_after_seconds``
shortens that wait for local runs and tests). ``poll_once`` is thread-safe:
several threads polling one queue behave like concurrent Lambda invocations.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

MAX_BATCH = 10


@dataclass
class LocalContext:
    """A Lambda context for local runs: the deadline counts down from the template's timeout."""

    timeout_seconds: float = 60.0
    function_name: str = "newsdrop-local"
    memory_limit_in_mb: int = 1024
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:newsdrop-local"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    _started: float = field(default_factory=time.monotonic)

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.timeout_seconds - (time.monotonic() - self._started)) * 1000))


@dataclass
class BatchResult:
    received: int
    failed: list[str]


def sqs_event(messages: list[dict[str, Any]], queue_arn: str, region: str) -> dict[str, Any]:
    """The event Lambda builds from received SQS messages."""
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": m.get("MessageAttributes", {}),
                "md5OfBody": m.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
            for m in messages
        ]
    }


def poll_once(
    sqs: Any,
    queue_url: str,
    queue_arn: str,
    handler: Callable[[dict[str, Any], Any], dict[str, Any]],
    *,
    region: str,
    timeout_seconds: float,
    wait_seconds: int = 0,
    retry_after_seconds: int | None = None,
    receive_lock: AbstractContextManager[Any] | None = None,
) -> BatchResult:
    """One receive → invoke → delete cycle; returns how many messages were handled and which failed.

    ``retry_after_seconds``: make failed messages visible again after this long instead of the
    queue's visibility timeout (the receive count still grows, so the redrive policy still applies).
    ``receive_lock``: shared by pollers of one in-process moto server, whose ReceiveMessage is not
    thread-safe (concurrent receives can hand a message to two pollers, or lose a batch until its
    visibility timeout); real SQS needs none.
    """
    with receive_lock or nullcontext():
        response = sqs.receive_message(
            QueueUrl=queue_url,
            MaxNumberOfMessages=MAX_BATCH,
            WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
    messages = response.get("Messages", [])
    if not messages:
        return BatchResult(0, [])
    result = handler(sqs_event(messages, queue_arn, region), LocalContext(timeout_seconds=timeout_seconds))
    failed = {item["itemIdentifier"] for item in (result or {}).get("batchItemFailures", [])}
    done = [m for m in messages if m["MessageId"] not in failed]
    if done:
        sqs.delete_message_batch(
            QueueUrl=queue_url,
            Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)],
        )
    retry = [m for m in messages if m["MessageId"] in failed]
    if retry and retry_after_seconds is not None:
        sqs.change_message_visibility_batch(
            QueueUrl=queue_url,
            Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": retry_after_seconds}
                for i, m in enumerate(retry)
            ],
        )
    return BatchResult(len(messages), sorted(failed))


def drain(
    sqs: Any,
    queue_url: str,
    queue_arn: str,
    handler: Callable[[dict[str, Any], Any], dict[str, Any]],
    *,
    region: str,
    timeout_seconds: float,
    expected: int | None = None,
    idle_rounds: int = 3,
) -> list[BatchResult]:
    """Poll until ``expected`` messages were handled, or the queue stayed empty ``idle_rounds`` times."""
    results: list[BatchResult] = []
    handled = idle = 0
    while idle < idle_rounds and (expected is None or handled < expected):
        batch = poll_once(
            sqs, queue_url, queue_arn, handler, region=region, timeout_seconds=timeout_seconds, wait_seconds=1
        )
        if batch.received:
            results.append(batch)
            handled += batch.received - len(batch.failed)
            idle = 0
        else:
            idle += 1
    return results
