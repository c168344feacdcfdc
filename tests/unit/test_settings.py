"""The settings model: defaults, environment names, refusal of inconsistent values."""

from __future__ import annotations

import pytest

from newsdrop.errors import ConfigurationError
from newsdrop.settings import (
    ERROR_PREFIX,
    INPUT_PREFIX,
    MAX_OBJECT_BYTES,
    SUMMARY_PREFIX,
    get_settings,
    reset_settings,
)


@pytest.fixture(autouse=True)
def fresh_settings():
    reset_settings()
    yield
    reset_settings()


def test_defaults():
    settings = get_settings()
    assert (settings.input_prefix, settings.summary_prefix, settings.error_prefix) == (
        "incoming/", "summaries/", "errors/")
    assert settings.relative_key("incoming/a/b.txt") == "a/b.txt"
    assert settings.is_output_key("summaries/a.json") and settings.is_output_key("errors/a.json")
    assert not settings.is_output_key("incoming/a.txt")


def test_settings_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv(MAX_OBJECT_BYTES, "12345")
    assert get_settings().max_object_bytes == 12345


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        (SUMMARY_PREFIX, "incoming/out/", SUMMARY_PREFIX),
        (ERROR_PREFIX, "", ERROR_PREFIX),
        (INPUT_PREFIX, "errors/", ERROR_PREFIX),
        (MAX_OBJECT_BYTES, "-1", MAX_OBJECT_BYTES),
        (MAX_OBJECT_BYTES, "lots", MAX_OBJECT_BYTES),
    ],
)
def test_inconsistent_settings_are_refused_naming_the_variable(monkeypatch, name, value, named):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError) as caught:
        get_settings()
    assert named in str(caught.value)
    assert caught.value.code == "configuration"
