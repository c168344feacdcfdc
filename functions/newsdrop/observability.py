"""The one place that creates the Powertools logger, tracer and metrics.

Service name, namespace and log level come from the POWERTOOLS_* variables the
template sets in Globals; the defaults below serve local runs and tests.
"""

from __future__ import annotations

import os

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME", "newsdrop")
NAMESPACE = os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "Newsdrop")

logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE)
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)

# Metric names, shared with the alarms and dashboards.
PROCESSED = "ArticlesProcessed"
FAILED = "ArticlesFailed"
REJECTED = "ObjectsRejected"
BYTES = "BytesRead"
LATENCY = "ProcessingLatency"
SKIPPED = "RecordsSkipped"
