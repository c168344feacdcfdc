"""Extractive summary. PLACEHOLDER (first version): lead sentences; replaced in issue 5."""

from __future__ import annotations

from newsdrop.text.sentences import Sentence


def extractive_summary(
    text: str, sentences: list[Sentence], title: str | None = None, max_sentences: int = 3, max_words: int = 75
) -> str:
    """Up to ``max_sentences`` whole sentences and about ``max_words`` words."""
    chosen: list[str] = []
    words = 0
    for sentence in sentences:
        n = len(sentence.text.split())
        if chosen and words + n > max_words:
            break
        chosen.append(sentence.text)
        words += n
        if len(chosen) >= max_sentences:
            break
    return " ".join(chosen)
