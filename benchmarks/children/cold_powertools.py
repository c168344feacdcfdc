"""Cold start, baseline: the smallest Powertools handler (Logger, Metrics, Tracer, one S3 get and put)."""

from __future__ import annotations

import json
from urllib.parse import unquote_plus

from lambda_context import LambdaContext, read_event, report

event = read_event()

import boto3  # noqa: E402
from aws_lambda_powertools import Logger, Metrics, Tracer  # noqa: E402
from aws_lambda_powertools.metrics import MetricUnit  # noqa: E402

logger = Logger(service="baseline")
tracer = Tracer(service="baseline")
metrics = Metrics(namespace="Bench", service="baseline")
s3 = boto3.client("s3")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(event: dict, context: object) -> dict:
    written = []
    for message in event["Records"]:
        for record in json.loads(message["body"])["Records"]:
            bucket = record["s3"]["bucket"]["name"]
            key = unquote_plus(record["s3"]["object"]["key"])
            body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
            out = "baseline/" + key + ".json"
            s3.put_object(Bucket=bucket, Key=out, Body=json.dumps({"key": key, "size": len(body)}).encode())
            metrics.add_metric(name="Processed", unit=MetricUnit.Count, value=1)
            logger.info("copied", extra={"bucket": bucket, "key": key, "size": len(body)})
            written.append(out)
    return {"written": written}


report(handler(event, LambdaContext()))
