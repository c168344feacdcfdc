"""Speaker words of a quote's attribution: the cue ("said", "told", "according to", "as he put
it", ...) right after the quote or before it in its sentence, and the noun phrase that speaks.

Works on the tokens of ``quote_tokens``; turning the words into a name is ``quote_people``'s job.
"""

from __future__ import annotations

from collections.abc import Container

from newsdrop.text import cues
from newsdrop.text.quote_people import norm
from newsdrop.text.quote_tokens import CAP, LOW, PAIRED, TEXT, WORD, Tok, TokenStream, any_cue, is_cue

_MAX_SPEAKER_TOKENS = 12
_MAX_BRIDGE = 10
WHOLE, REPORTED, LOOSE = 2, 1, 0
_MAX_AFTER_TOKENS = 30
_DASHES = frozenset("―—–-")
_LEADING = frozenset(",―—–-")
_CLAUSE_BEFORE = frozenset("\n.!?:;—–(”»\"'’")

# Capitalised words that start clauses rather than names.
CLAUSE_CAPS = frozenset(
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
_TIME_PREPOSITIONS = frozenset("in on last this since".split())
_NP_STOPS = frozenset(
    """in on at during after before when while who whose whom which that as to from about of for with by
    and but or because since until if via
    """.split()
)


def np_after(toks: list[Tok], k: int) -> list[Tok]:
    """The noun phrase starting at toks[k] ("Kenneth Baer, a former official" -> Kenneth Baer)."""
    out: list[Tok] = []
    for tok in toks[k : k + _MAX_SPEAKER_TOKENS]:
        if not tok[WORD] and tok[TEXT] not in "-’'/":
            break
        if tok[LOW] in _NP_STOPS and not (tok[LOW] == "of" and out and out[-1][CAP]):
            break
        if out and tok[LOW] in _DATE_WORDS:
            break
        out.append(tok)
    while out and out[-1][LOW] == "of":
        out.pop()
    return out


def skip_between(toks: list[Tok], j: int) -> int:
    """Step back over adverbs, auxiliaries and dates between a subject and its verb ("in 2010 said")."""
    while j >= 0:
        low = toks[j][LOW]
        dated = j + 1 < len(toks) and (toks[j + 1][LOW] in _DATE_WORDS or toks[j + 1][LOW][:1].isdigit())
        if not (
            low in cues.BETWEEN
            or low in _DATE_WORDS
            or low[:1].isdigit()
            or (low in _TIME_PREPOSITIONS and dated)
        ):
            break
        j -= 1
    return j


def np_before(toks: list[Tok], k: int) -> list[Tok]:
    """The subject ending just before toks[k] (auxiliaries and adverbs skipped)."""
    j = skip_between(toks, k - 1)
    if j < 0:
        return []
    if toks[j][TEXT] == "," and j > 0:  # "Smith, a spokesman for X, said": the part before the apposition
        for c in range(j - 1, max(-1, j - _MAX_SPEAKER_TOKENS), -1):
            if toks[c][TEXT] == ",":
                head = np_before(toks, c) if c > 0 else []
                return head if head and (head[-1][CAP] or head[-1][LOW] in cues.PRONOUNS) else []
        return []
    if toks[j][LOW] in ("who", "which"):  # the antecedent: "Smith, who said", "a woman who said"
        return np_before(toks, j - 1 if j > 0 and toks[j - 1][TEXT] == "," else j)
    if toks[j][LOW] in cues.PRONOUNS:
        return [toks[j]]
    if not toks[j][WORD] or toks[j][LOW] in _NP_STOPS or toks[j][LOW] in cues.CUE_VERBS:
        return []
    start = j
    while start > 0 and j - start < 6:
        prev = toks[start - 1]
        inner_of = prev[LOW] == "of" and start - 1 > 0 and toks[start - 2][WORD]
        if not prev[WORD] or (prev[LOW] in _NP_STOPS and not inner_of):
            break
        if prev[LOW] in cues.PRONOUNS or prev[LOW] in cues.CUE_VERBS:
            break
        if prev[LOW] in cues.DETERMINERS:
            start -= 1
            break
        if toks[j][CAP] and not prev[CAP] and prev[LOW] != "of":
            break  # a name ends the phrase: "pollster Pat Caddell" -> Pat Caddell
        start -= 1
    if start > 0 and toks[start - 1][LOW] in _PREPOSITIONS:
        return []  # "protesters marching through the streets chanted": not the subject
    np = toks[start : j + 1]
    while len(np) > 1 and np[0][CAP] and np[0][LOW] in CLAUSE_CAPS and np[1][CAP]:
        np = np[1:]
    return np


def clause_subject(toks: list[Tok], k: int, known: Container[str]) -> list[Tok]:
    """The first pronoun or known name of the clause before toks[k] ("Trump, ..., saying")."""
    for i in range(k):
        tok = toks[i]
        if tok[LOW] in ("he", "she", "they", "we", "i"):
            return [tok]
        if tok[CAP] and tok[WORD] and tok[LOW] not in CLAUSE_CAPS and tok[LOW] not in cues.TITLES:
            end = i
            while end + 1 < k and toks[end + 1][CAP] and toks[end + 1][WORD]:
                end += 1
            run = toks[i : end + 1]
            return run if any(norm(t[TEXT]) in known for t in run) else []
    return []


def speaker_after(stream: TokenStream) -> list[Tok] | None:
    """Speaker words of an attribution that follows a quote (", she said" / "said Smith" / "― Smith").

    Reads the tokens only as far as the answer needs them."""
    toks, need = stream.toks, stream.need
    i = 0
    while need(i + 1) and toks[i][TEXT] in _LEADING:
        i += 1
    if not need(i + 1):
        return None
    if stream.cue(i):
        low = toks[i][LOW]
        if low in ("according", "put") or low in cues.PHRASAL_ON:
            if low != "according":
                return None
            need(i + 2 + _MAX_SPEAKER_TOKENS)
            return np_after(toks, i + 2)
        if low in cues.LISTENER_VERBS:
            return None
        need(i + 1 + _MAX_SPEAKER_TOKENS)
        np = np_after(toks, i + 1)
        return np or None
    if toks[i][LOW] in _NOT_SUBJECT or not toks[i][WORD]:
        return None
    if i and toks[i - 1][TEXT] in _DASHES:  # a byline after a dash: "… ― Sonya Herridge"
        every = stream.all()
        name = np_after(every, i)
        rest = len(every) - i - (every[-1][TEXT] == ".")
        if name and len(name) == rest and all(t[CAP] for t in name):
            return name
    cue_verbs = cues.CUE_VERBS
    for k in range(i + 1, i + _MAX_AFTER_TOKENS):
        if k >= len(toks) and not need(k + 1):
            return None
        tok = toks[k]
        if tok[TEXT] in '.!?;:“”"':
            return None
        low = tok[LOW]
        if (low in cue_verbs or (low in PAIRED and stream.cue(k))) and low != "according":
            if low == "put":
                return None
            np = toks[i:k]
            texts = [t[TEXT] for t in np]
            if "," in texts:
                np = np[: texts.index(",")]
            np = [t for j, t in enumerate(np) if j == 0 or t[LOW] not in cues.BETWEEN]
            return np if 0 < len(np) <= _MAX_SPEAKER_TOKENS else None
    return None


def speaker_before(toks: list[Tok], known: Container[str] = ()) -> tuple[list[Tok] | None, int]:
    """Speaker words of the last cue before a quote in its sentence, and how the quote hangs on
    the cue: WHOLE right after it, REPORTED later in a "said that" clause, else LOOSE."""
    verbs = cues.CUE_VERBS
    for k in range(len(toks) - 1, -1, -1):
        low = toks[k][LOW]
        if low not in verbs and (low not in PAIRED or not is_cue(toks, k)):  # not is_cue(toks, k)
            continue
        if low == "according":
            np = np_after(toks, k + 2)
            return (np or None), bridge(toks[k + 2 + len(np) :], low)
        if low == "put":
            return (np_before(toks, k) or None), bridge(toks[k + 2 :], low)
        np = np_before(toks, k)
        j = skip_between(toks, k - 1)
        joined = j >= 0 and (toks[j][LOW] in ("and", "but") or (toks[j][TEXT] == "," and low.endswith("ing")))
        if not np and joined:
            np = clause_subject(toks, k, known)  # "Trump …, saying", "She … and says"
        if not np and low not in cues.LISTENER_VERBS:  # "Said Smith: “…”"
            np = [t for t in np_after(toks, k + 1) if t[CAP]]
            return (np or None), bridge(toks[k + 1 + len(np) :], low)
        return (np or None), bridge(toks[k + 1 :], low)
    return None, LOOSE


def bridge(toks: list[Tok], cue: str) -> int:
    """How the words between a cue and the quote tie them: only introducing it ("told reporters
    on Monday:") is WHOLE; a "said that …" clause the quote sits in is REPORTED."""
    if not toks:
        return WHOLE
    introduces = len(toks) <= _MAX_BRIDGE and toks[-1][LOW] in (":", ",", "that", "—", "–")
    if introduces and not any_cue(toks):
        return WHOLE
    if cue in cues.REPORTING and any(t[LOW] == "that" for t in toks):
        return REPORTED
    return LOOSE


def starts_clause(text: str, start: int) -> bool:
    """True when a quote at ``start`` begins a sentence or follows a colon or dash."""
    k = start - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] in _CLAUSE_BEFORE


def inner_of(np: list[Tok], k: int) -> bool:
    """True when np[k] is "of" between capitalised words ("Federation of Teachers")."""
    return k > 0 and np[k][LOW] == "of" and np[k - 1][CAP]


def trailing_name(np: list[Tok]) -> list[Tok]:
    """The capitalised run ending ``np``, titles dropped ("Secretary of State Antony Blinken" ->
    Antony Blinken; "United Federation of Teachers" stays whole)."""
    start = len(np)
    while start > 0 and (np[start - 1][CAP] or inner_of(np, start - 1)):
        start -= 1
    run = np[start:]
    while len(run) > 1 and (run[0][LOW] in cues.TITLES or run[0][LOW] in CLAUSE_CAPS or run[0][TEXT] == "of"):
        run = run[1:]
    return run
