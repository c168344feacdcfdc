"""The Lambda context both cold-start children pass to their handler (what Powertools reads)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass

RESULT_PREFIX = "BENCH_RESULT "
# Top-level packages that must stay off the plain-text path (HTML extraction and its parsers).
HEAVY = ("trafilatura", "lxml", "justext", "htmldate", "courlan", "readability", "bs4", "html5lib",
         "lxml_html_clean", "newsdrop.text.html")


@dataclass
class LambdaContext:
    function_name: str = "bench"
    memory_limit_in_mb: int = 1024
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:bench"
    aws_request_id: str = "00000000-0000-0000-0000-000000000000"

    def get_remaining_time_in_millis(self) -> int:
        return 120_000


def report(result: object) -> None:
    """Print the child's answer (and the modules it loaded) as the last line of stdout, then exit at once."""
    loaded = sorted({name.split(".")[0] for name in sys.modules})
    heavy = sorted(name for name in HEAVY if name in sys.modules)
    print(RESULT_PREFIX + json.dumps({"result": result, "heavy": heavy, "modules": loaded}, default=str))
    # A Lambda environment is frozen, not torn down, after the invocation: skip the interpreter's
    # shutdown (module teardown, final collection) so it does not count in the measured time.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def read_event() -> dict:
    with open(sys.argv[1], encoding="utf-8") as f:
        return json.load(f)
