"""Extractive summary."""

from __future__ import annotations

import pytest

from newsdrop.text.sentences import split_sentences
from newsdrop.text.summary import extractive_summary

STORY = (
    "WASHINGTON (Reuters) - The city council approved a new budget for the harbor bridge repairs on Monday. "
    "The harbor bridge has been closed to trucks since a crack was found in its main span last spring. "
    "Council members said the repairs would cost about $40 million and take two years to finish. "
    "Scroll down for video. "
    "Residents who live near the harbor bridge welcomed the vote after months of traffic delays. "
    "The mayor is expected to sign the budget next week."
)


def summarize(text: str, **kwargs: object) -> str:
    return extractive_summary(text, split_sentences(text), **kwargs)


def test_summary_is_whole_sentences_from_the_text() -> None:
    summary = summarize(STORY)
    sentences = {s.text for s in split_sentences(STORY)} | {
        "The city council approved a new budget for the harbor bridge repairs on Monday."
    }
    assert summary
    for part in split_sentences(summary):
        assert part.text in sentences


@pytest.mark.parametrize("banned", ["WASHINGTON (Reuters)", "Scroll down", "(Reuters)"])
def test_summary_drops_datelines_and_furniture(banned: str) -> None:
    assert banned not in summarize(STORY)


def test_summary_starts_with_the_lead() -> None:
    assert summarize(STORY).startswith("The city council approved a new budget")


@pytest.mark.parametrize(("max_sentences", "max_words"), [(3, 75), (2, 75), (3, 30), (1, 200)])
def test_summary_respects_limits(max_sentences: int, max_words: int) -> None:
    summary = summarize(STORY, max_sentences=max_sentences, max_words=max_words)
    assert 1 <= len(split_sentences(summary)) <= max_sentences
    assert len(summary.split()) <= max_words


def test_redundant_sentence_is_skipped() -> None:
    text = (
        "Storms flooded the coastal town of Milford on Friday, forcing hundreds from their homes. "
        "Storms flooded the coastal town of Milford on Friday, forcing hundreds from homes. "
        "Rescue teams used boats to reach families trapped on rooftops overnight."
    )
    summary = summarize(text)
    assert summary.count("Storms flooded") == 1
    assert "Rescue teams" in summary


@pytest.mark.parametrize(
    "junk",
    [
        "By John Smith and Jane Doe, Staff Writers for the paper.",
        "Read more: the full report on the harbor is online here.",
        "PUBLISHED: 12:00 EST, 5 May 2014 | UPDATED: 13:00 EST, 5 May 2014.",
        "Pictured: the mayor stands on the harbor bridge in the rain.",
    ],
)
def test_furniture_sentences_are_never_chosen(junk: str) -> None:
    text = junk + " " + STORY.split(" - ", 1)[1]
    assert junk not in summarize(text)


def test_by_as_a_preposition_is_kept() -> None:
    text = "By the end of the day, the harbor bridge had reopened to all traffic. It rained."
    assert summarize(text).startswith("By the end of the day")


@pytest.mark.parametrize("text", ["", "no sentence here", "Short one."])
def test_degenerate_inputs(text: str) -> None:
    assert isinstance(summarize(text), str)


def test_long_input_finishes() -> None:
    text = "Word " * 100_000 + ". " + STORY * 200
    assert summarize(text)


def test_caption_with_a_one_word_label_is_not_chosen() -> None:
    caption = "Haul: The cherry picker on the prison roof in Liverpool The amount of drugs grew."
    text = caption + " " + STORY.split(" - ", 1)[1]
    assert "Haul:" not in summarize(text)


def test_speech_colon_is_not_a_caption() -> None:
    text = "He said: the harbor bridge would reopen to traffic within two weeks. It rained."
    assert summarize(text).startswith("He said:")


# Reading stems chunk by chunk (summary_terms) must equal reading them from the lower-cased text.
@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON (Reuters) - The city's council approved 2 budgets; U.S.-led talks ended.",
        "“Quoted,” she said — ÉCOLE école İstanbul ΣΟΦΙΑΣ under_score x2",
        "   spaces\tand\ttabs\nand lines   ",
        # one word with one mark after it: read without the regex
        "said, word_ word' word’ Word- İstanbul, naïve. x, ab; 2014, a1, Ünal» years) it's, — “ ”",
    ],
)
def test_chunk_stems_match_the_word_regex(text: str) -> None:
    import re

    from newsdrop.text.stem import stem
    from newsdrop.text.stopwords import STOPWORDS
    from newsdrop.text.summary_terms import read

    words = re.findall(r"[^\W_]+", text.lower())
    expected = frozenset(stem(w) for w in words if len(w) > 1 and w not in STOPWORDS)
    stems, count, _ = read(text)
    assert list(stems) == list(expected)  # the same set, built in the same order
    assert count == len(text.split())


@pytest.mark.parametrize(
    "text",
    [
        "Read more about it here.",
        "Sign up now for our newsletter.",
        "Pictured: the mayor.",
        "He said: yes.",
        "© 2014 the paper.",
        "(AP Photo/Jane Doe) was here.",
        "Getty Images shows the scene.",
    ],
)
def test_hint_flag_is_set_when_a_hint_may_occur(text: str) -> None:
    from newsdrop.text.summary_terms import JUNK_HINTS, read

    assert any(hint in text.lower() for hint in JUNK_HINTS)
    assert read(text)[2]


@pytest.mark.parametrize(
    "text", ["It was already ready, by design.", "Breadth rose; rightsholders shared widely."]
)
def test_hint_flag_is_clear_for_look_alike_words(text: str) -> None:
    from newsdrop.text.summary_terms import read

    assert not read(text)[2]


@pytest.mark.parametrize(
    "body",
    ["End.", "End!”", "End?)", "End.\n", "End”.", "End", "End.”\n", "End\n.", "E.'", "End.\n\n", "."],
)
def test_end_test_matches_the_end_pattern(body: str) -> None:
    import re

    from newsdrop.text.summary import _ends_sentence

    assert _ends_sentence(body) == bool(re.search(r"""[.!?]["'”’)]?$""", body))


def test_caches_stay_bounded_on_long_text() -> None:
    from newsdrop.text import summary_terms

    text = " ".join(f"Word{i} went there{i}." for i in range(3 * summary_terms.CACHE_SIZE))
    assert summarize(text)
    assert len(summary_terms.CHUNK_TERMS) <= summary_terms.CACHE_SIZE


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON (Reuters) - The city's council approved 2 budgets; U.S.-led talks ended.",
        "Scroll down for video: read more here.",
        "",
        "   spaces\tand\ttabs\nand lines   ",
    ],
)
def test_reading_chunks_equals_reading_the_text(text: str) -> None:
    from newsdrop.text.summary_terms import read, read_chunks

    by_chunks = read_chunks(text.split())
    assert by_chunks == read(text)
    assert list(by_chunks[0]) == list(read(text)[0])  # built in the same order


@pytest.mark.parametrize(
    "chunk",
    ["photos", "subscribers", "©2014", "time:", "published:", "afp/getty", "below.", "Video", "readers",
     "spread", "sign", "rights", "share", "follow", "plain", "copy", "belo"],
)
def test_one_scan_finds_the_one_word_hints(chunk: str) -> None:
    from newsdrop.text import summary_terms

    lower = chunk.lower()
    hints = summary_terms._ONE_WORD_HINTS
    expected = lower.endswith(summary_terms._HINT_HEADS) or any(h in lower for h in hints)
    summary_terms.CHUNK_TERMS.pop(chunk, None)
    assert (summary_terms.HINT in summary_terms.CHUNK_TERMS[chunk]) == expected
