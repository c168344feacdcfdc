"""Text statistics: characters, words, sentences, paragraphs, reading time."""

from __future__ import annotations

from newsdrop.models import Stats
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence

_WORD = LazyPattern(r"\w+(?:['’]\w+)*")
WORDS_PER_MINUTE = 238  # average silent reading speed for non-fiction (Brysbaert, 2019)


def text_stats(text: str, sentences: list[Sentence]) -> Stats:
    """Count what a reader would count in ``text``."""
    words = _WORD.subn("", text)[1]  # counted in C, without a list of every word
    paragraphs = sum(1 for block in text.split("\n\n") if block.strip())
    return Stats(
        characters=len(text),
        words=words,
        sentences=len(sentences),
        paragraphs=paragraphs,
        reading_time_minutes=round(words / WORDS_PER_MINUTE, 1),
    )
