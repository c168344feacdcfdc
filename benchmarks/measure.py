"""Timing helpers: CPU-time clocks, interleaved A/B rounds, medians, child-process runs.

The machine is shared: wall time mostly measures the wait for a core, so the figures are the CPU time
(user + system) of the measured code or process; wall time is kept beside them for information.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

CLOCK = time.process_time


def cpu_call(func: Callable[[], Any]) -> float:
    """CPU seconds one call of ``func`` takes in this process."""
    started = CLOCK()
    func()
    return CLOCK() - started


def interleaved(a: Callable[[], Any], b: Callable[[], Any], rounds: int, warmup: int = 1) -> tuple[
        list[float], list[float]]:
    """CPU seconds of ``a`` and of ``b``, alternating (and swapping which goes first) each round."""
    for _ in range(warmup):
        a()
        b()
    times_a: list[float] = []
    times_b: list[float] = []
    for i in range(rounds):
        if i % 2:
            times_b.append(cpu_call(b))
            times_a.append(cpu_call(a))
        else:
            times_a.append(cpu_call(a))
            times_b.append(cpu_call(b))
    return times_a, times_b


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class ChildRun:
    """One finished child process: CPU seconds (user + sys), wall seconds, its report and exit code."""

    cpu: float
    wall: float
    returncode: int
    report: dict[str, Any] | None
    stderr: str


def run_child(argv: list[str], env: dict[str, str], prefix: str = "", timeout: float = 600) -> ChildRun:
    """Run ``argv`` to completion; its CPU time comes from the kernel's accounting of waited-for children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = None
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(prefix):
            try:
                report = json.loads(line[len(prefix):])
            except json.JSONDecodeError:
                report = None
            break
    return ChildRun(cpu, wall, done.returncode, report, done.stderr[-2000:])


def child_env(extra: dict[str, str]) -> dict[str, str]:
    """This environment with ``extra`` on top, without variables that would reach a real account."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_", "NEWSDROP_"))}
    env.update(extra)
    return env
