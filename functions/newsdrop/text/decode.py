"""Bytes → str: BOMs, UTF-8, UTF-16, legacy single-byte charsets; binary refused.

Binary formats (PDF, images, archives) are recognized by their magic numbers
and refused with ``unsupported_format`` instead of being decoded to garbage.
"""

from __future__ import annotations

import codecs
import re

from newsdrop.errors import UndecodableError, UnsupportedFormatError
from newsdrop.text.lazyre import LazyPattern

# Magic numbers of binary formats people upload by mistake.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"%PDF-": "PDF",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"PK\x03\x04": "ZIP",
    b"PK\x05\x06": "ZIP",
    b"\x1f\x8b": "gzip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"Rar!\x1a\x07": "RAR",
    b"\x7fELF": "ELF",
    b"RIFF": "RIFF",
    b"\xd0\xcf\x11\xe0": "OLE2 (Office)",
    b"OggS": "Ogg",
    b"\x00\x00\x01\x00": "ICO",
    b"wOFF": "WOFF",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = tuple(BINARY_SIGNATURES)
_CHARSET = LazyPattern(rb"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Control characters (all ASCII): in UTF-8 each is one byte no other character uses, so they are
# counted on the encoded sample with bytes.translate, in C, instead of with a regex over the text.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
SNIFF_BYTES = 64 * 1024
WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})
TIE = 0.01
MAX_CONTROL_SHARE = 0.05
MAX_NUL_SHARE = 0.25  # stray NULs in text are dropped; a quarter of them means binary


def sniff_binary(data: bytes) -> str | None:
    """Name of the binary format ``data`` starts with, or None."""
    if not data.startswith(_SIGNATURES):
        return None
    for signature, name in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return name
    return None


def decode(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)``.

    Order: BOM, UTF-16 without BOM (NUL pattern), declared charset
    (Content-Type or an HTML meta), strict UTF-8, then charset detection.
    NUL bytes inside otherwise good text are dropped rather than refused.
    """
    binary = sniff_binary(data)
    if binary:
        raise UnsupportedFormatError(f"binary {binary} file, not an article")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _finish(data.decode(encoding, errors="replace"), encoding.replace("-sig", ""))
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _finish(data.decode(utf16, errors="replace"), utf16)
    declared = _declared_charset(data, content_type)
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return _finish(data.decode(declared), declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _finish_detected(data)
    # The bytes of strict UTF-8 are the text's own encoding: the control sniff reads them as they are.
    return _finish(text, "utf-8", data if len(text) <= SNIFF_BYTES else None)


def _finish_detected(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data[: 1024 * 1024])
    best = matches.best()
    encoding = best.encoding if best is not None else "cp1252"
    if best is not None:
        # Short Western text is as plausible in cp1250/cp1257 as in cp1252; on a tie, prefer the
        # encoding most scraped news is in.
        tied = {m.encoding for m in matches
                if m.chaos <= best.chaos + TIE and m.coherence >= best.coherence - TIE}
        if tied & WESTERN:
            encoding = "cp1252"
    if encoding in ("ascii", "utf_8"):  # detector looked only at a valid prefix
        encoding = "cp1252"
    try:
        return _finish(data.decode(encoding), encoding.replace("_", "-"))
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined; Latin-1 maps every byte, so text always comes out
    # and _finish refuses it if it is really binary.
    for fallback in ("cp1252", "latin-1"):
        try:
            return _finish(data.decode(fallback), fallback)
        except UnicodeDecodeError:
            continue
    raise UndecodableError("could not find a text encoding for the object")


def _finish(text: str, encoding: str, encoded: bytes | None = None) -> tuple[str, str]:
    """``(text, encoding)`` once the text's start is known not to be binary; stray NULs dropped.

    ``encoded`` is ``text`` in UTF-8 when the caller has it (and the text is no longer than the sample).
    """
    sample = text[:SNIFF_BYTES]
    nuls = 0
    if sample:
        if encoded is None:
            encoded = sample.encode("utf-8", "surrogatepass")
        controls = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
        nuls = encoded.count(0) if controls else 0
        if (controls - nuls) / len(sample) > MAX_CONTROL_SHARE or nuls / len(sample) > MAX_NUL_SHARE:
            raise UnsupportedFormatError("the object looks binary (too many control characters)")
    if (nuls or len(text) > SNIFF_BYTES) and "\x00" in text:
        text = text.replace("\x00", "")
    return text, encoding


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or 0 not in sample:
        return None  # UTF-16 of any script puts NULs in every other byte
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes, content_type: str | None) -> str | None:
    candidates = []
    if content_type:
        candidates.append(content_type.encode("latin-1", "replace"))
    candidates.append(data[:2048])
    for blob in candidates:
        if b"charset" not in blob.lower():  # as _CHARSET (ASCII case-insensitive) needs
            continue
        match = _CHARSET.search(blob)
        if match:
            name = match.group(1).decode("ascii", "replace").lower()
            try:
                return codecs.lookup(name).name
            except LookupError:
                continue
    return None
