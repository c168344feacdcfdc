"""End to end through moto's server on 127.0.0.1: upload → S3 notification → SQS → handler → S3.

The stack comes from infra/template.yaml (deployed into moto's CloudFormation), names from its Outputs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import jsonschema
import pytest

from tests.conftest import ARTICLES, SAMPLE, SCHEMA

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack() -> Iterator[object]:
    from newsdrop.local.stack import embedded_stack

    with embedded_stack() as running:
        yield running


def test_upload_becomes_a_valid_summary(stack):
    key = stack.upload(SAMPLE)
    assert key.startswith(stack.input_prefix)

    results = stack.drain()

    assert results and not any(r.failed for r in results)
    outputs = stack.read_outputs()
    summary = outputs[f"summaries/{SAMPLE.name}.json"]
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(summary)
    assert summary["source"]["bucket"] == stack.input_bucket
    assert summary["source"]["key"] == key
    assert "Source link" not in summary["text"]


def test_every_sample_article_ends_as_a_summary_and_bad_input_as_an_error(stack, tmp_path):
    for path in sorted(ARTICLES.iterdir()):
        stack.upload(path)
    broken = tmp_path / "scan.pdf.txt"
    broken.write_bytes(b"%PDF-1.7\n%binary")
    stack.upload(broken)

    stack.drain(expected=len(list(ARTICLES.iterdir())) + 1)

    outputs = stack.read_outputs()
    for path in ARTICLES.iterdir():
        assert f"summaries/{path.name}.json" in outputs, path.name
    assert outputs["errors/scan.pdf.txt.json"]["error"]["code"] == "unsupported_format"


def test_objects_outside_the_input_prefix_do_not_trigger(stack):
    before = set(stack.read_outputs())
    stack.s3.put_object(Bucket=stack.input_bucket, Key="elsewhere/x.txt", Body=b"Some text here.")

    results = stack.drain(expected=None)

    assert not any(r.failed for r in results)
    assert set(stack.read_outputs()) == before
