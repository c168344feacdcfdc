"""Event shapes → ObjectRef lists."""

from __future__ import annotations

import json

import pytest

from newsdrop.events import EventShapeError, event_kind, refs_from_body, refs_from_event
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
