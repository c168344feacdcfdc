"""Named entities (PERSON, ORGANIZATION, LOCATION) with roles and aliases, by rules and gazetteers.

No trained model: candidate spans come from capitalization (a sentence's first word is not evidence on its
own), and are typed by cues in this order: titles and roles around the span ("Russian President",
"spokeswoman"), organization and place suffixes ("... Bank", "... River"), gazetteers (countries,
regions, cities, demonyms, first names, well-known organizations, see ``gazetteer.py``), acronyms, and
the context words before and after. Mentions are then merged per article: a later surname joins the
full name ("Putin" -> "Vladimir Putin"), an acronym joins its expansion ("EU" <-> "European Union"),
and the forms written in all-capital headlines join the entities found in the body.

Everything is one pass over a token list plus dictionary look-ups: linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdrop.models import Entity
from newsdrop.text.gazetteer import Gazetteer, load
from newsdrop.text.sentences import Sentence


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


# A word with inner hyphens, ampersands or apostrophes (a possessive 's is a token of its own), or any
# other single character.
_TOKEN = re.compile(
    r"\w+(?:[-&]\w+|['’](?![sS]\b)\w+)*"
    # a period that belongs to the word: an initial ("P."), a title or company abbreviation ("Mr.", "Inc."),
    # a dotted acronym ("U.S."); fixed-width look-behinds, grouped by length
    r"(?:(?<=\b[A-Z])\.(?!\w)|(?<=\b(?i:mr|ms|dr|st|jr|sr|lt|co|mt|ft))\.(?!\w)"
    r"|(?<=\b(?i:mrs|sen|gov|gen|col|rep|sgt|rev|inc|ltd))\.(?!\w)|(?<=\b(?i:capt|prof|corp))\.(?!\w)"
    r"|(?:\.[^\W\d_])+\.)?"
    r"|['’][sS]\b|\S"
)
_DIGIT = re.compile(r"\d")
_ADJECTIVE_ENDINGS = ("ed", "ing", "based", "born", "bound", "style", "run", "made", "wide", "like", "held")

PERSON, ORG, LOC, MISC = "PERSON", "ORGANIZATION", "LOCATION", "MISC"
TEAM = "TEAM"  # not a type: marks a place name used for a sports team somewhere in the article

# Honorifics: evidence of a person, stripped from the name, not kept as roles.
HONORIFICS = _words("mr mrs ms miss messrs mme mlle dr sir dame herr monsieur madame")

# Titles and occupations written before a name or in apposition: a person follows.
ROLE_HEADS = _words(
    """
    president vice-president president-elect minister secretary secretary-general spokeswoman spokesman
    spokesperson chancellor senator sen gov governor governor-general ceo cfo coo chairman chairwoman
    chairperson director director-general leader king queen prince princess pope coach captain skipper
    manager striker midfielder defender goalkeeper keeper forward winger ambassador envoy judge mayor
    commissioner chief premier lawmaker congressman congresswoman rep representative attorney prosecutor
    lawyer analyst economist official diplomat negotiator head founder co-founder executive adviser
    advisor aide ayatollah sheikh emir sultan cardinal bishop archbishop rabbi imam colonel col lt gen
    general sergeant sgt capt cmdr admiral adm marshal professor prof speaker mp mep treasurer editor
    correspondent reporter columnist researcher scientist nominee candidate challenger teammate
    all-rounder batsman bowler spinner off-spinner leg-spinner opener pitcher quarterback champion
    titleholder driver rider cyclist boxer jockey trainer owner publisher producer director actor actress
    singer guitarist author writer novelist playwright poet artist dictator strongman chairman
    superintendent inspector detective officer constable deputy vice commander warlord rebel
    """
)
ABBREVIATED_TITLES = _words("sen gov gen col lt rep sgt capt adm prof cmdr pres supt insp")
# Family words: a person follows ("his wife Hillary"), but they are not titles.
KIN = _words("wife husband son daughter father mother brother sister widow uncle aunt cousin nephew niece")

REGNAL = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())  # "Elizabeth II"
# Government portfolios: "Foreign Ministry", "Interior Minister".
PORTFOLIOS = _words(
    """
    foreign interior defence defense finance economy trade justice health education energy agriculture
    environment culture transport home treasury
    """
)
# Capitalized words that name no person, place or organization.
MISC_WORDS = _words(
    """
    olympics olympic paralympics euro euros dollar internet bible koran quran christmas easter ramadan
    hanukkah diwali thanksgiving
    """
)
# Words that may stand in a role phrase before its head ("Russian Foreign Minister").
ROLE_MODIFIERS = _words(
    """
    foreign deputy vice former prime chief senior acting interim state defence defense finance interior
    economy economic trade justice health education energy agriculture environment culture transport
    labour labor home security national general executive assistant associate managing press presidential
    opposition party team club county top first head junior military police army government affairs
    public development industry information communications sports sport interior-ministry new outgoing
    incoming current then-president then of the federal regional provincial local
    """
)

# The last word of an organization name.
ORG_SUFFIXES = _words(
    """
    inc corp corporation co ltd llc plc ag gmbh sa nv bv spa group holdings holding party ministry bank
    banks university council association club fc united rovers wanderers athletic albion company
    companies agency authority commission committee board bureau department office institute institution
    foundation fund trust federation union league organisation organization alliance front movement army
    navy force forces police court parliament assembly senate congress cabinet government administration
    service services airlines airways motors systems technologies technology industries international
    news times post journal television tv radio network exchange church school college academy hospital
    centre center museum team brigade guard corps society studios records pictures media oil petroleum
    telecom communications securities capital partners investments insurance reserve tribunal chamber
    commission council secretariat mission brothers bros laboratories labs pharmaceuticals newsroom desk
    newsdesk daily power electric cables copper steel chemical chemicals foods mining energy bancorp
    bancshares financial resources medical healthcare electronics software enterprises trading shipping
    construction properties realty commodities textiles cement motor treasury treasuries
    """
)
# Legal-form suffixes: nothing else ends that way ("Acme Holdings Inc").
CORPORATE_SUFFIXES = _words(
    """
    inc corp corporation co ltd llc plc ag gmbh sa nv bv spa holdings bros group ab asa oy oyj kk bhd pty
    pte tbk sae srl se s.a n.v a.g b.v l.p s.p.a
    """
)
# The first word of "<X> of <Y>" organization names ("Bank of England", "University of Texas").
ORG_HEADS_OF = _words(
    """
    bank university ministry department council federation association church college institute court
    house chamber board office league union school academy commission organisation organization party
    society museum army bureau agency committee parliament assembly
    """
)
# The last word of a place name, and the first word of "<X> of <Y>" or "<X> <Y>" place names.
LOC_SUFFIXES = _words(
    """
    river sea ocean lake mountain mountains hills valley island islands isles peninsula bay gulf strait
    straits coast desert forest park street road avenue square bridge canal province region county city
    district territory village town heights canyon falls beach harbour harbor plain plateau basin delta
    stadium arena oval airport boulevard lane highway motorway
    """
)
LOC_HEADS = _words("mount lake cape fort port gulf bay isle sea strait republic kingdom state city province")

# Connectors allowed inside a name when a capitalized word follows.
CONNECTORS = _words("of de van von der den la le du da di del della dos das al bin ibn el y and & for on the")

# Capitalized words that are not names on their own (checked lower-cased).
STOPWORDS = _words(
    """
    a an the this that these those there here i he she it we you they his her its our your their my me him
    us them who whom whose which what when where why how if but and or nor so yet for of in on at by to from
    with without into onto over under after before since until while during about against between among
    through throughout despite although though because as than then also still even only just not no yes
    all any some many much more most few several each every both either neither other another such same
    one two three four five six seven eight nine ten first second third fourth fifth sixth seventh eighth
    ninth tenth last next new old however meanwhile
    moreover furthermore nevertheless instead indeed perhaps maybe already again always never often
    sometimes now today yesterday tomorrow tonight earlier later soon once twice mr mrs ms dr is are was were
    be been being has have had do does did will would shall should can could may might must let please
    thank thanks according asked said says told added so-called around across along behind beyond near
    within upon via per unlike like up down out off away back well very too quite rather almost nearly
    about above below under above is isn't don't can't won't it's that's there's here's what's let's
    mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday january february
    march april june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec pct percent am pm i'm i've i'd i'll we're we've they're you're he's she's
    """
)
MONTHS_AND_DAYS = _words(
    """
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
COMPASS = _words("north south east west northern southern eastern western central latin upper lower")
# Acronyms that are common nouns, not names.
COMMON_ACRONYMS = _words(
    """
    ceo cfo coo cto gdp tv pm am ok dna hiv aids covid fm mp mps vat ipo pc pr ai it ufo gmt est edt pst
    pdt cet utc bst usd eur gbp jpy id ii iii iv vi vii viii ix xi xii xx nb ps vs etc faq gps suv atm
    pin sms lcd led cd dvd cctv vip rip lol omg ad bc ce rpm mph kph km kg mw gw kw ppm cm mm ft lb rbi era
    """
)
# Verbs of saying after a single word: a person ("Psaki told").
SAY_VERBS = _words("said says told added asked replied wrote tweeted insisted warned stressed explained")
STOCK_WORDS = _words("shares stock stocks stake")
LOC_PREPOSITIONS = _words("in at near from to outside inside across toward towards via into")
POSSESSIVES = frozenset(("'s", "’s"))
NAME_PARTICLES = _words("van von de der den la le du da di del della dos das al bin ibn el")
_QUOTES_OPEN = frozenset("\"“‘'«(")
_SENTENCE_END = frozenset(".!?")

# Words of sports reports; in such an article a town or region next to a score or a result verb is a team.
SPORTS_WORDS = _words(
    """
    beat beats drew draw lost won win defeated scored score goals goal innings wickets runs match matches
    league cup season striker midfielder goalkeeper coach halftime half-time penalty playoff playoffs
    championship tournament seed seeded round quarter-final semi-final final points standings innings
    batsman bowler pitcher inning homer touchdown race lap podium medal soccer football cricket tennis golf
    rugby hockey basketball baseball game games team teams division
    """
)
TEAM_VERBS = _words("beat beats drew draw lost defeated edged routed thrashed hammered crushed upset v vs at")
# The last word of an event's name: not a person, place or organization ("World Cup", "U.S. Open").
EVENT_SUFFIXES = _words(
    """
    cup open championship championships series games olympics olympiad classic trophy tournament prix
    award awards prize festival day week war treaty accord accords act bill plan index masters marathon tour
    rally grand slam derby bowl
    """
)

STRONG, WEAK = 3, 1
MAX_SPAN = 10
MAX_ROLES = 5


class _Token:
    """A word or punctuation mark with its offsets; ``lower`` drops a final period ("inc." -> "inc")."""

    __slots__ = ("cap", "end", "initial", "line_start", "lower", "start", "text", "upper")

    def __init__(self, start: int, end: int, text: str, lower: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower
        self.cap = False
        self.upper = False
        self.initial = False
        self.line_start = False

    def __repr__(self) -> str:
        return f"_Token({self.text!r}, cap={self.cap}, upper={self.upper}, initial={self.initial})"


@dataclass(slots=True)
class _Mention:
    start: int  # token indexes [start, end)
    end: int
    text: str
    votes: dict[str, int] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    initial: bool = False

    def vote(self, kind: str, weight: int) -> None:
        self.votes[kind] = self.votes.get(kind, 0) + weight


def extract_entities(text: str, sentences: Sequence[Sentence] | None = None) -> list[Entity]:
    """Entities of ``text``: people, organizations and places, most mentioned first."""
    if not text.strip():
        return []
    gaz = load()
    tokens = _tokenize(text, sentences or ())
    caps_lines = _caps_lines(tokens)
    lower_seen = {t.lower for t in tokens if t.text[:1].islower()}
    sports = len([t for t in tokens if t.lower in SPORTS_WORDS]) >= 3 or _result_lines(tokens) >= 2
    mentions = _mentions(text, tokens, caps_lines, lower_seen, gaz, sports)
    return _resolve(mentions, tokens, text, caps_lines, gaz, lower_seen, sports)


# --- tokens ---------------------------------------------------------------------------------------


def _tokenize(text: str, sentences: Sequence[Sentence]) -> list[_Token]:
    """Tokens with capitalization flags and whether each begins a sentence, line or quotation."""
    starts = {s.start for s in sentences}
    tokens: list[_Token] = []
    append = tokens.append
    new_sentence = True
    newline = text.find("\n")  # the next line break not yet passed; tokens never contain one
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        line_start = not tokens or 0 <= newline < start
        if line_start and newline >= 0:
            newline = text.find("\n", start)
        suffix = None
        if "-" in word and word[0].isupper():
            head, _, tail = word.rpartition("-")
            if tail.endswith(_ADJECTIVE_ENDINGS) and tail[:1].islower():
                # "Paris-based", "Nations-sponsored": the name, then the adjective ending as its own token
                end = start + len(head)
                word = head
                suffix = _Token(end, match.end(), "-" + tail, "-" + tail)
        first = word[0]
        if first.isalpha():
            lower = word.lower()
            tok = _Token(start, end, word, lower[:-1] if lower[-1] == "." else lower)
            tok.cap = first.isupper()
            tok.upper = tok.cap and len(word) > 1 and word.isupper() and (len(word) > 2 or word[1].isalpha())
            tok.initial = new_sentence or line_start or start in starts
            new_sentence = False
        else:
            tok = _Token(start, end, word, word)
            if word in _SENTENCE_END or line_start:
                new_sentence = True
            elif word in _QUOTES_OPEN or word in "-–—:":
                new_sentence = new_sentence or (word in _QUOTES_OPEN and word != "(")
            else:
                new_sentence = new_sentence and word in "\"”’'"
        tok.line_start = line_start
        append(tok)
        if suffix is not None:
            append(suffix)
    return tokens


def _result_lines(tokens: list[_Token]) -> int:
    """Lines reading like sports results: two or more "<Name> <score>" pairs ("Chicago 4 Houston 3")."""
    lines = 0
    pairs = 0
    for k in range(1, len(tokens)):
        if tokens[k].line_start:
            lines += pairs >= 2
            pairs = 0
        if tokens[k].text.isdigit() and len(tokens[k].text) < 4 and tokens[k - 1].cap:
            pairs += 1
    return lines + (pairs >= 2)


def _caps_lines(tokens: list[_Token]) -> set[int]:
    """Indexes of tokens on headline lines (see ``_flush_line``), where case says nothing."""
    out: set[int] = set()
    line: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.line_start and line:
            _flush_line(line, tokens, out)
            line = []
        line.append(i)
    if line:
        _flush_line(line, tokens, out)
    return out


def _flush_line(line: list[int], tokens: list[_Token], out: set[int]) -> None:
    """Mark a headline: mostly capitals ("PUTIN WARNS WEST"), or Title Case with four or more long words,
    all capitalized, no comma, bracket, number or closing period ("Putin Warns West Over Troop Buildup")."""
    words = upper = long = long_cap = commas = 0  # commas counts commas, brackets and numbers
    for i in line:
        tok = tokens[i]
        if tok.cap and len(tok.text) > 1:
            words += 1
            upper += tok.upper
        elif tok.text[0].isalpha():
            words += 1
        elif tok.text in ",(" or tok.text[0].isdigit():
            commas += 1  # a list or a table row, not a headline
        if len(tok.text) >= 4 and tok.text[0].isalpha():
            long += 1
            long_cap += tok.cap
    capitals = words >= 2 and upper * 10 >= words * 6
    title_case = long >= 4 and long_cap == long and not commas and tokens[line[-1]].text not in _SENTENCE_END
    if capitals or title_case:
        out.update(line)


# --- candidate mentions ---------------------------------------------------------------------------


def _is_name_word(tok: _Token) -> bool:
    """A capitalized word of two letters or more (or an initial), with no digit ("F-16", "H1"); hyphenated
    names may end in a short lower-case syllable ("Kim In-so")."""
    if not tok.cap or len(tok.text) < 2 or _DIGIT.search(tok.text) or tok.text[1] == "-":
        return False  # "F-16", "H1", "D-Mass" (a party and state tag)
    tail = tok.text.rsplit("-", 1)[-1]
    return tail[:1].isupper() or tail == tok.text or tail in NAME_PARTICLES or len(tail) <= 5


def _spans(tokens: list[_Token], caps: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of capitalized words, joined by connectors and initials' periods."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        if i in caps or not _is_name_word(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < n and j not in caps:
            tok = tokens[j]
            if (_is_name_word(tok) and (not tok.initial or (len(tokens[j - 1].text) == 2
                                       and tokens[j - 1].text.endswith(".")))) or tok.text in REGNAL \
                    or _particle_name(tok):
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
        i = j
    return spans


def _known(tokens: list[_Token], i: int, j: int, gaz: Gazetteer) -> bool:
    """Whether ``tokens[i:j]`` is an acronym or a known place or organization by itself."""
    if j - i == 1 and tokens[i].upper:
        return True
    key = " ".join(t.text for t in tokens[i:j]).casefold()
    return key in gaz.org_keys or gaz.is_place(key)


def _particle_name(tok: _Token) -> bool:
    """ "al-Akhdar", "el-Sheikh", "bin-Laden": a lower-case particle joined to a capitalized name."""
    head, _, tail = tok.text.partition("-")
    return head in NAME_PARTICLES and tail[:1].isupper()


def _split_connectors(tokens: list[_Token], i: int, j: int, gaz: Gazetteer) -> list[tuple[int, int]]:
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
            person = k - start >= 2 and (first.lower() in gaz.first_names or initial)
            lone_first = k - start == 1 and tokens[start].initial
            heads = any(before in group for group in (ORG_HEADS_OF, LOC_HEADS, ROLE_HEADS, LOC_SUFFIXES,
                                                      ORG_SUFFIXES))
            split = person or not ((org_like and not lone_first) or heads)
        if split:
            parts.append((start, k))
            start = k + 1
    parts.append((start, j))
    return [(a, b) for a, b in parts if b > a]


def _mentions(text: str, tokens: list[_Token], caps: set[int], lower_seen: set[str],
              gaz: Gazetteer, sports: bool) -> list[_Mention]:
    out: list[_Mention] = []
    pending_role: tuple[str, int] | None = None  # a role-only span waiting for an apposed name
    for i0, j0 in _spans(tokens, caps):
        for i, j in _split_connectors(tokens, i0, j0, gaz):
            i, j = _trim(tokens, i, j, lower_seen, gaz)
            if i >= j:
                continue
            role_end = _role_prefix(tokens, i, j, gaz)
            if role_end >= j:  # the whole span is a role: "Foreign Minister, Dmytro Kuleba"
                role = _role_phrase(tokens, text, i, j)
                _modifier_mentions(tokens, text, i, j, out, gaz, lower_seen)
                pending_role = (role, j)
                continue
            m = _Mention(role_end, j, _span_text(text, tokens, role_end, j))
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


def _span_text(text: str, tokens: list[_Token], i: int, j: int) -> str:
    """The written span; an abbreviation's period is dropped where it also ends the sentence."""
    end = tokens[j - 1].end
    last = tokens[j - 1].text
    if last.endswith(".") and len(last) > 2 and "." not in last[:-1]:
        nxt = tokens[j] if j < len(tokens) else None
        continues = nxt is not None and (nxt.text[0].islower() or nxt.text[0].isdigit() or nxt.text in ",;)")
        if nxt is None or nxt.initial or not continues:
            end -= 1
    return text[tokens[i].start:end]


def _trim(tokens: list[_Token], i: int, j: int, lower_seen: set[str], gaz: Gazetteer) -> tuple[int, int]:
    """Drop a first word that is a common word or a nationality, and dates, honorifics or particles at
    either end."""
    while i < j:
        tok = tokens[i]
        if j - i > 1 and _known(tokens, i, j, gaz):
            break  # "New York", "Czech Republic", "Saudi Arabia"
        common = ((tok.lower in STOPWORDS and tok.initial) or (tok.lower in CONNECTORS and not tok.cap)) \
            and not tok.upper and not tok.text.endswith(".")
        if tok.initial and not common and tok.lower in lower_seen and not gaz.is_place(tok.text):
            common = tok.lower not in gaz.first_names or j - i == 1
        if common or tok.lower in MONTHS_AND_DAYS or tok.lower in HONORIFICS \
                or _leading_demonym(tokens, i, j, gaz):
            i += 1
        else:
            break
    if j - i == 1 and ((tokens[i].lower in STOPWORDS and not tokens[i].upper) or len(tokens[i].text) == 1
                       or tokens[i].lower in COMMON_ACRONYMS):
        return i, i
    while j > i and (tokens[j - 1].lower in MONTHS_AND_DAYS or tokens[j - 1].lower in CONNECTORS):
        j -= 1
    return i, j


def _leading_demonym(tokens: list[_Token], i: int, j: int, gaz: Gazetteer) -> bool:
    """ "Australian Tom Moody", "German Foreign Ministry": a nationality before a name or a ministry, unless
    it belongs to the name ("Scottish National Party", "Australian Open", "British Airways"), to a title
    ("Russian President") or is a given name ("Christian Cullen")."""
    tok = tokens[i]
    if j - i < 2 or tok.lower not in gaz.demonyms or _known(tokens, i, j, gaz):
        return False
    last, nxt = tokens[j - 1].lower, tokens[i + 1].lower
    if last in ORG_SUFFIXES:
        return nxt in PORTFOLIOS
    if tok.lower in gaz.first_names:
        return False
    return not (last in EVENT_SUFFIXES or last in ROLE_HEADS or nxt in ROLE_HEADS or nxt in ROLE_MODIFIERS)


def _role_prefix(tokens: list[_Token], i: int, j: int, gaz: Gazetteer) -> int:
    """Index after the title that opens the span ("Russian Foreign Minister Sergei Lavrov" -> 3): the last
    role word followed by a name, with "of <Object>" kept in the title ("Secretary of State")."""
    end = i
    k = i
    while k < j:
        if _is_role_head(tokens[k]):
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


def _is_role_head(tok: _Token) -> bool:
    """ "Minister", "CEO", "Major-General", "Sen."; not an all-capital word that is no title ("REP" in a
    headline), nor an abbreviation without its period ("Hun Sen")."""
    word = tok.lower
    if tok.upper and word not in ("ceo", "cfo", "coo", "mp", "mep"):
        return False
    if word in ABBREVIATED_TITLES and not tok.text.endswith("."):
        return False
    return word in ROLE_HEADS or ("-" in word and word.rpartition("-")[2] in ROLE_HEADS)


def _role_object(tok: _Token, gaz: Gazetteer) -> bool:
    return tok.lower in ROLE_MODIFIERS or tok.lower in ("state", "affairs") or gaz.is_place(tok.text)


def _role_phrase(tokens: list[_Token], text: str, i: int, j: int) -> str:
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


def _modifier_mentions(tokens: list[_Token], text: str, i: int, j: int, out: list[_Mention],
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
        m = _Mention(k, e, text[tokens[k].start:tokens[e - 1].end])
        m.initial = tokens[k].initial
        _evidence(tokens, m, gaz)
        out.append(m)
        k = e


def _team(tokens: list[_Token], m: _Mention, gaz: Gazetteer) -> None:
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


def _apposed(tokens: list[_Token], role_end: int, i: int) -> bool:
    """A role span followed by a comma and the name: "Foreign Minister, Dmytro Kuleba"."""
    return i == role_end + 1 and tokens[role_end].text == ","


# --- evidence -------------------------------------------------------------------------------------


def _context(tokens: list[_Token], text: str, m: _Mention, gaz: Gazetteer) -> None:
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
    if _dateline(tokens, m):
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


def _next_is(tokens: list[_Token], k: int, word: str) -> bool:
    return k < len(tokens) and tokens[k].lower == word


def _company_context(tokens: list[_Token], m: _Mention) -> bool:
    """ "Acme shares", "shares of Acme", "Acme said it": business cues of a company."""
    after = tokens[m.end].lower if m.end < len(tokens) else ""
    if after in STOCK_WORDS or (after in POSSESSIVES and _next_is(tokens, m.end + 1, "shares")):
        return True
    before = tokens[m.start - 2].lower if m.start >= 2 else ""
    if before in STOCK_WORDS and tokens[m.start - 1].lower in ("of", "in"):
        return True
    return after in SAY_VERBS and _next_is(tokens, m.end + 1, "it")


def _dateline(tokens: list[_Token], m: _Mention) -> bool:
    """ "LONDON 1996-08-30", "MOSCOW (Reuters) -": a place in capitals opening a line before a date."""
    if not tokens[m.start].initial or not all(t.upper for t in tokens[m.start:m.end]):
        return False
    after = tokens[m.end] if m.end < len(tokens) else None
    if after is not None and after.text == ",":
        after = tokens[m.end + 1] if m.end + 1 < len(tokens) else None
    if after is None:
        return False
    return after.text[0].isdigit() or after.text in "(-–—" or after.lower in MONTHS_AND_DAYS


def _region_follows(tokens: list[_Token], k: int, gaz: Gazetteer) -> bool:
    """Whether a country or region (one or two words) starts at ``k`` and ends its phrase."""
    for n in (2, 1):
        if k + n <= len(tokens) and all(t.cap for t in tokens[k:k + n]):
            key = " ".join(t.text for t in tokens[k:k + n]).casefold()
            after = tokens[k + n] if k + n < len(tokens) else None
            ends = after is None or (not after.cap and after.lower not in POSSESSIVES)
            if (key in gaz.countries or key in gaz.regions) and ends:
                return True
    return False


def _apposition(tokens: list[_Token], text: str, k: int) -> str | None:
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


def _is_age(tokens: list[_Token], k: int) -> bool:
    return k + 1 < len(tokens) and tokens[k].text.isdigit() and len(tokens[k].text) <= 2 \
        and tokens[k + 1].text == ","


def _evidence(tokens: list[_Token], m: _Mention, gaz: Gazetteer) -> None:
    """Evidence from the span itself: suffixes, gazetteers, first names, acronyms, initials."""
    words = tokens[m.start:m.end]
    first, last = words[0], words[-1]
    key = m.text.casefold()
    if key in gaz.org_keys:
        m.vote(ORG, STRONG * 2)
    elif len(words) > 1 and last.lower in gaz.org_tails and _ends_with_org(words, gaz):
        m.vote(ORG, STRONG)  # "North Korean Red Cross", "NSW Treasury": ends with a known organization
    if key in gaz.countries or key in gaz.regions:
        m.vote(LOC, STRONG + 1)
    elif key in gaz.major_cities:
        m.vote(LOC, STRONG)
    elif key in gaz.cities:
        m.vote(LOC, WEAK + 1)
    if key in gaz.demonyms or key in MISC_WORDS:
        m.vote(MISC, STRONG * 3)
    elif last.lower in gaz.demonyms and all(w.lower in gaz.demonyms or w.lower in COMPASS for w in words):
        m.vote(MISC, STRONG + 1)  # "West Indian", "South African"; not "Cleveland Indians"
    if len(words) > 1 and last.lower in EVENT_SUFFIXES:
        m.vote(MISC, STRONG * 3)
    if len(words) > 1:
        if last.lower in CORPORATE_SUFFIXES:
            m.vote(ORG, STRONG * 2)
        elif last.lower in ORG_SUFFIXES:
            m.vote(ORG, STRONG + 2)
        elif last.lower in LOC_SUFFIXES:
            m.vote(LOC, STRONG)
        if first.lower in ORG_HEADS_OF and words[1].lower == "of":
            m.vote(ORG, STRONG)
        elif first.lower in LOC_HEADS:
            m.vote(LOC, WEAK + 1)
        given = first.lower in gaz.first_names and first.lower not in STOPWORDS
        if given and not gaz.is_major_place(first.text) and not gaz.is_place(m.text):
            m.vote(PERSON, STRONG if first.lower in gaz.common_first_names else WEAK + 1)
        if len(first.text) == 2 and first.text.endswith("."):
            m.vote(PERSON, STRONG)  # "P. Simmons"
        if len(words) >= 3 and not all(_name_like(w) for w in words):
            m.vote(ORG, WEAK)
        if m.votes.get(PERSON, 0) < STRONG and any(w.cap and gaz.is_place(w.text) for w in words[1:]):
            m.vote(ORG, WEAK + 2)  # "Real Madrid", "Statistics Canada": a place inside a name
    else:
        if first.upper and first.lower not in COMMON_ACRONYMS and not m.votes:
            m.vote(ORG, STRONG)
        elif first.lower in gaz.first_names and not m.votes and not m.initial:
            m.vote(PERSON, WEAK)


def _ends_with_org(words: list[_Token], gaz: Gazetteer) -> bool:
    """Whether the last one to three words form a known organization's name."""
    tails = (" ".join(w.text for w in words[-n:]).casefold() for n in range(1, min(4, len(words))))
    return any(tail in gaz.org_keys for tail in tails)


def _name_like(tok: _Token) -> bool:
    """A word as people's names are written: "Smith", "O'Brien", "van", "J."."""
    if tok.lower in NAME_PARTICLES:
        return True
    return tok.cap and not tok.upper and (tok.text[1:].islower() or "'" in tok.text or "-" in tok.text
                                          or "’" in tok.text or tok.text.endswith("."))


# --- one article's entities ------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    forms: dict[str, str] = field(default_factory=dict)  # casefolded form -> written form
    votes: dict[str, int] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    mentions: int = 0
    first: int = 0
    kind: str = MISC
    mid_sentence: bool = False  # seen capitalized other than as a sentence's first word
    surnames: dict[str, str] = field(default_factory=dict)  # casefolded -> written, for headlines

    def add(self, m: _Mention) -> None:
        self.forms.setdefault(m.text.casefold(), m.text)
        for k, v in m.votes.items():
            self.votes[k] = self.votes.get(k, 0) + v
        self.add_roles(m.roles)
        self.mentions += 1
        self.mid_sentence = self.mid_sentence or not m.initial

    def add_roles(self, roles: list[str]) -> None:
        for role in roles:
            if role and role not in self.roles:
                self.roles.append(role)

    def absorb(self, other: _Group) -> None:
        for form_key, form in other.forms.items():
            self.forms.setdefault(form_key, form)
        self.mentions += other.mentions
        self.add_roles(other.roles)


def _resolve(mentions: list[_Mention], tokens: list[_Token], text: str, caps: set[int],
             gaz: Gazetteer, lower_seen: set[str], sports: bool) -> list[Entity]:
    groups: dict[str, _Group] = {}
    for m in mentions:
        key = m.text.casefold()
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(first=m.start)
        group.add(m)
    for key, g in groups.items():
        g.kind = _decide(g, key, gaz)
    absorbed = _merge(groups, gaz)
    for key in list(groups):
        if key in absorbed or _unsupported(key, groups[key], lower_seen):
            del groups[key]
    _headline_mentions(tokens, text, caps, groups, gaz, sports)
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


def _headline_mentions(tokens: list[_Token], text: str, caps: set[int], groups: dict[str, _Group],
                       gaz: Gazetteer, sports: bool) -> None:
    """In capital lines, count words that name an entity of the body (by any of its forms) or a known place;
    in a sports report a place before a score is a team."""
    forms = {form: g for g in groups.values() for form in g.forms}
    for g in list(groups.values()):
        if g.kind == PERSON:  # "PUTIN WARNS ...": a surname in a headline
            for form in list(g.forms.values()):
                surname = form.rsplit(" ", 1)[-1]
                if " " in form and surname.casefold() not in forms:
                    forms[surname.casefold()] = g
                    g.surnames[surname.casefold()] = surname
    ordered = sorted(caps)
    idx = 0
    while idx < len(ordered):
        i = ordered[idx]
        tok = tokens[i]
        if not tok.text[0].isalpha():
            idx += 1
            continue
        matched = 0
        for n in (4, 3, 2, 1):
            if idx + n > len(ordered) or ordered[idx + n - 1] != i + n - 1:
                continue
            span = text[tok.start:tokens[i + n - 1].end]
            key = span.casefold()
            nxt = tokens[i + n] if i + n < len(tokens) else None
            team = sports and nxt is not None and nxt.text.isdigit() and key not in gaz.countries
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
            if key in g.surnames:
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
