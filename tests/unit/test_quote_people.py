"""Entity names for quote speakers (newsdrop.text.quote_people), on short texts written for these tests."""

from __future__ import annotations

import re

import pytest

from newsdrop.models import Entity
from newsdrop.text import quote_people
from newsdrop.text.quote_people import People, key, norm, words_of


def person(name: str, *aliases: str, roles: tuple[str, ...] = ()) -> Entity:
    return Entity(name=name, type="PERSON", mentions=1, aliases=list(aliases), roles=list(roles))


def place(name: str) -> Entity:
    return Entity(name=name, type="LOCATION", mentions=1)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Berg", "Berg"),
        ("Berg’s", "Berg"),
        ("Berg's", "Berg"),
        ("Jones’", "Jones"),
        ("Jr.", "Jr"),
        ("Jones", "Jones"),
    ],
)
def test_norm(word: str, expected: str) -> None:
    assert norm(word) == expected


def test_key_joins_normalised_words() -> None:
    assert key(["Tomas", "Berg’s"]) == "Tomas Berg"


@pytest.mark.parametrize(
    "text",
    ["Berg, the mayor’s aide (left) said", "U.S. co-op 3rd x_y élan", "", "  two   words  "],
)
def test_words_of_is_the_word_regex(text: str) -> None:
    expected = re.findall(r"[^\W\d_][\w'’\-]*", text)
    assert words_of(text) == expected
    assert words_of(text, last=2) == expected[-2:]


def test_forms_full_name_alias_surname_and_shared() -> None:
    people = People("", [person("Tomas Berg", "T. Berg"), person("Anna Berg"), place("Bergen")])
    assert people.find("Tomas Berg") == [0]
    assert people.find(key(["T.", "Berg"])) == [0]
    assert people.find("Berg") == [0, 1]  # both surnames
    assert people.find("Bergen") == [2]
    assert people.find("Nobody") is None
    assert people.first["Tomas"] == 2 and people.first["Berg"] == 1


TEXT = (
    "Tomas Berg met Maria Lopez in Oslo. Berg’s aide, the spokeswoman Ines Haas, spoke. "
    "A pro-Berg crowd cheered. Lopez, the mayor, left. Oslo Berg is a place."
)
ENTITIES = [person("Tomas Berg", "Berg"), person("Maria Lopez", "Lopez"), person("Ines Haas"), place("Oslo")]


MENTIONED = [
    ("Tomas Berg", "Tomas Berg"),
    ("Maria Lopez", "Maria Lopez"),
    ("Berg’s", "Tomas Berg"),
    ("Ines Haas", "Ines Haas"),
    ("Berg", "Tomas Berg"),  # "pro-Berg" / "proBerg"
    ("Lopez", "Maria Lopez"),
    ("Berg", "Tomas Berg"),  # after "Oslo", a place of one word: not a run with it
]


@pytest.mark.parametrize("budget", [0, 10**9])  # every capitalised word read, or the head words searched
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TEXT, MENTIONED),
        (TEXT.replace("pro-Berg", "proBerg"), MENTIONED[:4] + MENTIONED[5:]),  # inside a word: no mention
    ],
)
def test_mentions(
    budget: int, text: str, expected: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quote_people, "_FIND_BUDGET", budget)
    people = People(text, ENTITIES)
    found = [(text[start:end], ENTITIES[index].name) for start, index, end in people.before(0, len(text))]
    assert found == expected


def test_facts_gender_and_roles() -> None:
    people = People(TEXT, ENTITIES)
    gender, roles = people.facts(1)  # "Lopez, the mayor,"
    assert "mayor" in roles
    assert people.facts(2)[1] >= {"spokeswoman"}
    assert people.facts(2)[0] == "f"
    assert gender in ("f", None)


def test_by_role_and_resolved_mentions() -> None:
    people = People(TEXT, ENTITIES)
    assert people.by_role("mayor", len(TEXT)) == 1
    assert people.by_role("senator", len(TEXT)) is None
    people.add_mention(len(TEXT) - 1, 2)
    assert people.before(len(TEXT) - 5, len(TEXT)) == [(len(TEXT) - 1, 2, len(TEXT) - 1)]


@pytest.mark.parametrize("budget", [0, 10**9])
def test_a_longer_form_hides_the_names_it_covers(budget: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_people, "_FIND_BUDGET", budget)
    org = Entity(name="White House", type="ORGANIZATION", mentions=1)
    text = "The White House said no. Then Tom House said yes. United States officials agreed."
    entities = [org, person("Tom House", "House"), place("United States")]
    people = People(text, entities)
    assert [text[start:end] for start, _, end in people.before(0, len(text))] == ["Tom House"]
    assert "White" in people._heads(bytearray([0, 1, 0]))  # it covers "House", a person's surname
    assert "United" not in people._heads(bytearray([0, 1, 0]))  # it covers nothing that matters


def _every_find(text: str, heads: set[str]) -> set[int]:
    found: set[int] = set()
    for head in heads:
        at = text.find(head)
        while at >= 0:
            found.add(at)
            at = text.find(head, at + 1)
    return found


@pytest.mark.parametrize(
    ("text", "heads"),
    [
        ("Berg met Bergman and Ann Berg; Anna saw Ann.", {"Berg", "Bergman", "Ann", "Anna"}),
        ("de Vries and De Vries", {"de", "De", "Vries"}),
        ("B" * 300 + " Bo Bob", {"Bo", "Bob", "BB"}),  # a letter found too often: searched per head
        ("“Émile” Émilie, Zoë", {"Émile", "Zoë", "Zo"}),
        ("no head here", {"Berg"}),
    ],
)
def test_head_positions_are_every_find_of_every_head(text: str, heads: set[str]) -> None:
    assert quote_people._head_positions(text, heads) == _every_find(text, heads)


@pytest.mark.parametrize(
    "words",
    [["Berg", "ÉMILE", "O’Neil"], ["ΟΔΟΣ", "ΣΟΦΙΑ"], ["İstanbul", "x"], ["KELVIN\u212a"], ["a"]],
)
def test_lower_each_is_lower_of_each_word(words: list[str]) -> None:
    assert quote_people._lower_each(words) == [w.lower() for w in words]


@pytest.mark.parametrize(
    ("heads", "waiting", "expected"),
    [
        ({"House"}, {"House": ["White"]}, {"House", "White"}),
        ({"House"}, {"House": ["White"], "White": ["Big"]}, {"House", "White", "Big"}),  # and so on
        ({"Berg"}, {"House": ["White"]}, {"Berg"}),  # covers nothing that matters
        (set(), {"House": ["White"]}, set()),
    ],
)
def test_covering_adds_the_forms_that_hide_a_head(
    heads: set[str], waiting: dict[str, list[str]], expected: set[str]
) -> None:
    assert quote_people._covering(set(heads), dict(waiting)) == expected


@pytest.mark.parametrize(
    "entities",
    [
        ENTITIES,
        [Entity(name="White House", type="ORGANIZATION", mentions=1), person("Tom House", "House")],
        [person("Tomas Berg"), person("Anna Berg"), place("Bergen")],  # a shared surname: the general way
        [Entity(name="Jones’s", type="ORGANIZATION", mentions=1), person("Ann Jones")],
        [place("United States"), Entity(name="NATO", type="ORGANIZATION", mentions=2)],
    ],
)
def test_heads_the_common_way_are_the_heads_the_general_way(entities: list[Entity]) -> None:
    people = People(TEXT, entities)
    found = people._heads(people._person)
    people._odd = True  # as if a first word were odd: the general way, which works ``odd`` out itself
    assert people._heads(people._person) == found


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("the spokeswoman Ines Haas spoke", "Ines Haas", ["the", "spokeswoman"]),
        ("Lopez, the mayor, left", "Lopez", ["the", "mayor"]),
        ("“Yes,” said Berg", "Berg", ["Yes", "said"]),
        ("Berg spoke", "Berg", []),
        ("chairwoman" + " " * 34 + "Berg", "Berg", ["rwoman"]),  # 40 characters back: a word cut
        ("Gov. Berg, a former aide of Smith, said", "Berg", ["Gov", "a", "former", "aide", "of", "Smith"]),
        ("Gov. Berg, 54, said", "Berg", ["Gov"]),
    ],
)
def test_around_takes_two_words_before_and_the_apposition(text: str, name: str, expected: list[str]) -> None:
    start = text.index(name)
    assert quote_people._around(text, start, start + len(name)) == expected


@pytest.mark.parametrize(
    ("name", "words", "expected"),
    [
        ("Kim Berg", ["spokeswoman"], "f"),
        ("Kim Berg", ["spokesman", "the"], "m"),
        ("Kim Berg", ["spokesman", "mother", "wife"], "f"),
        ("Kim Berg", ["the", "aide"], None),
        ("Sen. Kim Berg", ["man", "woman"], None),
    ],
)
def test_gender_from_role_words(name: str, words: list[str], expected: str | None) -> None:
    assert quote_people._gender(name, words) == expected
