"""HTML reader: trafilatura extracts the body and the page metadata.

The page is parsed once and that tree feeds both the metadata pass and the body
extraction. Parsing is lxml's HTML parser as trafilatura configures it: libxml2's
HTML mode loads no DTD, expands no declared entities and never uses the network
(``no_network`` is lxml's default); its depth limit (no ``huge_tree``) stops
absurd nesting. An XML prolog / DOCTYPE with an entity subset is cut before parsing.

Options and steps, chosen by measurement on the article-extraction benchmark
pages (``--task body-html``, one page at a time, cost about one ``extract`` call):

1. trafilatura's recall mode (``favor_recall``) keeps the paragraphs its balanced
   and precision modes sometimes drop (intros, list items, short closing lines)
   and is also its fastest mode. Comments are never included.
2. A long extraction with no paragraph structure (a layout table, a ``<br>``
   page: one blob with its sidebars) is re-extracted in precision mode, kept if it
   has more paragraphs and a fair share of the text. Rare, so cheap on average.
3. A body split over repeated containers (ads between chunks) is completed from
   the same-class containers next to the one the paragraphs came from.
4. The article header repeated above the body (kicker, headline, and the
   standfirst when it is the page's description) is removed, with the page's own
   title and description as evidence; both stay in ``title``/``description``.

Pages with more than ``MAX_EXTRACTION_ELEMENTS`` elements skip trafilatura (its
time grows with their text) and keep every block's text, with a warning.

The publication date comes from :mod:`newsdrop.text.pubdate` (markup first, no
bare year from the text). trafilatura is imported only here, lazily.
"""

from __future__ import annotations

import re
from contextlib import suppress
from functools import cache
from typing import TYPE_CHECKING, Any

from newsdrop.errors import NoArticleTextError, UnsupportedFormatError
from newsdrop.text.authors import clean_authors
from newsdrop.text.document import Document
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.pubdate import MARKUP_PARAMS, find_published

if TYPE_CHECKING:
    from lxml.html import HtmlElement

EXTRACTION_OPTIONS: dict[str, Any] = {
    "favor_recall": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": False,  # metadata is read once, below, from the same tree
}
# trafilatura's time grows with the text of every element (seconds for 10,000 paragraphs); real article
# pages have a few thousand elements (5,516 at most on 241 benchmark pages). Beyond this, the page's
# text is taken block by block, without boilerplate removal, and the Document says so in a warning.
MAX_EXTRACTION_ELEMENTS = 15_000
# recall output this long in this few lines has lost the page's paragraph structure
STRUCTURELESS_MAX_LINES = 2
STRUCTURELESS_MIN_CHARACTERS = 1000
PRECISION_MIN_SHARE = 0.4
# the headline often opens the extracted text; only the first lines are compared with the title
TITLE_LOOKAHEAD_LINES = 3
TITLE_SIMILARITY = 0.7
DESCRIPTION_SIMILARITY = 0.8
# a body needs at least one line of prose (5 words, or 40 characters for unspaced scripts), not only menus
MIN_PROSE_WORDS = 5
MIN_PROSE_CHARACTERS = 40
# split bodies: same-class containers sharing an ancestor this close hold the rest of the article
CONTINUATION_ANCESTORS = 3
MAX_LINK_SHARE = 0.5
WORD = LazyPattern(r"\w+")
# <?xml …?> and <!DOCTYPE … [internal subset]> at the top of the page (no nested quantifiers)
PROLOG = LazyPattern(r"^\s*(?:<\?xml[^>]{0,500}>\s*)?(?:<!DOCTYPE[^\[>]{0,1000}(?:\[[^\]]*\])?\s*>)?", re.I)
PROLOG_WINDOW = 200_000
# trafilatura's category and tag link patterns (extract_catstags), to skip its XPaths when nothing can match
CATEGORY_HREF = LazyPattern("/categor(?:y|ies|s)?/")
TAG_HREF = LazyPattern("/tag(?:y|ies|s)?/")
HREFS = "//a/@href"
SECTION_META = './/head//meta[@property="article:section" or contains(@name, "subject")][@content]'
# every node tree.iter() yields (elements, comments, processing instructions), counted in libxml2
COUNT_NODES = "count(descendant-or-self::*|descendant::comment()|descendant::processing-instruction())"
BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "br", "pre")
DROPPED_TAGS = ("script", "style", "noscript", "template")


def read_html(html: str) -> Document:
    """Extract the article body and metadata from an HTML page."""
    tree = parse_html(html)
    size = int(_xpath(COUNT_NODES)(tree))
    if size > MAX_EXTRACTION_ELEMENTS:
        document = _block_text(tree)
        document.title = _page_title(tree)
        document.warnings.append("html_too_large_for_extraction")
        return document
    meta = _metadata(tree)
    body = _extract_body(tree)
    body_lines = add_continuations(tree, body.split("\n"))
    title = (meta.title or "").strip() or None
    description = (meta.description or "").strip() or None
    lines = strip_header_lines(body_lines, title, description)
    paragraphs = [line.strip() for line in lines if line.strip()]
    if not any(_is_prose(p) for p in paragraphs):
        raise NoArticleTextError("the HTML page has no article body (only menus, links or scraps)")
    return Document(
        body="\n\n".join(paragraphs),
        format="html",
        title=title,
        authors=clean_authors((meta.author or "").split(";")),
        published=find_published(tree, meta.date),
        url=meta.url or None,
        site_name=meta.sitename or None,
        description=description,
        tags=_unique(list(meta.categories or []) + list(meta.tags or [])),
    )


def read_html_fragment(html: str) -> Document:
    """Read HTML found inside another format (a JSON field): a page, or a short fragment.

    Fragments are often too short for trafilatura's extraction; their text is then
    taken block by block (every paragraph-like element on its own line).
    """
    try:
        return read_html(html)
    except NoArticleTextError:
        return _block_text(parse_html(html))


def _block_text(tree: HtmlElement) -> Document:
    """Every paragraph-like element's text on its own line (no boilerplate removal); linear time."""
    for element in list(tree.iter(*DROPPED_TAGS)):
        element.drop_tree()
    for element in tree.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    body = tree.find("body")
    root = body if body is not None else tree
    paragraphs = [" ".join(line.split()) for line in root.text_content().split("\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise NoArticleTextError("the HTML has no text")
    return Document(body=text, format="html")


def _page_title(tree: HtmlElement) -> str | None:
    title = tree.find(".//title")
    return " ".join(title.text_content().split()) or None if title is not None else None


def parse_html(html: str) -> HtmlElement:
    """Parse ``html`` once into a whole document (``<html>`` root).

    An XML declaration and a DOCTYPE (with any internal entity subset) are cut
    first: the HTML parser would not expand their entities anyway, and they
    make trafilatura's loader reject XHTML pages.
    """
    from lxml.html import document_fromstring
    from trafilatura.utils import HTML_PARSER, load_html

    html = PROLOG.sub("", html[:PROLOG_WINDOW]) + html[PROLOG_WINDOW:]
    try:
        tree = load_html(html)
        if tree is None or tree.tag != "html":
            tree = document_fromstring(html, parser=HTML_PARSER)
    except (ValueError, TypeError, RecursionError) as error:  # lxml refuses some inputs outright
        raise UnsupportedFormatError(f"the HTML could not be parsed: {error}") from error
    if tree is None or not len(tree):
        raise NoArticleTextError("the HTML page has no content")
    return tree


def strip_header_lines(lines: list[str], title: str | None, description: str | None = None) -> list[str]:
    """Drop the article header when it opens the extracted text.

    The header is the headline (and what precedes it: kicker, section name) and,
    right after that headline, the standfirst when it is the page's description;
    both stay available as ``title`` and ``description``.
    """
    remaining = strip_title_lines(lines, title)
    if remaining is lines or not description:
        return remaining
    rest = [index for index, line in enumerate(remaining) if line.strip()]
    if len(rest) < 2:
        return remaining
    if _similarity(set(_words(remaining[rest[0]])), set(_words(description))) >= DESCRIPTION_SIMILARITY:
        return remaining[rest[0] + 1 :]
    return remaining


def strip_title_lines(lines: list[str], title: str | None) -> list[str]:
    """Drop the headline (and what precedes it) when it opens the extracted text; ``lines`` if not."""
    if not title:
        return lines
    title_words = set(_words(title))
    cut = 0
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if seen >= TITLE_LOOKAHEAD_LINES:
            break
        seen += 1
        if _similarity(set(_words(line)), title_words) >= TITLE_SIMILARITY:
            cut = index + 1
    remaining = lines[cut:]
    return remaining if cut and any(line.strip() for line in remaining) else lines


def add_continuations(tree: HtmlElement, lines: list[str]) -> list[str]:
    """Add the rest of an article body split into repeated containers (ads between chunks).

    When most extracted paragraphs sit in one container with a class, other
    elements with the same tag and class near it (sharing an ancestor at most
    ``CONTINUATION_ANCESTORS`` levels up, at the same depth below it) hold the
    rest of the body: their prose paragraphs are added, in document order.
    """
    keys = {_key(line) for line in lines if len(line.strip()) >= MIN_PROSE_CHARACTERS}
    if len(keys) < 2:
        return lines
    parents: dict[HtmlElement, int] = {}
    for paragraph in tree.iter("p"):
        if _key(paragraph.text_content()) in keys:
            parent = paragraph.getparent()
            parents[parent] = parents.get(parent, 0) + 1
    if not parents:
        return lines
    container, count = max(parents.items(), key=lambda item: item[1])
    css_class = container.get("class")
    if not css_class or count < 2:
        return lines
    scope = container
    for _ in range(CONTINUATION_ANCESTORS):
        scope = scope.getparent() if scope.getparent() is not None else scope
    depth = _depth(container, scope)
    merged: list[str] = []
    added = 0
    for element in scope.iter(container.tag):
        if element is container:
            merged.extend(lines)
        elif element.get("class") == css_class and _depth(element, scope) == depth:
            for paragraph in element.iter("p"):
                text = " ".join(paragraph.text_content().split())
                fresh = _key(text) not in keys
                if fresh and _is_prose(text) and _link_share(paragraph, text) < MAX_LINK_SHARE:
                    merged.append(text)
                    added += 1
    return merged if added else lines


def _depth(element: HtmlElement, scope: HtmlElement) -> int:
    """How many levels ``element`` sits below ``scope`` (an ancestor of it)."""
    depth = 0
    for ancestor in element.iterancestors():
        depth += 1
        if ancestor is scope:
            break
    return depth


def _key(text: str) -> str:
    return " ".join(text.split())[:80]


def _link_share(element: HtmlElement, text: str) -> float:
    linked = sum(len(" ".join(link.text_content().split())) for link in element.iter("a"))
    return linked / max(1, len(text))


def _metadata(tree: HtmlElement) -> Any:
    """trafilatura's ``extract_metadata``, same steps in the same order, minus what newsdrop never reads.

    The license is not searched, and the category/tag link searches (a dozen regex XPaths over the
    whole page) run only when some link's address could match them at all.
    """
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with suppress(Exception):  # bugs in trafilatura's json_metadata: extract_metadata skips them too
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree)
    metadata.date = find_date(tree, **MARKUP_PARAMS, url=metadata.url)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        match = META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    if not metadata.categories:
        metadata.categories = _catstags("category", tree)
    if not metadata.tags:
        metadata.tags = _catstags("tag", tree)
    metadata.clean_and_trim()
    return metadata


def _catstags(metatype: str, tree: HtmlElement) -> list[str]:
    """``extract_catstags``, skipped when no link's href has the ``/category/`` (``/tag/``) form.

    Its XPaths only keep ``a[@href]`` elements whose href matches that pattern; the category fallback
    (``article:section`` meta) does not depend on links and always runs.
    """
    from trafilatura.metadata import extract_catstags

    pattern = CATEGORY_HREF if metatype == "category" else TAG_HREF
    if any(pattern.search(href) for href in _xpath(HREFS)(tree)):
        return extract_catstags(metatype, tree)
    if metatype != "category":
        return []
    from trafilatura.utils import line_processing

    results = [element.attrib["content"] for element in _xpath(SECTION_META)(tree)]
    return [r for r in dict.fromkeys(line_processing(x) for x in results if x) if r]


@cache
def _xpath(expression: str) -> Any:
    """A compiled XPath (lxml is imported on first use, not with this module)."""
    from lxml.etree import XPath

    return XPath(expression, smart_strings=False)


def _extract_body(tree: HtmlElement) -> str:
    """Recall-mode text; a long text without paragraph structure is checked against precision mode."""
    text = _extract(tree, EXTRACTION_OPTIONS)
    if not text.strip():
        raise NoArticleTextError("the HTML page has no article body")
    if is_structureless(text):
        # a layout table or <br>-separated page comes out as one blob with its sidebars;
        # precision mode usually cuts the blob down to the article's own paragraphs
        precise = _extract(tree, {**EXTRACTION_OPTIONS, "favor_recall": False, "favor_precision": True})
        if is_better_structured(precise, text):
            return precise
    return text


def is_structureless(text: str) -> bool:
    """A long extraction in one or two lines: the paragraph structure was lost."""
    lines = sum(1 for line in text.split("\n") if line.strip())
    return lines <= STRUCTURELESS_MAX_LINES and len(text) >= STRUCTURELESS_MIN_CHARACTERS


def is_better_structured(candidate: str, text: str) -> bool:
    """``candidate`` has more paragraphs than ``text`` and keeps a fair share of its length."""
    count = sum(1 for line in candidate.split("\n") if line.strip())
    original = sum(1 for line in text.split("\n") if line.strip())
    return count > original and len(candidate) >= PRECISION_MIN_SHARE * len(text)


def _extract(tree: HtmlElement, options: dict[str, Any]) -> str:
    from trafilatura import bare_extraction

    try:  # bare_extraction copies a tree it is given before pruning it
        result = bare_extraction(tree, **options)
    except RecursionError as error:
        raise UnsupportedFormatError("the HTML is nested too deeply to extract") from error
    return (result.text or "") if result is not None else ""


def _is_prose(line: str) -> bool:
    return len(_words(line)) >= MIN_PROSE_WORDS or len(line) >= MIN_PROSE_CHARACTERS


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def _similarity(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a), len(b)) if a and b else 0.0


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item and item.casefold() not in {s.casefold() for s in seen}:
            seen[item] = None
    return list(seen)
