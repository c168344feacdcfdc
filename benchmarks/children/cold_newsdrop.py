"""Cold start, newsdrop: import the handler and handle one SQS event (run as a fresh process)."""

from __future__ import annotations

from lambda_context import LambdaContext, read_event, report

event = read_event()
from newsdrop.handler import lambda_handler  # noqa: E402  (the import is what is measured)

report(lambda_handler(event, LambdaContext()))
