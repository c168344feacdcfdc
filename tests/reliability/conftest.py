"""Fixtures of the reliability tier: the JSON Schema validator, a warm pipeline, the Hypothesis profiles."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.conftest import SCHEMA

# `make test` keeps example counts modest; the slow tier (NEWSDROP_HYPOTHESIS=slow) tries many more.
# Registered here, applied by test_properties.py to its own tests only (no global load_profile).
settings.register_profile(
    "fast", max_examples=40, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "slow", max_examples=600, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(os.environ.get("NEWSDROP_HYPOTHESIS", "fast"))


@pytest.fixture(scope="session")
def summary_validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def warm_pipeline() -> None:
    from tests.reliability.measure import warm_up

    warm_up()
