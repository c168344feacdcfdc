"""Load (slow tier, ``make test-slow``): thousands of uploads through moto's server with faults.

S3 (moto's server on 127.0.0.1, the template's stack) → notification → SQS → several worker threads, each
polling with ``local.runner.poll_once`` like concurrent Lambda invocations → the real handler → S3.
Injected: throttling/5xx on a share of HeadObject/GetObject/PutObject calls, duplicate deliveries of a
share of the notifications, objects whose reads always fail (they must end in the DLQ with an error
record), and bad inputs (they must end as error records). Then every object must have exactly one output,
none lost, none written twice.
"""

from __future__ import annotations

import json
import os
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote_plus

import pytest

from tests.reliability.corpus import PARAGRAPHS, article_text
from tests.reliability.faults import FaultInjector, share_of_objects

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ARTICLES = int(os.environ.get("NEWSDROP_LOAD_ARTICLES", "5000"))
WORKERS = 4
FAULT_SHARE = 0.2  # of the objects fail 1–3 times, on HeadObject, GetObject and PutObject in turn
DUPLICATE_EVERY = 20  # one notification in 20 is delivered twice
DOOMED_EVERY = 250  # one object in 250 can never be read: DLQ + error record
BAD_EVERY = 50  # one object in 50 is not an article: error record
TIME_CAP_SECONDS = 60 * 60


def _body(i: int) -> bytes:
    if i % BAD_EVERY == 7:
        return b"%PDF-1.7\n" + bytes(range(256))
    text = article_text(500 + (i * 37) % 1500)
    return f"{PARAGRAPHS[i % len(PARAGRAPHS)]} Report number {i}.\n\n{text}".encode()


def _name(i: int) -> str:
    return f"doomed-{i:05d}.txt" if i % DOOMED_EVERY == 3 else f"batch/article-{i:05d}.txt"


# moto's in-process ReceiveMessage is not thread-safe: without this, one run lost a whole batch until its
# visibility timeout and another handed a message to two workers, which pushed a summarized object's
# duplicate notification into the DLQ. Receives are serialized; the handlers still run concurrently.
_RECEIVE_LOCK = threading.Lock()


def _worker(stack: Any, stop: threading.Event, totals: Counter, lock: threading.Lock) -> None:
    from newsdrop.handler import lambda_handler
    from newsdrop.local.runner import poll_once

    while not stop.is_set():
        try:
            batch = poll_once(stack.sqs, stack.outputs.queue_url, stack.outputs.queue_arn, lambda_handler,
                              region=stack.region, timeout_seconds=stack.timeout_seconds, wait_seconds=1,
                              retry_after_seconds=0, receive_lock=_RECEIVE_LOCK)
        except Exception as error:  # a crashed invocation: its messages come back; count it and go on
            with lock:
                totals["crashed_batches"] += 1
                totals[f"crash:{type(error).__name__}"] += 1
            continue
        with lock:
            totals["received"] += batch.received
            totals["failed"] += len(batch.failed)


_last_report = [0.0]


def _progress(totals: Counter, started: float) -> None:
    if time.perf_counter() - _last_report[0] >= 30:
        _last_report[0] = time.perf_counter()
        print(f"  {time.perf_counter() - started:.0f} s: {dict(totals)}", flush=True)


@contextmanager
def _fast_sqs_retention_check() -> Iterator[None]:
    """moto's SQS re-reads every queue attribute (O(queue length)) per message it hands out; the retention
    check only needs one attribute. Patched for speed only: the same rule, in O(1)."""
    from moto.core.utils import unix_time
    from moto.sqs.models import SQSBackend

    def valid(self: Any, queue_name: str, message: Any) -> bool:
        retention = int(self.get_queue(queue_name).message_retention_period)
        return retention + message.sent_timestamp / 1000 > unix_time()

    original = SQSBackend.is_message_valid_based_on_retention_period
    SQSBackend.is_message_valid_based_on_retention_period = valid
    try:
        yield
    finally:
        SQSBackend.is_message_valid_based_on_retention_period = original


def _queue_empty(stack: Any) -> bool:
    attributes = stack.sqs.get_queue_attributes(
        QueueUrl=stack.outputs.queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return all(int(v) == 0 for v in attributes.values())


def _versions(s3: Any, bucket: str) -> Counter:
    counts: Counter = Counter()
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for version in page.get("Versions", []):
            counts[version["Key"]] += 1
    return counts


def test_thousands_of_articles_with_faults_none_lost_none_duplicated():
    from newsdrop.local.stack import embedded_stack
    from newsdrop.storage import s3_client

    def failures(name: str) -> int:
        return 0 if name.startswith("doomed-") else share_of_objects(FAULT_SHARE, most=3)(name)

    with embedded_stack() as stack, _fast_sqs_retention_check():
        names = [_name(i) for i in range(ARTICLES)]
        client = s3_client()
        stop, lock, totals = threading.Event(), threading.Lock(), Counter()
        doomed_reads = FaultInjector(client, lambda n: 10**6 * n.startswith("doomed-"), ("GetObject",))
        with FaultInjector(client, failures) as faults, doomed_reads as doom:
            started = time.perf_counter()
            workers = [threading.Thread(target=_worker, args=(stack, stop, totals, lock), daemon=True)
                       for _ in range(WORKERS)]
            for worker in workers:
                worker.start()
            for i, name in enumerate(names):  # articles arrive while the workers run, as in production
                stack.s3.put_object(Bucket=stack.input_bucket, Key=stack.input_prefix + name, Body=_body(i),
                                    ContentType="text/plain")
                _progress(totals, started)
            uploaded = time.perf_counter()
            duplicates = _send_duplicates(stack, names)
            deadline, empty_checks = time.monotonic() + TIME_CAP_SECONDS, 0
            while time.monotonic() < deadline and empty_checks < 2:
                time.sleep(2)
                empty_checks = empty_checks + 1 if _queue_empty(stack) else 0
                _progress(totals, started)
            stop.set()
            for worker in workers:
                worker.join(30)
        processed = time.perf_counter()

        outputs = _versions(stack.s3, stack.output_bucket)
        dlq = _drain_dlq(stack)

    summaries = {k for k in outputs if k.startswith("summaries/")}
    errors = {k for k in outputs if k.startswith("errors/")}
    per_object: Counter = Counter()
    for key in summaries | errors:
        per_object[key.split("/", 1)[1].removesuffix(".json")] += 1
    lost = sorted(set(names) - set(per_object))
    doubled = sorted(n for n, c in per_object.items() if c > 1)
    rewritten = sorted(k for k, c in outputs.items() if c > 1)
    doomed = {n for n in names if n.startswith("doomed-")}
    bad = {n for i, n in enumerate(names) if i % BAD_EVERY == 7 and n not in doomed}
    seconds = processed - started
    print(
        f"\nload: {ARTICLES} objects uploaded in {uploaded - started:.1f} s while {WORKERS} workers ran; all "
        f"done in {seconds:.1f} s = {ARTICLES / seconds:.1f} objects/s; deliveries {totals['received']} "
        f"(duplicates sent {duplicates}), batch item failures {totals['failed']}, crashed batches "
        f"{totals['crashed_batches']}; faults injected {faults.total + doom.total} "
        f"({dict(faults.injected)} + always-failing reads {doom.total}); summaries {len(summaries)}, "
        f"error records {len(errors)}, DLQ {len(dlq)}; lost {len(lost)}, duplicated {len(doubled)}, "
        f"written twice {len(rewritten)}"
    )
    assert lost == [] and doubled == [] and rewritten == []
    assert {f"errors/{n}.json" for n in doomed | bad} == errors
    assert sorted(dlq) == sorted(stack.input_prefix + n for n in doomed)
    assert faults.total > ARTICLES * FAULT_SHARE * 0.8
    assert totals["crashed_batches"] == 0, totals


def _send_duplicates(stack: Any, names: list[str]) -> int:
    """Deliver one notification in DUPLICATE_EVERY a second time (S3 is at-least-once)."""
    sent = 0
    for name in names:
        if zlib.crc32(name.encode()) % DUPLICATE_EVERY:
            continue
        key = stack.input_prefix + name
        head = stack.s3.head_object(Bucket=stack.input_bucket, Key=key)
        body = {"Records": [{
            "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": stack.region,
            "eventName": "ObjectCreated:Put",
            "s3": {"bucket": {"name": stack.input_bucket},
                   "object": {"key": key, "size": head["ContentLength"], "eTag": head["ETag"].strip('"')}},
        }]}
        stack.sqs.send_message(QueueUrl=stack.outputs.queue_url, MessageBody=json.dumps(body))
        sent += 1
    return sent


def _drain_dlq(stack: Any) -> list[str]:
    keys: list[str] = []
    while True:
        response = stack.sqs.receive_message(
            QueueUrl=stack.outputs.dead_letter_queue_url, MaxNumberOfMessages=10
        )
        messages = response.get("Messages", [])
        if not messages:
            return keys
        for message in messages:
            for record in json.loads(message["Body"])["Records"]:
                keys.append(unquote_plus(record["s3"]["object"]["key"]))
            stack.sqs.delete_message(QueueUrl=stack.outputs.dead_letter_queue_url,
                                     ReceiptHandle=message["ReceiptHandle"])
