"""The Glue table over the summaries follows the ArticleSummary v1 contract, at every nesting level."""

from __future__ import annotations

import types
import typing
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from newsdrop.models import SCHEMA_VERSION, ArticleSummary, ErrorRecord
from tests.infra.conftest import resources_of_type

SCALARS = {str: "string", int: "bigint", float: "double", bool: "boolean"}


def hive_type(annotation: Any) -> str:
    """The Hive/Athena type of a pydantic field annotation (optional → the inner type)."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        (inner,) = args
        return hive_type(inner)
    if origin is Literal:
        return "string"
    if origin is list:
        return f"array<{hive_type(args[0])}>"
    if origin is dict:
        return f"map<{hive_type(args[0])},{hive_type(args[1])}>"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = ",".join(f"{name}:{hive_type(f.annotation)}" for name, f in annotation.model_fields.items())
        return f"struct<{fields}>"
    return SCALARS[annotation]


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (str | None, "string"),
        (list[str], "array<string>"),
        (dict[str, int], "map<string,bigint>"),
        (Literal["a", "b"], "string"),
        (float, "double"),
    ],
)
def test_hive_type_of_annotations(annotation: Any, expected: str) -> None:
    assert hive_type(annotation) == expected


TABLES = [
    # logical id, model, prefix parameter, output naming the table
    ("SummariesTable", ArticleSummary, "SummaryPrefix", "SummariesTableName"),
    ("ErrorsTable", ErrorRecord, "ErrorPrefix", "ErrorsTableName"),
]


def _table(template: dict, logical_id: str) -> dict[str, Any]:
    return template["Resources"][logical_id]["Properties"]["TableInput"]


@pytest.mark.parametrize(("logical_id", "model", "prefix", "output"), TABLES)
def test_columns_follow_the_v1_contract_in_order(
    sam_template: dict, logical_id: str, model: type[BaseModel], prefix: str, output: str
) -> None:
    columns = [
        (c["Name"], c["Type"]) for c in _table(sam_template, logical_id)["StorageDescriptor"]["Columns"]
    ]
    expected = [(name, hive_type(field.annotation)) for name, field in model.model_fields.items()]
    assert columns == expected


@pytest.mark.parametrize(("logical_id", "model", "prefix", "output"), TABLES)
def test_table_reads_its_prefix_of_the_output_bucket_as_json(
    sam_template: dict, logical_id: str, model: type[BaseModel], prefix: str, output: str
) -> None:
    table = _table(sam_template, logical_id)
    descriptor = table["StorageDescriptor"]
    assert descriptor["Location"] == {"Fn::Sub": f"s3://${{OutputBucket}}/${{{prefix}}}"}
    assert descriptor["SerdeInfo"]["SerializationLibrary"] == "org.openx.data.jsonserde.JsonSerDe"
    assert descriptor["InputFormat"] == "org.apache.hadoop.mapred.TextInputFormat"
    assert table["TableType"] == "EXTERNAL_TABLE"
    assert table["Parameters"]["schema_version"] == SCHEMA_VERSION
    assert sam_template["Outputs"][output]["Value"] == table["Name"]
    resource = sam_template["Resources"][logical_id]["Properties"]
    assert resource["DatabaseName"] == {"Ref": "GlueDatabase"}


def test_tables_live_in_the_stack_database(sam_template: dict) -> None:
    (database,) = resources_of_type(sam_template, "AWS::Glue::Database").values()
    assert database["Properties"]["DatabaseInput"]["Name"] == {"Ref": "GlueDatabaseName"}
    assert set(resources_of_type(sam_template, "AWS::Glue::Table")) == {t[0] for t in TABLES}
