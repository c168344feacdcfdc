"""`newsdrop summaries ls|get|export|errors` and `newsdrop backfill`: read and reprocess summaries.

They work against the embedded stack (`newsdrop up`, then ``--endpoint-url http://127.0.0.1:5055``), any
S3-compatible endpoint, or a real account (``--profile``/``--region``). Buckets and the queue come from,
in order: the command line, ``NEWSDROP_OUTPUT_BUCKET`` / ``NEWSDROP_QUEUE_URL``, the Outputs of the
CloudFormation stack (``--stack-name``; ``newsdrop-local`` on a loopback endpoint, else ``newsdrop``).

Exit codes (every verb): 0 ok; 1 some records bad, or none found; 2 usage or configuration;
3 AWS error (missing bucket or queue, access denied, endpoint unreachable).
With ``--json`` stdout carries JSON only (JSON Lines for lists); notes go to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

EXIT_OK, EXIT_BAD, EXIT_USAGE, EXIT_AWS = 0, 1, 2, 3
QUEUE_URL_ENV = "NEWSDROP_QUEUE_URL"
STACK_NAME_ENV = "NEWSDROP_STACK_NAME"
LOCAL_STACK_NAME, DEFAULT_STACK_NAME = "newsdrop-local", "newsdrop"
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_RELATIVE = re.compile(r"^(\d+)([hdw])$")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}
MAX_PEOPLE = 3


class UsageError(Exception):
    """Bad arguments or missing configuration (exit 2)."""


# ---------------------------------------------------------------- registration


def add_reader_commands(sub: Any) -> None:
    """Register ``summaries`` (ls, get, export, errors) and ``backfill`` on ``sub`` (argparse subparsers)."""
    summaries = sub.add_parser("summaries", help="read summaries and error records from S3")
    verbs = summaries.add_subparsers(dest="verb")
    summaries.set_defaults(run=lambda args: _help(summaries))

    ls = verbs.add_parser("ls", help="a table of summaries: key, title, language, published, people")
    _location(ls)
    _filters(ls)
    ls.add_argument("--limit", type=int, help="stop after this many rows")
    _common(ls)
    ls.set_defaults(run=_guard(_ls))

    get = verbs.add_parser("get", help="print one summary (or error record) as JSON")
    get.add_argument("key", help="s3://bucket/key, a summary key, or the input key it came from")
    _common(get)
    get.set_defaults(run=_guard(_get))

    export = verbs.add_parser("export", help="write summaries as JSON Lines to stdout or a file")
    _location(export)
    _filters(export)
    export.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    export.add_argument("--include-errors", action="store_true", help="export the error records too")
    _common(export)
    export.set_defaults(run=_guard(_export))

    errors = verbs.add_parser("errors", help="list error records with their codes")
    _location(errors, what="error records", default_prefix="errors/")
    errors.add_argument("--since", type=_since, help="processed at or after (2024-03-01, 7d, 12h)")
    errors.add_argument("--code", help="only this error code (e.g. unsupported_format)")
    _common(errors)
    errors.set_defaults(run=_guard(_errors))

    backfill = sub.add_parser(
        "backfill", help="re-drive input objects through the ingest queue (synthetic S3 notifications)"
    )
    backfill.add_argument("location", help="s3://input-bucket/prefix of the objects to process again")
    backfill.add_argument("--dry-run", action="store_true", help="count and list, send nothing")
    backfill.add_argument(
        "--only-outdated",
        action="store_true",
        help="only objects whose output is missing or older than this code's processor/schema version",
    )
    backfill.add_argument("--queue-url", help=f"ingest queue (default: ${QUEUE_URL_ENV} or the stack's)")
    backfill.add_argument("--output-bucket", help="where the outputs live (for --only-outdated)")
    backfill.add_argument(
        "--processor-version", help="compare with this version instead of the installed newsdrop's"
    )
    backfill.add_argument(
        "--suffix", action="append", default=[], help="only keys ending with this (repeatable: .txt .html)"
    )
    backfill.add_argument("--limit", type=int, help="stop after this many objects")
    _common(backfill)
    backfill.set_defaults(run=_guard(_backfill))


def _location(parser: argparse.ArgumentParser, what: str = "summaries", default_prefix: str = "") -> None:
    parser.add_argument(
        "location",
        nargs="?",
        help=f"s3://bucket/prefix of the {what} (default: the stack's output bucket, "
        f"{default_prefix or 'summaries/'})",
    )


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=_since, help="published at or after: 2024-03-01, 2024-03-01T12:00Z, 7d, 12h"
    )
    parser.add_argument("--language", help="ISO 639-1 code, e.g. en")
    parser.add_argument("--entity", help="an entity name or alias (case-insensitive)")
    parser.add_argument("--entity-type", help="with --entity: PERSON, ORGANIZATION, LOCATION, MISC")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint-url", help="S3/SQS endpoint (newsdrop up, LocalStack, MinIO)")
    parser.add_argument("--profile", help="AWS profile")
    parser.add_argument("--region", help="AWS region")
    parser.add_argument("--stack-name", help=f"CloudFormation stack for defaults (${STACK_NAME_ENV})")
    parser.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return EXIT_USAGE


def _since(text: str) -> datetime:
    """An ISO date/datetime, or a relative age like 7d, 12h, 2w."""
    match = _RELATIVE.match(text.strip().lower())
    if match:
        return datetime.now(UTC) - timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    from newsdrop.reader import parse_when

    parsed = parse_when(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a date, datetime or age (7d, 12h): {text!r}")
    return parsed


# ---------------------------------------------------------------- connection and defaults


@dataclass
class Connection:
    """Where to talk to, and what the stack says (lazily)."""

    endpoint_url: str | None
    profile: str | None
    region: str | None
    stack_name: str | None
    _session: Any = field(default=None, init=False, repr=False)
    _outputs: dict[str, str] | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Connection:
        return cls(args.endpoint_url, args.profile, args.region, args.stack_name)

    def session(self) -> Any:
        """A boto3 session for --profile/--region; any credentials do for a loopback endpoint."""
        if self._session is None:
            import boto3
            from botocore.exceptions import ProfileNotFound

            try:
                session = boto3.session.Session(profile_name=self.profile, region_name=self.region)
            except ProfileNotFound as error:
                raise UsageError(str(error)) from error
            region = session.region_name or ("us-east-1" if self._loopback() else None)
            if region is None:
                raise UsageError("no AWS region: pass --region or set AWS_REGION")
            if self._loopback() and session.get_credentials() is None:  # `newsdrop up` takes any
                session = boto3.session.Session(
                    aws_access_key_id="newsdrop-local", aws_secret_access_key="newsdrop-local",
                    region_name=region,
                )
            elif region != session.region_name:
                session = boto3.session.Session(profile_name=self.profile, region_name=region)
            self._session = session
        return self._session

    def client(self, name: str) -> Any:
        return self.session().client(name, endpoint_url=self.endpoint_url)

    def region_name(self) -> str:
        return self.session().region_name or "us-east-1"

    def _loopback(self) -> bool:
        return bool(self.endpoint_url) and (urlparse(self.endpoint_url).hostname or "") in LOOPBACK

    def default_stack(self) -> str:
        return (
            self.stack_name
            or os.environ.get(STACK_NAME_ENV)
            or (LOCAL_STACK_NAME if self._loopback() else DEFAULT_STACK_NAME)
        )

    def stack_outputs(self) -> dict[str, str]:
        """The stack's Outputs, or {} when there is no such stack (or no permission to see it)."""
        if self._outputs is None:
            from botocore.exceptions import BotoCoreError, ClientError

            try:
                stacks = self.client("cloudformation").describe_stacks(StackName=self.default_stack())
                outputs = stacks["Stacks"][0].get("Outputs", [])
                self._outputs = {o["OutputKey"]: o["OutputValue"] for o in outputs}
            except (ClientError, BotoCoreError, IndexError, KeyError):
                self._outputs = {}
        return self._outputs

    def settings(self) -> Any:
        """Function settings from the environment, with the stack's prefixes when it has them."""
        from newsdrop.errors import ConfigurationError
        from newsdrop.settings import Settings

        outputs = self.stack_outputs() if not _env_has_settings() else {}
        values = {
            "input_prefix": outputs.get("InputPrefix"),
            "summary_prefix": outputs.get("SummaryPrefix"),
            "error_prefix": outputs.get("ErrorPrefix"),
            "output_bucket": outputs.get("OutputBucketName"),
        }
        try:
            return Settings.load(**{k: v for k, v in values.items() if v})
        except ConfigurationError as error:
            raise UsageError(f"inconsistent NEWSDROP_* settings: {error.message}") from error

    def output_bucket(self) -> str:
        from newsdrop.settings import OUTPUT_BUCKET

        bucket = os.environ.get(OUTPUT_BUCKET) or self.stack_outputs().get("OutputBucketName")
        if not bucket:
            raise UsageError(
                "which bucket? pass s3://bucket/prefix, set NEWSDROP_OUTPUT_BUCKET, or point --endpoint-url "
                f"at a running `newsdrop up` (stack {self.default_stack()!r} not found)"
            )
        return bucket

    def queue_url(self) -> str | None:
        return os.environ.get(QUEUE_URL_ENV) or self.stack_outputs().get("IngestQueueUrl")


def _env_has_settings() -> bool:
    from newsdrop.settings import ENV_NAMES

    return any(name in os.environ for name in ENV_NAMES)


def parse_s3_uri(text: str) -> tuple[str, str]:
    """``s3://bucket/prefix`` → (bucket, prefix)."""
    parsed = urlparse(text)
    if parsed.scheme != "s3" or not parsed.netloc:
        raise UsageError(f"expected s3://bucket/prefix, got {text!r}")
    return parsed.netloc, parsed.path.lstrip("/")


def _where(args: argparse.Namespace, connection: Connection, default_prefix: str) -> tuple[str, str]:
    if args.location:
        return parse_s3_uri(args.location)
    return connection.output_bucket(), default_prefix


# ---------------------------------------------------------------- error handling and progress


def _guard(command: Any) -> Any:
    """Map errors to the documented exit codes, with a one-line message on stderr."""

    def run(args: argparse.Namespace) -> int:
        from botocore.exceptions import BotoCoreError, NoCredentialsError, NoRegionError

        from newsdrop.backfill import BackfillError
        from newsdrop.errors import ConfigurationError
        from newsdrop.reader import ReaderError

        try:
            return command(args)
        except (UsageError, ConfigurationError, NoCredentialsError, NoRegionError) as error:
            _fail(args, "configuration", str(error))
            return EXIT_USAGE
        except BackfillError as error:
            _fail(args, error.code, error.message)
            return EXIT_AWS if error.code == "queue_not_found" else EXIT_USAGE
        except ReaderError as error:
            _fail(args, error.code, error.message)
            return EXIT_AWS
        except BotoCoreError as error:
            _fail(args, "aws_error", str(error))
            return EXIT_AWS
        except BrokenPipeError:  # `newsdrop summaries export | head`: the reader left, not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK

    return run


def _fail(args: argparse.Namespace, code: str, message: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps({"error": {"code": code, "message": message}}))
    print(f"newsdrop: {message}", file=sys.stderr)


def _note(message: str) -> None:
    print(message, file=sys.stderr)


@contextlib.contextmanager
def _progress(args: argparse.Namespace, description: str) -> Iterator[Any]:
    """A rich progress bar on stderr (only on a terminal); yields ``advance(n=1)``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    console = Console(stderr=True)
    progress = Progress(
        SpinnerColumn(),
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        redirect_stdout=False,  # stdout is the data (JSON Lines, JSON): never routed through the bar
        redirect_stderr=False,
        disable=args.no_progress or not console.is_terminal,
    )
    with progress:
        task = progress.add_task(description, total=None)
        yield lambda n=1: progress.advance(task, n)


@contextlib.contextmanager
def _counting_warnings() -> Iterator[list[str]]:
    """Collect the reader's warnings (corrupt files, newer schema) to print them once, on stderr."""
    from newsdrop.reader import CorruptSummaryWarning, NewerSchemaWarning

    seen: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NewerSchemaWarning)
        warnings.simplefilter("always", CorruptSummaryWarning)
        try:
            yield seen
        finally:
            seen.extend(str(w.message) for w in caught)
    for message in seen:
        _note(f"warning: {message}")


# ---------------------------------------------------------------- summaries ls / export / errors / get


def _scan(args: argparse.Namespace, connection: Connection, bucket: str, prefix: str, **extra: Any) -> Any:
    from newsdrop.reader import iter_summaries

    return iter_summaries(
        bucket,
        prefix,
        since=getattr(args, "since", None),
        language=getattr(args, "language", None),
        entity=getattr(args, "entity", None),
        entity_type=getattr(args, "entity_type", None),
        client=connection.client("s3"),
        **extra,
    )


def _ls(args: argparse.Namespace) -> int:
    connection = Connection.from_args(args)
    bucket, prefix = _where(args, connection, connection.settings().summary_prefix)
    rows: list[dict[str, Any]] = []
    with _counting_warnings(), _progress(args, f"reading s3://{bucket}/{prefix}") as advance:
        scan = _scan(args, connection, bucket, prefix, on_object=lambda _: advance())
        for summary in scan:
            row = _row(summary)
            if args.json:
                print(json.dumps(row, ensure_ascii=False))
            rows.append(row)
            if args.limit is not None and len(rows) >= args.limit:
                break
    if not args.json:
        _table(rows)
    return _finish(scan.stats, len(rows), f"s3://{bucket}/{prefix}", "summaries")


def _row(summary: Any) -> dict[str, Any]:
    people = [e.name for e in summary.entities if e.type == "PERSON"]
    return {
        "key": _output_key(summary),
        "title": summary.title,
        "language": summary.language,
        "published": summary.published,
        "people": people,
    }


def _output_key(summary: Any) -> str:
    """The summary's own S3 key is not in the record; show the input key it came from."""
    return summary.source.key or summary.id


def _table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("key", "title", "language", "published", "people"):
        table.add_column(column, overflow="fold")
    for row in rows:
        people = ", ".join(row["people"][:MAX_PEOPLE]) + (" …" if len(row["people"]) > MAX_PEOPLE else "")
        table.add_row(row["key"], row["title"] or "(no headline)", row["language"] or "?",
                      row["published"] or "", people)
    Console(width=160).print(table)


def _finish(stats: Any, found: int, where: str, what: str) -> int:
    if stats.bad:
        _note(f"{len(stats.bad)} file(s) under {where} were not valid records and were skipped")
    if stats.newer_schema:
        _note(f"{stats.newer_schema} record(s) were written by a newer schema version (read leniently)")
    if found == 0:
        filtered = f" ({stats.filtered} filtered out)" if stats.filtered else ""
        _note(f"no {what} found under {where}{filtered}")
        return EXIT_BAD
    return EXIT_BAD if stats.bad else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    connection = Connection.from_args(args)
    bucket, prefix = _where(args, connection, connection.settings().summary_prefix)
    written = 0
    with contextlib.ExitStack() as stack:
        out = (
            stack.enter_context(args.output.open("w", encoding="utf-8")) if args.output else sys.stdout
        )
        stack.enter_context(_counting_warnings())
        advance = stack.enter_context(_progress(args, f"exporting s3://{bucket}/{prefix}"))
        scan = _scan(
            args, connection, bucket, prefix, include_errors=args.include_errors,
            error_prefix=connection.settings().error_prefix, on_object=lambda _: advance(),
        )
        for record in scan:
            out.write(record.model_dump_json() + "\n")
            written += 1
    if args.output:
        report = {"written": written, "file": str(args.output), "bad": len(scan.stats.bad)}
        if args.json:
            print(json.dumps(report))
        else:
            _note(f"{written} record(s) written to {args.output}")
    return _finish(scan.stats, written, f"s3://{bucket}/{prefix}", "summaries")


def _errors(args: argparse.Namespace) -> int:
    from newsdrop.models import ErrorRecord

    connection = Connection.from_args(args)
    bucket, prefix = _where(args, connection, connection.settings().error_prefix)
    rows = []
    with _counting_warnings(), _progress(args, f"reading s3://{bucket}/{prefix}") as advance:
        scan = _scan(args, connection, bucket, prefix, include_errors=True, error_prefix=None,
                     on_object=lambda _: advance())
        for record in scan:
            if not isinstance(record, ErrorRecord) or (args.code and record.error.code != args.code):
                continue
            row = {
                "key": record.source.key,
                "code": record.error.code,
                "message": record.error.message,
                "processed_at": record.processor.processed_at,
            }
            if args.json:
                print(json.dumps(row, ensure_ascii=False))
            rows.append(row)
    if not args.json:
        _error_table(rows)
    return _finish(scan.stats, len(rows), f"s3://{bucket}/{prefix}", "error records")


def _error_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in ("key", "code", "message", "processed_at"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["key"] or "", row["code"], row["message"], row["processed_at"])
    Console(width=160).print(table)


def _get(args: argparse.Namespace) -> int:
    from newsdrop.reader import CorruptSummaryError, SummaryNotFoundError, read_summary

    connection = Connection.from_args(args)
    bucket, key = _resolve_get_key(args.key, connection)
    client = connection.client("s3")
    with _counting_warnings():
        try:
            record = read_summary(bucket, key, client=client)
        except SummaryNotFoundError as error:
            _fail(args, error.code, error.message + _multi_hint(client, bucket, key))
            return EXIT_BAD
        except CorruptSummaryError as error:
            _fail(args, error.code, error.message)
            return EXIT_BAD
    print(record.model_dump_json() if args.json else record.model_dump_json(indent=2))
    return EXIT_OK


def _resolve_get_key(text: str, connection: Connection) -> tuple[str, str]:
    """s3://bucket/key, a summary/error key, or an input key (mapped through the key layout)."""
    from newsdrop.storage import summary_key

    if text.startswith("s3://"):
        return parse_s3_uri(text)
    settings = connection.settings()
    bucket = connection.output_bucket()
    if settings.is_output_key(text):
        return bucket, text
    return bucket, summary_key(settings, text)


def _multi_hint(client: Any, bucket: str, key: str) -> str:
    """A multi-article input has summaries/<key>/00000.json...: say so."""
    folder = key.removesuffix(".json") + "/"
    listed = client.list_objects_v2(Bucket=bucket, Prefix=folder, MaxKeys=1).get("Contents", [])
    if listed:
        return f" (it holds several articles: `newsdrop summaries export s3://{bucket}/{folder}`)"
    return ""


# ---------------------------------------------------------------- backfill


def _backfill(args: argparse.Namespace) -> int:
    from newsdrop import __version__
    from newsdrop.backfill import BackfillOptions, backfill

    bucket, prefix = parse_s3_uri(args.location)
    connection = Connection.from_args(args)
    settings = connection.settings()
    queue_url = args.queue_url or (None if args.dry_run else connection.queue_url())
    options = BackfillOptions(
        bucket=bucket,
        prefix=prefix,
        settings=settings,
        output_bucket=args.output_bucket,
        queue_url=queue_url,
        dry_run=args.dry_run,
        only_outdated=args.only_outdated,
        processor_version=args.processor_version or __version__,
        suffixes=tuple(args.suffix),
        limit=args.limit,
        region=connection.region_name(),
    )
    s3 = connection.client("s3")
    sqs = None if args.dry_run else connection.client("sqs")
    verb = "checking" if args.only_outdated else "listing"
    with _progress(args, f"{verb} s3://{bucket}/{prefix}") as advance:
        result = backfill(s3, sqs, options, on_object=advance)
    return _backfill_report(args, options, result)


def _backfill_report(args: argparse.Namespace, options: Any, result: Any) -> int:
    where = f"s3://{options.bucket}/{options.prefix}"
    if args.json:
        print(json.dumps({"location": where, "dry_run": options.dry_run,
                          **result.as_dict(with_keys=options.dry_run)}, ensure_ascii=False))
    else:
        if options.dry_run:
            for item in result.selected:
                print(f"{item.key}\t{item.size}\t{item.reason}")
        skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(result.skipped.items())) or "none"
        sent = f"sent {result.sent} to {options.queue_url};"
        action = "nothing sent (dry run);" if options.dry_run else sent
        _note(f"{result.listed} object(s) listed under {where}; {len(result.selected)} selected; "
              f"{action} skipped: {skipped}")
        if result.failed:
            _note(f"{len(result.failed)} message(s) could not be sent, first: {result.failed[0]}")
    if result.failed:
        return EXIT_BAD
    if result.listed == 0:
        _note(f"no objects under {where}")
        return EXIT_BAD
    return EXIT_OK


__all__ = ["add_reader_commands", "parse_s3_uri"]

