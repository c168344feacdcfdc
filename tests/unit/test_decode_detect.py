"""Bytes → text and format detection."""

from __future__ import annotations

import codecs

import pytest

from newsdrop.errors import UnsupportedFormatError
from newsdrop.text.decode import decode
from newsdrop.text.detect import detect_format

TEXT = "Café owners said “prices rose” by 5 € in 2024 — naïve estimates."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_common_encodings(data, encoding):
    text, found = decode(data)
    assert text == TEXT
    assert found.replace("_", "-") == encoding


def test_latin1_declared_in_content_type():
    data = "Zürich and Málaga".encode("latin-1")
    assert decode(data, "text/plain; charset=ISO-8859-1") == ("Zürich and Málaga", "iso8859-1")


def test_nul_bytes_inside_text_are_dropped():
    assert decode(b"hello\x00 world")[0] == "hello world"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n...", b"\x89PNG\r\n\x1a\n....", b"PK\x03\x04....", b"\x1f\x8b\x08\x00....",
     bytes(range(256)) * 8],
)
def test_binary_is_refused(data):
    with pytest.raises(UnsupportedFormatError):
        decode(data)


@pytest.mark.parametrize(
    ("text", "name", "content_type", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", None, None, "html"),
        ("<html lang=en><p>x</p>", "a.txt", "text/plain", "html"),
        ('{"title": "x", "text": "y"}', None, None, "json"),
        ('[{"title": "x"}]', None, None, "json"),
        ("[ad_1]\nSome article text.", "a.txt", None, "text"),
        ("# Headline\n\nBody with a [link](https://x.example).", "a.md", None, "markdown"),
        ("# Headline\n\n* one\n* two\n\n**bold** text", None, None, "markdown"),
        ("Plain text article.\n\nSecond paragraph.", None, None, "text"),
        ("Plain text.", None, "text/html", "html"),
    ],
)
def test_detect_format(text, name, content_type, expected):
    assert detect_format(text, name, content_type) == expected


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (b'<META CONTENT="text/html; CHARSET=ISO-8859-1"><p>caf\xe9</p>', None,
         ('<META CONTENT="text/html; CHARSET=ISO-8859-1"><p>café</p>', "iso8859-1")),
        ("Zürich".encode("latin-1"), "text/plain; Charset=latin-1", ("Zürich", "iso8859-1")),
        (("x" * 70_000 + "\x00y").encode(), None, ("x" * 70_000 + "y", "utf-8")),  # a NUL past the sample
        ("No NUL at all: “quoted”".encode(), "text/plain", ("No NUL at all: “quoted”", "utf-8")),
        ("Grüße aus Köln".encode("utf-16-le"), None, ("Grüße aus Köln", "utf-16-le")),
    ],
)
def test_decode_fast_paths(data, content_type, expected):
    assert decode(data, content_type) == expected


def test_control_characters_past_the_utf8_sample_still_count():
    with pytest.raises(UnsupportedFormatError):
        decode(("\x01\x02" * 40_000).encode())
