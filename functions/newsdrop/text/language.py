"""Language identification (ISO 639-1) with fastText's compact model.

``lid.176.ftz`` (917 KB, 176 languages, CC BY-SA 3.0, see NOTICE.md) ships in
``newsdrop/data`` and is read by ``fasttext-predict`` (MIT), a predict-only
build of fastText with wheels for x86_64 and arm64, no numpy and no download.
About 0.1 ms for a paragraph; the model loads on first use (~20 ms).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from itertools import islice
from typing import Any

from newsdrop.text.lazyre import LazyPattern

MODEL_FILE = "lid.176.ftz"
_LABEL = "__label__"
_LETTER = LazyPattern(r"[^\W\d_]")
# fastText's legacy or macro-language labels → the ISO 639-1 codes readers expect.
_ISO = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "no": "nb"}
MAX_CHARS = 2_000  # a few paragraphs decide; more costs time and changes nothing
MIN_LETTERS = 3
# Below these the answer is a guess: reported, but flagged not confident.
MIN_CONFIDENT_LETTERS = 40
MIN_CONFIDENT_PROBABILITY = 0.6


@lru_cache(maxsize=1)
def _model() -> Any:
    import fasttext

    path = files("newsdrop") / "data" / MODEL_FILE
    return fasttext.load_model(str(path))


def detect_language(text: str) -> tuple[str | None, bool]:
    """Return ``(code, confident)``; ``(None, False)`` when there is too little text to tell."""
    sample = " ".join(text[:MAX_CHARS].split())  # whitespace runs as one space: fastText reads one line
    letters = count_letters(sample, MIN_CONFIDENT_LETTERS)
    if letters < MIN_LETTERS:
        return None, False
    labels, probabilities = _model().predict(sample, k=1)
    if not labels:
        return None, False
    code = iso_code(labels[0].removeprefix(_LABEL))
    probability = float(probabilities[0])
    confident = probability >= MIN_CONFIDENT_PROBABILITY and letters >= MIN_CONFIDENT_LETTERS
    return code, confident


def count_letters(text: str, limit: int) -> int:
    """How many letters ``text`` holds, counting no further than ``limit`` (all the thresholds need)."""
    return sum(1 for _ in islice(_LETTER.finditer(text), limit))


def iso_code(label: str) -> str:
    """ISO 639-1 for a fastText label; languages without a two-letter code keep their ISO 639-3 code."""
    base = label.split("-")[0].lower()
    return _ISO.get(base, base)
