"""The template deployed into moto: what moto creates, plus the local-only settings deploy_stack adds."""

from __future__ import annotations

import ast
import json
from typing import Any

import pytest

from newsdrop.local.cloudformation import StackOutputs, deploy_stack, load_template, parameter_values
from newsdrop.settings import ENV_NAMES

Deployed = tuple[StackOutputs, Any]


def test_outputs_name_the_created_resources(deployed: Deployed) -> None:
    outputs, session = deployed
    s3 = session.client("s3")
    buckets = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    assert {outputs.input_bucket, outputs.output_bucket} <= buckets
    assert outputs.input_bucket == "newsdrop-input-123456789012-us-east-1"
    assert outputs.input_bucket != outputs.output_bucket
    assert (outputs.input_prefix, outputs.summary_prefix, outputs.error_prefix) == (
        "incoming/",
        "summaries/",
        "errors/",
    )
    assert outputs["IngestQueueArn"].endswith(outputs.queue_url.rsplit("/", 1)[1])


@pytest.mark.parametrize("which", ["input_bucket", "output_bucket"])
def test_buckets_are_encrypted_and_versioned(deployed: Deployed, which: str) -> None:
    outputs, session = deployed
    s3 = session.client("s3")
    bucket = getattr(outputs, which)
    (rule,) = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"  # applied by deploy_stack


def test_queue_redrives_to_the_dlq_after_five_receives(deployed: Deployed) -> None:
    outputs, session = deployed
    sqs = session.client("sqs")
    attributes = sqs.get_queue_attributes(QueueUrl=outputs.queue_url, AttributeNames=["All"])["Attributes"]
    redrive = json.loads(attributes["RedrivePolicy"])
    dlq = sqs.get_queue_attributes(QueueUrl=outputs.dead_letter_queue_url, AttributeNames=["All"])[
        "Attributes"
    ]
    assert redrive["deadLetterTargetArn"] == dlq["QueueArn"]
    assert int(redrive["maxReceiveCount"]) == 5
    assert int(attributes["VisibilityTimeout"]) == 750  # 6 x 120 s + 30 s
    assert int(dlq["MessageRetentionPeriod"]) == 1209600
    assert attributes.get("SqsManagedSseEnabled") == "true"


def test_function_configuration(deployed: Deployed) -> None:
    outputs, session = deployed
    config = session.client("lambda").get_function_configuration(FunctionName=outputs.function_name)
    assert config["Runtime"] == "python3.12"
    # moto's CloudFormation drops Architectures (it reports x86_64); test_template checks arm64
    assert config["Handler"] == "newsdrop.handler.lambda_handler"
    assert (config["MemorySize"], config["Timeout"]) == (1024, 120)
    # moto also drops TracingConfig and LoggingConfig; test_template checks Tracing: Active
    assert config["Role"].endswith(":role/" + config["Role"].rsplit("/", 1)[1])


def test_function_environment_is_resolved_from_the_stack(deployed: Deployed) -> None:
    outputs, _ = deployed
    env = outputs.settings_environment()
    assert set(env) == set(ENV_NAMES)
    assert env["NEWSDROP_OUTPUT_BUCKET"] == outputs.output_bucket
    assert env["NEWSDROP_INPUT_PREFIX"] == outputs.input_prefix
    assert env["NEWSDROP_MAX_OBJECT_BYTES"] == "10485760"
    assert outputs.environment["POWERTOOLS_SERVICE_NAME"] == "newsdrop"


def test_settings_model_accepts_the_stack_environment(
    deployed: Deployed, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdrop.settings import get_settings, reset_settings

    outputs, _ = deployed
    for name, value in outputs.settings_environment().items():
        monkeypatch.setenv(name, value)
    reset_settings()
    try:
        settings = get_settings()
        assert settings.output_bucket == outputs.output_bucket
        assert settings.summary_prefix == outputs.summary_prefix
    finally:
        reset_settings()


def test_event_source_mapping_exists_but_is_disabled_locally(deployed: Deployed) -> None:
    outputs, session = deployed
    (mapping,) = session.client("lambda").list_event_source_mappings(FunctionName=outputs.function_name)[
        "EventSourceMappings"
    ]
    assert mapping["EventSourceArn"] == outputs.queue_arn
    assert mapping["BatchSize"] == 10
    assert mapping["MaximumBatchingWindowInSeconds"] == 5
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["ScalingConfig"] == {"MaximumConcurrency": 5}
    assert mapping["State"] == "Disabled"  # see local/cloudformation.py: moto would invoke Docker
    assert outputs.event_source_mappings == (mapping["UUID"],)


def test_role_policy_grants_what_the_template_says(deployed: Deployed) -> None:
    outputs, session = deployed
    iam = session.client("iam")
    config = session.client("lambda").get_function_configuration(FunctionName=outputs.function_name)
    role = config["Role"].rsplit("/", 1)[1]
    (name,) = iam.list_role_policies(RoleName=role)["PolicyNames"]
    document = iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"]
    if isinstance(document, str):  # moto keeps CloudFormation inline policies as a Python repr
        document = ast.literal_eval(document)
    resources = {s["Sid"]: s["Resource"] for s in document["Statement"]}
    assert resources["ReadInputPrefix"] == f"arn:aws:s3:::{outputs.input_bucket}/incoming/*"
    assert resources["WriteOutputPrefixes"] == [
        f"arn:aws:s3:::{outputs.output_bucket}/summaries/*",
        f"arn:aws:s3:::{outputs.output_bucket}/errors/*",
    ]
    assert resources["ConsumeIngestQueue"] == outputs.queue_arn
    assert iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"] == []


def test_input_notifications_are_applied_with_the_real_queue_arn(deployed: Deployed) -> None:
    outputs, session = deployed
    configs = session.client("s3").get_bucket_notification_configuration(Bucket=outputs.input_bucket)[
        "QueueConfigurations"
    ]
    assert {c["QueueArn"] for c in configs} == {outputs.queue_arn}
    suffixes = set()
    for config in configs:
        rules = {r["Name"].lower(): r["Value"] for r in config["Filter"]["Key"]["FilterRules"]}
        assert rules["prefix"] == "incoming/"
        suffixes.add(rules["suffix"])
    assert suffixes == {".txt", ".html", ".htm", ".json", ".jsonl", ".md"}


def test_deploy_is_idempotent(deployed: Deployed) -> None:
    outputs, _ = deployed
    again = deploy_stack(None, stack_name=outputs.stack_name)
    assert again.outputs == outputs.outputs


def test_parameters_change_the_created_resources(deployed: Deployed) -> None:
    _, session = deployed  # the same moto backends; a second stack with its own names
    outputs = deploy_stack(
        None,
        stack_name="newsdrop-params",
        parameters={
            "FunctionTimeout": 300,
            "FunctionMemorySize": 2048,
            "BucketNamePrefix": "acme-news",
            "InputPrefix": "raw/",
            "BatchSize": 4,
        },
    )
    config = session.client("lambda").get_function_configuration(FunctionName=outputs.function_name)
    attributes = session.client("sqs").get_queue_attributes(
        QueueUrl=outputs.queue_url, AttributeNames=["VisibilityTimeout"]
    )["Attributes"]
    assert (config["Timeout"], config["MemorySize"]) == (300, 2048)
    assert int(attributes["VisibilityTimeout"]) == 6 * 300 + 30
    assert outputs.input_bucket.startswith("acme-news-input-")
    assert outputs.settings_environment()["NEWSDROP_INPUT_PREFIX"] == "raw/"


def test_bad_parameter_fails_before_anything_is_created(deployed: Deployed) -> None:
    _, session = deployed
    with pytest.raises(ValueError, match="FunctionMemorySize"):
        deploy_stack(None, stack_name="newsdrop-bad", parameters={"FunctionMemorySize": 99999})
    stacks = session.client("cloudformation").list_stacks()["StackSummaries"]
    assert "newsdrop-bad" not in {s["StackName"] for s in stacks}


def test_template_parameters_are_all_given_a_value() -> None:
    template = load_template()
    assert set(parameter_values(template)) == set(template["Parameters"])


@pytest.mark.parametrize(("kind", "kept"), [("AWS::Glue::Table", False), ("AWS::EC2::Instance", True)])
def test_only_the_known_moto_gaps_are_silenced(kind: str, kept: bool) -> None:
    import logging

    from newsdrop.local.cloudformation import _known_gap

    record = logging.LogRecord(
        "moto", logging.WARNING, "", 0, "No Moto CloudFormation support for %s", (kind,), None
    )
    assert _known_gap(record) is kept


def test_redeploy_with_other_parameters_is_refused(deployed: Deployed) -> None:
    from newsdrop.local.cloudformation import StackDeployError

    outputs, _ = deployed
    with pytest.raises(StackDeployError, match="FunctionMemorySize"):
        deploy_stack(None, stack_name=outputs.stack_name, parameters={"FunctionMemorySize": 2048})
