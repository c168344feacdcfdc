"""Which reader an input needs: text, HTML, JSON or Markdown."""

from __future__ import annotations

import re

from newsdrop.models import Format
from newsdrop.text.lazyre import LazyPattern

_HTML_START = LazyPattern(r"\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<(?:!doctype\s+)?html\b)", re.I)
_HTML_TAGS = LazyPattern(r"<(?:p|div|article|body|head|br|span|a|h[1-6]|section|main)\b[^>]*>", re.I)
_JSON_START = LazyPattern(r'(?:\{\s*(?:"|\})|\[\s*(?:\{|\[|"|\]|-?\d|true\b|false\b|null\b))')
_MARKDOWN = LazyPattern(
    r"^(?:#{1,6} \S|[*-] \S|\d+\. \S|> \S|```)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*", re.M
)

_EXTENSIONS: dict[str, Format] = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text",
}
_CONTENT_TYPES: dict[str, Format] = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/json": "json", "application/x-ndjson": "json", "application/jsonl": "json",
    "text/markdown": "markdown", "text/x-markdown": "markdown",
}


def detect_format(text: str, name: str | None = None, content_type: str | None = None) -> Format:
    """Content first (a .txt holding HTML is HTML), then the name's extension, then the content type."""
    head = text[:4096]
    stripped = head.lstrip()
    if _HTML_START.match(head):
        return "html"
    if _JSON_START.match(stripped):
        return "json"
    by_name = _by_extension(name)
    by_type = _CONTENT_TYPES.get((content_type or "").split(";")[0].strip().lower())
    declared = by_name or by_type
    if declared == "html" or (declared is None and len(_HTML_TAGS.findall(head)) >= 3):
        return "html"
    if declared == "markdown":
        return "markdown"
    if declared is None and len(_MARKDOWN.findall(head)) >= 3:
        return "markdown"
    return "text"


def _by_extension(name: str | None) -> Format | None:
    if not name:
        return None
    lowered = name.lower()
    for ext, fmt in _EXTENSIONS.items():
        if lowered.endswith(ext):
            return fmt
    return None
