"""Markdown reader: headline from the first heading, syntax stripped, paragraphs kept.

Handled: ATX and setext headings, YAML front matter (``title``, ``author``,
``date``, ``url``, ``description``), links (their text kept), images and
reference definitions (dropped), emphasis, inline and fenced code, lists, block
quotes, tables (one line per row, cells joined with " | "; the separator row
dropped), HTML tags and backslash escapes. The first heading is the title and
is not repeated in the body; later headings become paragraphs of their own.
"""

from __future__ import annotations

import re

from newsdrop.text.document import Document
from newsdrop.text.lazyre import LazyPattern

HEADING = LazyPattern(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
SETEXT_UNDERLINE = LazyPattern(r"^\s{0,3}(?:=+|-+)\s*$")
FENCE = LazyPattern(r"^\s{0,3}(```|~~~)")
FRONT_MATTER_FENCE = LazyPattern(r"^---\s*$")
FRONT_MATTER_FIELD = LazyPattern(r"^(\w[\w-]*)\s*:\s*(.*)$")
# bracket contents exclude "[" so every scan stops at the next bracket: linear time
IMAGE = LazyPattern(r"!\[[^\[\]\n]*\](?:\([^()\n]*\)|\[[^\[\]\n]*\])")
LINK = LazyPattern(r"\[([^\[\]\n]+)\]\([^()\n]*\)")
REF_LINK = LazyPattern(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
AUTOLINK = LazyPattern(r"<((?:https?|mailto):[^<>\s]+)>")
REF_DEF = LazyPattern(r"^\s{0,3}\[[^\]\n]+\]:\s+\S+")
FOOTNOTE_MARK = LazyPattern(r"\[\^[^\[\]\n]+\]")
# emphasis markers are dropped where they open or close a word, paired or not (linear, no backtracking)
_MARK = r"(?:\*{1,3}|_{1,3}|~~)"
EMPHASIS_MARK = LazyPattern(
    rf"(?:(?<!\S)|(?<=[(\"'“‘])){_MARK}(?=[^\s*_~])"  # opening: before a word
    rf"|(?<=[^\s*_~]){_MARK}(?![^\s.,;:!?)\"'”’])"  # closing: after a word, before a space or punctuation
)
CODE = LazyPattern(r"`+([^`\n]+)`+")
LIST_ITEM = LazyPattern(r"^\s*(?:[*+-]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
QUOTE = LazyPattern(r"^\s{0,3}(?:>\s?)+")
RULE = LazyPattern(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
TABLE_SEPARATOR = LazyPattern(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
TABLE_ROW = LazyPattern(r"^\s*\|.*\|\s*$")
HTML_TAG = LazyPattern(r"</?[A-Za-z][^<>\n]*>|<!--.*?-->")
ESCAPE = LazyPattern(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
ESCAPED = LazyPattern(r"[\ue000-\ue07f]")  # escaped characters are parked in the private-use area
HARD_BREAK = LazyPattern(r"(?:\\|\s{2,})$")


def inline(text: str) -> str:
    """Markdown inline syntax stripped from one line."""
    text = ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)
    text = CODE.sub(lambda m: m.group(1).strip().replace("*", "\ue02a").replace("_", "\ue05f"), text)
    text = IMAGE.sub("", text)
    text = LINK.sub(r"\1", text)
    text = REF_LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = FOOTNOTE_MARK.sub("", text)
    text = EMPHASIS_MARK.sub("", text)
    text = HTML_TAG.sub("", text)
    text = ESCAPED.sub(lambda m: chr(ord(m.group()) - 0xE000), text)
    return " ".join(text.split())


def read_markdown(text: str) -> Document:
    """Strip Markdown syntax; the first heading (or front matter title) becomes the title."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, lines = _front_matter(lines)
    reader = _Reader()
    reader.title = front.get("title") or None
    reader.read(lines)
    document = Document(
        body="\n\n".join(p for p in reader.paragraphs if p),
        format="markdown",
        title=reader.title,
        description=front.get("description") or None,
        url=front.get("url") or None,
    )
    if front.get("author"):
        document.authors = [a.strip() for a in re.split(r"[;,]", front["author"]) if a.strip()]
    if front.get("date"):
        from newsdrop.text.dates import normalize_date

        document.published = normalize_date(front["date"])
    return document


class _Reader:
    """Walks the lines once, collecting paragraphs."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        if self.current:
            self.paragraphs.append(" ".join(part for part in self.current if part))
            self.current = []

    def heading(self, text: str) -> None:
        self.flush()
        text = inline(text)
        if self.title is None and not self.paragraphs:
            self.title = text or None
        elif text and text != self.title:
            self.paragraphs.append(text)

    def read(self, lines: list[str]) -> None:
        fence: str | None = None
        for index, line in enumerate(lines):
            if fence is not None:
                if line.strip().startswith(fence):
                    fence = None
                continue
            opening = FENCE.match(line)
            if opening:
                self.flush()
                fence = opening.group(1)
                continue
            nxt = lines[index + 1] if index + 1 < len(lines) else ""
            self._line(line, nxt)
        self.flush()

    def _line(self, line: str, nxt: str) -> None:
        stripped = line.strip()
        if not stripped:
            self.flush()
            return
        if REF_DEF.match(line) or (RULE.match(line) and not self.current):
            self.flush()
            return
        if SETEXT_UNDERLINE.match(line) and not self.current:
            return  # the underline of a heading already taken
        heading = HEADING.match(line)
        if heading:
            self.heading(heading.group(2))
            return
        if not self.current and SETEXT_UNDERLINE.match(nxt) and not LIST_ITEM.match(line):
            self.heading(stripped)
            return
        if TABLE_SEPARATOR.match(line) and "-" in line and ("|" in line or self.current):
            return
        if TABLE_ROW.match(line):
            self.flush()
            cells = [inline(cell) for cell in stripped.strip("|").split("|")]
            self.paragraphs.append(" | ".join(cell for cell in cells if cell))
            return
        body = QUOTE.sub("", line)
        if LIST_ITEM.match(body):
            self.flush()
            self.current.append(inline(LIST_ITEM.sub("", body)))
            return
        if not body.strip():
            self.flush()
            return
        self.current.append(inline(HARD_BREAK.sub("", body)))


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """YAML front matter (simple ``key: value`` lines) at the very top, and the lines after it."""
    if not lines or not FRONT_MATTER_FENCE.match(lines[0]):
        return {}, lines
    for end in range(1, min(len(lines), 200)):
        if FRONT_MATTER_FENCE.match(lines[end]) or lines[end].strip() == "...":
            fields = {}
            for line in lines[1:end]:
                match = FRONT_MATTER_FIELD.match(line)
                if match:
                    fields[match.group(1).lower()] = match.group(2).strip().strip("\"'")
            return fields, lines[end + 1 :]
    return {}, lines
