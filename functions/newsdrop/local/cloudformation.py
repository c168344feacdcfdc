"""Deploy ``infra/template.yaml`` into moto: the one place that turns the template into local resources.

``deploy_stack(endpoint_url)`` loads the SAM template (YAML with CloudFormation short tags), checks the
parameter values as CloudFormation would (AllowedValues, MinValue/MaxValue, AllowedPattern, Rules: moto
checks none), translates it with ``aws-sam-translator`` (the function's CodeUri becomes a placeholder
zip in a staging bucket), creates the stack in moto's CloudFormation, waits, and returns the stack's
Outputs and the function's resolved environment. It works around one moto bug (``Fn::FindInMap`` keyed
by a Number parameter, see ``inline_find_in_map``) and then applies what moto's CloudFormation ignores
but the local stack needs:

* the buckets' ``VersioningConfiguration`` and the input bucket's ``NotificationConfiguration`` (read
  from the template, resolved to the real queue ARN);
* the SQS event source mapping is **disabled**: with it enabled, moto's SQS receives every new message
  itself and tries to invoke the function in Docker (``send_message`` → ``send_sqs_batch``), which
  consumes receive counts and eventually dead-letters messages. The local stack polls the queue itself
  and runs the real handler in-process. (Disabled, not deleted: moto's ``delete_event_source_mapping``
  leaves the mapping attached to the queue, still enabled.)

Works against a moto server (``endpoint_url="http://127.0.0.1:PORT"``) or in-process ``mock_aws``
(``endpoint_url=None``). PyYAML and samtranslator are imported here only (local/dev extras).
"""

from __future__ import annotations

import io
import json
import logging
import re
import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
from botocore.exceptions import ClientError, WaiterError

from newsdrop.settings import ENV_NAMES

TEMPLATE_PATH = Path(__file__).resolve().parents[3] / "infra" / "template.yaml"
FUNCTION_ID = "IngestFunction"
PLACEHOLDER_KEY = "newsdrop-placeholder.zip"
READY_STATES = frozenset({"CREATE_COMPLETE", "UPDATE_COMPLETE"})
# Types moto's CloudFormation skips with a UserWarning; known and asserted on the template (tests/infra),
# so their warnings are silenced. A type not listed here still warns.
MOTO_SKIPPED_TYPES = (
    "AWS::SQS::QueuePolicy",
    "AWS::S3::BucketPolicy",
    "AWS::CloudWatch::Alarm",
    "AWS::Glue::Database",
    "AWS::Glue::Table",
)
LOCAL_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
SAM_FUNCTION = "AWS::Serverless::Function"
SUB_VARIABLE = re.compile(r"\$\{([^}!]+)\}")  # ${Name} or ${Resource.Attribute}; ${!Literal} is skipped


class StackDeployError(RuntimeError):
    """The stack could not be created in moto; the message carries the failed events."""


@dataclass(frozen=True)
class StackOutputs:
    """What a deployed stack exposes: its Outputs and the function's resolved environment."""

    stack_name: str
    region: str
    endpoint_url: str | None
    outputs: dict[str, str]
    environment: dict[str, str] = field(default_factory=dict)
    event_source_mappings: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> str:
        return self.outputs[name]

    @property
    def input_bucket(self) -> str:
        return self.outputs["InputBucketName"]

    @property
    def output_bucket(self) -> str:
        return self.outputs["OutputBucketName"]

    @property
    def queue_url(self) -> str:
        return self.outputs["IngestQueueUrl"]

    @property
    def queue_arn(self) -> str:
        return self.outputs["IngestQueueArn"]

    @property
    def dead_letter_queue_url(self) -> str:
        return self.outputs["DeadLetterQueueUrl"]

    @property
    def function_name(self) -> str:
        return self.outputs["IngestFunctionName"]

    @property
    def input_prefix(self) -> str:
        return self.outputs["InputPrefix"]

    @property
    def summary_prefix(self) -> str:
        return self.outputs["SummaryPrefix"]

    @property
    def error_prefix(self) -> str:
        return self.outputs["ErrorPrefix"]

    def settings_environment(self) -> dict[str, str]:
        """The ``NEWSDROP_*`` variables the stack gives the function (to run the handler in-process)."""
        return {name: value for name, value in self.environment.items() if name in ENV_NAMES}


# ---------------------------------------------------------------- template


def load_template(path: Path | str = TEMPLATE_PATH) -> dict[str, Any]:
    """The template as a dict; short tags (``!Ref``, ``!Sub``, ``!GetAtt``...) become ``Fn::`` dicts."""
    import yaml
    from samtranslator.yaml_helper import intrinsics_multi_constructor

    class _CfnLoader(yaml.SafeLoader):
        """A private loader, so the intrinsic tags do not leak into ``yaml.safe_load`` elsewhere."""

    _CfnLoader.add_multi_constructor("!", intrinsics_multi_constructor)
    with open(path, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_CfnLoader)  # a SafeLoader subclass


def parameter_values(
    template: Mapping[str, Any], overrides: Mapping[str, Any] | None = None
) -> dict[str, str]:
    """Template defaults updated with ``overrides``; unknown names are an error (a typo would be silent)."""
    declared = template.get("Parameters", {})
    unknown = sorted(set(overrides or {}) - set(declared))
    if unknown:
        raise ValueError(f"unknown template parameter(s): {', '.join(unknown)}; known: {', '.join(declared)}")
    values = {name: str(spec["Default"]) for name, spec in declared.items() if "Default" in spec}
    values.update({name: str(value) for name, value in (overrides or {}).items()})
    missing = sorted(set(declared) - set(values))
    if missing:
        raise ValueError(f"template parameter(s) without a value: {', '.join(missing)}")
    for name, value in values.items():
        check_parameter(name, declared[name], value)
    check_rules(template, values)
    return values


def check_rules(template: Mapping[str, Any], values: Mapping[str, str]) -> None:
    """Raise ValueError with the AssertDescription of the first failed template Rule (moto skips Rules)."""
    for name, rule in template.get("Rules", {}).items():
        if "RuleCondition" in rule and not _evaluate(rule["RuleCondition"], values):
            continue
        for assertion in rule.get("Assertions", []):
            if not _evaluate(assertion["Assert"], values):
                raise ValueError(f"Rule {name}: {assertion.get('AssertDescription', 'assertion failed')}")


def _evaluate(expression: Any, values: Mapping[str, str]) -> Any:
    """The value of a Rules expression over parameter values (Ref, Fn::Equals/Not/And/Or/Contains)."""
    if isinstance(expression, list):
        return [_evaluate(item, values) for item in expression]
    if not isinstance(expression, dict):
        return expression
    ((name, arg),) = expression.items()
    if name == "Ref":
        return values[arg]
    args = [_evaluate(a, values) for a in arg]
    operations = {
        "Fn::Equals": lambda: str(args[0]) == str(args[1]),
        "Fn::Not": lambda: not args[0],
        "Fn::And": lambda: all(args),
        "Fn::Or": lambda: any(args),
        "Fn::Contains": lambda: str(args[1]) in [str(a) for a in args[0]],
    }
    if name not in operations:
        raise ValueError(f"cannot evaluate {name} in template Rules locally")
    return operations[name]()


def check_parameter(name: str, spec: Mapping[str, Any], value: str) -> None:
    """Raise ValueError, as CloudFormation would, when ``value`` breaks the parameter's constraints.

    moto's CloudFormation does not check AllowedValues/MinValue/MaxValue/AllowedPattern; the local stack
    does, so a bad value fails here with the same message a real deploy gives.
    """
    hint = f" ({spec['ConstraintDescription']})" if "ConstraintDescription" in spec else ""
    allowed = [str(v) for v in spec.get("AllowedValues", [])]
    if allowed and value not in allowed:
        raise ValueError(f"Parameter '{name}' must be one of AllowedValues {allowed}, got {value!r}{hint}")
    if spec.get("Type") == "Number":
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"Parameter '{name}' must be a number, got {value!r}{hint}") from None
        if "MinValue" in spec and number < float(spec["MinValue"]):
            raise ValueError(f"Parameter '{name}' must be a number not less than {spec['MinValue']}{hint}")
        if "MaxValue" in spec and number > float(spec["MaxValue"]):
            raise ValueError(f"Parameter '{name}' must be a number not greater than {spec['MaxValue']}{hint}")
    pattern = spec.get("AllowedPattern")
    if pattern and not re.fullmatch(pattern, value):
        raise ValueError(f"Parameter '{name}' must match pattern {pattern}, got {value!r}{hint}")


def with_code_location(template: dict[str, Any], bucket: str, key: str) -> dict[str, Any]:
    """A copy of the SAM template whose functions' CodeUri points at ``s3://bucket/key``."""
    copy = json.loads(json.dumps(template))
    for resource in copy.get("Resources", {}).values():
        if resource.get("Type") == SAM_FUNCTION:
            resource.setdefault("Properties", {})["CodeUri"] = {"Bucket": bucket, "Key": key}
    return copy


class _NoManagedPolicies:
    """The translator's managed-policy lookup; the template names no managed policy by name."""

    def load(self) -> dict[str, str]:
        return {}


def translate(
    template: dict[str, Any], parameters: Mapping[str, str] | None = None, region: str = "us-east-1"
) -> dict[str, Any]:
    """SAM → plain CloudFormation (the same translation CloudFormation's SAM transform does)."""
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    translator = Translator(None, Parser(), boto_session=boto3.session.Session(region_name=region))
    return translator.translate(
        json.loads(json.dumps(template)),
        parameter_values=dict(parameters or {}),
        get_managed_policy_map=_NoManagedPolicies().load,
    )


def inline_find_in_map(template: dict[str, Any], parameters: Mapping[str, str]) -> dict[str, Any]:
    """A copy with every ``Fn::FindInMap`` whose keys are literals or parameter Refs replaced by its value.

    moto resolves a Number parameter to an int and then fails to find it in a mapping keyed by strings
    (``KeyError: 120``); real CloudFormation compares strings. Inlining sidesteps that moto bug.
    """
    mappings = template.get("Mappings", {})

    def key(value: Any) -> str:
        if isinstance(value, dict) and set(value) == {"Ref"} and value["Ref"] in parameters:
            return str(parameters[value["Ref"]])
        if isinstance(value, str | int):
            return str(value)
        raise KeyError(f"cannot inline Fn::FindInMap key {value!r}")

    def walk(value: Any) -> Any:
        if isinstance(value, list):
            return [walk(v) for v in value]
        if not isinstance(value, dict):
            return value
        if set(value) == {"Fn::FindInMap"}:
            name, first, second = value["Fn::FindInMap"][:3]
            return mappings[key(name)][key(first)][key(second)]
        return {k: walk(v) for k, v in value.items()}

    return {
        **template,
        "Resources": walk(template.get("Resources", {})),
        "Outputs": walk(template.get("Outputs", {})),
    }


# ---------------------------------------------------------------- deploy


def _clients(endpoint_url: str | None, region: str) -> dict[str, Any]:
    session = boto3.session.Session(region_name=region, **LOCAL_CREDENTIALS)
    return {
        name: session.client(name, endpoint_url=endpoint_url)
        for name in ("cloudformation", "s3", "sqs", "lambda", "sts")
    }


def _placeholder_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("PLACEHOLDER.txt", "newsdrop local stack: the handler runs in-process, not here.\n")
    return buffer.getvalue()


def _stage_code(s3: Any, bucket: str, region: str) -> None:
    try:
        if region == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    except ClientError as error:
        if error.response["Error"]["Code"] not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
            raise
    s3.put_object(Bucket=bucket, Key=PLACEHOLDER_KEY, Body=_placeholder_zip())


def _find_stack(cloudformation: Any, stack_name: str) -> dict[str, Any] | None:
    try:
        stacks = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    except ClientError as error:
        if "does not exist" in str(error):
            return None
        raise
    return stacks[0] if stacks else None


def _known_gap(record: logging.LogRecord) -> bool:
    """False (drop) for moto's "No Moto CloudFormation support for <type>" about a known type."""
    known = record.msg == "No Moto CloudFormation support for %s" and record.args
    return not (known and record.args[0] in MOTO_SKIPPED_TYPES)


def _silence_known_moto_gaps() -> None:
    for kind in MOTO_SKIPPED_TYPES:
        pattern = f"Tried to parse {re.escape(kind)} but"
        warnings.filterwarnings("ignore", message=pattern, category=UserWarning)
    parsing_logger = logging.getLogger("moto")  # moto.cloudformation.parsing logs through "moto"
    if _known_gap not in parsing_logger.filters:
        parsing_logger.addFilter(_known_gap)


def _create_stack(
    cloudformation: Any, stack_name: str, body: dict[str, Any], params: Mapping[str, str]
) -> None:
    cloudformation.create_stack(
        StackName=stack_name,
        TemplateBody=json.dumps(body),
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in params.items()],
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
    )
    waiter = cloudformation.get_waiter("stack_create_complete")
    try:
        waiter.wait(StackName=stack_name, WaiterConfig={"Delay": 1, "MaxAttempts": 120})
    except WaiterError as error:  # report the failed resources, not the poll
        events = cloudformation.describe_stack_events(StackName=stack_name)["StackEvents"]
        failed = [
            f"{e['LogicalResourceId']}: {e.get('ResourceStatusReason', e['ResourceStatus'])}"
            for e in events
            if e["ResourceStatus"].endswith("FAILED")
        ]
        raise StackDeployError(f"stack {stack_name} was not created: {'; '.join(failed) or error}") from error


def _physical_ids(cloudformation: Any, stack_name: str) -> dict[str, str]:
    resources = cloudformation.describe_stack_resources(StackName=stack_name)["StackResources"]
    # moto lists the resource types it skipped (policies, alarms, Glue) without ids
    return {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources if "LogicalResourceId" in r}


@dataclass
class _Resolver:
    """Resolves the few intrinsics the post-deploy settings use, against the live stack."""

    parameters: Mapping[str, str]
    physical: Mapping[str, str]
    types: Mapping[str, str]
    sqs: Any
    region: str
    account: str

    def pseudo(self) -> dict[str, str]:
        return {
            "AWS::Region": self.region,
            "AWS::AccountId": self.account,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
        }

    def ref(self, name: str) -> str:
        for table in (self.parameters, self.pseudo(), self.physical):
            if name in table:
                return table[name]
        raise KeyError(f"cannot resolve Ref {name!r}")

    def get_att(self, logical_id: str, attribute: str) -> str:
        kind = self.types.get(logical_id)
        physical = self.physical[logical_id]
        if kind == "AWS::SQS::Queue" and attribute == "Arn":
            attributes = self.sqs.get_queue_attributes(QueueUrl=physical, AttributeNames=["QueueArn"])
            return attributes["Attributes"]["QueueArn"]
        if kind == "AWS::S3::Bucket" and attribute == "Arn":
            return f"arn:aws:s3:::{physical}"
        raise KeyError(f"cannot resolve Fn::GetAtt {logical_id}.{attribute}")

    def sub(self, text: str, variables: Mapping[str, Any]) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name and not name.startswith("AWS::"):
                return self.get_att(*name.split(".", 1))
            return self.ref(name)

        return SUB_VARIABLE.sub(replace, text)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((name, arg),) = value.items()
            if name == "Ref":
                return self.ref(arg)
            if name == "Fn::GetAtt":
                parts = arg if isinstance(arg, list) else arg.split(".", 1)
                return self.get_att(parts[0], parts[1])
            if name == "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
                return self.sub(text, variables)
            if name == "Fn::Join":
                return str(arg[0]).join(str(v) for v in self.resolve(arg[1]))
            if name.startswith("Fn::"):
                raise KeyError(f"cannot resolve {name} locally")
        return {k: self.resolve(v) for k, v in value.items()}


def _notification_configuration(cfn_notification: Mapping[str, Any]) -> dict[str, Any]:
    """CloudFormation's NotificationConfiguration shape → the S3 API's."""
    queues = []
    for config in cfn_notification.get("QueueConfigurations", []):
        entry: dict[str, Any] = {"QueueArn": config["Queue"], "Events": [config["Event"]]}
        rules = config.get("Filter", {}).get("S3Key", {}).get("Rules", [])
        if rules:
            entry["Filter"] = {
                "Key": {"FilterRules": [{"Name": r["Name"], "Value": r["Value"]} for r in rules]}
            }
        queues.append(entry)
    return {"QueueConfigurations": queues}


def _disable_event_sources(lambda_client: Any, function_name: str) -> tuple[str, ...]:
    mappings = lambda_client.list_event_source_mappings(FunctionName=function_name)["EventSourceMappings"]
    for mapping in mappings:
        if mapping.get("State") != "Disabled":
            lambda_client.update_event_source_mapping(UUID=mapping["UUID"], Enabled=False)
    return tuple(m["UUID"] for m in mappings)


def _apply_bucket_settings(s3: Any, resolver: _Resolver, resources: Mapping[str, Any]) -> None:
    """Versioning and notifications of every bucket in the template (moto's CloudFormation drops both)."""
    for logical_id, resource in resources.items():
        if resource.get("Type") != "AWS::S3::Bucket" or logical_id not in resolver.physical:
            continue
        bucket = resolver.physical[logical_id]
        properties = resource.get("Properties", {})
        if "VersioningConfiguration" in properties:
            status = resolver.resolve(properties["VersioningConfiguration"])["Status"]
            s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": status})
        if "NotificationConfiguration" in properties:
            notification = resolver.resolve(properties["NotificationConfiguration"])
            s3.put_bucket_notification_configuration(
                Bucket=bucket, NotificationConfiguration=_notification_configuration(notification)
            )


def deploy_stack(
    endpoint_url: str | None,
    stack_name: str = "newsdrop-local",
    region: str = "us-east-1",
    parameters: Mapping[str, Any] | None = None,
    template_path: Path | str = TEMPLATE_PATH,
) -> StackOutputs:
    """Create (or reuse) the stack in moto and return its Outputs and the function's environment.

    Idempotent: when ``stack_name`` already exists, its outputs are read and the local settings are
    applied again.
    """
    clients = _clients(endpoint_url, region)
    sam_template = load_template(template_path)
    params = parameter_values(sam_template, parameters)
    staging = f"{stack_name.lower()}-sam-artifacts"
    template = translate(with_code_location(sam_template, staging, PLACEHOLDER_KEY), params, region)

    if _find_stack(clients["cloudformation"], stack_name) is None:
        _silence_known_moto_gaps()
        _stage_code(clients["s3"], staging, region)
        _create_stack(clients["cloudformation"], stack_name, inline_find_in_map(template, params), params)
    stack = _find_stack(clients["cloudformation"], stack_name) or {}
    if stack.get("StackStatus") not in READY_STATES:
        raise StackDeployError(f"stack {stack_name} is {stack.get('StackStatus', 'missing')}, not ready")
    deployed = {p["ParameterKey"]: str(p["ParameterValue"]) for p in stack.get("Parameters", [])}
    changed = sorted(k for k, v in params.items() if k in deployed and deployed[k] != v)
    if changed:
        raise StackDeployError(
            f"stack {stack_name} exists with other values for {', '.join(changed)}; use another stack name"
        )
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}

    physical = _physical_ids(clients["cloudformation"], stack_name)
    function_name = physical[FUNCTION_ID]
    mappings = _disable_event_sources(clients["lambda"], function_name)  # before any message can arrive
    resources = template["Resources"]
    account = clients["sts"].get_caller_identity()["Account"]
    resolver = _Resolver(
        parameters=params,
        physical=physical,
        types={k: v["Type"] for k, v in resources.items()},
        sqs=clients["sqs"],
        region=region,
        account=account,
    )
    _apply_bucket_settings(clients["s3"], resolver, resources)

    configuration = clients["lambda"].get_function_configuration(FunctionName=function_name)
    variables = configuration.get("Environment", {}).get("Variables", {})
    environment = {name: str(value) for name, value in variables.items()}  # moto keeps Number params as int
    return StackOutputs(
        stack_name=stack_name,
        region=region,
        endpoint_url=endpoint_url,
        outputs=outputs,
        environment=environment,
        event_source_mappings=mappings,
    )
