"""Clean an article body: repair unicode, drop junk lines, fix spacing.

The output has one paragraph per block, paragraphs separated by exactly one
blank line. A line break inside a sentence (hard-wrapped text: the line does
not end a sentence and the next starts in lower case) is joined with a space.
``clean_text`` is idempotent: cleaning clean text changes nothing.

Every step works on one line at a time, in one pass over the lines: the text is never copied
whole but for the output. ftfy runs only when the text holds a character it could fix, and then
only on the lines its fixes act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from newsdrop.text.document import Cleaning
from newsdrop.text.junk import JUNK_PREFIX_MAX_CHARS, SHORTCODE, junk_kind
from newsdrop.text.lazyre import LazyPattern
from newsdrop.text.paragraphs import join_parts

# Characters that can be mojibake or need ftfy: C1 controls, Latin-1 letters ftfy reads as
# UTF-8 bytes misdecoded, replacement marks, and the usual mojibake leads ("Ã", "â€", "Â").
_FTFY_NEEDED = LazyPattern(r"[\x80-\x9f\u00c2\u00c3\u00c5\u00d0\u00d1\u00e2\u00ef\ufffd\u20ac]")
# The printable ones, for ``in`` tests (each a fast scan, unlike a regex class over every character).
_FTFY_PRINTABLE = "\u00c2\u00c3\u00c5\u00d0\u00d1\u00e2\u00ef\ufffd\u20ac"
# zero-width space, word joiner, BOM, soft hyphen, Mongolian vowel separator, bidi embeddings;
# ZWJ and ZWNJ stay: Persian, Indic scripts and emoji need them
_INVISIBLE = LazyPattern(r"[\u200b\u2060\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069]")
_CONTROL = LazyPattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_C1 = LazyPattern(r"[\x80-\x9f]")
_NBSP = LazyPattern(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Each spacing pattern opens with its literal text, so that the regex engine skips to it.
# " ." and " ," after a non-space, before a space, a closing mark or the end: "Minister , Dmytro",
# "there. ."
_SPACE_BEFORE_PUNCT = LazyPattern(r" (?<=\S )(?=[.,]+(?:\s|$|[\"”’)]))")
# exactly two periods left by the step above ("there.."), not after a third; an ellipsis "..." stays
_DOUBLE_PERIOD = LazyPattern(r"\.\.(?<!\.\.\.)(?=\s|$|[\"”’)])")
# runs of spaces (tabs are spaces by then)
_MULTI_SPACE = LazyPattern(r"  +")
# A line ending with one of these ends a sentence; a line starting with one of the others goes on one.
_SENTENCE_END_CHARS = ".!?:;…\"”’)]"
_LOWER_START_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz(")
# ftfy may fix more once spacing is repaired: another pass runs while it could.
MAX_PASSES = 3
PARAGRAPH_BREAK = "\n\n"


def clean_text(text: str, cleaning: Cleaning | None = None) -> str:
    """Return the cleaned body, paragraphs separated by one blank line."""
    cleaning = cleaning if cleaning is not None else Cleaning()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs, altered = _first_pass(text, cleaning)
    # Every step but ftfy is idempotent: another pass runs only while ftfy could find something to
    # fix, and the text changed. A pass leaves no control character, so only the printable ones are
    # looked for; and none is there unless ftfy ran or NFC composed one (``altered``).
    if altered and _any_needs_ftfy(paragraphs) and not _joins_to(paragraphs, text):
        for attempt in range(2, MAX_PASSES + 1):
            previous, paragraphs = paragraphs, _clean_pass(_lines(paragraphs), cleaning, True)[0]
            # no paragraph holds a line break: equal lists, equal texts
            if attempt == MAX_PASSES or paragraphs == previous or not _any_needs_ftfy(paragraphs):
                break
        del previous
    # The paragraphs are the only references to their lines now: joining frees them as it goes.
    return join_parts(paragraphs, PARAGRAPH_BREAK)


def _first_pass(text: str, cleaning: Cleaning) -> tuple[list[str], bool]:
    """The first pass, ftfy on when the text holds a character of ``_FTFY_NEEDED`` (see _clean_pass).

    The printable ones are looked for first. C1 controls are not: they are unprintable, and the pass
    looks at unprintable lines anyway; when one turns up, the pass starts over with ftfy on, the
    records of the failed pass undone.
    """
    lines = text.split("\n")
    if text.isascii():
        return _clean_pass(lines, cleaning, False)
    if _needs_ftfy(text):
        return _clean_pass(lines, cleaning, True)
    before = cleaning.snapshot()
    try:
        return _clean_pass(lines, cleaning, False, watch_controls=True)
    except _NeedsFtfy:
        cleaning.restore(before)
        return _clean_pass(lines, cleaning, True)


def _joins_to(paragraphs: list[str], text: str) -> bool:
    """``PARAGRAPH_BREAK.join(paragraphs) == text``, without the joined copy."""
    pos = 0
    for i, paragraph in enumerate(paragraphs):
        if i:
            if not text.startswith(PARAGRAPH_BREAK, pos):
                return False
            pos += len(PARAGRAPH_BREAK)
        if not text.startswith(paragraph, pos):
            return False
        pos += len(paragraph)
    return pos == len(text)


def _any_needs_ftfy(paragraphs: list[str]) -> bool:
    """Whether a paragraph holds a printable character of ``_FTFY_NEEDED``."""
    return any(map(_needs_ftfy, paragraphs))


class _NeedsFtfy(Exception):
    """A pass without ftfy met a C1 control: ftfy had to run."""


def _needs_ftfy(text: str) -> bool:
    """Whether ``text`` holds a printable character of ``_FTFY_NEEDED`` (C1 controls are looked at apart)."""
    if text.isascii():
        return False
    for char in _FTFY_PRINTABLE:  # noqa: SIM110 - faster than any() over a generator
        if char in text:
            return True
    return False


def _lines(paragraphs: list[str]) -> list[str]:
    """``PARAGRAPH_BREAK.join(paragraphs).split("\\n")`` without the joined copy."""
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        lines.append(paragraph)
    return lines


def _clean_pass(
    lines: list[str],
    cleaning: Cleaning,
    ftfy: bool,
    watch_controls: bool = False,
) -> tuple[list[str], bool]:
    """One pass of every step over the lines of a text: the paragraphs it leaves, and whether ftfy ran
    or NFC changed a line (no other step brings in a character ``_FTFY_NEEDED`` looks for).

    Unicode repair (after ftfy): NFC, then invisible characters, odd spaces and controls, all of them
    unprintable, so that a printable line skips their search. Trimming can expose mojibake ftfy did
    not read in context, hence passes. ``watch_controls``: raise _NeedsFtfy on a C1 control.
    """
    altered = ftfy
    paragraphs: list[str] = []
    last = ""  # the last line of the open paragraph ("": none is open)
    wrapped: list[str] = []  # the open paragraph's lines when hard-wrapped lines were joined to it
    normalize = unicodedata.normalize
    for line in _fixed_lines(lines, cleaning) if ftfy else lines:
        if not line.isascii():
            composed = normalize("NFC", line)
            if composed is not line:
                line, altered = composed, True
        printable = line.isprintable()
        if not printable:
            if watch_controls and _C1.search(line):
                raise _NeedsFtfy
            line = _repair(line, cleaning)
        stripped = line.strip()
        if stripped and "[" in stripped:
            stripped = _without_shortcodes(stripped, cleaning)
        if stripped and len(stripped) <= JUNK_PREFIX_MAX_CHARS:
            kind = junk_kind(stripped, printable or None)
            if kind:
                cleaning.record(kind, stripped)
                stripped = ""
        if not stripped:
            if wrapped:
                _close(wrapped, paragraphs, cleaning)
            elif last:
                paragraphs.append(last)
            last = ""
            continue
        if not printable or "  " in stripped or " ." in stripped or " ," in stripped or ".." in stripped:
            stripped = _fix_spacing(stripped if printable else stripped.replace("\t", " "), cleaning)
        if last:
            if last[-1] not in _SENTENCE_END_CHARS and stripped[0] in _LOWER_START_CHARS:
                if not wrapped:
                    wrapped.append(last)
                wrapped.append(stripped)  # a hard-wrapped sentence goes on
                last = stripped
                continue
            if wrapped:
                _close(wrapped, paragraphs, cleaning)
            else:
                paragraphs.append(last)
        last = stripped
    if wrapped:
        _close(wrapped, paragraphs, cleaning)
    elif last:
        paragraphs.append(last)
    return paragraphs, altered


def _close(wrapped: list[str], paragraphs: list[str], cleaning: Cleaning) -> None:
    """Append the paragraph of the hard-wrapped lines in ``wrapped`` (then emptied) unless it is junk."""
    paragraph = " ".join(wrapped)
    wrapped.clear()
    kind = junk_kind(paragraph)
    if kind:
        cleaning.record(kind, paragraph)
        return
    paragraphs.append(paragraph)


def _repair(line: str, cleaning: Cleaning) -> str:
    """The line without invisible and control characters, odd spaces made plain."""
    line, n = _INVISIBLE.subn("", line)
    cleaning.record("invisible_characters", None, n)
    line, n = _NBSP.subn(" ", line)
    cleaning.record("spacing", None, n)
    line, n = _CONTROL.subn("", line)
    cleaning.record("invisible_characters", None, n)
    return line


def _without_shortcodes(line: str, cleaning: Cleaning) -> str:
    """The stripped line without its ad shortcodes ("" when nothing else is left)."""
    without, n = SHORTCODE.subn("", line)
    if not n:
        return line
    cleaning.record("ad_shortcode", line, n)
    return without.strip()


def _fix_spacing(line: str, cleaning: Cleaning) -> str:
    """The line with runs of spaces, spaces before "." and ",", and doubled periods fixed, in this order."""
    if "  " in line:
        line = _fix(line, _MULTI_SPACE, " ", cleaning)
    if " ." in line or " ," in line:
        line = _fix(line, _SPACE_BEFORE_PUNCT, "", cleaning)
    if ".." in line:
        line = _fix(line, _DOUBLE_PERIOD, ".", cleaning)
    return line


def _fix(line: str, pattern: LazyPattern, replacement: str, cleaning: Cleaning) -> str:
    """``pattern.sub(replacement, line)``, recorded as spacing: one sample, one count per match."""
    first = pattern.search(line)
    if not first:
        return line
    cleaning.record("spacing", line[max(0, first.start() - 30): first.end() + 10])
    if pattern.search(line, first.end()) is None:  # one match, the usual case: no second scan
        return line[:first.start()] + replacement + line[first.end():]
    line, n = pattern.subn(replacement, line)
    cleaning.record("spacing", None, n - 1)  # one more per further match
    return line


# --- ftfy ----------------------------------------------------------------------------------------


def fix_text(text: str) -> str:
    """``ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)``, the same result, faster.

    ftfy fixes the text one segment (line) at a time; a segment with none of the characters any of its
    fixes acts on, already NFC and not "bad" by ftfy's own mojibake test, comes back unchanged, so it
    is kept without the full pass. The segments and the HTML-unescaping switch follow ftfy's loop.
    """
    segments = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        segments.append(text[pos:end])
        pos = end
    return "".join(fixed for _, _, fixed in _fix_segments(segments))


def _fix_segments(segments: Iterable[str]) -> Iterator[tuple[int, str, str]]:
    """``(index, segment, fixed)`` for each piece of each of ``segments`` (lines, each with its line break)
    that ftfy's loop reads; ``fixed is segment`` when ftfy leaves it as it is."""
    from ftfy import TextFixerConfig, fix_and_explain

    config = TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
    untouched = _ftfy_untouched()
    limit = config.max_decode_length
    for index, segment in enumerate(segments):
        pieces = [segment] if len(segment) <= limit else [
            segment[k:k + limit] for k in range(0, len(segment), limit)
        ]
        for piece in pieces:
            if config.unescape_html == "auto" and "<" in piece:
                config = config._replace(unescape_html=False)
            if untouched(piece):
                yield index, piece, piece
            else:
                fixed = fix_and_explain(piece, config).text
                yield index, piece, (piece if fixed == piece else fixed)


def _fixed_lines(lines: list[str], cleaning: Cleaning) -> Iterator[str]:
    """The lines of ``fix_text("\\n".join(lines))``, a line at a time (ftfy can add or remove breaks)."""
    last = len(lines) - 1
    segments = (line if i == last else line + "\n" for i, line in enumerate(lines))
    carry: list[str] = []  # fixed text after the last line break
    recorded = False
    offset = 0  # where the current piece starts in its line
    previous = -1
    for index, piece, fixed in _fix_segments(segments):
        if index != previous:
            offset, previous = 0, index
        if fixed is piece and not carry and index != last and len(piece) == len(lines[index]) + 1:
            yield lines[index]  # the common case: a whole line ftfy leaves alone
            continue
        if fixed is not piece and not recorded:
            recorded = True
            cleaning.record("mojibake", _excerpt(lines, index, offset + _first_difference(piece, fixed)))
        offset += len(piece)
        parts = ("".join(carry) + fixed if carry else fixed).split("\n")
        rest = parts.pop()
        carry = [rest] if rest else []
        yield from parts
        if index == last and offset >= len(lines[last]):
            yield rest


def _first_difference(before: str, after: str) -> int:
    """The index of the first character of ``before`` that ``after`` changed."""
    return next((k for k, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
                min(len(before), len(after)))


def _excerpt(lines: list[str], index: int, at: int) -> str:
    """``"\\n".join(lines)`` from 20 characters before to 20 after position ``at`` of line ``index``."""
    first = max(0, index - 21)  # every line adds at least its break: 21 lines hold 20 characters
    window = "\n".join(lines[first:index + 22])
    at += sum(len(line) + 1 for line in lines[first:index])
    return window[max(0, at - 20): at + 20]


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
