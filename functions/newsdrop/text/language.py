"""Language identification (ISO 639-1).

PLACEHOLDER (first version): a stopword vote; replaced in issue 4.
"""

from __future__ import annotations

import re

_STOPWORDS = {
    "en": "the and of to in is that for it with as was on said he she by at from",
    "de": "der die und das ist nicht ein eine zu den mit sich des auf für",
    "fr": "le la les et des est une un du que dans pour pas qui sur",
    "es": "el la los las y de que en un una por con para del se",
}
_WORD = re.compile(r"[^\W\d_]+")
_SETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}


def detect_language(text: str) -> tuple[str | None, bool]:
    """Return ``(code, confident)``; ``(None, False)`` when there is too little text."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) < 3:
        return None, False
    scores = {lang: sum(w in stop for w in words) for lang, stop in _SETS.items()}
    best = max(scores, key=scores.get)
    if scores[best] == 0:
        return None, False
    return best, scores[best] / len(words) > 0.1
