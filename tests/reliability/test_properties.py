"""Property-based tests of the pure pipeline (Hypothesis).

Example counts come from the profile in tests/reliability/conftest.py (``@settings(PROFILE)``): modest
under ``make test``, many more in the slow tier (``NEWSDROP_HYPOTHESIS=slow``).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from tests.reliability.conftest import PROFILE

NAMES = ["incoming/a.txt", "incoming/a.html", "incoming/a.json", "incoming/a.jsonl", "incoming/a.md", None]
CONTENT_TYPES = [None, "text/plain", "text/html; charset=utf-8", "application/json", "text/markdown",
                 "text/plain; charset=utf-16", "application/octet-stream"]

WORDS = st.sampled_from(
    "the council said on Tuesday bridge harbour voted mayor residents ferry work would take two years "
    "and cost about million according to report".split()
)
NAMES_WORDS = st.sampled_from(["Maria Lopez", "John Whitfield", "Northbridge Consulting", "London", "Paris",
                               "Dr. Chen", "the U.S.", "Mr. O'Neil", "São Paulo", "Ms Müller"])
DATES = st.sampled_from(["March 3, 2024", "on Tuesday", "2023-11-05", "last year", "22 February",
                         "in 1998", "June 1", "12/05/2021", "the 4th of July"])
QUOTES = st.sampled_from(['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e"])
NOISE = st.sampled_from(["[ad_1]", "Source link", "\u00a0", "\t", "  ", "\r\n", "\u200b", "Ã©", "â€™", "...",
                         "\x00", "<b>", "&amp;", "\n\n\n"])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=14))
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(NAMES_WORDS))
    if draw(st.booleans()):
        words.append(draw(DATES))
    sentence = " ".join(words)
    sentence = sentence[0].upper() + sentence[1:] + draw(st.sampled_from([".", "!", "?", "", ".."]))
    if draw(st.booleans()):
        mark = draw(QUOTES)
        sentence = f"{mark}{sentence}{draw(QUOTES)} said {draw(NAMES_WORDS)}."
    if draw(st.integers(0, 4)) == 0:
        sentence += draw(NOISE)
    return sentence


@st.composite
def articles(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=5), min_size=1, max_size=6))
    return "\n\n".join(" ".join(p) for p in paragraphs)


def _summaries(data: bytes | str, name: str | None = "incoming/a.txt", content_type: str | None = None):
    from newsdrop.errors import InputError
    from newsdrop.pipeline import summarize_all

    try:
        return summarize_all(data, name=name, content_type=content_type)
    except InputError:
        return []


@settings(PROFILE)
@given(
    data=st.binary(max_size=4096), name=st.sampled_from(NAMES), content_type=st.sampled_from(CONTENT_TYPES)
)
def test_arbitrary_bytes_give_summaries_or_an_input_error(data, name, content_type, summary_validator):
    for summary in _summaries(data, name, content_type):  # anything but InputError propagates and fails
        summary_validator.validate(json.loads(summary.model_dump_json()))


@settings(PROFILE)
@given(text=st.text(max_size=2000), name=st.sampled_from(NAMES))
def test_arbitrary_text_gives_summaries_or_an_input_error(text, name, summary_validator):
    for summary in _summaries(text.encode("utf-8", "surrogatepass"), name):
        summary_validator.validate(json.loads(summary.model_dump_json()))


@settings(PROFILE)
@given(text=st.one_of(articles(), st.text(max_size=1500), st.builds(" ".join, st.lists(NOISE | WORDS))))
def test_cleaning_is_idempotent(text):
    from newsdrop.text.clean import clean_text

    once = clean_text(text)
    note(repr(once))
    assert clean_text(once) == once


@settings(PROFILE)
@given(article=articles())
def test_every_summary_validates_and_offsets_point_into_text(article, summary_validator):
    summaries = _summaries(article)
    for summary in summaries:
        summary_validator.validate(json.loads(summary.model_dump_json()))
        text = summary.text
        for quote in summary.quotes:
            assert 0 <= quote.start < quote.end <= len(text), quote
            head = quote.text.strip()[:8]
            assert head in text[quote.start : quote.end], (quote, text[quote.start : quote.end])
        for date in summary.dates:
            assert 0 <= date.start < len(text), date
            assert text[date.start : date.start + len(date.text)] == date.text, (date, text[date.start:][:40])


@pytest.mark.parametrize("fmt", ["text/html", "application/json", "text/markdown"])
@settings(PROFILE)
@given(article=articles())
def test_wrapped_articles_validate_in_every_format(fmt, article, summary_validator):
    if fmt == "text/html":
        data = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in article.split("\n\n")) + "</article>"
    elif fmt == "application/json":
        data = json.dumps({"title": article[:40], "maintext": article})
    else:
        data = "# " + article[:40].replace("\n", " ") + "\n\n" + article
    for summary in _summaries(data, None, fmt):
        summary_validator.validate(json.loads(summary.model_dump_json()))
        for quote in summary.quotes:
            assert 0 <= quote.start < quote.end <= len(summary.text)
        for date in summary.dates:
            assert summary.text[date.start : date.start + len(date.text)] == date.text
