"""One settings model, read from the environment.

The variable names are constants here and nowhere else in Python; the
template (``infra/template.yaml``) sets the same names and a test checks that
the two agree. ``get_settings()`` is cached; tests call ``reset_settings()``.

A plain pydantic model reads the environment itself (``NEWSDROP_`` + field
name, any case; keyword arguments win), as pydantic-settings would: importing
pydantic-settings costs a cold start about 20 ms more than the few lines below.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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


class Settings(BaseModel):
    """Function configuration. ``output_bucket`` empty means: write next to the input."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    output_bucket: str = ""
    input_prefix: str = "incoming/"
    summary_prefix: str = "summaries/"
    error_prefix: str = "errors/"
    max_object_bytes: int = Field(default=10 * 1024 * 1024, gt=0, le=64 * 1024 * 1024)
    deadline_margin_ms: int = Field(default=10_000, ge=0)
    # The queue's RedrivePolicy.maxReceiveCount: on that delivery a failing record gets an error record.
    max_receive_count: int = Field(default=5, ge=1, le=1000)

    @model_validator(mode="before")
    @classmethod
    def _from_environment(cls, data: Any) -> Any:
        """The environment's values, under the keyword arguments given."""
        if not isinstance(data, dict):
            return data
        return {**_environment(cls.model_fields), **data}

    @model_validator(mode="after")
    def _prefixes_do_not_overlap(self) -> Settings:
        outputs = {"summary_prefix": self.summary_prefix, "error_prefix": self.error_prefix}
        for name, prefix in outputs.items():
            if not prefix:
                raise ValueError(f"{ENV_PREFIX}{name.upper()} must not be empty")
            inp = self.input_prefix
            if inp.startswith(prefix) or prefix.startswith(inp):
                raise ValueError(
                    f"{ENV_PREFIX}{name.upper()}={prefix!r} overlaps {INPUT_PREFIX}={inp!r}: "
                    "summaries would re-trigger the function"
                )
        if self.summary_prefix.startswith(self.error_prefix) or self.error_prefix.startswith(
            self.summary_prefix
        ):
            raise ValueError(f"{SUMMARY_PREFIX} and {ERROR_PREFIX} must not overlap")
        return self

    def is_output_key(self, key: str) -> bool:
        """True for keys the function itself writes (never processed again)."""
        return key.startswith(self.summary_prefix) or key.startswith(self.error_prefix)

    def relative_key(self, key: str) -> str:
        """The input key without the input prefix (the part mirrored under the output prefixes)."""
        return key[len(self.input_prefix) :] if key.startswith(self.input_prefix) else key


def _environment(fields: Any) -> dict[str, str]:
    """Field name -> value of the ``NEWSDROP_<FIELD>`` variables set (names matched in any case)."""
    found: dict[str, str] = {}
    for name, value in os.environ.items():
        upper = name.upper()
        if upper.startswith(ENV_PREFIX):
            field = upper[len(ENV_PREFIX) :].lower()
            if field in fields:
                found[field] = value
    return found


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process; raises ConfigurationError naming the bad variable."""
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{ENV_PREFIX}{'.'.join(str(p) for p in e['loc']).upper() or 'SETTINGS'}: {e['msg']}"
            for e in error.errors()
        )
        raise ConfigurationError(f"invalid configuration: {problems}") from error


def reset_settings() -> None:
    """Forget the cached settings (tests change the environment)."""
    get_settings.cache_clear()
