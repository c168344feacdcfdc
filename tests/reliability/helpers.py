"""Events and S3 helpers shared by the reliability tests (handler runs inside mock_aws)."""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import quote_plus

from tests.conftest import EXAMPLE_BUCKET, OUTPUT_BUCKET

QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:newsdrop-ingest"


def s3_record(
    key: str,
    *,
    bucket: str = EXAMPLE_BUCKET,
    event_name: str = "ObjectCreated:Put",
    version_id: str | None = None,
    sequencer: str | None = None,
    etag: str | None = None,
    size: int | None = None,
) -> dict[str, Any]:
    """One S3 notification record, the key URL-encoded as S3 sends it."""
    obj: dict[str, Any] = {"key": quote_plus(key, safe="/")}
    for name, value in (("versionId", version_id), ("sequencer", sequencer), ("eTag", etag), ("size", size)):
        if value is not None:
            obj[name] = value
    return {
        "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
        "eventTime": "2026-11-27T10:00:00.000Z", "eventName": event_name,
        "s3": {"s3SchemaVersion": "1.0", "bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"},
               "object": obj},
    }


def sqs_message(record: dict[str, Any], *, receive_count: int = 1, message_id: str | None = None) -> dict:
    """An SQS record carrying one S3 notification, as Lambda's event source mapping delivers it."""
    return {
        "messageId": message_id or str(uuid.uuid4()),
        "receiptHandle": "handle-" + str(uuid.uuid4()),
        "body": json.dumps({"Records": [record]}),
        "attributes": {"ApproximateReceiveCount": str(receive_count), "SentTimestamp": "1764237600000"},
        "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
        "eventSourceARN": QUEUE_ARN, "awsRegion": "us-east-1",
    }


def sqs_event(*messages: dict[str, Any]) -> dict[str, Any]:
    return {"Records": list(messages)}


def upload(s3: Any, key: str, body: bytes, **extra: Any) -> dict[str, Any]:
    """Put an input object; returns the facts its notification would carry."""
    response = s3.put_object(Bucket=EXAMPLE_BUCKET, Key=key, Body=body, **extra)
    return {"version_id": response.get("VersionId"), "etag": response["ETag"].strip('"'), "size": len(body)}


def output_keys(s3: Any) -> list[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=OUTPUT_BUCKET)
    return sorted(o["Key"] for page in pages for o in page.get("Contents", []))


def output_versions(s3: Any) -> dict[str, int]:
    """How many times each output key was written (the output bucket is versioned in these tests)."""
    counts: dict[str, int] = {}
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=OUTPUT_BUCKET):
        for version in page.get("Versions", []):
            counts[version["Key"]] = counts.get(version["Key"], 0) + 1
    return counts


def version_buckets(s3: Any) -> None:
    for bucket in (EXAMPLE_BUCKET, OUTPUT_BUCKET):
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})


def read(s3: Any, key: str) -> dict[str, Any]:
    return json.loads(s3.get_object(Bucket=OUTPUT_BUCKET, Key=key)["Body"].read())
