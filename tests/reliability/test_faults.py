"""Faults: S3 failing or throttling for a share of calls, SQS redelivery, the DLQ, the Lambda deadline.

Faults are injected through botocore's event hooks on the function's own S3 client (tests/reliability/
faults.py); SQS is moto's, with the template's redrive policy, driven by ``local.runner.poll_once`` the
way Lambda's event source mapping drives the function.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from tests.conftest import ARTICLES
from tests.reliability.corpus import article_text
from tests.reliability.faults import FaultInjector, share_of_objects
from tests.reliability.helpers import output_keys, output_versions, read, s3_record, upload, version_buckets

REGION = "us-east-1"


def template_max_receive_count() -> int:
    """The default of the parameter that feeds both the queue's redrive policy and the function."""
    from newsdrop.local.cloudformation import load_template

    return int(load_template()["Parameters"]["MaxReceiveCount"]["Default"])


def test_the_queue_and_the_function_read_one_max_receive_count():
    from newsdrop.local.cloudformation import load_template
    from newsdrop.settings import MAX_RECEIVE_COUNT, Settings

    template = load_template()
    queue = template["Resources"]["IngestQueue"]["Properties"]
    environment = template["Resources"]["IngestFunction"]["Properties"]["Environment"]["Variables"]
    assert queue["RedrivePolicy"]["maxReceiveCount"] == {"Ref": "MaxReceiveCount"}
    assert environment[MAX_RECEIVE_COUNT] == {"Ref": "MaxReceiveCount"}
    assert Settings.load().max_receive_count == template_max_receive_count()


@pytest.fixture
def queues(s3) -> dict[str, Any]:
    """The ingest queue and its DLQ in mock_aws, with the template's maxReceiveCount."""
    import boto3

    sqs = boto3.client("sqs", region_name=REGION)
    dlq_url = sqs.create_queue(QueueName="newsdrop-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]
    dlq_arn = dlq_arn["QueueArn"]
    redrive = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(template_max_receive_count())}
    url = sqs.create_queue(
        QueueName="newsdrop-ingest",
        Attributes={"RedrivePolicy": json.dumps(redrive), "VisibilityTimeout": "750"},
    )["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return {"sqs": sqs, "url": url, "arn": arn, "dlq_url": dlq_url}


def send(queues: dict[str, Any], record: dict[str, Any]) -> None:
    queues["sqs"].send_message(QueueUrl=queues["url"], MessageBody=json.dumps({"Records": [record]}))


def run_until_empty(queues: dict[str, Any], rounds: int = 200) -> tuple[int, int]:
    """Poll like the event source mapping (failed messages come back at once); returns (received, failed)."""
    from newsdrop.handler import lambda_handler
    from newsdrop.local.runner import poll_once

    received = failed = idle = 0
    for _ in range(rounds):
        batch = poll_once(queues["sqs"], queues["url"], queues["arn"], lambda_handler, region=REGION,
                          timeout_seconds=120, retry_after_seconds=0)
        received += batch.received
        failed += len(batch.failed)
        idle = idle + 1 if not batch.received else 0
        if idle >= 2:
            break
    return received, failed


def dlq_bodies(queues: dict[str, Any]) -> list[dict[str, Any]]:
    messages = queues["sqs"].receive_message(QueueUrl=queues["dlq_url"], MaxNumberOfMessages=10)
    return [json.loads(m["Body"]) for m in messages.get("Messages", [])]


def test_throttled_and_failing_calls_are_retried_until_every_object_has_one_output(queues, s3):
    from newsdrop.storage import s3_client

    version_buckets(s3)
    keys = [f"incoming/article-{i:02d}.txt" for i in range(24)]
    for i, key in enumerate(keys):
        facts = upload(s3, key, article_text(600 + 40 * i).encode())
        send(queues, s3_record(key, **facts))

    with FaultInjector(s3_client(), share_of_objects(0.6, most=3)) as faults:
        received, failed = run_until_empty(queues)

    print(f"faults injected: {dict(faults.injected)}; deliveries {received}, failed {failed}")
    assert faults.total >= 10 and failed == faults.total  # every fault failed exactly its record
    assert set(faults.injected) == {"HeadObject", "GetObject", "PutObject"}
    assert received == len(keys) + failed  # every failure came back once more
    assert output_keys(s3) == sorted(f"summaries/{k.removeprefix('incoming/')}.json" for k in keys)
    assert set(output_versions(s3).values()) == {1}  # retries wrote nothing twice
    assert dlq_bodies(queues) == []


def test_after_max_receive_count_the_message_is_in_the_dlq_and_an_error_record_exists(queues, s3):
    from newsdrop.storage import s3_client

    key = "incoming/always-throttled.txt"
    facts = upload(s3, key, (ARTICLES / "000_ad279fb4c748556f.txt").read_bytes())
    send(queues, s3_record(key, **facts))

    with FaultInjector(s3_client(), lambda name: 10**6, operations=("GetObject",)) as faults:
        received, failed = run_until_empty(queues)

    assert received == failed == template_max_receive_count() == faults.total
    (body,) = dlq_bodies(queues)
    assert body["Records"][0]["s3"]["object"]["key"] == "incoming/always-throttled.txt"
    record = read(s3, "errors/always-throttled.txt.json")
    assert record["error"]["code"] == "transient"
    assert "retries exhausted" in record["error"]["message"]
    assert output_keys(s3) == ["errors/always-throttled.txt.json"]


def test_a_redriven_message_replaces_the_exhausted_error_with_a_summary(queues, s3):
    """The error record written when retries ran out does not block a later (DLQ redrive) delivery."""
    from newsdrop.storage import s3_client

    key = "incoming/redriven.txt"
    facts = upload(s3, key, (ARTICLES / "000_ad279fb4c748556f.txt").read_bytes())
    send(queues, s3_record(key, **facts))
    with FaultInjector(s3_client(), lambda name: 10**6, operations=("GetObject",)):
        run_until_empty(queues)
    (body,) = dlq_bodies(queues)

    send(queues, body["Records"][0])  # redrive
    received, failed = run_until_empty(queues)

    assert (received, failed) == (1, 0)
    assert "summaries/redriven.txt.json" in output_keys(s3)


def test_direct_invocation_reports_failed_records_for_lambdas_retry(s3, lambda_context):
    from newsdrop.errors import NewsdropError
    from newsdrop.handler import lambda_handler
    from newsdrop.storage import s3_client

    facts = upload(s3, "incoming/a.txt", article_text(900).encode())
    event = {"Records": [s3_record("incoming/a.txt", **facts)]}
    with FaultInjector(s3_client(), lambda name: 1, operations=("PutObject",)), \
            pytest.raises(NewsdropError, match="1 record"):
        lambda_handler(event, lambda_context)

    assert lambda_handler(event, lambda_context)["statuses"] == ["summary"]  # Lambda's retry


def test_a_long_input_cannot_overrun_the_deadline(s3, monkeypatch):
    """The pipeline is interrupted when half the margin is left; the batch reports all its records."""
    from newsdrop.handler import lambda_handler
    from newsdrop.local.runner import LocalContext
    from newsdrop.settings import DEADLINE_MARGIN_MS, reset_settings
    from tests.reliability.helpers import sqs_event, sqs_message

    monkeypatch.setenv(DEADLINE_MARGIN_MS, "1000")
    reset_settings()
    big = upload(s3, "incoming/long.txt", article_text(3 * 1024 * 1024).encode())
    small = upload(s3, "incoming/short.txt", article_text(900).encode())
    event = sqs_event(sqs_message(s3_record("incoming/long.txt", **big)),
                      sqs_message(s3_record("incoming/short.txt", **small)))

    context = LocalContext(timeout_seconds=3.0)
    result = lambda_handler(event, context)
    elapsed = time.monotonic() - context._started

    assert elapsed < context.timeout_seconds  # the function returned before Lambda would have killed it
    assert len(result["batchItemFailures"]) == 2
    assert output_keys(s3) == []


def test_deadline_failures_succeed_on_redelivery_with_time(s3, lambda_context):
    from newsdrop.handler import lambda_handler
    from tests.reliability.helpers import sqs_event, sqs_message

    facts = upload(s3, "incoming/late.txt", article_text(900).encode())
    event = sqs_event(sqs_message(s3_record("incoming/late.txt", **facts)))
    lambda_context.remaining_ms = 100
    assert len(lambda_handler(event, lambda_context)["batchItemFailures"]) == 1

    lambda_context.remaining_ms = 60_000
    assert lambda_handler(event, lambda_context) == {"batchItemFailures": []}
    assert output_keys(s3) == ["summaries/late.txt.json"]



@pytest.mark.slow
@pytest.mark.parametrize("shape", ["one-line", "article-text"])
def test_ten_megabytes_finish_or_stop_before_the_templates_deadline(s3, shape, monkeypatch):
    """10 MB of text (or one 10 MB line) through the handler with the template's timeout and margin."""
    from newsdrop.handler import lambda_handler
    from newsdrop.local.cloudformation import load_template, parameter_values
    from newsdrop.local.runner import LocalContext
    from newsdrop.settings import reset_settings
    from tests.reliability.corpus import BY_NAME
    from tests.reliability.helpers import sqs_event, sqs_message

    parameters = parameter_values(load_template())
    margin_ms, timeout = int(parameters["DeadlineMarginMs"]), float(parameters["FunctionTimeout"])
    monkeypatch.setenv("NEWSDROP_DEADLINE_MARGIN_MS", str(margin_ms))
    reset_settings()
    data = BY_NAME[shape].data(10_000_000)
    facts = upload(s3, f"incoming/{shape}.txt", data)

    context = LocalContext(timeout_seconds=timeout)
    result = lambda_handler(sqs_event(sqs_message(s3_record(f"incoming/{shape}.txt", **facts))), context)
    elapsed = time.monotonic() - context._started

    print(f"{shape}: {len(data)} B in {elapsed:.1f} s of {timeout:.0f} s: {result}; {output_keys(s3)}")
    assert elapsed < timeout
    finished = result == {"batchItemFailures": []}
    assert finished == (output_keys(s3) == [f"summaries/{shape}.txt.json"])
