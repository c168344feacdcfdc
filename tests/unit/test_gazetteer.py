"""The compact gazetteer: lazy load, first-name gender, places and organizations."""

from __future__ import annotations

import pytest

from newsdrop.text import gazetteer


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mary", "f"),
        ("Jen", "f"),
        ("jennifer", "f"),
        ("Joe", "m"),
        ("Vladimir", "m"),
        ("  Sergei ", "m"),
        ("Kim", None),  # used for women and men alike
        ("Taylor", None),
        ("Qwzxv", None),  # unknown
        ("", None),
    ],
)
def test_first_name_gender(name: str, expected: str | None) -> None:
    assert gazetteer.first_name_gender(name) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Dmytro", True), ("antony", True), ("Qwzxv", False)],
)
def test_is_first_name(word: str, expected: bool) -> None:
    assert gazetteer.is_first_name(word) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ukraine", True),
        ("United States", True),
        ("Britain", True),
        ("Moscow", True),
        ("donetsk", True),
        ("Bavaria", True),
        ("Vladimir Putin", False),
        ("European Union", False),
    ],
)
def test_is_place(name: str, expected: bool) -> None:
    assert gazetteer.load().is_place(name) is expected


def test_demonyms_and_organizations() -> None:
    gaz = gazetteer.load()
    assert "russian" in gaz.demonyms
    assert "ukraine" not in gaz.demonyms
    assert gaz.organizations["EU"] == "European Union"


@pytest.mark.parametrize(
    ("name", "common"),
    [("john", True), ("vladimir", True), ("joost", False)],  # rarer names are weaker evidence
)
def test_common_first_names(name: str, common: bool) -> None:
    gaz = gazetteer.load()
    assert name in gaz.first_names
    assert (name in gaz.common_first_names) is common


def test_organization_tails() -> None:
    gaz = gazetteer.load()
    assert "red cross" in gaz.org_keys
    assert "cross" in gaz.org_tails


def test_load_is_cached() -> None:
    assert gazetteer.load() is gazetteer.load()
