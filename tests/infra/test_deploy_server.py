"""The template deployed into a moto server on 127.0.0.1: notifications and the disabled event source.

A separate module from test_deploy.py on purpose: moto's server shares moto's in-process backends, so it
must not run while a ``mock_aws`` fixture holds the same bucket names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from newsdrop.local.cloudformation import StackOutputs, deploy_stack


@pytest.fixture(scope="module")
def server_stack() -> Iterator[tuple[StackOutputs, Any]]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        outputs = deploy_stack(
            endpoint, stack_name="newsdrop-server", parameters={"BucketNamePrefix": "newsdrop-server"}
        )
        session = boto3.session.Session(
            region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        clients = {name: session.client(name, endpoint_url=endpoint) for name in ("s3", "sqs")}
        _drain(clients["sqs"], outputs.queue_url)  # the s3:TestEvent sent when notifications are saved
        yield outputs, clients
    finally:
        server.stop()


def _drain(sqs: Any, queue_url: str) -> list[dict[str, Any]]:
    bodies = []
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get(
            "Messages", []
        )
        if not messages:
            return bodies
        for message in messages:
            bodies.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])


@pytest.mark.parametrize(
    ("key", "notified"),
    [
        ("incoming/article.txt", True),
        ("incoming/nested/page.html", True),
        ("incoming/page.htm", True),
        ("incoming/records.jsonl", True),
        ("incoming/record.json", True),
        ("incoming/notes.md", True),
        ("incoming/scan.pdf", False),  # a format we do not read
        ("incoming/_SUCCESS", False),  # a crawler's marker file
        ("elsewhere/article.txt", False),  # outside the input prefix
    ],
)
def test_uploads_reach_the_queue_only_under_the_prefix_with_a_read_suffix(
    server_stack: tuple[StackOutputs, Any], key: str, notified: bool
) -> None:
    outputs, clients = server_stack
    clients["s3"].put_object(Bucket=outputs.input_bucket, Key=key, Body=b"Some article text.")
    bodies = _drain(clients["sqs"], outputs.queue_url)
    keys = [r["s3"]["object"]["key"] for body in bodies for r in body.get("Records", [])]
    assert len(keys) == (1 if notified else 0), keys


def test_messages_wait_in_the_queue_for_the_local_poller(server_stack: tuple[StackOutputs, Any]) -> None:
    # GIVEN the disabled event source mapping WHEN an article is uploaded THEN moto does not consume the
    # message (no Docker invoke, no receive count); it waits for the in-process poller, the DLQ stays empty
    outputs, clients = server_stack
    clients["s3"].put_object(Bucket=outputs.input_bucket, Key="incoming/wait.txt", Body=b"Text.")
    attributes = clients["sqs"].get_queue_attributes(
        QueueUrl=outputs.queue_url, AttributeNames=["ApproximateNumberOfMessages"]
    )["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "1"
    (message,) = clients["sqs"].receive_message(
        QueueUrl=outputs.queue_url, AttributeNames=["ApproximateReceiveCount"]
    )["Messages"]
    assert message["Attributes"]["ApproximateReceiveCount"] == "1"
    clients["sqs"].delete_message(QueueUrl=outputs.queue_url, ReceiptHandle=message["ReceiptHandle"])
    dlq = clients["sqs"].get_queue_attributes(
        QueueUrl=outputs.dead_letter_queue_url, AttributeNames=["ApproximateNumberOfMessages"]
    )["Attributes"]
    assert dlq["ApproximateNumberOfMessages"] == "0"
