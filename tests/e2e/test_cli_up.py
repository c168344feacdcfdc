"""`newsdrop up` in its own process: a file dropped in with plain boto3 becomes a summary; SIGINT stops it."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import SAMPLE

pytestmark = pytest.mark.e2e
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_up_serves_until_interrupted():
    import boto3

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdrop.cli", "up", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        first = process.stdout.readline()  # blocks until the stack is deployed
        assert f"newsdrop is up on http://127.0.0.1:{port}" in first
        s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                          aws_access_key_id="any", aws_secret_access_key="any")
        buckets = [b["Name"] for b in s3.list_buckets()["Buckets"]]
        source = next(b for b in buckets if "-input-" in b)
        target = next(b for b in buckets if "-output-" in b)
        s3.put_object(Bucket=source, Key="incoming/dropped in.txt", Body=SAMPLE.read_bytes())

        deadline = time.monotonic() + STARTUP_SECONDS
        keys: list[str] = []
        while not keys and time.monotonic() < deadline:
            time.sleep(0.5)
            keys = [o["Key"] for o in s3.list_objects_v2(Bucket=target).get("Contents", [])]
        assert keys == ["summaries/dropped in.txt.json"]
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "stopping" in output
