"""Clean an article body: repair unicode, drop junk lines, fix spacing.

The output has one paragraph per block, paragraphs separated by exactly one
blank line. A line break inside a sentence (hard-wrapped text: the line does
not end a sentence and the next starts in lower case) is joined with a space.
``clean_text`` is idempotent: cleaning clean text changes nothing.
Each step is a linear scan; ftfy runs only when the text holds a character it could fix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from newsdrop.text.document import Cleaning
from newsdrop.text.junk import SHORTCODE, junk_kind
from newsdrop.text.lazyre import LazyPattern

# Characters that can be mojibake or need ftfy: C1 controls, Latin-1 letters ftfy reads as
# UTF-8 bytes misdecoded, replacement marks, and the usual mojibake leads ("Ã", "â€", "Â").
_FTFY_NEEDED = LazyPattern(r"[\x80-\x9f\u00c2\u00c3\u00c5\u00d0\u00d1\u00e2\u00ef\ufffd\u20ac]")
# zero-width space, word joiner, BOM, soft hyphen, Mongolian vowel separator, bidi embeddings;
# ZWJ and ZWNJ stay: Persian, Indic scripts and emoji need them
_INVISIBLE = LazyPattern(r"[\u200b\u2060\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069]")
_CONTROL = LazyPattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NBSP = LazyPattern(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# " ." and " ," before a space, a closing mark or the end: "Minister , Dmytro", "there. ."
_SPACE_BEFORE_PUNCT = LazyPattern(r"(?<=\S) (?=[.,]+(?:\s|$|[\"”’)]))")
# exactly two periods left by the step above ("there.."); an ellipsis "..." stays
_DOUBLE_PERIOD = LazyPattern(r"(?<![.])\.\.(?=\s|$|[\"”’)])")
_MULTI_SPACE = LazyPattern(r"[ \t]{2,}")
# (pattern, replacement, cheap test that the pattern may match), applied in this order
_SPACING_FIXES = (
    (_MULTI_SPACE, " ", lambda text: "  " in text),
    (_SPACE_BEFORE_PUNCT, "", lambda text: " ." in text or " ," in text),
    (_DOUBLE_PERIOD, ".", lambda text: ".." in text),
)
_SENTENCE_END = LazyPattern(r"[.!?:;…\"”’)\]]$")
_LOWER_START = LazyPattern(r"^[a-z(]")
# ftfy may fix more once spacing is repaired: another pass runs while it could.
MAX_PASSES = 3


def clean_text(text: str, cleaning: Cleaning | None = None) -> str:
    """Return the cleaned body, paragraphs separated by one blank line."""
    cleaning = cleaning if cleaning is not None else Cleaning()
    for _ in range(MAX_PASSES):
        cleaned = _clean_once(text, cleaning)
        if cleaned == text or cleaned.isascii() or not _FTFY_NEEDED.search(cleaned):
            return cleaned  # every step but ftfy is idempotent, and ftfy has nothing left to read
        text = cleaned
    return text


def _clean_once(text: str, cleaning: Cleaning) -> str:
    """One pass of every step. Trimming can expose mojibake ftfy did not read in context, hence passes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _repair_unicode(text, cleaning)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        stripped = _clean_line(line, cleaning)
        if stripped is None:
            _close(current, paragraphs, cleaning)
            continue
        if current and not _SENTENCE_END.search(current[-1]) and _LOWER_START.match(stripped):
            current.append(stripped)  # a hard-wrapped sentence goes on
            continue
        _close(current, paragraphs, cleaning)
        current.append(stripped)
    _close(current, paragraphs, cleaning)
    return "\n\n".join(paragraphs)


def _close(current: list[str], paragraphs: list[str], cleaning: Cleaning) -> None:
    """Append the paragraph of the lines in ``current`` (then emptied) unless the joined lines are junk."""
    if not current:
        return
    paragraph, joined = " ".join(current), len(current) > 1
    current.clear()
    if joined:
        kind = junk_kind(paragraph)
        if kind:
            cleaning.record(kind, paragraph)
            return
    paragraphs.append(paragraph)


def _repair_unicode(text: str, cleaning: Cleaning) -> str:
    """ftfy (only when needed), NFC, invisible and control characters, odd spaces."""
    if not text.isascii():
        if _FTFY_NEEDED.search(text):
            fixed = fix_text(text)
            if fixed != text:
                cleaning.record("mojibake", _first_difference(text, fixed))
                text = fixed
        text = unicodedata.normalize("NFC", text)
        text, n = _INVISIBLE.subn("", text)
        cleaning.record("invisible_characters", None, n)
        text, n = _NBSP.subn(" ", text)
        cleaning.record("spacing", None, n)
    text, n = _CONTROL.subn("", text)
    cleaning.record("invisible_characters", None, n)
    return text


def fix_text(text: str) -> str:
    """``ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)``, the same result, faster.

    ftfy fixes the text one segment (line) at a time; a segment with none of the characters any of its
    fixes acts on, already NFC and not "bad" by ftfy's own mojibake test, comes back unchanged, so it
    is kept without the full pass. The segments and the HTML-unescaping switch follow ftfy's loop.
    """
    from ftfy import TextFixerConfig, fix_and_explain

    config = TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
    untouched = _ftfy_untouched()
    out: list[str] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        end = min(end, pos + config.max_decode_length)
        segment = text[pos:end]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)
        out.append(segment if untouched(segment) else fix_and_explain(segment, config).text)
        pos = end
    return "".join(out)


@cache
def _ftfy_untouched() -> Callable[[str], bool]:
    """A test that ftfy's fix pass returns a segment unchanged (built on first use from ftfy's tables)."""
    from ftfy.badness import is_bad
    from ftfy.chardata import CONTROL_CHARS, LIGATURES

    # entities, terminal escapes, C1 controls, line breaks, surrogates, ligatures, control characters
    acted_on = "&\x1b\x80-\x9f\r\u2028\u2029\ud800-\udfff" + "".join(
        re.escape(chr(code)) for code in sorted({*CONTROL_CHARS, *LIGATURES})
    )
    may_change = re.compile(f"[{acted_on}]")

    def untouched(segment: str) -> bool:
        if may_change.search(segment):
            return False
        if segment.isascii():
            return True  # ftfy's encoding fix returns ASCII as is; ASCII is NFC
        return unicodedata.is_normalized("NFC", segment) and not is_bad(segment)

    return untouched


def _first_difference(before: str, after: str) -> str:
    """A short excerpt of ``before`` around its first character that ``after`` changed."""
    i = next((k for k, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
             min(len(before), len(after)))
    return before[max(0, i - 20): i + 20]


def _clean_line(line: str, cleaning: Cleaning) -> str | None:
    """The line with shortcodes and bad spacing fixed; None when nothing of it is article text."""
    stripped = line.strip()
    if not stripped:
        return None
    if "[" in stripped:
        without, n = SHORTCODE.subn("", stripped)
        if n:
            cleaning.record("ad_shortcode", stripped, n)
            stripped = without.strip()
            if not stripped:
                return None
    kind = junk_kind(stripped)
    if kind:
        cleaning.record(kind, stripped)
        return None
    fixed = stripped.replace("\t", " ")
    for pattern, replacement, marker in _SPACING_FIXES:
        if marker(fixed):
            first = pattern.search(fixed)
            if first:
                cleaning.record("spacing", fixed[max(0, first.start() - 30): first.end() + 10])
                fixed, n = pattern.subn(replacement, fixed)
                cleaning.counts["spacing"] += n - 1
    return fixed
