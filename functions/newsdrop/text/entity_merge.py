"""One article's entities from its candidate mentions: mentions of the same form are grouped and typed
by their votes, a surname joins the full name and an acronym its expansion, unsupported groups are
dropped, and the words of all-capital headlines are counted against the entities of the body."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdrop.models import Entity
from newsdrop.text.entity_lexicon import CONNECTORS, LOC, MISC, ORG, PERSON, STRONG, TEAM
from newsdrop.text.entity_tokens import Token
from newsdrop.text.gazetteer import Gazetteer

MAX_ROLES = 5


@dataclass(slots=True)
class Mention:
    """A candidate span with its type votes and roles: the input of ``resolve``."""

    start: int  # token indexes [start, end)
    end: int
    text: str
    votes: dict[str, int] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    initial: bool = False

    def vote(self, kind: str, weight: int) -> None:
        self.votes[kind] = self.votes.get(kind, 0) + weight


@dataclass(slots=True)
class Headword:
    """A token on a headline line, kept for ``resolve`` when its window's tokens are gone."""

    index: int  # token index in the whole text
    text: str
    start: int
    end: int
    before_number: bool  # the next token is a number ("CHICAGO 4 HOUSTON 3")


def headwords(tokens: list[Token], caps: set[int], base: int) -> list[Headword]:
    """The tokens of headline lines (``caps``: their indexes in ``tokens``, the tokens of a window that
    starts at token ``base`` of the text)."""
    n = len(tokens)
    return [Headword(base + i, tokens[i].text, tokens[i].start, tokens[i].end,
                     i + 1 < n and tokens[i + 1].text.isdigit()) for i in sorted(caps)]


@dataclass(slots=True)
class _Group:
    """The mentions of one entity: its written forms, summed votes, roles and count."""

    forms: dict[str, str] = field(default_factory=dict)  # casefolded form -> written form
    votes: dict[str, int] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    mentions: int = 0
    first: int = 0
    kind: str = MISC
    mid_sentence: bool = False  # seen capitalized other than as a sentence's first word
    surnames: dict[str, str] | None = None  # casefolded -> written, for headlines (people only)

    def add(self, m: Mention) -> None:
        """Count a mention of a form already in ``forms``."""
        votes = self.votes
        for k, v in m.votes.items():
            votes[k] = votes.get(k, 0) + v
        if m.roles:
            self.add_roles(m.roles)
        self.mentions += 1
        if not m.initial:
            self.mid_sentence = True

    def add_roles(self, roles: list[str]) -> None:
        for role in roles:
            if role and role not in self.roles:
                self.roles.append(role)

    def absorb(self, other: _Group) -> None:
        for form_key, form in other.forms.items():
            self.forms.setdefault(form_key, form)
        self.mentions += other.mentions
        self.add_roles(other.roles)


def group_mentions(groups: dict[str, _Group], mentions: list[Mention], base: int = 0) -> None:
    """Add ``mentions`` (of a window starting at token ``base``) to the groups of their written forms:
    only the groups are kept, not the mentions."""
    for m in mentions:
        key = m.text.casefold()
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(first=base + m.start)
            group.forms[key] = m.text
        group.add(m)


def resolve(groups: dict[str, _Group], heads: list[Headword], text: str, gaz: Gazetteer, lower_seen: set[str],
            sports: bool) -> list[Entity]:
    """The entities of one article from its groups of mentions (see ``group_mentions``) and the words of
    its headline lines."""
    for key, g in groups.items():
        g.kind = _decide(g, key, gaz)
    absorbed = _merge(groups, gaz)
    for key in list(groups):
        if key in absorbed or _unsupported(key, groups[key], lower_seen):
            del groups[key]
    _headline_mentions(heads, text, groups, gaz, sports)
    entities = []
    for g in groups.values():
        if g.kind not in (PERSON, ORG, LOC):
            continue
        name = _fullest(g)
        aliases = [f for f in g.forms.values() if f.casefold() != name.casefold()]
        entities.append(Entity(name=name, type=g.kind, mentions=g.mentions, aliases=aliases,
                               roles=g.roles[:MAX_ROLES]))
    entities.sort(key=lambda e: -e.mentions)
    return entities


def _unsupported(key: str, g: _Group, lower_seen: set[str]) -> bool:
    """Drop MISC, a lone word seen only at sentence starts with no evidence, a lone word the article also
    writes in lower case (unless strongly typed), and a run of words with no evidence at all of which one
    is an everyday lower-case word of the article ("Net Income", "Human Rights")."""
    if g.kind == MISC:
        return True
    best = max(g.votes.values(), default=0)
    if " " not in key:
        return (not g.mid_sentence and not g.votes) or (key in lower_seen and best < STRONG)
    if g.votes:
        return False
    name = next(iter(g.forms.values()))
    return name.isupper() or any(w in lower_seen and w not in CONNECTORS for w in key.split())


def _decide(g: _Group, key: str, gaz: Gazetteer) -> str:
    """The type with most votes; a place that played as a team anywhere in the article is a team."""
    if g.votes.get(TEAM) and key not in gaz.countries and g.votes.get(PERSON, 0) < STRONG:
        return ORG
    votes = [(v, k == PERSON, k) for k, v in g.votes.items() if k != TEAM]
    if not votes:
        return ORG if " " not in key else PERSON
    return max(votes)[2]


def _headline_mentions(heads: list[Headword], text: str, groups: dict[str, _Group], gaz: Gazetteer,
                       sports: bool) -> None:
    """In capital lines, count words that name an entity of the body (by any of its forms) or a known place;
    in a sports report a place before a score is a team."""
    forms = {form: g for g in groups.values() for form in g.forms}
    for g in list(groups.values()):
        if g.kind == PERSON:  # "PUTIN WARNS ...": a surname in a headline
            for form in list(g.forms.values()):
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
                g = groups[key] = forms[key] = _Group(first=i, kind=LOC)
                g.forms[key] = span.title()
            else:
                continue
            if team and g.kind == LOC:
                g.kind = ORG
            if g.surnames is not None and key in g.surnames:
                g.forms.setdefault(key, g.surnames[key])
            g.mentions += 1
            matched = n
            break
        idx += matched or 1


def _merge(groups: dict[str, _Group], gaz: Gazetteer) -> set[str]:
    """Join surnames to full names and acronyms to expansions; returns the keys absorbed."""
    by_last: dict[str, _Group] = {}
    initials: dict[str, _Group] = {}
    for key, g in groups.items():
        if " " not in key:
            continue
        parts = key.split()
        if g.kind == PERSON:
            by_last.setdefault(parts[-1], g)
        elif g.kind in (ORG, LOC):
            letters = "".join(w[0] for w in parts if w not in CONNECTORS)
            if len(letters) >= 2:
                initials.setdefault(letters, g)
    absorbed: set[str] = set()
    for key, g in groups.items():
        if " " in key:
            continue
        target = None
        own_org = g.votes.get(ORG, 0) - (STRONG * 2 if g.votes.get(TEAM) else 0)
        place = key in gaz.countries or key in gaz.regions or g.votes.get(LOC, 0) > STRONG * 2
        if key in by_last and not place and own_org < STRONG:
            target = by_last[key]
        else:
            bare = key.replace(".", "")
            acronym = any(f.replace(".", "").isupper() for f in g.forms.values())
            if g.kind in (ORG, LOC) and bare in initials and acronym:
                target = initials[bare]
        if target is not None and target is not g:
            target.absorb(g)
            absorbed.add(key)
    return absorbed


def _fullest(g: _Group) -> str:
    """The longest form, preferring mixed case; a place seen only in capitals ("BRUSSELS") is title-cased."""
    name = max(g.forms.values(), key=lambda f: (len(f.split()), not f.isupper(), len(f)))
    if g.kind == LOC and name.isupper() and len(name) > 4 and "." not in name:
        return name.title()
    return name
