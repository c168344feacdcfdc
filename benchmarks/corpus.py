"""Inputs for the benchmarks, read from ../shared at run time (never copied into the repository)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from functools import cache
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(ROOT.parent / "shared")
EVAL = SHARED / "eval"
SAMPLE = SHARED / "samples" / "000_ad279fb4c748556f.txt"
HTML_PAGES = EVAL / "body-html" / "html"
# English article sets whose documents are whole news articles (the language set is paragraphs).
ARTICLE_SETS = ("summaries", "quotes", "keyphrases", "ner")
SEPARATOR = "\n\n"


def shared_available() -> bool:
    """True when ../shared/eval is laid beside the repository."""
    return EVAL.is_dir()


def sample_bytes() -> bytes:
    """The shared sample article (plain text)."""
    return SAMPLE.read_bytes()


def as_minimal_html(text: str) -> str:
    """``text`` wrapped as the smallest page trafilatura reads: one <p> per non-empty line."""
    paragraphs = "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{paragraphs}</body></html>"


def article_texts(sets: tuple[str, ...] = ARTICLE_SETS, eval_dir: Path = EVAL) -> Iterator[str]:
    """The distinct article bodies of the dev text sets, in file order."""
    seen: set[str] = set()
    for name in sets:
        path = eval_dir / name / "docs.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line).get("text", "").strip()
                if text and text not in seen:
                    seen.add(text)
                    yield text


@cache
def _corpus(sets: tuple[str, ...], eval_dir: Path) -> tuple[str, ...]:
    return tuple(article_texts(sets, eval_dir))


def scaling_text(size: int, sets: tuple[str, ...] = ARTICLE_SETS, eval_dir: Path = EVAL) -> str:
    """About ``size`` UTF-8 bytes of real article text: distinct bodies joined by blank lines.

    Articles are taken in order, each at most once per pass; only when ``size`` exceeds the whole
    corpus (about 4 MB) does a new pass start. The text is cut at a paragraph boundary at or just
    below ``size`` (a single article is cut at a line or word boundary when it alone is larger).
    """
    corpus = _corpus(sets, eval_dir)
    if not corpus:
        raise FileNotFoundError(f"no article texts under {eval_dir}")
    parts: list[str] = []
    used = 0
    index = 0
    while used < size:
        article = corpus[index % len(corpus)]
        index += 1
        cost = len(article.encode("utf-8")) + len(SEPARATOR)
        if used + cost > size:
            remaining = size - used - len(SEPARATOR)
            if remaining > 0:
                parts.append(_cut(article, remaining))
            break
        parts.append(article)
        used += cost
    return SEPARATOR.join(p for p in parts if p)


def _cut(text: str, size: int) -> str:
    """The longest prefix of ``text`` within ``size`` UTF-8 bytes that ends at a line or word break."""
    head = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    if len(head) == len(text):
        return text
    for mark in ("\n", " "):
        cut = head.rfind(mark)
        if cut > 0:
            return head[:cut].rstrip()
    return ""


def html_pages(directory: Path = HTML_PAGES) -> list[tuple[str, bytes]]:
    """(name, HTML bytes) of the real pages, gunzipped."""
    pages = []
    for path in sorted(directory.glob("*")):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        pages.append((path.name.removesuffix(".gz"), data))
    return pages
