"""The one place that creates the Powertools logger, tracer and metrics.

Service name, namespace and log level come from the POWERTOOLS_* variables the
template sets in Globals; the defaults below serve local runs and tests.
"""

from __future__ import annotations

import gc
import os

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME", "newsdrop")
NAMESPACE = os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "Newsdrop")

# Creating the tracer loads the X-Ray SDK, which builds its own botocore clients: tens of thousands of
# objects that live as long as the process. The cyclic collector would scan them over and over while
# they are made (a cold start pays for it); it is paused meanwhile and what exists then is frozen
# (left out of later full collections). Objects freed by reference count are still freed.
gc.disable()
try:
    logger = Logger(service=SERVICE)
    tracer = Tracer(service=SERVICE)
    metrics = Metrics(namespace=NAMESPACE, service=SERVICE)
finally:
    gc.freeze()
    gc.enable()

# Metric names, shared with the alarms and dashboards.
PROCESSED = "ArticlesProcessed"
FAILED = "ArticlesFailed"
REJECTED = "ObjectsRejected"
BYTES = "BytesRead"
LATENCY = "ProcessingLatency"
SKIPPED = "RecordsSkipped"
