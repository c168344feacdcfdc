"""What moto ignores, asserted on the template itself: policies, notifications, alarms, protections."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from newsdrop.local.cloudformation import TEMPLATE_PATH, parameter_values
from newsdrop.settings import ENV_NAMES
from tests.infra.conftest import resources_of_type

SAMCONFIG = TEMPLATE_PATH.with_name("samconfig.toml")
BUCKETS = ("InputBucket", "OutputBucket")
READ_SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl", ".md"}
REQUIRED_OUTPUTS = {
    "InputBucketName",
    "OutputBucketName",
    "IngestQueueUrl",
    "IngestQueueArn",
    "DeadLetterQueueUrl",
    "IngestFunctionName",
    "InputPrefix",
    "SummaryPrefix",
    "ErrorPrefix",
}


def _props(template: dict[str, Any], logical_id: str) -> dict[str, Any]:
    return template["Resources"][logical_id]["Properties"]


def _refs(value: Any) -> set[str]:
    """Every Ref / GetAtt / ${Sub} target inside ``value``."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= _refs(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "Ref":
                found.add(item)
            elif key == "Fn::GetAtt":
                found.add(item[0] if isinstance(item, list) else item.split(".")[0])
            elif key == "Fn::Sub":
                text = item if isinstance(item, str) else item[0]
                found |= {v.split(".")[0] for v in _sub_variables(text)}
            else:
                found |= _refs(item)
    return found


def _sub_variables(text: str) -> list[str]:
    import re

    return re.findall(r"\$\{([^}!]+)\}", text)


# ---------------------------------------------------------------- buckets


@pytest.mark.parametrize("bucket", BUCKETS)
def test_bucket_blocks_public_access_on_all_four_settings(sam_template: dict, bucket: str) -> None:
    block = _props(sam_template, bucket)["PublicAccessBlockConfiguration"]
    assert block == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }


@pytest.mark.parametrize("bucket", BUCKETS)
def test_bucket_is_versioned_encrypted_and_owner_enforced(sam_template: dict, bucket: str) -> None:
    props = _props(sam_template, bucket)
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    (rule,) = props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms"}
    assert props["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    assert sam_template["Resources"][bucket]["DeletionPolicy"] == "Retain"


@pytest.mark.parametrize("bucket", BUCKETS)
def test_bucket_policy_denies_requests_without_tls(sam_template: dict, bucket: str) -> None:
    policies = [
        p
        for p in resources_of_type(sam_template, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": bucket}
    ]
    assert len(policies) == 1
    statements = policies[0]["Properties"]["PolicyDocument"]["Statement"]
    deny = [s for s in statements if s["Effect"] == "Deny"]
    assert deny, "a Deny statement"
    (statement,) = deny
    assert statement["Principal"] == "*"
    assert statement["Action"] in ("s3:*", ["s3:*"])
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    resources = statement["Resource"]
    assert {"Fn::GetAtt": [bucket, "Arn"]} in resources  # the bucket itself
    assert {"Fn::Sub": f"${{{bucket}.Arn}}/*"} in resources  # and every object


def test_input_and_output_are_separate_buckets(sam_template: dict) -> None:
    names = {_props(sam_template, b)["BucketName"]["Fn::Sub"] for b in BUCKETS}
    assert len(names) == 2
    env = _props(sam_template, "IngestFunction")["Environment"]["Variables"]
    assert env["NEWSDROP_OUTPUT_BUCKET"] == {"Ref": "OutputBucket"}


def test_notifications_filter_on_the_input_prefix_and_the_formats_we_read(sam_template: dict) -> None:
    configs = _props(sam_template, "InputBucket")["NotificationConfiguration"]["QueueConfigurations"]
    suffixes = []
    for config in configs:
        assert config["Event"].startswith("s3:ObjectCreated:")
        assert config["Queue"] == {"Fn::GetAtt": ["IngestQueue", "Arn"]}
        rules = {r["Name"]: r["Value"] for r in config["Filter"]["S3Key"]["Rules"]}
        assert rules["prefix"] == {"Ref": "InputPrefix"}
        suffixes.append(rules["suffix"])
    assert sorted(suffixes) == sorted(READ_SUFFIXES)
    # S3 rejects overlapping rules (same prefix, one suffix ending with another)
    overlapping = [(a, b) for a in suffixes for b in suffixes if a != b and a.endswith(b)]
    assert overlapping == []
    assert "NotificationConfiguration" not in _props(sam_template, "OutputBucket"), "outputs never trigger"


def test_queue_policy_lets_only_this_bucket_in_this_account_send(sam_template: dict) -> None:
    policy = _props(sam_template, "IngestQueuePolicy")
    assert policy["Queues"] == [{"Ref": "IngestQueue"}]
    (allow,) = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert allow["Principal"] == {"Service": "s3.amazonaws.com"}
    assert allow["Action"] == "sqs:SendMessage"
    assert allow["Resource"] == {"Fn::GetAtt": ["IngestQueue", "Arn"]}
    source_arn = allow["Condition"]["ArnEquals"]["aws:SourceArn"]["Fn::Sub"]
    bucket_name = _props(sam_template, "InputBucket")["BucketName"]["Fn::Sub"]
    assert source_arn == f"arn:${{AWS::Partition}}:s3:::{bucket_name}", "the same name the bucket gets"
    assert allow["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}


def test_bucket_queue_cycle_is_broken_the_documented_way(sam_template: dict) -> None:
    # The policy names the bucket by a built string, never by Ref/GetAtt; the bucket waits for the policy.
    assert "InputBucket" not in _refs(_props(sam_template, "IngestQueuePolicy"))
    assert sam_template["Resources"]["InputBucket"]["DependsOn"] in (
        "IngestQueuePolicy",
        ["IngestQueuePolicy"],
    )
    assert "Ref" not in str(_props(sam_template, "InputBucket")["BucketName"])


# ---------------------------------------------------------------- queues


def test_queues_are_encrypted_and_the_dlq_keeps_messages_14_days(sam_template: dict) -> None:
    for queue in ("IngestQueue", "DeadLetterQueue"):
        assert _props(sam_template, queue)["SqsManagedSseEnabled"] is True
    assert _props(sam_template, "DeadLetterQueue")["MessageRetentionPeriod"] == 14 * 24 * 3600
    redrive = _props(sam_template, "IngestQueue")["RedrivePolicy"]
    assert redrive == {
        "deadLetterTargetArn": {"Fn::GetAtt": ["DeadLetterQueue", "Arn"]},
        "maxReceiveCount": {"Ref": "MaxReceiveCount"},
    }
    assert sam_template["Parameters"]["MaxReceiveCount"]["Default"] == 5


def test_visibility_timeout_is_at_least_six_function_timeouts_plus_the_batching_window(
    sam_template: dict,
) -> None:
    params = sam_template["Parameters"]
    visibility = _props(sam_template, "IngestQueue")["VisibilityTimeout"]
    assert visibility == {"Fn::FindInMap": ["TimeoutMap", {"Ref": "FunctionTimeout"}, "VisibilityTimeout"]}
    table = sam_template["Mappings"]["TimeoutMap"]
    allowed = [str(v) for v in params["FunctionTimeout"]["AllowedValues"]]
    assert sorted(table, key=int) == sorted(allowed, key=int), "one row per allowed timeout"
    window = params["MaximumBatchingWindow"]["MaxValue"]
    for timeout, row in table.items():
        assert row["VisibilityTimeout"] >= 6 * int(timeout) + window
        assert row["VisibilityTimeout"] <= 43200  # the SQS maximum


# ---------------------------------------------------------------- function


def test_function_runtime_and_event_source(sam_template: dict) -> None:
    function = _props(sam_template, "IngestFunction")
    globals_ = sam_template["Globals"]["Function"]
    assert globals_["Runtime"] == "python3.12"
    assert globals_["Architectures"] == ["arm64"]
    assert globals_["Tracing"] == "Active"
    assert function["Handler"] == "newsdrop.handler.lambda_handler"
    assert function["RecursiveLoop"] == "Terminate"
    assert function["MemorySize"] == {"Ref": "FunctionMemorySize"}
    assert function["Timeout"] == {"Ref": "FunctionTimeout"}
    (event,) = function["Events"].values()
    assert event["Type"] == "SQS"
    assert event["Properties"] == {
        "Queue": {"Fn::GetAtt": ["IngestQueue", "Arn"]},
        "BatchSize": {"Ref": "BatchSize"},
        "MaximumBatchingWindowInSeconds": {"Ref": "MaximumBatchingWindow"},
        "FunctionResponseTypes": ["ReportBatchItemFailures"],
        "ScalingConfig": {"MaximumConcurrency": {"Ref": "MaximumConcurrency"}},
    }


def test_handler_named_by_the_template_exists() -> None:
    import importlib

    module = importlib.import_module("newsdrop.handler")
    assert callable(module.lambda_handler)


def test_function_environment_sets_exactly_the_settings_names(sam_template: dict) -> None:
    variables = _props(sam_template, "IngestFunction")["Environment"]["Variables"]
    newsdrop = {name for name in variables if name.startswith("NEWSDROP_")}
    assert newsdrop == set(ENV_NAMES)
    assert set(variables) == newsdrop, "only settings names on the function; Powertools names live in Globals"


def test_powertools_settings_come_from_globals(sam_template: dict) -> None:
    variables = sam_template["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["POWERTOOLS_SERVICE_NAME"] == "newsdrop"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "Newsdrop"
    assert variables["POWERTOOLS_LOG_LEVEL"] == {"Ref": "LogLevel"}
    assert variables["POWERTOOLS_LOGGER_LOG_EVENT"] == "false", "never log events (article keys, metadata)"


def test_function_parameters_have_bounds(sam_template: dict) -> None:
    params = sam_template["Parameters"]
    for name in (
        "FunctionMemorySize",
        "MaximumConcurrency",
        "BatchSize",
        "MaximumBatchingWindow",
        "MaxObjectBytes",
        "DeadlineMarginMs",
        "OldestMessageAgeThreshold",
    ):
        assert {"MinValue", "MaxValue"} <= set(params[name]), name
    assert "AllowedValues" in params["FunctionTimeout"]
    assert params["MaximumConcurrency"]["MinValue"] >= 2  # the SQS event source's lower limit
    # a record must be able to start before the deadline margin of the shortest timeout
    shortest = min(int(v) for v in params["FunctionTimeout"]["AllowedValues"])
    assert params["DeadlineMarginMs"]["MaxValue"] < shortest * 1000


# ---------------------------------------------------------------- alarms


@pytest.mark.parametrize(
    ("namespace", "metric", "dimension"),
    [
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible", {"Fn::GetAtt": ["DeadLetterQueue", "QueueName"]}),
        ("AWS/Lambda", "Errors", {"Ref": "IngestFunction"}),
        ("AWS/SQS", "ApproximateAgeOfOldestMessage", {"Fn::GetAtt": ["IngestQueue", "QueueName"]}),
    ],
)
def test_alarm_watches_the_stack_and_notifies_the_optional_topic(
    sam_template: dict, namespace: str, metric: str, dimension: dict
) -> None:
    alarms = [
        a["Properties"]
        for a in resources_of_type(sam_template, "AWS::CloudWatch::Alarm").values()
        if a["Properties"]["Namespace"] == namespace and a["Properties"]["MetricName"] == metric
    ]
    assert len(alarms) == 1
    (alarm,) = alarms
    assert [d["Value"] for d in alarm["Dimensions"]] == [dimension]
    topic = {"Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]}
    assert alarm["AlarmActions"] == topic
    assert alarm["OKActions"] == topic
    assert alarm["TreatMissingData"] == "notBreaching"


def test_alarm_topic_is_optional(sam_template: dict) -> None:
    assert sam_template["Parameters"]["AlarmTopicArn"]["Default"] == ""
    assert sam_template["Conditions"]["HasAlarmTopic"] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmTopicArn"}, ""]}]
    }


# ---------------------------------------------------------------- outputs and samconfig


def test_outputs_name_everything_a_user_or_test_needs(sam_template: dict) -> None:
    assert set(sam_template["Outputs"]) >= REQUIRED_OUTPUTS


def test_sam_translation_keeps_the_logical_ids_the_code_relies_on(cfn_template: dict) -> None:
    resources = cfn_template["Resources"]
    for logical_id in ("InputBucket", "OutputBucket", "IngestQueue", "DeadLetterQueue", "IngestFunction"):
        assert logical_id in resources
    assert resources["IngestFunction"]["Type"] == "AWS::Lambda::Function"
    (mapping,) = resources_of_type(cfn_template, "AWS::Lambda::EventSourceMapping").values()
    assert mapping["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["Properties"]["ScalingConfig"] == {"MaximumConcurrency": {"Ref": "MaximumConcurrency"}}


def _samconfig_overrides(text: str) -> dict[str, str]:
    import shlex

    pairs = (item.split("=", 1) for item in shlex.split(text))
    return dict(pairs)


@pytest.mark.parametrize("environment", ["default", "prod"])
def test_samconfig_overrides_are_valid_template_parameters(sam_template: dict, environment: str) -> None:
    config = tomllib.loads(Path(SAMCONFIG).read_text(encoding="utf-8"))[environment]
    overrides = _samconfig_overrides(config["deploy"]["parameters"]["parameter_overrides"])
    assert overrides, "samconfig names the parameters"
    parameter_values(sam_template, overrides)  # raises on unknown names or out-of-range values
    assert config["deploy"]["parameters"]["capabilities"] == "CAPABILITY_IAM"


def test_samconfig_default_lists_every_parameter_with_its_template_default(sam_template: dict) -> None:
    config = tomllib.loads(Path(SAMCONFIG).read_text(encoding="utf-8"))["default"]
    overrides = _samconfig_overrides(config["deploy"]["parameters"]["parameter_overrides"])
    defaults = {k: str(v["Default"]) for k, v in sam_template["Parameters"].items() if v["Default"] != ""}
    assert overrides == defaults


def test_code_uri_is_the_zip_make_package_builds(sam_template: dict) -> None:
    # a zip, not a directory: `sam build` copies a directory without its *.so files
    code = (TEMPLATE_PATH.parent / _props(sam_template, "IngestFunction")["CodeUri"]).resolve()
    root = TEMPLATE_PATH.parents[1]
    assert code == root / "build" / "newsdrop.zip"
    script = (root / "scripts" / "package.sh").read_text(encoding="utf-8")
    assert 'BUILD="${BUILD_DIR:-$ROOT/build}"' in script
    assert 'ZIP="$BUILD/newsdrop.zip"' in script


def test_console_groups_every_parameter_once(sam_template: dict) -> None:
    groups = sam_template["Metadata"]["AWS::CloudFormation::Interface"]["ParameterGroups"]
    grouped = [name for group in groups for name in group["Parameters"]]
    assert sorted(grouped) == sorted(sam_template["Parameters"])
