"""Tokens of an attribution (newsdrop.text.quote_tokens), on short texts written for these tests."""

from __future__ import annotations

import pytest

from newsdrop.text.quote_tokens import CAP, END, LOW, START, TEXT, WORD, TokenStream, any_cue, is_cue, tokens


def texts(text: str) -> list[str]:
    return [t[TEXT] for t in tokens(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she told reporters.", ["she", "told", "reporters", "."]),
        # brackets dropped
        ("Sen. Bob Smith (R-Ky.) said: yes", ["Sen.", "Bob", "Smith", "said", ":", "yes"]),
        ("The U.S. Army said, Smith’s aide", ["The", "U.S.", "Army", "said", ",", "Smith’s", "aide"]),
        ("He left . Then", ["He", "left", "", ".", "Then"]),  # a lone sentence end leaves an empty token
        ("J. Smith said", ["J.", "Smith", "said"]),
        ("said Smith, a spokesman", ["said", "Smith", ",", "a", "spokesman"]),
        ("_private snake_case", ["private", "snake_case"]),  # a word never starts with "_"
        ("", []),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_token_fields() -> None:
    [sen, smith] = tokens("Sen. Smith", 0, 10)
    assert sen == ("Sen.", 0, 4, "sen", True, True)
    assert (sen[TEXT], sen[START], sen[END], sen[LOW], sen[CAP], sen[WORD]) == sen
    assert (smith[LOW], smith[CAP]) == ("smith", True)
    [comma] = tokens("a , b", 2, 3)
    assert (comma[TEXT], comma[WORD], comma[CAP]) == (",", False, False)


def test_stream_reads_only_what_is_needed() -> None:
    text = "Blinken told a joint news conference on Tuesday."
    stream = TokenStream(text, 0, len(text))
    assert stream.need(2) and len(stream.toks) == 2
    assert not stream.need(100)
    assert stream.all() == tokens(text, 0, len(text))


@pytest.mark.parametrize(
    ("text", "k", "expected"),
    [
        ("she said", 1, True),
        ("he went on", 1, True),
        ("he went home", 1, False),
        ("according to him", 0, True),
        ("according him", 0, False),
        ("as he put it", 2, True),
        ("he put", 1, False),
        ("the report", 1, False),  # a noun more often than a cue
    ],
)
def test_cues(text: str, k: int, expected: bool) -> None:
    toks = tokens(text, 0, len(text))
    assert is_cue(toks, k) is expected
    stream = TokenStream(text, 0, len(text))
    assert stream.need(k + 1) and stream.cue(k) is expected


@pytest.mark.parametrize(
    "text",
    [
        "she told reporters.",
        "  Sen. Bob  Smith (R-Ky.)   said:  yes ",
        "Smith, a spokesman ,  said . Then",
        "J. Smith said U.S. aid was late.",
    ],
)
def test_spaced_text_is_tokenized_as_any_other(text: str) -> None:
    # spaces only: offsets counted; a tab or a no-break space in their place: offsets searched for
    for other in ("\t", "\u00a0", "\n"):
        assert tokens(text, 0, len(text)) == tokens(text.replace(" ", other), 0, len(text))
    stream = TokenStream(text, 0, len(text))
    assert stream.need(1) and stream.all() == tokens(text, 0, len(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as he put it", True),
        ("he put the", False),
        ("Smith, who", False),
        ("she said", True),
        ("according to", True),
        ("according", False),
        ("", False),
    ],
)
def test_any_cue(text: str, expected: bool) -> None:
    toks = tokens(text, 0, len(text))
    assert any_cue(toks) is expected
    assert any_cue(toks) is any(is_cue(toks, k) for k in range(len(toks)))
