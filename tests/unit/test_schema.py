"""The committed JSON Schemas are exactly what the models generate, and they validate real output."""

from __future__ import annotations

import json

import jsonschema

from newsdrop.contract import error_json_schema, json_schema
from tests.conftest import SAMPLE, SCHEMA


def test_committed_schema_matches_the_model():
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "run `newsdrop schema > functions/newsdrop/schema/article-summary-v1.json`"
    )


def test_committed_error_schema_matches_the_model():
    committed = json.loads((SCHEMA.parent / "error-record-v1.json").read_text(encoding="utf-8"))
    assert committed == error_json_schema()


def test_the_sample_summary_validates_against_the_committed_schema():
    from newsdrop import summarize

    summary = summarize(SAMPLE.read_bytes(), name=SAMPLE.name).model_dump(mode="json")
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(summary)


def test_schema_rejects_a_summary_missing_required_fields():
    validator = jsonschema.Draft202012Validator(json_schema())
    assert not validator.is_valid({"schema_version": "1.0", "id": "x"})
