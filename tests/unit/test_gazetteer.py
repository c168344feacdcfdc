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


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("anna", "f"),
        ("ann", "u"),
        ("an", None),  # a prefix of stored names
        ("annabel", None),  # a name that extends a stored one
        ("a", "x"),  # shorter than a shard key
        ("bo", ""),  # stored with an empty value: a member
        ("anna\tf", None),  # the separators never match
        ("ann\nanna", None),
        ("", None),
    ],
)
def test_name_table(name: str, value: str | None) -> None:
    table = gazetteer.NameTable({"a": "\na\tx\n", "an": "\nann\tu\nanna\tf\n", "bo": "\nbo\t\n"})
    assert table.get(name) == value
    assert (name in table) is (value is not None)
    assert table[name] == value  # a cached look-up gives the same answer
    assert (name in table) is (value is not None)


def test_cities_table_and_format() -> None:
    gaz = gazetteer.load()
    assert gazetteer.DATA_FILE.endswith(".marshal")
    assert gaz.is_place("Springfield") and gaz.cities["springfield"] is not None
    assert gaz.cities["springfieldx"] is None


def test_wrong_format_is_refused(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    old = tmp_path / "old.marshal"
    old.write_bytes(marshal.dumps({"version": gazetteer.FORMAT_VERSION - 1}))
    monkeypatch.setattr(gazetteer, "_DATA", old)
    gazetteer.load.cache_clear()
    try:
        with pytest.raises(ValueError, match="format"):
            gazetteer.load()
    finally:
        gazetteer.load.cache_clear()
