"""The plain-text reader: body finding on whole pages, nothing lost on plain articles, metadata lines."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdrop.errors import NoArticleTextError
from newsdrop.text.clean import clean_text
from newsdrop.text.document import Cleaning
from newsdrop.text.paragraphs import best_block, join_parts, score_line
from newsdrop.text.plaintext import read_text
from tests.conftest import SAMPLE

PROSE = [
    "The city council voted on Tuesday to approve a new budget that raises spending on schools and roads "
    "by nearly ten percent, the mayor said after a long and heated session.",
    "Opponents argued that the plan would force higher property taxes within two years, and several "
    "residents asked the council to delay the vote until the spring.",
    "The mayor said the city had enough reserves to cover the increase and that the new money would be "
    "spent on repairs that had been put off for more than a decade.",
    "A final reading of the budget is scheduled for next month, when the council is also expected to "
    "discuss a proposal to expand bus service to the northern suburbs.",
]
MENU = ["* Home", "* News", "* Sports", "* Weather", "* Opinion", "Log In", "Subscribe", "Search"]
FOOTER = [
    "Related Articles",
    "* Council Names New Chair",
    "* Five Things To Do This Weekend",
    "* Privacy Policy",
    "* Terms of Use",
    "* Contact Us",
    "© 2024 The Daily Example. All rights reserved.",
]


def page(*blocks: list[str]) -> str:
    """Whole-page text in the shape page-to-text tools write: every line its own paragraph."""
    return "\n\n".join(line for block in blocks for line in block)


def read_clean(text: str) -> str:
    document = read_text(text)
    return clean_text(document.body, document.cleaning)


def test_sample_article_keeps_every_body_line_and_drops_its_junk() -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    document = read_text(raw)
    text = clean_text(document.body, document.cleaning)
    body_lines = [line for line in raw.splitlines() if len(line) > 40]
    assert len(text.split("\n\n")) == len(body_lines)
    assert "[ad_" not in text and "Source link" not in text and "top channel" not in text
    assert "there." in text and "there. ." not in text
    assert "Minister, Dmytro" in text
    assert document.title is None
    assert document.cleaning.counts["ad_shortcode"] == 2
    assert document.cleaning.counts["trailer"] == 2


def test_whole_page_is_cut_to_its_article() -> None:
    text = read_clean(page(MENU, ["Council Approves Budget"], PROSE, FOOTER))
    assert text == "\n\n".join(PROSE)


def test_page_with_unbulleted_menus_is_cut_to_its_article() -> None:
    labels = ["Início", "Notícias", "Esportes", "Política", "Economia", "Cultura", "Opinião", "Vídeos"]
    text = "\n".join([*labels * 3, *PROSE, *labels * 2])
    assert read_clean(text) == "\n\n".join(PROSE)


def test_whole_page_keeps_a_subheading_inside_the_body() -> None:
    body = [*PROSE[:2], "What comes next", *PROSE[2:]]
    text = read_clean(page(MENU, body, FOOTER))
    assert "What comes next" in text
    assert text.startswith(PROSE[0]) and text.endswith(PROSE[-1])


def test_whole_page_headline_above_the_body_becomes_the_title() -> None:
    document = read_text(page(MENU, ["Council Approves New City Budget"], PROSE, FOOTER))
    assert document.title == "Council Approves New City Budget"


@pytest.mark.parametrize(
    "text",
    [
        page(MENU, FOOTER),
        "\n".join(["* Home", "* World", "* Business", "Privacy Policy", "Terms of Use", "Log In"] * 5),
        "[ad_1]\nSource link",
        "   \n\n  ",
    ],
)
def test_boilerplate_only_raises_no_article_text(text: str) -> None:
    with pytest.raises(NoArticleTextError) as raised:
        read_clean(text)
    assert raised.value.code == "no_article_text"


@pytest.mark.parametrize(
    "text",
    [
        # a results table under a headline: short lines, no page furniture
        "SOCCER - LEAGUE RESULTS.\nLONDON 1996-08-30\nResults of games played on Saturday:\n"
        "Arsenal 2 Chelsea 1\nLeeds 0 Everton 0\n1. Smith (Leeds) 12 goals\n2. Jones (Arsenal) 10",
        # one paragraph
        "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen. Die Opposition kritisierte den Plan.",
        # a numbered list inside an article
        "Officials listed three steps:\n1. Close the road\n2. Repair the bridge\n3. Reopen in May",
    ],
)
def test_plain_articles_lose_no_line(text: str) -> None:
    document = read_text(text)
    cleaned = clean_text(document.body, document.cleaning)
    lines = text.splitlines()
    kept = lines[1:] if document.title else lines
    for line in kept:
        assert line in cleaned


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Council Approves Budget\n\n" + PROSE[0] + "\n\n" + PROSE[1], "Council Approves Budget"),
        ("Council approves budget after session.\n\n" + PROSE[0], "Council approves budget after session."),
        ("SOCCER - SHEARER IS CAPTAIN.\nLONDON 1996-08-30\n" + PROSE[0], "SOCCER - SHEARER IS CAPTAIN."),
        ("Singer weds TV star in Buenos Aires\n" + PROSE[0], "Singer weds TV star in Buenos Aires"),
        ("Mayor wins vote.\nJane Roe\nLONDON 1996-08-30\n" + PROSE[0], "Mayor wins vote."),
        ("The council voted on Tuesday to approve a budget that\nraises spending.\n" + PROSE[0], None),
        (PROSE[0] + "\n" + PROSE[1], None),  # the first line is a paragraph, not a headline
        ("A short first paragraph that is a sentence.\n" + PROSE[0], None),
        (PROSE[0], None),
    ],
)
def test_headline(text: str, title: str | None) -> None:
    document = read_text(text)
    assert document.title == title
    if title:
        assert title not in clean_text(document.body)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"]),
        ("BY JANE DOE", ["JANE DOE"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By Associated Press", []),
        ("By jane.doe@example.com Jane Doe", ["Jane Doe"]),
        ("By Troy L. Smith, cleveland.com", ["Troy L. Smith"]),
        ("By Rachael Link, MS", ["Rachael Link"]),
        ("By HNN Staff", []),
    ],
)
def test_byline_moves_to_authors(line: str, authors: list[str]) -> None:
    document = read_text(f"Council Approves Budget\n\n{line}\n\n{PROSE[0]}\n\n{PROSE[1]}")
    assert document.authors == authors
    assert line not in clean_text(document.body)
    assert document.cleaning.counts["byline"] == 1


def test_by_sentence_is_not_a_byline() -> None:
    line = "By the time the vote came, most residents had already gone home for the night."
    document = read_text(f"{PROSE[0]}\n{line}")
    assert document.authors == []
    assert line in clean_text(document.body)


@pytest.mark.parametrize(
    ("text", "rest", "place"),
    [
        ("LONDON, Feb 22 (Reuters) - Oil prices rose.", "Oil prices rose.", "LONDON, Feb 22 (Reuters)"),
        ("WASHINGTON (Reuters) - The Senate voted.", "The Senate voted.", "WASHINGTON (Reuters)"),
        ("HEMPSTEAD, N.Y., Sept. 26 (UPI) — Police said.", "Police said.", "HEMPSTEAD, N.Y., Sept. 26 (UPI)"),
        ("MADRID — Rafael Nadal won the final match.", "Rafael Nadal won the final match.", "MADRID"),
        ("(CNN)They may not be aliens.", "They may not be aliens.", "(CNN)"),
        ("Gary Locke will stay on Friday - exactly eight weeks on.", None, None),
        ("WASHINGTON - the senate voted on a bill.", None, None),
        ("U.S. officials - not all of them - agreed.", None, None),
    ],
)
def test_dateline_is_cut_from_the_first_paragraph(text: str, rest: str | None, place: str | None) -> None:
    document = read_text(text + " " + PROSE[0] + "\n" + PROSE[1])
    first = clean_text(document.body).split("\n\n")[0]
    assert first == (rest or text) + " " + PROSE[0]
    assert document.cleaning.samples.get("dateline", [None])[0] == place


@pytest.mark.parametrize("line", ["IPO FILING -- Homegate Inc.", "PRESS DIGEST - Tunisia - Aug 31."])
def test_headline_parts_are_not_a_dateline(line: str) -> None:
    document = read_text(f"{line}\nTUNIS 1996-08-31\n{PROSE[0]}")
    assert document.title == line
    assert "dateline" not in document.cleaning.counts


def test_related_links_under_an_article_are_dropped() -> None:
    links = ["Council Names New Chair", "Five Things To Do This Weekend", "Storm Closes Schools"]
    document = read_text("\n".join([*PROSE, "Related Articles", *links]))
    assert clean_text(document.body) == "\n\n".join(PROSE)
    assert document.cleaning.counts["related"] == 4


def test_prose_under_a_related_line_is_kept() -> None:
    text = "\n".join([*PROSE[:2], "See also", *PROSE[2:]])
    cleaned = clean_text(read_text(text).body)
    assert all(paragraph in cleaned for paragraph in PROSE)


def test_published_line_moves_to_published() -> None:
    document = read_text(f"Council Approves Budget\n\nPublished: 2024-03-05\n\n{PROSE[0]}\n\n{PROSE[1]}")
    assert document.published == "2024-03-05"
    assert "Published" not in document.body


@pytest.mark.parametrize(
    ("line", "positive"),
    [
        (PROSE[0], True),
        ("* Home", False),
        ("© 2024 The Daily Example. All rights reserved.", False),
        ("Share this article", False),
        ("Five Things To Do This Weekend In The City", False),
        ("https://example.com/news/2024/03/council-budget", False),
    ],
)
def test_line_scores(line: str, positive: bool) -> None:
    assert (score_line(line) > 0) is positive


@pytest.mark.parametrize(
    ("scores", "block"),
    [
        ([-1, 2, 3, -1, 4, -5], (1, 5)),
        ([-1, -2], (0, 0)),
        ([5], (0, 1)),
        ([1, -3, 1, 1], (2, 4)),
    ],
)
def test_best_block(scores: list[float], block: tuple[int, int]) -> None:
    assert best_block(scores) == block


@pytest.mark.parametrize(
    "text",
    [
        "word " * 400_000,
        " ".join(["Capitalized"] * 100_000),
        "\n".join(["Capitalized Word"] * 20_000),
        "." * 200_000,
        '"' * 200_000,
        "a" + " " * 200_000 + ".",
        "LONDON " + "- " * 100_000,
        "By " + "Jane " * 100_000,
        "[ad_" * 100_000,
        "\n".join(["* Home", "Privacy Policy"] * 20_000) + "\n" + PROSE[0],
    ],
)
def test_adversarial_input_completes(text: str) -> None:
    with contextlib.suppress(NoArticleTextError):
        read_clean(text)


# --- the fast paths agree with the plain definitions they stand for -----------------------------------

LINE_ALPHABET = st.sampled_from([
    *"aZ .,:;!?()[]\"'”’»…-\n\t", "\u00a0", "\u200b", "\u0130", "\u0131", "\u017f", "\u212a", "漢字",
    "©", "(c) 2024", "Copyright 2021", "All Rights Reserved", "related", "More from ", "Home", "* ",
    "photo", "video", "share", "Privacy Policy", "www.example.com", " - Sport", "12:30 pm",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(LINE_ALPHABET, max_size=14).map("".join))
def test_line_helpers_match_their_definitions(text: str) -> None:
    from newsdrop.text.junk import COPYRIGHT, KEY_EDGE, line_key, may_have_copyright
    from newsdrop.text.paragraphs import SENTENCE_END, ends_sentence, page_evidence, weighs_at_least, weight

    assert line_key(text) == " ".join(text.lower().split()).strip(KEY_EDGE)
    assert ends_sentence(text) == (SENTENCE_END.search(text) is not None)
    for amount in (1, 3, 8):
        assert weighs_at_least(text, amount) == (weight(text) >= amount)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if any(COPYRIGHT.search(line) for line in lines):
        assert may_have_copyright(text)
    assert page_evidence(lines, may_have_copyright(text)) == page_evidence(lines)


OPENER_LINES = ["Related Articles", "» MORE FROM The Times", "  ‘See also’ ", "In other news:",
                "Top stories", "more in Politics", "Most  Read", "\u200bTrending now", "Up next",
                "We recommend", "Latest from us"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PROSE, *OPENER_LINES, "Council Names New Chair", "* Home", ""]),
                min_size=1, max_size=12))
def test_related_links_cut_where_a_plain_scan_cuts(lines: list[str]) -> None:
    from newsdrop.text.junk import SECTION_OPENERS, line_key
    from newsdrop.text.plaintext import OPENER_PREFIXES, _related_start

    texts = [line.strip() for line in lines if line.strip()]
    expected = len(texts)
    for k in range(len(texts) - 1, len(texts) // 3, -1):
        key = line_key(texts[k])
        if key in SECTION_OPENERS or key.startswith(OPENER_PREFIXES):
            if len(texts) - k > 1 and all(score_line(line) <= 0 for line in texts[k + 1:]):
                expected = k
            break
    assert _related_start(texts, Cleaning()) == expected


@pytest.mark.parametrize("parts", [[], ["a"], ["a", "", "b"], [f"line {i} ’" for i in range(5000)]])
def test_join_parts_joins_and_lets_go(parts: list[str]) -> None:
    expected = "\n".join(parts)
    copy = list(parts)
    assert join_parts(copy, "\n") == expected
    assert len(copy) == len(parts)


@pytest.mark.parametrize(
    ("term", "head"),
    [("cookies?", "cookie"), ("home ?page", "home"), ("sign (?:in|up)", "sign "),
     (r"read more at\b", "read more at"), (r"also read\s*[|-]", "also read"),
     ("privacy(?: policy)?", "privacy")],
)
def test_literal_head(term: str, head: str) -> None:
    from newsdrop.text.junk import literal_head

    assert literal_head(term) == head


@pytest.mark.parametrize(
    ("paragraph", "may_hold"),
    [
        ("LONDON (Reuters) - The minister said on Tuesday that talks were over.", True),
        ("MADRID — The government said on Monday that it would act.", True),
        ("(CNN)The storm hit the coast early on Monday and it was bad.", True),
        ("The storm hit the coast early on Monday and it was very bad.", False),
        ("No dash, no bracket: a plain opening sentence of the article.", False),
    ],
)
def test_dateline_pre_test_loses_no_dateline(paragraph: str, may_hold: bool) -> None:
    from newsdrop.text.plaintext import DATELINE_MAX, DATELINE_SEP, _may_hold_dateline_sep

    head = paragraph[:DATELINE_MAX]
    assert _may_hold_dateline_sep(head) is may_hold
    if not may_hold:
        assert DATELINE_SEP.search(head) is None
