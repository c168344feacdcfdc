"""Gazetteers for entity recognition: first names (with gender), places, demonyms, organizations.

The data is one JSON file built by ``scripts/build_gazetteer.py``; it is read on first use and
cached for the life of the process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA_FILE = "gazetteer.json"
FORMAT_VERSION = 2


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lookup tables; names are kept casefolded (first names lower-cased).

    ``first_names`` maps a given name to "f", "m" or "u" (used for both); ``common_first_names`` holds the
    frequent ones, strong evidence of a person. ``organizations`` maps a well-known organization's written
    name or acronym to its expansion ("" when none); ``org_keys`` holds both, casefolded.
    """

    first_names: dict[str, str]
    common_first_names: frozenset[str]
    countries: frozenset[str]
    regions: frozenset[str]
    major_cities: frozenset[str]
    cities: frozenset[str]
    demonyms: frozenset[str]
    organizations: dict[str, str]
    org_keys: frozenset[str]
    org_tails: frozenset[str]  # the last word of each organization name, casefolded

    def is_place(self, name: str) -> bool:
        """True if ``name`` (any case) is a known country, region or city."""
        key = name.casefold()
        return key in self.countries or key in self.regions or key in self.major_cities or key in self.cities

    def is_major_place(self, name: str) -> bool:
        """True if ``name`` is a country, a region or a large city (not a small town)."""
        key = name.casefold()
        return key in self.countries or key in self.regions or key in self.major_cities


def _fold(lines: str) -> frozenset[str]:
    return frozenset(lines.casefold().split("\n")) if lines else frozenset()


@cache
def load() -> Gazetteer:
    """The gazetteer, read once per process."""
    raw = resources.files("newsdrop").joinpath("data", DATA_FILE).read_bytes()
    data = json.loads(raw)
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"{DATA_FILE}: format {data.get('version')}, expected {FORMAT_VERSION}")
    first_names: dict[str, str] = {}
    for gender, lines in data["first_names"].items():
        first_names.update(dict.fromkeys(lines.split("\n"), gender))
    orgs: dict[str, str] = data["organizations"]
    org_keys = frozenset(n.casefold() for n in [*orgs, *orgs.values()] if n)
    return Gazetteer(
        first_names=first_names,
        common_first_names=frozenset(data["common_first_names"].split("\n")),
        countries=_fold(data["countries"]),
        regions=_fold(data["regions"]),
        major_cities=_fold(data["major_cities"]),
        cities=_fold(data["cities"]),
        demonyms=_fold(data["demonyms"]),
        organizations=orgs,
        org_keys=org_keys,
        org_tails=frozenset(k.rsplit(" ", 1)[-1] for k in org_keys),
    )


def first_name_gender(first_name: str) -> str | None:
    """ "f" or "m" for a first name usually given to women or men; None when unknown or ambiguous."""
    gender = load().first_names.get(first_name.strip().lower())
    return gender if gender in ("f", "m") else None


def is_first_name(word: str) -> bool:
    """True if ``word`` is a known given name (any gender)."""
    return word.strip().lower() in load().first_names
