"""Shared fixtures: fake credentials → mock_aws → clients → buckets; lambda_context; load_event."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
ARTICLES = EVENTS / "articles"
SAMPLE = ARTICLES / "000_ad279fb4c748556f.txt"
SCHEMA = ROOT / "functions" / "newsdrop" / "schema" / "article-summary-v1.json"
EXAMPLE_BUCKET = "newsdrop-input-example"  # the bucket the sample events name
OUTPUT_BUCKET = "newsdrop-output-test"


@pytest.fixture(autouse=True, scope="session")
def aws_credentials() -> Iterator[None]:
    """Fake credentials and a region for the whole run; no test may ever reach a real account."""
    with pytest.MonkeyPatch.context() as patch:
        _fake_aws_environment(patch)
        yield


def _fake_aws_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SECURITY_TOKEN": "testing",
        "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "true", "POWERTOOLS_METRICS_NAMESPACE": "NewsdropTest",
        "POWERTOOLS_SERVICE_NAME": "newsdrop",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Function settings for handler tests; the cached settings and client are reset around each test."""
    from newsdrop.settings import OUTPUT_BUCKET as OUTPUT_VAR
    from newsdrop.settings import reset_settings
    from newsdrop.storage import s3_client

    monkeypatch.setenv(OUTPUT_VAR, OUTPUT_BUCKET)
    reset_settings()
    s3_client.cache_clear()
    yield
    reset_settings()
    s3_client.cache_clear()


@pytest.fixture
def s3(settings_env: None) -> Iterator[Any]:
    """An S3 client inside mock_aws with the example input bucket and the output bucket."""
    import boto3
    from moto import mock_aws

    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=EXAMPLE_BUCKET)
        client.create_bucket(Bucket=OUTPUT_BUCKET)
        yield client


@dataclass
class LambdaContext:
    """The attributes Powertools reads from a Lambda context."""

    function_name: str = "newsdrop-test"
    memory_limit_in_mb: int = 1024
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:newsdrop-test"
    aws_request_id: str = "52fdfc07-2182-154f-163f-5f0f9a621d72"
    remaining_ms: int = 60_000

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


@pytest.fixture
def lambda_context() -> LambdaContext:
    return LambdaContext()


def load_event(name: str) -> dict[str, Any]:
    """A sample event from events/ (the files `sam local invoke -e` takes)."""
    return json.loads((EVENTS / name).read_text(encoding="utf-8"))


def read_json(client: Any, bucket: str, key: str) -> dict[str, Any]:
    return json.loads(client.get_object(Bucket=bucket, Key=key)["Body"].read())

