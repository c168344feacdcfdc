"""Direct quotes and their speakers (newsdrop.text.quotes), on short articles written for these tests."""

from __future__ import annotations

import pytest

from newsdrop.models import Entity
from newsdrop.text import quotes as quotes_module
from newsdrop.text.quotes import extract_quotes
from newsdrop.text.sentences import split_sentences


def person(name: str, *aliases: str, roles: tuple[str, ...] = ()) -> Entity:
    return Entity(name=name, type="PERSON", mentions=1, aliases=list(aliases), roles=list(roles))


def org(name: str, *aliases: str) -> Entity:
    return Entity(name=name, type="ORGANIZATION", mentions=1, aliases=list(aliases))


def place(name: str) -> Entity:
    return Entity(name=name, type="LOCATION", mentions=1)


def quotes(text: str, entities: list[Entity] | None = None, **options: bool) -> list[tuple[str, str | None]]:
    found = extract_quotes(text, split_sentences(text), entities or [], **options)
    for q in found:
        assert text[q.start] in "“\"'„«”" and text[q.end - 1] in "”\"'»“", text[q.start : q.end]
    return [(q.text, q.speaker) for q in found]


MARIA = person("Maria Lopez", "Lopez")
TOMAS = person("Tomas Berg", "Berg")
OSKAR = person("Oskar Lind", "Lind")
ANNA = person("Anna Weber", "Weber", roles=("Mayor",))


# --- marks and offsets ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” Berg said.", [("We will win,", "Tomas Berg")]),
        ('"We will win," Berg said.', [("We will win,", "Tomas Berg")]),
        ("''We will win,'' Berg said.", [("We will win,", "Tomas Berg")]),
        ("Berg said: “We will win.”", [("We will win.", "Tomas Berg")]),
        ("Berg said that “the plan is sound.”", [("the plan is sound.", "Tomas Berg")]),
        ("”We will win,” Berg said.", [("We will win,", "Tomas Berg")]),  # a reversed opening mark
        ("\"He called it 'a “sad” day,'\" Berg said.", [("He called it 'a “sad” day,'", "Tomas Berg")]),
        ("“”", []),
        ("No quotes here at all.", []),
    ],
)
def test_marks(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert quotes(text, [TOMAS]) == expected


def test_offsets_cover_the_marks_and_the_split_attribution() -> None:
    text = "Intro.\n\n“We are ready,” Berg said, “and we will not wait.”\n"
    [quote] = extract_quotes(text, split_sentences(text), [TOMAS])
    assert text[quote.start : quote.end] == "“We are ready,” Berg said, “and we will not wait.”"
    assert quote.text == "We are ready, and we will not wait."
    assert quote.speaker == "Tomas Berg"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # split around the attribution: one quote
        ("“First part,” she said, “second part.”", [("First part, second part.", "she")]),
        ("“Why now?” Berg asked. “Because we can.”", [("Why now? Because we can.", "Tomas Berg")]),
        # two separate statements are not joined
        ("“One.” “Two,” Berg said.", [("One.", None), ("Two,", "Tomas Berg")]),
        (
            "“We can’t,” Berg said, adding later, “It costs too much.”",
            [("We can’t,", "Tomas Berg"), ("It costs too much.", "Tomas Berg")],
        ),
        (
            "“It is wrong,” Berg said. “A shame” for all, he added.",
            [("It is wrong,", "Tomas Berg"), ("A shame", None)],
        ),
    ],
)
def test_split_quotes(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert quotes(text, [TOMAS]) == expected


def test_quote_over_several_paragraphs() -> None:
    text = (
        "Berg said:\n\n“The first paragraph of the statement goes on.\n\n"
        "“The second paragraph ends it.”\n\nThen the story moves on."
    )
    [quote] = extract_quotes(text, split_sentences(text), [TOMAS])
    assert quote.text == "The first paragraph of the statement goes on. The second paragraph ends it."
    assert quote.speaker == "Tomas Berg"
    assert text[quote.start : quote.end].startswith("“The first") and text[quote.end - 1] == "”"


def test_unclosed_quote_is_dropped_at_the_paragraph_end() -> None:
    text = "“This never closes, Berg said.\n\nA new paragraph. “Closed,” Berg said."
    assert quotes(text, [TOMAS]) == [("Closed,", "Tomas Berg")]


# --- cues and speakers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Prices will fall,” said Maria Lopez, the finance minister.", "Maria Lopez"),
        ("“Prices will fall,” Lopez told reporters on Monday.", "Maria Lopez"),
        ("“Prices will fall,” Lopez, the finance minister, said.", "Maria Lopez"),
        ("“Prices will fall,” Finance Minister Maria Lopez (left) said.", "Maria Lopez"),
        ("According to Lopez, “prices will fall.”", "Maria Lopez"),
        ("Lopez wrote in a letter: “Prices will fall.”", "Maria Lopez"),
        ("“Prices will fall,” the Treasury said.", "Treasury"),
        ("“Prices will fall,” a government source said.", "a government source"),
        ("“Prices will fall.” ― Maria Lopez", "Maria Lopez"),
        ("“Prices will fall,” said Ines Haas.", "Ines Haas"),  # a name with no entity, kept as written
        ("“Prices will fall,” Secretary of State Ines Haas said.", "Ines Haas"),
        ("“Prices will fall,” the United Federation of Bakers said.", "United Federation of Bakers"),
        ("“Prices will fall,” the mother of three replied.", "the mother of three"),
        ("“Prices will fall,” Lopez, who in 2010 said otherwise, said.", "Maria Lopez"),
        ("“Prices will fall,” Lopez said on Monday, adding that wages would rise.", "Maria Lopez"),
        ("As for prices, “they will fall,” said Lopez.", "Maria Lopez"),  # after a short opening phrase
    ],
)
def test_cues(text: str, expected: str) -> None:
    assert quotes(text, [MARIA, org("Treasury")]) == [(quotes(text)[0][0], expected)]


def test_organization_named_as_speaker() -> None:
    text = "“The talks are over,” the Kremlin said on Friday."
    assert quotes(text, [org("Kremlin")]) == [("The talks are over,", "Kremlin")]


def test_surname_resolves_to_the_full_name_and_not_to_another_first_name() -> None:
    larry = person("Larry King", "King")
    text = "Larry King spoke first. “We are fine,” said Charlie King. “We are too,” King said."
    assert quotes(text, [larry]) == [("We are fine,", "Charlie King"), ("We are too,", "Larry King")]


@pytest.mark.parametrize(
    "text",
    [
        "Norway has been its “partner country” since 2008.",  # a scare quote nobody says
        "The film “Blue Skies” opens on Friday.",  # a title
        "Berg said the deal would bring a “new era” for the town.",  # a fragment inside a reported clause
        "Protesters marching through the streets chanted “No more!” all night.",  # not the subject
        "In his book, “Make Your Town a Garden,” Berg suggested planting trees.",  # a title in Title Case
    ],
)
def test_no_speaker_for_scare_quotes_titles_and_fragments(text: str) -> None:
    assert [speaker for _, speaker in quotes(text, [TOMAS])] == [None]


def test_fragments_get_the_clause_speaker_on_request() -> None:
    text = "Berg said the plan “would fail badly” in the end."
    assert quotes(text, [TOMAS]) == [("would fail badly", None)]
    assert quotes(text, [TOMAS], fragments=True) == [("would fail badly", "Tomas Berg")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quoted term in a "said that" clause is the speaker's word
        (
            "Berg said on Monday that the town was ready to seek a “peaceful solution” to the dispute.",
            "Tomas Berg",
        ),
        # not without "that", nor a whole clause quoted mid-sentence, nor after a weaker verb
        ("Berg said the town was ready to seek a “peaceful solution” to the dispute.", None),
        ("Berg said that the town “was ready to seek a peaceful solution” to the dispute.", None),
        ("Berg argued that the town was ready to seek a “peaceful solution” to the dispute.", None),
    ],
)
def test_quoted_term_in_reported_speech(text: str, expected: str | None) -> None:
    assert quotes(text, [TOMAS])[0][1] == expected


def test_as_he_put_it() -> None:
    text = "Berg sent troops to carry out, as he put it, “peacekeeping functions” in the region."
    assert quotes(text, [TOMAS]) == [("peacekeeping functions", "Tomas Berg")]


# --- pronouns ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # she -> the woman, he -> the man, whatever the order
        ("Mayor Anna Weber met Tomas Berg on Monday. “We agreed,” she said.", "Anna Weber"),
        ("Mayor Anna Weber met Tomas Berg on Monday. “We agreed,” he said.", "Tomas Berg"),
        ("Tomas Berg met Maria Lopez. “It went well,” she said.", "Maria Lopez"),
        # the subject of the previous sentence is preferred over a later man
        ("Tomas Berg said he called Oskar Lind. “He agreed,” he said.", "Tomas Berg"),
        # a person of unknown gender in the previous sentence is compatible, and comes first
        ("Pat Wines said the Lopez campaign lost touch. “It hurt,” she said.", "Pat Wines"),
        # role words decide the gender when the first name does not
        ("Spokeswoman Kim Sato spoke after Berg. “No comment,” she said.", "Kim Sato"),
        # a resolved pronoun carries on to the next quote
        ("Maria Lopez spoke. “One,” she said. Then Tomas Berg left. “Two,” she added.", "Maria Lopez"),
        # never a place or an organization
        ("Norway has asked Sweden for help. “We need it,” she said.", "she"),
        ("Acme Corp. fired Tomas Berg. “It was unfair,” she said.", "she"),
        # no person at all nearby: kept as written
        ("“We are ready,” they said.", "they"),
    ],
)
def test_pronouns(text: str, expected: str) -> None:
    entities = [
        ANNA,
        TOMAS,
        MARIA,
        OSKAR,
        person("Kim Sato", "Sato"),
        person("Pat Wines", "Wines"),
        place("Norway"),
        place("Sweden"),
        org("Acme Corp."),
    ]
    assert quotes(text, entities)[-1][1] == expected


def test_first_name_decides_the_gender() -> None:
    mary, john = person("Mary Holt", "Holt"), person("John Reed", "Reed")
    text = "Mary Holt and John Reed met on Monday. “It was useful,” he said. “Very,” she added."
    assert [s for _, s in quotes(text, [mary, john])] == ["John Reed", "Mary Holt"]


def test_relative_pronoun_takes_its_antecedent() -> None:
    text = "It was Berg, who said: “We will appeal.”"
    assert quotes(text, [TOMAS]) == [("We will appeal.", "Tomas Berg")]


def test_an_article_like_the_shared_sample() -> None:
    text = (
        "Talks between President Karl Moser and Prime Minister Oskar Lind will not happen, aides said.\n\n"
        "Government spokeswoman Lena Falk told reporters on Tuesday that the meeting was off.\n\n"
        "Falk did not rule out later talks, but she said Moser would not travel to the capital.\n\n"
        "“We will never close the door on talks,” she told reporters.\n\n"
        "However, she added that “talks cannot succeed without a ceasefire.”\n\n"
        "Lind said on Wednesday that his country was still ready to seek a “political settlement” "
        "but added that its interests were not negotiable.\n\n"
        "“Our security is not for sale,” Lind said in a speech.\n\n"
        "Lind sent troops to carry out, as he put it, “monitoring duties” in the region.\n\n"
        "Norway has been its “partner country” since 2010. She may join the alliance later."
    )
    entities = [
        person("Karl Moser", "Moser", roles=("President",)),
        person("Oskar Lind", "Lind"),
        person("Lena Falk", "Falk", roles=("Government spokeswoman",)),
        place("Norway"),
    ]
    assert quotes(text, entities) == [
        ("We will never close the door on talks,", "Lena Falk"),
        ("talks cannot succeed without a ceasefire.", "Lena Falk"),
        ("political settlement", "Oskar Lind"),
        ("Our security is not for sale,", "Oskar Lind"),
        ("monitoring duties", "Oskar Lind"),
        ("partner country", None),
    ]


def test_names_inside_quotes_are_not_antecedents() -> None:
    text = "Maria Lopez spoke on Monday. “Tomas Berg is wrong,” she said. “He never listens,” she added."
    assert [s for _, s in quotes(text, [MARIA, TOMAS])] == ["Maria Lopez", "Maria Lopez"]


# --- adversarial input: linear time, sane output ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "“" * 10_000,
        "”" * 10_000,
        '"' * 10_000,
        "''" * 5_000,
        "“open " * 10_000,
        ("“word,” he said " * 5_000),
        ("Big Capital spoke. “Yes,” he said. " * 5_000),
        " ".join(["Capital"] * 100_000) + " said “yes.”",
        "\n" * 50_000 + "“" + "\n" * 50_000,
        "“" + "\n\n“" * 10_000,
    ],
)
def test_adversarial_inputs_complete(text: str) -> None:
    found = extract_quotes(text, split_sentences(text), [person("Big Capital", "Capital")])
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
    assert len(found) <= text.count("“") + text.count('"') + text.count("'") + 1


def test_attribution_pushed_to_the_next_paragraph() -> None:
    text = "“We will keep our promise,”\n\nMayor Anna Weber said after the meeting.\n\n“Done.”\n\nShe left."
    assert quotes(text, [ANNA]) == [("We will keep our promise,", "Anna Weber"), ("Done.", None)]


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        ("“a  b\n c”", [(1, 8)], "a b c"),
        ("“a,”\n\n“b ”", [(1, 3), (7, 9)], "a, b"),
        ("“ x ”", [(1, 4)], "x"),
    ],
)
def test_quoted_words_are_joined_by_single_spaces(
    text: str, parts: list[tuple[int, int]], expected: str
) -> None:
    assert quotes_module._words(text, parts) == expected
