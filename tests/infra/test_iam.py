"""Least privilege: every policy statement of the translated template, read one by one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.infra.conftest import resources_of_type

# X-Ray has no resource-level permissions: "*" is the only valid resource for these two.
STAR_RESOURCE_ALLOWED = {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}
INPUT_OBJECTS = "arn:${AWS::Partition}:s3:::${InputBucket}/${InputPrefix}*"
OUTPUT_OBJECTS = {
    "arn:${AWS::Partition}:s3:::${OutputBucket}/${SummaryPrefix}*",
    "arn:${AWS::Partition}:s3:::${OutputBucket}/${ErrorPrefix}*",
}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _resource_text(resource: Any) -> str:
    if isinstance(resource, dict) and "Fn::Sub" in resource:
        sub = resource["Fn::Sub"]
        return sub if isinstance(sub, str) else sub[0]
    return resource if isinstance(resource, str) else repr(resource)


def wildcard_problems(statement: dict[str, Any]) -> list[str]:
    """Why an identity-policy statement is too broad (empty when it is fine)."""
    if statement.get("Effect") != "Allow":
        return []
    problems = []
    if "NotAction" in statement or "NotResource" in statement:
        problems.append("NotAction/NotResource in an Allow statement")
    actions = [str(a) for a in _list(statement.get("Action", []))]
    problems += [f"wildcard action {a}" for a in actions if "*" in a]
    resources = [_resource_text(r) for r in _list(statement.get("Resource", []))]
    if "*" in resources and not set(actions) <= STAR_RESOURCE_ALLOWED:
        problems.append(f'Resource "*" for {sorted(set(actions) - STAR_RESOURCE_ALLOWED)}')
    for action in actions:
        if action == "s3:ListBucket":  # a bucket-level action: must name buckets, never keys or "*"
            problems += [f"{action} on objects: {r}" for r in resources if r.endswith("*")]
        elif action.startswith("s3:"):
            problems += [f"{action} on a whole bucket: {r}" for r in resources if not r.endswith("*")]
            problems += [f"{action} on every key: {r}" for r in resources if r.endswith("}/*")]
    return problems


FUNCTION_ROLE = "IngestFunctionRole"
BACKFILL_ROLES = {"BackfillStateMachineRole", "BatchOperationsRole"}


def _role_statements(cfn_template: dict, only: str | None = None) -> list[dict[str, Any]]:
    statements = []
    for name, role in resources_of_type(cfn_template, "AWS::IAM::Role").items():
        if only is not None and name != only:
            continue
        for policy in role["Properties"].get("Policies", []):
            statements += _list(policy["PolicyDocument"]["Statement"])
    if only is None:
        for policy in resources_of_type(cfn_template, "AWS::IAM::Policy").values():
            statements += _list(policy["Properties"]["PolicyDocument"]["Statement"])
    return statements


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/incoming/*"}, "wildcard action"),
        ({"Effect": "Allow", "Action": "*", "Resource": "*"}, "wildcard action"),
        ({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, 'Resource "*"'),
        ({"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/x/*"}, "wildcard action"),
        (
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Fn::Sub": "arn:aws:s3:::${B}/*"}},
            "every key",
        ),
        ({"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b"}, "whole bucket"),
        ({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}, "NotAction"),
        ({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}, 'Resource "*"'),
    ],
)
def test_the_checker_catches_broad_statements(statement: dict, expected: str) -> None:
    assert any(expected in p for p in wildcard_problems(statement)), wildcard_problems(statement)


@pytest.mark.parametrize(
    "statement",
    [
        {"Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*"},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Fn::Sub": INPUT_OBJECTS}},
    ],
)
def test_the_checker_accepts_narrow_statements(statement: dict) -> None:
    assert wildcard_problems(statement) == []


def test_no_identity_statement_uses_wildcards_for_data_access(cfn_template: dict) -> None:
    statements = _role_statements(cfn_template)
    assert len(statements) >= 5
    problems = {s.get("Sid", str(s)): wildcard_problems(s) for s in statements}
    assert {sid: p for sid, p in problems.items() if p} == {}


def test_the_function_has_one_role_with_no_managed_policies(cfn_template: dict) -> None:
    roles = resources_of_type(cfn_template, "AWS::IAM::Role")
    assert set(roles) == {FUNCTION_ROLE} | BACKFILL_ROLES, "SAM generated no extra role"
    for name in roles:
        assert roles[name]["Properties"].get("ManagedPolicyArns", []) == [], name
    role = roles[FUNCTION_ROLE]["Properties"]
    assert role.get("ManagedPolicyArns", []) == [], (
        "managed policies (e.g. AWSLambdaSQSQueueExecutionRole) use *"
    )
    (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "lambda.amazonaws.com"}
    function = cfn_template["Resources"]["IngestFunction"]["Properties"]
    assert function["Role"] == {"Fn::GetAtt": ["IngestFunctionRole", "Arn"]}


def test_s3_access_is_read_input_prefix_and_write_output_prefixes(cfn_template: dict) -> None:
    grants: dict[str, set[str]] = {}
    for statement in _role_statements(cfn_template, only=FUNCTION_ROLE):
        for action in _list(statement["Action"]):
            if action.startswith("s3:"):
                resources = {_resource_text(r) for r in _list(statement["Resource"])}
                grants.setdefault(action, set()).update(resources)
    assert grants == {
        "s3:GetObject": {INPUT_OBJECTS} | OUTPUT_OBJECTS,  # outputs: idempotency checks (HeadObject)
        "s3:GetObjectVersion": {INPUT_OBJECTS},
        "s3:PutObject": OUTPUT_OBJECTS,
    }


def test_queue_access_names_the_ingest_queue_only(cfn_template: dict) -> None:
    sqs = [
        s
        for s in _role_statements(cfn_template, only=FUNCTION_ROLE)
        if any(a.startswith("sqs:") for a in _list(s["Action"]))
    ]
    assert len(sqs) == 1
    assert sqs[0]["Resource"] == {"Fn::GetAtt": ["IngestQueue", "Arn"]}
    assert set(sqs[0]["Action"]) == {
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
    }


def test_logs_go_to_the_stack_log_group_only(cfn_template: dict) -> None:
    logs = [
        s
        for s in _role_statements(cfn_template, only=FUNCTION_ROLE)
        if any(a.startswith("logs:") for a in _list(s["Action"]))
    ]
    assert [s["Resource"] for s in logs] == [{"Fn::GetAtt": ["IngestFunctionLogGroup", "Arn"]}]
    function = cfn_template["Resources"]["IngestFunction"]["Properties"]
    assert function["LoggingConfig"]["LogGroup"] == {"Ref": "IngestFunctionLogGroup"}


def _actions(statements: list[dict[str, Any]]) -> set[str]:
    return {action for statement in statements for action in _list(statement["Action"])}


def test_backfill_roles_only_list_inputs_send_or_invoke_and_write_reports(cfn_template: dict) -> None:
    machine = _role_statements(cfn_template, only="BackfillStateMachineRole")
    batch = _role_statements(cfn_template, only="BatchOperationsRole")
    assert "sqs:SendMessage" in _actions(machine) and "lambda:InvokeFunction" in _actions(batch)
    for statements in (machine, batch):
        for statement in statements:
            for action in _list(statement["Action"]):
                resources = {_resource_text(r) for r in _list(statement["Resource"])}
                if action == "s3:ListBucket":
                    assert all("InputBucket" in r for r in resources), resources
                elif action == "s3:PutObject":
                    assert all(r.endswith("/backfill-runs/*") for r in resources), resources
                elif action.startswith("s3:Get"):
                    assert all("/backfill-" in r for r in resources), resources
    assert "s3:DeleteObject" not in _actions(machine) | _actions(batch)


def test_resource_policies_allow_no_anonymous_principal(cfn_template: dict) -> None:
    documents = [
        r["Properties"]["PolicyDocument"]
        for kind in ("AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy")
        for r in resources_of_type(cfn_template, kind).values()
    ]
    assert len(documents) == 3
    for document in documents:
        for statement in _list(document["Statement"]):
            if statement["Effect"] == "Allow":
                assert statement["Principal"] != "*"
                assert "Condition" in statement
