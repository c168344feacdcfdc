"""Duplicates and ordering: at-least-once, out-of-order delivery never duplicates nor regresses an output.

The choices (ingest.py's docstring): a repeated event writes nothing; an older version (by S3 sequencer,
else by LastModified) never replaces the summary of a newer one; writes are conditional so a race has one
winner; delete events are skipped and the summary is kept.
"""

from __future__ import annotations

import pytest

from newsdrop.events import ObjectRef
from newsdrop.ingest import DUPLICATE, PROCESS, STALE, decide, sequencer_order
from newsdrop.storage import FetchedObject, OutputState
from tests.conftest import ARTICLES, EXAMPLE_BUCKET, OUTPUT_BUCKET
from tests.reliability.corpus import article_text
from tests.reliability.faults import CallRecorder
from tests.reliability.helpers import (
    output_keys,
    output_versions,
    read,
    s3_record,
    sqs_event,
    sqs_message,
    upload,
    version_buckets,
)

KEY = "incoming/bridge.txt"
SUMMARY = "summaries/bridge.txt.json"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("0055AED6DCD90281E5", "0055AED6DCD90281E5", 0),
        ("0055AED6DCD90281E5", "0055AED6DCD90281E6", -1),
        ("0055AED6DCD90281F0", "0055AED6DCD90281E6", 1),
        ("55AED6DCD90281E5", "0055AED6DCD90281E5", 0),  # left-padded to equal length
        ("FF", "0100", -1),  # shorter is not "larger" because its first digit is
        ("0100", "ff", 1),  # case does not matter
    ],
)
def test_sequencers_compare_as_padded_hex(a, b, expected):
    assert sequencer_order(a, b) == expected


def _state(**metadata: str) -> OutputState:
    modified = "2026-11-27T10:00:00+00:00"
    return OutputState(key=SUMMARY, etag='"out"', last_modified=modified, metadata=metadata)


@pytest.mark.parametrize(
    ("ref", "previous", "fetched", "expected"),
    [
        (ObjectRef("b", KEY), None, None, PROCESS),
        (ObjectRef("b", KEY, sequencer="0A"), _state(**{"source-sequencer": "0A"}), None, DUPLICATE),
        (ObjectRef("b", KEY, sequencer="09"), _state(**{"source-sequencer": "0A"}), None, STALE),
        (ObjectRef("b", KEY, sequencer="0B"), _state(**{"source-sequencer": "0A", "source-etag": "e"}), None,
         PROCESS),
        # equal sequencer but different bytes (moto gives EventBridge events one constant sequencer)
        (ObjectRef("b", KEY, sequencer="0A", etag="x"),
         _state(**{"source-sequencer": "0A", "source-etag": "e"}), None, PROCESS),
        (ObjectRef("b", KEY, version_id="v1"), _state(**{"source-version-id": "v1"}), None, DUPLICATE),
        (ObjectRef("b", KEY, version_id="v2"), _state(**{"source-version-id": "v1"}), None, PROCESS),
        (ObjectRef("b", KEY, etag='"e"'), _state(**{"source-etag": "e"}), None, DUPLICATE),
        (ObjectRef("b", KEY, etag="f"), _state(**{"source-etag": "e"}), None, PROCESS),
        # after the read: an unpinned read returned bytes already summarized
        (ObjectRef("b", KEY), _state(**{"source-etag": "e"}), FetchedObject(b"x", etag="e"), DUPLICATE),
        # after the read: the version read is older than the one summarized
        (ObjectRef("b", KEY), _state(**{"source-last-modified": "2026-11-27T10:00:05+00:00"}),
         FetchedObject(b"x", etag="f", last_modified="2026-11-27T10:00:01+00:00"), STALE),
        # an error record left when retries ran out does not count as processed
        (ObjectRef("b", KEY, etag="e"), _state(**{"source-etag": "e", "newsdrop-kind": "retryable-error"}),
         None, PROCESS),
        (ObjectRef("b", KEY, sequencer="0A"),
         _state(**{"source-sequencer": "0A", "newsdrop-kind": "retryable-error"}), None, PROCESS),
        # a deliberate re-drive (backfill) is processed again, but still never regresses
        (ObjectRef("b", KEY, etag="e", redrive=True), _state(**{"source-etag": "e"}), None, PROCESS),
        (ObjectRef("b", KEY, sequencer="0A", redrive=True), _state(**{"source-sequencer": "0A"}), None,
         PROCESS),
        (ObjectRef("b", KEY, sequencer="09", redrive=True), _state(**{"source-sequencer": "0A"}), None,
         STALE),
    ],
)
def test_decide(ref, previous, fetched, expected):
    assert decide(ref, previous, fetched) == expected


def test_same_event_twice_gives_one_summary_and_one_write(s3, lambda_context):
    from newsdrop.handler import lambda_handler
    from newsdrop.storage import s3_client

    version_buckets(s3)
    facts = upload(s3, KEY, (ARTICLES / "000_ad279fb4c748556f.txt").read_bytes())
    record = s3_record(KEY, sequencer="0055AED6DCD90281E5", **facts)

    first = lambda_handler(sqs_event(sqs_message(record)), lambda_context)
    with CallRecorder(s3_client()) as recorder:
        second = lambda_handler(sqs_event(sqs_message(record, receive_count=2)), lambda_context)

    assert first == second == {"batchItemFailures": []}
    assert output_versions(s3) == {SUMMARY: 1}
    assert [c[0] for c in recorder.calls if c[0] in ("GetObject", "PutObject")] == []  # no second side effect


def test_duplicate_without_sequencer_or_version_is_caught_by_etag(s3, lambda_context):
    """moto's (and unversioned buckets') notifications carry neither sequencer nor version id."""
    from newsdrop.handler import lambda_handler

    facts = upload(s3, KEY, (ARTICLES / "000_ad279fb4c748556f.txt").read_bytes())
    version_buckets(s3)
    record = s3_record(KEY, etag=facts["etag"], size=facts["size"])
    lambda_handler(sqs_event(sqs_message(record), sqs_message(record)), lambda_context)
    lambda_handler(sqs_event(sqs_message(record)), lambda_context)

    assert output_versions(s3) == {SUMMARY: 1}


def test_older_version_never_overwrites_a_newer_summary(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    version_buckets(s3)
    old = upload(s3, KEY, article_text(1500).encode())
    new = upload(s3, KEY, b"Breaking: the harbour bridge reopened on Friday after two years of repairs. " * 5)
    old_event = s3_record(KEY, sequencer="0055AED6DCD90281E5", **old)
    new_event = s3_record(KEY, sequencer="0055AED6DCD90281F0", **new)

    lambda_handler(sqs_event(sqs_message(new_event)), lambda_context)
    lambda_handler(sqs_event(sqs_message(old_event)), lambda_context)  # late delivery of the first upload

    summary = read(s3, SUMMARY)
    assert summary["source"]["version_id"] == new["version_id"]
    assert "reopened on Friday" in summary["text"]
    assert output_versions(s3) == {SUMMARY: 1}


def test_newer_version_replaces_the_summary_of_an_older_one(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    version_buckets(s3)
    old = upload(s3, KEY, article_text(1500).encode())
    new = upload(s3, KEY, b"Breaking: the harbour bridge reopened on Friday after two years of repairs. " * 5)

    lambda_handler(sqs_event(sqs_message(s3_record(KEY, sequencer="0A", **old))), lambda_context)
    lambda_handler(sqs_event(sqs_message(s3_record(KEY, sequencer="0B", **new))), lambda_context)

    assert read(s3, SUMMARY)["source"]["version_id"] == new["version_id"]
    assert output_versions(s3) == {SUMMARY: 2}


def test_a_concurrent_writer_makes_ours_fail_and_the_retry_skip(s3, lambda_context):
    """Another invocation writes the same summary between our HeadObject and our PutObject."""
    from newsdrop.events import refs_from_event
    from newsdrop.handler import lambda_handler
    from newsdrop.ingest import ingest
    from newsdrop.settings import get_settings
    from newsdrop.storage import Storage, s3_client

    version_buckets(s3)
    facts = upload(s3, KEY, (ARTICLES / "000_ad279fb4c748556f.txt").read_bytes())
    record = s3_record(KEY, sequencer="0A", **facts)
    client = s3_client()
    (ref,) = refs_from_event({"Records": [record]})
    raced: list[str] = []

    def other_invocation_wins(params, **_):
        if not raced and params.get("Key") == SUMMARY:
            raced.append(SUMMARY)
            client.meta.events.unregister("before-parameter-build.s3.PutObject", other_invocation_wins)
            assert ingest(ref, Storage(get_settings())).status == "summary"

    client.meta.events.register("before-parameter-build.s3.PutObject", other_invocation_wins)
    message = sqs_message(record)
    first = lambda_handler(sqs_event(message), lambda_context)
    retry = lambda_handler(sqs_event(sqs_message(record, receive_count=2)), lambda_context)

    assert first == {"batchItemFailures": [{"itemIdentifier": message["messageId"]}]}
    assert retry == {"batchItemFailures": []}
    assert output_versions(s3) == {SUMMARY: 1}


def test_delete_event_is_skipped_and_the_summary_kept(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    facts = upload(s3, KEY, (ARTICLES / "000_ad279fb4c748556f.txt").read_bytes())
    lambda_handler(sqs_event(sqs_message(s3_record(KEY, **facts))), lambda_context)
    s3.delete_object(Bucket=EXAMPLE_BUCKET, Key=KEY)

    removed = s3_record(KEY, event_name="ObjectRemoved:Delete")
    result = lambda_handler(sqs_event(sqs_message(removed)), lambda_context)

    assert result == {"batchItemFailures": []}
    assert output_keys(s3) == [SUMMARY]
    assert read(s3, SUMMARY)["source"]["key"] == KEY


def test_metadata_records_the_source_version(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    version_buckets(s3)
    facts = upload(s3, KEY, (ARTICLES / "000_ad279fb4c748556f.txt").read_bytes())
    lambda_handler(sqs_event(sqs_message(s3_record(KEY, sequencer="0A1B", **facts))), lambda_context)

    metadata = s3.head_object(Bucket=OUTPUT_BUCKET, Key=SUMMARY)["Metadata"]
    assert metadata["source-sequencer"] == "0A1B"
    assert metadata["source-version-id"] == facts["version_id"]
    assert metadata["source-etag"] == facts["etag"]
    assert metadata["source-last-modified"]


def test_a_backfill_redrive_is_processed_again(s3, lambda_context):
    """The backfill command's notifications (configurationId newsdrop-backfill) are never duplicates."""
    from newsdrop.events import REDRIVE_CONFIGURATION_ID
    from newsdrop.handler import lambda_handler

    version_buckets(s3)
    facts = upload(s3, KEY, (ARTICLES / "000_ad279fb4c748556f.txt").read_bytes())
    lambda_handler(sqs_event(sqs_message(s3_record(KEY, **facts))), lambda_context)
    redrive = s3_record(KEY, **facts)
    redrive["s3"]["configurationId"] = REDRIVE_CONFIGURATION_ID

    lambda_handler(sqs_event(sqs_message(redrive)), lambda_context)
    lambda_handler(sqs_event(sqs_message(s3_record(KEY, **facts))), lambda_context)  # a plain duplicate

    assert output_versions(s3) == {SUMMARY: 2}
