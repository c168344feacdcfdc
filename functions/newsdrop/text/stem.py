"""A compact Porter stemmer (M. F. Porter, 1980) for English words.

Used to collapse word variants ("sanction", "sanctions", "sanctioned") when
ranking keywords and comparing sentences. ``porter_stem`` expects a lower-case
word; ``stem`` is the same function behind a bounded cache. The stemmer reads
a word's consonant/vowel pattern ("c"/"v", one letter per character) built
with ``str.translate``, so Porter's measure is a substring count, not a loop.
"""

from __future__ import annotations

from functools import lru_cache

STEM_CACHE_SIZE = 16_384  # words; the common vocabulary of a stream of news stays cached

_VOWELS = "aeiou"
# Lower-case ASCII letters -> "v" (vowel), "c" (consonant) or "y" (decided by the letter before it).
_CV_TABLE = str.maketrans({chr(c): "c" for c in range(ord("a"), ord("z") + 1)} | dict.fromkeys(_VOWELS, "v")
                          | {"y": "y"})

_STEP2 = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ("logi", "log"), ("fulli", "ful"),
)
_STEP3 = (
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "ement", "ment", "ence", "ance", "able", "ible", "ant", "ent", "ion", "ism", "ate", "iti", "ous",
    "ive", "ize", "al", "er", "ic", "ou",
)
# Irregular forms kept as NLTK's Porter variant keeps them.
_SPECIAL = {
    "skies": "sky", "sky": "sky", "dying": "die", "lying": "lie", "tying": "tie", "news": "news",
    "innings": "inning", "inning": "inning", "outings": "outing", "outing": "outing", "cannings": "canning",
    "canning": "canning", "howe": "howe", "proceed": "proceed", "exceed": "exceed", "succeed": "succeed",
}


def _pattern(word: str) -> str:
    """One letter per character of ``word``: "v" for a vowel, "c" for a consonant.

    "y" is a consonant at the start or after a vowel, else a vowel (Porter's rule)."""
    if word.isascii():
        cv = word.translate(_CV_TABLE)
    else:
        cv = "".join("v" if ch in _VOWELS else "y" if ch == "y" else "c" for ch in word)
    if "y" not in cv:
        return cv
    chars = list(cv)
    for i, ch in enumerate(chars):
        if ch == "y":
            chars[i] = "c" if i == 0 or chars[i - 1] == "v" else "v"
    return "".join(chars)


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in ``stem``."""
    return _pattern(stem).count("vc")


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y ("hop", not "snow")."""
    if len(word) == 2:
        return _pattern(word) == "vc"
    if len(word) < 3:
        return False
    return _pattern(word).endswith("cvc") and word[-1] not in "wxy"


def _by_last_letter(rules: tuple[tuple[str, str], ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Rules grouped by the last letter of their suffix, in their original order."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for rule in rules:
        grouped.setdefault(rule[0][-1], []).append(rule)
    return {letter: tuple(group) for letter, group in grouped.items()}


_STEP2_BY_LETTER = _by_last_letter(_STEP2)
_STEP3_BY_LETTER = _by_last_letter(_STEP3)
_STEP4_BY_LETTER = _by_last_letter(tuple((suffix, "") for suffix in _STEP4))


def _replace(word: str, rules: dict[str, tuple[tuple[str, str], ...]]) -> str:
    """Steps 2 and 3: the first matching suffix is replaced when the stem before it has m > 0."""
    for suffix, replacement in rules.get(word[-1], ()):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + replacement if "vc" in _pattern(stem) else word
    return word


def _step1(word: str) -> str:
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-1] if len(word) == 4 else word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("ied"):
        return word[:-1] if len(word) == 4 else word[:-2]
    if word.endswith("eed"):
        return word[:-1] if "vc" in _pattern(word[:-3]) else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix):
            cv = _pattern(word)
            if "v" not in cv[: -len(suffix)]:
                continue
            word = word[: -len(suffix)]
            cv = cv[: -len(suffix)]  # a prefix's pattern is the pattern's prefix
            if word.endswith(("at", "bl", "iz")):
                return word + "e"
            if len(word) >= 2 and word[-1] == word[-2] and cv[-1] == "c" and word[-1] not in "lsz":
                return word[:-1]
            if cv.count("vc") == 1 and _cvc(word):
                return word + "e"
            return word
    return word


def _step4(word: str) -> str:
    for suffix, _ in _STEP4_BY_LETTER.get(word[-1], ()):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if _measure(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
                return stem
            return word
    return word


def porter_stem(word: str) -> str:
    """The Porter stem of a lower-case ``word`` ("sanctions" -> "sanction"); not cached."""
    if len(word) <= 2 or not word.isalpha():
        return word
    special = _SPECIAL.get(word)
    if special is not None:
        return special
    word = _step1(word)
    if word.endswith("y") and len(word) > 2 and _pattern(word[:-1])[-1] == "c":
        word = word[:-1] + "i"  # step 1c: y after a consonant becomes i
    word = _replace(word, _STEP2_BY_LETTER)
    word = _replace(word, _STEP3_BY_LETTER)
    word = _step4(word)
    if word.endswith("e"):
        m = _measure(word[:-1])
        if m > 1 or (m == 1 and not _cvc(word[:-1])):
            word = word[:-1]
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem(word: str) -> str:
    """``porter_stem`` behind a bounded LRU cache kept across articles: news vocabulary is Zipfian, so
    on a stream of different articles most words are hits (a few MB at most)."""
    return porter_stem(word)
