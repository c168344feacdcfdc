"""Run one ``summarize_all`` call in a forked child: outcome, seconds and peak memory, with a kill timeout.

The child is forked from a warm parent (every reader already imported), so imports never count. Memory is
the child's resident high-water mark (``VmHWM``) minus its resident size at the start: it includes what C
libraries (libxml2, the regex engine) allocate, which ``tracemalloc`` would miss.
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from typing import Any

CONTEXT = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class Run:
    """What one call did: ``outcome`` is "summary", an error code, "raised: <type>" or "timeout"."""

    outcome: str
    seconds: float
    peak_bytes: int
    count: int = 0


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _child(conn: Any, data: bytes, name: str, content_type: str | None) -> None:
    from newsdrop.errors import InputError
    from newsdrop.pipeline import summarize_all

    start_rss = _status_kb("VmRSS")
    started = time.perf_counter()
    count = 0
    try:
        summaries = summarize_all(data, name=name, content_type=content_type)
        outcome, count = "summary", len(summaries)
    except InputError as error:
        outcome = error.code
    except BaseException as error:
        outcome = f"raised: {type(error).__name__}"
    seconds = time.perf_counter() - started
    conn.send((outcome, seconds, (_status_kb("VmHWM") - start_rss) * 1024, count))
    conn.close()


def run_isolated(data: bytes, *, name: str, content_type: str | None, timeout: float) -> Run:
    """Summarize ``data`` in a child process; kill it after ``timeout`` seconds (outcome "timeout")."""
    parent, child = CONTEXT.Pipe(duplex=False)
    process = CONTEXT.Process(target=_child, args=(child, data, name, content_type), daemon=True)
    started = time.perf_counter()
    process.start()
    child.close()
    try:
        if parent.poll(timeout):
            outcome, seconds, peak, count = parent.recv()
            return Run(outcome, seconds, max(0, peak), count)
        return Run("timeout", time.perf_counter() - started, 0)
    except EOFError:
        return Run(f"raised: exit {process.exitcode}", time.perf_counter() - started, 0)
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()


def warm_up() -> None:
    """Import every reader and load lazy data in this process, before children are forked."""
    from newsdrop.pipeline import summarize_all

    samples = [
        (b"<html><body><article><p>The council met on Tuesday. It voted.</p></article></body></html>",
         "w.html", "text/html"),
        (b'{"title": "T", "maintext": "The council met on Tuesday, said John Smith."}', "w.json", None),
        (b"# Title\n\nThe council met on Tuesday in London, said John Smith.", "w.md", "text/markdown"),
        ('"We waited," said Maria Lopez in Paris on March 3, 2024. Café.'.encode(), "w.txt", None),
    ]
    for data, name, content_type in samples:
        summarize_all(data, name=name, content_type=content_type)
