"""One settings object, read from the environment.

The variable names are constants here and nowhere else in Python; the
template (``infra/template.yaml``) sets the same names and a test checks that
the two agree. ``get_settings()`` is cached; tests call ``reset_settings()``.

``Settings.load()`` reads ``NEWSDROP_`` + field name (any case; keyword
arguments win), converts and checks every value, and raises
``ConfigurationError`` naming the variable, as a pydantic-settings model
would. It is a frozen dataclass rather than a pydantic model because the
Lambda path does not import pydantic at all: importing it and building models
cost a cold start about 80 ms (see docs/performance.md); pydantic stays the
output contract's validator (``newsdrop.contract``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from newsdrop.errors import ConfigurationError

ENV_PREFIX = "NEWSDROP_"
# The environment variable names, for infra and tests (ENV_PREFIX + field name, upper-cased).
OUTPUT_BUCKET = "NEWSDROP_OUTPUT_BUCKET"
INPUT_PREFIX = "NEWSDROP_INPUT_PREFIX"
SUMMARY_PREFIX = "NEWSDROP_SUMMARY_PREFIX"
ERROR_PREFIX = "NEWSDROP_ERROR_PREFIX"
MAX_OBJECT_BYTES = "NEWSDROP_MAX_OBJECT_BYTES"
DEADLINE_MARGIN_MS = "NEWSDROP_DEADLINE_MARGIN_MS"
MAX_RECEIVE_COUNT = "NEWSDROP_MAX_RECEIVE_COUNT"
ENV_NAMES = (
    OUTPUT_BUCKET, INPUT_PREFIX, SUMMARY_PREFIX, ERROR_PREFIX, MAX_OBJECT_BYTES, DEADLINE_MARGIN_MS,
    MAX_RECEIVE_COUNT,
)

_INVALID = "invalid configuration: "
# Inclusive bounds of the integer settings.
INTEGER_BOUNDS: dict[str, tuple[int, int | None]] = {
    "max_object_bytes": (1, 64 * 1024 * 1024),
    "deadline_margin_ms": (0, None),
    # The queue's RedrivePolicy.maxReceiveCount: on that delivery a failing record gets an error record.
    "max_receive_count": (1, 1000),
}


@dataclass(frozen=True)
class Settings:
    """Function configuration. ``output_bucket`` empty means: write next to the input."""

    output_bucket: str = ""
    input_prefix: str = "incoming/"
    summary_prefix: str = "summaries/"
    error_prefix: str = "errors/"
    max_object_bytes: int = 10 * 1024 * 1024
    deadline_margin_ms: int = 10_000
    max_receive_count: int = 5

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """The environment's values under ``overrides``, checked; ConfigurationError names the variable."""
        names = {f.name for f in fields(cls)}
        values: dict[str, Any] = {**_environment(names), **overrides}
        for name, (low, high) in INTEGER_BOUNDS.items():
            if name in values:
                values[name] = _integer(name, values[name], low, high)
        settings = cls(**values)
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse output prefixes that are empty or overlap the input prefix or each other."""
        outputs = {"summary_prefix": self.summary_prefix, "error_prefix": self.error_prefix}
        for name, prefix in outputs.items():
            if not prefix:
                raise ConfigurationError(f"{_INVALID}{ENV_PREFIX}{name.upper()} must not be empty")
            inp = self.input_prefix
            if inp.startswith(prefix) or prefix.startswith(inp):
                raise ConfigurationError(
                    f"{_INVALID}{ENV_PREFIX}{name.upper()}={prefix!r} overlaps "
                    f"{INPUT_PREFIX}={inp!r}: summaries would re-trigger the function"
                )
        if self.summary_prefix.startswith(self.error_prefix) or self.error_prefix.startswith(
            self.summary_prefix
        ):
            raise ConfigurationError(f"{_INVALID}{SUMMARY_PREFIX} and {ERROR_PREFIX} must not overlap")

    def is_output_key(self, key: str) -> bool:
        """True for keys the function itself writes (never processed again)."""
        return key.startswith(self.summary_prefix) or key.startswith(self.error_prefix)

    def relative_key(self, key: str) -> str:
        """The input key without the input prefix (the part mirrored under the output prefixes)."""
        return key[len(self.input_prefix) :] if key.startswith(self.input_prefix) else key


def _integer(name: str, value: Any, low: int, high: int | None) -> int:
    """``value`` as an int within [low, high], or ConfigurationError naming the variable."""
    variable = ENV_PREFIX + name.upper()
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ConfigurationError(f"{_INVALID}{variable}: {value!r} is not an integer") from None
    if number < low or (high is not None and number > high):
        upper = f" and at most {high}" if high is not None else ""
        raise ConfigurationError(f"{_INVALID}{variable}: must be at least {low}{upper}, not {number}")
    return number


def _environment(names: set[str]) -> dict[str, str]:
    """Field name -> value of the ``NEWSDROP_<FIELD>`` variables set (names matched in any case)."""
    found: dict[str, str] = {}
    for name, value in os.environ.items():
        upper = name.upper()
        if upper.startswith(ENV_PREFIX):
            field = upper[len(ENV_PREFIX) :].lower()
            if field in names:
                found[field] = value
    return found


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process; raises ConfigurationError naming the bad variable."""
    return Settings.load()


def reset_settings() -> None:
    """Forget the cached settings (tests change the environment)."""
    get_settings.cache_clear()
