"""Markdown reader: headline from the first heading, syntax stripped, paragraphs kept."""

from __future__ import annotations

import re

from newsdrop.text.document import Document

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]+)`")
_LIST = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(2):  # nested emphasis: ***x***
        text = _EMPHASIS.sub(r"\2", text)
    return _HTML_TAG.sub("", text).strip()


def read_markdown(text: str) -> Document:
    """Strip Markdown syntax; the first heading becomes the title."""
    title: str | None = None
    paragraphs: list[str] = []
    current: list[str] = []
    in_fence = False
    lines = text.replace("\r\n", "\n").split("\n")

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence or _REF_DEF.match(line) or _RULE.match(line) and not current:
            continue
        heading = _HEADING.match(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not heading and line.strip() and _SETEXT.match(nxt) and not current:
            heading_text = _inline(line)
            if title is None:
                title = heading_text
            else:
                paragraphs.append(heading_text)
            continue
        if _SETEXT.match(line) and not current:
            continue
        if heading:
            flush()
            heading_text = _inline(heading.group(2))
            if title is None:
                title = heading_text
            elif heading_text:
                paragraphs.append(heading_text)
            continue
        if not line.strip():
            flush()
            continue
        if _LIST.match(line):
            flush()
            current.append(_inline(_LIST.sub("", line)))
            flush()
            continue
        current.append(_inline(_QUOTE.sub("", line)))
    flush()
    return Document(body="\n\n".join(p for p in paragraphs if p), format="markdown", title=title or None)
