"""The output contract as pydantic models, derived from the dataclasses in ``newsdrop.models``.

One definition, two uses: the function builds plain dataclasses (no pydantic on the Lambda path), and
this module turns each into a pydantic model with the same fields, defaults and constraints (from each
field's ``metadata``), ``extra="forbid"``. Readers validate what they load with these models, ``newsdrop
schema`` prints their JSON Schema, and the tests validate every output against that schema. ``load``
validates a stored document and returns it as the dataclass record.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from newsdrop import models

__all__ = ["ArticleSummary", "ErrorRecord", "ValidationError", "contract_model", "error_json_schema",
           "json_schema", "load"]


class ContractModel(BaseModel):
    """Base of the derived models."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


@cache
def _hints(record: type) -> dict[str, Any]:
    return typing.get_type_hints(record)


@cache
def contract_model(record: type) -> type[BaseModel]:
    """The pydantic model of dataclass ``record`` (nested dataclasses become their models too)."""
    hints = _hints(record)
    definitions: dict[str, Any] = {}
    for spec in dataclasses.fields(record):
        options = dict(spec.metadata)
        if spec.default is not dataclasses.MISSING:
            options["default"] = spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            options["default_factory"] = spec.default_factory
        definitions[spec.name] = (_contract_type(hints[spec.name]), Field(**options))
    doc = record.__doc__ or ""
    written = doc and not doc.startswith(record.__name__ + "(")  # not the signature dataclass writes
    return create_model(  # type: ignore[call-overload]
        record.__name__, __base__=ContractModel, __module__=__name__, __doc__=doc if written else None,
        **definitions,
    )


def _contract_type(hint: Any) -> Any:
    """``hint`` with every dataclass in it replaced by its contract model."""
    if dataclasses.is_dataclass(hint):
        return contract_model(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is None or origin is Literal or not args:
        return hint
    converted = tuple(_contract_type(arg) for arg in args)
    if origin in (Union, types.UnionType):
        return Union[converted]  # noqa: UP007  (a tuple of types needs the subscript form)
    return origin[converted] if len(converted) > 1 else origin[converted[0]]


ArticleSummary = contract_model(models.ArticleSummary)
ErrorRecord = contract_model(models.ErrorRecord)


def load(data: Any, record: type) -> Any:
    """A dict read back from storage → a validated instance of dataclass ``record``
    (``models.ArticleSummary`` or ``models.ErrorRecord``); raises ``ValidationError``."""
    return _build(record, contract_model(record).model_validate(data).model_dump())


def _build(hint: Any, value: Any) -> Any:
    """``value`` (validated, plain) as an instance of ``hint``, dataclasses nested inside it included."""
    if value is None:
        return None
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)  # type: ignore[arg-type]
        return hint(**{name: _build(hints[name], item) for name, item in value.items()})  # type: ignore[operator]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        return [_build(args[0], item) for item in value]
    if origin is dict:
        return {key: _build(args[1], item) for key, item in value.items()}
    if origin in (Union, types.UnionType):
        inner = [arg for arg in args if arg is not type(None)]
        return _build(inner[0], value) if len(inner) == 1 else value
    return value


def json_schema() -> dict:
    """The JSON Schema of ArticleSummary v1 (the committed file is this, dumped)."""
    schema = ArticleSummary.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://newsdrop.dev/schema/article-summary-{models.SCHEMA_VERSION}.json"
    return schema


def error_json_schema() -> dict:
    """The JSON Schema of ErrorRecord v1."""
    schema = ErrorRecord.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
