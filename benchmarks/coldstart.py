"""Figure 1: cold start of newsdrop's handler against a minimal Powertools handler, one moto server.

The moto server runs in this process (a thread), started once; every measured run is a fresh Python
process that imports its handler and handles one SQS event naming the shared sample, uploaded under
a new key per round (so newsdrop never sees its own earlier output and skips as a duplicate).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.corpus import ROOT, sample_bytes
from benchmarks.measure import ChildRun, child_env, median, run_child

CHILDREN = Path(__file__).resolve().parent / "children"
BUCKET = "newsdrop-bench"
REGION = "us-east-1"
EVENT = ROOT / "events" / "sqs-batch.json"


@dataclass
class ColdStart:
    """Per-round CPU and wall seconds of both children, and what the newsdrop child imported."""

    newsdrop_cpu: list[float] = field(default_factory=list)
    baseline_cpu: list[float] = field(default_factory=list)
    newsdrop_wall: list[float] = field(default_factory=list)
    baseline_wall: list[float] = field(default_factory=list)
    without_bytecode_cpu: list[float] = field(default_factory=list)  # newsdrop, every module compiled
    heavy: set[str] = field(default_factory=set)
    third_party: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return median(self.newsdrop_cpu) / median(self.baseline_cpu)

    @property
    def wall_ratio(self) -> float:
        return median(self.newsdrop_wall) / median(self.baseline_wall)


def aws_environment(endpoint: str) -> dict[str, str]:
    """What both children see: the moto endpoint, fake credentials, tracing off."""
    return {
        "AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION, "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_SERVICE_NAME": "newsdrop", "POWERTOOLS_METRICS_NAMESPACE": "Bench",
        # the children's helpers first; a PYTHONPATH already set (a checkout to measure) stays after them
        "PYTHONPATH": os.pathsep.join(filter(None, [str(CHILDREN), os.environ.get("PYTHONPATH", "")])),
    }


def sqs_event(bucket: str, key: str, size: int, sequencer: str) -> dict[str, Any]:
    """The first record of events/sqs-batch.json, naming ``bucket``/``key``."""
    event = json.loads(EVENT.read_text(encoding="utf-8"))
    message = event["Records"][0]
    body = json.loads(message["body"])
    s3 = body["Records"][0]["s3"]
    s3["bucket"]["name"] = bucket
    s3["bucket"]["arn"] = f"arn:aws:s3:::{bucket}"
    s3["object"].update({"key": key, "size": size, "sequencer": sequencer})
    s3["object"].pop("eTag", None)
    message["body"] = json.dumps(body)
    return {"Records": [message]}


def measure_cold_start(rounds: int, without_bytecode: int = 0) -> ColdStart:
    """``rounds`` interleaved pairs of fresh processes (after one untimed pair that warms .pyc caches),
    then ``without_bytecode`` newsdrop runs that find no .pyc at all, as from a zip shipped without them."""
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                          aws_access_key_id="testing", aws_secret_access_key="testing")
        s3.create_bucket(Bucket=BUCKET)
        env = child_env(aws_environment(endpoint))
        sample = sample_bytes()
        result = ColdStart()
        with tempfile.TemporaryDirectory() as tmp:
            # Bytecode for both children in one cache that the warm-up round fills (this machine may set
            # PYTHONDONTWRITEBYTECODE, which would leave newsdrop's own modules compiled on every run).
            env = {**env, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            for i in range(rounds + 1):
                key = f"incoming/cold-{i:03d}/sample.txt"
                s3.put_object(Bucket=BUCKET, Key=key, Body=sample, ContentType="text/plain")
                path = Path(tmp) / f"event-{i}.json"
                path.write_text(json.dumps(sqs_event(BUCKET, key, len(sample), f"{i + 1:018X}")))
                order = ("newsdrop", "baseline") if i % 2 else ("baseline", "newsdrop")
                runs = {name: _run(name, path, env) for name in order}
                _check(result, runs, s3, key)
                if i == 0:
                    continue  # warm-up: compiles .pyc files, fills the page cache
                result.newsdrop_cpu.append(runs["newsdrop"].cpu)
                result.baseline_cpu.append(runs["baseline"].cpu)
                result.newsdrop_wall.append(runs["newsdrop"].wall)
                result.baseline_wall.append(runs["baseline"].wall)
            for j in range(without_bytecode):
                key = f"incoming/cold-nopyc-{j:03d}/sample.txt"
                s3.put_object(Bucket=BUCKET, Key=key, Body=sample, ContentType="text/plain")
                path = Path(tmp) / f"event-nopyc-{j}.json"
                path.write_text(json.dumps(sqs_event(BUCKET, key, len(sample), f"{rounds + j + 2:018X}")))
                empty = {"PYTHONPYCACHEPREFIX": str(Path(tmp) / f"empty-{j}"), "PYTHONDONTWRITEBYTECODE": "1"}
                run = _run("newsdrop", path, {**env, **empty})
                if run.returncode != 0 or run.report is None:
                    result.errors.append(f"newsdrop child without .pyc failed: {run.stderr.strip()[-300:]}")
                result.without_bytecode_cpu.append(run.cpu)
        return result
    finally:
        server.stop()


def _run(name: str, event_path: Path, env: dict[str, str]) -> ChildRun:
    script = CHILDREN / ("cold_newsdrop.py" if name == "newsdrop" else "cold_powertools.py")
    return run_child([sys.executable, str(script), str(event_path)], env, prefix="BENCH_RESULT ")


def _check(result: ColdStart, runs: dict[str, ChildRun], s3: Any, key: str) -> None:
    """Both children must have done their job: newsdrop wrote the summary, the baseline its copy."""
    for name, run in runs.items():
        if run.returncode != 0 or run.report is None:
            result.errors.append(f"{name} child failed ({run.returncode}): {run.stderr.strip()[-500:]}")
    newsdrop = runs["newsdrop"].report
    if newsdrop is not None:
        result.heavy.update(newsdrop["heavy"])
        result.third_party = newsdrop["modules"]
        if newsdrop["result"].get("batchItemFailures"):
            result.errors.append(f"newsdrop reported failures: {newsdrop['result']}")
    summary_key = "summaries/" + key.removeprefix("incoming/") + ".json"
    try:
        s3.head_object(Bucket=BUCKET, Key=summary_key)
    except Exception as error:  # the child ran but wrote nothing: the figure would be meaningless
        result.errors.append(f"no summary at {summary_key}: {error}")
