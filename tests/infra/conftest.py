"""Fixtures for the infrastructure tests: the SAM template, its CloudFormation translation, a moto deploy."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsdrop.local.cloudformation import (
    TEMPLATE_PATH,
    StackOutputs,
    deploy_stack,
    load_template,
    parameter_values,
    translate,
    with_code_location,
)


@pytest.fixture(scope="session")
def sam_template() -> dict[str, Any]:
    """infra/template.yaml as written (SAM resources, short tags as Fn:: dicts)."""
    return load_template(TEMPLATE_PATH)


@pytest.fixture(scope="session")
def cfn_template(sam_template: dict[str, Any]) -> dict[str, Any]:
    """The template after the SAM transform: what CloudFormation really creates."""
    code = with_code_location(sam_template, "code-bucket", "code.zip")
    return translate(code, parameter_values(sam_template))


@pytest.fixture(scope="module")
def deployed() -> Iterator[tuple[StackOutputs, Any]]:
    """The stack created in moto's CloudFormation (in-process), with a boto3 session on the same mock."""
    import boto3
    from moto import mock_aws

    with mock_aws():
        outputs = deploy_stack(None, stack_name="newsdrop-test")
        session = boto3.session.Session(
            region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        yield outputs, session


def resources_of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    """Logical id → resource, for every resource of ``kind``."""
    return {k: v for k, v in template["Resources"].items() if v["Type"] == kind}
