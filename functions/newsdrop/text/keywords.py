"""Keywords: the words and names an article is about, best first.

Each content word (not a stopword) is scored by how often it occurs, how early
it first appears, how many sentences it spreads over and how rare it is in
general English (``stopwords.zipf``). Words are grouped by Porter stem, so
"sanction" and "sanctions" count as one. Named things become phrases: a
multi-word entity ("Joe Biden") takes the place of its words ("Biden",
"Joe"), and titles ("President Joe") never form keywords of their own.
Linear in the text: one pass over the words (read whitespace chunk by chunk
through ``keyword_tokens``) into at most ``MAX_STEMS`` per-stem records, then
a sort of the stems that can rank. The sentences' chunks may come split
already (``words``, a ``SentenceWords`` the summary reads too).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from operator import attrgetter

from newsdrop.models import Entity, Keyword
from newsdrop.text.keyword_tokens import (
    CHUNK_LEADS,
    CHUNK_WORDS,
    MIN_LENGTH,
    SentenceWords,
    Split,
    chunks,
    lead,
)
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence
from newsdrop.text.stem import stem
from newsdrop.text.stopwords import RARE_ZIPF, STOPWORDS, is_common, lowest_zipf, zipf

_WORD = LazyPattern(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TOKEN = LazyPattern(r"\w+(?:['’-]\w+)*")
_LEADING_ARTICLE = LazyPattern(r"^(?:The|A|An)\s+")
NAMED_TYPES = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})
POSITION_DECAY = 0.1  # weight 1 / (1 + decay * sentence index) for a word's first sentence
RARITY_BASE = 8.0  # informativeness = RARITY_BASE - zipf(word)
RARITY_POWER = 0.5
LENGTH_CAP = 12  # longer words are more often keywords, up to this length
LENGTH_POWER = 1.0
TITLE_BOOST = 1.5  # factor for words that also appear in the headline
# Distinct stems counted at once; past this (only in texts far longer than an article) the weaker
# half by score so far is forgotten.
MAX_STEMS = 1536
CACHE_SIZE = 512  # entries of each small look-up cache below (written form, entity name, role)
# Titles written before names; not keywords when only ever written capitalised.
TITLE_WORDS = frozenset(
    "president minister secretary chancellor senator governor mayor spokesman spokeswoman chairman "
    "general gen sen rep gov lt col sgt capt prime deputy vice king queen prince princess pope".split()
)

# A record, a list: [count, last sentence seen in, number of sentences seen in, first sentence seen
# in, first written form, more]. Each written form has one; a stem written in one form only is
# counted in that record (more None). A stem with several forms has a record of its own, whose
# ``more`` lists its forms in order of first use; the forms' records link to it in their ``more``
# and then keep only their own count.
Record = list
_COUNT, _LAST, _SPREAD, _FIRST, _FORM, _MORE = range(6)
_LOG1 = tuple(1.0 + math.log(n) if n else 0.0 for n in range(256))  # 1 + ln n for small n
_POSITION = tuple(1.0 / (1.0 + POSITION_DECAY * n) for n in range(256))  # the position weight
_FACTORS: tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]] = ({}, {})
# rarity ** RARITY_POWER by Zipf frequency (None: a word of another language); the table holds few values
_RARITIES: dict[float | None, float] = {}
_LENGTHS = tuple(n**LENGTH_POWER for n in range(LENGTH_CAP + 1))  # the length weight by capped length
_ENTITY_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {}
_ROLE_STEMS: dict[str, str | None] = {}
_MENTIONS = attrgetter("mentions")


def extract_keywords(
    text: str,
    sentences: list[Sentence],
    entities: list[Entity],
    language: str | None,
    limit: int = 10,
    *,
    title: str | None = None,
    words: SentenceWords | None = None,
) -> list[Keyword]:
    """Best keywords first, at most ``limit``, deduplicated by stem; words of ``title`` weigh more.

    ``words``: the sentences' chunks, shared with the summary (split here on first use); without it
    the sentences are split here."""
    if limit <= 0 or not text or text.isspace():
        return []
    english = language in (None, "en")
    shared = words.splits() if words is not None and sentences else []
    stats, forms, initial, repeated = _word_stats(text, sentences, english, shared)
    if language and language != "en":
        _drop_function_words(stats, len(sentences))
    boosted = _title_keys(title)
    excluded = _excluded(entities, stats)
    phrases = _phrases(entities, stats)
    choose = (stats, forms, initial, phrases, limit)
    # Most stems occur once and score at most ``ceiling``: rank the others first, and all of them
    # only when the keywords run past the ceiling. ``stats`` is in order of first sentence, so the
    # first stem seen once has the earliest first sentence of them all.
    once = next((stat[_FIRST] for stat in stats.values() if stat[_COUNT] == 1), None)
    if once is not None:
        weight = _top_weight() * (TITLE_BOOST if boosted else 1.0)
        ceiling = weight / (1.0 + POSITION_DECAY * once) * (1.0 + 1e-9)  # a margin for rounding
        strong = [(key, stats[key]) for key in repeated if key in stats]
        chosen = _choose(_rank(strong, excluded, boosted, english), ceiling, *choose)
        if chosen is not None:
            return chosen
    return _choose(_rank(stats.items(), excluded, boosted, english), None, *choose) or []


def _word_stats(
    text: str, sentences: list[Sentence], english: bool, shared: list[Split] | None = None
) -> tuple[dict[str, Record], dict[str, Record], dict[str, int], list[str]]:
    """Records per stem and per written form (see ``Record``), how often each form opens a
    sentence, and the stems counted more than once, in the order they got there.

    Each sentence's text is read once (``shared`` holds the chunks of the first ones), as whitespace
    chunks whose content words come from the ``CHUNK_WORDS`` cache; a repeated word costs one
    dictionary look-up."""
    stats: dict[str, Record] = {}
    words: dict[str, Record] = {}
    initial: dict[str, int] = {}
    repeated: list[str] = []
    weights: dict[str, float] = {}  # for _prune
    get_word = words.get
    get_stat = stats.get
    words_of = CHUNK_WORDS.__getitem__
    lead_of = CHUNK_LEADS.get
    for index, (sentence, parts) in enumerate(_sentence_chunks(text, sentences, shared or [])):
        flat = chain.from_iterable(filter(None, map(words_of, parts)))
        for key, word in zip(flat, flat):  # noqa: B905 - pairs of one flat sequence
            record = get_word(word)
            if record is None:
                if get_stat(key) is None:  # a new stem
                    stats[key] = words[word] = [1, index, 1, index, word, None]
                    if len(stats) > MAX_STEMS:
                        _prune(stats, words, initial, english, weights)
                        repeated[:] = [k for k in dict.fromkeys(repeated) if k in stats]
                else:
                    _add_form(stats, words, repeated, key, word, index)
                continue
            record[0] += 1
            link = record[5]
            if link is not None:
                record = link
                record[0] += 1
            elif record[0] == 2:
                repeated.append(key)
            if record[1] != index:
                record[1] = index
                record[2] += 1
        opening = lead_of(parts[0]) if parts.__class__ is list and parts else None
        if opening is None:
            opening = lead(sentence, parts)
        if opening:
            initial[opening] = initial.get(opening, 0) + 1
    return stats, words, initial, repeated


def _sentence_chunks(
    text: str, sentences: list[Sentence], shared: list[Split]
) -> Iterator[tuple[str, Iterable[str]]]:
    """(text, chunks) of each sentence (of ``text`` when there are none): ``shared`` splits first,
    then the others split here (lazily for a very long one)."""
    if not sentences:
        yield text, chunks(text)
        return
    for sentence, split in zip(sentences, shared):  # noqa: B905 - shared covers the first sentences
        if split is None:
            body = sentence.text
            yield body, chunks(body)
        else:
            yield split
    for sentence in islice(sentences, len(shared), None):
        body = sentence.text
        yield body, chunks(body)


def _add_form(
    stats: dict[str, Record], words: dict[str, Record], repeated: list[str], key: str, word: str, index: int
) -> None:
    """Count the first use of ``word``, a new form of the known stem ``key``, in sentence ``index``."""
    stat = stats[key]
    if stat[_MORE] is None:  # a second form: the stem gets a record of its own
        first = stat
        if first[_COUNT] == 1:
            repeated.append(key)
        stat = stats[key] = [first[_COUNT], first[_LAST], first[_SPREAD], first[_FIRST], first[_FORM],
                             [first[_FORM]]]
        first[_MORE] = stat
    words[word] = [1, index, 1, index, word, stat]
    stat[_MORE].append(word)
    stat[_COUNT] += 1
    if stat[_LAST] != index:
        stat[_LAST] = index
        stat[_SPREAD] += 1


def _forms(stat: Record) -> list[str]:
    """The written forms of a stem's record, in order of first use."""
    return stat[_MORE] or [stat[_FORM]]


def _prune(
    stats: dict[str, Record],
    words: dict[str, Record],
    initial: dict[str, int],
    english: bool,
    weights: dict[str, float],
) -> None:
    """Forget the weaker half of the stems, ranked as keywords are (score so far, first sentence,
    stem), with their forms: bounded memory. ``weights`` keeps the stems' rarity * length factors."""
    order = []
    for key, (count, _, spread, first, form, _) in stats.items():
        weight = weights.get(key)
        if weight is None:
            rarity, length = _weigh(form, english)
            weight = weights[key] = rarity * length
        frequency = (1.0 + math.log(count)) * (1.0 + math.log(spread))
        order.append((-frequency / (1.0 + POSITION_DECAY * first) * weight, first, key))
    order.sort()
    for _, _, key in order[len(order) // 2 :]:
        del weights[key]
        for word in _forms(stats.pop(key)):
            del words[word]
            initial.pop(word, None)


def _rank(
    stats: Iterable[tuple[str, Record]], excluded: set[str], boosted: set[str], english: bool
) -> list[tuple[float, int, str]]:
    """(-score, first sentence, stem) of the given stems, best first."""
    factors = _FACTORS[english]
    log1 = _LOG1
    position = _POSITION
    ranked = []
    append = ranked.append
    for key, (count, _, spread, first, form, _) in stats:
        if key in excluded:
            continue
        rarity, length = factors.get(form) or _factor(form, english)
        if count < 256:
            frequency = log1[count] * log1[spread]
        else:
            frequency = (1.0 + math.log(count)) * (1.0 + math.log(spread))
        weight = position[first] if first < 256 else 1.0 / (1.0 + POSITION_DECAY * first)
        score = frequency * weight * rarity * length
        if key in boosted:
            score *= TITLE_BOOST
        append((-score, first, key))
    ranked.sort()
    return ranked


def _choose(
    ranked: list[tuple[float, int, str]],
    floor: float | None,
    stats: dict[str, Record],
    words: dict[str, Record],
    initial: dict[str, int],
    phrases: dict[str, tuple[str, frozenset[str]]],
    limit: int,
) -> list[Keyword] | None:
    """The keywords in ``ranked`` order, phrases for entity words, one per stem and label.

    With a ``floor``: None when ``limit`` keywords are not found among the scores above it."""
    out: list[Keyword] = []
    used: set[str] = set()
    seen: set[str] = set()
    for negative, _, key in ranked:
        if floor is not None and -negative <= floor:
            return None
        if key in used:
            continue
        phrase = phrases.get(key)
        if phrase is not None:
            label, keys = phrase
            used.update(keys)
        else:
            label = _surface(stats[key], words, initial)
            used.add(key)
        folded = label.casefold()
        if folded in seen:
            continue
        seen.add(folded)
        out.append(Keyword(text=label, score=round(-negative, 4)))
        if len(out) >= limit:
            return out
    return None if floor is not None else out


def _weigh(form: str, english: bool) -> tuple[float, float]:
    """(rarity ** RARITY_POWER, length weight) of a stem whose first written form is ``form``."""
    word = form.lower()
    value = zipf(word) if english else None
    rarity = _RARITIES.get(value)
    if rarity is None:
        base = max(0.5, RARITY_BASE - value) if value is not None else RARITY_BASE - RARE_ZIPF
        rarity = _RARITIES[value] = base**RARITY_POWER
    return rarity, _LENGTHS[min(len(word), LENGTH_CAP)]


def _factor(form: str, english: bool) -> tuple[float, float]:
    """``_weigh`` behind a small cache."""
    factors = _FACTORS[english]
    if len(factors) >= CACHE_SIZE:
        factors.clear()
    factor = factors[form] = _weigh(form, english)
    return factor


def _top_weight(cached: list[float] = []) -> float:  # noqa: B006 - a lazy constant
    """The largest rarity * length factor any word can get."""
    if not cached:
        rarity = max(0.5, RARITY_BASE - lowest_zipf(), RARITY_BASE - RARE_ZIPF)
        cached.append(rarity**RARITY_POWER * LENGTH_CAP**LENGTH_POWER)
    return cached[0]


def _has_lower_form(stat: Record) -> bool:
    more = stat[_MORE]
    return stat[_FORM][0].islower() or (more is not None and any(form[0].islower() for form in more))


def _title_keys(title: str | None) -> set[str]:
    """Stems of the content words of the headline."""
    if not title:
        return set()
    words = (w.lower() for w in _TOKEN.findall(title))
    return {stem(w) for w in words if w not in STOPWORDS and len(w) >= MIN_LENGTH}


def _excluded(entities: list[Entity], stats: dict[str, Record]) -> set[str]:
    """Stems of title words only ever written capitalised here: never keywords of their own.

    Title words are common titles ("President") and the head of each entity's roles."""
    titles = stats.keys() & _common_title_stems()
    for entity in entities:
        for role in entity.roles:
            key = _ROLE_STEMS.get(role, "")
            if key == "":
                key = _role_stem(role)
            if key is not None and key in stats:
                titles.add(key)
    return {key for key in titles if not _has_lower_form(stats[key])}


def _common_title_stems(cached: list[frozenset[str]] = []) -> frozenset[str]:  # noqa: B006 - a lazy constant
    if not cached:
        cached.append(frozenset(stem(w) for w in TITLE_WORDS if w not in STOPWORDS))
    return cached[0]


def _role_stem(role: str) -> str | None:
    """Stem of the head of a role ("Russian President" -> "presid"; "Russian" may be a topic)."""
    head = _TOKEN.findall(role)[-1:]
    key = stem(head[0].lower()) if head and head[0].lower() not in STOPWORDS else None
    if len(_ROLE_STEMS) >= CACHE_SIZE:
        _ROLE_STEMS.clear()
    _ROLE_STEMS[role] = key
    return key


def _phrases(entities: list[Entity], stats: dict[str, Record]) -> dict[str, tuple[str, frozenset[str]]]:
    """Stem -> (entity name, its stems) for multi-word named entities whose words are only capitalised."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    get_stat = stats.get
    for entity in sorted(entities, key=_MENTIONS, reverse=True):  # stable: ties keep their order
        if entity.type not in NAMED_TYPES:
            continue
        name, keys = _ENTITY_KEYS.get(entity.name) or _entity_keys(entity.name)
        if len(keys) < 2:
            continue
        for key in keys:
            stat = get_stat(key)
            if stat is None or _has_lower_form(stat):
                break  # a word not counted, or also a plain word here ("bank")
        else:
            entry = (name, frozenset(keys))
            for key in keys:
                out.setdefault(key, entry)
    return out


def _entity_keys(name: str) -> tuple[str, tuple[str, ...]]:
    """(name without a leading article, stems of its content words in order)."""
    bare = _LEADING_ARTICLE.sub("", name).strip()
    keys = tuple(stem(w.lower()) for w in _WORD.findall(bare) if w.lower() not in STOPWORDS)
    if len(_ENTITY_KEYS) >= CACHE_SIZE:
        _ENTITY_KEYS.clear()
    _ENTITY_KEYS[name] = (bare, keys)
    return bare, keys


def _drop_function_words(stats: dict[str, Record], sentences: int) -> None:
    """Other languages have no stopword list here: drop short words and words in most sentences."""
    for key in [k for k, stat in stats.items() if len(k) < 4 or stat[_SPREAD] > max(3, sentences // 2)]:
        if not stats[key][_FORM].isupper():
            del stats[key]


def _surface(stat: Record, words: dict[str, Record], initial: dict[str, int]) -> str:
    """The commonest written form; lower case when the word is also written so, or is a common
    word capitalised only at sentence starts ("Stopped")."""
    more = stat[_MORE]
    if more is None:
        forms = [form := stat[_FORM]]
        lower = form.lower()
        if lower == form:
            return lower
    else:
        forms = more
        counts = {word: words[word][_COUNT] for word in more}
        form = max(counts.items(), key=lambda item: (item[1], item[0].islower()))[0]
        lower = form.lower()
        if lower in counts:
            return lower
    if form.isupper() or not is_common(lower):
        return form
    # written capitalised somewhere other than a sentence start: a name, kept as written
    named = any(word[0].isupper() and words[word][_COUNT] > initial.get(word, 0) for word in forms)
    return form if named else lower
