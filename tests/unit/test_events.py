"""Event shapes → ObjectRef lists."""

from __future__ import annotations

import json

import pytest

from newsdrop.events import EventShapeError, event_kind, refs_from_batch_job, refs_from_body, refs_from_event
from tests.conftest import load_event


@pytest.mark.parametrize(
    ("event", "kind"),
    [
        ("s3-put.json", "s3"),
        ("sqs-batch.json", "sqs"),
        ("eventbridge-object-created.json", "eventbridge"),
        ("s3-test-event.json", "test"),
        ("s3-put-encoded-key.json", "s3"),
    ],
)
def test_event_kind(event, kind):
    assert event_kind(load_event(event)) == kind


def test_s3_put_event_gives_bucket_key_size_and_sequencer():
    (ref,) = refs_from_event(load_event("s3-put.json"))
    assert (ref.bucket, ref.key, ref.size) == (
        "newsdrop-input-example",
        "incoming/000_ad279fb4c748556f.txt",
        2891,
    )
    assert ref.sequencer == "0065EF2A1B3C4D5E6F"
    assert not ref.is_removal


@pytest.mark.parametrize(
    ("encoded", "decoded"),
    [
        ("incoming/red+flower.txt", "incoming/red flower.txt"),
        ("incoming/a%2Bb.txt", "incoming/a+b.txt"),
        ("incoming/%C3%9Cn%C3%AFcode+news.txt", "incoming/Ünïcode news.txt"),
        ("incoming/100%25.txt", "incoming/100%.txt"),
        ("incoming/plain.txt", "incoming/plain.txt"),
    ],
)
def test_keys_are_url_decoded(encoded, decoded):
    event = load_event("s3-put.json")
    event["Records"][0]["s3"]["object"]["key"] = encoded
    assert refs_from_event(event)[0].key == decoded


def test_moto_style_record_without_optional_fields():
    """moto omits userIdentity, requestParameters, sequencer and versionId."""
    event = {
        "Records": [
            {
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Put",
                "s3": {"bucket": {"name": "b"}, "object": {"key": "incoming/x.txt"}},
            }
        ]
    }
    (ref,) = refs_from_event(event)
    assert (ref.bucket, ref.key, ref.version_id, ref.size, ref.sequencer) == (
        "b",
        "incoming/x.txt",
        None,
        None,
        None,
    )


def test_every_record_of_a_multi_record_event_is_returned():
    event = load_event("s3-put.json")
    second = json.loads(json.dumps(event["Records"][0]))
    second["s3"]["object"]["key"] = "incoming/second.txt"
    event["Records"].append(second)
    assert [r.key for r in refs_from_event(event)] == [
        "incoming/000_ad279fb4c748556f.txt",
        "incoming/second.txt",
    ]


def test_eventbridge_event():
    (ref,) = refs_from_event(load_event("eventbridge-object-created.json"))
    assert ref.key == "incoming/harbour-bridge-reopens.html"
    assert ref.sequencer == "00617F08299329D189"


def test_test_event_yields_nothing():
    assert refs_from_event(load_event("s3-test-event.json")) == []
    assert refs_from_body(json.dumps(load_event("s3-test-event.json"))) == []


def test_sqs_bodies_and_sns_envelopes():
    body = load_event("sqs-batch.json")["Records"][0]["body"]
    assert refs_from_body(body)[0].key == "incoming/000_ad279fb4c748556f.txt"
    envelope = json.dumps({"Type": "Notification", "Message": body})
    assert refs_from_body(envelope)[0].key == "incoming/000_ad279fb4c748556f.txt"


def test_removal_events_are_marked():
    event = load_event("s3-put.json")
    event["Records"][0]["eventName"] = "ObjectRemoved:Delete"
    assert refs_from_event(event)[0].is_removal


@pytest.mark.parametrize(
    "body", ["not json", "[]", '"a string"', '{"Records": [{"nothing": 1}]}', '{"x": 1}']
)
def test_unrecognized_bodies_raise_with_a_code(body):
    with pytest.raises(EventShapeError) as caught:
        refs_from_body(body)
    assert caught.value.code == "unrecognized_event"


DROP = object()  # a task field to remove


def batch_event(**task_fields) -> dict:
    event = load_event("s3-batch-operations.json")
    task = event["tasks"][0]
    for name, value in task_fields.items():
        if value is DROP:
            del task[name]
        else:
            task[name] = value
    return event


def test_batch_operations_event_kind_needs_schema_version_and_tasks_list():
    assert event_kind(load_event("s3-batch-operations.json")) == "s3batch"
    assert event_kind({"invocationSchemaVersion": "2.0", "tasks": "x"}) == "unknown"
    assert event_kind({"tasks": []}) == "unknown"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ("newsdrop-input-example", "incoming/000_ad279fb4c748556f.txt", None)),
        ({"s3VersionId": "v1"}, ("newsdrop-input-example", "incoming/000_ad279fb4c748556f.txt", "v1")),
        ({"s3Key": "incoming/red+flower%C3%A9.txt"}, ("newsdrop-input-example", "incoming/red floweré.txt",
                                                      None)),
        ({"s3Key": "incoming/a%2Bb.txt"}, ("newsdrop-input-example", "incoming/a+b.txt", None)),
        (  # schema 1.0: the bucket comes from the end of its ARN
            {"s3Bucket": DROP, "s3BucketArn": "arn:aws:s3:::other-bucket"},
            ("other-bucket", "incoming/000_ad279fb4c748556f.txt", None),
        ),
    ],
)
def test_batch_job_tasks_become_redrive_refs(fields, expected):
    ((task_id, ref),) = refs_from_batch_job(batch_event(**fields))
    assert task_id == "dGFza2lkZ29lc2hlcmUK"
    assert (ref.bucket, ref.key, ref.version_id) == expected
    assert ref.redrive and not ref.is_removal


def test_every_task_of_a_batch_job_is_returned_in_order():
    event = load_event("s3-batch-operations.json")
    event["tasks"].append({"taskId": "t2", "s3Bucket": "b", "s3Key": "incoming/second.txt"})
    assert [(t, r.key) for t, r in refs_from_batch_job(event)] == [
        ("dGFza2lkZ29lc2hlcmUK", "incoming/000_ad279fb4c748556f.txt"),
        ("t2", "incoming/second.txt"),
    ]


@pytest.mark.parametrize(
    "task",
    [
        {"taskId": "t", "s3Bucket": "b"},
        {"taskId": "t", "s3Key": "incoming/x.txt"},
        {"taskId": "t", "s3Bucket": "", "s3Key": "incoming/x.txt"},
        "not a task",
    ],
)
def test_malformed_batch_tasks_raise_with_a_code(task):
    with pytest.raises(EventShapeError) as caught:
        refs_from_batch_job({"invocationSchemaVersion": "2.0", "tasks": [task]})
    assert caught.value.code == "unrecognized_event"
