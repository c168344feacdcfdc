"""The shared sample article, end to end through the pure pipeline: what issue 2 promises a reader.

Expected values were written by a person from reading the article, not copied from output.
"""

from __future__ import annotations

import re

import pytest

from newsdrop import summarize
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def summary():
    return summarize(SAMPLE.read_bytes(), name=SAMPLE.name)


def test_junk_is_removed_and_recorded(summary):
    for junk in ("[ad_1]", "[ad_2]", "top channel", "Source link"):
        assert junk not in summary.text
    assert summary.cleaning["ad_shortcode"].count == 2
    assert {"ad_shortcode", "trailer", "spacing"} <= set(summary.cleaning)


def test_spacing_repaired_curly_quotes_and_paragraphs_kept(summary):
    assert " ." not in summary.text and " ," not in summary.text
    assert "send troops there." in summary.text
    assert "Ukrainian Foreign Minister, Dmytro Kuleba." in summary.text
    assert "“We will never completely close the door on diplomacy,” she told reporters." in summary.text
    assert summary.text.count("\n\n") == summary.stats.paragraphs - 1 == 17  # 22 lines, 4 of them junk


def test_no_headline_is_invented(summary):
    assert summary.title is None or "title_derived" in summary.warnings
    assert summary.published is None  # no date in the text; never a body year, never today


def test_language(summary):
    assert summary.language == "en"


PEOPLE = {
    "Joe Biden": ("Biden", "President"),
    "Vladimir Putin": ("Putin", "Russian President"),
    "Jen Psaki": ("Psaki", "White House spokeswoman"),
    "Antony Blinken": ("Blinken", "US Secretary of State"),
    "Sergei Lavrov": (None, "Russian Foreign Minister"),
    "Dmytro Kuleba": (None, "Ukrainian Foreign Minister"),
}


@pytest.mark.parametrize(("name", "expected"), PEOPLE.items())
def test_people_with_full_names_surname_aliases_and_roles(summary, name, expected):
    alias, role = expected
    people = {e.name: e for e in summary.entities if e.type == "PERSON"}
    assert name in people
    if alias:
        assert alias in people[name].aliases
    assert role in people[name].roles


def test_exactly_the_six_people(summary):
    assert sorted(e.name for e in summary.entities if e.type == "PERSON") == sorted(PEOPLE)


def test_places_and_organizations(summary):
    places = {e.name for e in summary.entities if e.type == "LOCATION"}
    orgs = {e.name for e in summary.entities if e.type == "ORGANIZATION"}
    assert {"Ukraine", "Russia", "Moscow", "United States", "Luhansk", "Donetsk", "Britain"} <= places
    assert {"NATO", "European Union", "White House"} <= orgs


QUOTES = [
    ("We will never completely close the door on diplomacy", "Jen Psaki"),
    ("diplomacy can not succeed if Russia does not change course", "Jen Psaki"),
    ("Now that we see that the invasion is beginning", "Antony Blinken"),
    ("diplomatic solution", "Vladimir Putin"),
    ("Russia’s interests, the security of our citizens", "Vladimir Putin"),
    ("peacekeeping functions", "Vladimir Putin"),
    ("partner country", None),
]


def test_every_quote_with_its_speaker(summary):
    found = [(q.text, q.speaker) for q in summary.quotes]
    assert len(found) == len(QUOTES)
    for (text, speaker), (start, expected) in zip(found, QUOTES, strict=True):
        assert text.startswith(start)
        assert speaker == expected, text


def test_quote_offsets_cover_the_quoted_passage(summary):
    for quote in summary.quotes:
        passage = summary.text[quote.start : quote.end]
        assert passage[0] in "“\"" and passage[-1] in "”\""
        assert quote.text.rstrip(",.") in passage


def test_dates_without_a_year_get_no_invented_year(summary):
    values = [(d.text, d.value) for d in summary.dates]
    assert ("February 22", "--02-22") in values
    assert ("February 23", "--02-23") in values
    assert values.count(("February 21", "--02-21")) == 2
    assert ("2014", "2014") in values and ("2008", "2008") in values
    for date in summary.dates:
        assert summary.text[date.start : date.start + len(date.text)] == date.text


def test_keywords_are_readable_and_distinct(summary):
    words = [k.text for k in summary.keywords]
    assert 5 <= len(words) <= 10
    assert "Vladimir Putin" in words and "Ukraine" in words
    assert "President Joe" not in words and "Russian President Vladimir" not in words
    assert len({w.casefold() for w in words}) == len(words)


def test_summary_is_two_or_three_whole_sentences(summary):
    sentences = re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", summary.summary)
    assert 2 <= len(sentences) <= 3
    assert len(summary.summary.split()) <= 80
    assert all(s in summary.text for s in sentences)


def test_stats_and_fingerprint(summary):
    assert summary.stats.words == len(re.findall(r"\w+(?:['’]\w+)*", summary.text))
    assert summary.stats.sentences >= 20
    assert summary.stats.reading_time_minutes == pytest.approx(summary.stats.words / 238, abs=0.1)
    assert re.fullmatch(r"[0-9a-f]{64}", summary.fingerprint.sha256)
    assert re.fullmatch(r"[0-9a-f]{16}", summary.fingerprint.simhash)


def test_near_duplicate_has_a_close_simhash(summary):
    edited = SAMPLE.read_text(encoding="utf-8").replace("hours after", "only hours after")
    other = summarize(edited.encode(), name="edited.txt")
    distance = bin(int(summary.fingerprint.simhash, 16) ^ int(other.fingerprint.simhash, 16)).count("1")
    assert distance <= 8
    assert other.fingerprint.sha256 != summary.fingerprint.sha256
