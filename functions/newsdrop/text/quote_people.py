"""The people (and other entities) a quote's speaker words can name.

``People`` indexes the entities' name forms (full name, aliases, a person's surname) by their
words (a one-word name of a place or an organization without aliases goes straight in), finds the
mentions of persons in the text on first need (at the capitalised words that start a form that
matters: ``str.find`` of those first words in a short text, those that share a capital letter
found together, one regex scan of every capitalised word in a long one; kept in compact arrays),
and works out per person, on first need, a gender and the role words seen next to the name
("Psaki, the spokeswoman,").
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator
from functools import cache, lru_cache
from types import ModuleType

from newsdrop.models import Entity
from newsdrop.text import cues
from newsdrop.text.lazyre import LazyPattern

_CAP_WORD = LazyPattern(r"\b[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?")
_CAP_RUN_WORD = LazyPattern(r"[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?")  # _CAP_WORD without the \b: scans faster
_NEXT_CAP_WORD = LazyPattern(r"[ \u00a0]+([A-ZÀ-ÖØ-Þ][\w'’\-]*\.?)")  # the next word of a run of names
_POSSESSIVE = LazyPattern(r"(?:['’]s|['’])$")
_WORD = LazyPattern(r"[^\W\d_][\w'’\-]*")

ANTECEDENT_MENTIONS = 40
_EVIDENCE_MENTIONS = 50
_CLOSING = frozenset(',;:.!?”")')  # punctuation after a word, never part of one
_FIND_BUDGET = 400_000  # head words x text length: above it, one regex scan is cheaper
_GENDERED = cues.FEMALE_ROLES | cues.MALE_ROLES
_LETTER_HITS = 16  # a capital found more often than this (+1 per 64 characters): searched per head


_NORMED_ENDS = "s’'."  # a word ending otherwise is its own key word (see ``norm``)


def norm(word: str) -> str:
    """A word as a name key: no possessive, no trailing period."""
    last = word[-1:]
    if last and last in _NORMED_ENDS:
        return _strip_possessive(word)
    return word


def without_possessive(name: str) -> str:
    """``name`` without a possessive ending ("Berg’s" -> "Berg")."""
    return _POSSESSIVE.sub("", name)


@lru_cache(maxsize=2048)
def _strip_possessive(word: str) -> str:
    """``word`` without a possessive ending or trailing periods (cached: a small vocabulary)."""
    return _POSSESSIVE.sub("", word).rstrip(".")


def key(words: list[str]) -> str:
    """The look-up key of a name written as ``words``: its words normalised, joined by spaces."""
    return " ".join([norm(w) for w in words])


def words_of(text: str, last: int = 0) -> list[str]:
    """The words of ``text`` (as ``_WORD.findall``), or only its ``last`` ones. The text is split at
    white space first: a chunk of letters only is a word as it stands, without a regex."""
    chunks = text.split()
    if last:
        out: list[str] = []
        for chunk in reversed(chunks):
            out[:0] = [chunk] if chunk.isalpha() else _WORD.findall(chunk)
            if len(out) >= last:
                return out[-last:]
        return out
    return [w for chunk in chunks for w in ([chunk] if chunk.isalpha() else _WORD.findall(chunk))]


def _chunk_words(chunk: str) -> list[str]:
    """The words of a chunk of text without white space (as ``_WORD.findall``)."""
    if chunk.isalpha():
        return [chunk]
    if chunk[-1] in _CLOSING and chunk[:-1].isalpha():
        return [chunk[:-1]]
    return _WORD.findall(chunk)


class People:
    """Entity names found in the text, with what can be told of each person's gender and roles.

    Mentions are found on first need (one scan of the capitalised words); gender and roles
    are worked out per person on first need."""

    def __init__(self, text: str, entities: list[Entity]) -> None:
        self.text = text
        self.entities = entities
        self.keys: dict[str, int] = {}  # name key -> the (first) entity with that form
        self.shared: dict[str, list[int]] = {}  # keys of several entities -> all of them
        self.first: dict[str, int] = {}  # first word of a key -> longest key length
        self.resolved: list[tuple[int, int, int]] = []  # speakers found by resolution, in text order
        self._scanned = False
        self._facts: dict[int, tuple[str | None, frozenset[str]]] = {}
        keys, shared, first = self.keys, self.shared, self.first
        suffixes, keys_get, first_get = cues.SUFFIXES, keys.get, first.get
        self._person = person = bytearray(len(entities))  # 1 for a PERSON
        self._odd = False  # a first word that ``norm`` would change again (see ``_heads``)
        normed_ends, strip_possessive = _NORMED_ENDS, _strip_possessive
        for index, entity in enumerate(entities):
            name = entity.name
            if not entity.aliases and entity.type != "PERSON" and name.isalpha():
                # one plain word ("Oslo"): its own key and first word (norm changes no word of letters)
                found = keys_get(name)
                if found is None:
                    keys[name] = index
                elif found != index:
                    if (indices := shared.get(name)) is None:
                        shared[name] = [found, index]
                    elif index not in indices:
                        indices.append(index)
                if name not in first:
                    first[name] = 1
                continue
            forms = [name, *entity.aliases] if entity.aliases else [name]
            if entity.type == "PERSON":
                person[index] = 1
                words = name.split()
                if not all(map(str.isalpha, words)):  # plain letters: the chunks are the words
                    words = words_of(name)
                if len(words) > 1:
                    surname = words[-1]
                    if surname.lower() in suffixes:
                        last = [w for w in words if w.lower() not in suffixes]
                        surname = last[-1] if last else surname
                    if surname not in forms:  # often an alias already
                        forms.append(surname)
            for form in forms:
                words = form.split()
                size = len(words)
                if size == 1:
                    head = words[0]  # norm(head), inline
                    if head[-1] in normed_ends:
                        head = strip_possessive(head)
                    name = form if head == form else head
                elif words:
                    normed = [w if w[-1] not in normed_ends else strip_possessive(w) for w in words]
                    name, head = " ".join(normed), normed[0]
                    if name == form:
                        name = form  # the entity's own string: no copy kept
                else:
                    continue
                found = keys_get(name)
                if found is None:
                    keys[name] = index
                    if head[-1:] in normed_ends and strip_possessive(head) != head:
                        self._odd = True
                elif found == index:
                    continue
                elif (indices := shared.get(name)) is None:
                    shared[name] = [found, index]
                elif index in indices:
                    continue
                else:
                    indices.append(index)
                if first_get(head, 0) < size:
                    first[head] = size

    def find(self, name_key: str) -> list[int] | None:
        """The entities with the form ``name_key`` (see ``key``), in entity order, or None."""
        found = self.keys.get(name_key)
        if found is None:
            return None
        return self.shared.get(name_key) or [found]

    # --- mentions --------------------------------------------------------------------------------

    def _scan(self) -> None:
        """Find the persons' mentions: at each capitalised word, the longest run of capitalised
        words (separated by spaces only) that is a known form; a form of several entities is the
        one seen last, else the most mentioned. Unambiguous mentions are linked per person, as
        evidence for gender and roles."""
        self._scanned = True
        text, first_get, keys_get, shared = self.text, self.first.get, self.keys.get, self.shared
        entities = self.entities
        starts, owners, ends, links = array("i"), array("i"), array("i"), array("i")
        head, tail = array("i", [-1]) * len(entities), array("i", [-1]) * len(entities)
        last_seen = array("i", [-1]) * len(entities)
        person = self._person
        next_word = _NEXT_CAP_WORD.match
        normed_ends, strip_possessive = _NORMED_ENDS, _strip_possessive
        heads = self._heads(person)
        covered = 0
        for match in self._cap_words(heads):
            start = match.start()
            if start < covered:
                continue
            word = match.group()
            normed = word if word[-1] not in normed_ends else strip_possessive(word)  # norm(word)
            if word not in heads and normed not in heads:
                continue  # no form that matters starts here
            longest = first_get(word) or first_get(normed)
            end = match.end()
            if longest == 1:
                name = normed
                found = keys_get(name)
                if found is None:
                    continue
            elif longest == 2:  # the run below, for forms of at most two words (most names)
                nxt = next_word(text, end)
                found = keys_get(name := f"{normed} {norm(nxt.group(1))}") if nxt else None
                if found is not None:
                    end = covered = nxt.end()
                elif (found := keys_get(name := normed)) is None:
                    continue
            else:
                run, run_ends = [normed], [end]
                while len(run) < longest and (nxt := next_word(text, run_ends[-1])):
                    run.append(norm(nxt.group(1)))
                    run_ends.append(nxt.end())
                for size in range(len(run), 0, -1):
                    name = " ".join(run[:size]) if size > 1 else run[0]
                    found = keys_get(name)
                    if found is not None:
                        end = run_ends[size - 1]
                        covered = end if size > 1 else covered
                        break
                else:
                    continue
            many = shared.get(name) if shared else None
            index = self._pick_seen(many, last_seen) if many else found
            last_seen[index] = start
            if person[index]:
                row = len(starts)
                if not many:  # unambiguous: evidence for gender and roles
                    if tail[index] < 0:
                        head[index] = row
                    else:
                        links[tail[index]] = row
                    tail[index] = row
                starts.append(start)
                owners.append(index)
                ends.append(end)
                links.append(-1)
        self._starts, self._owners, self._ends, self._links, self._head = starts, owners, ends, links, head

    def _heads(self, person: bytearray) -> set[str]:
        """The first words of the forms whose match changes something: forms of a person or of an
        entity sharing a form, and forms of several words that would hide (cover) such a first word.
        Any other form (say "Oslo", or "White House" with no person called House) is left out: a match
        on it would change nothing. When no form is shared and ``norm`` changes no first word again (noted
        while indexing), only a person's forms are looked for and those that may cover them."""
        keys, shared, first = self.keys, self.shared, self.first
        waiting: dict[str, list[str]] = {}  # a later word of a form left out -> the heads of such forms
        if not shared and not self._odd:  # the common case: a person's form or one that may cover it
            heads = set()
            for name, index in keys.items():
                head, _, rest = name.partition(" ")
                if person[index]:
                    heads.add(head)
                elif rest:
                    for word in rest.split(" "):
                        waiting.setdefault(word, []).append(head)
            return _covering(heads, waiting)
        contested = {i for indices in shared.values() for i in indices}
        heads = set()
        odd = {head for head in first if head[-1:] in "s’'." and norm(head) != head}  # norm would change
        for name, index in keys.items():
            head, _, rest = name.partition(" ")
            if person[index] or index in contested or name in shared or head in odd or (rest and odd):
                heads.add(head)
            elif rest:
                for word in rest.split(" "):
                    waiting.setdefault(word, []).append(head)
        return _covering(heads, waiting)

    def _cap_words(self, heads: set[str]) -> Iterator[re.Match[str]]:
        """The capitalised words (as ``_CAP_WORD.finditer`` finds them) a form in ``heads`` may start
        at, and maybe others, in text order.

        A short text with few such forms is searched for the head words (``_head_positions``: far
        cheaper than a regex scan); a longer one, or one where a head is glued to a word by an
        apostrophe or hyphen, is scanned for every capitalised word."""
        text = self.text
        if len(heads) * len(text) <= _FIND_BUDGET:
            found = _head_positions(text, heads)
            if not any(at and text[at - 1] in "'’-" for at in found):
                match_at = _CAP_WORD.match
                return filter(None, [match_at(text, at) for at in sorted(found)])
        return self._every_cap_word()

    def _every_cap_word(self) -> Iterator[re.Match[str]]:
        """Every capitalised word, in text order (``_CAP_WORD.finditer``, computed faster)."""
        text = self.text
        for match in _CAP_RUN_WORD.finditer(text):
            start = match.start()
            if start and ((c := text[start - 1]).isalnum() or c == "_"):  # inside a word: no \b there
                match = _CAP_WORD.search(text, start + 1, match.end())
                if match is None:
                    continue
            yield match

    def _pick_seen(self, found: list[int], last_seen: array) -> int:
        """Of entities sharing a form, the one seen last, else the most mentioned."""
        seen = [i for i in found if last_seen[i] >= 0]
        if seen:
            return max(seen, key=last_seen.__getitem__)
        return max(found, key=lambda i: (self.entities[i].type == "PERSON", self.entities[i].mentions))

    def before(self, start: int, stop: int) -> list[tuple[int, int, int]]:
        """Up to ANTECEDENT_MENTIONS mentions (names and resolved speakers) in [start, stop), in order,
        as (position, entity index, end)."""
        if not self._scanned:
            self._scan()
        starts = self._starts
        hi = bisect.bisect_left(starts, stop)
        lo = max(bisect.bisect_left(starts, start), hi - ANTECEDENT_MENTIONS)
        owners, ends = self._owners, self._ends
        found = [(starts[r], owners[r], ends[r]) for r in range(lo, hi)]
        seq = self.resolved
        if seq:
            hi = bisect.bisect_left(seq, (stop, -1))
            lo = max(bisect.bisect_left(seq, (start, -1)), hi - ANTECEDENT_MENTIONS)
            found += seq[lo:hi]
            found.sort()
        return found[-ANTECEDENT_MENTIONS:]

    def add_mention(self, pos: int, index: int) -> None:
        """Record a speaker found by resolution (kept apart: appended in text order, cheaply)."""
        if not self.resolved or self.resolved[-1] <= (pos, index, pos):
            self.resolved.append((pos, index, pos))
        else:
            bisect.insort(self.resolved, (pos, index, pos))

    # --- what is known of a person -------------------------------------------------------------------

    def facts(self, index: int) -> tuple[str | None, frozenset[str]]:
        """Gender ("f", "m" or None) and the role words seen next to the person's name."""
        known = self._facts.get(index)
        if known is None:
            if not self._scanned:
                self._scan()
            text, starts, ends, links = self.text, self._starts, self._ends, self._links
            words: list[str] = []
            row, seen = self._head[index], 0
            while row >= 0 and seen < _EVIDENCE_MENTIONS:
                words += _around(text, starts[row], ends[row])
                row, seen = links[row], seen + 1
            entity = self.entities[index]
            for role in entity.roles:
                words += words_of(role)
            if words:  # one lower() for all: the words hold no space (see ``_lower_each``)
                words = _lower_each(words)
            known = self._facts[index] = (_gender(entity.name, words), frozenset(words))
        return known

    def pick(self, found: list[int]) -> int:
        """Of entities sharing a form, the person mentioned most."""
        return max(found, key=lambda i: (self.entities[i].type == "PERSON", self.entities[i].mentions))

    def lookup(self, words: list[str]) -> int | None:
        """The entity named by the longest run of ``words`` that is a known form (PERSON first)."""
        best: tuple[bool, int, int, int] | None = None  # (is a person, end, size, entity index)
        first, entities = self.first, self.entities
        for i in range(len(words)):
            for size in range(min(first.get(norm(words[i]), 0), len(words) - i), 0, -1):
                found = self.find(key(words[i : i + size]))
                if found:
                    index = max(found, key=lambda x: entities[x].mentions)
                    rank = (entities[index].type == "PERSON", i + size, size)
                    if best is None or rank > best[:3]:
                        best = (*rank, index)
                    break
        return best[3] if best else None

    def by_role(self, role: str, before: int) -> int | None:
        """The person last mentioned before ``before`` with ``role`` seen next to their name."""
        for _, index, _ in reversed(self.before(0, before)):
            if role in self.facts(index)[1]:
                return index
        return None


def _around(text: str, start: int, end: int) -> list[str]:
    """Words just before a mention (its last two in the 40 characters before it) and in an apposition
    after it ("Psaki, the spokeswoman,"), as written."""
    window = text[max(0, start - 40) : start]
    chunks = window.rsplit(None, 2)  # the last two chunks hold the last two words, most often
    before: list[str] = []
    if len(chunks) > 1:
        last = chunks[-1]
        if last.isalpha():  # as _chunk_words, inline: most chunks are a plain word
            before = [last]
        elif last[-1] in _CLOSING and last[:-1].isalpha():
            before = [last[:-1]]
        else:
            before = _WORD.findall(last)
        if len(before) < 2:
            prev = chunks[-2]
            before = ([prev] if prev.isalpha() else _chunk_words(prev)) + before
    if len(before) > 2:
        before = before[-2:]
    elif len(before) < 2:
        before = words_of(window, last=2)
    if text.startswith(",", end):
        stop = text.find(",", end + 1, end + 80)
        return before + words_of(text[end + 1 : stop if stop > 0 else min(len(text), end + 40)])
    return before


def _lower_each(words: list[str]) -> list[str]:
    """``[w.lower() for w in words]`` in one call: words hold no space and are not empty, and lower()
    maps each character on its own (a final sigma is final either way)."""
    return " ".join(words).lower().split(" ")


def _covering(heads: set[str], waiting: dict[str, list[str]]) -> set[str]:
    """``heads`` and the first words of the forms in ``waiting`` (later word -> first words) that cover
    one of them, and so on."""
    queue = list(heads)
    while queue:
        for head in waiting.pop(queue.pop(), ()):
            if head not in heads:
                heads.add(head)
                queue.append(head)
    return heads


def _head_positions(text: str, heads: set[str]) -> set[int]:
    """Where in ``text`` any of ``heads`` starts (every ``str.find`` hit of each).

    Heads that start with the same capital letter are looked for together: one pass finds the
    letter (capitals are rare), ``startswith`` tries the heads there. A letter found too often
    hands the rest of the text to one ``str.find`` pass per head."""
    found: set[int] = set()
    add, find, starts_with = found.add, text.find, text.startswith
    groups: dict[str, list[str]] = {}
    for head in heads:
        if head[:1].isupper():
            groups.setdefault(head[0], []).append(head)
        else:
            at = find(head)
            while at >= 0:
                add(at)
                at = find(head, at + 1)
    limit = _LETTER_HITS + len(text) // 64
    for letter, group in groups.items():
        tried = tuple(group)
        at, hits = find(letter), 0
        while at >= 0:
            hits += 1
            if hits > limit:
                for head in tried:
                    at_head = find(head, at)
                    while at_head >= 0:
                        add(at_head)
                        at_head = find(head, at_head + 1)
                break
            if starts_with(tried, at):
                add(at)
            at = find(letter, at + 1)
    return found


def _gender(name: str, words: list[str]) -> str | None:
    """ "f", "m" or None from role words near the name (lower-case) and the first name."""
    score = 0
    if not _GENDERED.isdisjoint(words):  # most have no gendered role word near them
        female, male = cues.FEMALE_ROLES.__contains__, cues.MALE_ROLES.__contains__
        score = 2 * (sum(map(female, words)) - sum(map(male, words)))
    chunks = name.split()
    if not all(map(str.isalpha, chunks)):
        chunks = words_of(name)
    titles = cues.TITLES
    first = next((w for w in chunks if w.lower() not in titles), "")
    by_name = first_name_gender(first) if first else None
    if by_name == "f":
        score += 1
    elif by_name == "m":
        score -= 1
    return "f" if score > 0 else "m" if score < 0 else None


def is_first_name(word: str) -> bool:
    """True for a known first name (False when the gazetteer is not installed)."""
    gazetteer = _gazetteer()
    return gazetteer is not None and gazetteer.is_first_name(word)


def first_name_gender(first: str) -> str | None:
    """ "f", "m" or None for a first name (None when the gazetteer is not installed)."""
    gazetteer = _gazetteer()  # optional: role words still decide without it
    return gazetteer.first_name_gender(first) if gazetteer is not None else None


@cache
def _gazetteer() -> ModuleType | None:
    try:
        from newsdrop.text import gazetteer
    except ImportError:
        return None
    return gazetteer
