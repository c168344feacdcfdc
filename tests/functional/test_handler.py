"""The real Lambda entry point on every event shape, against mock_aws S3."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ARTICLES, EXAMPLE_BUCKET, OUTPUT_BUCKET, load_event, read_json


def seed(s3, key: str, article: str | None = None, body: bytes | None = None, **extra) -> None:
    data = body if body is not None else (ARTICLES / (article or key.split("/")[-1])).read_bytes()
    s3.put_object(Bucket=EXAMPLE_BUCKET, Key=key, Body=data, **extra)


def output_keys(s3) -> list[str]:
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=OUTPUT_BUCKET).get("Contents", []))


def test_s3_put_event_writes_the_sample_summary(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    seed(s3, "incoming/000_ad279fb4c748556f.txt")
    result = lambda_handler(load_event("s3-put.json"), lambda_context)

    assert result["statuses"] == ["summary"]
    summary = read_json(s3, OUTPUT_BUCKET, "summaries/000_ad279fb4c748556f.txt.json")
    assert summary["source"]["bucket"] == EXAMPLE_BUCKET
    assert summary["source"]["key"] == "incoming/000_ad279fb4c748556f.txt"
    assert summary["language"] == "en"
    assert "[ad_1]" not in summary["text"] and "Source link" not in summary["text"]
    head = s3.head_object(Bucket=OUTPUT_BUCKET, Key="summaries/000_ad279fb4c748556f.txt.json")
    assert head["ContentType"] == "application/json"


def test_sqs_batch_processes_every_record(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    event = load_event("sqs-batch.json")
    for record in event["Records"]:
        key = json.loads(record["body"])["Records"][0]["s3"]["object"]["key"]
        seed(s3, key)

    result = lambda_handler(event, lambda_context)

    assert result == {"batchItemFailures": []}
    assert output_keys(s3) == [
        "summaries/000_ad279fb4c748556f.txt.json",
        "summaries/harbour-bridge-reopens.html.json",
        "summaries/newsplease-record.json.json",
        "summaries/vineyard-frost-cp1252.txt.json",
    ]


def test_sqs_batch_one_failure_does_not_fail_batch_mates(s3, lambda_context, monkeypatch):
    """A record whose object cannot be read for a transient reason is the only failure reported."""
    from newsdrop.handler import lambda_handler

    event = load_event("sqs-batch.json")
    for record in event["Records"]:
        key = json.loads(record["body"])["Records"][0]["s3"]["object"]["key"]
        seed(s3, key)
    broken = event["Records"][1]
    broken["body"] = "this is not an S3 notification"

    result = lambda_handler(event, lambda_context)

    assert result == {"batchItemFailures": [{"itemIdentifier": broken["messageId"]}]}
    assert len(output_keys(s3)) == 3


def test_bad_input_becomes_an_error_record_not_a_failure(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    event = load_event("sqs-batch.json")
    keys = [json.loads(r["body"])["Records"][0]["s3"]["object"]["key"] for r in event["Records"]]
    seed(s3, keys[0], body=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    for key in keys[1:]:
        seed(s3, key)

    result = lambda_handler(event, lambda_context)

    assert result == {"batchItemFailures": []}
    record = read_json(s3, OUTPUT_BUCKET, "errors/000_ad279fb4c748556f.txt.json")
    assert record["error"]["code"] == "unsupported_format"
    assert record["source"]["key"] == keys[0]


def test_object_deleted_before_read_gets_not_found_record(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    lambda_handler(load_event("s3-put.json"), lambda_context)  # never seeded

    record = read_json(s3, OUTPUT_BUCKET, "errors/000_ad279fb4c748556f.txt.json")
    assert record["error"]["code"] == "not_found"


def test_eventbridge_object_created(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    seed(s3, "incoming/harbour-bridge-reopens.html", ContentType="text/html; charset=utf-8")
    result = lambda_handler(load_event("eventbridge-object-created.json"), lambda_context)

    assert result["statuses"] == ["summary"]
    summary = read_json(s3, OUTPUT_BUCKET, "summaries/harbour-bridge-reopens.html.json")
    assert summary["source"]["format"] == "html"
    assert summary["title"] == "Harbour bridge reopens after two-year repair"


def test_test_event_is_skipped(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    result = lambda_handler(load_event("s3-test-event.json"), lambda_context)

    assert result["statuses"] == ["skipped"]
    assert output_keys(s3) == []


def test_url_encoded_key_is_decoded(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    seed(s3, "incoming/Ünïcode news 2024+draft.txt")
    lambda_handler(load_event("s3-put-encoded-key.json"), lambda_context)

    assert output_keys(s3) == ["summaries/Ünïcode news 2024+draft.txt.json"]


def test_output_keys_are_never_processed(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    event = load_event("s3-put.json")
    event["Records"][0]["s3"]["object"]["key"] = "summaries/000_ad279fb4c748556f.txt.json"
    result = lambda_handler(event, lambda_context)

    assert result["statuses"] == ["skipped"]
    assert output_keys(s3) == []


def test_too_large_object_is_refused_without_reading(s3, lambda_context, monkeypatch):
    from newsdrop.handler import lambda_handler
    from newsdrop.settings import MAX_OBJECT_BYTES, reset_settings

    monkeypatch.setenv(MAX_OBJECT_BYTES, "1000")
    reset_settings()
    seed(s3, "incoming/000_ad279fb4c748556f.txt")
    event = load_event("s3-put.json")
    del event["Records"][0]["s3"]["object"]["size"]  # moto's events may omit it: the read is capped too

    lambda_handler(event, lambda_context)

    record = read_json(s3, OUTPUT_BUCKET, "errors/000_ad279fb4c748556f.txt.json")
    assert record["error"]["code"] == "too_large"


def test_deadline_reports_unfinished_records_as_failures(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    event = load_event("sqs-batch.json")
    lambda_context.remaining_ms = 500  # below the default 10 s margin

    result = lambda_handler(event, lambda_context)

    assert len(result["batchItemFailures"]) == len(event["Records"])
    assert output_keys(s3) == []


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"", "empty_object"),
        (b"   \n\t  ", "empty_object"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "unsupported_format"),
        (b"PK\x03\x04\x14\x00\x00\x00", "unsupported_format"),
        (b'{"title": "x", "maintext": ', "malformed_json"),
        (b"<html><body><script>var a=1;</script></body></html>", "no_article_text"),
    ],
)
def test_bad_inputs_get_stable_codes(s3, lambda_context, body, code):
    from newsdrop.handler import lambda_handler

    seed(s3, "incoming/000_ad279fb4c748556f.txt", body=body)
    event = load_event("s3-put.json")
    event["Records"][0]["s3"]["object"]["size"] = len(body)

    lambda_handler(event, lambda_context)

    assert read_json(s3, OUTPUT_BUCKET, "errors/000_ad279fb4c748556f.txt.json")["error"]["code"] == code


def test_sqs_record_on_its_last_delivery_leaves_an_error_record(s3, lambda_context):
    """ApproximateReceiveCount at the redrive limit: the failure is reported and an error record written."""
    from botocore.exceptions import ClientError

    from newsdrop.handler import lambda_handler
    from newsdrop.settings import get_settings
    from newsdrop.storage import s3_client

    event = load_event("sqs-batch.json")
    event["Records"] = event["Records"][:1]
    event["Records"][0]["attributes"]["ApproximateReceiveCount"] = str(get_settings().max_receive_count)
    seed(s3, "incoming/000_ad279fb4c748556f.txt")

    def throttle(**_):
        raise ClientError({"Error": {"Code": "SlowDown", "Message": "injected"}}, "GetObject")

    s3_client().meta.events.register("before-parameter-build.s3.GetObject", throttle)
    result = lambda_handler(event, lambda_context)

    assert result == {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]}
    record = read_json(s3, OUTPUT_BUCKET, "errors/000_ad279fb4c748556f.txt.json")
    assert record["error"]["code"] == "transient"
    assert s3.head_object(Bucket=OUTPUT_BUCKET, Key="errors/000_ad279fb4c748556f.txt.json")["Metadata"][
        "newsdrop-kind"] == "retryable-error"


def test_repeated_delivery_writes_the_summary_once(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    seed(s3, "incoming/000_ad279fb4c748556f.txt")
    s3.put_bucket_versioning(Bucket=OUTPUT_BUCKET, VersioningConfiguration={"Status": "Enabled"})
    event = load_event("s3-put.json")
    event["Records"][0]["s3"]["object"]["eTag"] = s3.head_object(
        Bucket=EXAMPLE_BUCKET, Key="incoming/000_ad279fb4c748556f.txt")["ETag"].strip('"')

    first = lambda_handler(event, lambda_context)
    second = lambda_handler(event, lambda_context)

    assert first["statuses"] == ["summary"] and second["statuses"] == ["skipped"]
    versions = s3.list_object_versions(Bucket=OUTPUT_BUCKET)["Versions"]
    assert [v["Key"] for v in versions] == ["summaries/000_ad279fb4c748556f.txt.json"]


def test_a_1024_byte_key_gets_an_output_key_within_s3s_limit(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    key = "incoming/" + "k" * (1024 - len("incoming/") - len(".txt")) + ".txt"
    seed(s3, key, article="000_ad279fb4c748556f.txt")
    event = load_event("s3-put.json")
    event["Records"][0]["s3"]["object"]["key"] = key

    assert lambda_handler(event, lambda_context)["statuses"] == ["summary"]
    (out,) = output_keys(s3)
    assert out.startswith("summaries/kkkk") and out.endswith(".json") and len(out.encode()) <= 1024
    assert read_json(s3, OUTPUT_BUCKET, out)["source"]["key"] == key


SAMPLE_KEY = "incoming/000_ad279fb4c748556f.txt"


def batch_result(response: dict) -> tuple[str, str]:
    (result,) = response["results"]
    return result["resultCode"], result["resultString"]


def test_batch_operations_task_writes_the_summary(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    seed(s3, SAMPLE_KEY)
    event = load_event("s3-batch-operations.json")

    response = lambda_handler(event, lambda_context)

    assert response == {
        "invocationSchemaVersion": "2.0",
        "treatMissingKeysAs": "PermanentFailure",
        "invocationId": event["invocationId"],
        "results": [{"taskId": event["tasks"][0]["taskId"], "resultCode": "Succeeded",
                     "resultString": "summary summaries/000_ad279fb4c748556f.txt.json"}],
    }
    summary = read_json(s3, OUTPUT_BUCKET, "summaries/000_ad279fb4c748556f.txt.json")
    assert summary["source"]["key"] == SAMPLE_KEY


def test_batch_operations_reprocess_an_already_summarized_object(s3, lambda_context):
    """A job re-drives on purpose: an object whose bytes were summarized before is summarized again."""
    from newsdrop.handler import lambda_handler

    seed(s3, SAMPLE_KEY)
    s3.put_bucket_versioning(Bucket=OUTPUT_BUCKET, VersioningConfiguration={"Status": "Enabled"})
    assert lambda_handler(load_event("s3-put.json"), lambda_context)["statuses"] == ["summary"]

    response = lambda_handler(load_event("s3-batch-operations.json"), lambda_context)

    assert batch_result(response) == ("Succeeded", "summary summaries/000_ad279fb4c748556f.txt.json")
    versions = s3.list_object_versions(Bucket=OUTPUT_BUCKET)["Versions"]
    assert len(versions) == 2


def test_batch_operations_missing_object_is_an_error_record(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    response = lambda_handler(load_event("s3-batch-operations.json"), lambda_context)  # never seeded

    assert batch_result(response) == ("Succeeded", "error not_found")
    record = read_json(s3, OUTPUT_BUCKET, "errors/000_ad279fb4c748556f.txt.json")
    assert record["error"]["code"] == "not_found"


@pytest.mark.parametrize("operation", ["HeadObject", "GetObject", "PutObject"])
def test_batch_operations_transient_s3_failure_is_a_temporary_failure(s3, lambda_context, operation):
    from botocore.exceptions import ClientError

    from newsdrop.handler import lambda_handler
    from newsdrop.storage import s3_client

    seed(s3, SAMPLE_KEY)

    def slow_down(**_):
        raise ClientError({"Error": {"Code": "SlowDown", "Message": "injected"}}, operation)

    s3_client().meta.events.register(f"before-parameter-build.s3.{operation}", slow_down)
    response = lambda_handler(load_event("s3-batch-operations.json"), lambda_context)

    code, text = batch_result(response)
    assert (code, text.split(":")[0]) == ("TemporaryFailure", "transient")
    assert output_keys(s3) == []


def test_batch_operations_near_the_deadline_is_a_temporary_failure(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    seed(s3, SAMPLE_KEY)
    lambda_context.remaining_ms = 500  # below the default 10 s margin

    code, text = batch_result(lambda_handler(load_event("s3-batch-operations.json"), lambda_context))

    assert (code, text.split(":")[0]) == ("TemporaryFailure", "deadline")


def test_batch_operations_schema_1_names_the_bucket_by_arn(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    seed(s3, SAMPLE_KEY)
    event = load_event("s3-batch-operations.json")
    event["invocationSchemaVersion"] = "1.0"
    del event["job"]["userArguments"]
    task = event["tasks"][0]
    task["s3BucketArn"] = f"arn:aws:s3:::{task.pop('s3Bucket')}"

    response = lambda_handler(event, lambda_context)

    assert response["invocationSchemaVersion"] == "1.0"
    assert batch_result(response) == ("Succeeded", "summary summaries/000_ad279fb4c748556f.txt.json")


def test_batch_operations_url_encoded_key_is_decoded(s3, lambda_context):
    from newsdrop.handler import lambda_handler

    seed(s3, "incoming/Ünïcode news 2024+draft.txt")
    event = load_event("s3-batch-operations.json")
    event["tasks"][0]["s3Key"] = "incoming/%C3%9Cn%C3%AFcode+news+2024%2Bdraft.txt"

    response = lambda_handler(event, lambda_context)

    assert batch_result(response) == ("Succeeded", "summary summaries/Ünïcode news 2024+draft.txt.json")


def test_batch_operations_report_every_task_and_never_raise(s3, lambda_context):
    """A malformed task fails permanently on its own; its job-mates still succeed."""
    from newsdrop.handler import lambda_handler

    seed(s3, SAMPLE_KEY)
    event = load_event("s3-batch-operations.json")
    event["tasks"].insert(0, {"taskId": "bad", "s3Bucket": EXAMPLE_BUCKET})

    response = lambda_handler(event, lambda_context)

    assert [(r["taskId"], r["resultCode"]) for r in response["results"]] == [
        ("bad", "PermanentFailure"), (event["tasks"][1]["taskId"], "Succeeded"),
    ]
    assert response["results"][0]["resultString"] == "unrecognized_event"


def test_batch_operations_unexpected_error_is_a_permanent_failure(s3, lambda_context, monkeypatch):
    from newsdrop import handler

    seed(s3, SAMPLE_KEY)

    def broken(*_args, **_kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(handler, "ingest", broken)
    response = handler.lambda_handler(load_event("s3-batch-operations.json"), lambda_context)

    assert batch_result(response) == ("PermanentFailure", "RuntimeError")


def sqs_test_event() -> dict:
    event = load_event("sqs-batch.json")
    event["Records"] = event["Records"][:1]
    event["Records"][0]["body"] = json.dumps(load_event("s3-test-event.json"))
    return event


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (lambda: load_event("s3-test-event.json"), {"processed": [], "statuses": ["skipped"]}),
        (sqs_test_event, {"batchItemFailures": []}),
    ],
    ids=["direct", "sqs-body"],
)
def test_test_event_publishes_a_metric_and_no_empty_metrics_warning(s3, lambda_context, capsys, recwarn,
                                                                    event, expected):
    from newsdrop.handler import lambda_handler

    assert lambda_handler(event(), lambda_context) == expected

    assert not [w for w in recwarn if "No application metrics" in str(w.message)]
    emitted = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line]
    assert any(blob.get("RecordsSkipped") in (1, [1]) for blob in emitted)
