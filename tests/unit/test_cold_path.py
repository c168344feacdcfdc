"""What the Lambda path imports: a cold start pays for every module, so the expensive ones stay off it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Loaded by a fresh process that imports the handler and summarizes a plain-text article.
PROBE = """
import json, sys
import newsdrop.handler
from newsdrop.pipeline import summarize
summary = summarize(b'Mayor Ana Ruiz said the bridge on Main Street reopens on Monday.', name='a.txt')
summary.model_dump_json()
print(json.dumps(sorted(sys.modules)))
"""

# module prefix → why it must not be imported on the plain-text Lambda path
KEPT_OFF = {
    "pydantic": "the records are dataclasses; importing pydantic and building models costs about 80 ms",
    "aws_lambda_powertools.utilities.batch": "its import loads every event data class (about 60 ms)",
    "aws_lambda_powertools.utilities.data_classes": "about 40 ms; only S3 Batch Operations jobs need it",
    "trafilatura": "HTML only",
    "lxml": "HTML only",
}


@pytest.fixture(scope="module")
def loaded() -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("prefix", sorted(KEPT_OFF))
def test_the_plain_text_lambda_path_does_not_import(loaded: list[str], prefix: str) -> None:
    found = [name for name in loaded if name == prefix or name.startswith(prefix + ".")]
    assert not found, f"{prefix} was imported ({KEPT_OFF[prefix]}): {found[:5]}"


def test_the_probe_sees_what_it_imports(loaded: list[str]) -> None:
    assert "newsdrop.handler" in loaded and "newsdrop.text.entities" in loaded
