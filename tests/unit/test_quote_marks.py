"""Quote marks paired into passages (newsdrop.text.quote_marks), on short texts written for these tests."""

from __future__ import annotations

import re

import pytest

from newsdrop.text import quote_marks
from newsdrop.text.quote_marks import passages


def spans(text: str) -> list[tuple[str, list[str]]]:
    return [(text[p.start : p.end], [text[a:b] for a, b in p.parts]) for p in passages(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“A,” he said.", [("“A,”", ["A,"])]),
        ('He said "B" twice.', [('"B"', ["B"])]),
        ("He said ''C'' twice.", [("''C''", ["C"])]),
        ("“A” and “B”", [("“A”", ["A"]), ("“B”", ["B"])]),
        (
            "\"He called it 'a “sad” day,'\" Berg",
            [("\"He called it 'a “sad” day,'\"", ["He called it 'a “sad” day,'"])],
        ),
        ("”Reversed,” he said.", [("”Reversed,”", ["Reversed,"])]),
        ("He said: “one.\n\n“two.”", [("“one.\n\n“two.”", ["one.", "two."])]),  # runs over a paragraph
        ("“open\n\nnext paragraph.", []),  # unclosed at the paragraph end: dropped
        ("“ ” and “”", []),  # no words
        ("No marks at all.", []),
    ],
)
def test_passages(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    ["'''", "''''", "a''b''c\"d“e”f„g«h»", "'' \"\" ''", "x'y'z", "“" * 50 + "''" * 20],
)
@pytest.mark.parametrize("block", [3, 4, 7, 1 << 16])
def test_marks_are_what_the_regex_finds_whatever_the_block_size(
    text: str, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quote_marks, "_BLOCK", block)
    expected = [m.span() for m in re.finditer(r"''|[\"“”„«»]", text)]
    assert list(quote_marks._marks(text)) == expected


def test_passages_are_read_one_at_a_time() -> None:
    stream = passages("“A” “B” “C”")
    assert next(stream).start == 0
    assert next(stream).start == 4
