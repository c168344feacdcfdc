"""Speaker words around a quote (newsdrop.text.quote_speakers), on short texts written for these tests."""

from __future__ import annotations

import pytest

from newsdrop.text.quote_speakers import LOOSE, REPORTED, WHOLE, speaker_after, speaker_before, starts_clause
from newsdrop.text.quote_tokens import TEXT, TokenStream, tokens


def after(text: str) -> list[str] | None:
    words = speaker_after(TokenStream(text, 0, len(text)))
    return None if words is None else [t[TEXT] for t in words]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" she told reporters.", ["she"]),
        (", said Maria Lopez, the minister.", ["Maria", "Lopez"]),
        (" Lopez, the minister, said.", ["Lopez"]),
        (" Lopez later said on Monday.", ["Lopez"]),
        (" ― Sonya Herridge", ["Sonya", "Herridge"]),  # a byline
        (" ― Sonya Herridge wrote more here.", ["Sonya", "Herridge"]),
        (" ― Sonya Herridge; then more", None),
        (" to the crisis, but added that it was over.", None),
        (" Lopez told reporters.", ["Lopez"]),
        (", told reporters", None),  # the listener is not the speaker
        (" in both regions. Lopez said", None),
        ("", None),
    ],
)
def test_speaker_after(text: str, expected: list[str] | None) -> None:
    assert after(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "how"),
    [
        ("Lopez said: ", ["Lopez"], WHOLE),
        ("However, she added that ", ["she"], WHOLE),
        ("Lopez said on Monday that the town would seek a ", ["Lopez"], REPORTED),
        ("According to Lopez, ", ["Lopez"], WHOLE),
        ("Lopez sent troops to carry out, as he put it, ", ["he"], WHOLE),
        ("Norway has been its ", None, LOOSE),
    ],
)
def test_speaker_before(text: str, expected: list[str] | None, how: int) -> None:
    words, whole = speaker_before(tokens(text, 0, len(text)))
    assert (None if words is None else [t[TEXT] for t in words], whole) == (expected, how)


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [("“A”", 0, True), ("Intro.  “A”", 8, True), ("He said: “A”", 9, True), ("the “A”", 4, False)],
)
def test_starts_clause(text: str, start: int, expected: bool) -> None:
    assert starts_clause(text, start) is expected
