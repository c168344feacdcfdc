"""Security: no article text or secrets in logs, parsers offline, refused keys, least-privilege IAM."""

from __future__ import annotations

import io
import json
import logging
import re
import socket
from typing import Any

import pytest

from tests.conftest import ARTICLES, EXAMPLE_BUCKET, OUTPUT_BUCKET
from tests.reliability.corpus import HOSTILE_KEYS, XXE_TEMPLATE, article_text
from tests.reliability.faults import CallRecorder, FaultInjector
from tests.reliability.helpers import (
    output_keys,
    read,
    s3_record,
    sqs_event,
    sqs_message,
    upload,
    version_buckets,
)

SECRET_KEY = "nD3wSr0p+Secret/AccessKey/9f8e7d6c5b4a3210ZZ"
SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLE-session-token-newsdrop-4711"
SENTENCE = re.compile(r"[^.!?\n]{25,}[.!?]")


@pytest.fixture
def captured_logs(monkeypatch) -> Any:
    """Everything the function logs, at DEBUG, through the Powertools formatter."""
    from newsdrop.observability import logger

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logger.registered_formatter)
    python_logger = logging.getLogger(logger.name)
    previous = python_logger.level
    python_logger.addHandler(handler)
    logger.setLevel("DEBUG")
    for name in ("botocore", "boto3", "urllib3"):
        logging.getLogger(name).addHandler(handler)
    yield buffer
    for name in ("botocore", "boto3", "urllib3"):
        logging.getLogger(name).removeHandler(handler)
    python_logger.removeHandler(handler)
    python_logger.setLevel(previous)


def test_logs_hold_neither_article_text_nor_secrets(s3, lambda_context, captured_logs, capfd, monkeypatch):
    from newsdrop.handler import lambda_handler
    from newsdrop.storage import s3_client

    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_SESSION_TOKEN", SESSION_TOKEN)
    s3_client.cache_clear()
    article = (ARTICLES / "000_ad279fb4c748556f.txt").read_text(encoding="utf-8")
    html = (ARTICLES / "harbour-bridge-reopens.html").read_text(encoding="utf-8")
    record = json.dumps({"title": "Vineyard frost", "maintext": article_text(1200)})
    bodies = {
        "incoming/good.txt": article.encode(),
        "incoming/page.html": html.encode(),
        "incoming/bad.json": record[:-40].encode(),  # malformed JSON → error record
        "incoming/flaky.txt": article_text(1500).encode(),  # one injected S3 failure
        "incoming/scripts.html": b"<html><script>var secretArticleWords = 'hidden';</script></html>",
    }
    messages = [sqs_message(s3_record(key, **upload(s3, key, body))) for key, body in bodies.items()]
    with FaultInjector(s3_client(), lambda name: 1 if name == "flaky.txt" else 0, operations=("GetObject",)):
        first = lambda_handler(sqs_event(*messages), lambda_context)
        retry = sqs_message(s3_record("incoming/flaky.txt"), receive_count=5)
        lambda_handler(sqs_event(retry), lambda_context)
    lambda_handler({"Records": [s3_record("elsewhere/x.txt")]}, lambda_context)

    logs = captured_logs.getvalue() + "".join(capfd.readouterr())
    assert len(first["batchItemFailures"]) == 1
    assert '"level":"DEBUG"' in logs or '"level":"INFO"' in logs  # the capture works
    texts = [article, html, article_text(1500), record, "secretArticleWords"]
    sentences = {s.strip() for text in texts for s in SENTENCE.findall(text)}
    sentences |= {"secretArticleWords"}
    assert len(sentences) > 20
    leaked = sorted(s for s in sentences if s in logs)
    assert leaked == []
    for secret in (SECRET_KEY, SESSION_TOKEN, SECRET_KEY.split("/")[-1]):
        assert secret not in logs


def _offline_document(port: int) -> bytes:
    remote = f"http://127.0.0.1:{port}"
    document = XXE_TEMPLATE.format(url=f"{remote}/entity").replace("http://127.0.0.1:9", remote)
    return document.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet href="{remote}/style.xsl"?>',
    ).replace("<!DOCTYPE article [", f'<!DOCTYPE article SYSTEM "{remote}/dtd" [').encode()


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("x.html", "text/html"), ("x.xml", None), ("x.txt", "text/plain"), ("x.html", "application/xhtml+xml")],
)
def test_parsers_never_touch_the_network_nor_expand_entities(name, content_type):
    """A listening socket on 127.0.0.1 that every external reference points at receives no connection."""
    from newsdrop.errors import InputError
    from newsdrop.pipeline import summarize_all

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    try:
        port = server.getsockname()[1]
        try:
            summaries = summarize_all(_offline_document(port), name=name, content_type=content_type)
        except InputError:
            summaries = []
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected
    finally:
        server.close()
    dumped = "".join(s.model_dump_json() for s in summaries)
    assert "root:x:0:0" not in dumped


def test_keys_outside_the_input_prefix_are_refused_without_reading(s3, lambda_context):
    from newsdrop.handler import lambda_handler
    from newsdrop.storage import s3_client

    s3.put_object(Bucket=EXAMPLE_BUCKET, Key="private/payroll.txt", Body=b"Secret salaries of everyone.")
    with CallRecorder(s3_client()) as recorder:
        lambda_handler({"Records": [s3_record("private/payroll.txt")]}, lambda_context)

    assert read(s3, "errors/private/payroll.txt.json")["error"]["code"] == "key_refused"
    assert not [c for c in recorder.calls if c[0] == "GetObject"]


@pytest.mark.parametrize("key", ["summaries/a.txt.json", "errors/a.txt.json", "summaries/x/00000.json"])
def test_keys_inside_the_output_prefixes_are_skipped_without_any_call(s3, lambda_context, key):
    from newsdrop.handler import lambda_handler
    from newsdrop.storage import s3_client

    with CallRecorder(s3_client()) as recorder:
        result = lambda_handler({"Records": [s3_record(key, bucket=OUTPUT_BUCKET)]}, lambda_context)

    assert result["statuses"] == ["skipped"]
    assert recorder.calls == []
    assert output_keys(s3) == []


@pytest.mark.parametrize("key", HOSTILE_KEYS, ids=lambda k: k[:40])
def test_hostile_keys_round_trip(s3, lambda_context, key):
    from newsdrop.handler import lambda_handler

    facts = upload(s3, key, article_text(900).encode())
    result = lambda_handler({"Records": [s3_record(key, **facts)]}, lambda_context)

    assert result["statuses"] == ["summary"]
    (out,) = output_keys(s3)
    assert out.startswith("summaries/") and len(out.encode()) <= 1024
    assert read(s3, out)["source"]["key"] == key


# ---------------------------------------------------------------- IAM

# What the Lambda service itself does with the role (not the function's code).
RUNTIME_ACTIONS = {
    "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",  # the SQS event source mapping
    "logs:CreateLogStream", "logs:PutLogEvents",  # the runtime's log delivery
    "xray:PutTraceSegments", "xray:PutTelemetryRecords",  # Tracing: Active
}
# S3 operation → IAM action (HeadObject is authorized by s3:GetObject; a versioned read by GetObjectVersion).
def _action(operation: str, versioned: bool) -> str:
    if operation == "GetObject" and versioned:
        return "s3:GetObjectVersion"
    return {"HeadObject": "s3:GetObject"}.get(operation, f"s3:{operation}")


def _where(bucket: str, key: str) -> str:
    if bucket == EXAMPLE_BUCKET and key.startswith("incoming/"):
        return "input"
    if bucket == OUTPUT_BUCKET and key.startswith("summaries/"):
        return "summaries"
    if bucket == OUTPUT_BUCKET and key.startswith("errors/"):
        return "errors"
    return f"elsewhere:{bucket}/{key}"


RESOURCE_CLASSES = {
    "${InputBucket}/${InputPrefix}*": "input",
    "${OutputBucket}/${SummaryPrefix}*": "summaries",
    "${OutputBucket}/${ErrorPrefix}*": "errors",
}


def _granted() -> tuple[set[tuple[str, str]], set[str]]:
    """(S3 action, resource class) pairs and the other actions of the function's role."""
    from newsdrop.local.cloudformation import load_template

    role = load_template()["Resources"]["IngestFunctionRole"]["Properties"]
    s3_pairs: set[tuple[str, str]] = set()
    other: set[str] = set()
    for policy in role["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            if statement.get("Effect") != "Allow":
                continue
            for action in _list(statement["Action"]):
                if not action.startswith("s3:"):
                    other.add(action)
                    continue
                for resource in _list(statement["Resource"]):
                    text = resource["Fn::Sub"] if isinstance(resource, dict) else str(resource)
                    text = text if isinstance(text, str) else text[0]
                    classes = [c for suffix, c in RESOURCE_CLASSES.items() if text.endswith(suffix)]
                    s3_pairs.add((action, classes[0] if classes else f"unknown:{text}"))
    return s3_pairs, other


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _exercise_every_path(s3: Any, lambda_context: Any) -> None:
    """Summary (versioned and not), error record, duplicate, transient failure, exhausted retries."""
    from newsdrop.handler import lambda_handler
    from newsdrop.storage import s3_client

    version_buckets(s3)
    good = upload(s3, "incoming/good.txt", (ARTICLES / "000_ad279fb4c748556f.txt").read_bytes())
    bad = upload(s3, "incoming/bad.json", b'{"title": ')
    line = b'{"title": "A", "maintext": "The council met on Tuesday."}\n'
    many = upload(s3, "incoming/feed.jsonl", line * 2)
    event = sqs_event(
        sqs_message(s3_record("incoming/good.txt", sequencer="0A", **good)),
        sqs_message(s3_record("incoming/bad.json", **bad)),
        sqs_message(s3_record("incoming/feed.jsonl", **{**many, "version_id": None})),
    )
    lambda_handler(event, lambda_context)
    lambda_handler(event, lambda_context)  # duplicates
    with FaultInjector(s3_client(), lambda name: 10, operations=("GetObject",)):
        lambda_handler(sqs_event(sqs_message(s3_record("incoming/good.txt", sequencer="0B", **good),
                                             receive_count=5)), lambda_context)
    lambda_handler({"Records": [s3_record("incoming/gone.txt")]}, lambda_context)  # deleted before read


def test_the_role_grants_exactly_the_s3_actions_the_code_calls(s3, lambda_context):
    from newsdrop.storage import s3_client

    with CallRecorder(s3_client()) as recorder:
        _exercise_every_path(s3, lambda_context)

    used = {(_action(op, versioned), _where(bucket, key)) for op, bucket, key, versioned in recorder.calls}
    granted, _ = _granted()
    assert {op for op, *_ in recorder.calls} == {"HeadObject", "GetObject", "PutObject"}
    assert used - granted == set(), f"missing from infra/template.yaml: {sorted(used - granted)}"
    assert granted - used == set(), f"granted but never called: {sorted(granted - used)}"


def test_the_function_code_calls_no_other_aws_service(s3, lambda_context):
    """Only the S3 client exists in the function's code; SQS, logs and X-Ray are the runtime's."""
    import newsdrop

    source = "\n".join(p.read_text(encoding="utf-8") for p in _function_sources(newsdrop.__path__[0]))
    clients = set(re.findall(r"boto3\.(?:client|resource)\(\s*[\"'](\w+)[\"']", source))
    assert clients == {"s3"}


def _function_sources(root: str) -> list:
    from pathlib import Path

    paths = Path(root).rglob("*.py")
    return [p for p in paths if "local" not in p.relative_to(root).parts and not p.name.startswith("cli")]


def test_the_role_grants_no_other_actions_than_the_runtime_needs():
    _, other = _granted()
    assert other - RUNTIME_ACTIONS == set(), f"extra: {sorted(other - RUNTIME_ACTIONS)}"
    assert RUNTIME_ACTIONS - other == set(), f"missing: {sorted(RUNTIME_ACTIONS - other)}"
