"""Fingerprints of the cleaned text: exact (sha256) and near-duplicate (simhash)."""

from __future__ import annotations

import hashlib
import re

from newsdrop.models import Fingerprint

_TOKEN = re.compile(r"\w+")
_MASK = (1 << 64) - 1
MAX_SHINGLES = 4096


def _hash64(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big")


def simhash(text: str, shingle: int = 3) -> int:
    """64-bit Charikar simhash over word shingles; near-identical texts differ in few bits."""
    tokens = [t.casefold() for t in _TOKEN.findall(text)]
    if not tokens:
        return 0
    grams = (
        [" ".join(tokens[i : i + shingle]) for i in range(len(tokens) - shingle + 1)]
        if len(tokens) >= shingle
        else [" ".join(tokens)]
    )
    hashes = [_hash64(gram) for gram in grams]
    if len(hashes) > MAX_SHINGLES:  # keep cost flat on huge inputs: a content-defined sample
        stride = -(-len(hashes) // MAX_SHINGLES)
        hashes = [h for h in hashes if h % stride == 0] or hashes[:MAX_SHINGLES]
    weights = [0] * 64
    for h in hashes:
        for bit in range(64):
            weights[bit] += 1 if (h >> bit) & 1 else -1
    value = 0
    for bit, weight in enumerate(weights):
        if weight > 0:
            value |= 1 << bit
    return value & _MASK


def fingerprint(text: str) -> Fingerprint:
    """Both fingerprints of ``text`` as lower-case hex."""
    return Fingerprint(
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        simhash=f"{simhash(text):016x}",
    )
