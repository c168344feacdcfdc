"""Fault injection through botocore's event hooks (never by mocking the pipeline).

``FaultInjector`` registers on ``before-parameter-build.s3.<Operation>`` of a client (the hook that sees
the API parameters, Bucket and Key; ``before-call`` only sees the serialized request). Before the request
is built it raises a ``ClientError`` (SlowDown, InternalError, Throttling...) as S3 would, so the call
has no effect.
Which calls fail is deterministic: each object fails ``failures(name)`` times in all, on the operations
taken in turn (by default HeadObject, GetObject, PutObject), so the failures hit every step of a record.
"""

from __future__ import annotations

import threading
import zlib
from collections import Counter
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

OPERATIONS = ("HeadObject", "GetObject", "PutObject")
ERRORS = (("SlowDown", 503), ("InternalError", 500), ("Throttling", 400), ("ServiceUnavailable", 503))
PREFIXES = ("incoming/", "summaries/", "errors/")


def object_name(key: str) -> str:
    """The input-relative name a key belongs to (input key or one of its outputs)."""
    for prefix in PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    key = key.removesuffix(".json")
    return key.rsplit("/", 1)[0] if key.endswith("/00000") else key


def share_of_objects(share: float, most: int = 3) -> Callable[[str], int]:
    """``share`` of the objects fail 1..``most`` times (by a hash of their name), the rest never."""

    def failures(name: str) -> int:
        digest = zlib.crc32(name.encode("utf-8", "surrogatepass"))
        if (digest % 1000) >= share * 1000:
            return 0
        return 1 + (digest >> 10) % most

    return failures


class FaultInjector:
    """Raise S3 errors before chosen calls of ``client``; counts every call and every fault."""

    def __init__(self, client: Any, failures: Callable[[str], int], operations: tuple[str, ...] = OPERATIONS):
        self.client = client
        self.failures = failures
        self.operations = operations
        self.calls: Counter[str] = Counter()
        self.injected: Counter[str] = Counter()
        self.by_object: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._handlers: list[tuple[str, Any]] = []

    def __enter__(self) -> FaultInjector:
        for operation in self.operations:
            event = f"before-parameter-build.s3.{operation}"
            handler = self._make_handler(operation)
            self.client.meta.events.register(event, handler)
            self._handlers.append((event, handler))
        return self

    def __exit__(self, *exc: object) -> None:
        for event, handler in self._handlers:
            self.client.meta.events.unregister(event, handler)
        self._handlers.clear()

    @property
    def total(self) -> int:
        return sum(self.injected.values())

    def _make_handler(self, operation: str) -> Callable[..., None]:
        def handler(params: dict[str, Any], **_: Any) -> None:
            name = object_name(str(params.get("Key", "")))
            with self._lock:
                self.calls[operation] += 1
                done = self.by_object[name]
                if done >= self.failures(name) or self.operations[done % len(self.operations)] != operation:
                    return
                self.by_object[name] += 1
                self.injected[operation] += 1
                code, status = ERRORS[done % len(ERRORS)]
            raise ClientError(
                {"Error": {"Code": code, "Message": "injected fault"},
                 "ResponseMetadata": {"HTTPStatusCode": status}},
                operation,
            )

        return handler


class CallRecorder:
    """Records every S3 operation a client makes, with its bucket and key."""

    def __init__(self, client: Any, service: str = "s3"):
        self.client = client
        self.service = service
        self.calls: list[tuple[str, str, str, bool]] = []  # (operation, bucket, key, has VersionId)
        self._lock = threading.Lock()

    def __enter__(self) -> CallRecorder:
        self.client.meta.events.register(f"before-parameter-build.{self.service}", self._record)
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.meta.events.unregister(f"before-parameter-build.{self.service}", self._record)

    def _record(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        with self._lock:
            self.calls.append(
                (model.name, str(params.get("Bucket", "")), str(params.get("Key", "")), "VersionId" in params)
            )
