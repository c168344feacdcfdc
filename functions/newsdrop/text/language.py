"""Language identification (ISO 639-1) with fastText's compact model.

``lid.176.ftz`` (917 KB, 176 languages, CC BY-SA 3.0, see NOTICE.md) ships in
``newsdrop/data`` and is read by ``fasttext-predict`` (MIT), a predict-only
build of fastText with wheels for x86_64 and arm64, no numpy and no download.
About 0.1 ms for a paragraph (its time grows with the text: two short probes are read first,
see ``PROBE_CHARS``); the model loads on first use (~20 ms).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from newsdrop.text.lazyre import LazyPattern

MODEL_FILE = "lid.176.ftz"
_LABEL = "__label__"
_LETTERS = LazyPattern(r"[^\W\d_]+")
# fastText's legacy or macro-language labels → the ISO 639-1 codes readers expect.
_ISO = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "no": "nb"}
MAX_CHARS = 2_000  # a few paragraphs decide; more costs time and changes nothing
# The model's time grows with the text, so two short probes are read first: the start and the end of
# the MAX_CHARS sample. When both name the same language with at least PROBE_PROBABILITY, the whole
# sample (almost always) would too, confidently; otherwise it decides, as it would alone. The end
# probe catches a lead paragraph in another language than the body.
PROBE_CHARS = 100
PROBE_PROBABILITY = 0.8
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
    end = min(len(text), MAX_CHARS)
    if end > 4 * PROBE_CHARS:
        code = _probes(text, end)
        if code is not None:
            return code, True
    sample = " ".join(text[:MAX_CHARS].split())  # whitespace runs as one space: fastText reads one line
    letters = count_letters(sample, MIN_CONFIDENT_LETTERS)
    if letters < MIN_LETTERS:
        return None, False
    code, probability = _predict(sample)
    if code is None:
        return None, False
    confident = probability >= MIN_CONFIDENT_PROBABILITY and letters >= MIN_CONFIDENT_LETTERS
    return code, confident


def _probes(text: str, end: int) -> str | None:
    """The language both probes of the sample ``text[:end]`` agree on confidently, else None.

    Each probe is normalized from a short slice: the sample's first and last PROBE_CHARS characters,
    however the slices cut a word (the normalized slices are its prefix and its suffix).
    """
    size = 2 * PROBE_CHARS
    head = " ".join(text[:size].split())
    tail = " ".join(text[end - size : end].split())
    if len(head) <= PROBE_CHARS or len(tail) <= PROBE_CHARS:
        return None
    first = head[:PROBE_CHARS]
    if count_letters(first, MIN_CONFIDENT_LETTERS) < MIN_CONFIDENT_LETTERS:
        return None
    code, probability = _predict(first)
    if code is None or probability < PROBE_PROBABILITY:
        return None
    last, probability = _predict(tail[-PROBE_CHARS:])
    return code if last == code and probability >= PROBE_PROBABILITY else None


def _predict(line: str) -> tuple[str | None, float]:
    """The model's best language for one line of text and its probability."""
    labels, probabilities = _model().predict(line, k=1)
    if not labels:
        return None, 0.0
    return iso_code(labels[0].removeprefix(_LABEL)), float(probabilities[0])


def count_letters(text: str, limit: int) -> int:
    """How many letters ``text`` holds, counting no further than ``limit`` (all the thresholds need)."""
    count = 0
    for run in _LETTERS.finditer(text):  # runs of letters: a few words reach the limit
        count += run.end() - run.start()
        if count >= limit:
            return limit
    return count


def iso_code(label: str) -> str:
    """ISO 639-1 for a fastText label; languages without a two-letter code keep their ISO 639-3 code."""
    base = label.split("-")[0].lower()
    return _ISO.get(base, base)
