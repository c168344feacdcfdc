"""Markdown reader: title from the first heading or front matter, syntax stripped, paragraphs kept."""

from __future__ import annotations

import pytest

from newsdrop.text.markdown import inline, read_markdown


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Some *emph* and **bold** and ***both***.", "Some emph and bold and both."),
        ("_under_ and __double__ and ~~struck~~", "under and double and struck"),
        ("snake_case_name and 5 * 3 stay", "snake_case_name and 5 * 3 stay"),
        ("(*aside*) and \"**loud**\"", "(aside) and \"loud\""),
        ("A [link](https://example.org \"t\") here", "A link here"),
        ("A [ref link][1] here", "A ref link here"),
        ("Picture ![alt text](img.png) gone", "Picture gone"),
        ("Auto <https://example.org> link", "Auto https://example.org link"),
        ("Code `x * y_z` kept", "Code x * y_z kept"),
        ("An \\*escaped\\* star", "An *escaped* star"),
        ("Tag <b>bold</b> and <!-- note --> gone", "Tag bold and gone"),
        ("Footnote[^1] mark", "Footnote mark"),
    ],
)
def test_inline(line: str, expected: str) -> None:
    assert inline(line) == expected


def test_document_structure() -> None:
    doc = read_markdown(
        "# Storm Closes Schools\n\n"
        "Schools in the district *closed* on Monday.\nThe storm brought heavy rain.\n\n"
        "## What happens next\n\n"
        "> Classes resume \"when it is safe\",\n> the principal said.\n\n"
        "- Buses are cancelled\n- Exams are postponed\n\n"
        "1. First step\n2. Second step\n\n"
        "```python\nprint('not article text')\n```\n\n"
        "| Day | Rain |\n|-----|:----:|\n| Mon | 40 mm |\n\n"
        "---\n\n"
        "[1]: https://example.org/reference\n"
    )
    assert doc.format == "markdown"
    assert doc.title == "Storm Closes Schools"
    assert doc.body.split("\n\n") == [
        "Schools in the district closed on Monday. The storm brought heavy rain.",
        "What happens next",
        "Classes resume \"when it is safe\", the principal said.",
        "Buses are cancelled",
        "Exams are postponed",
        "First step",
        "Second step",
        "Day | Rain",
        "Mon | 40 mm",
    ]


@pytest.mark.parametrize(
    ("text", "title", "first_paragraph"),
    [
        ("Storm Closes Schools\n====================\n\nBody text.", "Storm Closes Schools", "Body text."),
        ("Intro paragraph first.\n\n# Later Heading\n\nMore.", None, "Intro paragraph first."),
        ("## Closing Heading ##\n\nBody.", "Closing Heading", "Body."),
        ("# Title\n\nBody.\n\n# Title\n\nEnd.", "Title", "Body."),
    ],
)
def test_title(text: str, title: str | None, first_paragraph: str) -> None:
    doc = read_markdown(text)
    assert doc.title == title
    assert doc.body.split("\n\n")[0] == first_paragraph


def test_front_matter() -> None:
    doc = read_markdown(
        "---\ntitle: \"Front Title\"\nauthor: Jane Doe; John Roe\ndate: 2024-03-05\n"
        "url: https://example.org/a\ndescription: Short.\n---\n\nBody paragraph."
    )
    assert (doc.title, doc.authors, doc.published) == ("Front Title", ["Jane Doe", "John Roe"], "2024-03-05")
    assert (doc.url, doc.description, doc.body) == ("https://example.org/a", "Short.", "Body paragraph.")


def test_windows_line_endings() -> None:
    assert read_markdown("# T\r\n\r\nOne.\r\nTwo.\r\n").body == "One. Two."


@pytest.mark.parametrize(
    "text",
    ["*a " * 20_000, "[" * 50_000, "![" * 20_000, "[a](" * 20_000, "**x " * 20_000, "`" * 50_000,
     "_" * 50_000, "<" * 50_000, "> " * 30_000, "\\" * 50_000, "|" * 50_000],
)
def test_adversarial_input_is_read(text: str) -> None:
    # would take minutes with a backtracking pattern; the suite's total time shows it
    assert read_markdown(text).format == "markdown"
