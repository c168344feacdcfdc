"""The compact word set of long texts: the same answers as a Python set."""

from __future__ import annotations

import pytest

from newsdrop.text.entity_wordset import WordSet

WORDS = ["police", "reform", "re", "r", "über", "e.g", "al-qaeda", "police-led", "x"]


@pytest.mark.parametrize(
    ("word", "member"),
    [
        ("police", True),
        ("reform", True),
        ("re", True),  # a word that is the prefix of another
        ("r", True),  # shorter than the shard prefix
        ("über", True),
        ("e.g", True),
        ("al-qaeda", True),
        ("polic", False),  # a prefix of a member
        ("policeman", False),
        ("led", False),  # the end of a member
        ("police\nreform", False),  # two members across a line break
        ("", False),
        ("Police", False),  # case counts, as in a set
    ],
)
def test_membership(word: str, member: bool) -> None:
    assert (word in WordSet(WORDS)) is member
    assert (word in set(WORDS)) is member


def test_len_and_clear() -> None:
    words = WordSet(WORDS)
    assert len(words) == len(WORDS)
    assert len(WordSet([])) == 0 and "x" not in WordSet([])
    words.clear()
    assert "police" not in words
    assert len(words) == 0


def test_many_words_with_one_prefix() -> None:
    """Words sharing their first letters are spread over many strings: every look-up stays short."""
    words = [f"aaaa{i}" for i in range(20_000)]
    found = WordSet(words)
    assert all(word in found for word in words[::97])
    assert "aaaa20000" not in found
    assert max(map(len, found._shards)) < 400
