"""Peak memory of summarizing one input (run as a fresh process): prints idle and peak RSS in KiB.

Idle is measured after the imports, a warm-up call on a small article (lazy data loaded) and reading
the input; the peak high-water mark is then reset (``/proc/self/clear_refs``) when the kernel allows.
"""

from __future__ import annotations

import json
import sys


def status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def main() -> None:
    path, warmup = sys.argv[1], sys.argv[2]
    from newsdrop.pipeline import summarize

    with open(warmup, "rb") as f:
        summarize(f.read(), name="warmup.txt", content_type="text/plain")
    with open(path, "rb") as f:
        data = f.read()
    idle = status_kib("VmRSS")
    reset = reset_peak()
    summary = summarize(data, name="input.txt", content_type="text/plain")
    peak = status_kib("VmHWM")
    report = {"idle_kib": idle, "peak_kib": peak, "reset": reset, "input_bytes": len(data),
              "characters": summary.stats.characters}
    print("BENCH_RESULT " + json.dumps(report))


if __name__ == "__main__":
    main()
