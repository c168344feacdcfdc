"""`newsdrop summaries ls|get|export|errors` through ``newsdrop.cli.main`` on mock_aws: output, --json,
and the documented exit codes (0 ok, 1 bad records or none found, 2 usage/config, 3 AWS error)."""

from __future__ import annotations

import json

import pytest

from newsdrop.cli import main
from tests.conftest import OUTPUT_BUCKET
from tests.functional.test_reader import article, error_record, org, person, put


@pytest.fixture
def filled(s3):
    put(s3, "summaries/a.txt.json", article("a.txt", title="Bridge reopens", language="en",
                                          published="2024-03-11", entities=[person("Jane Doe"), org("Acme")]))
    put(s3, "summaries/b.html.json", article("b.html", title="Le pont rouvre", language="fr",
                                           published="2024-03-12", entities=[person("Marie Curie")]))
    put(s3, "summaries/feed.jsonl/00000.json", article("feed.jsonl#0", title="First record"))
    put(s3, "errors/scan.pdf.json", error_record("scan.pdf"))
    put(s3, "errors/empty.txt.json", error_record("empty.txt", code="empty_object"))
    return s3


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------- ls


def test_ls_prints_a_table_of_the_default_bucket(filled, capsys):
    code, out, _ = run(capsys, "summaries", "ls")

    assert code == 0
    for text in ("Bridge reopens", "Le pont rouvre", "First record", "Jane Doe", "2024-03-11", "fr"):
        assert text in out
    assert "scan.pdf" not in out


def test_ls_json_is_one_object_per_line_and_filters_apply(filled, capsys):
    code, out, _ = run(capsys, "summaries", "ls", f"s3://{OUTPUT_BUCKET}/summaries/", "--language", "en",
                       "--entity", "jane doe", "--json")

    assert code == 0
    rows = json_lines(out)
    assert [r["title"] for r in rows] == ["Bridge reopens"]
    assert rows[0] == {"key": "incoming/a.txt", "title": "Bridge reopens", "language": "en",
                       "published": "2024-03-11", "people": ["Jane Doe"]}


def test_ls_since_accepts_dates(filled, capsys):
    code, out, _ = run(capsys, "summaries", "ls", "--since", "2024-03-12", "--json")
    titles = {r["title"] for r in json_lines(out)}
    assert code == 0 and "Le pont rouvre" in titles and "Bridge reopens" not in titles


def test_ls_limit_stops_early(filled, capsys):
    code, out, _ = run(capsys, "summaries", "ls", "--limit", "1", "--json")
    assert code == 0 and len(json_lines(out)) == 1


@pytest.mark.parametrize(
    ("argv", "exit_code", "message"),
    [
        (["summaries", "ls", f"s3://{OUTPUT_BUCKET}/summaries/2031/"], 1, "no summaries found"),
        (["summaries", "ls", "--language", "xx"], 1, "filtered out"),
        (["summaries", "ls", "s3://no-such-bucket/summaries/"], 3, "does not exist"),
        (["summaries", "ls", "not-a-uri"], 2, "expected s3://bucket/prefix"),
        (["summaries", "errors", f"s3://{OUTPUT_BUCKET}/errors/2031/"], 1, "no error records found"),
        (["summaries", "get", "s3://no-such-bucket/x.json"], 3, "does not exist"),
        (["summaries", "get", f"s3://{OUTPUT_BUCKET}/summaries/nope.json"], 1, "does not exist"),
        (["summaries", "export", "s3://no-such-bucket/"], 3, "does not exist"),
    ],
)
def test_exit_codes_and_messages(filled, capsys, argv, exit_code, message):
    code, _, err = run(capsys, *argv)
    assert code == exit_code
    assert message in err


def test_json_errors_carry_the_code(filled, capsys):
    code, out, _ = run(capsys, "summaries", "ls", "s3://no-such-bucket/", "--json")
    assert code == 3 and json.loads(out) == {
        "error": {"code": "bucket_not_found", "message": "bucket 'no-such-bucket' does not exist (or is in "
                  "another account)"}
    }


def test_no_bucket_anywhere_is_a_configuration_error(s3, capsys, monkeypatch):
    monkeypatch.delenv("NEWSDROP_OUTPUT_BUCKET")
    code, _, err = run(capsys, "summaries", "ls")
    assert code == 2 and "which bucket?" in err


def test_bad_since_is_a_usage_error(filled, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["summaries", "ls", "--since", "last tuesday"])
    assert caught.value.code == 2


def test_summaries_without_a_verb_prints_help(capsys):
    code, out, _ = run(capsys, "summaries")
    assert code == 2 and "ls" in out and "export" in out


def test_a_corrupt_file_is_reported_the_rest_listed_exit_1(filled, capsys):
    put(filled, "summaries/broken.txt.json", b"{not json")
    code, out, err = run(capsys, "summaries", "ls", "--json")
    assert code == 1
    assert len(json_lines(out)) == 3
    assert "broken.txt.json" in err and "1 file(s)" in err


def test_a_newer_schema_is_listed_with_a_warning_exit_0(filled, capsys):
    future = article("future.txt", title="Future").model_dump(mode="json") | {"schema_version": "2.0", "x": 1}
    put(filled, "summaries/future.txt.json", json.dumps(future))
    code, out, err = run(capsys, "summaries", "ls", "--json")
    assert code == 0 and "Future" in out
    assert "newer schema" in err


# ---------------------------------------------------------------- get


@pytest.mark.parametrize(
    "target",
    [
        f"s3://{OUTPUT_BUCKET}/summaries/a.txt.json",
        "summaries/a.txt.json",
        "incoming/a.txt",  # the input key, mapped through the key layout
    ],
)
def test_get_prints_one_summary(filled, capsys, target):
    code, out, _ = run(capsys, "summaries", "get", target)
    assert code == 0
    assert json.loads(out)["title"] == "Bridge reopens"


def test_get_json_is_one_line_and_error_records_work(filled, capsys):
    code, out, _ = run(capsys, "summaries", "get", "errors/scan.pdf.json", "--json")
    assert code == 0 and out.count("\n") == 1
    assert json.loads(out)["error"]["code"] == "unsupported_format"


def test_get_of_a_multi_article_input_points_at_its_records(filled, capsys):
    code, _, err = run(capsys, "summaries", "get", "incoming/feed.jsonl")
    assert code == 1 and "summaries/feed.jsonl/" in err and "export" in err


# ---------------------------------------------------------------- export


def test_export_writes_json_lines_to_stdout(filled, capsys):
    from newsdrop.contract import ArticleSummary

    code, out, _ = run(capsys, "summaries", "export")
    records = [ArticleSummary.model_validate_json(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 3


def test_export_to_a_file_with_errors(filled, capsys, tmp_path):
    target = tmp_path / "all.jsonl"
    code, out, _ = run(capsys, "summaries", "export", "-o", str(target), "--include-errors", "--json")
    lines = json_lines(target.read_text(encoding="utf-8"))
    assert code == 0 and len(lines) == 5
    assert sum("error" in line for line in lines) == 2
    assert json.loads(out) == {"written": 5, "file": str(target), "bad": 0}


# ---------------------------------------------------------------- errors


def test_errors_lists_codes(filled, capsys):
    code, out, _ = run(capsys, "summaries", "errors")
    assert code == 0 and "unsupported_format" in out and "empty_object" in out


def test_errors_json_and_code_filter(filled, capsys):
    code, out, _ = run(capsys, "summaries", "errors", "--code", "empty_object", "--json")
    rows = json_lines(out)
    assert code == 0 and [r["key"] for r in rows] == ["incoming/empty.txt"]
    assert rows[0]["code"] == "empty_object"


# ---------------------------------------------------------------- against the embedded stack (moto's server)


@pytest.mark.e2e
def test_defaults_come_from_the_embedded_stack(capsys, monkeypatch):
    """No bucket, no queue on the command line: both come from the stack's Outputs at --endpoint-url."""
    import contextlib
    import io

    from newsdrop.local.stack import embedded_stack
    from newsdrop.settings import ENV_NAMES
    from tests.conftest import SAMPLE

    with embedded_stack() as stack:
        stack.upload(SAMPLE)
        with contextlib.redirect_stdout(io.StringIO()):
            stack.drain(expected=1)
        for name in ENV_NAMES:  # what a second terminal next to `newsdrop up` has: nothing
            monkeypatch.delenv(name, raising=False)
        endpoint = ["--endpoint-url", stack.endpoint_url]

        ls_code, ls_out, _ = run(capsys, "summaries", "ls", "--json", *endpoint)
        inputs = f"s3://{stack.input_bucket}/{stack.input_prefix}"
        bf_code, bf_out, _ = run(capsys, "backfill", inputs, "--json", *endpoint)
        with contextlib.redirect_stdout(io.StringIO()):
            redriven = stack.drain(expected=1)

    assert ls_code == 0 and [r["key"] for r in json_lines(ls_out)] == [f"incoming/{SAMPLE.name}"]
    assert bf_code == 0 and json.loads(bf_out)["sent"] == 1
    assert sum(r.received for r in redriven) == 1 and not any(r.failed for r in redriven)


@pytest.mark.parametrize(("extra", "shown"), [([], True), (["--no-progress"], False)])
def test_a_progress_bar_on_a_terminal(filled, capsys, monkeypatch, extra, shown):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich: stderr counts as a terminal
    code, out, err = run(capsys, "summaries", "ls", "--json", *extra)
    assert code == 0 and len(json_lines(out)) == 3, "the bar goes to stderr, never into the JSON"
    assert ("reading s3://" in err) is shown


def test_inconsistent_settings_are_a_configuration_error(filled, capsys, monkeypatch):
    monkeypatch.setenv("NEWSDROP_SUMMARY_PREFIX", "incoming/")  # overlaps the input prefix
    code, _, err = run(capsys, "summaries", "ls")
    assert code == 2 and "overlaps" in err
