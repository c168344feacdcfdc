"""Fingerprints are a stored contract: these values were computed by the first implementation."""

from __future__ import annotations

import pytest

from newsdrop.text import fingerprint as fp

CASES = {
    "": ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "0000000000000000"),
    "Hello": ("185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969", "a7b6eda801e5347d"),
    "Hello, World": ("03675ac53ff9cd1535ccc7dfcdfa2c458c5218371f418dc136f2d19ac1fbe8a5", "878633aa32a3b150"),
    "The quick fox": ("81223da6557410253c6e8cfdd8d1fb569cbf00078b475591a617e4c740e3b9ba", "42608efda9c68aff"),
    "The council voted on Tuesday to approve a new budget, the mayor said.": (
        "330cc98397df9d0911b80aac1a3eb7420bee393291ae9251818ff2c6e91f7244",
        "796761c2ee97fb99",
    ),
    "“We will never close the door,” she said — Moscow’s answer… came İstanbul ΣΟΦΙΑ Straße.": (
        "44127dd60585a2d6ab3dc7f8c906016f522e7f7f77a41b6aabbfd5651933782e",
        "f9daf87134809b36",
    ),
    "Le conseil municipal a approuvé mardi un nouveau budget. Ça coûte 12,5 € à l'État.": (
        "0e4a1beae27d0be2962d5476063fef57a55fde13aeb383671389ba64a742d6a8",
        "c201eec0b1b50028",
    ),
    "市议会周二投票通过了一项新预算，增加了学校和道路的开支。": (
        "4ab33a4f77888151bfc9f8304626ceb8b7c2e71762eb7a482896daee2fd58dc3",
        "9052179b2c54a7f5",
    ),
    "snake_case and CamelCase_x with 3.5% and \u00a0nbsp\u2009thin ½ ² ª": (
        "48230ad250421e14ff703211937394a68865cbf9794d42bf76361d688a9aa675",
        "043713b0468ed684",
    ),
}


@pytest.mark.parametrize(("text", "expected"), sorted(CASES.items()))
def test_values_are_stable(text: str, expected: tuple[str, str]) -> None:
    result = fp.fingerprint(text)
    assert (result.sha256, result.simhash) == expected


def test_large_text_is_sampled_to_the_same_value() -> None:
    text = " ".join(f"Word{i % 7919} w{i}" for i in range(12000))  # 24,000 words, several chunks
    assert fp.fingerprint(text).simhash == "d2fe64301547f65c"


@pytest.mark.parametrize(
    ("limit", "text", "expected"),
    [
        (2, "The council voted on Tuesday to approve a new budget, the mayor said.", "4142018e2b00100a"),
        (5, "“We will never close the door,” she said — Moscow’s answer… came İstanbul ΣΟΦΙΑ Straße.",
         "6c10401104c09136"),
    ],
)
def test_sampling_path(monkeypatch: pytest.MonkeyPatch, limit: int, text: str, expected: str) -> None:
    monkeypatch.setattr(fp, "MAX_SHINGLES", limit)
    assert f"{fp.simhash(text):016x}" == expected


@pytest.mark.parametrize("size", [1, 7, 64, 100_000])
def test_chunk_size_does_not_change_the_value(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    text = "Aa bb, Çc — dd’ee ff. " * 50
    expected = fp.fingerprint(text)
    monkeypatch.setattr(fp, "CHUNK_CHARACTERS", size)
    monkeypatch.setattr(fp._chunks, "__defaults__", (size,))
    assert fp.fingerprint(text) == expected


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Moscow’s “answer”", [b"moscow", b"s", b"answer"]),
        ("İstanbul ΣΑΣ Straße", ["i̇stanbul".encode(), "σασ".encode(), b"strasse"]),
        ("a_b 3.5% ½x", [b"a_b", b"3", b"5", "½x".encode()]),
        ("  \u00a0\u2009 ", []),
    ],
)
def test_tokens_are_casefolded_words(text: str, tokens: list[bytes]) -> None:
    assert fp._tokens(text) == tokens


def _naive_majority(blob: bytes, count: int) -> int:
    value = 0
    for bit in range(64):
        ones = sum(int.from_bytes(blob[i * 8 : i * 8 + 8], "big") >> bit & 1 for i in range(count))
        if 2 * ones > count:
            value |= 1 << bit
    return value


@pytest.mark.parametrize(
    ("count", "mask_bytes"),
    [(1, 4096), (2, 4096), (7, 4096), (300, 4096), (5, 4), (4, 4), (3, 4)],
)
def test_majority_bits_count_every_bit_column(
    monkeypatch: pytest.MonkeyPatch, count: int, mask_bytes: int
) -> None:
    import hashlib

    monkeypatch.setattr(fp, "_MASK_BYTES", mask_bytes)
    blob = b"".join(hashlib.blake2b(str(i).encode(), digest_size=8).digest() for i in range(count))
    assert fp._majority_bits(blob, count) == _naive_majority(blob, count)
