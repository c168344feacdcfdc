"""One row per figure, and the table ``run.py`` prints."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Row:
    """A figure: what was measured, its same-run baseline, the ratio and the target it must meet."""

    figure: str
    measured: str
    baseline: str = "-"
    ratio: float | None = None
    target: str = "-"
    ok: bool | None = None  # None: information only, no target

    @property
    def verdict(self) -> str:
        return {True: "ok", False: "MISSED", None: "info"}[self.ok]


def ratio_row(figure: str, measured: float, baseline: float, limit: float, unit: str = "ms",
              scale: float = 1000.0, digits: int = 1) -> Row:
    """A row whose ratio measured/baseline must be at most ``limit``."""
    ratio = measured / baseline if baseline else math.inf
    return Row(figure, f"{measured * scale:.{digits}f} {unit}", f"{baseline * scale:.{digits}f} {unit}",
               ratio, f"<= {limit:g}x", ratio <= limit)


def render(rows: list[Row]) -> str:
    """The rows as a fixed-width text table."""
    header = ("figure", "measured", "baseline", "ratio", "target", "result")
    cells = [header] + [
        (r.figure, r.measured, r.baseline, "-" if r.ratio is None else f"{r.ratio:.2f}x", r.target, r.verdict)
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
