"""HTML reader: body and metadata from trafilatura, publication date without body years, hostile input."""

from __future__ import annotations

import html
import sys
from pathlib import Path

import pytest

from newsdrop.errors import NewsdropError, NoArticleTextError
from newsdrop.text.html import (
    MAX_EXTRACTION_ELEMENTS,
    add_continuations,
    is_better_structured,
    is_structureless,
    parse_html,
    read_html,
    read_html_fragment,
    strip_header_lines,
    strip_title_lines,
)
from newsdrop.text.pubdate import byline_date, written_dates

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
SAMPLE = Path(__file__).resolve().parents[2] / "events" / "articles" / "000_ad279fb4c748556f.txt"
STORY = "The council approved the new budget after a long debate about schools and roads. " * 6


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_article_fixture_metadata_and_body() -> None:
    doc = read_html((FIXTURES / "article.html").read_text(encoding="utf-8"))
    assert doc.format == "html"
    assert doc.title == "Harbor Town Opens New Library"
    assert doc.authors == ["Mara Lindqvist"]
    assert doc.published == "2023-04-15"
    assert doc.url == "https://ledger.example.org/news/harbor-library"
    assert doc.site_name == "The Coastal Ledger"
    assert doc.description == "The long-awaited library opened its doors on Saturday."
    assert "Libraries" in doc.tags
    paragraphs = doc.body.split("\n\n")
    assert paragraphs[0].startswith("The long-awaited public library")  # headline not repeated
    assert len(paragraphs) == 4
    assert "Privacy" not in doc.body and "Home" not in doc.body


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (page(f"<article><p>{STORY}</p></article>"), None),  # no date anywhere
        (page(f"<article><p>The club has been in the town since 2008.</p><p>{STORY}</p></article>"), None),
        (page(f"<article><p>{STORY}</p></article><footer>Copyright © 2016 Example</footer>"), None),
        (page(f"<article><p>{STORY}</p></article>", '<meta property="article:published_time" '
              'content="2021-06-03T10:00:00Z">'), "2021-06-03"),
        (page(f"<article><p>Published on March 4, 2019</p><p>{STORY}</p></article>"), "2019-03-04"),
    ],
)
def test_published_never_a_bare_year(markup: str, expected: str | None) -> None:
    assert read_html(markup).published == expected


def test_shared_sample_wrapped_as_html_gets_no_year_from_its_text() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    markup = page("".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip()))
    doc = read_html(markup)
    assert doc.published is None
    assert len(doc.body) > 500


def test_byline_fixture_date_from_german_byline() -> None:
    doc = read_html((FIXTURES / "byline.html").read_text(encoding="utf-8"))
    assert doc.published == "2010-05-19"
    assert "Tomaten" in doc.body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted on May 19, 2010 by admin", "2010-05-19"),
        ("Dieser Eintrag wurde am 19. Mai 2010 um 23:03 Uhr gepostet", "2010-05-19"),
        ("Publié le 3 mars 2021", "2021-03-03"),
        ("publicado el 7 de julio de 2018", "2018-07-07"),
        ("First published: 2017-11-02", "2017-11-02"),
        ("The war ended on May 8, 1945, and the town rebuilt.", None),  # no publication word
        ("Posted in 2010", None),  # a year alone is not a date
        ("Posted on February 30, 2010", None),  # impossible day
    ],
)
def test_byline_date(text: str, expected: str | None) -> None:
    assert byline_date(text) == expected


def test_written_dates_reads_day_first_and_month_first_forms() -> None:
    assert written_dates("am 01. November 2021 und June 1st, 2020") == {"2021-11-01", "2020-06-01"}


HEADLINE = "Big Storm Hits Coast"


@pytest.mark.parametrize(
    ("lines", "title", "expected"),
    [
        ([HEADLINE, "Rain fell all night."], HEADLINE, ["Rain fell all night."]),
        (["news", HEADLINE, "Rain fell."], "Big storm hits coast!", ["Rain fell."]),
        (["Rain fell all night.", "More rain."], HEADLINE, ["Rain fell all night.", "More rain."]),
        (["a", "b", "c", HEADLINE, "x"], HEADLINE, ["a", "b", "c", HEADLINE, "x"]),  # too far down
        ([HEADLINE], HEADLINE, [HEADLINE]),  # never empties the body
        ([HEADLINE, "x"], None, [HEADLINE, "x"]),
    ],
)
def test_strip_title_lines(lines: list[str], title: str | None, expected: list[str]) -> None:
    assert strip_title_lines(lines, title) == expected


@pytest.mark.parametrize(
    "markup",
    [
        (FIXTURES / "boilerplate.html").read_text(encoding="utf-8"),
        page("<script>var a = 1;</script>"),
        page(""),
        "<html></html>",
    ],
)
def test_page_without_article_body_raises(markup: str) -> None:
    with pytest.raises(NoArticleTextError) as info:
        read_html(markup)
    assert info.value.code == "no_article_text"


DEK = "Rivers rose overnight across the region."


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([HEADLINE, DEK, "Rain fell."], ["Rain fell."]),  # headline and standfirst
        ([DEK, "Rain fell."], [DEK, "Rain fell."]),  # a description that opens the text is its lead
        ([HEADLINE, DEK], [DEK]),  # never empties the body
        ([HEADLINE, "Other lead.", DEK], ["Other lead.", DEK]),
    ],
)
def test_strip_header_lines(lines: list[str], expected: list[str]) -> None:
    assert strip_header_lines(lines, HEADLINE, DEK) == expected


CHUNK = "Paragraph {} of the story, long enough to count as a line of prose in the body."
SPLIT_PAGE = page(
    '<div class="chunks">'
    + "".join(
        f'<div class="wrap"><div class="body-part"><p>{CHUNK.format(2 * n)}</p>'
        f"<p>{CHUNK.format(2 * n + 1)}</p></div>"
        '<div class="ad"><p>Advertisement</p></div></div>'
        for n in range(3)
    )
    + '</div><aside><div><div><div class="body-part"><p>A nested box with the same class but deeper.</p>'
    "</div></div></div></aside>"
)


def test_add_continuations_collects_the_chunks_of_a_split_body() -> None:
    first_chunk = [CHUNK.format(0), CHUNK.format(1)]
    lines = add_continuations(parse_html(SPLIT_PAGE), first_chunk)
    assert lines == [CHUNK.format(n) for n in range(6)]


@pytest.mark.parametrize(
    "lines",
    [
        [CHUNK.format(0)],  # one paragraph is not evidence of a container
        ["Some other text that is not on the page at all, long enough to be prose."] * 2,
    ],
)
def test_add_continuations_needs_evidence(lines: list[str]) -> None:
    assert add_continuations(parse_html(SPLIT_PAGE), lines) == lines


BLOB = "word " * 300


@pytest.mark.parametrize(
    ("text", "expected"),
    [(BLOB, True), (BLOB + "\n" + BLOB, True), ("\n".join([BLOB] * 3), False), ("short line", False)],
)
def test_is_structureless(text: str, expected: bool) -> None:
    assert is_structureless(text) is expected


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("word " * 100 + "\n" + "word " * 100, True),
        ("word " * 20 + "\n" + "word " * 20, False),  # lost too much
        ("word " * 250, False),  # no more structure
    ],
)
def test_is_better_structured(candidate: str, expected: bool) -> None:
    assert is_better_structured(candidate, BLOB) is expected


def test_authors_are_cleaned() -> None:
    head = '<meta name="author" content="By Jane Roe; Staff">'
    assert read_html(page(f"<article><p>{STORY}</p></article>", head)).authors == ["Jane Roe"]


def test_fragment_too_short_for_extraction_keeps_its_paragraphs() -> None:
    doc = read_html_fragment("<p>Short first paragraph.</p><p>Second <b>one</b>.</p><script>x()</script>")
    assert doc.body == "Short first paragraph.\n\nSecond one."


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">' for i in range(1, 10))
    + f"]><html><body><p>&lol9;</p><p>{STORY}</p></body></html>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f"<html><body><article><p>&xxe;</p><p>{STORY}</p></article></body></html>"
)
DEEP = "<html><body>" + "<div>" * 100_000 + f"<p>{STORY}</p>" + "</div>" * 100_000 + "</body></html>"
DEEP_JSON_LD = page(f"<article><p>{STORY}</p></article>",
                    '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>")


@pytest.mark.parametrize(
    "markup",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, DEEP, DEEP_JSON_LD],
    ids=["laughs", "xxe", "deep", "deep-json-ld"],
)
def test_hostile_documents_end_as_document_or_clear_error(markup: str) -> None:
    try:
        doc = read_html(markup)
    except NewsdropError as error:
        assert error.code in {"no_article_text", "unsupported_format"}
        return
    assert "lollollol" not in doc.body  # entities never expanded
    assert "root:" not in doc.body  # no local file read
    assert len(doc.body) < 10 * len(markup)


def test_page_too_large_for_extraction_falls_back_to_block_text() -> None:
    paragraphs = "".join(f"<p>Paragraph {n} of a very long page.</p>" for n in range(MAX_EXTRACTION_ELEMENTS))
    doc = read_html(f"<html><head><title>Long page</title></head><body>{paragraphs}</body></html>")
    assert doc.warnings == ["html_too_large_for_extraction"]
    assert doc.title == "Long page"
    assert doc.body.split("\n\n")[-1] == f"Paragraph {MAX_EXTRACTION_ELEMENTS - 1} of a very long page."


def test_trafilatura_is_not_imported_by_the_plain_text_path() -> None:
    code = (
        "import sys; from newsdrop.pipeline import summarize; "
        "summarize(b'Plain words in a plain text article about towns and roads.', name='a.txt'); "
        "import newsdrop.text.records, newsdrop.text.markdown; "
        "assert 'trafilatura' not in sys.modules, 'trafilatura imported'"
    )
    import subprocess

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


# The metadata pass skips what newsdrop never reads, with trafilatura's own results on what it does.
LINKS = '<a href="/news/">News</a><a href="https://x.example/about">About</a>'
CATSTAG_PAGES = {
    "no category or tag link": page(f"<div class='meta'>{LINKS}</div><p>{STORY}</p>"),
    "category links in post meta": page(
        f"<div class='post-meta'><a href='/category/politics/'>Politics</a>{LINKS}</div><p>{STORY}</p>"
    ),
    "tag links": page(
        "<div class='tags'><a href='/tags/budget/'>Budget</a><a href='/tag/roads/'>Roads</a></div>"
        f"<p>{STORY}</p>"
    ),
    "category link outside any meta block": page(f"<nav><a href='/categories/x/'>X</a></nav><p>{STORY}</p>"),
    "section meta only": page(
        f"<p>{STORY}</p>", head='<meta property="article:section" content="Local news"><title>T</title>'
    ),
    "subject meta and a tag link": page(
        f"<div class='tags'><a href='/tag/a/'>A</a></div><p>{STORY}</p>",
        head='<meta name="subject" content="Budgets">',
    ),
}


@pytest.mark.parametrize("name", sorted(CATSTAG_PAGES))
def test_category_and_tag_search_matches_trafilatura(name: str) -> None:
    from trafilatura.metadata import extract_catstags

    from newsdrop.text.html import _catstags

    tree = parse_html(CATSTAG_PAGES[name])
    for metatype in ("category", "tag"):
        assert _catstags(metatype, tree) == extract_catstags(metatype, tree), metatype


@pytest.mark.parametrize("name", ["article.html", *sorted(CATSTAG_PAGES)])
def test_metadata_fields_match_trafilatura_extract_metadata(name: str) -> None:
    from trafilatura.metadata import extract_metadata

    from newsdrop.text.html import _metadata
    from newsdrop.text.pubdate import MARKUP_PARAMS

    source = CATSTAG_PAGES.get(name) or (FIXTURES / name).read_text(encoding="utf-8")
    tree = parse_html(source)
    expected = extract_metadata(tree, date_config=dict(MARKUP_PARAMS))
    found = _metadata(tree)
    for field in ("title", "description", "author", "url", "sitename", "date", "categories", "tags"):
        assert getattr(found, field) == getattr(expected, field), field


@pytest.mark.parametrize(
    "markup",
    [
        "<p>one</p>",
        "<!-- a comment --><div><p>a<!-- inner --><b>b</b></p><?php echo 1; ?></div>",
        "<table>" + "<tr><td>x</td></tr>" * 50 + "</table><script>var a = 1;</script>",
    ],
)
def test_element_count_in_libxml2_equals_a_walk_of_the_tree(markup: str) -> None:
    from newsdrop.text.html import COUNT_NODES, _xpath

    tree = parse_html(page(markup, head="<title>t</title><!-- head comment -->"))
    assert int(_xpath(COUNT_NODES)(tree)) == sum(1 for _ in tree.iter())
