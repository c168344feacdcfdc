"""Fingerprints of the cleaned text: exact (sha256) and near-duplicate (simhash).

The simhash is Charikar's over word 3-shingles hashed with blake2b. The text is read in chunks
(cut between words), so memory stays flat whatever the input size: only the 8-byte digests are kept.
Each of the 64 bit columns is then counted with one mask and ``int.bit_count`` over all digests laid
end to end as one integer, instead of a Python loop over bits.
"""

from __future__ import annotations

import hashlib
import sys
from array import array

from newsdrop.models import Fingerprint
from newsdrop.text.lazyre import LazyPattern

_TOKEN = LazyPattern(r"\w+")
_NON_WORD = LazyPattern(r"\W")
_MASK = (1 << 64) - 1
MAX_SHINGLES = 4096
CHUNK_CHARACTERS = 65_536
_DIGEST_BYTES = 8
_WORD_BITS = 8 * _DIGEST_BYTES
_blake2b = hashlib.blake2b


def _hash64(value: str) -> int:
    return int.from_bytes(_blake2b(value.encode("utf-8"), digest_size=_DIGEST_BYTES).digest(), "big")


def simhash(text: str, shingle: int = 3) -> int:
    """64-bit Charikar simhash over word shingles; near-identical texts differ in few bits."""
    digests = bytearray()
    count = 0
    carry: list[str] = []
    for chunk in _chunks(text):
        tokens = carry + _tokens(chunk)
        if len(tokens) < shingle:
            carry = tokens
            continue
        columns = (tokens[i : len(tokens) - shingle + 1 + i] for i in range(shingle))
        grams = map(" ".join, zip(*columns, strict=True))
        digests += b"".join([_blake2b(g.encode("utf-8"), digest_size=_DIGEST_BYTES).digest() for g in grams])
        count += len(tokens) - shingle + 1
        carry = tokens[len(tokens) - shingle + 1 :]
    if not count:
        if not carry:
            return 0
        return _hash64(" ".join(carry))  # one shingle: the simhash of one hash is the hash
    if count > MAX_SHINGLES:  # keep cost flat on huge inputs: a content-defined sample
        digests, count = _sample(bytes(digests), count)
    return _majority_bits(bytes(digests), count)


def _tokens(chunk: str) -> list[str]:
    """Casefolded word tokens; casefolding ASCII text first gives the same tokens, in one call."""
    if chunk.isascii():
        return _TOKEN.findall(chunk.casefold())
    return [t.casefold() for t in _TOKEN.findall(chunk)]


def _chunks(text: str, size: int = CHUNK_CHARACTERS):
    """Pieces of ``text`` of about ``size`` characters, each cut at a non-word character."""
    start = 0
    while start < len(text):
        cut = _NON_WORD.search(text, start + size) if start + size < len(text) else None
        end = cut.start() if cut else len(text)
        yield text[start:end]
        start = end


def _sample(blob: bytes, count: int) -> tuple[bytes, int]:
    """The digests whose value is a multiple of the stride that leaves about MAX_SHINGLES of them."""
    stride = -(-count // MAX_SHINGLES)
    values = array("Q", blob)
    if sys.byteorder == "little":
        values.byteswap()  # digests are read big-endian
    kept = array("Q", [v for v in values if v % stride == 0])
    if not kept:
        return blob[: MAX_SHINGLES * _DIGEST_BYTES], MAX_SHINGLES
    if sys.byteorder == "little":
        kept.byteswap()
    return kept.tobytes(), len(kept)


def _majority_bits(blob: bytes, count: int) -> int:
    """The 64-bit value whose bit is set where more than half of the digests in ``blob`` set it."""
    words = int.from_bytes(blob, "big")
    ones = ((1 << (_WORD_BITS * count)) - 1) // _MASK  # bit 0 of every 64-bit word
    value = 0
    for bit in range(_WORD_BITS):
        if 2 * (words & (ones << bit)).bit_count() > count:
            value |= 1 << bit
    return value


def fingerprint(text: str) -> Fingerprint:
    """Both fingerprints of ``text`` as lower-case hex."""
    return Fingerprint(
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        simhash=f"{simhash(text):016x}",
    )
