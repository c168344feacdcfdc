"""Author names from metadata fields and byline lines (text/authors.py), as every reader uses them.

Metadata fields drop wire services, trailing agencies and publications ("Jane Doe | The Ledger");
bylines do the same and never repeat a name.
"""

from __future__ import annotations

import pytest

from newsdrop.text import authors, html, plaintext, records
from newsdrop.text.authors import byline_authors, clean_authors, split_authors


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["By Jane Doe"], ["Jane Doe"]),
        (["Jane Doe", "John Roe"], ["Jane Doe", "John Roe"]),
        (["jane@example.com"], []),
        (["Jane Doe jane@example.com"], ["Jane Doe"]),
        (["@janedoe Jane Doe"], ["Jane Doe"]),
        (["Staff"], []),
        (["Staff Writer", "Editors", "admin"], []),
        (["Jane Doe", "jane doe", "By Jane Doe", "John Roe", "Jane Doe"], ["Jane Doe", "John Roe"]),
        ([], []),
        ([""], []),
        (["   "], []),
        (["(Jane Doe)"], ["Jane Doe"]),
        (["x" * 81], []),
        (["Associated Press"], []),
        (["By jane@example.com"], []),
        (["Jane Doe | The Ledger"], ["Jane Doe"]),
    ],
)
def test_clean_authors(names: list[str], expected: list[str]) -> None:
    assert clean_authors(names) == expected


@pytest.mark.parametrize(
    ("value", "commas", "expected"),
    [
        ("Jane Doe", True, ["Jane Doe"]),
        ("Jane Doe; John Roe", True, ["Jane Doe", "John Roe"]),
        ("Jane Doe and John Roe", True, ["Jane Doe", "John Roe"]),
        ("Jane Doe & John Roe | Ann Lee", True, ["Jane Doe", "John Roe", "Ann Lee"]),
        ("Jane Doe, John Roe", True, ["Jane Doe", " John Roe"]),
        ("Doe, Jane", False, ["Doe, Jane"]),
        ("Doe, Jane; Roe, John", True, ["Doe, Jane", "Roe, John"]),
        ("", True, [""]),
    ],
)
def test_split_authors(value: str, commas: bool, expected: list[str]) -> None:
    assert split_authors(value, commas=commas) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("jane@example.com", []),
        ("Staff", []),
        ("Jane Doe; jane doe", ["Jane Doe"]),
        ("", []),
        ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"]),
        ("Jane Doe | The Ledger", ["Jane Doe"]),
    ],
)
def test_author_field(value: str, expected: list[str]) -> None:
    """A one-string author field as the JSON reader reads it: split, then cleaned."""
    assert clean_authors(split_authors(value)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"]),
        ("Written by Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
        ("Von Jana Schmidt und Karl Roth", ["Jana Schmidt", "Karl Roth"]),
        ("BY JANE DOE", ["JANE DOE"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By Jane Doe, MD", ["Jane Doe"]),
        ("By Jane Doe, example.com", ["Jane Doe"]),
        ("By jane@example.com Jane Doe", ["Jane Doe"]),
        ("By jane@example.com", []),
        ("By Associated Press", []),
        ("By Staff", []),
        ("By Jane Doe, Staff Writer at the Daily Ledger newspaper", ["Jane Doe"]),
        ("By the time the vote came, most residents had gone home.", None),
        ("Jane Doe", None),
        ("jane@example.com", None),
        ("Staff", None),
        ("Associated Press", None),
        ("Jane Doe | The Ledger", None),
        ("", None),
        ("By " + "Jane Doe and " * 20 + "John Roe", None),
        ("By Jane Doe | The Ledger", ["Jane Doe"]),
        ("By Jane Doe and Jane Doe", ["Jane Doe"]),
    ],
)
def test_byline_authors(line: str, expected: list[str] | None) -> None:
    assert byline_authors(line) == expected


def test_readers_share_one_cleaner() -> None:
    assert records.clean_authors is authors.clean_authors
    assert html.clean_authors is authors.clean_authors
    assert plaintext.byline_authors is authors.byline_authors
