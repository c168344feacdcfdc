"""Direct quotes and their speakers.

One pass over the quoted passages, in text order, each step linear in the text:

1. ``quote_marks.passages`` pairs quote marks into passages: curly and straight marks (``''``
   counts as a straight double mark), marks of the other family nested inside, quotes that run
   over paragraphs (a paragraph left open and the next one opening with a mark).
2. ``quote_speakers`` finds a cue ("said", "told", "according to", "as he put it", ...) right
   after a passage or before it in the same sentence, in the tokens of those few words
   (``quote_tokens``, read only as far as needed: the words before a quote only when no speaker
   follows it or it does not open its clause); ``_joins`` merges a quote split around its
   attribution ("…," she said, "…"); an unattributed passage that goes on from the previous one
   in the paragraph (or opens the next) keeps its speaker.
3. ``quote_people.People`` resolves the speaker's words to an entity: a name or surname to the
   entity's full name, he/she to the nearest gender-compatible PERSON (never a place or an
   organization); an unresolved pronoun is kept as written.

A quote with no cue (a scare quote, a title) gets speaker ``None``, and so does a fragment
quoted mid-clause ("Trump said voter fraud “would be one hell of a way to lose”"), except a
short quoted term in a "said that" clause (Putin said that his country would seek a
“diplomatic solution”).

Passages are read at most two ahead of the one being attributed and dropped once they are
quotes; the only structures kept for the whole text are the entities' name index, the persons'
mentions, the quoted spans and the sentence starts (compact arrays of offsets, the mentions and
sentence starts made on first need).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator
from operator import attrgetter

from newsdrop.models import Entity, Quote
from newsdrop.text import cues
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.quote_marks import Passage, passages
from newsdrop.text.quote_people import People, is_first_name, key, without_possessive
from newsdrop.text.quote_speakers import (
    CLAUSE_CAPS,
    LOOSE,
    REPORTED,
    WHOLE,
    speaker_after,
    speaker_before,
    starts_clause,
    trailing_name,
)
from newsdrop.text.quote_tokens import CAP, END, LOW, START, TEXT, Tok, TokenStream, any_cue, is_cue, tokens
from newsdrop.text.sentences import Sentence

_SENTENCE_END = LazyPattern(r"[.!?][ \u00a0]+[A-Z“\"']")
_WORD = LazyPattern(r"[^\W\d_][\w'’\-]*")

_CONTEXT = 300  # characters looked at before a passage
_AFTER = 200  # and after it
_JOIN_GAP = 200
_ANTECEDENT_SENTENCES = 5
_TERM_WORDS = 3
_SPLIT_ENDINGS = tuple(",?!—–-…:")
_MAX_OPENER = 6
_TITLE_SMALL_WORDS = frozenset("a an the of in on to for and or at by with from as vs".split())
# Lower-case heads that let a named organization speak ("the Acme statement").
_ORG_HEADS = frozenset("campaign office statement report department agency spokesperson".split())
_START = attrgetter("start")


class _Attributor:
    """Finds the context of each passage and turns speaker words into a name."""

    def __init__(self, text: str, sentences: list[Sentence], people: People) -> None:
        self.text = text
        self.sentences = sentences
        self.people = people
        self.part_starts = array("i")  # quoted spans, in text order: names in them are not antecedents
        self.part_ends = array("i")
        self._sentence_starts: array | None = None

    def add_quoted(self, passage: Passage) -> None:
        for a, b in passage.parts:
            self.part_starts.append(a)
            self.part_ends.append(b)

    @property
    def sentence_starts(self) -> array:
        """Where each sentence starts (an array, made on first need)."""
        if self._sentence_starts is None:
            self._sentence_starts = array("i", map(_START, self.sentences))
        return self._sentence_starts

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def sentence_start(self, pos: int) -> int:
        return self.sentences[self.sentence_of(pos)].start if self.sentences else 0

    def resolve(self, np: list[Tok] | None, pos: int) -> str | None:
        """Speaker words -> an entity name, a resolved pronoun, or the words as written."""
        if not np:
            return None
        if len(np) == 1 and np[0][LOW] in cues.PRONOUNS:
            return self.pronoun(np[0])
        head = np[-1]
        if head[CAP]:
            return self.name(np)
        people = self.people
        if head[LOW] in cues.PERSON_ROLES and (found := people.by_role(head[LOW], pos)) is not None:
            return self.remember(found, np[0][START])
        if head[LOW] in _ORG_HEADS and any(t[CAP] for t in np):
            index = people.lookup([t[TEXT] for t in np if t[CAP]])
            if index is not None and people.entities[index].type == "ORGANIZATION":
                return people.entities[index].name  # "the Clinton campaign" -> the named organization
        return self.text[np[0][START] : np[-1][END]]

    def name(self, np: list[Tok]) -> str | None:
        """The trailing capitalised run of ``np`` as an entity name, or as written."""
        run = trailing_name(np)
        if not run or run[0][LOW] in CLAUSE_CAPS:
            return None
        for s in range(len(run)):
            if s == len(run) - 1 and s > 0 and is_first_name(run[s - 1][TEXT]):
                break  # "Charlie King" is not Larry King
            found = self.people.find(key([t[TEXT] for t in run[s:]]))
            if found:
                return self.remember(self.people.pick(found), run[0][START])
        return without_possessive(self.text[run[0][START] : run[-1][END]])

    def remember(self, index: int, pos: int) -> str:
        entity = self.people.entities[index]
        if entity.type == "PERSON":
            self.people.add_mention(pos, index)
        return entity.name

    def pronoun(self, tok: Tok) -> str:
        """he/she -> the first person of that gender (or of unknown gender, close by) in the
        sentence, then in each earlier one, left to right; other pronouns stay as written."""
        want = cues.PRONOUN_GENDER.get(tok[LOW])
        if want is None:
            return tok[TEXT]
        starts = self.sentence_starts
        bisect_right = bisect.bisect_right
        here = max(0, bisect_right(starts, tok[START]) - 1)
        first = starts[max(0, here - _ANTECEDENT_SENTENCES)] if starts else 0
        found = self.people.before(first, tok[START])
        part_starts, part_ends, facts = self.part_starts, self.part_ends, self.people.facts
        stop = len(found)
        while stop:  # the mentions of one sentence at a time, the last sentence first
            s = max(0, bisect_right(starts, found[stop - 1][0]) - 1)
            begin = starts[s] if s else -1
            at = stop
            while at and found[at - 1][0] >= begin:
                at -= 1
            for p, index, _ in found[at:stop]:
                i = bisect_right(part_starts, p) - 1
                if i >= 0 and p < part_ends[i]:
                    continue  # names inside quotes are not antecedents
                gender = facts(index)[0]
                if gender == want or (gender is None and s >= here - 1):
                    return self.remember(index, tok[START])
            stop = at
        return tok[TEXT]

    def before_context(self, passage: Passage, floor: int) -> TokenStream:
        """Tokens before the passage in its sentence and line, after ``floor``."""
        lo = max(floor, passage.start - _CONTEXT, self.sentence_start(passage.start))
        line = self.text.rfind("\n", lo, passage.start)
        return TokenStream(self.text, max(lo, line + 1), passage.start)

    def after_context(self, passage: Passage, ceiling: int) -> TokenStream:
        """Tokens after the passage on its line, before ``ceiling`` (worked out once per passage)."""
        if passage.after is not None:
            return passage.after
        text = self.text
        lo, hi = passage.end, min(ceiling, passage.end + _AFTER)
        line = text.find("\n", lo, hi)
        if line >= 0 and not text[lo:line].strip() and _content_end(text, passage) == ",":
            lo = line  # "…,”" ending a paragraph: its attribution was pushed to the next one
            while lo < hi and text[lo].isspace():
                lo += 1
            line = text.find("\n", lo, hi)
        passage.after = TokenStream(text, lo, line if line >= 0 else hi)
        return passage.after

    def colon_paragraph(self, passage: Passage) -> list[Tok]:
        """A paragraph that opens with the quote: the previous one may end "Caddell continued:"."""
        text = self.text
        line = text.rfind("\n", max(0, passage.start - _CONTEXT), passage.start)
        if line < 0 or text[line + 1 : passage.start].strip():
            return []
        prev_end = line
        while prev_end > 0 and text[prev_end - 1].isspace():
            prev_end -= 1
        if prev_end == 0 or text[prev_end - 1] != ":":
            return []
        lo = max(0, prev_end - _CONTEXT, self.sentence_start(prev_end - 1))
        return tokens(text, lo, prev_end)


def _is_title(text: str, passage: Passage) -> bool:
    """True for a title in Title Case (“Make Your Kid a Millionaire,” “Fox News Sunday”): nobody says it."""
    parts = passage.parts
    if len(parts) == 1:
        content = text[parts[0][0] : parts[0][1]].strip(" ,")
    else:
        content = " ".join(text[a:b] for a, b in parts).strip(" ,")
    if "." in content or "!" in content or "?" in content:
        return False
    count = 0
    for chunk in content.split():  # the words as _WORD.findall(content), read until one is not title-like
        for word in [chunk] if chunk.isalpha() else _WORD.findall(chunk):
            if not (word[0].isupper() or word.lower() in _TITLE_SMALL_WORDS):
                return False
            count += 1
    return count >= 2


def _words(text: str, parts: list[tuple[int, int]]) -> str:
    """The quoted words of ``parts``, each run of white space made one space."""
    if len(parts) == 1:
        return " ".join(text[parts[0][0] : parts[0][1]].split())
    return " ".join(" ".join(text[a:b].split()) for a, b in parts)


def _after_opener(stream: TokenStream) -> bool:
    """True when a quote follows only a short opening phrase of its sentence ("As for taxes, “…")."""
    if stream.need(_MAX_OPENER + 1):
        return False
    toks = stream.toks
    return len(toks) > 1 and toks[-1][TEXT] == "," and not any_cue(toks)


def _content_end(text: str, passage: Passage) -> str:
    a, b = passage.parts[-1]
    return text[a:b].rstrip()[-1:]


def extract_quotes(
    text: str, sentences: list[Sentence], entities: list[Entity], *, fragments: bool = False
) -> list[Quote]:
    """Quotes in ``text`` (offsets cover the marks) with the speaker's fullest name, or None.

    A fragment quoted mid-clause ("Berg said the plan “would fail badly” in the end") gets the
    clause's speaker only when ``fragments`` is true; a short quoted term in a "said that" clause
    (Putin said that his country would seek a “diplomatic solution”) always does."""
    stream = passages(text)
    passage = next(stream, None)
    if passage is None:
        return []
    attributor = _Attributor(text, sentences, People(text, entities))
    attributor.add_quoted(passage)
    ahead = _Lookahead(stream, attributor)
    found: list[Quote] = []
    previous: Passage | None = None
    said: str | None = None  # the speaker of the previous passage, even if it was a fragment
    known = attributor.people.first
    while passage is not None:
        nxt = ahead.peek(0)
        after = attributor.after_context(passage, nxt.start if nxt else len(text))
        words = speaker_after(after)
        floor = previous.end if previous else 0
        before: TokenStream | None = None
        clause = starts_clause(text, passage.start)
        whole = LOOSE
        if words is not None:  # else the words before decide, and how the quote hangs on them
            opens = clause
            if not opens:
                before = attributor.before_context(passage, floor)
                opens = _after_opener(before)
            whole = WHOLE if opens else LOOSE
        if words is None or not whole:
            if before is None:
                before = attributor.before_context(passage, floor)
            said_before, whole = speaker_before(before.all(), known)
            if said_before is None and clause:
                said_before, whole = speaker_before(attributor.colon_paragraph(passage), known)
            words = said_before if said_before is not None else words
        elif nxt and len(nxt.parts) == 1 and _joins(text, passage, nxt, after):
            later = ahead.peek(1)
            if not speaker_after(attributor.after_context(nxt, later.start if later else len(text))):
                passage = Passage(passage.start, nxt.end, passage.parts + nxt.parts)
                ahead.take()
        speaker = attributor.resolve(words, passage.start)
        if words is None and whole == WHOLE and previous and _continues(text, previous, passage):
            speaker = said
        keep = whole == WHOLE or fragments or (whole == REPORTED and _term(text, passage))
        keep = keep and not _is_title(text, passage)
        said = speaker
        found.append(
            Quote(
                text=_words(text, passage.parts),
                speaker=speaker if keep else None,
                start=passage.start,
                end=passage.end,
            )
        )
        previous = passage
        passage = ahead.take()
    return found


class _Lookahead:
    """The passages after the current one, read on demand (each one's quoted spans noted as read)."""

    def __init__(self, stream: Iterator[Passage], attributor: _Attributor) -> None:
        self.stream = stream
        self.attributor = attributor
        self.buffer: list[Passage] = []

    def peek(self, n: int) -> Passage | None:
        while len(self.buffer) <= n:
            passage = next(self.stream, None)
            if passage is None:
                return None
            self.attributor.add_quoted(passage)
            self.buffer.append(passage)
        return self.buffer[n]

    def take(self) -> Passage | None:
        passage = self.peek(0)
        if passage is not None:
            del self.buffer[0]
        return passage


def _term(text: str, passage: Passage) -> bool:
    """True for a short quoted noun phrase after a determiner: seek a “diplomatic solution”."""
    a, b = passage.parts[0]
    if len(passage.parts) > 1 or len(text[a:b].split()) > _TERM_WORDS or not text[a : a + 1].islower():
        return False
    before = _WORD.findall(text, max(0, passage.start - 12), passage.start)
    spaced = text[passage.start - 1 : passage.start] == " "
    return bool(before) and before[-1].lower() in cues.DETERMINERS and spaced


def _continues(text: str, previous: Passage, passage: Passage) -> bool:
    """True when an unattributed ``passage`` goes on from ``previous``: later in the same paragraph,
    or opening the next paragraph."""
    gap = text[previous.end : passage.start]
    if len(gap) > _CONTEXT:
        return False
    if "\n" not in gap:
        return True
    return "\n" not in gap.strip() and not gap[gap.rfind("\n") :].strip()


def _joins(text: str, first: Passage, second: Passage, gap: TokenStream) -> bool:
    """True when ``second`` continues ``first`` after an attribution in between ("…," she said, "…")."""
    if second.start - first.end > _JOIN_GAP or text.find("\n", first.end, second.start) >= 0:
        return False
    if _content_end(text, first) not in _SPLIT_ENDINGS or not gap.need(1):
        return False
    if text[first.end : second.start].rstrip()[-1:] not in ",.:;":
        return False
    gap_tokens = gap.all()
    if any(t[TEXT] in '“”".!?' for t in gap_tokens[:-1]):
        return False
    if sum(is_cue(gap_tokens, k) for k in range(len(gap_tokens))) > 1:
        return False  # "…," Trump said, adding later, "…": two attributions
    rest = text[second.end : second.end + 3].lstrip(" \t\u00a0")
    a, b = second.parts[0]
    several = _SENTENCE_END.search(text, a, b) is not None
    return several or _content_end(text, second) in ".!?,…—" or not rest or rest[0] in "\n.!?"
