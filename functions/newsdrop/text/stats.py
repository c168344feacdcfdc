"""Text statistics: characters, words, sentences, paragraphs, reading time.

A word is ``\\w+(?:['’]\\w+)*``: a run of word characters, runs joined by one apostrophe counting once.
So the count is the number of runs less the joining apostrophes. The runs are counted on the UTF-8
text chunk by chunk (``word_bytes``): ASCII non-word bytes become spaces through one byte table, the
general punctuation block (’ “ ” — …) too, a few other non-ASCII characters by their class; word bytes
become "a", and the runs are counted as the occurrences of " a". Text in other scripts (many non-ASCII
characters) is counted by one regex. No copy of the whole text and no object per word is made.
"""

from __future__ import annotations

from functools import lru_cache
from re import Match

from newsdrop.models import Stats
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.sentences import Sentence
from newsdrop.text.word_bytes import is_word_character, map_word_bytes

WORDS_PER_MINUTE = 238  # average silent reading speed for non-fiction (Brysbaert, 2019)
CHUNK_CHARACTERS = 16_384
_PARAGRAPH_BREAK = "\n\n"
_NON_SPACE = LazyPattern(r"\S")
_WORD_RUN = LazyPattern(r"\w+")
# Bytes: ASCII word characters (letters, digits, "_") become "a", other ASCII a space; others stay.
_ASCII_WORD = bytes(
    code if code >= 0x80 else 0x61 if is_word_character(chr(code)) else 0x20 for code in range(256)
)
_NON_ASCII_WORD = bytes(0x61 if code >= 0x80 else code for code in range(256))


def text_stats(text: str, sentences: list[Sentence]) -> Stats:
    """Count what a reader would count in ``text``."""
    words = count_words(text)
    return Stats(
        characters=len(text),
        words=words,
        sentences=len(sentences),
        paragraphs=count_paragraphs(text),
        reading_time_minutes=round(words / WORDS_PER_MINUTE, 1),
    )


def count_words(text: str) -> int:
    """How many ``\\w+(?:['’]\\w+)*`` words ``text`` holds."""
    size = len(text)
    if size <= CHUNK_CHARACTERS:
        runs = _word_runs(text)
    else:
        runs = 0
        for start in range(0, size, CHUNK_CHARACTERS):
            runs += _word_runs(text[start : start + CHUNK_CHARACTERS])
            # A chunk cut inside a run counted it twice: once on each side of the cut.
            if start and is_word_character(text[start - 1]) and is_word_character(text[start]):
                runs -= 1
    return runs - _joiners(text, "'") - _joiners(text, "’")


def _joiners(text: str, apostrophe: str) -> int:
    """How many ``apostrophe`` characters stand between two word characters."""
    count = 0
    find = text.find
    at = find(apostrophe, 1)
    while 0 < at < len(text) - 1:
        count += is_word_character(text[at - 1]) and is_word_character(text[at + 1])
        at = find(apostrophe, at + 1)
    return count


def _word_runs(chunk: str) -> int:
    """The number of maximal runs of word characters in ``chunk``."""
    data = map_word_bytes(chunk, _ASCII_WORD, _blank_non_word)
    if data is None:
        return _WORD_RUN.subn("", chunk)[1]  # other scripts: one regex, few long matches
    if not data.isascii():
        data = data.translate(_NON_ASCII_WORD)
    # Only "a" and " " are left: a run starts at the text's start or after a space.
    return data.count(b" a") + data.startswith(b"a")


def _blank_non_word(match: Match[bytes]) -> bytes:
    return _blank_if_not_word(match.group())


@lru_cache(maxsize=4096)
def _blank_if_not_word(encoded: bytes) -> bytes:
    """One UTF-8 character: itself when it is a word character, else a space."""
    return encoded if is_word_character(encoded.decode("utf-8", "surrogatepass")) else b" "


def count_paragraphs(text: str) -> int:
    """How many blank-line ("\\n\\n") separated blocks hold more than whitespace.

    A text of at most CHUNK_CHARACTERS is split (three calls in C: the blocks, the empty ones, the
    blank ones); a longer one is read block by block, not copied.
    """
    if len(text) <= CHUNK_CHARACTERS:
        blocks = text.split(_PARAGRAPH_BREAK)
        return len(blocks) - blocks.count("") - sum(map(str.isspace, blocks))
    find = text.find
    search = _NON_SPACE.search
    size = len(text)
    count = 0
    start = 0
    while True:
        end = find(_PARAGRAPH_BREAK, start)
        stop = size if end < 0 else end
        if start < stop and not text[start].isspace():
            count += 1  # the usual block: text right after the break
        elif search(text, start, stop) is not None:
            count += 1
        if end < 0:
            return count
        start = end + 2
