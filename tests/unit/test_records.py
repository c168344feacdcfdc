"""JSON reader: news-please, newspaper4k, trafilatura and generic records; arrays and JSON Lines; bad JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdrop.errors import InputError, MalformedJsonError, NoArticleTextError, UnsupportedFormatError
from newsdrop.text.records import MAX_RECORDS, clean_authors, read_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "json"
STORY = "The council approved the new budget after a long debate about schools and roads. " * 6


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_news_please_record() -> None:
    [doc] = read_json(fixture("newsplease.json"))
    assert doc.format == "json"
    assert doc.title == "Ferries run again"
    assert doc.body.startswith("Ferry service to the northern islands")
    assert "\n\n" in doc.body
    assert doc.authors == ["Tomas Berg"]
    assert doc.published == "2024-02-01T17:45:00"
    assert doc.url == "https://islandpost.example.com/2024/02/ferries"
    assert doc.language == "en"
    assert doc.site_name == "islandpost.example.com"
    assert doc.description == "Ferry service resumes after the storm."


def test_newspaper4k_record() -> None:
    [doc] = read_json(fixture("newspaper.json"))
    assert doc.title == "Solar farm approved"
    assert doc.authors == ["Lena Fischer", "Omar Haddad"]
    assert doc.published == "2023-09-12T06:00:00+00:00"
    assert doc.language == "de"
    assert doc.tags == ["solar", "energy"]
    assert doc.description == "A solar farm gets the green light."


def test_trafilatura_json_lines_batch() -> None:
    first, second = read_json(fixture("trafilatura.jsonl"))
    assert first.authors == ["Ann Lee", "Bo Chen"]
    assert first.url == "https://a.example/1"
    assert first.site_name == "A News"
    assert first.tags == ["cities", "transport", "World"]
    assert first.published == "2022-05-01"
    assert (second.title, second.url) == ("Two", "https://a.example/2")


@pytest.mark.parametrize(
    ("record", "attribute", "expected"),
    [
        ({"body": "Body text.", "headline": "H"}, "title", "H"),
        ({"content": "Body text.", "byline": "By Sam Wu and Kim Ode"}, "authors", ["Sam Wu", "Kim Ode"]),
        ({"article": "Body text.", "published": 1700000000}, "published", "2023-11-14T22:13:20Z"),
        ({"article": "Body text.", "published": 1700000000000}, "published", "2023-11-14T22:13:20Z"),
        ({"text": "Body text.", "date": "not a date"}, "published", None),
        ({"text": "Body text.", "source": "Reuters"}, "url", None),  # a name, not a URL
        ({"text": "Body text.", "lang": "pt-BR"}, "language", "pt"),
        ({"text": "Body text.", "authors": [{"name": "Ida Holm"}]}, "authors", ["Ida Holm"]),
        ({"maintext": "Main.", "text": "Other."}, "body", "Main."),
    ],
)
def test_generic_fields(record: dict, attribute: str, expected: object) -> None:
    [doc] = read_json(json.dumps(record))
    assert getattr(doc, attribute) == expected


def test_wordpress_rest_post() -> None:
    post = {
        "date": "2021-04-09T10:15:00", "link": "https://blog.example/2021/04/spring",
        "title": {"rendered": "Spring &#8217;s first <em>bloom</em>"},
        "content": {"rendered": "<p>The cherry trees opened early.</p>\n<p>Crowds came by noon.</p>"},
        "excerpt": {"rendered": "<p>Early blossoms &amp; crowds.</p>"}, "categories": [4, 7],
    }
    [doc] = read_json(json.dumps(post))
    assert doc.title == "Spring ’s first bloom"
    assert doc.body == "The cherry trees opened early.\n\nCrowds came by noon."
    assert (doc.url, doc.published) == ("https://blog.example/2021/04/spring", "2021-04-09T10:15:00")
    assert doc.description == "Early blossoms & crowds."
    assert doc.tags == []


def test_body_as_list_of_paragraphs() -> None:
    [doc] = read_json(json.dumps({"paragraphs": "ignored", "text": ["First.", " ", "Second."]}))
    assert doc.body == "First.\n\nSecond."


def test_html_inside_a_field_goes_through_the_html_reader() -> None:
    markup = f"<html><body><nav><a href='/'>Home</a></nav><article><p>{STORY}</p></article></body></html>"
    record = {"html": markup, "title": "Budget passes"}
    [doc] = read_json(json.dumps(record))
    assert doc.format == "json"
    assert doc.title == "Budget passes"
    assert "council approved" in doc.body and "Home" not in doc.body


def test_array_of_records_and_wrapper_object() -> None:
    records = [{"text": "One body."}, {"text": "Two body."}, "not a record"]
    assert [d.body for d in read_json(json.dumps(records))] == ["One body.", "Two body."]
    assert [d.body for d in read_json(json.dumps({"articles": records[:2]}))] == ["One body.", "Two body."]


def test_batch_skips_records_without_text_but_one_record_must_have_it() -> None:
    assert len(read_json(json.dumps([{"text": "Body."}, {"title": "no body"}]))) == 1
    with pytest.raises(NoArticleTextError):
        read_json(json.dumps({"title": "no body"}))


@pytest.mark.parametrize(
    ("text", "error", "code"),
    [
        ('{"text": "unclosed', MalformedJsonError, "malformed_json"),
        ('{"text": "a"}\n{"text": ', MalformedJsonError, "malformed_json"),
        ('{\n  "text": "pretty but broken",\n}', MalformedJsonError, "malformed_json"),
        ('"just a string"', UnsupportedFormatError, "unsupported_format"),
        ("42", UnsupportedFormatError, "unsupported_format"),
        ("[1, 2, 3]", UnsupportedFormatError, "unsupported_format"),
        ("[]", UnsupportedFormatError, "unsupported_format"),
        ('{"text": ""}', NoArticleTextError, "no_article_text"),
        ("[" * 100_000 + "]" * 100_000, MalformedJsonError, "malformed_json"),
    ],
)
def test_bad_json_raises_input_errors(text: str, error: type[InputError], code: str) -> None:
    with pytest.raises(error) as info:
        read_json(text)
    assert info.value.code == code


@pytest.mark.parametrize("as_lines", [False, True])
def test_huge_batches_are_capped_with_a_warning(as_lines: bool) -> None:
    records = [{"text": f"Body {n}."} for n in range(MAX_RECORDS + 5)]
    text = "\n".join(json.dumps(r) for r in records) if as_lines else json.dumps(records)
    documents = read_json(text)
    assert len(documents) == MAX_RECORDS
    assert "records_truncated" in documents[0].warnings


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["By Jane Roe"], ["Jane Roe"]),
        (["written by: Jane Roe"], ["Jane Roe"]),
        (["Jane Roe jane@example.com"], ["Jane Roe"]),
        (["@janeroe", "Jane Roe", "jane roe"], ["Jane Roe"]),
        (["Staff", "", "  "], []),
        (["Ann Lee", "Bo Chen"], ["Ann Lee", "Bo Chen"]),
    ],
)
def test_clean_authors(names: list[str], expected: list[str]) -> None:
    assert clean_authors(names) == expected
