"""A large set of words held as a few strings: the words seen in lower case in a long text, kept while its
entities are read (a Python set of them costs about 100 bytes a word, this under 20)."""

from __future__ import annotations

from collections.abc import Collection

PER_SHARD = 8  # words per string on average: a look-up searches one short string


class WordSet:
    """``word in words`` for words without line breaks, built once from a collection of words. The words
    are spread over strings by their hash (so no input makes one string long: look-ups stay fast), each
    string the words joined by line breaks."""

    __slots__ = ("_shards",)

    def __init__(self, words: Collection[str]) -> None:
        size = max(1, len(words) // PER_SHARD)
        groups: list[list[str]] = [[] for _ in range(size)]
        for word in words:
            groups[hash(word) % size].append(word)
        self._shards = ["\n" + "\n".join(group) + "\n" if group else "" for group in groups]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or "\n" in word:  # no word of the set holds a line break
            return False
        return f"\n{word}\n" in self._shards[hash(word) % len(self._shards)]

    def __len__(self) -> int:
        return sum(max(0, shard.count("\n") - 1) for shard in self._shards)

    def clear(self) -> None:
        self._shards = [""]
