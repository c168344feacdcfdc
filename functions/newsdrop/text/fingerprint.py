"""Fingerprints of the cleaned text: exact (sha256) and near-duplicate (simhash).

The simhash is Charikar's over word 3-shingles hashed with blake2b (8-byte digests). The values are a
stored contract (summaries written earlier are compared with new ones), so only the way they are
computed may change, never the values.

The text is read in chunks cut between words, so memory stays flat whatever the input size. Each
chunk becomes one casefolded, space-separated, UTF-8 encoded line whose split gives the word tokens
as bytes, so a shingle is one ``b" ".join`` and one hash. Each of the 64 bit columns is counted with
``int.bit_count`` over one byte column of the digests. Inputs with more than ``MAX_SHINGLES`` shingles
keep a content-defined sample of the digests; their shingles are counted first so the sample can be
taken while hashing, without holding every digest.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache

from newsdrop.models import Fingerprint
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.word_bytes import is_word_character, map_word_bytes

_NON_WORD = LazyPattern(r"\W")


def _ascii_fold_byte(code: int) -> int:
    """Non-ASCII bytes stay; ASCII letters fold to lower case, digits and "_" stay, the rest is a space."""
    if code >= 0x80:
        return code
    character = chr(code)
    if is_word_character(character):
        return ord(character.casefold())
    return 0x20


_ASCII_FOLD = bytes(map(_ascii_fold_byte, range(256)))
_NON_WORDS = LazyPattern(r"\W+")
MAX_SHINGLES = 4096
_MASK_BYTES = 4096  # bytes of the kept bit masks (columns of up to this many digests)
CHUNK_CHARACTERS = 4_096
_DIGEST_BYTES = 8
_BYTE_BITS = 8
_SPACE = b" "
_blake2b = hashlib.blake2b


def _hash64(value: bytes) -> int:
    return int.from_bytes(_blake2b(value, digest_size=_DIGEST_BYTES).digest(), "big")


def simhash(text: str, shingle: int = 3) -> int:
    """64-bit Charikar simhash over word shingles; near-identical texts differ in few bits."""
    stride = _stride(text, shingle)
    blob = bytearray()  # every digest end to end, or with a stride the first MAX_SHINGLES ones
    kept = bytearray()  # with a stride: the digests whose value is a multiple of it
    count = 0
    carry: list[bytes] = []
    base = _blake2b(digest_size=_DIGEST_BYTES)
    for chunk in _chunks(text):
        tokens = carry + _tokens(chunk)
        if len(tokens) < shingle:
            carry = tokens
            continue
        width = len(tokens) - shingle + 1
        grams = map(_SPACE.join, zip(*[tokens[i : width + i] for i in range(shingle)], strict=True))
        fresh = _digests(base, grams)
        if stride > 1:
            kept += b"".join([d for d in fresh if int.from_bytes(d, "big") % stride == 0])
            fresh = fresh[: max(0, MAX_SHINGLES - count)]
        blob += b"".join(fresh)
        count += width
        carry = tokens[width:]
    if not count:
        return _hash64(_SPACE.join(carry)) if carry else 0  # one shingle: its hash is the simhash
    if stride > 1:
        if kept:
            blob = kept  # else the first MAX_SHINGLES digests stand in for the sample
        count = len(blob) // _DIGEST_BYTES
    return _majority_bits(blob, count)


def _stride(text: str, shingle: int) -> int:
    """1 when every digest is kept; else the stride whose multiples leave about MAX_SHINGLES digests."""
    if (len(text) + 1) // 2 - shingle + 1 <= MAX_SHINGLES:  # a token takes a character and a gap
        return 1
    tokens = sum(len(_tokens(chunk)) for chunk in _chunks(text))
    count = tokens - shingle + 1
    return -(-count // MAX_SHINGLES) if count > MAX_SHINGLES else 1


def _digests(base: hashlib.blake2b, grams: Iterator[bytes]) -> list[bytes]:
    """The 8-byte blake2b digest of every shingle (copying a fresh state is cheaper than making one)."""
    out: list[bytes] = []
    append = out.append
    copy = base.copy
    for gram in grams:
        state = copy()
        state.update(gram)
        append(state.digest())
    return out


def _tokens(chunk: str) -> list[bytes]:
    """The casefolded word (``\\w+``) tokens of ``chunk``, UTF-8 encoded.

    ASCII is folded by one byte table (non-word bytes become spaces); then the general punctuation
    block (’ “ ” — …, all non-word) becomes spaces too, and a few other non-ASCII characters are
    folded one by one. Text of other scripts (many such characters) is split by one regex and
    casefolded whole. Folding is per character and never yields a space, so both equal splitting
    into words first and casefolding each word.
    """
    data = map_word_bytes(chunk, _ASCII_FOLD, _fold_match)
    if data is None:
        return _NON_WORDS.sub(" ", chunk).casefold().encode("utf-8", "surrogatepass").split()
    return data.split()


def _fold_match(match: re.Match[bytes]) -> bytes:
    return _fold_character(match.group())


@lru_cache(maxsize=4096)
def _fold_character(encoded: bytes) -> bytes:
    """One UTF-8 character: a space if it is no word character, else its casefolded UTF-8."""
    character = encoded.decode("utf-8", "surrogatepass")
    if not is_word_character(character):
        return b" "
    return character.casefold().encode("utf-8", "surrogatepass")


def _chunks(text: str, size: int = CHUNK_CHARACTERS) -> Iterator[str]:
    """Pieces of ``text`` of about ``size`` characters, each cut at a non-word character."""
    start = 0
    while start < len(text):
        cut = _NON_WORD.search(text, start + size) if start + size < len(text) else None
        end = cut.start() if cut else len(text)
        yield text[start:end]
        start = end


def _majority_bits(blob: bytes | bytearray, count: int) -> int:
    """The 64-bit value whose bit is set where more than half of the ``count`` digests in ``blob`` set it.

    The digests are big-endian: byte ``k`` of each (``blob[k::8]``) holds bits ``63 - 8k`` down to
    ``56 - 8k``; one mask per bit of a byte counts a bit column of all the digests at once. A mask
    longer than the column counts the same (the column's missing high bytes are zeros), so the masks
    are made once, ``_MASK_BYTES`` long, and only a larger count makes its own.
    """
    masks = _bit_masks(_MASK_BYTES) if count <= _MASK_BYTES else _bit_masks(count)
    half = count // 2  # more than half: 2 * n > count, that is n > count // 2
    value = 0
    for k in range(_DIGEST_BYTES):
        column = int.from_bytes(blob[k::_DIGEST_BYTES], "big")
        shift = _BYTE_BITS * (_DIGEST_BYTES - 1 - k)
        for bit, ones in enumerate(map(int.bit_count, map(column.__and__, masks))):
            if ones > half:
                value |= 1 << (shift + bit)
    return value


def _bit_masks(size: int, made: dict[int, list[int]] = {}) -> list[int]:  # noqa: B006 - lazy constants
    """Per bit of a byte, the ``size``-byte integer with that bit set in every byte (the
    ``_MASK_BYTES`` ones are made on first use and kept)."""
    masks = made.get(size)
    if masks is None:
        masks = [int.from_bytes(bytes((1 << bit,)) * size, "big") for bit in range(_BYTE_BITS)]
        if size == _MASK_BYTES:
            made[size] = masks
    return masks


def sha256_hex(text: str) -> str:
    """sha256 of the UTF-8 text, encoded chunk by chunk (no full-size byte copy of a large text)."""
    digest = hashlib.sha256()
    for start in range(0, len(text), CHUNK_CHARACTERS):
        digest.update(text[start : start + CHUNK_CHARACTERS].encode("utf-8"))
    return digest.hexdigest()


def fingerprint(text: str) -> Fingerprint:
    """Both fingerprints of ``text`` as lower-case hex."""
    return Fingerprint(sha256=sha256_hex(text), simhash=f"{simhash(text):016x}")
