"""Text statistics: words (apostrophes join), paragraphs, counted without copies of the text."""

from __future__ import annotations

import re

import pytest

from newsdrop.text import stats
from newsdrop.text.sentences import split_sentences
from newsdrop.text.stats import count_paragraphs, count_words, text_stats

WORD = re.compile(r"\w+(?:['’]\w+)*")  # the definition of a word the counts must agree with


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n\n ", 0),
        ("One two three.", 3),
        ("Don't stop — it's Moscow’s call.", 5),
        ("a'b'c a''b 'quoted' rock’n’roll", 5),
        ("snake_case 3.5% x-ray", 5),
        ("Straße İstanbul 市议会 ½ ²", 5),
        ("“Quoted,” she said…\u00a0then\u2009left.", 5),
        ("word'", 1),
        ("'", 0),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words == len(WORD.findall(text))


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_chunks_cut_inside_words_count_the_same(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    text = "Moscow’s answer, don't wait: Straße 3.5 x_y “quoted” " * 20
    monkeypatch.setattr(stats, "CHUNK_CHARACTERS", size)
    assert count_words(text) == len(WORD.findall(text))


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("", 0),
        ("one", 1),
        ("one\n\ntwo", 2),
        ("one\n\n\n\ntwo\n\n", 2),
        ("one\ntwo", 1),
        ("\n\n  \n\none\n\n \t \n\ntwo  ", 2),
        ("one\n\n\ntwo", 2),
    ],
)
def test_count_paragraphs(text: str, paragraphs: int) -> None:
    assert count_paragraphs(text) == paragraphs == sum(1 for block in text.split("\n\n") if block.strip())


def test_text_stats() -> None:
    text = "The council met. It voted.\n\nThe mayor’s plan passed."
    result = text_stats(text, split_sentences(text))
    assert (result.characters, result.words, result.sentences, result.paragraphs) == (len(text), 9, 3, 2)
    assert result.reading_time_minutes == 0.0


@pytest.mark.parametrize("text", ["'" * 100_000, "a'" * 50_000, "\n" * 100_000, "x" * 100_000])
def test_adversarial_inputs_finish(text: str) -> None:
    assert count_words(text) == len(WORD.findall(text))


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\n\nb", "\n\n", " \n\n \n\nx", "a\n\n\n\nb", "a\n\n\t\n\nb\n\n", "\u2028\n\nb"],
)
def test_paragraphs_of_short_and_long_texts_agree(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    from newsdrop.text import stats

    short = stats.count_paragraphs(text)
    monkeypatch.setattr(stats, "CHUNK_CHARACTERS", -1)  # every text read block by block
    assert stats.count_paragraphs(text) == short
