"""cfn-lint on the template: clean as committed, and bad parameters fail with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from cfnlint.api import lint_file

from newsdrop.local.cloudformation import TEMPLATE_PATH, check_parameter, load_template, parameter_values


def _lint(path: Path) -> list[str]:
    return [f"{m.rule.id} {m.message} ({m.linenumber})" for m in lint_file(path)]


def test_template_lints_clean_without_suppressions() -> None:
    # GIVEN the committed template WHEN cfn-lint runs with every default rule THEN it reports nothing
    assert _lint(TEMPLATE_PATH) == []
    text = TEMPLATE_PATH.read_text(encoding="utf-8")
    assert "cfn-lint" not in text, "no Metadata cfn-lint ignore_checks in the template"


@pytest.mark.parametrize(
    ("old", "new", "rule", "words"),
    [
        ("    Default: 1024\n", "    Default: 100000\n", "E2015", "MaxValue"),
        ("    Default: 10\n    MinValue: 1\n", "    Default: 0\n    MinValue: 1\n", "E2015", "MinValue"),
        ("    Default: INFO\n", "    Default: TRACE\n", "E2015", "AllowedValues"),
        ("    Default: 120\n", "    Default: 45\n", "E2015", "AllowedValues"),
    ],
)
def test_parameter_default_out_of_range_fails_lint(
    tmp_path: Path, old: str, new: str, rule: str, words: str
) -> None:
    text = TEMPLATE_PATH.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture drifted: {old!r} must occur once"
    bad = tmp_path / "template.yaml"
    bad.write_text(text.replace(old, new), encoding="utf-8")
    findings = _lint(bad)
    assert any(f.startswith(rule) and words in f for f in findings), findings


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FunctionMemorySize", "100000", "not greater than 4096"),
        ("FunctionMemorySize", "128", "not less than 256"),
        ("FunctionTimeout", "45", "AllowedValues"),
        ("MaximumConcurrency", "1", "not less than 2"),
        ("BatchSize", "11", "not greater than 10"),
        ("BucketNamePrefix", "Bad_Name", "must match pattern"),
        ("BucketNamePrefix", "a" * 25, "must match pattern"),
        ("InputPrefix", "incoming", "must match pattern"),
        ("AlarmTopicArn", "not-an-arn", "must match pattern"),
        ("LogLevel", "TRACE", "AllowedValues"),
        ("MaxObjectBytes", "lots", "must be a number"),
    ],
)
def test_parameter_out_of_range_fails_deploy_with_a_message(name: str, value: str, message: str) -> None:
    template = load_template()
    with pytest.raises(ValueError, match=message) as raised:
        parameter_values(template, {name: value})
    assert f"Parameter '{name}'" in str(raised.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FunctionMemorySize", "256"),
        ("FunctionTimeout", "900"),
        ("BucketNamePrefix", "a" * 24),
        ("AlarmTopicArn", ""),
        ("AlarmTopicArn", "arn:aws:sns:eu-west-1:123456789012:ops-alerts"),
        ("InputPrefix", "raw/news/"),
    ],
)
def test_parameter_in_range_is_accepted(name: str, value: str) -> None:
    spec = load_template()["Parameters"][name]
    check_parameter(name, spec, value)


def test_unknown_parameter_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown template parameter"):
        parameter_values(load_template(), {"FunctionMemory": "512"})


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"InputPrefix": "summaries/"}, "InputPrefix and SummaryPrefix must differ"),
        ({"ErrorPrefix": "summaries/"}, "SummaryPrefix and ErrorPrefix must differ"),
        ({"InputPrefix": "errors/"}, "InputPrefix and ErrorPrefix must differ"),
    ],
)
def test_template_rules_refuse_equal_prefixes(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parameter_values(load_template(), overrides)
