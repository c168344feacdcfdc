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
