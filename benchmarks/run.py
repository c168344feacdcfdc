"""Run the performance benchmarks and print one table: figure, baseline, ratio, target.

    .venv/bin/python -m benchmarks.run      (from the repository root; `make bench` runs it)
    [--quick] [--only 2 4] [--stages]

Every ratio is taken against a baseline measured in the same run (CPU time, medians over repeated
runs), so the table holds on a noisy shared machine. Exits 1 when a target is missed.
``--stages`` also prints the per-stage time of ``summarize()`` on the sample and on 1 MB of text.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from benchmarks import corpus, figures
from benchmarks.table import Row, render

FIGURES: dict[str, Callable[[figures.Plan], list[Row]]] = {
    "1": figures.cold_start,
    "2": figures.warm_sample,
    "3": figures.warm_pages,
    "4": lambda plan: figures.scaling(plan)[0],
    "5": figures.memory,
    "6": figures.package,
    "7": figures.throughput,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer rounds, inputs to 1 MB")
    parser.add_argument("--only", nargs="+", choices=sorted(FIGURES), help="run only these figures")
    parser.add_argument("--stages", action="store_true", help="also print summarize()'s per-stage times")
    args = parser.parse_args(argv)
    if not corpus.shared_available():
        print(f"the shared evaluation data is missing: {corpus.EVAL}", file=sys.stderr)
        return 2
    plan = figures.Plan(quick=args.quick)
    rows: list[Row] = []
    started = time.perf_counter()
    for key in args.only or sorted(FIGURES):
        print(f"... figure {key}", file=sys.stderr, flush=True)
        try:
            rows += FIGURES[key](plan)
        except Exception as error:  # one broken figure must not hide the others
            rows.append(Row(f"{key} (error)", f"{type(error).__name__}: {error}"[:100], ok=False))
    mode = "quick" if args.quick else "full"
    print(f"newsdrop benchmarks ({mode} run, {time.perf_counter() - started:.0f} s; CPU time, medians)")
    print(render(rows))
    if args.stages:
        print_stages(plan)
    missed = [r.figure for r in rows if r.ok is False]
    if missed:
        print(f"\n{len(missed)} target(s) missed: " + "; ".join(missed))
    return 1 if missed else 0


def print_stages(plan: figures.Plan) -> None:
    """Median CPU ms per stage of summarize() on the sample and on 1 MB of article text."""
    from benchmarks.stages import breakdown, format_breakdown
    from newsdrop.pipeline import summarize

    sample = corpus.sample_bytes()
    big = corpus.scaling_text(1_000_000).encode("utf-8")
    print()
    print(format_breakdown("summarize() on the shared sample",
                           breakdown(lambda: summarize(sample, name="s.txt", content_type="text/plain"),
                                     15 if plan.quick else 51)))
    print(format_breakdown("summarize() on 1 MB of article text",
                           breakdown(lambda: summarize(big, name="b.txt", content_type="text/plain"),
                                     1 if plan.quick else 3)))


if __name__ == "__main__":
    sys.exit(main())
