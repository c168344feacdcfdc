"""Named entities (PERSON, ORGANIZATION, LOCATION) with roles and aliases, by rules and gazetteers.

No trained model: candidate spans come from capitalization (a sentence's first word is not evidence on its
own), and are typed by cues in this order: titles and roles around the span ("Russian President",
"spokeswoman"), organization and place suffixes ("... Bank", "... River"), gazetteers (countries,
regions, cities, demonyms, first names, well-known organizations, see ``gazetteer.py``), acronyms, and
the context words before and after. Mentions are then merged per article: a later surname joins the
full name ("Putin" -> "Vladimir Putin"), an acronym joins its expansion ("EU" <-> "European Union"),
and the forms written in all-capital headlines join the entities found in the body.

Everything is one pass over a token list plus dictionary look-ups: linear in the text. A long text is read
in windows (see ``entity_tokens.windows``) so that only one window's tokens are held at a time.

Modules: ``entity_tokens`` (tokens, headline lines), this one (candidate spans and their evidence),
``entity_merge`` (grouping and merging per article), ``entity_lexicon`` (the word lists).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from newsdrop.models import Entity
from newsdrop.text.entity_lexicon import (
    ABBREVIATED_TITLES,
    COMMON_ACRONYMS,
    COMPASS,
    CONNECTORS,
    CORPORATE_SUFFIXES,
    EVENT_SUFFIXES,
    HONORIFICS,
    KIN,
    LOC,
    LOC_HEADS,
    LOC_PREPOSITIONS,
    LOC_SUFFIXES,
    MISC,
    MISC_WORDS,
    MONTHS_AND_DAYS,
    NAME_PARTICLES,
    ORG,
    ORG_HEADS_OF,
    ORG_SUFFIXES,
    PERSON,
    PORTFOLIOS,
    POSSESSIVES,
    REGNAL,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    SAY_VERBS,
    SPORTS_WORDS,
    STOCK_WORDS,
    STOPWORDS,
    STRONG,
    TEAM,
    TEAM_VERBS,
    WEAK,
)
from newsdrop.text.entity_merge import Headword, Mention, group_mentions, headwords, resolve
from newsdrop.text.entity_tokens import TextStats, Token, scan, tokenize, windows
from newsdrop.text.gazetteer import Gazetteer, load
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence

_DIGIT = LazyPattern(r"\d")
MAX_SPAN = 10


def extract_entities(text: str, sentences: Sequence[Sentence] | None = None) -> list[Entity]:
    """Entities of ``text``: people, organizations and places, most mentioned first."""
    if not text.strip():
        return []
    gaz = load()
    starts = sorted(s.start for s in sentences or ())  # linear: the sentences come in order
    stats = TextStats()
    cuts = list(windows(text))
    kept = None  # the tokens of a text read in one window, not read twice
    if len(cuts) == 1:
        kept = tokenize(text, _starts_in(starts, 0, len(text)), stats, SPORTS_WORDS)
    else:  # first the words seen in lower case anywhere: they count from the start
        for begin, end in cuts:
            scan(text, stats, SPORTS_WORDS, begin, end)
        if stats.sports_words < 3:  # then result lines decide
            lines = TextStats()
            for begin, end in cuts:
                tokenize(text, (), lines, (), begin, end)
            stats.result_lines = lines.result_lines
    sports = stats.sports_words >= 3 or stats.result_lines >= 2
    groups: dict = {}  # written form -> its mentions (``entity_merge``)
    heads: list[Headword] = []
    base = 0
    for begin, end in cuts:
        tokens, caps = kept or tokenize(text, _starts_in(starts, begin, end), TextStats(), (), begin, end)
        if heads and heads[-1].index == base - 1 and tokens:
            heads[-1].before_number = tokens[0].text.isdigit()
        group_mentions(groups, _mentions(text, tokens, caps, stats.lower_seen, gaz, sports), base)
        heads.extend(headwords(tokens, caps, base))
        base += len(tokens)
    return resolve(groups, heads, text, gaz, stats.lower_seen, sports)


def _starts_in(starts: list[int], begin: int, end: int) -> set[int]:
    """The sentence starts in ``[begin, end)`` (``starts`` sorted)."""
    return set(starts[bisect_left(starts, begin):bisect_left(starts, end)])


# --- candidate mentions ---------------------------------------------------------------------------


def _is_name_word(tok: Token) -> bool:
    """A capitalized word of two letters or more (or an initial), with no digit ("F-16", "H1"); hyphenated
    names may end in a short lower-case syllable ("Kim In-so")."""
    text = tok.text
    if not tok.cap or len(text) < 2 or text[1] == "-" or _DIGIT.search(text):
        return False  # "F-16", "H1", "D-Mass" (a party and state tag)
    if "-" not in text:
        return True
    tail = text.rsplit("-", 1)[-1]
    return tail[:1].isupper() or tail in NAME_PARTICLES or len(tail) <= 5


def _spans(tokens: list[Token], caps: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of capitalized words, joined by connectors and initials' periods."""
    spans: list[tuple[int, int]] = []
    n = len(tokens)
    end = 0  # the end of the last run: a run starts after it
    for i, first in enumerate(tokens):
        if i < end or not first.cap or i in caps or not _is_name_word(first):
            continue
        j = i + 1
        while j < n and j not in caps:
            tok = tokens[j]
            if (tok.cap and _is_name_word(tok) and (not tok.initial or (len(tokens[j - 1].text) == 2
                                                   and tokens[j - 1].text.endswith(".")))) \
                    or tok.text in REGNAL or ("-" in tok.text and _particle_name(tok)):
                j += 1
            elif tok.lower in CONNECTORS or tok.lower in POSSESSIVES:
                k = j + 1
                particles = tok.lower in NAME_PARTICLES
                while particles and k < n and k - j < 3 and tokens[k].lower in NAME_PARTICLES:
                    k += 1
                if k < n and _is_name_word(tokens[k]) and not tokens[k].initial and k not in caps:
                    j = k + 1
                else:
                    break
            else:
                break
        if j - i <= MAX_SPAN:  # longer runs of capitals are headings or lists, not one name
            spans.append((i, j))
        end = j
    return spans


def _known(tokens: list[Token], i: int, j: int, gaz: Gazetteer) -> bool:
    """Whether ``tokens[i:j]`` is an acronym or a known place or organization by itself."""
    if j - i == 1 and tokens[i].upper:
        return True
    key = " ".join([t.text for t in tokens[i:j]]).casefold()
    return key in gaz.org_keys or gaz.is_place(key)


def _particle_name(tok: Token) -> bool:
    """ "al-Akhdar", "el-Sheikh", "bin-Laden": a lower-case particle joined to a capitalized name."""
    head, _, tail = tok.text.partition("-")
    return head in NAME_PARTICLES and tail[:1].isupper()


def _split_connectors(tokens: list[Token], i: int, j: int, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Split a run at "and"/"&"/"the"/"for"/"on" unless it ends as an organization, and at "of" unless
    the word before it heads an organization, place or role."""
    last = tokens[j - 1].lower
    org_like = last in ORG_SUFFIXES or tokens[i].lower in ORG_HEADS_OF
    parts: list[tuple[int, int]] = []
    start = i
    for k in range(i + 1, j - 1):
        word = tokens[k].lower
        split = False
        if word == "&":
            continue
        if word in POSSESSIVES:  # "Boatmen's Bancshares Inc" is one name, "Britain's Foreign Office" two
            split = last not in CORPORATE_SUFFIXES
        elif word in ("and", "for", "on", "the"):
            split = not org_like or tokens[k - 1].lower in ORG_SUFFIXES or _known(tokens, start, k, gaz) \
                or _known(tokens, k + 1, j, gaz)
        elif word == "of":
            before = tokens[k - 1].lower
            first = tokens[start].text
            initial = len(first) == 2 and first.endswith(".")
            person = k - start >= 2 and (gaz.first_names[first.lower()] is not None or initial)
            lone_first = k - start == 1 and tokens[start].initial
            heads = any(before in group for group in (ORG_HEADS_OF, LOC_HEADS, ROLE_HEADS, LOC_SUFFIXES,
                                                      ORG_SUFFIXES))
            split = person or not ((org_like and not lone_first) or heads)
        if split:
            parts.append((start, k))
            start = k + 1
    parts.append((start, j))
    return [(a, b) for a, b in parts if b > a]


def _mentions(text: str, tokens: list[Token], caps: set[int], lower_seen: set[str],
              gaz: Gazetteer, sports: bool) -> list[Mention]:
    out: list[Mention] = []
    pending_role: tuple[str, int] | None = None  # a role-only span waiting for an apposed name
    for i0, j0 in _spans(tokens, caps):
        for i, j in ((i0, j0),) if j0 - i0 < 3 else _split_connectors(tokens, i0, j0, gaz):
            i, j = _trim(tokens, i, j, lower_seen, gaz)
            if i >= j:
                continue
            role_end = _role_prefix(tokens, i, j, gaz)
            if role_end >= j:  # the whole span is a role: "Foreign Minister, Dmytro Kuleba"
                role = _role_phrase(tokens, text, i, j)
                _modifier_mentions(tokens, text, i, j, out, gaz, lower_seen)
                pending_role = (role, j)
                continue
            m = Mention(role_end, j, _span_text(text, tokens, role_end, j))
            m.initial = tokens[role_end].initial and role_end == i
            if role_end > i:
                m.roles.append(_role_phrase(tokens, text, i, role_end))
                m.vote(PERSON, STRONG * 2)
                _modifier_mentions(tokens, text, i, role_end, out, gaz, lower_seen)
            elif pending_role and _apposed(tokens, pending_role[1], i):
                m.roles.append(pending_role[0])
                m.vote(PERSON, STRONG * 2)
            pending_role = None
            _context(tokens, text, m, gaz)
            _evidence(tokens, m, gaz)
            if sports:
                _team(tokens, m, gaz)
            out.append(m)
    return out


def _span_text(text: str, tokens: list[Token], i: int, j: int) -> str:
    """The written span; an abbreviation's period is dropped where it also ends the sentence."""
    end = tokens[j - 1].end
    last = tokens[j - 1].text
    if last.endswith(".") and len(last) > 2 and "." not in last[:-1]:
        nxt = tokens[j] if j < len(tokens) else None
        continues = nxt is not None and (nxt.text[0].islower() or nxt.text[0].isdigit() or nxt.text in ",;)")
        if nxt is None or nxt.initial or not continues:
            end -= 1
    return text[tokens[i].start:end]


def _trim(tokens: list[Token], i: int, j: int, lower_seen: set[str], gaz: Gazetteer) -> tuple[int, int]:
    """Drop a first word that is a common word or a nationality, and dates, honorifics or particles at
    either end."""
    while i < j:
        tok = tokens[i]
        if j - i > 1 and _known(tokens, i, j, gaz):
            break  # "New York", "Czech Republic", "Saudi Arabia"
        common = ((tok.lower in STOPWORDS and tok.initial) or (tok.lower in CONNECTORS and not tok.cap)) \
            and not tok.upper and not tok.text.endswith(".")
        if tok.initial and not common and tok.lower in lower_seen and not gaz.is_place(tok.text):
            common = gaz.first_names[tok.lower] is None or j - i == 1
        if common or tok.lower in MONTHS_AND_DAYS or tok.lower in HONORIFICS \
                or (tok.lower in gaz.demonyms and _leading_demonym(tokens, i, j, gaz)):
            i += 1
        else:
            break
    if j - i == 1 and ((tokens[i].lower in STOPWORDS and not tokens[i].upper) or len(tokens[i].text) == 1
                       or tokens[i].lower in COMMON_ACRONYMS):
        return i, i
    while j > i and (tokens[j - 1].lower in MONTHS_AND_DAYS or tokens[j - 1].lower in CONNECTORS):
        j -= 1
    return i, j


def _leading_demonym(tokens: list[Token], i: int, j: int, gaz: Gazetteer) -> bool:
    """ "Australian Tom Moody", "German Foreign Ministry": a nationality before a name or a ministry, unless
    it belongs to the name ("Scottish National Party", "Australian Open", "British Airways"), to a title
    ("Russian President") or is a given name ("Christian Cullen")."""
    tok = tokens[i]
    if j - i < 2 or tok.lower not in gaz.demonyms or _known(tokens, i, j, gaz):
        return False
    last, nxt = tokens[j - 1].lower, tokens[i + 1].lower
    if last in ORG_SUFFIXES:
        return nxt in PORTFOLIOS
    if gaz.first_names[tok.lower] is not None:
        return False
    return not (last in EVENT_SUFFIXES or last in ROLE_HEADS or nxt in ROLE_HEADS or nxt in ROLE_MODIFIERS)


def _role_prefix(tokens: list[Token], i: int, j: int, gaz: Gazetteer) -> int:
    """Index after the title that opens the span ("Russian Foreign Minister Sergei Lavrov" -> 3): the last
    role word followed by a name, with "of <Object>" kept in the title ("Secretary of State")."""
    end = i
    k = i
    while k < j:
        word = tokens[k].lower
        if (word in ROLE_HEADS or "-" in word) and _is_role_head(tokens[k]):
            e = k + 1
            while e + 1 < j and tokens[e].lower == "of" and _role_object(tokens[e + 1], gaz):
                e += 2
            end = e
            k = e
        else:
            k += 1
    if end > i and end < j and (tokens[j - 1].lower in ORG_SUFFIXES or tokens[j - 1].lower in EVENT_SUFFIXES
                                or tokens[end].lower in CONNECTORS):
        return i  # "Premier League", "General Motors", "President of Russia": not a title before a name
    return end


def _is_role_head(tok: Token) -> bool:
    """ "Minister", "CEO", "Major-General", "Sen."; not an all-capital word that is no title ("REP" in a
    headline), nor an abbreviation without its period ("Hun Sen")."""
    word = tok.lower
    if tok.upper and word not in ("ceo", "cfo", "coo", "mp", "mep"):
        return False
    if word in ABBREVIATED_TITLES and not tok.text.endswith("."):
        return False
    return word in ROLE_HEADS or ("-" in word and word.rpartition("-")[2] in ROLE_HEADS)


def _role_object(tok: Token, gaz: Gazetteer) -> bool:
    return tok.lower in ROLE_MODIFIERS or tok.lower in ("state", "affairs") or gaz.is_place(tok.text)


def _role_phrase(tokens: list[Token], text: str, i: int, j: int) -> str:
    """The role text ``tokens[i:j]``, extended left over lower-case role words ("White House spokeswoman")."""
    k = i
    while k > 0 and i - k < 6:
        prev = tokens[k - 1]
        if prev.lower in ("of", "the") or (prev.lower in STOPWORDS and not prev.upper):
            break
        if prev.lower in ROLE_MODIFIERS or prev.cap:
            k -= 1
        else:
            break
    return _clean_role(text[tokens[k].start:tokens[j - 1].end])


def _clean_role(role: str) -> str:
    return " ".join(role.replace(" ,", ",").split()).strip(" ,")


def _modifier_mentions(tokens: list[Token], text: str, i: int, j: int, out: list[Mention],
                       gaz: Gazetteer, lower_seen: set[str]) -> None:
    """Names inside a role phrase ("US" in "US Secretary of State") become mentions of their own."""
    k = i
    while k < j:
        if _is_role_head(tokens[k]) or tokens[k].lower in ROLE_MODIFIERS:
            k += 1
            continue
        e = k
        while e < j and not _is_role_head(tokens[e]) and tokens[e].lower not in ROLE_MODIFIERS:
            e += 1
        m = Mention(k, e, text[tokens[k].start:tokens[e - 1].end])
        m.initial = tokens[k].initial
        _evidence(tokens, m, gaz)
        out.append(m)
        k = e


def _team(tokens: list[Token], m: Mention, gaz: Gazetteer) -> None:
    """In a sports report, a town or region before a score or beside a result verb is a team."""
    key = m.text.casefold()
    person = m.votes.get(PERSON, 0)
    if key in gaz.countries or person >= STRONG or (m.end - m.start > 1 and person):
        return
    after = tokens[m.end] if m.end < len(tokens) else None
    before = tokens[m.start - 1] if m.start > 0 else None
    place = gaz.is_place(m.text)
    score = after is not None and after.text.isdigit() and len(after.text) < 4
    if score or (after is not None and after.lower in TEAM_VERBS) \
            or (before is not None and before.lower in TEAM_VERBS and before.lower != "at"):
        m.vote(ORG, STRONG * 2 if place else STRONG)
        m.vote(TEAM, 1)


def _apposed(tokens: list[Token], role_end: int, i: int) -> bool:
    """A role span followed by a comma and the name: "Foreign Minister, Dmytro Kuleba"."""
    return i == role_end + 1 and tokens[role_end].text == ","


# --- evidence -------------------------------------------------------------------------------------


def _context(tokens: list[Token], text: str, m: Mention, gaz: Gazetteer) -> None:
    """Evidence from the words around the span: titles, roles, saying verbs, prepositions, apposition."""
    before = tokens[m.start - 1] if m.start > 0 else None
    after = tokens[m.end] if m.end < len(tokens) else None
    if before is not None:
        if before.lower in HONORIFICS:
            m.vote(PERSON, STRONG * 2)
        elif before.lower in ROLE_HEADS or before.lower in KIN:
            m.vote(PERSON, STRONG)
            if before.lower in ROLE_HEADS and not before.cap:
                m.roles.append(_role_phrase(tokens, text, m.start - 1, m.start))
        elif before.lower in LOC_PREPOSITIONS:
            m.vote(LOC, WEAK)
        elif before.lower == "the":
            m.vote(ORG, WEAK)
    if tokens[m.start].upper and _dateline(tokens, m):
        m.vote(LOC, STRONG * 2)
    if _company_context(tokens, m):
        m.vote(ORG, STRONG)
    if after is not None:
        if after.lower in SAY_VERBS and not _next_is(tokens, m.end + 1, "it"):
            m.vote(PERSON, WEAK + 1)
        elif after.text == "," and m.end + 1 < len(tokens):
            role = _apposition(tokens, text, m.end + 1)
            if role:
                m.roles.append(role)
                m.vote(PERSON, STRONG)
            elif _is_age(tokens, m.end + 1):
                m.vote(PERSON, STRONG)
            elif _region_follows(tokens, m.end + 1, gaz):
                m.vote(LOC, STRONG)  # "Lockerbie, Scotland", "Springfield, Ill."


def _next_is(tokens: list[Token], k: int, word: str) -> bool:
    return k < len(tokens) and tokens[k].lower == word


def _company_context(tokens: list[Token], m: Mention) -> bool:
    """ "Acme shares", "shares of Acme", "Acme said it": business cues of a company."""
    after = tokens[m.end].lower if m.end < len(tokens) else ""
    if after in STOCK_WORDS or (after in POSSESSIVES and _next_is(tokens, m.end + 1, "shares")):
        return True
    before = tokens[m.start - 2].lower if m.start >= 2 else ""
    if before in STOCK_WORDS and tokens[m.start - 1].lower in ("of", "in"):
        return True
    return after in SAY_VERBS and _next_is(tokens, m.end + 1, "it")


def _dateline(tokens: list[Token], m: Mention) -> bool:
    """ "LONDON 1996-08-30", "MOSCOW (Reuters) -": a place in capitals opening a line before a date."""
    if not tokens[m.start].initial or not all(t.upper for t in tokens[m.start:m.end]):
        return False
    after = tokens[m.end] if m.end < len(tokens) else None
    if after is not None and after.text == ",":
        after = tokens[m.end + 1] if m.end + 1 < len(tokens) else None
    if after is None:
        return False
    return after.text[0].isdigit() or after.text in "(-–—" or after.lower in MONTHS_AND_DAYS


def _region_follows(tokens: list[Token], k: int, gaz: Gazetteer) -> bool:
    """Whether a country or region (one or two words) starts at ``k`` and ends its phrase."""
    for n in (2, 1):
        if k + n <= len(tokens) and all(t.cap for t in tokens[k:k + n]):
            key = " ".join(t.text for t in tokens[k:k + n]).casefold()
            after = tokens[k + n] if k + n < len(tokens) else None
            ends = after is None or (not after.cap and after.lower not in POSSESSIVES)
            if (key in gaz.countries or key in gaz.regions) and ends:
                return True
    return False


def _apposition(tokens: list[Token], text: str, k: int) -> str | None:
    """ "…, the Ukrainian foreign minister, …": a role phrase after a name, up to its head word."""
    start = k
    if tokens[k].lower in ("the", "a", "an", "its", "his", "her", "their"):
        k += 1
    head = None
    for e in range(k, min(len(tokens), k + 6)):
        word = tokens[e].lower
        if word in ROLE_HEADS:
            head = e
        elif not (word in ROLE_MODIFIERS or tokens[e].cap or word in ("'s", "’s")):
            break
    if head is None:
        return None
    end = head + 1
    if end < len(tokens) and tokens[end].text not in (",", ".", ";") and tokens[end].lower != "of":
        return None
    first = k if tokens[start].lower in ("the", "a", "an") else start
    return _clean_role(text[tokens[first].start:tokens[head].end])


def _is_age(tokens: list[Token], k: int) -> bool:
    return k + 1 < len(tokens) and tokens[k].text.isdigit() and len(tokens[k].text) <= 2 \
        and tokens[k + 1].text == ","


def _evidence(tokens: list[Token], m: Mention, gaz: Gazetteer) -> None:
    """Evidence from the span itself: suffixes, gazetteers, first names, acronyms, initials."""
    words = tokens[m.start:m.end]
    first, last = words[0], words[-1]
    first_lower, last_lower = first.lower, last.lower
    many = len(words) > 1
    key = m.text.casefold()
    if key in gaz.org_keys:
        m.vote(ORG, STRONG * 2)
    elif many and last_lower in gaz.org_tails and _ends_with_org(words, gaz):
        m.vote(ORG, STRONG)  # "North Korean Red Cross", "NSW Treasury": ends with a known organization
    if key in gaz.countries or key in gaz.regions:
        m.vote(LOC, STRONG + 1)
    elif key in gaz.major_cities:
        m.vote(LOC, STRONG)
    elif gaz.cities[key] is not None:
        m.vote(LOC, WEAK + 1)
    if key in gaz.demonyms or key in MISC_WORDS:
        m.vote(MISC, STRONG * 3)
    elif last_lower in gaz.demonyms and all(w.lower in gaz.demonyms or w.lower in COMPASS for w in words):
        m.vote(MISC, STRONG + 1)  # "West Indian", "South African"; not "Cleveland Indians"
    if not many:
        if first.upper and first_lower not in COMMON_ACRONYMS and not m.votes:
            m.vote(ORG, STRONG)
        elif gaz.first_names[first_lower] is not None and not m.votes and not m.initial:
            m.vote(PERSON, WEAK)
        return
    if last_lower in EVENT_SUFFIXES:
        m.vote(MISC, STRONG * 3)
    if last_lower in CORPORATE_SUFFIXES:
        m.vote(ORG, STRONG * 2)
    elif last_lower in ORG_SUFFIXES:
        m.vote(ORG, STRONG + 2)
    elif last_lower in LOC_SUFFIXES:
        m.vote(LOC, STRONG)
    if first_lower in ORG_HEADS_OF and words[1].lower == "of":
        m.vote(ORG, STRONG)
    elif first_lower in LOC_HEADS:
        m.vote(LOC, WEAK + 1)
    given = gaz.first_names[first_lower] is not None and first_lower not in STOPWORDS
    if given and not gaz.is_major_place(first.text) and not gaz.is_place(m.text):
        m.vote(PERSON, STRONG if gaz.common_first_names[first_lower] is not None else WEAK + 1)
    if len(first.text) == 2 and first.text.endswith("."):
        m.vote(PERSON, STRONG)  # "P. Simmons"
    if len(words) >= 3 and not all(_name_like(w) for w in words):
        m.vote(ORG, WEAK)
    if m.votes.get(PERSON, 0) < STRONG and any(w.cap and gaz.is_place(w.text) for w in words[1:]):
        m.vote(ORG, WEAK + 2)  # "Real Madrid", "Statistics Canada": a place inside a name


def _ends_with_org(words: list[Token], gaz: Gazetteer) -> bool:
    """Whether the last one to three words form a known organization's name."""
    tails = (" ".join(w.text for w in words[-n:]).casefold() for n in range(1, min(4, len(words))))
    return any(tail in gaz.org_keys for tail in tails)


def _name_like(tok: Token) -> bool:
    """A word as people's names are written: "Smith", "O'Brien", "van", "J."."""
    if tok.lower in NAME_PARTICLES:
        return True
    return tok.cap and not tok.upper and (tok.text[1:].islower() or "'" in tok.text or "-" in tok.text
                                          or "’" in tok.text or tok.text.endswith("."))
