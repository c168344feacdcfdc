"""The Glue tables read the output prefixes as JSON, in the stack's database.

Their columns are compared with the ArticleSummary/ErrorRecord models in tests/unit/test_glue_table.py."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from newsdrop.contract import ArticleSummary, ErrorRecord
from newsdrop.models import SCHEMA_VERSION
from tests.infra.conftest import resources_of_type

TABLES = [
    # logical id, model, prefix parameter, output naming the table
    ("SummariesTable", ArticleSummary, "SummaryPrefix", "SummariesTableName"),
    ("ErrorsTable", ErrorRecord, "ErrorPrefix", "ErrorsTableName"),
]


def _table(template: dict, logical_id: str) -> dict[str, Any]:
    return template["Resources"][logical_id]["Properties"]["TableInput"]


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
