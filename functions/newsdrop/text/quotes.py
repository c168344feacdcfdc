"""Direct quotes and their speakers.

Three passes, each linear in the text:

1. ``_scan`` pairs quote marks into passages: curly and straight marks (``''``
   counts as a straight double mark), marks of the other family nested inside,
   quotes that run over paragraphs (a paragraph left open and the next one
   opening with a mark).
2. ``_speaker_after`` / ``_speaker_before`` find a cue ("said", "told",
   "according to", "as he put it", ...) right after a passage or before it in
   the same sentence; ``_joins`` merges a quote split around its attribution
   ("…," she said, "…"); an unattributed passage that goes on from the previous
   one in the paragraph (or opens the next) keeps its speaker.
3. ``_People`` resolves the speaker's words to an entity: a name or surname to
   the entity's full name, he/she to the nearest gender-compatible PERSON (never
   a place or an organization); an unresolved pronoun is kept as written.

A quote with no cue (a scare quote, a title) gets speaker ``None``, and so does a
fragment quoted mid-clause ("Trump said voter fraud “would be one hell of a way
to lose”"), except a short quoted term in a "said that" clause (Putin said that
his country would seek a “diplomatic solution”).
"""

from __future__ import annotations

import bisect
from collections.abc import Container
from dataclasses import dataclass, field
from itertools import pairwise

from newsdrop.models import Entity, Quote
from newsdrop.text import cues
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence

_MARK = LazyPattern(r"''|[\"“”„«»]|\n")
_CURLY_OPENERS = "“„«"
_STRAIGHT = ('"', "''")
_LEFT_OPEN = frozenset("([{—–-/\u00a0“„«‘")
_RIGHT_CLOSE = frozenset(".,;:!?)]}—–-/…\u00a0”»’")
_OPEN, _CLOSE, _EITHER = 1, 2, 3

# Words in an attribution: words with inner apostrophes/hyphens, "U.S."-style acronyms, punctuation.
_TOKEN = LazyPattern(r"(?:[^\W\d_]\.){2,}|[^\W_][\w'’\-]*\.?|[^\w\s]")
_CAP_WORD = LazyPattern(r"\b[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?")
_SENTENCE_END = LazyPattern(r"[.!?][ \u00a0]+[A-Z“\"']")
_POSSESSIVE = LazyPattern(r"(?:['’]s|['’])$")
_SPACE_GAP = LazyPattern(r"[ \u00a0]+")
_WORD = LazyPattern(r"[^\W\d_][\w'’\-]*")

_CONTEXT = 300  # characters looked at before a passage
_AFTER = 200  # and after it
_MAX_SPEAKER_TOKENS = 12
_JOIN_GAP = 200
_ANTECEDENT_SENTENCES = 5
_ANTECEDENT_MENTIONS = 40
_EVIDENCE_MENTIONS = 50
_TERM_WORDS = 3
_SPLIT_ENDINGS = tuple(",?!—–-…:")
_MAX_BRIDGE = 10
_MAX_OPENER = 6
_TITLE_SMALL_WORDS = frozenset("a an the of in on to for and or at by with from as vs".split())
_WHOLE, _REPORTED, _LOOSE = 2, 1, 0
_MAX_AFTER_TOKENS = 30
_DASHES = frozenset("―—–-")
_LEADING = frozenset(",―—–-")
_CLAUSE_BEFORE = frozenset("\n.!?:;—–(”»\"'’")

# Capitalised words that start clauses rather than names.
_CLAUSE_CAPS = frozenset(
    """the a an in on at but however and after before when while as despite during last this that yet so
    for with meanwhile still later earlier then now if asked speaking according also or though although
    because since until once here there what who which why how where today yesterday tonight instead
    """.split()
)
_DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
# Words that cannot start the speaker part of "…," X said.
_NOT_SUBJECT = frozenset(
    """and but or is was are were that which what then so because if when to of in on at for with by from
    not no it's that's there here this these those
    """.split()
)
_PREPOSITIONS = frozenset(
    """through in on at into onto from of for with by about over under across around near behind after
    before during to toward towards against among between within without via like past""".split()
)
# Lower-case heads that let a named organization speak ("the Acme statement").
_ORG_HEADS = frozenset("campaign office statement report department agency spokesperson".split())
_TIME_PREPOSITIONS = frozenset("in on last this since".split())
_NP_STOPS = frozenset(
    """in on at during after before when while who whose whom which that as to from about of for with by
    and but or because since until if via
    """.split()
)


@dataclass
class _Passage:
    """Quoted text: ``start``/``end`` cover the marks, ``parts`` the quoted words."""

    start: int
    end: int
    parts: list[tuple[int, int]]
    speaker: str | None = None


class _Tok:
    """A token of an attribution, with its lower-cased form and shape worked out once."""

    __slots__ = ("cap", "end", "low", "start", "text", "word")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.low = text.lower().rstrip(".")
        self.cap = text[:1].isupper()
        self.word = text[:1].isalnum()


# --- 1. marks -> passages ----------------------------------------------------------------------


def _direction(text: str, i: int, j: int, mark: str) -> int:
    """Whether the mark at text[i:j] opens, closes or could do either."""
    prev = text[i - 1] if i else "\n"
    nxt = text[j] if j < len(text) else "\n"
    left = prev.isspace() or prev in _LEFT_OPEN
    right = nxt.isspace() or nxt in _RIGHT_CLOSE
    if left and not right:
        return _OPEN
    if right and not left:
        return _CLOSE
    if mark in _CURLY_OPENERS:
        return _OPEN
    return _EITHER if mark in _STRAIGHT else _CLOSE


def _scan(text: str) -> list[_Passage]:
    """Pair quote marks into passages, in text order."""
    passages: list[_Passage] = []
    start = -1
    family = ""
    parts: list[tuple[int, int]] = []
    content = nested = 0
    resume = -1  # position of the mark that continues a passage in the next paragraph
    for match in _MARK.finditer(text):
        i, j = match.span()
        mark = match.group()
        if mark == "\n":
            if start < 0 or i < resume:
                continue
            k = j
            while k < len(text) and text[k].isspace():
                k += 1
            nxt = _MARK.match(text, k)
            if nxt and nxt.group() != "\n" and _direction(text, k, nxt.end(), nxt.group()) != _CLOSE:
                parts.append((content, i))
                resume = k
            else:
                start = -1
            continue
        if i == resume and start >= 0:
            content = j
            continue
        fam = "s" if mark in _STRAIGHT else "c"
        way = _direction(text, i, j, mark)
        if start < 0:
            if way != _CLOSE:
                start, family, parts, content, nested = i, fam, [], j, 0
            continue
        if fam != family:
            if way == _OPEN:
                nested += 1
            elif nested:
                nested -= 1
            elif way == _CLOSE:
                start = _close(passages, start, j, [*parts, (content, i)], text)
            continue
        if way == _OPEN:
            start, parts, content, nested = i, [], j, 0
        else:
            start = _close(passages, start, j, [*parts, (content, i)], text)
    return passages


def _close(passages: list[_Passage], start: int, end: int, parts: list[tuple[int, int]], text: str) -> int:
    """Record a closed passage if it has words; returns -1 (no passage open)."""
    parts = [(a, b) for a, b in parts if text[a:b].strip()]
    if parts:
        passages.append(_Passage(start, end, parts))
    return -1


# --- 2. attribution ------------------------------------------------------------------------------


def _tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    """Tokens of text[lo:hi] outside brackets; a trailing period stays on a word unless it ends a sentence."""
    out: list[_Tok] = []
    depth = 0
    for m in _TOKEN.finditer(text, lo, hi):
        word = m.group()
        if word in "([":
            depth += 1
        elif word in ")]":
            depth = max(0, depth - 1)
        if depth or word in ")]":
            continue
        if word.endswith(".") and word.count(".") == 1 and _ends_sentence(text, m.end(), word):
            out.append(_Tok(word[:-1], m.start(), m.end() - 1))
            out.append(_Tok(".", m.end() - 1, m.end()))
            continue
        out.append(_Tok(word, m.start(), m.end()))
    return out


def _ends_sentence(text: str, end: int, word: str) -> bool:
    """True when the period closing ``word`` ends a sentence (not "Sen. Bob", "J. Smith", "R-Ky., said")."""
    nxt = text[end : end + 2].lstrip()[:1]
    if nxt and (nxt in ",)" or nxt.islower()):
        return False
    stem = word[:-1].lower()
    titled = stem in cues.TITLES or stem in cues.SUFFIXES or (len(stem) == 1 and word[0].isupper())
    return not (titled and nxt.isupper())


def _is_cue(toks: list[_Tok], k: int) -> bool:
    """True if toks[k] starts a cue: a verb of saying, "went on", "according to", "put it"."""
    low = toks[k].low
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    if low in cues.CUE_VERBS:
        return True
    if low in cues.PHRASAL_ON:
        return nxt == "on"
    return (low == "according" and nxt == "to") or (low == "put" and nxt == "it")


def _np_after(toks: list[_Tok], k: int) -> list[_Tok]:
    """The noun phrase starting at toks[k] ("Kenneth Baer, a former official" -> Kenneth Baer)."""
    out: list[_Tok] = []
    for tok in toks[k : k + _MAX_SPEAKER_TOKENS]:
        if not tok.word and tok.text not in "-’'/":
            break
        if tok.low in _NP_STOPS and not (tok.low == "of" and out and out[-1].cap):
            break
        if out and tok.low in _DATE_WORDS:
            break
        out.append(tok)
    while out and out[-1].low == "of":
        out.pop()
    return out


def _skip_between(toks: list[_Tok], j: int) -> int:
    """Step back over adverbs, auxiliaries and dates between a subject and its verb ("in 2010 said")."""
    while j >= 0:
        low = toks[j].low
        dated = j + 1 < len(toks) and (toks[j + 1].low in _DATE_WORDS or toks[j + 1].low[:1].isdigit())
        if not (
            low in cues.BETWEEN
            or low in _DATE_WORDS
            or low[:1].isdigit()
            or (low in _TIME_PREPOSITIONS and dated)
        ):
            break
        j -= 1
    return j


def _np_before(toks: list[_Tok], k: int) -> list[_Tok]:
    """The subject ending just before toks[k] (auxiliaries and adverbs skipped)."""
    j = _skip_between(toks, k - 1)
    if j < 0:
        return []
    if toks[j].text == "," and j > 0:  # "Smith, a spokesman for X, said": take the part before the apposition
        for c in range(j - 1, max(-1, j - _MAX_SPEAKER_TOKENS), -1):
            if toks[c].text == ",":
                head = _np_before(toks, c) if c > 0 else []
                return head if head and (head[-1].cap or head[-1].low in cues.PRONOUNS) else []
        return []
    if toks[j].low in ("who", "which"):  # the antecedent: "Smith, who said", "a woman who said"
        return _np_before(toks, j - 1 if j > 0 and toks[j - 1].text == "," else j)
    if toks[j].low in cues.PRONOUNS:
        return [toks[j]]
    if not toks[j].word or toks[j].low in _NP_STOPS or toks[j].low in cues.CUE_VERBS:
        return []
    start = j
    while start > 0 and j - start < 6:
        prev = toks[start - 1]
        inner_of = prev.low == "of" and start - 1 > 0 and toks[start - 2].word
        if not prev.word or (prev.low in _NP_STOPS and not inner_of):
            break
        if prev.low in cues.PRONOUNS or prev.low in cues.CUE_VERBS:
            break
        if prev.low in cues.DETERMINERS:
            start -= 1
            break
        if toks[j].cap and not prev.cap and prev.low != "of":
            break  # a name ends the phrase: "pollster Pat Caddell" -> Pat Caddell
        start -= 1
    if start > 0 and toks[start - 1].low in _PREPOSITIONS:
        return []  # "protesters marching through the streets chanted": not the subject
    np = toks[start : j + 1]
    while len(np) > 1 and np[0].cap and np[0].low in _CLAUSE_CAPS and np[1].cap:
        np = np[1:]
    return np


def _clause_subject(toks: list[_Tok], k: int, known: Container[str]) -> list[_Tok]:
    """The first pronoun or known name of the clause before toks[k] ("Trump, ..., saying")."""
    for i in range(k):
        tok = toks[i]
        if tok.low in ("he", "she", "they", "we", "i"):
            return [tok]
        if tok.cap and tok.word and tok.low not in _CLAUSE_CAPS and tok.low not in cues.TITLES:
            end = i
            while end + 1 < k and toks[end + 1].cap and toks[end + 1].word:
                end += 1
            run = toks[i : end + 1]
            return run if any(_norm(t.text) in known for t in run) else []
    return []


def _speaker_after(toks: list[_Tok]) -> list[_Tok] | None:
    """Speaker words of an attribution that follows a quote (", she said" / "said Smith" / "― Smith")."""
    i = 0
    while i < len(toks) and toks[i].text in _LEADING:
        i += 1
    if i >= len(toks):
        return None
    if _is_cue(toks, i):
        low = toks[i].low
        if low in ("according", "put") or low in cues.PHRASAL_ON:
            return _np_after(toks, i + 2) if low == "according" else None
        if low in cues.LISTENER_VERBS:
            return None
        np = _np_after(toks, i + 1)
        return np or None
    if toks[i].low in _NOT_SUBJECT or not toks[i].word:
        return None
    if i and toks[i - 1].text in _DASHES:  # a byline after a dash: "… ― Sonya Herridge"
        name = _np_after(toks, i)
        rest = len(toks) - i - (toks[-1].text == ".")
        if name and len(name) == rest and all(t.cap for t in name):
            return name
    for k in range(i + 1, min(len(toks), i + _MAX_AFTER_TOKENS)):
        if toks[k].text in '.!?;:“”"':
            return None
        if _is_cue(toks, k) and toks[k].low not in ("according",):
            if toks[k].low == "put":
                return None
            np = toks[i:k]
            texts = [t.text for t in np]
            if "," in texts:
                np = np[: texts.index(",")]
            np = [t for t in np if t.low not in cues.BETWEEN or t is np[0]]
            return np if 0 < len(np) <= _MAX_SPEAKER_TOKENS else None
    return None


def _speaker_before(toks: list[_Tok], known: Container[str] = ()) -> tuple[list[_Tok] | None, int]:
    """Speaker words of the last cue before a quote in its sentence, and how the quote hangs on
    the cue: _WHOLE right after it, _REPORTED later in a "said that" clause, else _LOOSE."""
    for k in range(len(toks) - 1, -1, -1):
        if not _is_cue(toks, k):
            continue
        low = toks[k].low
        if low == "according":
            np = _np_after(toks, k + 2)
            return (np or None), _bridge(toks[k + 2 + len(np) :], low)
        if low == "put":
            return (_np_before(toks, k) or None), _bridge(toks[k + 2 :], low)
        np = _np_before(toks, k)
        j = _skip_between(toks, k - 1)
        joined = j >= 0 and (toks[j].low in ("and", "but") or (toks[j].text == "," and low.endswith("ing")))
        if not np and joined:
            np = _clause_subject(toks, k, known)  # "Trump …, saying", "She … and says"
        if not np and low not in cues.LISTENER_VERBS:  # "Said Smith: “…”"
            np = [t for t in _np_after(toks, k + 1) if t.cap]
            return (np or None), _bridge(toks[k + 1 + len(np) :], low)
        return (np or None), _bridge(toks[k + 1 :], low)
    return None, _LOOSE


def _bridge(toks: list[_Tok], cue: str) -> int:
    """How the words between a cue and the quote tie them: only introducing it ("told reporters
    on Monday:") is _WHOLE; a "said that …" clause the quote sits in is _REPORTED."""
    if not toks:
        return _WHOLE
    introduces = len(toks) <= _MAX_BRIDGE and toks[-1].low in (":", ",", "that", "—", "–")
    if introduces and not any(_is_cue(toks, k) for k in range(len(toks))):
        return _WHOLE
    if cue in cues.REPORTING and any(t.low == "that" for t in toks):
        return _REPORTED
    return _LOOSE


def _starts_clause(text: str, start: int) -> bool:
    """True when a quote at ``start`` begins a sentence or follows a colon or dash."""
    k = start - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] in _CLAUSE_BEFORE


# --- 3. people --------------------------------------------------------------------------------------


def _norm(word: str) -> str:
    """A word as a name key: no possessive, no trailing period."""
    last = word[-1:]
    if last and last in "s’'.":
        return _POSSESSIVE.sub("", word).rstrip(".")
    return word


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(_norm(w) for w in words)


@dataclass
class _People:
    """Entity names found in the text, with what can be told of each person's gender and roles.

    Mentions are found on first need (one scan of the capitalised words); gender and roles
    are worked out per person on first need."""

    text: str
    entities: list[Entity]
    keys: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)  # first word of a form -> longest form length
    _mentions: list[tuple[int, int, int]] | None = None  # (start, entity index, end), PERSON only
    _facts: dict[int, tuple[str | None, frozenset[str]]] = field(default_factory=dict)
    _where: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    resolved: list[tuple[int, int, int]] = field(default_factory=list)  # speakers found by resolution

    def __post_init__(self) -> None:
        for index, entity in enumerate(self.entities):
            forms = [entity.name, *entity.aliases]
            words = _WORD.findall(entity.name)
            if entity.type == "PERSON" and len(words) > 1:
                last = [w for w in words if w.lower() not in cues.SUFFIXES]
                forms.append(last[-1] if last else words[-1])
            for form in forms:
                key = _key(form.split())
                if key and index not in self.keys.get(key, []):
                    self.keys.setdefault(key, []).append(index)
                    self.first[key[0]] = max(self.first.get(key[0], 0), len(key))

    @property
    def mentions(self) -> list[tuple[int, int, int]]:
        if self._mentions is None:
            self._mentions = self._scan_mentions()
        return self._mentions

    def _scan_mentions(self) -> list[tuple[int, int, int]]:
        text, first = self.text, self.first
        words = [(m.start(), m.end(), m.group()) for m in _CAP_WORD.finditer(text)]
        found_at: list[tuple[int, int, int]] = []
        last_seen: dict[int, int] = {}
        i = 0
        while i < len(words):
            longest = first.get(words[i][2]) or first.get(_norm(words[i][2]), 0)
            span = 1
            for size in range(min(longest, len(words) - i), 0, -1):
                run = words[i : i + size]
                if size > 1 and any(not _SPACE_GAP.fullmatch(text, a[1], b[0]) for a, b in pairwise(run)):
                    continue
                found = self.keys.get(_key([w[2] for w in run]))
                if found:
                    index = self._pick_seen(found, last_seen)
                    start, end = run[0][0], run[-1][1]
                    last_seen[index] = start
                    if self.entities[index].type == "PERSON":
                        found_at.append((start, index, end))
                        if len(found) == 1:  # unambiguous: evidence for gender and roles
                            self._where.setdefault(index, []).append((start, end))
                    span = size
                    break
            i += span
        return found_at

    def facts(self, index: int) -> tuple[str | None, frozenset[str]]:
        """Gender ("f", "m" or None) and the role words seen next to the person's name."""
        if index not in self._facts:
            entity = self.entities[index]
            spans = self._where.get(index, []) if self.mentions else []
            words = [w for start, end in spans[:_EVIDENCE_MENTIONS] for w in self._around(start, end)]
            words = [w.lower().rstrip(".") for w in words]
            for role in entity.roles:
                words += [w.lower() for w in _WORD.findall(role)]
            self._facts[index] = (_gender(entity.name, words), frozenset(words))
        return self._facts[index]

    def pick(self, found: list[int]) -> int:
        """Of entities sharing a form, the person mentioned most."""
        return max(found, key=lambda i: (self.entities[i].type == "PERSON", self.entities[i].mentions))

    def _pick_seen(self, found: list[int], last_seen: dict[int, int]) -> int:
        """Of entities sharing a form, the one seen last, else the most mentioned."""
        if len(found) == 1:
            return found[0]
        seen = [i for i in found if i in last_seen]
        if seen:
            return max(seen, key=last_seen.__getitem__)
        return max(found, key=lambda i: (self.entities[i].type == "PERSON", self.entities[i].mentions))

    def _around(self, start: int, end: int) -> list[str]:
        """Words just before a mention and in an apposition after it ("Psaki, the spokeswoman,")."""
        before = _WORD.findall(self.text, max(0, start - 40), start)[-2:]
        after: list[str] = []
        if self.text.startswith(",", end):
            stop = self.text.find(",", end + 1, end + 80)
            after = _WORD.findall(self.text, end + 1, stop if stop > 0 else min(len(self.text), end + 40))
        return before + after

    def lookup(self, toks: list[_Tok]) -> int | None:
        """The entity named by the longest run of ``toks`` that is a known form (PERSON first)."""
        best: tuple[int, int, int] | None = None
        for i in range(len(toks)):
            for size in range(min(self.first.get(_norm(toks[i].text), 0), len(toks) - i), 0, -1):
                found = self.keys.get(_key([t.text for t in toks[i : i + size]]))
                if found:
                    index = max(found, key=lambda x: self.entities[x].mentions)
                    rank = (self.entities[index].type == "PERSON", i + size, size)
                    if best is None or rank > best[:3]:
                        best = (*rank, index)  # type: ignore[assignment]
                    break
        return best[3] if best else None  # type: ignore[misc]

    def by_role(self, role: str, before: int) -> int | None:
        """The person last mentioned before ``before`` with ``role`` seen next to their name."""
        for _, index, _ in reversed(self.before(0, before)):
            if role in self.facts(index)[1]:
                return index
        return None

    def add_mention(self, pos: int, index: int) -> None:
        """Record a speaker found by resolution (kept apart: appended in text order, cheaply)."""
        if not self.resolved or self.resolved[-1] <= (pos, index, pos):
            self.resolved.append((pos, index, pos))
        else:
            bisect.insort(self.resolved, (pos, index, pos))

    def before(self, start: int, stop: int) -> list[tuple[int, int, int]]:
        """Up to _ANTECEDENT_MENTIONS mentions (names and resolved speakers) in [start, stop), in order."""
        found = []
        for seq in (self.mentions, self.resolved):
            hi = bisect.bisect_left(seq, (stop, -1))
            lo = max(bisect.bisect_left(seq, (start, -1)), hi - _ANTECEDENT_MENTIONS)
            found += seq[lo:hi]
        return sorted(found)[-_ANTECEDENT_MENTIONS:]


def _gender(name: str, words: list[str]) -> str | None:
    """ "f", "m" or None from role words near the name and the first name."""
    score = 2 * (sum(w in cues.FEMALE_ROLES for w in words) - sum(w in cues.MALE_ROLES for w in words))
    first = next((w for w in _WORD.findall(name) if w.lower() not in cues.TITLES), "")
    by_name = _first_name_gender(first)
    score += {"f": 1, "m": -1}.get(by_name or "", 0)
    return "f" if score > 0 else "m" if score < 0 else None


def _inner_of(np: list[_Tok], k: int) -> bool:
    """True when np[k] is "of" between capitalised words ("Federation of Teachers")."""
    return k > 0 and np[k].low == "of" and np[k - 1].cap


def _trailing_name(np: list[_Tok]) -> list[_Tok]:
    """The capitalised run ending ``np``, titles dropped ("Secretary of State Antony Blinken" ->
    Antony Blinken; "United Federation of Teachers" stays whole)."""
    start = len(np)
    while start > 0 and (np[start - 1].cap or _inner_of(np, start - 1)):
        start -= 1
    run = np[start:]
    while len(run) > 1 and (run[0].low in cues.TITLES or run[0].low in _CLAUSE_CAPS or run[0].text == "of"):
        run = run[1:]
    return run


def _is_first_name(word: str) -> bool:
    try:
        from newsdrop.text.gazetteer import is_first_name
    except ImportError:
        return False
    return is_first_name(word)


def _first_name_gender(first: str) -> str | None:
    try:
        from newsdrop.text.gazetteer import first_name_gender
    except ImportError:  # the gazetteer is optional: role words still decide
        return None
    return first_name_gender(first) if first else None


# --- putting it together --------------------------------------------------------------------------------


@dataclass
class _Attributor:
    """Finds the context of each passage and turns speaker words into a name."""

    text: str
    sentences: list[Sentence]
    people: _People
    inside: list[tuple[int, int]]  # quoted spans, sorted: names in them are not antecedents
    starts: list[int] = field(default_factory=list)
    afters: dict[int, list[_Tok]] = field(default_factory=dict)  # after-context tokens by passage start
    befores: dict[tuple[int, int], list[_Tok]] = field(default_factory=dict)  # by (passage start, floor)

    def __post_init__(self) -> None:
        self.starts = [s.start for s in self.sentences]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def sentence_start(self, pos: int) -> int:
        return self.starts[self.sentence_of(pos)] if self.starts else 0

    def quoted(self, pos: int) -> bool:
        i = bisect.bisect_right(self.inside, (pos, len(self.text))) - 1
        return i >= 0 and self.inside[i][0] <= pos < self.inside[i][1]

    def resolve(self, np: list[_Tok] | None, pos: int) -> str | None:
        """Speaker words -> an entity name, a resolved pronoun, or the words as written."""
        if not np:
            return None
        if len(np) == 1 and np[0].low in cues.PRONOUNS:
            return self.pronoun(np[0], pos)
        index = self.people.lookup([t for t in np if t.cap]) if any(t.cap for t in np) else None
        head = np[-1]
        if not head.cap:
            if head.low in cues.PERSON_ROLES and (found := self.people.by_role(head.low, pos)) is not None:
                return self.remember(found, np[0].start)
            if (
                index is not None
                and self.people.entities[index].type == "ORGANIZATION"
                and head.low in _ORG_HEADS
            ):
                return self.people.entities[index].name  # "the Clinton campaign" -> the named organization
            return self.text[np[0].start : np[-1].end]
        return self.name(np)

    def name(self, np: list[_Tok]) -> str | None:
        """The trailing capitalised run of ``np`` as an entity name, or as written."""
        run = _trailing_name(np)
        if not run or run[0].low in _CLAUSE_CAPS:
            return None
        for s in range(len(run)):
            if s == len(run) - 1 and s > 0 and _is_first_name(run[s - 1].text):
                break  # "Charlie King" is not Larry King
            found = self.people.keys.get(_key([t.text for t in run[s:]]))
            if found:
                return self.remember(self.people.pick(found), run[0].start)
        return _POSSESSIVE.sub("", self.text[run[0].start : run[-1].end])

    def remember(self, index: int, pos: int) -> str:
        entity = self.people.entities[index]
        if entity.type == "PERSON":
            self.people.add_mention(pos, index)
        return entity.name

    def pronoun(self, tok: _Tok, pos: int) -> str:
        """he/she -> the first person of that gender (or of unknown gender, close by) in the
        sentence, then in each earlier one, left to right; other pronouns stay as written."""
        want = cues.PRONOUN_GENDER.get(tok.low)
        if want is None:
            return tok.text
        here = self.sentence_of(tok.start)
        first = self.starts[max(0, here - _ANTECEDENT_SENTENCES)] if self.starts else 0
        by_sentence: dict[int, list[int]] = {}
        for p, index, _ in self.people.before(first, tok.start):
            if not self.quoted(p):
                by_sentence.setdefault(self.sentence_of(p), []).append(index)
        for s in sorted(by_sentence, reverse=True):
            for index in by_sentence[s]:
                gender = self.people.facts(index)[0]
                if gender == want or (gender is None and s >= here - 1):
                    return self.remember(index, tok.start)
        return tok.text

    def before_context(self, passage: _Passage, floor: int) -> list[_Tok]:
        """Tokens before the passage in its sentence and line (worked out once per passage and floor)."""
        cached = self.befores.get((passage.start, floor))
        if cached is not None:
            return cached
        lo = max(floor, passage.start - _CONTEXT, self.sentence_start(passage.start))
        line = self.text.rfind("\n", lo, passage.start)
        toks = self.befores[(passage.start, floor)] = _tokens(self.text, max(lo, line + 1), passage.start)
        return toks

    def after_context(self, passage: _Passage, ceiling: int) -> list[_Tok]:
        if passage.start in self.afters:
            return self.afters[passage.start]
        lo, hi = passage.end, min(ceiling, passage.end + _AFTER)
        line = self.text.find("\n", lo, hi)
        if line >= 0 and not self.text[lo:line].strip() and _content_end(self.text, passage) == ",":
            lo = line  # "…,”" ending a paragraph: its attribution was pushed to the next one
            while lo < hi and self.text[lo].isspace():
                lo += 1
            line = self.text.find("\n", lo, hi)
        self.afters[passage.start] = _tokens(self.text, lo, line if line >= 0 else hi)
        return self.afters[passage.start]

    def colon_paragraph(self, passage: _Passage) -> list[_Tok]:
        """A paragraph that opens with the quote: the previous one may end "Caddell continued:"."""
        line = self.text.rfind("\n", max(0, passage.start - _CONTEXT), passage.start)
        if line < 0 or self.text[line + 1 : passage.start].strip():
            return []
        prev_end = line
        while prev_end > 0 and self.text[prev_end - 1].isspace():
            prev_end -= 1
        if prev_end == 0 or self.text[prev_end - 1] != ":":
            return []
        lo = max(0, prev_end - _CONTEXT, self.sentence_start(prev_end - 1))
        return _tokens(self.text, lo, prev_end)


def _is_title(text: str, passage: _Passage) -> bool:
    """True for a title in Title Case (“Make Your Kid a Millionaire,” “Fox News Sunday”): nobody says it."""
    content = " ".join(text[a:b] for a, b in passage.parts).strip(" ,")
    words = _WORD.findall(content)
    if len(words) < 2 or any(c in content for c in ".!?"):
        return False
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _after_opener(toks: list[_Tok]) -> bool:
    """True when a quote follows only a short opening phrase of its sentence ("As for taxes, “…")."""
    return (
        1 < len(toks) <= _MAX_OPENER
        and toks[-1].text == ","
        and not any(_is_cue(toks, k) for k in range(len(toks)))
    )


def _content_end(text: str, passage: _Passage) -> str:
    a, b = passage.parts[-1]
    return text[a:b].rstrip()[-1:]


def extract_quotes(
    text: str, sentences: list[Sentence], entities: list[Entity], *, fragments: bool = False
) -> list[Quote]:
    """Quotes in ``text`` (offsets cover the marks) with the speaker's fullest name, or None.

    A fragment quoted mid-clause ("Berg said the plan “would fail badly” in the end") gets the
    clause's speaker only when ``fragments`` is true; a short quoted term in a "said that" clause
    (Putin said that his country would seek a “diplomatic solution”) always does."""
    passages = _scan(text)
    if not passages:
        return []
    inside = [part for p in passages for part in p.parts]
    attributor = _Attributor(text, sentences, _People(text, entities), inside)
    out: list[_Passage] = []
    said: str | None = None  # the speaker of the previous passage, even if it was a fragment
    i = 0
    while i < len(passages):
        passage = passages[i]
        nxt = passages[i + 1] if i + 1 < len(passages) else None
        ceiling = nxt.start if nxt else len(text)
        after = attributor.after_context(passage, ceiling)
        words = _speaker_after(after)
        floor = out[-1].end if out else 0
        opens = _starts_clause(text, passage.start) or _after_opener(
            attributor.before_context(passage, floor)
        )
        whole = _WHOLE if opens else _LOOSE
        if words is None or not whole:
            known = attributor.people.first
            before, whole = _speaker_before(attributor.before_context(passage, floor), known)
            if before is None and _starts_clause(text, passage.start):
                before, whole = _speaker_before(attributor.colon_paragraph(passage), known)
            words = before if before is not None else words
        elif (
            nxt
            and len(nxt.parts) == 1
            and _joins(text, passage, nxt, after)
            and not _speaker_after(
                attributor.after_context(nxt, passages[i + 2].start if i + 2 < len(passages) else len(text))
            )
        ):
            passage = _Passage(passage.start, nxt.end, passage.parts + nxt.parts)
            i += 1
        speaker = attributor.resolve(words, passage.start)
        if words is None and whole == _WHOLE and out and _continues(text, out[-1], passage):
            speaker = said
        keep = whole == _WHOLE or fragments or (whole == _REPORTED and _term(text, passage))
        keep = keep and not _is_title(text, passage)
        passage.speaker = speaker if keep else None
        said = speaker
        out.append(passage)
        i += 1
    return [
        Quote(
            text=" ".join(" ".join(text[a:b].split()) for a, b in p.parts),
            speaker=p.speaker,
            start=p.start,
            end=p.end,
        )
        for p in out
    ]


def _term(text: str, passage: _Passage) -> bool:
    """True for a short quoted noun phrase after a determiner: seek a “diplomatic solution”."""
    a, b = passage.parts[0]
    if len(passage.parts) > 1 or len(text[a:b].split()) > _TERM_WORDS or not text[a : a + 1].islower():
        return False
    before = _WORD.findall(text, max(0, passage.start - 12), passage.start)
    spaced = text[passage.start - 1 : passage.start] == " "
    return bool(before) and before[-1].lower() in cues.DETERMINERS and spaced


def _continues(text: str, previous: _Passage, passage: _Passage) -> bool:
    """True when an unattributed ``passage`` goes on from ``previous``: later in the same paragraph,
    or opening the next paragraph."""
    gap = text[previous.end : passage.start]
    if len(gap) > _CONTEXT:
        return False
    if "\n" not in gap:
        return True
    return "\n" not in gap.strip() and not gap[gap.rfind("\n") :].strip()


def _joins(text: str, first: _Passage, second: _Passage, gap_tokens: list[_Tok]) -> bool:
    """True when ``second`` continues ``first`` after an attribution in between ("…," she said, "…")."""
    gap = text[first.end : second.start]
    if len(gap) > _JOIN_GAP or "\n" in gap or _content_end(text, first) not in _SPLIT_ENDINGS:
        return False
    if not gap_tokens or gap.rstrip()[-1:] not in ",.:;":
        return False
    if any(t.text in '“”".!?' for t in gap_tokens[:-1]):
        return False
    if sum(_is_cue(gap_tokens, k) for k in range(len(gap_tokens))) > 1:
        return False  # "…," Trump said, adding later, "…": two attributions
    rest = text[second.end : second.end + 3].lstrip(" \t\u00a0")
    a, b = second.parts[0]
    several = _SENTENCE_END.search(text, a, b) is not None
    return several or _content_end(text, second) in ".!?,…—" or not rest or rest[0] in "\n.!?"
