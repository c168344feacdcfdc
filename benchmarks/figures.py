"""The seven figures of the performance issue, each measured against a baseline taken in the same run."""

from __future__ import annotations

import contextlib
import itertools
import math
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.coldstart import measure_cold_start
from benchmarks.measure import CLOCK, child_env, cpu_call, interleaved, median, run_child
from benchmarks.table import Row, ratio_row

MB = 1_000_000
RESULT = "BENCH_RESULT "
MIB = 1024 * 1024
TEMPLATE = corpus.ROOT / "infra" / "template.yaml"
PACKAGE_ZIP = corpus.ROOT / "build" / "newsdrop.zip"
STREAM_ARTICLES = 10  # other dev articles processed (untimed) before each timed call of the stream row
# Lambda on arm64 (us-east-1 list prices) and Amazon Comprehend's (per API, per 100-character unit).
LAMBDA_GB_SECOND = 0.0000133334
LAMBDA_PER_REQUEST = 0.20 / 1_000_000
COMPREHEND_UNIT = 0.0001
COMPREHEND_UNIT_CHARS = 100
COMPREHEND_MIN_UNITS = 3
COMPREHEND_APIS = 3  # entities, key phrases, dominant language
# Lambda gives a function one full vCPU at 1,769 MB, proportionally less below.
FULL_VCPU_MB = 1769


@dataclass(frozen=True)
class Plan:
    """How much of each figure to run: the full run, or a fast smoke run (``--quick``)."""

    quick: bool = False

    @property
    def cold_rounds(self) -> int:
        return 3 if self.quick else 15

    @property
    def bytecode_rounds(self) -> int:
        return 1 if self.quick else 3

    @property
    def sample_rounds(self) -> int:
        return 15 if self.quick else 101

    @property
    def page_limit(self) -> int | None:
        return 12 if self.quick else None

    @property
    def page_rounds(self) -> int:
        return 1 if self.quick else 3

    @property
    def sizes(self) -> tuple[int, ...]:
        return (10_000, 100_000, 1_000_000) if self.quick else (10_000, 100_000, 1_000_000, 10_000_000)

    def size_rounds(self, size: int) -> int:
        budget = 3 * MB if self.quick else 20 * MB  # bytes processed per size, at least one run
        return max(1, min(25, budget // size // (4 if size >= MB else 1)))

    @property
    def memory_size(self) -> int:
        return self.sizes[-1]

    @property
    def article_limit(self) -> int | None:
        return 60 if self.quick else None


def _summarize():
    from newsdrop.pipeline import summarize

    return summarize


def _extract():
    import trafilatura

    return trafilatura.extract


# 1 ------------------------------------------------------------------------------------------------


def cold_start(plan: Plan) -> list[Row]:
    result = measure_cold_start(plan.cold_rounds, without_bytecode=plan.bytecode_rounds)
    if result.errors:
        return [Row("1 cold start (CPU, fresh process)", "FAILED: " + result.errors[0][:120], ok=False)]
    rows = [
        ratio_row("1 cold start: import + 1 SQS event (CPU)", median(result.newsdrop_cpu),
                  median(result.baseline_cpu), 1.3),
        Row("1 cold start (wall, for information)", f"{median(result.newsdrop_wall) * 1000:.0f} ms",
            f"{median(result.baseline_wall) * 1000:.0f} ms", result.wall_ratio),
        Row("1 cold start without any .pyc (info: venv, every module compiled)",
            f"{median(result.without_bytecode_cpu) * 1000:.0f} ms",
            f"{median(result.newsdrop_cpu) * 1000:.0f} ms",
            median(result.without_bytecode_cpu) / median(result.newsdrop_cpu)),
        Row("1 heavy modules on the plain-text path", ", ".join(sorted(result.heavy)) or "none",
            target="none", ok=not result.heavy),
    ]
    return rows


# 2 ------------------------------------------------------------------------------------------------


def warm_sample(plan: Plan) -> list[Row]:
    summarize, extract = _summarize(), _extract()
    data = corpus.sample_bytes()
    html = corpus.as_minimal_html(data.decode("utf-8"))
    ours, theirs = interleaved(
        lambda: summarize(data, name=corpus.SAMPLE.name, content_type="text/plain"),
        lambda: extract(html), plan.sample_rounds, warmup=3,
    )
    rows = [ratio_row("2 warm sample: summarize vs trafilatura.extract", median(ours), median(theirs), 1.0,
                      digits=2)]
    # The same call after other articles: what a warm function sees on a stream, with the caches kept
    # across calls (word stems, chunk readings) holding other articles' words, and the CPU caches cold.
    others = list(itertools.islice(corpus.article_texts(), STREAM_ARTICLES * 4))
    stream = itertools.cycle(others)

    def after_others(call: Callable[[], Any], prepare: Callable[[str], Any]) -> Callable[[], float]:
        def measured() -> float:
            for _ in range(STREAM_ARTICLES):
                prepare(next(stream))
            return cpu_call(call)
        return measured

    ours_stream = after_others(
        lambda: summarize(data, name=corpus.SAMPLE.name, content_type="text/plain"),
        lambda text: summarize(text.encode("utf-8"), name="other.txt", content_type="text/plain"))
    theirs_stream = after_others(lambda: extract(html), lambda text: extract(corpus.as_minimal_html(text)))
    rounds = max(5, plan.sample_rounds // 3)
    times = [ours_stream() if i % 2 else theirs_stream() for i in range(2 * rounds)]  # alternating
    ours_times, theirs_times = times[1::2], times[0::2]
    ours_ms, theirs_ms = median(ours_times), median(theirs_times)
    rows.append(Row(f"2 warm sample after {STREAM_ARTICLES} other articles each (information)",
                    f"{ours_ms * 1000:.2f} ms", f"{theirs_ms * 1000:.2f} ms", ours_ms / theirs_ms))
    return rows


# 3 ------------------------------------------------------------------------------------------------


def warm_pages(plan: Plan) -> list[Row]:
    from newsdrop.errors import NewsdropError

    summarize, extract = _summarize(), _extract()
    pages = corpus.html_pages()[: plan.page_limit]
    failed = 0

    def ours(name: str, data: bytes) -> None:
        nonlocal failed
        try:
            summarize(data, name=name, content_type="text/html")
        except NewsdropError:
            failed += 1

    ratios, mine, theirs = [], [], []
    for name, data in pages:
        a, b = interleaved(lambda n=name, d=data: ours(n, d), lambda d=data: extract(d), plan.page_rounds)
        mine.append(median(a))
        theirs.append(median(b))
        ratios.append(mine[-1] / theirs[-1])
    failed //= plan.page_rounds + 1
    per_page = median(ratios)
    return [
        Row(f"3 warm HTML pages ({len(pages)}): median of per-page ratios", f"{median(mine) * 1000:.1f} ms",
            f"{median(theirs) * 1000:.1f} ms", per_page, "<= 1.5x", per_page <= 1.5),
        Row("3 warm HTML pages: ratio of total time (information)", f"{sum(mine):.2f} s",
            f"{sum(theirs):.2f} s", sum(mine) / sum(theirs)),
        Row("3 pages refused by summarize (no_article_text...)", str(failed)),
    ]


# 4 ------------------------------------------------------------------------------------------------


def scaling(plan: Plan) -> tuple[list[Row], dict[int, float]]:
    summarize = _summarize()
    per_mb: dict[int, float] = {}
    for size in plan.sizes:
        data = corpus.scaling_text(size).encode("utf-8")
        summarize(data[: 20_000], name="warm.txt", content_type="text/plain")
        times = [cpu_call(lambda d=data: summarize(d, name="scaling.txt", content_type="text/plain"))
                 for _ in range(plan.size_rounds(size))]
        per_mb[size] = median(times) / (len(data) / MB)
    base = per_mb[100_000]
    rows = [Row(f"4 scaling: CPU per MB at {_size(size)}", f"{per_mb[size]:.2f} s/MB", f"{base:.2f} s/MB",
                per_mb[size] / base) for size in plan.sizes if size != 100_000]
    largest = plan.sizes[-1]
    rows[-1].target, rows[-1].ok = "<= 1.5x", per_mb[largest] / base <= 1.5
    return rows, per_mb


def _size(size: int) -> str:
    return f"{size // MB} MB" if size >= MB else f"{size // 1000} KB"


# 5 ------------------------------------------------------------------------------------------------


def memory(plan: Plan) -> list[Row]:
    size = plan.memory_size
    limit_mb = template_memory_mb()
    with tempfile.TemporaryDirectory() as tmp:
        path, warm = Path(tmp) / "input.txt", Path(tmp) / "warm.txt"
        path.write_bytes(corpus.scaling_text(size).encode("utf-8"))
        warm.write_bytes(corpus.sample_bytes())
        script = Path(__file__).resolve().parent / "children" / "memory_child.py"
        run = run_child([sys.executable, str(script), str(path), str(warm)], child_env({}), prefix=RESULT)
    if run.returncode != 0 or run.report is None:
        return [Row("5 memory", "FAILED: " + run.stderr.strip()[-120:], ok=False)]
    done = run.report
    delta = (done["peak_kib"] - done["idle_kib"]) * 1024
    ratio = delta / done["input_bytes"]
    peak_mib = max(done["peak_kib"], done["idle_kib"]) / 1024
    return [
        Row(f"5 memory: peak RSS - idle, {_size(size)} input", f"{delta / MIB:.0f} MiB",
            f"{done['input_bytes'] / MIB:.1f} MiB input", ratio, "<= 8x input", ratio <= 8),
        Row("5 memory: whole process peak vs FunctionMemorySize", f"{peak_mib:.0f} MiB", f"{limit_mb} MB",
            peak_mib / limit_mb, "< 1x (fits)", peak_mib < limit_mb),
    ]


def template_memory_mb() -> int:
    """``FunctionMemorySize``'s default in infra/template.yaml."""
    text = TEMPLATE.read_text(encoding="utf-8")
    match = re.search(r"^  FunctionMemorySize:\n(?:    .*\n)*?    Default: (\d+)", text, re.M)
    if not match:
        raise ValueError("FunctionMemorySize default not found in infra/template.yaml")
    return int(match.group(1))


# 6 ------------------------------------------------------------------------------------------------


def package(plan: Plan) -> list[Row]:
    if not (plan.quick and PACKAGE_ZIP.exists()):
        done = subprocess.run(["make", "-s", "package"], cwd=corpus.ROOT, capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:
            return [Row("6 package", "FAILED: " + (done.stderr or done.stdout).strip()[-120:], ok=False)]
    total, largest = package_sizes(PACKAGE_ZIP)
    top = ", ".join(f"{name} {size / MB:.1f}" for name, size in largest[:5])
    return [
        Row("6 package: unzipped build/newsdrop.zip", f"{total / MB:.1f} MB", target="<= 60 MB",
            ok=total <= 60 * MB),
        Row("6 five largest dependencies (MB)", top),
    ]


def package_sizes(path: Path) -> tuple[int, list[tuple[str, int]]]:
    """Unzipped bytes of the archive, and its top-level packages (dist-info folded in), largest first."""
    sizes: dict[str, int] = defaultdict(int)
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            top = info.filename.split("/", 1)[0]
            if top.endswith((".dist-info", ".data")):
                top = top.split("-", 1)[0]
            sizes[top.removesuffix(".py").lower()] += info.file_size
    ranked = sorted(sizes.items(), key=lambda kv: -kv[1])
    return sum(sizes.values()), [(n, s) for n, s in ranked if n != "newsdrop"]


# 7 ------------------------------------------------------------------------------------------------


def throughput(plan: Plan) -> list[Row]:
    from newsdrop.errors import NewsdropError

    summarize = _summarize()
    texts = list(corpus.article_texts(("summaries", "quotes", "keyphrases")))[: plan.article_limit]
    summarize(texts[0], name="warm.txt", content_type="text/plain")
    started = CLOCK()
    for n, text in enumerate(texts):
        with contextlib.suppress(NewsdropError):  # a refused article still took its time
            summarize(text, name=f"{n}.txt", content_type="text/plain")
    cpu = CLOCK() - started
    per_second = len(texts) / cpu
    memory_mb = template_memory_mb()
    seconds = cpu / len(texts) * max(1.0, FULL_VCPU_MB / memory_mb)  # CPU-bound: less than a vCPU is slower
    lambda_cost = (seconds * memory_mb / 1024 * LAMBDA_GB_SECOND + LAMBDA_PER_REQUEST) * 1_000_000
    units = [max(COMPREHEND_MIN_UNITS, math.ceil(len(t) / COMPREHEND_UNIT_CHARS)) for t in texts]
    comprehend = sum(units) / len(units) * COMPREHEND_UNIT * COMPREHEND_APIS * 1_000_000
    return [
        Row(f"7 throughput: {len(texts)} dev articles", f"{per_second:.1f} articles/s/core",
            f"{cpu / len(texts) * 1000:.1f} ms CPU each"),
        Row(f"7 cost per million articles (Lambda {memory_mb} MB arm64)", f"${lambda_cost:,.2f}",
            f"${comprehend:,.0f} Comprehend", lambda_cost / comprehend, "< Comprehend",
            lambda_cost < comprehend),
    ]
