"""The embedded stack: moto's server on 127.0.0.1, the resources of infra/template.yaml, the real handler.

``embedded_stack()`` starts the server, deploys the template into it (through
``local.cloudformation.deploy_stack``, so names come from the stack's Outputs,
never from a second copy), points this process's boto3 at it and gives the
handler the function's environment from the template. Nothing here is used
by the Lambda function itself.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdrop.local.runner import BatchResult, LocalContext, drain, poll_once

LOCAL_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "newsdrop-local", "AWS_SECRET_ACCESS_KEY": "newsdrop-local"}
# Local runs: no X-Ray daemon, metrics printed only when asked for, logs quiet unless --verbose.
LOCAL_POWERTOOLS = {"POWERTOOLS_TRACE_DISABLED": "true", "POWERTOOLS_METRICS_DISABLED": "true"}
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".json": "application/json",
    ".jsonl": "application/x-ndjson",
    ".md": "text/markdown",
    ".txt": "text/plain",
}


@dataclass
class LocalStack:
    """A running embedded stack and the clients that talk to it."""

    endpoint_url: str
    region: str
    outputs: Any  # local.cloudformation.StackOutputs
    s3: Any
    sqs: Any
    timeout_seconds: float

    @property
    def input_bucket(self) -> str:
        return self.outputs.input_bucket

    @property
    def output_bucket(self) -> str:
        return self.outputs.output_bucket

    @property
    def input_prefix(self) -> str:
        return self.outputs.input_prefix

    def upload(self, path: Path, key: str | None = None) -> str:
        """Put a local file under the input prefix (this is what triggers the function)."""
        key = key or f"{self.input_prefix}{path.name}"
        self.s3.put_object(
            Bucket=self.input_bucket, Key=key, Body=path.read_bytes(), ContentType=_content_type(path)
        )
        return key

    def drain(self, expected: int | None = None) -> list[BatchResult]:
        """Run the handler on queued notifications until ``expected`` were handled or the queue is idle."""
        return drain(
            self.sqs,
            self.outputs.queue_url,
            self.outputs.queue_arn,
            _handler(),
            region=self.region,
            timeout_seconds=self.timeout_seconds,
            expected=expected,
        )

    def serve(self, on_batch: Callable[[BatchResult], None] | None = None) -> None:
        """Poll the queue forever, like the event source mapping (Ctrl-C stops)."""
        handler = _handler()
        while True:
            result = poll_once(
                self.sqs,
                self.outputs.queue_url,
                self.outputs.queue_arn,
                handler,
                region=self.region,
                timeout_seconds=self.timeout_seconds,
                wait_seconds=1,
            )
            if result.received and on_batch:
                on_batch(result)

    def invoke(self, event: Mapping[str, Any]) -> Any:
        """Call the real handler once with ``event``."""
        return _handler()(dict(event), LocalContext(timeout_seconds=self.timeout_seconds))

    def seed_from_event(self, event: Mapping[str, Any], articles: Path) -> list[str]:
        """Create the buckets an event names and upload the articles its keys name (by file name)."""
        seeded = []
        for bucket, key in _objects_named(event):
            if not _bucket_exists(self.s3, bucket):
                self.s3.create_bucket(Bucket=bucket)
            path = articles / key.rsplit("/", 1)[-1]
            if path.is_file():
                self.s3.put_object(
                    Bucket=bucket, Key=key, Body=path.read_bytes(), ContentType=_content_type(path)
                )
                seeded.append(key)
        return seeded

    def read_outputs(self) -> dict[str, Any]:
        """Every summary and error record in the output bucket, by key."""
        result = {}
        for key in self._output_keys():
            result[key] = json.loads(self.s3.get_object(Bucket=self.output_bucket, Key=key)["Body"].read())
        return result

    def collect(self, out: Path) -> list[dict[str, Any]]:
        """Copy the outputs to ``out`` and return one display row per output."""
        rows = []
        for key, record in self.read_outputs().items():
            target = out / self.output_bucket / key
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            rows.append(_row(key, record))
        return rows

    def _output_keys(self) -> list[str]:
        keys = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.output_bucket):
            keys.extend(o["Key"] for o in page.get("Contents", []))
        return sorted(keys)


def _content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def _row(key: str, record: Mapping[str, Any]) -> dict[str, Any]:
    if "error" in record:
        return {
            "key": key,
            "title": f"error: {record['error']['code']}",
            "language": "",
            "people": "",
            "quotes": "",
            "ms": f"{record['processor']['duration_ms']:.1f}",
            "status": "error",
        }
    people = [e["name"] for e in record.get("entities", []) if e.get("type") == "PERSON"]
    return {
        "key": key,
        "title": record.get("title") or "(no headline)",
        "language": record.get("language") or "?",
        "people": ", ".join(people[:4]) + (" …" if len(people) > 4 else ""),
        "quotes": len(record.get("quotes", [])),
        "ms": f"{record['processor']['duration_ms']:.1f}",
        "status": "summary",
    }


def _objects_named(event: Mapping[str, Any]) -> list[tuple[str, str]]:
    from newsdrop.events import event_kind, refs_from_batch_job, refs_from_body, refs_from_event

    kind = event_kind(event)
    if kind == "sqs":
        refs = [ref for record in event["Records"] for ref in refs_from_body(record["body"])]
    elif kind in ("s3", "eventbridge"):
        refs = refs_from_event(event)
    elif kind == "s3batch":
        refs = [ref for _, ref in refs_from_batch_job(event)]
    else:
        refs = []
    return [(ref.bucket, ref.key) for ref in refs]


def _bucket_exists(s3: Any, bucket: str) -> bool:
    from botocore.exceptions import ClientError

    try:
        s3.head_bucket(Bucket=bucket)
    except ClientError:
        return False
    return True


def _handler() -> Callable[[dict[str, Any], Any], Any]:
    from newsdrop.handler import lambda_handler

    return lambda_handler


@contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for the block, restoring the previous values after."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _quiet() -> Iterator[None]:
    """Hide moto's notes on resource types it does not emulate (the template asserts those itself)."""
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


def _reset_caches() -> None:
    from newsdrop.settings import reset_settings
    from newsdrop.storage import s3_client

    reset_settings()
    s3_client.cache_clear()


@contextmanager
def embedded_stack(port: int = 0, region: str = "us-east-1", verbose: bool = False) -> Iterator[LocalStack]:
    """Start moto on 127.0.0.1, deploy infra/template.yaml into it, and yield the running stack."""
    import boto3
    from moto.server import ThreadedMotoServer

    from newsdrop.local.cloudformation import deploy_stack

    for noisy in ("werkzeug", "moto"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    host, bound = server.get_host_and_port()
    endpoint = f"http://{host}:{bound}"
    base = {
        **LOCAL_CREDENTIALS,
        **LOCAL_POWERTOOLS,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
        "POWERTOOLS_LOG_LEVEL": "INFO" if verbose else "ERROR",
    }
    try:
        with _environment(base):
            started = time.perf_counter()
            with contextlib.nullcontext() if verbose else _quiet():
                outputs = deploy_stack(endpoint, region=region)
            session = boto3.session.Session(region_name=region)
            lambda_client = session.client("lambda", endpoint_url=endpoint)
            timeout = float(
                lambda_client.get_function_configuration(FunctionName=outputs.function_name)["Timeout"]
            )
            with _environment(outputs.settings_environment()):
                _reset_caches()
                if verbose:
                    print(f"stack deployed in {time.perf_counter() - started:.1f}s", flush=True)
                yield LocalStack(
                    endpoint,
                    region,
                    outputs,
                    session.client("s3", endpoint_url=endpoint),
                    session.client("sqs", endpoint_url=endpoint),
                    timeout,
                )
    finally:
        _reset_caches()
        server.stop()


def invoke_remote(
    event: Mapping[str, Any], *, endpoint_url: str | None, profile: str | None, region: str | None
) -> Any:
    """Run the real handler in-process against another endpoint or a real account.

    The function's settings come from this process's environment (NEWSDROP_*), as in Lambda.
    """
    values = {}
    if endpoint_url:
        values["AWS_ENDPOINT_URL"] = endpoint_url
    if profile:
        values["AWS_PROFILE"] = profile
    if region:
        values["AWS_DEFAULT_REGION"] = values["AWS_REGION"] = region
    with _environment({**values, "POWERTOOLS_TRACE_DISABLED": "true"}):
        _reset_caches()
        try:
            return _handler()(dict(event), LocalContext())
        finally:
            _reset_caches()
