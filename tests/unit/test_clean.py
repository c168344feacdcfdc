"""The cleaner: unicode repair, junk lines, spacing, paragraphs, idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdrop.text.clean import clean_text
from newsdrop.text.document import Cleaning
from newsdrop.text.junk import junk_kind
from tests.conftest import SAMPLE


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("Moscowâ€™s recent aggression", "Moscow’s recent aggression", "mojibake"),
        ("He said â€œyesâ€\x9d loudly.", "He said “yes” loudly.", "mojibake"),
        ("It\x92s a test", "It’s a test", "mojibake"),
        ("zero\u200bwidth and soft\u00adhyphen", "zerowidth and softhyphen", "invisible_characters"),
        ("a\u00a0b\u202fc", "a b c", "spacing"),
        ("there. .", "there.", "spacing"),
        ("Minister , Dmytro", "Minister, Dmytro", "spacing"),
        ("two  spaces\tand tab", "two spaces and tab", "spacing"),
        ("[ad_1]\nBody line.\n[ad_2]", "Body line.", "ad_shortcode"),
        ("Body line.\nSource link", "Body line.", "trailer"),
        ("Body line.\nAdvertisement", "Body line.", "ad"),
        ("Body line.\nShare this article", "Body line.", "share"),
        ("Body line.\nSubscribe to our newsletter for the latest news", "Body line.", "subscribe"),
        ("We use cookies to improve your experience.\nBody line.", "Body line.", "cookie"),
        ("e\u0301te\u0301", "été", None),  # NFC
    ],
)
def test_repairs_and_records(text: str, expected: str, kind: str | None) -> None:
    cleaning = Cleaning()
    assert clean_text(text, cleaning) == expected
    if kind:
        assert cleaning.counts[kind] >= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\nTwo.\n\n\n\nThree.", "One.\n\nTwo.\n\nThree."),
        ("  indented line.  \n\n  next.", "indented line.\n\nnext."),
        ("The Ashes are defended in\na six-test series.", "The Ashes are defended in a six-test series."),
        ("A headline\nThe body starts here.", "A headline\n\nThe body starts here."),
        ("Wait . . . what?", "Wait... what?"),
        ("An ellipsis... stays.", "An ellipsis... stays."),
        ("Version .NET stays", "Version .NET stays"),
        ("Il a dit : « oui » !", "Il a dit : « oui » !"),  # French spacing before : and ! stays
        ("Persian نمی\u200cخواهم keeps ZWNJ", "Persian نمی\u200cخواهم keeps ZWNJ"),
    ],
)
def test_paragraphs_and_spacing(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_curly_quotes_stay_curly() -> None:
    text = "“We will never completely close the door,” she said — it’s “diplomacy”."
    assert clean_text(text) == text


def test_sample_is_clean_and_stable() -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert "Moscow’s" in cleaned
    assert "[ad_" not in cleaned
    assert clean_text(cleaned) == cleaned


@pytest.mark.parametrize("line", ["Read more", "READ MORE »", "Share:", "Source link", "top channel"])
def test_junk_lines(line: str) -> None:
    assert junk_kind(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Read more about the budget in the report the council published on Monday.",
        "The mayor said the city would share the cost with the state.",
        "Sources said the deal was close.",
    ],
)
def test_article_lines_are_not_junk(line: str) -> None:
    assert junk_kind(line) is None
    assert clean_text(line) == line


PIECES = ["\u00a0", "\u200b", "\u00ad", "â€™", "Ã©", "\x92", "[ad_1]", "Source link", " .", " ,", "..",
          "e\u0301"]
ALPHABET = st.sampled_from([*"abcXYZ .,;:!?\n\t\"'“”’-—()[]_#0123456789é", *PIECES])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_idempotent_on_any_text(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


# fix_text skips the lines ftfy leaves unchanged; it must give ftfy's own result on every input.
FTFY_PIECES = [*PIECES, "&amp;", "&eacute;", "<b>", "ﬁ", "\ufeff", "\x1b[31m", "\r", "\u2028", "\x85",
               "\ud83d", "\ude00", "Ð¿Ñ€Ð¸", "РџСЂРёРІРµС‚", "ï»¿", "\ufffd", "日本", "\x00", "ÃƒÂ©", "Â "]
FTFY_ALPHABET = st.sampled_from([*"ab Z.\n\n’—é", *FTFY_PIECES])


def _ftfy(text: str) -> str:
    import ftfy

    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, normalization="NFC")


@pytest.mark.parametrize(
    "text",
    [
        "plain line\nMoscowâ€™s line\nanother plain line",
        "Fish &amp; chips\nCafÃ© opens",  # an entity on a line without mojibake is still unescaped
        "<p>tag first</p>\nFish &amp; chips Ã©",  # after a "<", ftfy stops unescaping entities
        "ﬁnal\nÃ© e\u0301",  # ligature and a decomposed accent on lines of their own
        "Привет, мир\nРџСЂРёРІРµС‚\nÃ©",  # Windows-1251 mojibake without any Latin trigger on its line
        "no trailing newline Ã©",
    ],
)
def test_fix_text_equals_ftfy(text: str) -> None:
    from newsdrop.text.clean import fix_text

    assert fix_text(text) == _ftfy(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(FTFY_ALPHABET, max_size=40).map("".join))
def test_fix_text_equals_ftfy_on_any_mix(text: str) -> None:
    from newsdrop.text.clean import fix_text

    assert fix_text(text) == _ftfy(text)


# --- the line-at-a-time cleaner against the plain whole-text algorithm it replaces -------------------

def _reference_junk_kind(line: str) -> str | None:
    """junk_kind as first written: every pattern searched, no pre-test."""
    from newsdrop.text.junk import (
        CAPTION,
        JUNK_LINES,
        JUNK_PREFIX_LEAD,
        JUNK_PREFIX_MAX_CHARS,
        JUNK_PREFIXES,
        KEY_EDGE,
        TEASER_TAG,
    )

    if len(line) > JUNK_PREFIX_MAX_CHARS:
        return None
    kind = JUNK_LINES.get(" ".join(line.lower().split()).strip(KEY_EDGE))
    if kind:
        return kind
    match = JUNK_PREFIXES.match(line.lstrip(JUNK_PREFIX_LEAD))
    if match:
        return match.lastgroup
    if CAPTION.search(line):
        return "caption"
    if TEASER_TAG.search(line):
        return "related"
    return None


def _reference_clean(text: str, cleaning: Cleaning) -> str:
    """The cleaner as first written: each step over the whole text, then the lines."""
    import re
    import unicodedata

    from newsdrop.text.clean import fix_text
    from newsdrop.text.junk import SHORTCODE

    needed = re.compile(r"[\x80-\x9f\u00c2\u00c3\u00c5\u00d0\u00d1\u00e2\u00ef\ufffd\u20ac]")
    spacing = (
        (re.compile(r"[ \t]{2,}"), " "),
        (re.compile(r"(?<=\S) (?=[.,]+(?:\s|$|[\"”’)]))"), ""),
        (re.compile(r"(?<![.])\.\.(?=\s|$|[\"”’)])"), "."),
    )

    def line_of(line: str) -> str | None:
        stripped = line.strip()
        if not stripped:
            return None
        without, n = SHORTCODE.subn("", stripped)
        if n:
            cleaning.record("ad_shortcode", stripped, n)
            stripped = without.strip()
            if not stripped:
                return None
        kind = _reference_junk_kind(stripped)
        if kind:
            cleaning.record(kind, stripped)
            return None
        fixed = stripped.replace("\t", " ")
        for pattern, replacement in spacing:
            first = pattern.search(fixed)
            if first:
                cleaning.record("spacing", fixed[max(0, first.start() - 30): first.end() + 10])
                fixed, n = pattern.subn(replacement, fixed)
                cleaning.counts["spacing"] += n - 1
        return fixed

    def close(current: list[str], paragraphs: list[str]) -> None:
        if current:
            paragraph = " ".join(current)
            kind = _reference_junk_kind(paragraph) if len(current) > 1 else None
            current.clear()
            if kind:
                cleaning.record(kind, paragraph)
            else:
                paragraphs.append(paragraph)

    def once(text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.isascii():
            if needed.search(text):
                fixed = fix_text(text)
                if fixed != text:
                    i = next((k for k, (a, b) in enumerate(zip(text, fixed, strict=False)) if a != b),
                             min(len(text), len(fixed)))
                    cleaning.record("mojibake", text[max(0, i - 20): i + 20])
                    text = fixed
            text = unicodedata.normalize("NFC", text)
            text, n = re.subn(r"[\u200b\u2060\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069]", "", text)
            cleaning.record("invisible_characters", None, n)
            text, n = re.subn(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)
            cleaning.record("spacing", None, n)
        text, n = re.subn(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", text)
        cleaning.record("invisible_characters", None, n)
        paragraphs: list[str] = []
        current: list[str] = []
        for line in text.split("\n"):
            stripped = line_of(line)
            if stripped is None:
                close(current, paragraphs)
            elif current and current[-1][-1] not in ".!?:;…\"”’)]" and stripped[0] in LOWER_OR_PAREN:
                current.append(stripped)
            else:
                close(current, paragraphs)
                current.append(stripped)
        close(current, paragraphs)
        return "\n\n".join(paragraphs)

    for _ in range(3):
        cleaned = once(text)
        if cleaned == text or cleaned.isascii() or not needed.search(cleaned):
            return cleaned
        text = cleaned
    return text


LOWER_OR_PAREN = "abcdefghijklmnopqrstuvwxyz("
JUNK_PIECES = ["Source link", "Read more: ", "Share this", "(Image: AP)", "Photo: X", "[VIDEO]",
               "Advertisement", "we use cookies", "» ", "• ", "\u0130", "\u0131", "\u017f", "\u212a",
               "RELATED:", "(c)", "  ", "\t"]
CLEAN_ALPHABET = st.sampled_from([*"ab Z.,:()\n\n’”é", *PIECES, *FTFY_PIECES, *JUNK_PIECES])


def _same_cleaning(text: str) -> None:
    ours, theirs = Cleaning(), Cleaning()
    assert clean_text(text, ours) == _reference_clean(text, theirs)
    assert +ours.counts == +theirs.counts
    assert {k: v for k, v in ours.samples.items() if v} == {k: v for k, v in theirs.samples.items() if v}


@pytest.mark.parametrize(
    "text",
    [
        "Fish &amp; chips\nIt\x92s a test  here .",  # a C1 control on a later line: ftfy reads every line
        "Café Ã© a\u2028b\nnext line",  # ftfy turns a line separator into a line break
        "One line ends in\nthe next one, Ã©\n\nÂ  spaced",
        "e\u0301\u200b\u0301 composed after the invisible mark goes, Ã© present",
        "[ad_1]\nSource link\n\nReal text.\nmore of it.\n\nÃ©\u00a0end",
        "\u212aeep reading\nSH\u017fRE this\n(photo: ſomething)",
        "a sentence goes on\n(in brackets) and on\nand on. Then\nends.",
        "Two  spaces , and there. .\nWait . . . what?\nAn ellipsis... stays.. twice.. here",
    ],
)
def test_same_as_the_whole_text_algorithm(text: str) -> None:
    _same_cleaning(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(CLEAN_ALPHABET, max_size=50).map("".join))
def test_same_as_the_whole_text_algorithm_on_any_mix(text: str) -> None:
    _same_cleaning(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*JUNK_PIECES, *"aZ .:)(|-", "share", "Follow us on Twitter", "video"]),
                max_size=12).map("".join))
def test_junk_kind_pre_tests_lose_no_match(line: str) -> None:
    assert junk_kind(line) == _reference_junk_kind(line)
    assert junk_kind(line, line.isprintable()) == _reference_junk_kind(line)


@pytest.mark.parametrize(
    "line",
    ["Read" + " " * 60 + "more", "  Share   this  ", ". Read more .", "Advertisement" + " ." * 40,
     "» Related »", "Source link" + "\u00a0" * 50, "(Image: " + "x" * 70 + ")", "READ MORE: " + "y " * 90],
)
def test_junk_kind_on_padded_lines(line: str) -> None:
    assert junk_kind(line) == _reference_junk_kind(line)
    assert junk_kind(line, line.isprintable()) == _reference_junk_kind(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("* Share this article", "share"),
        ("» Read more: the full story", "trailer"),
        ("Protesters in the square (Image: GETTY)", "caption"),
        ("İmage copyright Getty Images", "caption"),
        ("China furious at Macron [INSIGHT]", "related"),
        ("Photo: AP", "caption"),
        ("The talks failed on Tuesday, officials said after a long day of meetings.", None),
        ("“We will never completely close the door on diplomacy,” she told reporters.", None),
    ],
)
def test_junk_kind_fast_exit_keeps_every_kind(line: str, kind: str | None) -> None:
    from newsdrop.text.junk import junk_kind

    assert junk_kind(line) == kind


@pytest.mark.parametrize(
    ("before", "during"),
    [
        ({}, [("spacing", "a  b", 1)]),
        ({"title": ["Headline"]}, [("title", "Another", 1), ("ad", None, 2)]),
    ],
)
def test_cleaning_restore_undoes_records(before: dict, during: list) -> None:
    cleaning = Cleaning()
    for kind, samples in before.items():
        for sample in samples:
            cleaning.record(kind, sample)
    expected = (dict(cleaning.counts), {k: list(v) for k, v in cleaning.samples.items()})
    state = cleaning.snapshot()
    for call in during:
        cleaning.record(*call)
    cleaning.restore(state)
    assert (dict(cleaning.counts), cleaning.samples) == expected


def test_c1_control_reruns_with_ftfy_and_records_once() -> None:
    cleaning = Cleaning()
    # a C1 control and no printable mojibake: the first pass starts without ftfy, then starts over
    text = clean_text("Read more\nThe shop opened \u2019today\u2019. It was \x85busy.", cleaning)
    assert "\x85" not in text
    assert cleaning.counts["trailer"] == 1
