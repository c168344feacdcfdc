"""Named entities (PERSON, ORGANIZATION, LOCATION) with roles and aliases, by rules and gazetteers.

No trained model: candidate spans come from capitalization (a sentence's first word is not evidence on its
own), and are typed by cues in this order: titles and roles around the span ("Russian President",
"spokeswoman"), organization and place suffixes ("... Bank", "... River"), gazetteers (countries,
regions, cities, demonyms, first names, well-known organizations, see ``gazetteer.py``), acronyms, and
the context words before and after. Mentions are then merged per article: a later surname joins the
full name ("Putin" -> "Vladimir Putin"), an acronym joins its expansion ("EU" <-> "European Union"),
and the forms written in all-capital headlines join the entities found in the body.

Everything is one regex pass per window plus dictionary look-ups: linear in the text. Tokens are parallel
lists (no object per token), Python loops run over capitalized words and spans only. What depends on the
written words alone is worked out once per window: whether a one-word span (most spans) is dropped, a
title or a name, per word and sentence position (``_single``), and what a span's words say, per written
form (``_span_evidence``); the words beside a span are read with one look-up per side (``_BEFORE``,
``_AFTER``), as most spans have no cue word there. A long text is read in windows (see
``entity_tokens.windows``) so that only one window's tokens are held at a time, and only small aggregates
per written form are kept across windows.

Modules: ``entity_tokens`` (tokens, headline lines), this one (candidate spans and their evidence),
``entity_merge`` (grouping and merging per article), ``entity_lexicon`` (the word lists),
``entity_wordset`` (the compact set of words seen in lower case in a long text).
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
from newsdrop.text.entity_tokens import TextStats, Window, scan, tokenize, windows
from newsdrop.text.entity_wordset import WordSet
from newsdrop.text.gazetteer import Gazetteer, load
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence

_DIGIT = LazyPattern(r"\d")
MAX_SPAN = 10
# Tokens of headline lines (all capitals or Title Case) kept to find names in them: an article has a few
# dozen; only a text made of such lines reaches this, and its later headline lines are then not read.
MAX_HEADWORDS = 10_000
_OF_GROUPS = (ORG_HEADS_OF, LOC_HEADS, ROLE_HEADS, LOC_SUFFIXES, ORG_SUFFIXES)
# The cue a word before a span gives (``_context``), the first that applies: an honorific, a title, a kin
# word, a preposition of place, "the"; "of" (no cue, but "shares of Acme"). One look-up per span.
_HONORIFIC, _TITLE, _KIN, _PREPOSITION, _THE, _OF = range(6)
_BEFORE: dict[str, int] = {"of": _OF, "the": _THE, **dict.fromkeys(LOC_PREPOSITIONS, _PREPOSITION),
                           **dict.fromkeys(KIN, _KIN), **dict.fromkeys(ROLE_HEADS, _TITLE),
                           **dict.fromkeys(HONORIFICS, _HONORIFIC)}
_AFTER = STOCK_WORDS | POSSESSIVES | SAY_VERBS  # the words after a span that ``_context`` reads


def extract_entities(text: str, sentences: Sequence[Sentence] | None = None) -> list[Entity]:
    """Entities of ``text``: people, organizations and places, most mentioned first."""
    if not text or text.isspace():  # no copy of the text
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
        if stats.sports_words < 3:  # then result lines decide (the words were counted above)
            for begin, end in cuts:
                lines = TextStats()
                tokenize(text, (), lines, (), begin, end)
                stats.result_lines += lines.result_lines
    sports = stats.sports_words >= 3 or stats.result_lines >= 2
    lower_seen: set[str] | WordSet = stats.lower_seen
    if kept is None:  # a long text: the words are kept compact while its windows are read
        lower_seen = WordSet(stats.lower_seen)
        stats.lower_seen = set()
    groups: dict = {}  # written form -> its mentions (``entity_merge``)
    heads: list[Headword] = []
    base = 0
    for begin, end in cuts:
        window = kept or tokenize(text, _starts_in(starts, begin, end), TextStats(), (), begin, end, False)
        words = window.words
        if heads and heads[-1].index == base - 1 and words:
            heads[-1].before_number = words[0].isdigit()
        group_mentions(groups, _mentions(window, lower_seen, gaz, sports), base)
        if len(heads) < MAX_HEADWORDS:  # a page of capitalized lines would keep every token otherwise
            heads.extend(headwords(window, base)[:MAX_HEADWORDS - len(heads)])
        base += len(words)
    return resolve(groups, heads, text, gaz, lower_seen, sports)


def _starts_in(starts: list[int], begin: int, end: int) -> set[int]:
    """The sentence starts in ``[begin, end)`` (``starts`` sorted)."""
    return set(starts[bisect_left(starts, begin):bisect_left(starts, end)])


# --- candidate mentions ---------------------------------------------------------------------------


def _is_name_word(t: Window, i: int) -> bool:
    """A capitalized word of two letters or more (or an initial), with no digit ("F-16", "H1"); hyphenated
    names may end in a short lower-case syllable ("Kim In-so")."""
    if not t.cap[i]:
        return False
    text = t.words[i]
    if text.isalpha():  # the common case: no digit, no hyphen
        return len(text) > 1
    if len(text) < 2 or text[1] == "-" or _DIGIT.search(text):
        return False  # "F-16", "H1", "D-Mass" (a party and state tag)
    if "-" not in text:
        return True
    tail = text.rsplit("-", 1)[-1]
    return tail[:1].isupper() or tail in NAME_PARTICLES or len(tail) <= 5


def _spans(t: Window) -> list[tuple[int, int]]:
    """Maximal runs of capitalized words, joined by connectors and initials' periods."""
    spans: list[tuple[int, int]] = []
    words, lowers, cap, caps = t.words, t.lowers, t.cap, t.caps
    n = len(words)
    end = 0  # the end of the last run: a run starts after it
    initial = t.initial
    for i in [i for i in t.capitalized if i not in caps] if caps else t.capitalized:
        if i < end:
            continue
        word = words[i]
        if not (len(word) > 1 if word.isalpha() else _is_name_word(t, i)):  # ``_is_name_word``, inlined
            continue
        j = i + 1
        while j < n and j not in caps:
            word = words[j]
            if (cap[j] and _is_name_word(t, j) and (not initial(j) or (len(words[j - 1]) == 2
                                                   and words[j - 1][-1] == "."))) \
                    or word in REGNAL or ("-" in word and _particle_name(word)):
                j += 1
            elif lowers[j] in CONNECTORS or lowers[j] in POSSESSIVES:
                k = j + 1
                particles = lowers[j] in NAME_PARTICLES
                while particles and k < n and k - j < 3 and lowers[k] in NAME_PARTICLES:
                    k += 1
                if k < n and _is_name_word(t, k) and not initial(k) and k not in caps:
                    j = k + 1
                else:
                    break
            else:
                break
        if j - i <= MAX_SPAN:  # longer runs of capitals are headings or lists, not one name
            spans.append((i, j))
        end = j
    return spans


def _known(t: Window, i: int, j: int, gaz: Gazetteer) -> bool:
    """Whether ``tokens[i:j]`` is an acronym or a known place or organization by itself."""
    if j - i == 1 and i in t.upper:
        return True
    key = " ".join(t.words[i:j]).casefold()
    return key in gaz.org_keys or key in gaz.countries or key in gaz.regions or key in gaz.major_cities \
        or gaz.cities[key] is not None  # ``gaz.is_place``


def _particle_name(word: str) -> bool:
    """ "al-Akhdar", "el-Sheikh", "bin-Laden": a lower-case particle joined to a capitalized name."""
    head, _, tail = word.partition("-")
    return head in NAME_PARTICLES and tail[:1].isupper()


def _split_connectors(t: Window, i: int, j: int, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Split a run at "and"/"&"/"the"/"for"/"on" unless it ends as an organization, and at "of" unless
    the word before it heads an organization, place or role."""
    lowers = t.lowers
    last = lowers[j - 1]
    org_like = last in ORG_SUFFIXES or lowers[i] in ORG_HEADS_OF
    parts: list[tuple[int, int]] = []
    start = i
    for k in range(i + 1, j - 1):
        word = lowers[k]
        split = False
        if word == "&":
            continue
        if word in POSSESSIVES:  # "Boatmen's Bancshares Inc" is one name, "Britain's Foreign Office" two
            split = last not in CORPORATE_SUFFIXES
        elif word in ("and", "for", "on", "the"):
            split = not org_like or lowers[k - 1] in ORG_SUFFIXES or _known(t, start, k, gaz) \
                or _known(t, k + 1, j, gaz)
        elif word == "of":
            before = lowers[k - 1]
            first = t.words[start]
            initial = len(first) == 2 and first.endswith(".")
            person = k - start >= 2 and (gaz.first_names[first.lower()] is not None or initial)
            lone_first = k - start == 1 and t.initial(start)
            heads = any(before in group for group in _OF_GROUPS)
            split = person or not ((org_like and not lone_first) or heads)
        if split:
            parts.append((start, k))
            start = k + 1
    parts.append((start, j))
    return [(a, b) for a, b in parts if b > a]


# What a one-word span is, a function of its word and whether it opens a sentence (``_single``).
_DROP, _ROLE, _NAME = 0, 1, 2


def _mentions(t: Window, lower_seen: set[str] | WordSet, gaz: Gazetteer, sports: bool) -> list[Mention]:
    out: list[Mention] = []
    text, words, initial = t.text, t.words, t.initial
    pending_role: tuple[str, int] | None = None  # a role-only span waiting for an apposed name
    singles: dict[tuple[str, bool], int] = {}  # (word, sentence-initial) -> ``_single``, for this window
    for i0, j0 in _spans(t):
        if j0 - i0 == 1:  # one word, the common case: what it is depends on the word and ``initial`` only
            word = words[i0]
            opens = initial(i0)
            kind = singles.get((word, opens))
            if kind is None:
                kind = singles[word, opens] = _single(t, i0, lower_seen, gaz)
            if kind == _DROP:
                continue
            if kind == _ROLE:
                pending_role = (_role_phrase(t, i0, j0), j0)
                continue
            m = Mention(i0, j0, _span_text(t, i0, j0) if word[-1] == "." else word)
            m.initial = opens
            _take_role(m, pending_role, words)
            pending_role = None
            _judge(t, text, m, gaz, sports, out)
            continue
        for i, j in ((i0, j0),) if j0 - i0 < 3 else _split_connectors(t, i0, j0, gaz):
            i, j = _trim(t, i, j, lower_seen, gaz)
            if i >= j:
                continue
            role_end = _role_prefix(t, i, j, gaz)
            if role_end >= j:  # the whole span is a role: "Foreign Minister, Dmytro Kuleba"
                role = _role_phrase(t, i, j)
                _modifier_mentions(t, i, j, out, gaz)
                pending_role = (role, j)
                continue
            m = Mention(role_end, j, _span_text(t, role_end, j))
            m.initial = role_end == i and t.initial(role_end)
            if role_end > i:
                m.roles.append(_role_phrase(t, i, role_end))
                m.vote(PERSON, STRONG * 2)
                _modifier_mentions(t, i, role_end, out, gaz)
            else:
                _take_role(m, pending_role, words)
            pending_role = None
            _judge(t, text, m, gaz, sports, out)
    return out


def _take_role(m: Mention, pending_role: tuple[str, int] | None, words: list[str]) -> None:
    """A role phrase that ended with a comma right before ``m`` is its role: "Foreign Minister, Dmytro
    Kuleba"."""
    if pending_role and m.start == pending_role[1] + 1 and words[pending_role[1]] == ",":
        m.roles.append(pending_role[0])
        m.vote(PERSON, STRONG * 2)


def _judge(t: Window, text: str, m: Mention, gaz: Gazetteer, sports: bool, out: list[Mention]) -> None:
    """Add the votes of ``m``'s context and evidence (and of sports teams in a sports report); keep it."""
    _context(t, text, m, gaz)
    _evidence(t, m, gaz)
    if sports:
        _team(t, m, gaz)
    out.append(m)


def _single(t: Window, i: int, lower_seen: set[str] | WordSet, gaz: Gazetteer) -> int:
    """A one-word span ``i``: dropped (``_trim``), a role only ("Minister") or a name. What decides is the
    word and whether it opens a sentence, so ``_mentions`` asks once per pair in a window."""
    start, end = _trim(t, i, i + 1, lower_seen, gaz)
    if start >= end:
        return _DROP
    return _ROLE if _role_prefix(t, i, i + 1, gaz) >= i + 1 else _NAME


def _span_text(t: Window, i: int, j: int) -> str:
    """The written span; an abbreviation's period is dropped where it also ends the sentence."""
    words = t.words
    last = words[j - 1]
    end = t.offsets[j - 1] + len(last)
    if last[-1] == "." and len(last) > 2 and "." not in last[:-1]:
        if j >= len(words):
            end -= 1
        else:
            nxt = words[j]
            continues = nxt[0].islower() or nxt[0].isdigit() or nxt in ",;)"
            if not continues or t.initial(j):
                end -= 1
    return t.text[t.offsets[i]:end]


def _trim(t: Window, i: int, j: int, lower_seen: set[str] | WordSet, gaz: Gazetteer) -> tuple[int, int]:
    """Drop a first word that is a common word or a nationality, and dates, honorifics or particles at
    either end."""
    words, lowers, cap, upper = t.words, t.lowers, t.cap, t.upper
    while i < j:
        if j - i > 1 and _known(t, i, j, gaz):
            break  # "New York", "Czech Republic", "Saudi Arabia"
        lower = lowers[i]
        initial = t.initial(i)
        common = ((lower in STOPWORDS and initial) or (lower in CONNECTORS and not cap[i])) \
            and i not in upper and words[i][-1] != "."
        if initial and not common and lower in lower_seen and not gaz.is_place(words[i]):
            common = gaz.first_names[lower] is None or j - i == 1
        if common or lower in MONTHS_AND_DAYS or lower in HONORIFICS \
                or (lower in gaz.demonyms and _leading_demonym(t, i, j, gaz)):
            i += 1
        else:
            break
    if j - i == 1 and ((lowers[i] in STOPWORDS and i not in upper) or len(words[i]) == 1
                       or lowers[i] in COMMON_ACRONYMS):
        return i, i
    while j > i and (lowers[j - 1] in MONTHS_AND_DAYS or lowers[j - 1] in CONNECTORS):
        j -= 1
    return i, j


def _leading_demonym(t: Window, i: int, j: int, gaz: Gazetteer) -> bool:
    """ "Australian Tom Moody", "German Foreign Ministry": a nationality before a name or a ministry, unless
    it belongs to the name ("Scottish National Party", "Australian Open", "British Airways"), to a title
    ("Russian President") or is a given name ("Christian Cullen")."""
    lowers = t.lowers
    if j - i < 2 or lowers[i] not in gaz.demonyms or _known(t, i, j, gaz):
        return False
    last, nxt = lowers[j - 1], lowers[i + 1]
    if last in ORG_SUFFIXES:
        return nxt in PORTFOLIOS
    if gaz.first_names[lowers[i]] is not None:
        return False
    return not (last in EVENT_SUFFIXES or last in ROLE_HEADS or nxt in ROLE_HEADS or nxt in ROLE_MODIFIERS)


def _role_prefix(t: Window, i: int, j: int, gaz: Gazetteer) -> int:
    """Index after the title that opens the span ("Russian Foreign Minister Sergei Lavrov" -> 3): the last
    role word followed by a name, with "of <Object>" kept in the title ("Secretary of State")."""
    lowers = t.lowers
    end = i
    k = i
    while k < j:
        word = lowers[k]
        if (word in ROLE_HEADS or "-" in word) and _is_role_head(t, k):
            e = k + 1
            while e + 1 < j and lowers[e] == "of" and _role_object(t, e + 1, gaz):
                e += 2
            end = e
            k = e
        else:
            k += 1
    if end > i and end < j and (lowers[j - 1] in ORG_SUFFIXES or lowers[j - 1] in EVENT_SUFFIXES
                                or lowers[end] in CONNECTORS):
        return i  # "Premier League", "General Motors", "President of Russia": not a title before a name
    return end


def _is_role_head(t: Window, k: int) -> bool:
    """ "Minister", "CEO", "Major-General", "Sen."; not an all-capital word that is no title ("REP" in a
    headline), nor an abbreviation without its period ("Hun Sen")."""
    word = t.lowers[k]
    if k in t.upper and word not in ("ceo", "cfo", "coo", "mp", "mep"):
        return False
    if word in ABBREVIATED_TITLES and t.words[k][-1] != ".":
        return False
    return word in ROLE_HEADS or ("-" in word and word.rpartition("-")[2] in ROLE_HEADS)


def _role_object(t: Window, k: int, gaz: Gazetteer) -> bool:
    lower = t.lowers[k]
    return lower in ROLE_MODIFIERS or lower in ("state", "affairs") or gaz.is_place(t.words[k])


def _role_phrase(t: Window, i: int, j: int) -> str:
    """The role text ``tokens[i:j]``, extended left over lower-case role words ("White House spokeswoman")."""
    lowers, cap, upper = t.lowers, t.cap, t.upper
    k = i
    while k > 0 and i - k < 6:
        prev = lowers[k - 1]
        if prev in ("of", "the") or (prev in STOPWORDS and k - 1 not in upper):
            break
        if prev in ROLE_MODIFIERS or cap[k - 1]:
            k -= 1
        else:
            break
    return _clean_role(t.text[t.offsets[k]:t.end(j - 1)])


def _clean_role(role: str) -> str:
    return " ".join(role.replace(" ,", ",").split()).strip(" ,")


def _modifier_mentions(t: Window, i: int, j: int, out: list[Mention], gaz: Gazetteer) -> None:
    """Names inside a role phrase ("US" in "US Secretary of State") become mentions of their own."""
    lowers = t.lowers
    k = i
    while k < j:
        if _is_role_head(t, k) or lowers[k] in ROLE_MODIFIERS:
            k += 1
            continue
        e = k
        while e < j and not _is_role_head(t, e) and lowers[e] not in ROLE_MODIFIERS:
            e += 1
        m = Mention(k, e, t.text[t.offsets[k]:t.end(e - 1)])
        m.initial = t.initial(k)
        _evidence(t, m, gaz)
        out.append(m)
        k = e


def _team(t: Window, m: Mention, gaz: Gazetteer) -> None:
    """In a sports report, a town or region before a score or beside a result verb is a team."""
    key = m.text.casefold()
    person = m.votes.get(PERSON, 0)
    if key in gaz.countries or person >= STRONG or (m.end - m.start > 1 and person):
        return
    words, lowers = t.words, t.lowers
    n = len(words)
    place = gaz.is_place(m.text)
    score = m.end < n and words[m.end].isdigit() and len(words[m.end]) < 4
    if score or (m.end < n and lowers[m.end] in TEAM_VERBS) \
            or (m.start > 0 and lowers[m.start - 1] in TEAM_VERBS and lowers[m.start - 1] != "at"):
        m.vote(ORG, STRONG * 2 if place else STRONG)
        m.vote(TEAM, 1)


# --- evidence -------------------------------------------------------------------------------------


def _context(t: Window, text: str, m: Mention, gaz: Gazetteer) -> None:
    """Evidence from the words around the span: titles, roles, saying verbs, prepositions, apposition. Most
    spans have no cue word on either side: one look-up per side (``_BEFORE``, ``_AFTER``) tells."""
    words, lowers = t.words, t.lowers
    n = len(words)
    start, end = m.start, m.end
    votes = m.votes
    company = False  # "Acme shares", "shares of Acme", "Acme said it": a company
    if start > 0:
        before = lowers[start - 1]
        cue = _BEFORE.get(before)
        if cue is not None:
            if cue == _HONORIFIC:
                votes[PERSON] = votes.get(PERSON, 0) + STRONG * 2
            elif cue in (_TITLE, _KIN):
                votes[PERSON] = votes.get(PERSON, 0) + STRONG
                if cue == _TITLE and not t.cap[start - 1]:
                    m.roles.append(_role_phrase(t, start - 1, start))
            elif cue == _PREPOSITION:
                votes[LOC] = votes.get(LOC, 0) + WEAK
            elif cue == _THE:
                votes[ORG] = votes.get(ORG, 0) + WEAK
            company = (before == "of" or before == "in") and start >= 2 and lowers[start - 2] in STOCK_WORDS
    if start in t.upper and _dateline(t, m):
        votes[LOC] = votes.get(LOC, 0) + STRONG * 2
    said = False
    if end < n and lowers[end] in _AFTER:
        after = lowers[end]
        it = end + 1 < n and lowers[end + 1] == "it"
        said = after in SAY_VERBS
        if after in STOCK_WORDS or (after in POSSESSIVES and end + 1 < n and lowers[end + 1] == "shares") \
                or (said and it):
            company = True
        said = said and not it
    if company:
        votes[ORG] = votes.get(ORG, 0) + STRONG
    if said:
        votes[PERSON] = votes.get(PERSON, 0) + WEAK + 1
    elif end + 1 < n and words[end] == ",":
        role = _apposition(t, end + 1)
        if role:
            m.roles.append(role)
            votes[PERSON] = votes.get(PERSON, 0) + STRONG
        elif _is_age(words, end + 1):
            votes[PERSON] = votes.get(PERSON, 0) + STRONG
        elif _region_follows(t, end + 1, gaz):
            votes[LOC] = votes.get(LOC, 0) + STRONG  # "Lockerbie, Scotland", "Springfield, Ill."


def _dateline(t: Window, m: Mention) -> bool:
    """ "LONDON 1996-08-30", "MOSCOW (Reuters) -": a place in capitals opening a line before a date."""
    upper = t.upper
    if not t.initial(m.start) or not all(k in upper for k in range(m.start, m.end)):
        return False
    words, lowers = t.words, t.lowers
    k = m.end
    if k < len(words) and words[k] == ",":
        k += 1
    if k >= len(words):
        return False
    after = words[k]
    return after[0].isdigit() or after in "(-–—" or lowers[k] in MONTHS_AND_DAYS


def _region_follows(t: Window, k: int, gaz: Gazetteer) -> bool:
    """Whether a country or region (one or two words) starts at ``k`` and ends its phrase."""
    words, cap = t.words, t.cap
    n = len(words)
    for size in (2, 1):
        if k + size <= n and all(cap[k:k + size]):
            key = " ".join(words[k:k + size]).casefold()
            ends = k + size >= n or (not cap[k + size] and t.lowers[k + size] not in POSSESSIVES)
            if (key in gaz.countries or key in gaz.regions) and ends:
                return True
    return False


def _apposition(t: Window, k: int) -> str | None:
    """ "…, the Ukrainian foreign minister, …": a role phrase after a name, up to its head word."""
    words, lowers, cap = t.words, t.lowers, t.cap
    n = len(words)
    start = k
    if lowers[k] in ("the", "a", "an", "its", "his", "her", "their"):
        k += 1
    head = None
    for e in range(k, min(n, k + 6)):
        word = lowers[e]
        if word in ROLE_HEADS:
            head = e
        elif not (word in ROLE_MODIFIERS or cap[e] or word in POSSESSIVES):
            break
    if head is None:
        return None
    end = head + 1
    if end < n and words[end] not in (",", ".", ";") and lowers[end] != "of":
        return None
    first = k if lowers[start] in ("the", "a", "an") else start
    return _clean_role(t.text[t.offsets[first]:t.end(head)])


def _is_age(words: list[str], k: int) -> bool:
    return k + 1 < len(words) and words[k].isdigit() and len(words[k]) <= 2 and words[k + 1] == ","


def _evidence(t: Window, m: Mention, gaz: Gazetteer) -> None:
    """Evidence from the span itself: suffixes, gazetteers, first names, acronyms, initials. What the span's
    words say is worked out once per window for each written form (``_span_evidence``)."""
    words = t.words
    form = (m.text, words[m.start]) if m.end - m.start == 1 else (m.text, *words[m.start:m.end])
    found = t.evidence.get(form)
    if found is None:
        found = t.evidence[form] = _span_evidence(t, m.start, m.end, m.text.casefold(), gaz)
    own, single, after, place_inside = found
    votes = m.votes
    for kind, weight in own:
        votes[kind] = votes.get(kind, 0) + weight
    if single is not None:  # one word, unvoted: an acronym, or a given name not opening a sentence
        if single and not votes and (single == ORG or not m.initial):
            votes[single] = STRONG if single == ORG else WEAK
        return
    for kind, weight in after:
        votes[kind] = votes.get(kind, 0) + weight
    if place_inside and votes.get(PERSON, 0) < STRONG:
        votes[ORG] = votes.get(ORG, 0) + WEAK + 2  # "Real Madrid", "Statistics Canada": a place inside a name


def _span_evidence(t: Window, start: int, end: int, key: str, gaz: Gazetteer) -> tuple:
    """The votes of the words ``start:end`` (casefolded ``key``) by themselves: ``(own votes, one word's
    type if unvoted, votes of a longer span, a place inside)``."""
    words, lowers = t.words, t.lowers
    first, first_lower, last_lower = words[start], lowers[start], lowers[end - 1]
    many = end - start > 1
    own: list[tuple[str, int]] = []
    if key in gaz.org_keys:
        own.append((ORG, STRONG * 2))
    elif many and last_lower in gaz.org_tails and _ends_with_org(words[start:end], gaz):
        own.append((ORG, STRONG))  # "North Korean Red Cross", "NSW Treasury": ends with a known organization
    place = True  # ``gaz.is_place(key)``
    if key in gaz.countries or key in gaz.regions:
        own.append((LOC, STRONG + 1))
    elif key in gaz.major_cities:
        own.append((LOC, STRONG))
    elif gaz.cities[key] is not None:
        own.append((LOC, WEAK + 1))
    else:
        place = False
    demonyms = gaz.demonyms
    if key in demonyms or key in MISC_WORDS:
        own.append((MISC, STRONG * 3))
    elif last_lower in demonyms and _all_demonym_or_compass(lowers, start, end - 1, demonyms):
        own.append((MISC, STRONG + 1))  # "West Indian", "South African"; not "Cleveland Indians"
    if not many:  # the type of an unvoted word: an acronym is an organization, a given name a person
        if start in t.upper and first_lower not in COMMON_ACRONYMS:
            return own, ORG, (), False
        return own, (PERSON if gaz.first_names[first_lower] is not None else ""), (), False
    after: list[tuple[str, int]] = []
    if last_lower in EVENT_SUFFIXES:
        after.append((MISC, STRONG * 3))
    if last_lower in CORPORATE_SUFFIXES:
        after.append((ORG, STRONG * 2))
    elif last_lower in ORG_SUFFIXES:
        after.append((ORG, STRONG + 2))
    elif last_lower in LOC_SUFFIXES:
        after.append((LOC, STRONG))
    if first_lower in ORG_HEADS_OF and lowers[start + 1] == "of":
        after.append((ORG, STRONG))
    elif first_lower in LOC_HEADS:
        after.append((LOC, WEAK + 1))
    given = gaz.first_names[first_lower] is not None and first_lower not in STOPWORDS
    if given and not gaz.is_major_place(first) and not place:
        after.append((PERSON, STRONG if gaz.common_first_names[first_lower] is not None else WEAK + 1))
    if len(first) == 2 and first[-1] == ".":
        after.append((PERSON, STRONG))  # "P. Simmons"
    if end - start >= 3 and not all(_name_like(t, k) for k in range(start, end)):
        after.append((ORG, WEAK))
    cap = t.cap
    place_inside = False
    for k in range(start + 1, end):
        if cap[k] and gaz.is_place(words[k]):
            place_inside = True
            break
    return own, None, after, place_inside


def _all_demonym_or_compass(lowers: list[str], start: int, end: int, demonyms: frozenset[str]) -> bool:
    """Whether every word of ``lowers[start:end]`` is a demonym or a compass word ("West", "South")."""
    for k in range(start, end):
        word = lowers[k]
        if word not in demonyms and word not in COMPASS:
            return False
    return True


def _ends_with_org(words: list[str], gaz: Gazetteer) -> bool:
    """Whether the last one to three words form a known organization's name."""
    tails = (" ".join(words[-n:]).casefold() for n in range(1, min(4, len(words))))
    return any(tail in gaz.org_keys for tail in tails)


def _name_like(t: Window, k: int) -> bool:
    """A word as people's names are written: "Smith", "O'Brien", "van", "J."."""
    if t.lowers[k] in NAME_PARTICLES:
        return True
    text = t.words[k]
    return t.cap[k] and k not in t.upper and (text[1:].islower() or "'" in text or "-" in text
                                              or "’" in text or text[-1] == ".")
