"""Clean an article body: repair unicode, drop junk lines, fix spacing.

PLACEHOLDER (first version): replaced by the full cleaner of issue 4.
``clean_text`` must be idempotent: cleaning clean text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata

from newsdrop.text.document import Cleaning
from newsdrop.text.junk import JUNK_LINE, SHORTCODE

_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?])(?=\s|$)")
_DOUBLE_PUNCT = re.compile(r"([.!?])\s*\.(?=\s|$)")
_MULTI_SPACE = re.compile(r"[ \t\u00a0]{2,}")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_text(text: str, cleaning: Cleaning | None = None) -> str:
    """Return the cleaned body, paragraphs separated by one blank line."""
    cleaning = cleaning if cleaning is not None else Cleaning()
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text, n = _ZERO_WIDTH.subn("", text)
    cleaning.record("invisible_characters", None, n)
    paragraphs = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        without, n = SHORTCODE.subn("", stripped)
        if n:
            cleaning.record("ad_shortcode", stripped, n)
            stripped = without.strip()
            if not stripped:
                continue
        if JUNK_LINE.fullmatch(stripped):
            cleaning.record("trailer", stripped)
            continue
        fixed, n1 = _SPACE_BEFORE_PUNCT.subn(r"\1", stripped)
        fixed, n2 = _DOUBLE_PUNCT.subn(r"\1", fixed)
        fixed, n3 = _MULTI_SPACE.subn(" ", fixed)
        if n1 + n2 + n3:
            cleaning.record("spacing", stripped, n1 + n2 + n3)
        paragraphs.append(fixed)
    return "\n\n".join(paragraphs)
