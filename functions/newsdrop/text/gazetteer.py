"""Gazetteers for entity recognition: first names (with gender), places, demonyms, organizations.

The data is one ``marshal`` file of plain data built by ``scripts/build_gazetteer.py`` (strings, tuples
and dicts only, checked after loading); it is read on first use and cached for the life of the process.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = "gazetteer.marshal"
FORMAT_VERSION = 3
SHARD = 2  # as in scripts/build_gazetteer.py
_SETS = ("countries", "regions", "major_cities", "demonyms")
_TABLES = ("first_names", "common_first_names", "cities")
_DATA = Path(__file__).resolve().parent.parent / "data" / DATA_FILE


class NameTable(dict[str, "str | None"]):
    """A large name list kept as a few hundred strings: names grouped by their first ``SHARD`` characters,
    each group one string of lines "<name>\\t<value>", so that loading allocates no object per name
    (``scripts/build_gazetteer.py`` writes the groups).

    ``table[name]`` is the value stored with ``name``, or None: a substring search the first time, then a
    plain dict look-up (answers are cached, up to ``CACHE`` names). ``in`` and ``get`` work as for a dict.
    """

    __slots__ = ("_shards",)
    CACHE = 4_096  # names per table: under 0.5 MB each in a long-lived process

    def __init__(self, shards: dict[str, str]) -> None:
        super().__init__()
        self._shards = shards

    def __missing__(self, name: str) -> str | None:
        value = self._find(name)
        if len(self) >= self.CACHE:
            self.clear()
        self[name] = value
        return value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self[name] is not None

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        value = self[name]
        return default if value is None else value

    def _find(self, name: str) -> str | None:
        shard = self._shards.get(name[:SHARD])
        if shard is None or "\n" in name or "\t" in name:
            return None
        at = shard.find(f"\n{name}\t")
        if at < 0:
            return None
        at += len(name) + 2
        return shard[at:shard.index("\n", at)]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lookup tables; names are kept casefolded (first names lower-cased).

    ``first_names`` maps a given name to "f", "m" or "u" (used for both); ``common_first_names`` holds the
    frequent ones, strong evidence of a person. ``organizations`` maps a well-known organization's written
    name or acronym to its expansion ("" when none); ``org_keys`` holds both, casefolded.
    """

    first_names: NameTable
    common_first_names: NameTable
    countries: frozenset[str]
    regions: frozenset[str]
    major_cities: frozenset[str]
    cities: NameTable
    demonyms: frozenset[str]
    organizations: dict[str, str]
    org_keys: frozenset[str]
    org_tails: frozenset[str]  # the last word of each organization name, casefolded

    def is_place(self, name: str) -> bool:
        """True if ``name`` (any case) is a known country, region or city."""
        key = name.casefold()
        return key in self.countries or key in self.regions or key in self.major_cities \
            or self.cities[key] is not None

    def is_major_place(self, name: str) -> bool:
        """True if ``name`` is a country, a region or a large city (not a small town)."""
        key = name.casefold()
        return key in self.countries or key in self.regions or key in self.major_cities


@cache
def load() -> Gazetteer:
    """The gazetteer, read once per process."""
    raw = _DATA.read_bytes()
    data = marshal.loads(raw)
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        found = data.get("version") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{DATA_FILE}: format {found}, expected {FORMAT_VERSION}")
    if not all(isinstance(data[name], tuple) for name in _SETS) \
            or not all(isinstance(data[name], dict) for name in (*_TABLES, "organizations")):
        raise ValueError(f"{DATA_FILE}: unexpected layout")
    orgs: dict[str, str] = data["organizations"]
    org_keys = frozenset(n.casefold() for n in [*orgs, *orgs.values()] if n)
    return Gazetteer(
        organizations=orgs,
        org_keys=org_keys,
        org_tails=frozenset(k.rsplit(" ", 1)[-1] for k in org_keys),
        **{name: frozenset(data[name]) for name in _SETS},
        **{name: NameTable(data[name]) for name in _TABLES},
    )


def first_name_gender(first_name: str) -> str | None:
    """ "f" or "m" for a first name usually given to women or men; None when unknown or ambiguous."""
    gender = load().first_names.get(first_name.strip().lower())
    return gender if gender in ("f", "m") else None


def is_first_name(word: str) -> bool:
    """True if ``word`` is a known given name (any gender)."""
    return word.strip().lower() in load().first_names
