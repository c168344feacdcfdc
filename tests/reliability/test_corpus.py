"""Hostile and broken inputs (tests/reliability/corpus.py) through the pure pipeline.

Each ends as valid summaries or an error with a stable code. Time and memory are bounded relative to
a baseline of real article text of the same size, measured in the same run (ratios, not wall-clock
constants); a child process is killed when it passes the time bound, so a hang fails instead of
blocking the suite.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reliability.corpus import (
    BY_NAME,
    CASES,
    EITHER,
    SMALL,
    STABLE_CODES,
    SUMMARY,
    XXE_MARKER,
    Case,
    baseline,
    xxe,
)
from tests.reliability.measure import Run, run_isolated

# Ratio bounds against the same-size baseline: generous for a shared 2-core machine.
TIME_RATIO = 10.0
MEMORY_RATIO = 5.0
MEMORY_FLOOR = 64 * 1024 * 1024  # below this the peak is allocator noise, whatever the ratio
FAST_SIZE = 128 * 1024
SLOW_SIZES = (2 * 1024 * 1024,)

# Known failures, each owned by another module (strict: they must start passing when fixed).
KNOWN_FAILURES: dict[str, str] = {}


def _summarize(case: Case, data: bytes) -> tuple[str, list]:
    from newsdrop.errors import InputError
    from newsdrop.pipeline import summarize_all

    try:
        return SUMMARY, summarize_all(data, name="incoming/x" + case.suffix, content_type=case.content_type)
    except InputError as error:
        return error.code, []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_input_ends_as_summary_or_stable_error(case, summary_validator):
    outcome, summaries = _summarize(case, case.data(SMALL))

    if outcome == SUMMARY:
        assert summaries
        for summary in summaries:
            summary_validator.validate(json.loads(summary.model_dump_json()))
    else:
        assert outcome in STABLE_CODES
    if case.expect != EITHER:
        assert outcome == case.expect


@pytest.mark.parametrize("url_kind", ["etc-passwd", "local-file"])
def test_external_entities_never_reach_the_output(tmp_path: Path, url_kind):
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{XXE_MARKER}:newsdrop-secret-7f3a\n", encoding="utf-8")
    url = "file:///etc/passwd" if url_kind == "etc-passwd" else secret.as_uri()

    for case in (BY_NAME["xxe"], BY_NAME["xxe-as-text"]):
        outcome, summaries = _summarize(case, xxe(url))
        dumped = "".join(s.model_dump_json() for s in summaries)
        assert XXE_MARKER not in dumped and "newsdrop-secret" not in dumped, case.name
        assert outcome == SUMMARY or outcome in STABLE_CODES


def test_entity_expansion_is_not_performed():
    outcome, summaries = _summarize(BY_NAME["billion-laughs"], BY_NAME["billion-laughs"].data())

    text = "".join(s.text for s in summaries)
    assert "lollollol" not in text
    assert outcome == SUMMARY or outcome in STABLE_CODES


_BASELINES: dict[tuple[int, bool], Run] = {}


def _baseline(size: int, html: bool = False) -> Run:
    """The baseline of ``size`` bytes (a page of paragraphs when ``html``), measured once per run."""
    if (size, html) not in _BASELINES:
        name, content_type = ("incoming/baseline.html", "text/html") if html else (
            "incoming/baseline.txt", "text/plain")
        _BASELINES[size, html] = run_isolated(
            baseline(size, html), name=name, content_type=content_type, timeout=3600
        )
    return _BASELINES[size, html]


def _bounded(case: Case, size: int) -> None:
    """The case at ``size`` bytes takes at most TIME_RATIO × and MEMORY_RATIO × the baseline's (an HTML
    case against a benign page of the same size, any other against article text)."""
    reference = _baseline(size, html=case.content_type == "text/html")
    assert reference.outcome == SUMMARY, reference
    data = case.data(size)
    budget = TIME_RATIO * reference.seconds * max(1.0, len(data) / size)
    run = run_isolated(data, name="incoming/x" + case.suffix, content_type=case.content_type,
                       timeout=budget)
    report = (f"{case.name}: {len(data)} B, {run.outcome}, {run.seconds:.2f} s vs baseline "
              f"{reference.seconds:.2f} s, peak {run.peak_bytes >> 20} MiB "
              f"vs {reference.peak_bytes >> 20} MiB")
    print(report)
    assert run.outcome != "timeout", f"over {TIME_RATIO}x the baseline time: {report}"
    assert run.outcome == SUMMARY or run.outcome in STABLE_CODES, report
    assert run.peak_bytes <= max(MEMORY_FLOOR, MEMORY_RATIO * reference.peak_bytes), report


def _params(sizes: tuple[int, ...], marks: tuple = ()) -> list:
    params = []
    for case in CASES:
        if not case.sized:
            continue
        for size in sizes:
            case_marks = list(marks)
            reason = KNOWN_FAILURES.get(f"{case.name}@{size}") or KNOWN_FAILURES.get(case.name)
            if reason:
                case_marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(pytest.param(case, size, id=f"{case.name}-{size >> 10}KiB", marks=case_marks))
    return params


@pytest.mark.parametrize(("case", "size"), _params((FAST_SIZE,)))
def test_time_and_memory_are_bounded_by_the_baseline(case, size, warm_pipeline):
    _bounded(case, size)


@pytest.mark.parametrize(("case", "size"), _params(SLOW_SIZES, (pytest.mark.slow,)))
def test_time_and_memory_are_bounded_at_megabytes(case, size, warm_pipeline):
    _bounded(case, size)


@pytest.mark.parametrize(
    "name", ["nested-html", "billion-laughs", "json-deep", "xxe", "json-array", "json-bare-string"]
)
def test_fixed_size_hostile_input_is_bounded(name, warm_pipeline):
    """Inputs whose danger is structure, not size: bounded by the baseline of their own size."""
    case = BY_NAME[name]
    _bounded(case, max(SMALL, len(case.data())))
