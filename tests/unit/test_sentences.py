"""Sentence and paragraph splitting."""

from __future__ import annotations

import pytest

from newsdrop.text.sentences import Sentence, split_paragraphs, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One here. Two there.", ["One here.", "Two there."]),
        ("The U.S. Army said so. It left.", ["The U.S. Army said so.", "It left."]),
        ("Troops left the U.S. The war ended.", ["Troops left the U.S.", "The war ended."]),
        ("Talks on Feb. 22 failed. Then more.", ["Talks on Feb. 22 failed.", "Then more."]),
        ("It ended in Feb. The next began.", ["It ended in Feb.", "The next began."]),
        ("Mr. Smith met Gen. Lee and Sen. Warren. They spoke.",
         ["Mr. Smith met Gen. Lee and Sen. Warren.", "They spoke."]),
        ("John F. Kennedy was shot. It was 1963.", ["John F. Kennedy was shot.", "It was 1963."]),
        ("Growth was 3.5 percent. Prices rose.", ["Growth was 3.5 percent.", "Prices rose."]),
        ("He lives at No. 5 Main St. in town.", ["He lives at No. 5 Main St. in town."]),
        ("The answer was no. Smith left.", ["The answer was no.", "Smith left."]),
        ("She said “No.” Then she left.", ["She said “No.”", "Then she left."]),
        ('"Why?" he asked. Nobody knew.', ['"Why?" he asked.', "Nobody knew."]),
        ("Wait! What? Yes.", ["Wait!", "What?", "Yes."]),
        ("Shares of Apple Inc. The maker fell.", ["Shares of Apple Inc.", "The maker fell."]),
        ("Apple Inc. Chief Tim Cook spoke.", ["Apple Inc. Chief Tim Cook spoke."]),
        ("At 9 a.m. Monday it began.", ["At 9 a.m. Monday it began."]),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        ("Heading without stop\n\nBody text here.", ["Heading without stop", "Body text here."]),
        ("The U.S.-led talks. Next one.", ["The U.S.-led talks.", "Next one."]),
        ("Ends without punctuation", ["Ends without punctuation"]),
        ("it rained all day. the roads shut. he left.",
         ["it rained all day.", "the roads shut.", "he left."]),
        ("prices rose approx. the same. they fell.", ["prices rose approx. the same.", "they fell."]),
        ("the u.s. the army", ["the u.s. the army"]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_spans_point_into_text_and_offset_shifts_them() -> None:
    text = "  First one. Second one!  "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    shifted = split_sentences(text, offset=100)
    assert [s.start for s in shifted] == [s.start + 100 for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Word " * 100_000, 1),
        ("." * 100_000 + "x", 1),
        ("1." * 50_000, 1),
        ("F. " * 30_000, 1),
        ("Yes. " * 30_000, 30_000),
        ("\n" * 50_000 + "Hi.", 1),
    ],
)
def test_adversarial_inputs_finish(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\nb\n\nc", ["a\nb", "c"]),
        ("\n\n  one  \n \n\ntwo\n", ["one", "two"]),
        ("", []),
    ],
)
def test_split_paragraphs(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_paragraphs(text)] == expected


def test_sentence_keeps_given_text_and_split_sentences_slice_theirs() -> None:
    given = Sentence(10, 13, "abc")
    assert (given.start, given.end, given.text) == (10, 13, "abc")
    text = "  First one. Second one!  "
    first = split_sentences(text)[0]
    assert first == Sentence(2, 12, "First one.")
    assert hash(first) == hash(Sentence(2, 12, "First one."))
    assert first != Sentence(2, 12, "First one!")
    assert repr(first) == "Sentence(start=2, end=12, text='First one.')"


@pytest.mark.parametrize("offset", [0, 7])
def test_moved_shifts_the_span_and_keeps_the_text(offset: int) -> None:
    text = "One here. Two there."
    for sentence in [*split_sentences(text, offset=offset), Sentence(3, 6, "abc")]:
        moved = sentence.moved(5)
        assert (moved.start, moved.end, moved.text) == (sentence.start + 5, sentence.end + 5, sentence.text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The word before a period is read from the last word-or-period run, at most 21 characters.
        ("Ask (Gen. Lee) now. Then go.", ["Ask (Gen. Lee) now.", "Then go."]),
        ("It cost $5 approx. Then more.", ["It cost $5 approx.", "Then more."]),
        ("See x.Gen. Lee left.", ["See x.Gen. Lee left."]),
        ("A verylongwordthatgoesonandon. Next one.", ["A verylongwordthatgoesonandon.", "Next one."]),
        ("Met Sen.\n. Warren left.", ["Met Sen.\n. Warren left."]),  # "Sen" before a line end: a title
        ("Smith\n. The end.", ["Smith\n.", "The end."]),
        ("It was 5. The end.", ["It was 5.", "The end."]),
        ("Bye. ", ["Bye."]),
        ("*** .\n\nReal text.", ["Real text."]),
        ("Line one  \n \nLine two", ["Line one", "Line two"]),
    ],
)
def test_word_before_and_stripping(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # punctuation then a blank line ends the sentence whatever the next word
        ("Shares of Apple Inc.\n\nthe maker fell.", ["Shares of Apple Inc.", "the maker fell."]),
        ("It ended.  \n \n  Then more.", ["It ended.", "Then more."]),
        ("It ended.\n\n\n\nThen more.", ["It ended.", "Then more."]),
        ("Really?!\n\nYes.", ["Really?!", "Yes."]),
        ("He paused…\n\nthen spoke.", ["He paused…", "then spoke."]),
        ("“No.”\n\nThen she left.", ["“No.”", "Then she left."]),
        # marks of several patterns in one run: read once
        ("Wait?! What… Yes?. No.", ["Wait?!", "What…", "Yes?.", "No."]),
        ("A heading\n\n\nBody here", ["A heading", "Body here"]),
        ("Ends at a blank line\n \nNext block.", ["Ends at a blank line", "Next block."]),
    ],
)
def test_paragraph_ends_and_mixed_marks(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "One. Two! Three? Four… Five.",
        "Mr. Smith left the U.S. Then? No!\n\nNew block. And more?!",
        "“Quoted.” (Aside.) [Note.] Done…",
        "3.5 percent. U.S.-led. Yahoo!Inc. End",
        "No break here",
    ],
)
def test_boundaries_are_those_of_the_one_pattern(text: str) -> None:
    from newsdrop.text.sentences import _BOUNDARY, _boundaries

    kept, consumed = [], 0
    for match in _boundaries(text):
        if match.start() >= consumed:
            kept.append(match.span())
            consumed = match.end()
    assert kept == [match.span() for match in _BOUNDARY.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Wait?! What… Yes?. No.\n\nShares of Apple Inc.\n\nthe maker fell. He said “No.” Then left.",
        "A heading\n\n\nBody here. Mr. Smith met Gen. Lee!\n \nNext block?",
        "",
    ],
)
def test_long_texts_are_read_by_the_one_pattern_alike(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    from newsdrop.text import sentences

    merged = split_sentences(text)
    monkeypatch.setattr(sentences, "MERGE_MAX_CHARS", -1)  # every text read by the one pattern
    assert split_sentences(text) == merged
