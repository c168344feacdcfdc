"""The intermediate document every reader (text, HTML, JSON, Markdown) produces.

Readers fill what their input tells; the pipeline merges it with S3 user
metadata and hands ``body`` to cleaning and analysis.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Cleaning:
    """What was removed or repaired, by kind, with a few samples per kind."""

    counts: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[str]] = field(default_factory=dict)

    def record(self, kind: str, sample: str | None = None, count: int = 1) -> None:
        """Count ``count`` removals of ``kind``; keep up to three short samples."""
        if count <= 0:
            return
        self.counts[kind] += count
        if sample is not None:
            kept = self.samples.setdefault(kind, [])
            sample = sample.strip()
            if len(kept) < 3 and sample and sample[:80] not in kept:
                kept.append(sample[:80])

    def snapshot(self) -> tuple[dict[str, int], dict[str, list[str]]]:
        """A copy of what was recorded so far, for ``restore``."""
        return dict(self.counts), {kind: list(kept) for kind, kept in self.samples.items()}

    def restore(self, state: tuple[dict[str, int], dict[str, list[str]]]) -> None:
        """Undo every record made since ``snapshot`` returned ``state``."""
        counts, samples = state
        self.counts.clear()
        self.counts.update(counts)
        self.samples.clear()
        self.samples.update({kind: list(kept) for kind, kept in samples.items()})

    def merge(self, other: Cleaning) -> None:
        for kind, count in other.counts.items():
            self.counts[kind] += count
            kept = self.samples.setdefault(kind, [])
            for sample in other.samples.get(kind, []):
                if len(kept) < 3 and sample not in kept:
                    kept.append(sample)


@dataclass
class Document:
    """An article as read from its input, before analysis."""

    body: str
    format: str = "text"
    title: str | None = None
    title_derived: bool = False
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    site_name: str | None = None
    description: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cleaning: Cleaning = field(default_factory=Cleaning)
