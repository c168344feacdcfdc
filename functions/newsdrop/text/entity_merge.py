"""One article's entities from its candidate mentions: mentions of the same form are grouped and typed
by their votes, a surname joins the full name and an acronym its expansion, unsupported groups are
dropped, and the words of all-capital headlines are counted against the entities of the body."""

from __future__ import annotations

from dataclasses import dataclass

from newsdrop.models import Entity
from newsdrop.text.entity_lexicon import CONNECTORS, LOC, MISC, ORG, PERSON, STRONG
from newsdrop.text.entity_tokens import Window
from newsdrop.text.entity_wordset import WordSet
from newsdrop.text.gazetteer import Gazetteer

MAX_ROLES = 5


class Mention:
    """A candidate span with its type votes and roles: the input of ``resolve``."""

    __slots__ = ("end", "initial", "roles", "start", "text", "votes")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start  # token indexes [start, end)
        self.end = end
        self.text = text
        self.votes: dict[str, int] = {}
        self.roles: list[str] = []
        self.initial = False

    def vote(self, kind: str, weight: int) -> None:
        votes = self.votes
        votes[kind] = votes.get(kind, 0) + weight


@dataclass(slots=True)
class Headword:
    """A token on a headline line, kept for ``resolve`` when its window's tokens are gone."""

    index: int  # token index in the whole text
    text: str
    start: int
    end: int
    before_number: bool  # the next token is a number ("CHICAGO 4 HOUSTON 3")


def headwords(window: Window, base: int) -> list[Headword]:
    """The tokens of headline lines (``window.caps``: their indexes in a window that starts at token
    ``base`` of the text)."""
    words, offsets = window.words, window.offsets
    n = len(words)
    return [Headword(base + i, words[i], offsets[i], offsets[i] + len(words[i]),
                     i + 1 < n and words[i + 1].isdigit()) for i in sorted(window.caps)]




class _Group:
    """The mentions of one entity: its written forms, summed votes per type, roles and count. Kept for every
    form of a long article, so it is small: votes in slots, no dict or list until needed."""

    __slots__ = ("form", "kind", "loc", "mentions", "mid_sentence", "misc", "more", "org", "person", "roles",
                 "surnames", "team")

    def __init__(self, form: str, kind: str = MISC) -> None:
        self.form = form  # the first written form (its casefolded key is the group's key)
        self.more: dict[str, str] | None = None  # further forms: casefolded -> written
        self.person = self.org = self.loc = self.misc = self.team = 0
        self.roles: list[str] | None = None
        self.mentions = 0
        self.kind = kind
        self.mid_sentence = False  # seen capitalized other than as a sentence's first word
        self.surnames: dict[str, str] | None = None  # casefolded -> written, for headlines (people only)

    def forms(self, key: str) -> list[tuple[str, str]]:
        """``(casefolded, written)`` forms, the first (``key``) first."""
        first = [(key, self.form)]
        return first + list(self.more.items()) if self.more else first

    def written(self) -> list[str]:
        return [self.form, *self.more.values()] if self.more else [self.form]

    def best(self) -> int:
        return max(self.person, self.org, self.loc, self.misc, self.team)

    def add_form(self, key: str, own_key: str, form: str) -> None:
        if key != own_key:
            if self.more is None:
                self.more = {}
            self.more.setdefault(key, form)

    def add(self, m: Mention) -> None:
        """Count a mention of a form already in ``forms``."""
        for kind, v in m.votes.items():
            if kind == PERSON:
                self.person += v
            elif kind == ORG:
                self.org += v
            elif kind == LOC:
                self.loc += v
            elif kind == MISC:
                self.misc += v
            else:
                self.team += v
        if m.roles:
            self.add_roles(m.roles)
        self.mentions += 1
        if not m.initial:
            self.mid_sentence = True

    def add_roles(self, roles: list[str] | None) -> None:
        for role in roles or ():
            if role:
                if self.roles is None:
                    self.roles = [role]
                elif role not in self.roles:
                    self.roles.append(role)

    def absorb(self, own_key: str, other: _Group, other_key: str) -> None:
        for form_key, form in other.forms(other_key):
            self.add_form(form_key, own_key, form)
        self.mentions += other.mentions
        self.add_roles(other.roles)


def group_mentions(groups: dict[str, _Group], mentions: list[Mention], base: int = 0) -> None:
    """Add ``mentions`` (of a window starting at token ``base``) to the groups of their written forms:
    only the groups are kept, not the mentions."""
    for m in mentions:
        key = m.text.casefold()
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(m.text)
        group.add(m)


def resolve(groups: dict[str, _Group], heads: list[Headword], text: str, gaz: Gazetteer,
            lower_seen: set[str] | WordSet, sports: bool) -> list[Entity]:
    """The entities of one article from its groups of mentions (see ``group_mentions``) and the words of
    its headline lines. ``groups`` and ``lower_seen`` are used up (emptied as the entities are made)."""
    for key, g in groups.items():
        g.kind = _decide(g, key, gaz)
    absorbed = _merge(groups, gaz)
    for key in [k for k, g in groups.items() if k in absorbed or _unsupported(k, g, lower_seen)]:
        del groups[key]
    lower_seen.clear()
    _headline_mentions(heads, text, groups, gaz, sports)
    entities: list[Entity] = []
    new = Entity
    for key in list(groups):
        g = groups.pop(key)
        if g.kind not in (PERSON, ORG, LOC):
            continue
        name = _fullest(g)
        folded = name.casefold()
        aliases = [f for f in g.written() if f.casefold() != folded]
        entities.append(new(name=name, type=g.kind, mentions=g.mentions, aliases=aliases,
                            roles=g.roles[:MAX_ROLES] if g.roles else []))
    entities.sort(key=lambda e: -e.mentions)
    return entities


def _unsupported(key: str, g: _Group, lower_seen: set[str] | WordSet) -> bool:
    """Drop MISC, a lone word seen only at sentence starts with no evidence, a lone word the article also
    writes in lower case (unless strongly typed), and a run of words with no evidence at all of which one
    is an everyday lower-case word of the article ("Net Income", "Human Rights")."""
    if g.kind == MISC:
        return True
    best = g.best()
    if " " not in key:
        return (not g.mid_sentence and not best) or (key in lower_seen and best < STRONG)
    if best:
        return False
    return g.form.isupper() or any(w in lower_seen and w not in CONNECTORS for w in key.split())


def _decide(g: _Group, key: str, gaz: Gazetteer) -> str:
    """The type with most votes (a tie goes to PERSON, then ORGANIZATION, MISC, LOCATION); a place that
    played as a team anywhere in the article is a team."""
    if g.team and key not in gaz.countries and g.person < STRONG:
        return ORG
    top = max(g.person, g.org, g.loc, g.misc)
    if not top:
        return ORG if " " not in key else PERSON
    if g.person == top:
        return PERSON
    if g.org == top:
        return ORG
    return MISC if g.misc == top else LOC


def _headline_mentions(heads: list[Headword], text: str, groups: dict[str, _Group], gaz: Gazetteer,
                       sports: bool) -> None:
    """In capital lines, count words that name an entity of the body (by any of its forms) or a known place;
    in a sports report a place before a score is a team."""
    if not heads:
        return
    forms: dict[str, _Group] = {}
    owner: dict[int, str] = {}  # id(group) -> its key
    for key, g in groups.items():
        owner[id(g)] = key
        forms[key] = g
        if g.more:
            for form_key in g.more:
                forms[form_key] = g
    for g in list(groups.values()):
        if g.kind == PERSON:  # "PUTIN WARNS ...": a surname in a headline
            for form in g.written():
                surname = form.rsplit(" ", 1)[-1]
                if " " in form and surname.casefold() not in forms:
                    forms[surname.casefold()] = g
                    if g.surnames is None:
                        g.surnames = {}
                    g.surnames[surname.casefold()] = surname
    idx = 0
    while idx < len(heads):
        tok = heads[idx]
        i = tok.index
        if not tok.text[0].isalpha():
            idx += 1
            continue
        matched = 0
        for n in (4, 3, 2, 1):
            if idx + n > len(heads) or heads[idx + n - 1].index != i + n - 1:
                continue
            last = heads[idx + n - 1]
            span = text[tok.start:last.end]
            key = span.casefold()
            team = sports and last.before_number and key not in gaz.countries
            if key in forms:
                g = forms[key]
            elif key in gaz.countries or key in gaz.major_cities or key in gaz.regions:
                if n == 1 and len(key) < 3:
                    continue
                g = groups[key] = forms[key] = _Group(span.title(), kind=LOC)
                owner[id(g)] = key
            else:
                continue
            if team and g.kind == LOC:
                g.kind = ORG
            if g.surnames is not None and key in g.surnames:
                g.add_form(key, owner[id(g)], g.surnames[key])
            g.mentions += 1
            matched = n
            break
        idx += matched or 1


def _merge(groups: dict[str, _Group], gaz: Gazetteer) -> set[str]:
    """Join surnames to full names and acronyms to expansions; returns the keys absorbed."""
    by_last: dict[str, tuple[str, _Group]] = {}
    initials: dict[str, tuple[str, _Group]] = {}
    for key, g in groups.items():
        if " " not in key:
            continue
        parts = key.split()
        if g.kind == PERSON:
            by_last.setdefault(parts[-1], (key, g))
        elif g.kind in (ORG, LOC):
            letters = "".join(w[0] for w in parts if w not in CONNECTORS)
            if len(letters) >= 2:
                initials.setdefault(letters, (key, g))
    absorbed: set[str] = set()
    if not by_last and not initials:
        return absorbed
    for key, g in groups.items():
        if " " in key:
            continue
        target = None
        own_org = g.org - (STRONG * 2 if g.team else 0)
        place = key in gaz.countries or key in gaz.regions or g.loc > STRONG * 2
        if key in by_last and not place and own_org < STRONG:
            target = by_last[key]
        elif g.kind in (ORG, LOC):
            bare = key.replace(".", "")
            if bare in initials and any(f.replace(".", "").isupper() for f in g.written()):
                target = initials[bare]
        if target is not None and target[1] is not g:
            target[1].absorb(target[0], g, key)
            absorbed.add(key)
    return absorbed


def _length(form: str) -> tuple[int, bool, int]:
    return len(form.split()), not form.isupper(), len(form)


def _fullest(g: _Group) -> str:
    """The longest form, preferring mixed case; a place seen only in capitals ("BRUSSELS") is title-cased."""
    name = max(g.written(), key=_length) if g.more else g.form
    if g.kind == LOC and name.isupper() and len(name) > 4 and "." not in name:
        return name.title()
    return name
