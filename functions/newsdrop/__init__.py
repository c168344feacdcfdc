"""newsdrop: clean scraped news articles and extract their metadata.

The public API is imported lazily so that ``import newsdrop.handler`` stays
cheap on a Lambda cold start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["ArticleSummary", "ErrorRecord", "__version__", "iter_summaries", "read_summary", "summarize"]

if TYPE_CHECKING:  # pragma: no cover
    from newsdrop.models import ArticleSummary, ErrorRecord
    from newsdrop.pipeline import summarize
    from newsdrop.reader import iter_summaries, read_summary

_LAZY = {
    "summarize": "newsdrop.pipeline",
    "ArticleSummary": "newsdrop.models",
    "ErrorRecord": "newsdrop.models",
    "read_summary": "newsdrop.reader",
    "iter_summaries": "newsdrop.reader",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsdrop' has no attribute {name!r}")
