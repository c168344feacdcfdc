"""Per-stage time breakdown of ``summarize()``: each stage function is wrapped with a timer.

The wrappers are installed where ``newsdrop.pipeline`` looks the functions up (module globals for the
ones it imports at the top, the defining modules for the ones ``analyze`` imports on call), so the
pipeline itself runs unchanged.
"""

from __future__ import annotations

import importlib
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# stage name → (module where the pipeline finds it, attribute)
STAGES: dict[str, tuple[str, str]] = {
    "decode": ("newsdrop.pipeline", "decode"),
    "detect": ("newsdrop.pipeline", "detect_format"),
    "read:text": ("newsdrop.text.plaintext", "read_text"),
    "read:html": ("newsdrop.text.html", "read_html"),
    "read:json": ("newsdrop.text.records", "read_json"),
    "read:markdown": ("newsdrop.text.markdown", "read_markdown"),
    "metadata": ("newsdrop.pipeline", "apply_user_metadata"),
    "clean": ("newsdrop.pipeline", "clean_text"),
    "language": ("newsdrop.text.language", "detect_language"),
    "sentences": ("newsdrop.text.sentences", "split_sentences"),
    "entities": ("newsdrop.text.entities", "extract_entities"),
    "quotes": ("newsdrop.text.quotes", "extract_quotes"),
    "dates": ("newsdrop.text.dates", "extract_dates"),
    "keywords": ("newsdrop.text.keywords", "extract_keywords"),
    "summary": ("newsdrop.text.summary", "extractive_summary"),
    "stats": ("newsdrop.text.stats", "text_stats"),
    "fingerprint": ("newsdrop.text.fingerprint", "fingerprint"),
}
TOTAL = "total"
# CPU time of this process: on a shared machine wall time mostly measures the wait for a core.
CLOCK = time.process_time
OTHER = "other (models, glue)"


@contextmanager
def stage_timers() -> Iterator[dict[str, float]]:
    """Wrap every stage; yields a dict that accumulates seconds per stage while the block runs."""
    spent: dict[str, float] = defaultdict(float)
    originals: list[tuple[Any, str, Callable[..., Any]]] = []
    for stage, (module_name, attr) in STAGES.items():
        module = importlib.import_module(module_name)
        original = getattr(module, attr)
        setattr(module, attr, _timed(stage, original, spent))
        originals.append((module, attr, original))
    try:
        yield spent
    finally:
        for module, attr, original in reversed(originals):
            setattr(module, attr, original)


def _timed(stage: str, func: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = CLOCK()
        try:
            return func(*args, **kwargs)
        finally:
            spent[stage] += CLOCK() - started

    return wrapper


def breakdown(call: Callable[[], Any], repeat: int) -> dict[str, float]:
    """Median milliseconds per stage (and in total) over ``repeat`` calls of ``call``."""
    call()  # warm: lazy imports and caches
    runs: list[dict[str, float]] = []
    for _ in range(repeat):
        with stage_timers() as spent:
            started = CLOCK()
            call()
            total = CLOCK() - started
        run = {stage: seconds * 1000 for stage, seconds in spent.items()}
        run[OTHER] = max(0.0, total * 1000 - sum(run.values()))
        run[TOTAL] = total * 1000
        runs.append(run)
    stages = {stage for run in runs for stage in run}
    return {stage: statistics.median(run.get(stage, 0.0) for run in runs) for stage in stages}


def format_breakdown(title: str, figures: dict[str, float]) -> str:
    """A small table: stage, median ms, share of the total."""
    total = figures.get(TOTAL) or 1.0
    lines = [title, f"  {'stage':<22}{'ms':>10}{'share':>8}"]
    for stage, ms in sorted(figures.items(), key=lambda kv: -kv[1]):
        if stage != TOTAL:
            lines.append(f"  {stage:<22}{ms:>10.2f}{ms / total:>8.0%}")
    lines.append(f"  {TOTAL:<22}{total:>10.2f}")
    return "\n".join(lines)
