"""Errors with stable, machine-readable codes.

``InputError`` subclasses are expected bad input: the object gets an error
record and the batch goes on. Anything else (``TransientError``, bugs) is
reported as a batch item failure so SQS retries it and the DLQ keeps it.
"""

from __future__ import annotations


class NewsdropError(Exception):
    """Base of every error newsdrop raises on purpose."""

    code = "internal"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class InputError(NewsdropError):
    """The object cannot become a summary; an error record is written."""

    code = "invalid_input"


class EmptyObjectError(InputError):
    code = "empty_object"


class UnsupportedFormatError(InputError):
    """Binary or otherwise unreadable formats (PDF, images, archives)."""

    code = "unsupported_format"


class TooLargeError(InputError):
    code = "too_large"


class UndecodableError(InputError):
    code = "undecodable"


class MalformedJsonError(InputError):
    code = "malformed_json"


class NoArticleTextError(InputError):
    """The input has no article body (only boilerplate, scripts, or nothing)."""

    code = "no_article_text"


class ObjectNotFoundError(InputError):
    """The object was deleted (or never existed) before it could be read."""

    code = "not_found"


class KeyRefusedError(InputError):
    """The key is outside the input prefix or inside an output prefix."""

    code = "key_refused"


class TransientError(NewsdropError):
    """A failure worth retrying (throttling, timeouts, 5xx from S3)."""

    code = "transient"


class DeadlineError(TransientError):
    """Not enough Lambda time left to process the record safely."""

    code = "deadline"


class ConfigurationError(NewsdropError):
    """Settings missing or inconsistent; the function refuses to start."""

    code = "configuration"
