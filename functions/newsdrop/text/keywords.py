"""Keywords: the words and names an article is about, best first.

Each content word (not a stopword) is scored by how often it occurs, how early
it first appears, how many sentences it spreads over and how rare it is in
general English (``stopwords.zipf``). Words are grouped by Porter stem, so
"sanction" and "sanctions" count as one. Named things become phrases: a
multi-word entity ("Joe Biden") takes the place of its words ("Biden",
"Joe"), and titles ("President Joe") never form keywords of their own.
Linear in the text: one pass over the words, then a sort of the distinct stems.
"""

from __future__ import annotations

import math
import re

from newsdrop.models import Entity, Keyword
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence
from newsdrop.text.stem import stem
from newsdrop.text.stopwords import RARE_ZIPF, STOPWORDS, is_common, zipf

_WORD = LazyPattern(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TOKEN = LazyPattern(r"\w+(?:['’-]\w+)*")
_CLITIC = LazyPattern(r"['’](?:s|re|ve|ll|d|m|t)$", re.IGNORECASE)
_LEADING_ARTICLE = LazyPattern(r"^(?:The|A|An)\s+")
NAMED_TYPES = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})
MIN_LENGTH = 3
POSITION_DECAY = 0.1  # weight 1 / (1 + decay * sentence index) for a word's first sentence
RARITY_BASE = 8.0  # informativeness = RARITY_BASE - zipf(word)
RARITY_POWER = 0.5
LENGTH_CAP = 12  # longer words are more often keywords, up to this length
LENGTH_POWER = 1.0
TITLE_BOOST = 1.5  # factor for words that also appear in the headline
# Upper-case forms kept although their lower-case forms are stopwords.
ACRONYMS = frozenset({"US", "UN"})
# Titles written before names; not keywords when only ever written capitalised.
TITLE_WORDS = frozenset(
    "president minister secretary chancellor senator governor mayor spokesman spokeswoman chairman "
    "general gen sen rep gov lt col sgt capt prime deputy vice king queen prince princess pope".split()
)
# Month names are dates, not topics ("may" is already a stopword).
MONTHS = frozenset(
    "january february march april june july august september october november december".split()
)


class _Stat:
    """What is known of one stem: count, first sentence, sentences seen in, written forms."""

    __slots__ = ("count", "first", "forms", "last", "named", "spread")

    def __init__(self, word: str, sentence: int) -> None:
        self.count = 1
        self.first = self.last = sentence
        self.spread = 1
        self.forms = {word: 1}
        self.named = False  # written capitalised somewhere other than a sentence start


def extract_keywords(
    text: str,
    sentences: list[Sentence],
    entities: list[Entity],
    language: str | None,
    limit: int = 10,
    *,
    title: str | None = None,
) -> list[Keyword]:
    """Best keywords first, at most ``limit``, deduplicated by stem; words of ``title`` weigh more."""
    if limit <= 0 or not text.strip():
        return []
    stats = _word_stats(text, sentences)
    if language and language != "en":
        _drop_function_words(stats, len(sentences))
    scores = {key: _score(stat, english=language in (None, "en")) for key, stat in stats.items()}
    for key in _title_keys(title) & scores.keys():
        scores[key] *= TITLE_BOOST
    for key in _title_stems(entities) & stats.keys():
        if not any(form[:1].islower() for form in stats[key].forms):
            del scores[key]  # "President" written only as a title before a name
    ranked = sorted(scores.items(), key=lambda item: (-item[1], stats[item[0]].first, item[0]))
    phrases = _phrases(entities, stats)
    out: list[Keyword] = []
    used: set[str] = set()
    seen: set[str] = set()
    for key, score in ranked:
        if key in used:
            continue
        phrase = phrases.get(key)
        if phrase is not None:
            label, keys = phrase
            used.update(keys)
        else:
            label = _surface(stats[key])
            used.add(key)
        if label.casefold() in seen:
            continue
        seen.add(label.casefold())
        out.append(Keyword(text=label, score=round(score, 4)))
        if len(out) >= limit:
            break
    return out


def _title_keys(title: str | None) -> set[str]:
    """Stems of the content words of the headline."""
    if not title:
        return set()
    words = (w.lower() for w in _TOKEN.findall(title))
    return {stem(w) for w in words if w not in STOPWORDS and len(w) >= MIN_LENGTH}


def _title_stems(entities: list[Entity]) -> set[str]:
    """Stems of title words: the head of each entity's roles and common titles."""
    words = set(TITLE_WORDS)
    for entity in entities:
        for role in entity.roles:
            head = _TOKEN.findall(role)[-1:]  # "Russian President" -> "President"; "Russian" may be a topic
            words.update(w.lower() for w in head)
    return {stem(w) for w in words if w not in STOPWORDS}


def _phrases(entities: list[Entity], stats: dict[str, _Stat]) -> dict[str, tuple[str, frozenset[str]]]:
    """Stem -> (entity name, its stems) for multi-word named entities whose words are only capitalised."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for entity in sorted(entities, key=lambda e: -e.mentions):
        if entity.type not in NAMED_TYPES:
            continue
        name = _LEADING_ARTICLE.sub("", entity.name).strip()
        keys = [stem(w.lower()) for w in _WORD.findall(name) if w.lower() not in STOPWORDS]
        if len(keys) < 2 or any(k not in stats for k in keys):
            continue
        if any(any(f[:1].islower() for f in stats[k].forms) for k in keys):
            continue  # "bank" is also a plain word here
        entry = (name, frozenset(keys))
        for key in keys:
            out.setdefault(key, entry)
    return out


def _word_stats(text: str, sentences: list[Sentence]) -> dict[str, _Stat]:
    """Per stem: count, first sentence, number of sentences, written forms.

    Each distinct token is classified once (``_classify``); repeated tokens cost one dict look-up."""
    stats: dict[str, _Stat] = {}
    seen: dict[str, tuple[str, str, bool] | None] = {}
    chunks = [s.text for s in sentences] if sentences else [text]
    for index, chunk in enumerate(chunks):
        for position, token in enumerate(_TOKEN.findall(chunk)):
            entry = seen.get(token, _UNSEEN)
            if entry is _UNSEEN:
                entry = seen[token] = _classify(token)
            if entry is None:
                continue
            key, word, capitalised = entry
            stat = stats.get(key)
            if stat is None:
                stat = stats[key] = _Stat(word, index)
                stat.named = position > 0 and capitalised
                continue
            if capitalised and position > 0:
                stat.named = True
            stat.count += 1
            if stat.last != index:
                stat.last = index
                stat.spread += 1
            forms = stat.forms
            forms[word] = forms.get(word, 0) + 1
    return stats


_UNSEEN = ("", "", False)  # a sentinel no classification returns


def _classify(token: str) -> tuple[str, str, bool] | None:
    """(stem, written form without clitic, capitalised) of a content word; None for other tokens."""
    if not token[0].isalpha():
        return None  # "2014", "3rd"
    word = _CLITIC.sub("", token) if "'" in token or "’" in token else token
    lower = word.lower()
    if (lower in STOPWORDS or len(lower) < MIN_LENGTH or lower in MONTHS) and not _is_acronym(word):
        return None
    return stem(lower), word, word[0].isupper()


def _is_acronym(word: str) -> bool:
    """"US", "UN", "EU": short upper-case names kept despite their length or lower-case twin."""
    return word[0].isupper() and (
        word in ACRONYMS or (len(word) == 2 and word.isupper() and word.lower() not in STOPWORDS)
    )


def _drop_function_words(stats: dict[str, _Stat], sentences: int) -> None:
    """Other languages have no stopword list here: drop short words and words in most sentences."""
    for key in [k for k, stat in stats.items() if len(k) < 4 or stat.spread > max(3, sentences // 2)]:
        if not next(iter(stats[key].forms)).isupper():
            del stats[key]


def _score(stat: _Stat, *, english: bool = True) -> float:
    word = next(iter(stat.forms)).lower()
    rarity = max(0.5, RARITY_BASE - zipf(word)) if english else RARITY_BASE - RARE_ZIPF
    position = 1.0 / (1.0 + POSITION_DECAY * stat.first)
    length = min(len(word), LENGTH_CAP) ** LENGTH_POWER
    frequency = (1.0 + math.log(stat.count)) * (1.0 + math.log(stat.spread))
    return frequency * position * rarity**RARITY_POWER * length


def _surface(stat: _Stat) -> str:
    """The commonest written form; lower case when the word is also written so, or is a common
    word capitalised only at sentence starts ("Stopped")."""
    form = max(stat.forms.items(), key=lambda item: (item[1], item[0].islower()))[0]
    lower = form.lower()
    if lower in stat.forms or (not stat.named and not form.isupper() and is_common(lower)):
        return lower
    return form
