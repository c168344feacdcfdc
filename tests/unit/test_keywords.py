"""Keywords."""

from __future__ import annotations

import pytest

from newsdrop.models import Entity
from newsdrop.text.keywords import extract_keywords
from newsdrop.text.sentences import split_sentences
from newsdrop.text.stem import stem

STORY = (
    "President Joe Biden said sanctions on Russia would grow. "
    "Russian President Vladimir Putin rejected the sanctions. "
    "Biden spoke with allies about the sanction package and energy exports. "
    "Putin said the sanctioned banks would survive. "
    "Energy prices rose in February as sanctions hit exports."
)
ENTITIES = [
    Entity(name="Joe Biden", type="PERSON", mentions=2, aliases=["Biden"], roles=["President"]),
    Entity(name="Vladimir Putin", type="PERSON", mentions=2, aliases=["Putin"], roles=["Russian President"]),
    Entity(name="Russia", type="LOCATION", mentions=1),
]


def keywords(text: str = STORY, entities: list[Entity] | None = None, limit: int = 10) -> list[str]:
    given = ENTITIES if entities is None else entities
    found = extract_keywords(text, split_sentences(text), given, "en", limit)
    return [k.text for k in found]


def test_named_people_are_whole_names_without_titles() -> None:
    found = keywords()
    assert "Joe Biden" in found
    assert "Vladimir Putin" in found
    for bad in ("Biden", "Putin", "President Joe", "Russian President Vladimir", "President"):
        assert bad not in found


def test_stem_variants_are_collapsed() -> None:
    stems = [stem(k.lower()) for k in keywords()]
    assert len(stems) == len(set(stems))
    assert sum(k.lower().startswith("sanction") for k in keywords()) == 1


def test_frequent_topic_word_ranks_first() -> None:
    assert keywords()[0].lower().startswith("sanction")


@pytest.mark.parametrize("never", ["the", "said", "would", "February", "in"])
def test_stopwords_and_months_are_never_keywords(never: str) -> None:
    assert never not in keywords()


def test_scores_are_best_first_and_limit_holds() -> None:
    found = extract_keywords(STORY, split_sentences(STORY), ENTITIES, "en", limit=3)
    assert len(found) == 3
    assert [k.score for k in found] == sorted((k.score for k in found), reverse=True)


def test_without_entities_words_stand_alone() -> None:
    found = keywords(entities=[])
    assert "Biden" in found or "Putin" in found
    assert "Joe Biden" not in found


def test_entity_word_also_used_in_lower_case_is_not_merged() -> None:
    text = "The World Bank lent money. The bank said the bank loan helps. Bank rules changed. Loans grew."
    entities = [Entity(name="World Bank", type="ORGANIZATION", mentions=1)]
    assert "World Bank" not in keywords(text, entities)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US and the UN met. The US spoke. The UN voted.", {"US", "UN"}),
        ("It’s here. Putin’s plan. Putin’s army.", {"Putin", "plan", "army"}),
    ],
)
def test_acronyms_and_possessives(text: str, expected: set[str]) -> None:
    assert expected <= set(keywords(text, entities=[]))


@pytest.mark.parametrize("text", ["", "   ", "the and of", "2014 2015 2016"])
def test_degenerate_inputs(text: str) -> None:
    assert keywords(text, entities=[]) == []


def test_many_capitalized_words_finish() -> None:
    text = " ".join(f"Word{chr(65 + i % 26)}x{i}" for i in range(100_000))
    assert len(keywords(text, entities=[])) == 10


def test_common_word_capitalised_only_at_sentence_start_is_shown_lower_case() -> None:
    text = "Stopped trains blocked the station. Stopped trains again blocked the line. Trains stopped."
    assert "stopped" in keywords(text, entities=[]) or "trains" in keywords(text, entities=[])
    assert "Stopped" not in keywords(text, entities=[])


def test_title_words_weigh_more() -> None:
    text = "Farmers grew wheat. Farmers sold barley. Wheat prices rose. Barley prices rose."
    sentences = split_sentences(text)
    plain = [k.text for k in extract_keywords(text, sentences, [], "en")]
    titled = [k.text for k in extract_keywords(text, sentences, [], "en", title="Barley harvest")]
    assert titled.index("barley") < plain.index("barley") or titled[0] == "barley"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("sanctions", "sanction"),
        ("sanctioned", "sanction"),
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("hopping", "hop"),
        ("relational", "relat"),
        ("generalization", "gener"),
        ("running", "run"),
        ("dying", "die"),
        ("day", "day"),
        ("happy", "happi"),
        ("us", "us"),
    ],
)
def test_porter_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_other_languages_drop_short_and_everywhere_words() -> None:
    text = (
        "Die Regierung beschloss neue Sanktionen. Die Sanktionen treffen die Banken. "
        "Die Opposition kritisierte die Sanktionen. Die Polizei sprach von Ruhe."
    )
    found = [k.text for k in extract_keywords(text, split_sentences(text), [], "de")]
    assert found[0] == "Sanktionen"
    assert "Die" not in found and "die" not in found


# Reading words chunk by chunk (keyword_tokens) must equal reading them with the token regex.
@pytest.mark.parametrize(
    "text",
    [
        "President Joe Biden's plan — “Sanctions,” he said; U.S.-led talks (2014) ended.",
        "It’s Putin’s army's turn: the UN and US met... don't stop!",
        "Word—word –dash ‘quoted’ «guillemets» under_score 3rd x2 ÉCOLE école",
        "   leading and trailing spaces\tand\ttabs\nand lines   ",
        # one word with one mark after it: read without the regex
        "said, word_ word' word’ Word- İstanbul, naïve. x, ab; 2014, a1, Ünal» years) it's, — “ ”",
    ],
)
def test_chunk_words_match_the_token_regex(text: str) -> None:
    from newsdrop.text import keyword_tokens as kt

    expected = [entry for entry in map(kt.classify, kt._TOKEN.findall(text)) if entry is not None]
    flat = [part for chunk in text.split() for part in kt.CHUNK_WORDS[chunk]]
    found = list(zip(flat[::2], flat[1::2], strict=True))
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sanctions hit exports.", "Sanctions"),
        ("The sanctions hit.", ""),
        ("“Sanctions hit,” he said.", "Sanctions"),
        ("— Sanctions hit.", "Sanctions"),
        ("2014 was a year.", ""),
    ],
)
def test_lead_is_the_first_token_when_it_is_a_content_word(sentence: str, expected: str) -> None:
    from newsdrop.text import keyword_tokens as kt

    parts = sentence.split()
    for chunk in parts:
        kt.CHUNK_WORDS[chunk]
    assert kt.lead(sentence, parts) == expected
    assert kt.lead(sentence, iter(parts)) == expected  # the path for very long sentences


def test_caches_and_counters_stay_bounded() -> None:
    from newsdrop.text import keyword_tokens as kt
    from newsdrop.text import keywords as kw

    text = " ".join(f"Word{i}x. Other{i}y." for i in range(3 * kw.MAX_STEMS))
    stats, words, _, repeated = kw._word_stats(text, split_sentences(text), True)
    assert len(stats) <= kw.MAX_STEMS
    assert len(words) <= 2 * kw.MAX_STEMS
    assert len(repeated) <= kw.MAX_STEMS
    assert len(kt.CHUNK_WORDS) <= kt.CACHE_SIZE


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        "Alpha beta gamma. Delta epsilon zeta. Eta theta iota.",  # every word once: the full ranking
        "Wheat wheat. Barley rye oats millet sorghum quinoa. Wheat rye.",
    ],
)
@pytest.mark.parametrize("limit", [1, 3, 10, 40])
def test_ranking_only_repeated_words_first_changes_nothing(text: str, limit: int) -> None:
    from newsdrop.text import keywords as kw

    sentences = split_sentences(text)
    stats, words, initial, _ = kw._word_stats(text, sentences, True)
    excluded = kw._excluded(ENTITIES, stats)
    everything = kw._rank(stats.items(), excluded, set(), True)
    full = kw._choose(everything, None, stats, words, initial, kw._phrases(ENTITIES, stats), limit)
    assert extract_keywords(text, sentences, ENTITIES, "en", limit) == full


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("syzygy", "syzygi"), ("yelling", "yell"), ("enjoying", "enjoy"), ("flying", "fli"),
        ("agreed", "agre"),
        ("feed", "feed"), ("bled", "bled"), ("troubled", "troubl"), ("hoping", "hope"), ("filing", "file"),
        ("yearly", "yearli"), ("layers", "layer"),
    ],
)
def test_porter_stem_uncached_and_cached_agree(word: str, expected: str) -> None:
    from newsdrop.text.stem import porter_stem

    assert porter_stem(word) == expected
    assert stem(word) == expected


LONG_SENTENCE_TEXT = "Intro sentence about wheat. " + " ".join(["Barley wheat rye"] * 40) + ". Wheat again."


@pytest.mark.parametrize(
    ("text", "budget", "long"),
    [
        (STORY, 100_000, 20_000),  # every sentence shared
        (STORY, 150, 20_000),  # the first two shared, the others read by each stage
        (STORY, 0, 20_000),  # none shared
        (LONG_SENTENCE_TEXT, 100_000, 100),  # a long sentence: shared as None, read lazily
        ("Wheat wheat. Barley rye oats millet sorghum quinoa. Wheat rye.", 100_000, 20_000),
    ],
)
@pytest.mark.parametrize("limit", [1, 10])
def test_shared_sentence_words_change_nothing(
    monkeypatch: pytest.MonkeyPatch, text: str, budget: int, long: int, limit: int
) -> None:
    from newsdrop.text import keyword_tokens as kt
    from newsdrop.text.summary import extractive_summary

    monkeypatch.setattr(kt, "SHARED_CHARACTERS", budget)
    monkeypatch.setattr(kt, "LONG_SENTENCE", long)
    sentences = split_sentences(text)
    alone = (extract_keywords(text, sentences, ENTITIES, "en", limit), extractive_summary(text, sentences))
    words = kt.SentenceWords(sentences)
    shared = (
        extract_keywords(text, sentences, ENTITIES, "en", limit, words=words),
        extractive_summary(text, sentences, words=words),
    )
    assert shared == alone
    splits = words.splits()
    assert len(splits) == sum(1 for _ in _within(sentences, budget))
    for sentence, split in zip(sentences, splits, strict=False):
        body = sentence.text
        assert split == (None if len(body) > long else (body, body.split()))


def _within(sentences: list, budget: int):  # the sentences whose text ends within ``budget`` characters
    for sentence in sentences:
        budget -= len(sentence.text)
        if budget < 0:
            return
        yield sentence


@pytest.mark.parametrize(
    ("form", "english"),
    [("Ukraine", True), ("the", True), ("sanctions", True), ("Psaki", True), ("ÉCOLE", True),
     ("interconnectedness", True), ("Sanktionen", False), ("ab", False)],
)
def test_weigh_is_rarity_and_length(form: str, english: bool) -> None:
    from newsdrop.text import keywords as kw
    from newsdrop.text.stopwords import zipf

    word = form.lower()
    rarity = max(0.5, kw.RARITY_BASE - zipf(word)) if english else kw.RARITY_BASE - kw.RARE_ZIPF
    length = min(len(word), kw.LENGTH_CAP) ** kw.LENGTH_POWER
    assert kw._weigh(form, english) == (rarity**kw.RARITY_POWER, length)
