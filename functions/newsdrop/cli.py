"""`newsdrop` command line: demo | up | invoke | process | schema.

Exit codes scripts can rely on: 0 everything worked, 1 some input became an
error record (or a record failed), 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
DEFAULT_ARTICLES = Path("events/articles")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args) or EXIT_OK)
    except KeyboardInterrupt:
        return 130
    except FileNotFoundError as error:
        print(f"newsdrop: {error}", file=sys.stderr)
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsdrop", description="Serverless news ingestion, locally.")
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser(
        "demo", help="run the function on the embedded S3 + SQS stack with the sample articles"
    )
    demo.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="folder of articles to upload")
    demo.add_argument("--out", type=Path, default=Path("out"), help="where to copy the summaries")
    demo.add_argument("--verbose", action="store_true", help="show the function's structured logs")
    demo.set_defaults(run=_demo)

    up = sub.add_parser("up", help="keep the embedded stack running; drop files into it with any S3 client")
    up.add_argument("--port", type=int, default=5055, help="port on 127.0.0.1 (default 5055)")
    up.add_argument("--verbose", action="store_true")
    up.set_defaults(run=_up)

    invoke = sub.add_parser(
        "invoke", help="run the real handler on a sample event (like `sam local invoke -e`)"
    )
    invoke.add_argument("event", type=Path, help="event JSON, e.g. events/s3-put.json")
    invoke.add_argument(
        "--articles",
        type=Path,
        default=DEFAULT_ARTICLES,
        help="where the objects the event names are read from when seeding the embedded S3",
    )
    invoke.add_argument(
        "--endpoint-url", help="use this S3/SQS endpoint (LocalStack, MinIO) instead of the embedded one"
    )
    invoke.add_argument("--profile", help="AWS profile for --endpoint-url or a real account")
    invoke.add_argument("--region", help="AWS region")
    invoke.add_argument(
        "--aws", action="store_true", help="run against the real account of --profile/--region"
    )
    invoke.add_argument("--verbose", action="store_true")
    invoke.set_defaults(run=_invoke)

    process = sub.add_parser("process", help="summarize local files, no AWS at all")
    process.add_argument("files", nargs="+", type=Path)
    process.add_argument("--jsonl", action="store_true", help="one JSON line per summary")
    process.add_argument("--content-type", help="treat every file as this content type")
    process.set_defaults(run=_process)

    schema = sub.add_parser("schema", help="print the JSON Schema of ArticleSummary v1")
    schema.add_argument("--error", action="store_true", help="print the error record's schema instead")
    schema.set_defaults(run=_schema)

    from newsdrop.cli_summaries import add_reader_commands

    add_reader_commands(sub)  # summaries ls|get|export|errors, backfill
    return parser


# --- process / schema -----------------------------------------------------------------------


def _process(args: argparse.Namespace) -> int:
    from newsdrop.errors import InputError
    from newsdrop.pipeline import summarize_all

    status = EXIT_OK
    for path in args.files:
        data = path.read_bytes()
        try:
            summaries = summarize_all(data, name=path.name, content_type=args.content_type)
        except InputError as error:
            print(
                json.dumps({"file": str(path), "error": {"code": error.code, "message": error.message}}),
                file=sys.stderr,
            )
            status = EXIT_REJECTED
            continue
        for summary in summaries:
            print(summary.model_dump_json() if args.jsonl else summary.model_dump_json(indent=2))
    return status


def _schema(args: argparse.Namespace) -> int:
    from newsdrop.contract import error_json_schema, json_schema

    print(json.dumps(error_json_schema() if args.error else json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


# --- the embedded stack ---------------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    from newsdrop.local.stack import embedded_stack

    articles = sorted(p for p in args.articles.iterdir() if p.is_file())
    if not articles:
        print(f"newsdrop: no articles in {args.articles}", file=sys.stderr)
        return EXIT_USAGE
    with embedded_stack(verbose=args.verbose) as stack:
        print(
            f"embedded stack on {stack.endpoint_url}: input s3://{stack.input_bucket}/{stack.input_prefix} "
            f"→ queue → newsdrop.handler.lambda_handler → s3://{stack.output_bucket}/"
        )
        for path in articles:
            stack.upload(path)
        with contextlib.nullcontext() if args.verbose else contextlib.redirect_stdout(io.StringIO()):
            results = stack.drain(expected=len(articles))  # quiet: the handler's metric lines
        failed = sum(len(r.failed) for r in results)
        rows = stack.collect(args.out)
    _print_table(rows)
    print(
        f"\n{len(rows)} outputs for {len(articles)} uploads; {failed} failed batch records; "
        f"summaries written to {args.out}/"
    )
    return EXIT_OK if failed == 0 and all(r["status"] == "summary" for r in rows) else EXIT_REJECTED


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM both stop `newsdrop up` cleanly (SIGINT may arrive ignored in a background job)."""
    import signal

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)


def _up(args: argparse.Namespace) -> int:
    from newsdrop.local.stack import embedded_stack

    _stop_on_signals()
    with embedded_stack(port=args.port, verbose=args.verbose) as stack:
        print(
            f"newsdrop is up on {stack.endpoint_url} (Ctrl-C stops it)\n"
            f"  upload:  aws --endpoint-url {stack.endpoint_url} s3 cp article.txt "
            f"s3://{stack.input_bucket}/{stack.input_prefix}article.txt\n"
            f"  read:    aws --endpoint-url {stack.endpoint_url} s3 ls --recursive s3://{stack.output_bucket}/\n"
            f"  (any credentials work; region {stack.region})",
            flush=True,
        )
        try:
            with open(os.devnull, "w") as devnull, contextlib.ExitStack() as quiet:
                if not args.verbose:  # the handler's metric lines; logs go to stderr at ERROR level
                    quiet.enter_context(contextlib.redirect_stdout(devnull))
                stack.serve(on_batch=_report_batch)
        except KeyboardInterrupt:
            print("\nstopping", flush=True)
    return EXIT_OK


def _report_batch(result: Any) -> None:
    """One line per handled batch, on the real stdout even while the handler's output is hidden."""
    line = f"handled {result.received} message(s), {len(result.failed)} failed"
    print(line, file=sys.__stdout__, flush=True)


def _invoke(args: argparse.Namespace) -> int:
    from newsdrop.local.stack import embedded_stack, invoke_remote

    event = json.loads(args.event.read_text(encoding="utf-8"))
    if args.endpoint_url or args.aws:
        result = invoke_remote(
            event, endpoint_url=args.endpoint_url, profile=args.profile, region=args.region
        )
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
        return EXIT_OK
    with embedded_stack(verbose=args.verbose) as stack:
        stack.seed_from_event(event, args.articles)
        with contextlib.nullcontext() if args.verbose else contextlib.redirect_stdout(io.StringIO()):
            result = stack.invoke(event)
        outputs = stack.read_outputs()
    print(json.dumps({"response": result, "outputs": outputs}, indent=2, ensure_ascii=False, default=str))
    failed = result.get("batchItemFailures") if isinstance(result, dict) else None
    errors = any(k.startswith("errors/") for k in outputs)
    return EXIT_REJECTED if failed or errors else EXIT_OK


def _print_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="newsdrop summaries")
    for column in ("key", "title", "language", "people", "quotes", "ms"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["key"], row["title"], row["language"], row["people"], str(row["quotes"]), row["ms"])
    Console(width=160).print(table)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
